"""The Apple example (issue 13): reported basic EPS reproduced to the cent from reported net income and
weighted shares, P/E = price / EPS in every year, dividends and buybacks through cash and equity,
fiscal years to September, and a LibreOffice recalculation that agrees."""
from pathlib import Path

import openpyxl
import pytest

from builder.audit import audit_workbook
from builder.commands.build import build
from builder.commands.extract import extract
from builder.validation.loader import load, parse
from builder.model.assemble import build_model
from builder.audit.recalc import recalculate
from conftest import engine_mismatches, named_values, needs_libreoffice

APPLE = Path(__file__).resolve().parents[1] / "builder" / "examples" / "apple.yaml"
REPORTED_BASIC_EPS = [6.16, 6.11, 7.49]  # 10-K FY2025 statement of operations, FY2023-FY2025


@pytest.fixture(scope="module")
def apple(tmp_path_factory):
    out = tmp_path_factory.mktemp("apple")
    build(load(APPLE), out, charts=False)
    return out / "apple.xlsx"


def test_reported_eps_to_the_cent(apple):
    named = named_values(openpyxl.load_workbook(apple, data_only=True))
    assert [round(x, 2) for x in named["KPI_eps"][:3]] == REPORTED_BASIC_EPS
    assert named["IS_net_profit_parent"][:3] == [96995, 93736, 112010]


def test_pe_is_price_over_eps_every_year(apple):
    named = named_values(openpyxl.load_workbook(apple, data_only=True))
    for eps, pe in zip(named["KPI_eps"], named["KPI_pe"]):
        assert pe == pytest.approx(270.37 / eps)
    assert named["CHK_master"] is True


def test_fiscal_year_labels_and_returns():
    m = build_model(load(APPLE))
    assert [p.label for p in m.periods] == ["FY2023A", "FY2024A", "FY2025A", "FY2026E", "FY2027E", "FY2028E"]
    assert m.series("CF_dividends_paid")[:3] == [-15025, -15234, -15421]
    assert m.series("CF_buybacks")[:3] == [-77550, -94949, -90711]
    year_end = 14773.26
    for p, price in zip(range(3, 6), (270.37, 290, 310)):
        year_end -= 90000 / price
        assert m.series("KPI_shares_year_end")[p] == pytest.approx(year_end)
    assert m.series("KPI_dps")[3:] == pytest.approx([1.06, 1.10, 1.14])


def test_audit_clean_and_extract_round_trip(apple):
    assert [f for f in audit_workbook(apple, recalc=False) if f.severity in ("error", "warning")] == []
    assert parse(extract(apple)) == load(APPLE)


@needs_libreoffice
def test_libreoffice_agrees_on_the_apple_example(apple, tmp_path):
    [out] = recalculate([apple], tmp_path)
    assert not engine_mismatches(apple, out)
    named = named_values(openpyxl.load_workbook(out, data_only=True))
    assert [round(x, 2) for x in named["KPI_eps"][:3]] == REPORTED_BASIC_EPS
    for p in range(6):
        assert named["BS_total_assets"][p] == pytest.approx(named["BS_total_liabilities_and_equity"][p], abs=1)


def test_target_price_by_hand(apple):
    """P/S: target price = 9 x FY2026E revenue (each segment's FY2025 sales grown by its first growth
    rate) x FX / shares outstanding, from the file's figures written out here."""
    import yaml
    d = yaml.safe_load(APPLE.read_text(encoding="utf-8"))
    assert d["valuation"]["basis_year"] == 2026 and d["years"]["estimate"][0] == 2026
    revenue = sum(s["actuals"]["values"][-1] * (1 + s["growth"]["values"][0]) for s in d["revenue"]["segments"])
    target = 9 * revenue * 1 / 14776.353
    named = named_values(openpyxl.load_workbook(apple, data_only=True))
    assert named["VAL_target_price"] == pytest.approx(target, abs=1e-9)
    assert named["VAL_upside"] == pytest.approx(target / 270.37 - 1, abs=1e-12)
    assert named["CHK_master"] is True
