"""Edited workbooks come back as assumptions that rebuild the same model; changed structure is refused."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from builder.commands.build import build
from builder.commands.extract import ExtractError, extract
from builder.validation.loader import parse
from builder.audit.recalc import recalculate
from conftest import named_values, needs_libreoffice

EDITS = {  # Assumptions row label (English) -> column -> new value
    "Share price": {"D": 10.5},
    "From Xiaomi: growth [Base]": {"G": 0.8},
    "Gross margin [Base]": {"H": 0.22},
    "Selling & marketing: % of revenue": {"F": 0.07},
    "Receivables: % of revenue": {"G": 0.25},
    "Microsoft (MSFT.O): market cap": {"D": 31000},
    "Amazon (AMZN.O): revenue": {"G": 7000},
    "Amazon (AMZN.O): market cap": {"D": 22000},
    "Target P/S [Bear]": {"D": 3.5},
}


def edit(xlsx: Path, out: Path, edits=EDITS) -> Path:
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["Assumptions"]
    rows = {row[1].value: row[1].row for row in ws.iter_rows() if row[1].value}
    for label, cells in edits.items():
        for col, value in cells.items():
            cell = ws[f"{col}{rows[label]}"]
            assert cell.data_type != "f", (label, col)
            cell.value = value
    wb.save(out)
    return out


def test_unedited_workbook_gives_back_its_assumptions(xlsx):
    from builder.validation.loader import default_example, load
    assert parse(extract(xlsx)) == load(default_example())


def test_edits_land_in_the_right_fields(xlsx, tmp_path):
    data = extract(edit(xlsx, tmp_path / "edited.xlsx"))
    assert data["market"]["price"]["value"] == 10.5
    assert data["revenue"]["segments"][1]["growth"]["values"][1] == 0.8
    assert data["cost_of_revenue"]["gross_margin"]["values"][2] == 0.22
    assert data["opex"][0]["driver"]["values"][0] == 0.07
    amazon = data["valuation"]["peers"][0]
    assert amazon["market_cap"] == 22000 and amazon["revenue"]["2025"] == 7000
    assert data["scenarios"]["cases"][0]["overrides"]["valuation.target_multiple"] == 3.5


@needs_libreoffice
def test_round_trip_through_libreoffice(xlsx, tmp_path):
    """Edit inputs, recalculate in LibreOffice, extract, rebuild: same values on every named line."""
    edited = edit(xlsx, tmp_path / "edited.xlsx")
    [engine] = recalculate([edited], tmp_path / "lo")
    data = extract(engine)  # from LibreOffice's re-saved file
    out = tmp_path / "rebuilt"
    out.mkdir()
    build(parse(data), out)
    rebuilt = named_values(openpyxl.load_workbook(out / "kingsoft_cloud.xlsx", data_only=True))
    recalculated = named_values(openpyxl.load_workbook(engine, data_only=True))
    assert rebuilt.keys() == recalculated.keys()
    for name, want in recalculated.items():
        got = rebuilt[name]
        if isinstance(want, list):
            for g, w in zip(got, want):
                if isinstance(w, (int, float)) and not isinstance(w, bool):
                    assert g == pytest.approx(w, rel=1e-9, abs=1e-6), name
                else:
                    assert g == w, name
        elif isinstance(want, float):
            assert got == pytest.approx(want, rel=1e-9, abs=1e-6), name
        else:
            assert got == want, name
    assert rebuilt["VAL_target_price_hkd"] != pytest.approx(12.977, abs=1e-3)  # the edits did move it


def test_overwritten_formula_is_refused_with_its_cell(xlsx, tmp_path):
    wb = openpyxl.load_workbook(xlsx)
    wb["P&L"]["G6"] = 12345
    path = tmp_path / "plugged.xlsx"
    wb.save(path)
    with pytest.raises(ExtractError) as e:
        extract(path)
    assert "P&L!G6" in str(e.value) and "overwritten by a value" in str(e.value)


def test_inserted_row_is_refused(xlsx, tmp_path):
    wb = openpyxl.load_workbook(xlsx)
    wb["Balance Sheet"].insert_rows(8)
    path = tmp_path / "inserted.xlsx"
    wb.save(path)
    with pytest.raises(ExtractError) as e:
        extract(path)
    assert "Balance Sheet!B" in str(e.value) and "rows inserted or deleted" in str(e.value)


def test_invalid_edit_is_refused(xlsx, tmp_path):
    path = edit(xlsx, tmp_path / "bad.xlsx", {"Share price": {"D": -3}})
    with pytest.raises(ExtractError) as e:
        extract(path)
    assert "market.price.value" in str(e.value)


def test_not_our_workbook(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = 1
    path = tmp_path / "foreign.xlsx"
    wb.save(path)
    with pytest.raises(ExtractError) as e:
        extract(path)
    assert "not a workbook built by this tool" in str(e.value)
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a zip")
    with pytest.raises(ExtractError):
        extract(junk)


def test_inputs_and_computed_rows_of_17_significant_digits_read_back_unedited(tmp_path):
    """xlsxwriter writes 16 significant digits: an input such as 39.099999999999994 (a sum's rounding) reads
    back as 39.09999999999999; unedited, it is the same input, and a DCF scenario's computed free cash flows
    (no input field behind them) are not taken for edits of the model's structure."""
    from other_company import acme
    d = acme()
    d["balance_sheet"][0]["actuals"]["values"][0] = 29.999999999999996  # first-year cash (30 less 1 ulp)
    d["balance_sheet"][7]["actuals"]["values"][0] = 14.999999999999998  # retained (15 less 1 ulp): it still ties
    assert len(repr(d["balance_sheet"][0]["actuals"]["values"][0])) > 17
    d["valuation"].update(multiple="DCF", dcf={"valuation_date": "2021-12-31", "first_year_end": "2022-12-31",
                                               "wacc": {"value": 0.09, "source": "t"},
                                               "terminal_growth": {"value": 0.02, "source": "t"}})
    del d["valuation"]["target_multiple"], d["valuation"]["peers"], d["valuation"]["peer_years"]
    d["scenarios"] = {"cases": [{"key": "bear", "name_zh": "悲观", "name_en": "Bear", "source": "t",
                                 "overrides": {"revenue.segments.robots.growth": [0.01] * 4}}]}
    a = parse(d)
    build(a, tmp_path, charts=False)
    assert parse(extract(tmp_path / "acme_robotics.xlsx")) == a
