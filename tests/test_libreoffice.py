"""A real spreadsheet engine agrees with every value the workbook stored."""
from __future__ import annotations

import openpyxl
import pytest

from builder.audit.recalc import recalculate
from conftest import formula_cells, needs_libreoffice, same

ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!")

pytestmark = needs_libreoffice


@pytest.fixture(scope="module")
def recalculated(xlsx, tmp_path_factory):
    [out] = recalculate([xlsx], tmp_path_factory.mktemp("lo"))
    return openpyxl.load_workbook(out, data_only=True)




def test_every_formula_cell_matches_libreoffice(wb_formulas, wb_values, recalculated):
    mismatches, count = [], 0
    for title, c in formula_cells(wb_formulas):
        count += 1
        stored = wb_values[title][c.coordinate].value
        engine = recalculated[title][c.coordinate].value
        if not same(stored, engine):
            mismatches.append(f"{title}!{c.coordinate} {c.value}: stored {stored!r}, LibreOffice {engine!r}")
    assert count > 500
    assert not mismatches, "\n".join(mismatches[:20])


def test_no_error_values_after_recalculation(wb_formulas, recalculated):
    for title, c in formula_cells(wb_formulas):
        value = recalculated[title][c.coordinate].value
        assert not (isinstance(value, str) and value in ERRORS), f"{title}!{c.coordinate} = {value}"


def test_master_check_true_in_libreoffice(wb_formulas, recalculated):
    sheet, ref = next(iter(wb_formulas.defined_names["CHK_master"].destinations))
    assert recalculated[sheet][ref.replace("$", "")].value is True


def test_an_edited_input_flows_through(xlsx, tmp_path):
    """Change the target multiple: LibreOffice recomputes the target price from the live formulas."""
    wb = openpyxl.load_workbook(xlsx)
    names = {n: next(iter(d.destinations)) for n, d in wb.defined_names.items()}
    ws = wb["Assumptions"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "Target P/S [Base]").offset(0, 2)
    assert cell.value == 5
    cell.value = 6
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    [out] = recalculate([edited], tmp_path / "lo")
    values = openpyxl.load_workbook(out, data_only=True)
    sheet, ref = names["VAL_target_price_hkd"]
    sheet_rev, ref_rev = names["IS_revenue"]
    revenue_2025 = values[sheet_rev][ref_rev.replace("$", "").split(":")[1].replace("H", "G")].value
    expected = 6 * revenue_2025 * 1.0863 / 3805.28
    assert values[sheet][ref.replace("$", "")].value == pytest.approx(expected, rel=1e-12)
