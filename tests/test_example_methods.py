"""The shipped valuation-method examples (issue 12): each builds, audits clean, LibreOffice agrees with
every stored value, and its target price equals one computed here in plain Python from the file's inputs."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml

from builder.commands.cli import main
from builder.audit.recalc import recalculate
from conftest import engine_mismatches, named_values, needs_libreoffice
from xlsx_edit import set_cell_xml

EXAMPLES = Path(__file__).resolve().parent.parent / "builder" / "examples"


def inputs(name: str) -> dict:
    return yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))


def nvidia_eps(d: dict, year_index: int = 0, gross_margin: float | None = None, tax: float | None = None) -> float:
    """EPS of an estimate year from the file's actuals and drivers: basic (the default basis), which here
    equals adjusted EPS (no minorities, no adjustments: GAAP net income)."""
    revenue = d["revenue"]["segments"][0]["actuals"]["values"][-1]
    for g in d["revenue"]["segments"][0]["growth"]["values"][:year_index + 1]:
        revenue *= 1 + g
    gm = gross_margin if gross_margin is not None else d["cost_of_revenue"]["gross_margin"]["values"][year_index]
    opex = sum(c["driver"]["values"][year_index] for c in d["opex"]) * revenue
    other = d["non_operating"][0]["driver"]["values"][year_index]
    rate = tax if tax is not None else d["tax"]["effective_rate"]["values"][year_index]
    net = (revenue * gm - opex + other) * (1 - rate)
    shares = d["eps_shares_m"]["values"][len(d["years"]["actual"]) + year_index]
    return net / shares


@pytest.fixture(scope="module")
def nvidia(tmp_path_factory):
    out = tmp_path_factory.mktemp("nvidia_pe")
    assert main(["build", str(EXAMPLES / "nvidia_pe.yaml"), "--out", str(out)]) == 0
    return out / "nvidia_pe.xlsx"


def test_nvidia_pe_target_price_by_hand(nvidia):
    d = inputs("nvidia_pe")
    named = named_values(openpyxl.load_workbook(nvidia, data_only=True))
    target = d["valuation"]["target_multiple"]["value"] * nvidia_eps(d) * d["market"]["fx"]["value"]
    assert named["VAL_method"] == "P/E"
    assert named["VAL_target_price"] == pytest.approx(target, abs=1e-9)
    assert named["VAL_upside"] == pytest.approx(target / d["market"]["price"]["value"] - 1, abs=1e-12)
    assert named["CHK_master"] is True


def test_audit_is_clean(nvidia, capsys):
    assert main(["audit", str(nvidia)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


@needs_libreoffice
def test_nvidia_libreoffice_agrees_and_gross_margin_moves_the_pe_target(nvidia, tmp_path):
    [same] = recalculate([nvidia], tmp_path / "as_built")
    assert not engine_mismatches(nvidia, same)
    wb = openpyxl.load_workbook(nvidia)
    ws = wb["Assumptions"]
    # the label columns: an English-only workbook has its one language in the first
    row = next(c.row for col in ("A", "B") for c in ws[col] if c.value == "Gross margin [Base]")
    column = next(c.column_letter for c in ws[4] if c.value == "2027E")
    edited = tmp_path / "edited.xlsx"
    set_cell_xml(nvidia, edited, "Assumptions", f"{column}{row}", "0.75")
    [out] = recalculate([edited], tmp_path / "edited")
    named = named_values(openpyxl.load_workbook(out, data_only=True))
    d = inputs("nvidia_pe")
    before = d["valuation"]["target_multiple"]["value"] * nvidia_eps(d)
    after = d["valuation"]["target_multiple"]["value"] * nvidia_eps(d, gross_margin=0.75)
    assert after > before * 1.03
    assert named["VAL_target_price"] == pytest.approx(after, rel=1e-12)


def nvidia_dcf_target(d: dict, wacc: float | None = None) -> float:
    """The DCF by hand: FCFF = EBIT x (1 - tax) + D&A - capex - increase in working capital, discounted
    mid-year from the valuation date; Gordon terminal value; EV less net debt over the shares. `wacc`: a
    typed WACC instead of the file's CAPM inputs."""
    import datetime as dt
    seg = d["revenue"]["segments"][0]
    revenue, ppe = seg["actuals"]["values"][-1], 10383
    bs = {b["key"]: b for b in d["balance_sheet"]}
    prior = {k: bs[k]["actuals"]["values"][-1] for k in ("receivables", "inventories", "prepaid_other", "payables",
                                                           "accrued")}
    dcf = d["valuation"]["dcf"]
    if wacc is None:
        w_in = {k: v["value"] for k, v in dcf["wacc_inputs"].items()}
        wacc = ((1 - w_in["debt_weight"]) * (w_in["risk_free_rate"] + w_in["beta"] * w_in["equity_risk_premium"])
                + w_in["debt_weight"] * w_in["cost_of_debt"] * (1 - w_in["tax_rate"]))
    g = dcf["terminal_growth"]["value"]
    stub = (dt.date.fromisoformat(str(dcf["first_year_end"])) - dt.date.fromisoformat(str(dcf["valuation_date"]))).days
    flows, periods = [], []
    for k, growth in enumerate(seg["growth"]["values"]):
        revenue *= 1 + growth
        gm = d["cost_of_revenue"]["gross_margin"]["values"][k]
        cogs = revenue * (1 - gm)
        ebit = revenue * gm - sum(c["driver"]["values"][k] for c in d["opex"]) * revenue
        da = ppe * d["cash_flow"]["depreciation_rate"]["values"][k]
        capex = d["cash_flow"]["capex"]["values"][k] * revenue
        ppe = ppe + capex - da
        now = {"receivables": 0.18 * revenue, "inventories": 0.33 * cogs, "prepaid_other": 0.015 * revenue,
               "payables": 0.16 * cogs, "accrued": 0.10 * revenue}
        wc_cash = sum(prior[x] - now[x] for x in ("receivables", "inventories", "prepaid_other")) \
            + sum(now[x] - prior[x] for x in ("payables", "accrued"))
        prior = now
        flows.append(ebit * (1 - d["tax"]["effective_rate"]["values"][k]) + da - capex + wc_cash)
        periods.append(stub / 365 - 0.5 + k)
    ev = sum(f / (1 + wacc) ** t for f, t in zip(flows, periods))
    ev += flows[-1] * (1 + g) / (wacc - g) / (1 + wacc) ** (periods[-1] + 0.5)
    net_debt = 999 + 7469 - 10605
    return (ev - net_debt) * d["market"]["fx"]["value"] / d["market"]["shares_outstanding_m"]["value"]


@pytest.fixture(scope="module")
def nvidia_dcf(tmp_path_factory):
    out = tmp_path_factory.mktemp("nvidia_dcf")
    assert main(["build", str(EXAMPLES / "nvidia_dcf.yaml"), "--out", str(out)]) == 0
    return out / "nvidia_dcf.xlsx"


def test_nvidia_dcf_target_price_by_hand(nvidia_dcf, capsys):
    d = inputs("nvidia_dcf")
    named = named_values(openpyxl.load_workbook(nvidia_dcf, data_only=True))
    assert named["VAL_method"] == "DCF"
    assert named["VAL_target_price"] == pytest.approx(nvidia_dcf_target(d), abs=1e-9)
    assert named["VAL_net_debt"] == -2137
    assert named["VAL_equity_value"] == pytest.approx(named["VAL_enterprise_value"] + 2137, abs=1e-6)
    assert len([x for x in named["DCF_fcff"] if x is not None]) == 3
    assert len([x for x in named["DCF_discount_factor"] if x is not None]) == 3
    assert named["VAL_terminal_growth"] == 0.04 and named["VAL_wacc"] > 0.04
    assert named["CHK_dcf"] is True and named["CHK_master"] is True
    assert main(["audit", str(nvidia_dcf)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


@needs_libreoffice
def test_nvidia_dcf_libreoffice_agrees(nvidia_dcf, tmp_path):
    [out] = recalculate([nvidia_dcf], tmp_path)
    assert not engine_mismatches(nvidia_dcf, out)
    named = named_values(openpyxl.load_workbook(out, data_only=True))
    assert named["CHK_master"] is True


def mcdonalds_target(d: dict) -> float:
    """EV/EBITDA by hand: basis-year EBITDA = operating profit + D&A (opening property x depreciation rate),
    x the multiple = EV; less end-2024 net debt (debt less cash) = equity; / shares."""
    seg = d["revenue"]["segments"][0]
    bs = {b["key"]: b for b in d["balance_sheet"]}
    revenue = seg["actuals"]["values"][-1]
    fixed = bs["property_and_other"]["actuals"]["values"][-1]
    dep_rates, capex = d["cash_flow"]["depreciation_rate"]["values"], d["cash_flow"]["capex"]["values"]
    k = d["years"]["estimate"].index(d["valuation"]["basis_year"])
    for j, growth in enumerate(seg["growth"]["values"][:k + 1]):  # up to the basis year
        revenue *= 1 + growth
        da = fixed * dep_rates[j]
        fixed = fixed + capex[j] * revenue - da
    operating = revenue * d["cost_of_revenue"]["gross_margin"]["values"][k] \
        - revenue * d["opex"][0]["driver"]["values"][k]
    ebitda = operating + da
    net_debt = sum(bs[x]["actuals"]["values"][-1] for x in ("short_term_debt", "long_term_debt")) \
        - bs["cash"]["actuals"]["values"][-1]
    equity = d["valuation"]["target_multiple"]["value"] * ebitda - net_debt
    return equity * d["market"]["fx"]["value"] / d["market"]["shares_outstanding_m"]["value"]


@pytest.fixture(scope="module")
def mcdonalds(tmp_path_factory):
    out = tmp_path_factory.mktemp("mcdonalds")
    assert main(["build", str(EXAMPLES / "mcdonalds_ev_ebitda.yaml"), "--out", str(out)]) == 0
    return out / "mcdonalds_ev_ebitda.xlsx"


def test_mcdonalds_ev_ebitda_target_price_by_hand(mcdonalds, capsys):
    d = inputs("mcdonalds_ev_ebitda")
    named = named_values(openpyxl.load_workbook(mcdonalds, data_only=True))
    assert named["VAL_method"] == "EV/EBITDA"
    assert named["VAL_target_price"] == pytest.approx(mcdonalds_target(d), abs=1e-9)
    assert named["VAL_net_debt"] == 38424 - 1085
    # Peers: EV / EBITDA, average and median of the three.
    multiples = [1442.3 / 71.2, 470.6 / 24.8, 835.0 / 19.4]
    assert named["VAL_peer_avg_ev_ebitda_2025e"] == pytest.approx(sum(multiples) / 3)
    assert named["VAL_peer_median_ev_ebitda_2025e"] == pytest.approx(sorted(multiples)[1])
    assert named["CHK_master"] is True
    assert main(["audit", str(mcdonalds)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


@needs_libreoffice
def test_mcdonalds_libreoffice_agrees(mcdonalds, tmp_path):
    [out] = recalculate([mcdonalds], tmp_path)
    assert not engine_mismatches(mcdonalds, out)


@pytest.fixture(scope="module")
def nvidia_blend(tmp_path_factory):
    out = tmp_path_factory.mktemp("nvidia_blend")
    assert main(["build", str(EXAMPLES / "nvidia_blend.yaml"), "--out", str(out)]) == 0
    return out / "nvidia_blend.xlsx"


def test_nvidia_blend_target_price_by_hand(nvidia_blend, capsys):
    d = inputs("nvidia_blend")
    pe_part, dcf_part = d["valuation"]["blend"]
    pe = pe_part["target_multiple"]["value"] * nvidia_eps(d)
    dcf = nvidia_dcf_target(d)
    named = named_values(openpyxl.load_workbook(nvidia_blend, data_only=True))
    assert named["VAL_method"] == "Blend"
    assert named["VAL_target_price_pe"] == pytest.approx(pe, abs=1e-9)
    assert named["VAL_target_price_dcf"] == pytest.approx(dcf, abs=1e-9)
    assert named["VAL_weight_pe"] == 0.5 and named["VAL_weight_dcf"] == 0.5
    expected = pe_part["weight"]["value"] * pe + dcf_part["weight"]["value"] * dcf
    assert named["VAL_target_price"] == pytest.approx(expected, abs=1e-9)
    assert named["CHK_blend_weights"] is True and named["CHK_master"] is True
    assert main(["audit", str(nvidia_blend)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


@needs_libreoffice
def test_nvidia_blend_libreoffice_agrees(nvidia_blend, tmp_path):
    [out] = recalculate([nvidia_blend], tmp_path)
    assert not engine_mismatches(nvidia_blend, out)
