"""Valuation methods beyond P/S (issue 12): each target price recomputed by hand from the inputs of the
made-up company in `other_company.py`, in plain Python written here (not the builder's expressions)."""
from __future__ import annotations

import copy

import pytest
import yaml

from builder.commands.cli import main
from builder.validation.loader import parse
from builder.model.assemble import build_model
from conftest import libreoffice_named_values, needs_libreoffice
from other_company import acme
from quarterly_company import quarterly

# -- acme's 2022 and 2023 P&L, by hand ------------------------------------------------------------------
REV_2021 = 150 + 55
REV = {2022: 150 * 1.2 + 55 * 1.1, 2023: 150 * 1.2 * 1.15 + 55 * 1.1 * 1.1}
GROSS_MARGIN = {2022: 0.42, 2023: 0.43}
SALES = {2022: 25 * 1.05, 2023: 25 * 1.05 ** 2}
ADMIN = {2022: 13, 2023: 14}
INTEREST = {2022: -3 * 1.0, 2023: -3 * 1.0 * 1.1}


def operating_profit(year: int) -> float:
    return REV[year] * GROSS_MARGIN[year] - SALES[year] - ADMIN[year]


def adjusted_net_profit(year: int, tax_rate: float = 0.21) -> float:
    pbt = operating_profit(year) + INTEREST[year]
    return pbt * (1 - tax_rate) + 0.01 * REV[year]  # no minorities; adjustments 1% of revenue


def attributable_net_profit(year: int, tax_rate: float = 0.21) -> float:
    return (operating_profit(year) + INTEREST[year]) * (1 - tax_rate)  # no minorities


def depreciation_2023() -> float:
    ppe_2022 = 60 + 0.07 * REV[2022] - 60 * 0.15     # roll-forward: opening + capex - depreciation
    return ppe_2022 * 0.15


NET_DEBT_2021 = 40 - 60                               # loans less cash at the latest reported year end
SHARES, PRICE = 52, 25.0


def with_method(multiple: str, target: float, **valuation) -> dict:
    d = copy.deepcopy(acme())
    d["valuation"].update({"multiple": multiple, "target_multiple": {"value": target, "source": "t"}, **valuation})
    return d


PEERS_PE = [
    {"name_zh": "甲", "name_en": "Alpha", "code": "A", "currency": "USD", "market_cap": 1000,
     "net_profit": {2023: 50, 2024: 40}, "source": "t"},
    {"name_zh": "乙", "name_en": "Beta", "code": "B", "currency": "USD", "market_cap": 600,
     "net_profit": {2023: -10, 2024: 20}, "source": "t"},
    {"name_zh": "丙", "name_en": "Gamma", "code": "C", "currency": "USD", "market_cap": 900,
     "net_profit": {2023: 30, 2024: 45}, "source": "t"},
]


@pytest.mark.parametrize("basis", ["basic", "adjusted"])
def test_pe_target_price_is_multiple_times_basis_year_eps(basis):
    """EPS on the file's basis: attributable profit (default) or adjusted net profit (1% of revenue
    added back), / weighted shares."""
    d = with_method("P/E", 18, peers=PEERS_PE)
    d["report"]["eps_basis"] = basis
    model = build_model(parse(d))
    eps_2023 = (adjusted_net_profit(2023) if basis == "adjusted" else attributable_net_profit(2023)) / 52
    named = model.named()
    assert named["VAL_method"] == "P/E"
    assert named["VAL_basis_metric"] == pytest.approx(eps_2023, abs=1e-12)
    assert named["VAL_target_price"] == pytest.approx(18 * eps_2023 * 1.0, abs=1e-9)
    assert named["VAL_target_price_usd"] == named["VAL_target_price"]
    assert named["VAL_target_market_cap"] == pytest.approx(18 * eps_2023 * SHARES, abs=1e-9)
    assert named["VAL_upside"] == pytest.approx(18 * eps_2023 / PRICE - 1, abs=1e-12)
    assert named["VAL_target_multiple"] == 18
    # Peers: Beta's 2023 loss is n.m. and left out of the average and the median.
    assert named["VAL_peer_avg_pe_2023e"] == pytest.approx((1000 / 50 + 900 / 30) / 2)
    assert named["VAL_peer_median_pe_2023e"] == pytest.approx((1000 / 50 + 900 / 30) / 2)
    assert named["VAL_peer_avg_pe_2024e"] == pytest.approx((1000 / 40 + 600 / 20 + 900 / 45) / 3)
    assert named["VAL_peer_median_pe_2024e"] == pytest.approx(25.0)
    assert model.line_value("KPI_peer_1_pe", model.periods.index(next(p for p in model.periods
                                                                      if p.year == 2023))) == "n.m."
    assert named["CHK_master"] is True


def test_ev_ebitda_bridges_enterprise_value_to_the_price():
    d = with_method("EV/EBITDA", 9, investments={"value": 5, "source": "t"}, peers=[
        {"name_zh": "甲", "name_en": "Alpha", "code": "A", "currency": "USD", "market_cap": 1000, "net_debt": 100,
         "ebitda": {2023: 110, 2024: 120}, "source": "t"}])
    model = build_model(parse(d))
    named = model.named()
    ebitda = operating_profit(2023) + depreciation_2023()
    ev = 9 * ebitda
    equity = ev - NET_DEBT_2021 + 5
    assert named["IS_ebitda"][4] == pytest.approx(ebitda, abs=1e-9)
    assert named["BS_net_debt"][2] == pytest.approx(NET_DEBT_2021)
    assert named["VAL_enterprise_value"] == pytest.approx(ev, abs=1e-9)
    assert named["VAL_net_debt"] == pytest.approx(NET_DEBT_2021)
    assert named["VAL_equity_value"] == pytest.approx(equity, abs=1e-9)
    assert named["VAL_target_price"] == pytest.approx(equity * 1.0 / SHARES, abs=1e-9)
    assert named["VAL_peer_avg_ev_ebitda_2023e"] == pytest.approx((1000 + 100) / 110)
    assert named["CHK_master"] is True


def test_ev_sales_and_pb():
    ev_sales = build_model(parse(with_method("EV/Sales", 3, peers=[])))
    assert ev_sales.named()["VAL_target_price"] == pytest.approx((3 * REV[2023] - NET_DEBT_2021) / SHARES, abs=1e-9)
    pb = build_model(parse(with_method("P/B", 2.5, peers=[])))  # above 2: the default sensitivity steps are +-2x
    named = pb.named()
    equity_2023 = named["BS_total_equity"][4]  # the model's own balance sheet: checked to balance below
    assert named["CHK_balance"][4] is True
    assert named["VAL_target_price"] == pytest.approx(2.5 * equity_2023 / 52, abs=1e-9)
    assert named["CHK_master"] is True


def test_a_scenario_moves_the_pe_target_through_earnings():
    d = with_method("P/E", 18, peers=[])
    d["scenarios"] = {"cases": [{"key": "bull", "name_zh": "乐观", "name_en": "Bull", "source": "t",
                                 "overrides": {"tax.effective_rate": [0.1, 0.1, 0.1, 0.1]}}]}
    model = build_model(parse(d))
    named = model.named()
    base, bull = 18 * attributable_net_profit(2023) / 52, 18 * attributable_net_profit(2023, 0.1) / 52  # basic EPS
    assert named["VAL_target_price"] == pytest.approx(base, abs=1e-9)
    assert model.value("VAL_scenario_base_target_price_usd") == pytest.approx(base, abs=1e-9)
    assert model.value("VAL_scenario_bull_target_price_usd") == pytest.approx(bull, abs=1e-9)
    assert named["CHK_master"] is True


def test_kingsoft_keeps_its_names_beside_the_method_neutral_ones():
    from builder.validation.loader import default_example, load
    named = build_model(load(default_example())).named()
    assert named["VAL_method"] == "P/S"
    for new, old in (("VAL_target_price", "VAL_target_price_hkd"), ("VAL_target_multiple", "VAL_target_ps"),
                     ("VAL_target_market_cap", "VAL_target_market_cap_hkd_m"), ("VAL_basis_metric", "VAL_basis_revenue")):
        assert named[new] == named[old], new
    assert named["VAL_target_multiple"] == 5 and named["VAL_peer_avg_ps_2025e"] > 0
    # EBITDA = operating profit + D&A; net debt = debt lines less the cash pool (cash + restricted cash)
    assert named["IS_ebitda"][0] == named["IS_operating_profit"][0] + 1157
    assert named["IS_da"][:2] == [1157, 940]



def quarterly_pb() -> dict:
    d = quarterly()
    d["valuation"].update({"multiple": "P/B", "target_multiple": {"value": 2.5, "source": "t"}, "peers": []})
    d["per_share"] = {"book_value": "total"}
    return d


def test_pb_reads_the_per_share_book_value_at_the_year_end_quarter():
    """P/B's basis is KPI_bvps (book value per share as the per-share block states it, here on total equity
    and the year-end share count); in a quarterly model, the basis year's last quarter's (a balance)."""
    d = quarterly_pb()
    model = build_model(parse(d))
    named = model.named()
    year_end = next(t for t, p in enumerate(model.periods) if p.year == 2025 and p.year_end)
    bvps = named["BS_total_equity"][year_end] / d["market"]["shares_outstanding_m"]["value"]
    assert named["KPI_bvps"][year_end] == pytest.approx(bvps, rel=1e-12)
    assert named["VAL_basis_metric"] == pytest.approx(bvps, rel=1e-12)
    assert named["VAL_target_price"] == pytest.approx(2.5 * bvps * d["market"]["fx"]["value"], rel=1e-12)
    assert named["CHK_master"] is True


@needs_libreoffice
def test_quarterly_pb_in_libreoffice(tmp_path):
    d = quarterly_pb()
    source = tmp_path / "pb.yaml"
    source.write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    assert main(["build", str(source), "--out", str(tmp_path), "--no-charts"]) == 0
    engine = libreoffice_named_values(tmp_path / f"{d['company']['id']}.xlsx", tmp_path / "lo")
    assert engine["VAL_target_price"] == pytest.approx(build_model(parse(d)).named()["VAL_target_price"], rel=1e-9)
    assert engine["CHK_master"] is True
