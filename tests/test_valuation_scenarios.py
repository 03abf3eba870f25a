"""Scenario cases, peers and the sensitivity grid under a DCF and a blend (issue 12): each case's target price
equals one computed here in plain Python from the file's inputs with the case's overrides applied, and
LibreOffice, after the selector is switched to a case, gives that case's price through the live DCF sheet; a
blend's peers show its first multiple part's multiple; its grid moves its first two parts' own axes."""
from __future__ import annotations

import copy

import openpyxl
import pytest
import yaml

from builder.commands.cli import main
from builder.validation.loader import parse
from builder.model.assemble import build_model
from builder.audit.recalc import recalculate
from conftest import engine_mismatches, named_values, needs_libreoffice
from test_example_methods import inputs, nvidia_dcf_target, nvidia_eps

BULL_MARGIN, BEAR_MARGIN = 0.8, 0.6
BASE_WACC, BULL_WACC = 0.09, 0.085
BULL_GROWTH = 0.035


def with_cases(name: str) -> dict:
    """The example with a typed WACC and two cases: a bull case with a higher gross margin, a lower WACC and
    terminal growth; a bear case with a lower gross margin only."""
    d = copy.deepcopy(inputs(name))
    dcf = d["valuation"]["dcf"]
    del dcf["wacc_inputs"]
    dcf["wacc"] = {"value": BASE_WACC, "source": "t"}
    n = len(d["years"]["estimate"])
    d["scenarios"] = {"cases": [
        {"key": "bull", "name_en": "Bull", "source": "t",
         "overrides": {"cost_of_revenue.gross_margin": [BULL_MARGIN] * n, "valuation.dcf.wacc": BULL_WACC,
                       "valuation.dcf.terminal_growth": BULL_GROWTH}},
        {"key": "bear", "name_en": "Bear", "source": "t",
         "overrides": {"cost_of_revenue.gross_margin": [BEAR_MARGIN] * n}}]}
    return d


def case_inputs(d: dict, case: str) -> tuple[dict, float]:
    """The file as the case sees it (its gross margin and terminal growth), and its WACC."""
    out = copy.deepcopy(d)
    n = len(d["years"]["estimate"])
    if case != "base":
        out["cost_of_revenue"]["gross_margin"]["values"] = [BULL_MARGIN if case == "bull" else BEAR_MARGIN] * n
    if case == "bull":
        out["valuation"]["dcf"]["terminal_growth"]["value"] = BULL_GROWTH
    return out, BULL_WACC if case == "bull" else BASE_WACC


def dcf_by_hand(d: dict, case: str) -> float:
    seen, wacc = case_inputs(d, case)
    return nvidia_dcf_target(seen, wacc=wacc)


def blend_by_hand(d: dict, case: str) -> float:
    seen, wacc = case_inputs(d, case)
    pe_part, dcf_part = d["valuation"]["blend"]
    pe = pe_part["target_multiple"]["value"] * nvidia_eps(seen) * d["market"]["fx"]["value"]
    return pe_part["weight"]["value"] * pe + dcf_part["weight"]["value"] * nvidia_dcf_target(seen, wacc=wacc)


BY_HAND = {"nvidia_dcf": dcf_by_hand, "nvidia_blend": blend_by_hand}


@pytest.mark.parametrize("name", sorted(BY_HAND))
def test_every_case_has_its_own_target_price(name):
    d = with_cases(name)
    model = build_model(parse(d))
    named = model.named()
    prices = {c: BY_HAND[name](d, c) for c in ("base", "bull", "bear")}
    assert prices["bear"] < prices["base"] < prices["bull"]
    for c, price in prices.items():
        assert model.value(f"VAL_scenario_{c}_target_price_usd") == pytest.approx(price, abs=1e-9), c
        assert model.value(f"VAL_scenario_{c}_upside") == pytest.approx(price / d["market"]["price"]["value"] - 1,
                                                                        abs=1e-12)
    assert named["VAL_target_price"] == pytest.approx(prices["base"], abs=1e-9)
    assert model.value("VAL_scenario_bull_wacc") == BULL_WACC and model.value("VAL_scenario_base_wacc") == BASE_WACC
    assert named["CHK_scenario"] is True and named["CHK_master"] is True


def test_a_blend_shows_each_parts_price_in_every_case():
    d = with_cases("nvidia_blend")
    model = build_model(parse(d))
    seen, wacc = case_inputs(d, "bull")
    pe = d["valuation"]["blend"][0]["target_multiple"]["value"] * nvidia_eps(seen)
    assert model.value("VAL_scenario_bull_target_price_pe") == pytest.approx(pe, abs=1e-9)
    assert model.value("VAL_scenario_bull_target_price_dcf") == pytest.approx(nvidia_dcf_target(seen, wacc=wacc),
                                                                             abs=1e-9)


def test_the_live_case_is_the_models_valuation():
    d = with_cases("nvidia_dcf")
    d["scenarios"]["live"] = "bull"
    named = build_model(parse(d)).named()
    assert named["VAL_wacc"] == BULL_WACC and named["VAL_terminal_growth"] == BULL_GROWTH
    assert named["VAL_target_price"] == pytest.approx(dcf_by_hand(d, "bull"), abs=1e-9)
    assert named["CHK_master"] is True


@needs_libreoffice
@pytest.mark.parametrize("name", sorted(BY_HAND))
def test_switching_the_selector_in_libreoffice_gives_each_case(name, tmp_path, capsys):
    d = with_cases(name)
    d["company"]["id"] = "cases"
    source = tmp_path / "cases.yaml"
    source.write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    assert main(["build", str(source), "--out", str(tmp_path), "--no-charts"]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out
    built = tmp_path / "cases.xlsx"
    paths = []
    for case, label in (("bull", "Bull"), ("bear", "Bear")):
        wb = openpyxl.load_workbook(built)
        ws = wb["Assumptions"]
        # the label column: an English-only workbook has its one language in the first
        next(row[3] for row in ws.iter_rows() if "Live scenario" in (row[0].value, row[1].value)).value = label
        paths.append((case, tmp_path / f"{case}.xlsx"))
        wb.save(paths[-1][1])
    engine = recalculate([built] + [p for _, p in paths], tmp_path / "lo")
    assert not engine_mismatches(built, engine[0])
    for (case, _), out in zip(paths, engine[1:]):
        values = named_values(openpyxl.load_workbook(out, data_only=True))
        assert values["VAL_target_price"] == pytest.approx(BY_HAND[name](d, case), rel=1e-9), case
        assert values["CHK_scenario"] is True and values["CHK_master"] is True, case


PEERS = [{"name_zh": "甲", "name_en": "Alpha", "code": "A", "currency": "USD", "market_cap": 3000000,
          "net_profit": {2027: 100000, 2028: 120000}, "source": "t"},
         {"name_zh": "乙", "name_en": "Beta", "code": "B", "currency": "USD", "market_cap": 600000,
          "net_profit": {2027: -1000, 2028: 20000}, "source": "t"},
         {"name_zh": "丙", "name_en": "Gamma", "code": "C", "currency": "USD", "market_cap": 900000,
          "net_profit": {2027: 45000, 2028: 50000}, "source": "t"}]


def test_a_blends_peers_show_its_first_multiple_parts_multiple(tmp_path, capsys):
    """The blend values P/E and DCF: the peer table is P/E (market cap / net profit), Beta's 2027 loss n.m."""
    d = copy.deepcopy(inputs("nvidia_blend"))
    d["valuation"].update({"peers": PEERS, "peer_years": [2027, 2028]})
    d["company"]["id"] = "peers"
    named = build_model(parse(d)).named()
    assert named["VAL_peer_avg_pe_2027e"] == pytest.approx((3000000 / 100000 + 900000 / 45000) / 2)
    assert named["VAL_peer_avg_pe_2028e"] == pytest.approx((3000000 / 120000 + 600000 / 20000 + 900000 / 50000) / 3)
    assert named["VAL_peer_median_pe_2028e"] == pytest.approx(3000000 / 120000)
    source = tmp_path / "peers.yaml"
    source.write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    assert main(["build", str(source), "--out", str(tmp_path)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out
    summary = (tmp_path / "peers.en.md").read_text(encoding="utf-8")
    assert "| P/E 2027E | P/E 2028E |" in summary and "| 30.0x | 25.0x |" in summary
    assert "Blend 2027E" not in summary


def test_the_blend_grid_moves_each_parts_own_axis():
    """Rows: the P/E part's multiple (30x -2..+2); columns: the DCF part's WACC (-1pt..+1pt); by hand."""
    d = inputs("nvidia_blend")
    model = build_model(parse(d))
    pe_part, dcf_part = d["valuation"]["blend"]
    w_in = {k: v["value"] for k, v in d["valuation"]["dcf"]["wacc_inputs"].items()}
    wacc = ((1 - w_in["debt_weight"]) * (w_in["risk_free_rate"] + w_in["beta"] * w_in["equity_risk_premium"])
            + w_in["debt_weight"] * w_in["cost_of_debt"] * (1 - w_in["tax_rate"]))
    eps = nvidia_eps(d)
    for i, multiple_step in enumerate([-2, -1, 0, 1, 2]):
        row = model.series(f"KPI_sens_tp_blend_{i}")
        assert row[0] == part_multiple(pe_part) + multiple_step
        for j, wacc_step in enumerate([-0.01, -0.005, 0, 0.005, 0.01]):
            expected = (pe_part["weight"]["value"] * (part_multiple(pe_part) + multiple_step) * eps
                        + dcf_part["weight"]["value"] * nvidia_dcf_target(d, wacc=wacc + wacc_step))
            assert row[1 + j] == pytest.approx(expected, abs=1e-9), (i, j)
    assert model.series("KPI_sens_tp_blend_2")[3] == pytest.approx(model.named()["VAL_target_price"], abs=1e-9)


def part_multiple(part: dict) -> float:
    return part["target_multiple"]["value"]


def quarterly_dcf() -> dict:
    from quarterly_company import quarterly
    d = quarterly()
    d["valuation"].pop("target_multiple", None)
    d["valuation"].update({"multiple": "DCF", "peers": [], "peer_years": [], "dcf": {
        "valuation_date": "2024-01-15", "first_year_end": "2024-03-31", "wacc": {"value": 0.09, "source": "t"},
        "terminal_growth": {"value": 0.03, "source": "t"}, "mid_year": True}})
    return d


def test_a_quarterly_dcf_discounts_each_quarter_and_grows_the_last_four():
    """Each estimate quarter's flow discounted from the valuation date (a quarter apart, mid-quarter); terminal
    value by Gordon growth on the last four quarters' flow; by hand from the model's own flows."""
    import datetime as dt
    d = quarterly_dcf()
    model = build_model(parse(d))
    named = model.named()
    est = next(t for t, p in enumerate(model.periods) if not p.actual)
    flows = named["DCF_fcff"][est:]
    assert None not in flows and len(flows) == 28
    stub = (dt.date(2024, 3, 31) - dt.date(2024, 1, 15)).days / 365 - 0.125
    periods = [stub + k * 0.25 for k in range(len(flows))]
    assert named["DCF_discount_factor"][est:] == pytest.approx([1.09 ** -p for p in periods], rel=1e-12)
    terminal = sum(flows[-4:]) * 1.03 / (0.09 - 0.03)
    assert named["VAL_terminal_value"] == pytest.approx(terminal, rel=1e-12)
    ev = sum(f / 1.09 ** p for f, p in zip(flows, periods)) + terminal / 1.09 ** (periods[-1] + 0.125)
    net_debt = named["BS_net_debt"][est - 1]
    price = (ev - net_debt) * d["market"]["fx"]["value"] / d["market"]["shares_outstanding_m"]["value"]
    assert named["VAL_target_price"] == pytest.approx(price, abs=1e-9)
    assert named["CHK_dcf"] is True and named["CHK_master"] is True


def test_a_quarterly_dcfs_cases_each_equal_that_case_built_live():
    """The every-case table of a quarterly DCF (each case's flows computed, its last four quarters grown)
    equals the model built with that case live."""
    d = quarterly_dcf()
    n = d["years"]["estimate_count"]
    margin = d["cost_of_revenue"]["gross_margin"]["values"]
    d["scenarios"] = {"cases": [{"key": "bull", "name_zh": "乐观", "name_en": "Bull", "source": "t", "overrides": {
        "cost_of_revenue.gross_margin": [m + 0.03 for m in margin[-n:]], "valuation.dcf.wacc": 0.08}}]}
    model = build_model(parse(d))
    live = copy.deepcopy(d)
    live["scenarios"]["live"] = "bull"
    bull = build_model(parse(live)).named()
    assert model.value("VAL_scenario_bull_target_price_usd") == pytest.approx(bull["VAL_target_price"], rel=1e-12)
    assert bull["VAL_target_price"] > model.named()["VAL_target_price"]
    assert bull["CHK_master"] is True and model.named()["CHK_master"] is True


@needs_libreoffice
def test_a_quarterly_dcf_in_libreoffice(tmp_path, capsys):
    from conftest import libreoffice_named_values
    d = quarterly_dcf()
    source = tmp_path / "q.yaml"
    source.write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    assert main(["build", str(source), "--out", str(tmp_path), "--no-charts"]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out
    engine = libreoffice_named_values(tmp_path / f"{d['company']['id']}.xlsx", tmp_path / "lo")
    assert engine["CHK_master"] is True


def test_a_quarterly_dcf_needs_a_year_of_estimate_quarters():
    from builder.assumptions.valuation_rules import valuation_problems
    a = parse(quarterly_dcf())
    short = a.model_copy(update={"years": a.years.model_copy(update={"estimate_count": 3})})
    assert [p for p in valuation_problems(short) if p.startswith("years.estimate_count")] == [
        "years.estimate_count: a quarterly DCF needs at least 4 estimate quarters (its terminal value grows the "
        "last four quarters' flow)"]
    assert not [p for p in valuation_problems(a) if p.startswith("years.")]


def test_exit_multiple_cases_each_equal_that_case_built_live():
    """With an exit multiple, each case's terminal value is its multiple on its own last-year EBITDA."""
    d = with_cases("nvidia_dcf")
    dcf = d["valuation"]["dcf"]
    del dcf["terminal_growth"]
    dcf["exit_multiple"] = {"value": 20, "source": "t"}
    dcf["terminal_changes"] = {"values": [-2, -1, 0, 1, 2], "source": "t"}
    bull = d["scenarios"]["cases"][0]["overrides"]
    del bull["valuation.dcf.terminal_growth"]
    bull["valuation.dcf.exit_multiple"] = 24
    model = build_model(parse(d))
    for case in ("bull", "bear"):
        live = copy.deepcopy(d)
        live["scenarios"]["live"] = case
        named = build_model(parse(live)).named()
        assert model.value(f"VAL_scenario_{case}_target_price_usd") == pytest.approx(named["VAL_target_price"],
                                                                                   rel=1e-12), case
        assert named["CHK_master"] is True
    assert model.value("VAL_scenario_bull_exit_multiple") == 24
