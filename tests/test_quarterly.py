"""Quarterly models: year-on-year drivers, and fiscal-year totals that sum the quarters as formulas."""
from __future__ import annotations

import openpyxl
import pytest

from builder.commands.build import build
from builder.validation.loader import parse
from builder.audit.recalc import recalculate
from conftest import engine_mismatches, named_values, needs_libreoffice
from quarterly_company import N_ACT, N_EST, quarterly


@pytest.fixture(scope="module")
def q_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("quarterly")
    result = build(parse(quarterly()), out)
    return result.model, out / "acme_quarterly.xlsx"


def test_forty_quarters_with_labels(q_build):
    m, xlsx = q_build
    labels = [p.label for p in m.periods]
    assert len(labels) == N_ACT + N_EST == 40
    assert labels[0] == "2021Q1A" and labels[N_ACT - 1] == "2023Q4A" and labels[N_ACT] == "2024Q1E"
    ws = openpyxl.load_workbook(xlsx)["P&L"]
    assert [c.value for c in ws[4]][3:5] == ["2021Q1A", "2021Q2A"]


def test_growth_is_year_on_year(q_build):
    m, _ = q_build
    robots = m.series("RB_robots")
    for t in range(N_ACT, N_ACT + N_EST):
        assert robots[t] == pytest.approx(robots[t - 4] * 1.12)
    assert m.series("RB_robots_yoy_pct")[:4] == [None] * 4


def test_fiscal_year_totals_sum_the_quarters(q_build):
    m, _ = q_build
    for key in ("IS_revenue", "IS_net_profit", "IS_adj_net_profit", "RB_revenue_total", "CF_net_cash_flow"):
        quarters, fy = m.series(key), m.series(f"{key}_fy")
        for t, p in enumerate(m.periods):
            if p.quarter == 4:
                assert fy[t] == pytest.approx(sum(quarters[t - 3:t + 1]), rel=1e-12), (key, p.label)
            else:
                assert fy[t] is None


def test_balance_sheet_balances_every_quarter_and_checks_pass(q_build):
    m, _ = q_build
    ta, tle = m.series("BS_total_assets"), m.series("BS_total_liabilities_and_equity")
    for t in range(N_ACT, N_ACT + N_EST):
        assert ta[t] == pytest.approx(tle[t], abs=1e-9)
    assert m.value("CHK_master") is True


def test_valuation_uses_the_basis_fiscal_year(q_build):
    m, _ = q_build
    fy2025 = next(t for t, p in enumerate(m.periods) if p.label == "2025Q4E")
    revenue_2025 = sum(m.series("IS_revenue")[fy2025 - 3:fy2025 + 1])
    assert m.value("VAL_basis_revenue") == pytest.approx(revenue_2025, rel=1e-12)
    assert m.value("VAL_target_price_usd") == pytest.approx(6.5 * revenue_2025 / 52, rel=1e-12)
    assert m.named()["VAL_peer_avg_ps_2025q4e"] == pytest.approx((1000 / 200 + 600 / 100) / 2)


def test_fiscal_year_totals_are_sum_formulas(q_build):
    _, xlsx = q_build
    wb = openpyxl.load_workbook(xlsx)
    sheet, ref = next(iter(wb.defined_names["IS_revenue_fy"].destinations))
    row = wb[sheet][ref.replace("$", "").split(":")[0]].row
    ws = wb[sheet]
    q4 = [c for c in ws[row][3:43] if c.value is not None]
    assert len(q4) == 10
    assert q4[0].value == "=SUM(D5:G5)".replace("5", str(wb.defined_names["IS_revenue"].attr_text.split("$")[-1]))


@needs_libreoffice
def test_libreoffice_agrees_on_the_quarterly_model(q_build, tmp_path):
    _, xlsx = q_build
    [out] = recalculate([xlsx], tmp_path)
    bad = engine_mismatches(xlsx, out)
    assert not bad, bad[:10]
    engine = named_values(openpyxl.load_workbook(out, data_only=True))
    stored = named_values(openpyxl.load_workbook(xlsx, data_only=True))
    assert engine["IS_revenue_fy"] == pytest.approx([x if x is not None else None for x in stored["IS_revenue_fy"]])
    assert engine["CHK_master"] is True


def test_quarterly_validation():
    from builder.validation.loader import AssumptionsError
    d = quarterly()
    d["years"]["actual_count"] = 2
    d["revenue"]["prior_growth"] = {"value": 0.1, "source": "t"}
    with pytest.raises(AssumptionsError) as e:
        parse(d)
    text = str(e.value)
    assert "years.actual_count" in text
    d = quarterly()
    d["revenue"]["prior_growth"] = {"value": 0.1, "source": "t"}
    with pytest.raises(AssumptionsError) as e:
        parse(d)
    assert "revenue.prior_growth: applies to annual models only" in str(e.value)
    d = quarterly()
    d["years"]["first"] = "2021Q5"
    with pytest.raises(AssumptionsError) as e:
        parse(d)
    assert "years.first" in str(e.value)


def test_audit_reads_quarter_headers_and_finds_a_planted_defect(q_build, tmp_path):
    from builder.audit import audit_workbook
    from builder.audit.headers import year_of
    assert year_of("2024Q1A") == (2024, "A") and year_of("2025Q4E") == (2025, "E")
    _, xlsx = q_build
    assert [f for f in audit_workbook(xlsx, recalc=False) if f.severity == "error"] == []
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["P&L"]
    sheet, ref = next(iter(wb.defined_names["IS_gross_profit"].destinations))
    row = int(ref.split("$")[2].split(":")[0])
    cell = ws.cell(row, 4 + N_ACT + 5)  # an estimate quarter
    cell.value = "=" + cell.value[1:].replace("+", "-", 1)
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    found = {(f.rule, f.cell) for f in audit_workbook(edited, recalc=False)}
    assert ("inconsistent-formula", cell.coordinate) in found
