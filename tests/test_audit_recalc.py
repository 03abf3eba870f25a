"""The audit's recomputation: LibreOffice recalculates, and every stored value and check must hold.

Two LibreOffice runs: the default workbook (clean), and one copy with three defects planted in
its XML so every other stored value stays: a stored result changed without changing its formula,
a tolerance input set below zero (every estimate check fails), and the share count set to 0
(the target price divides by zero).
"""
from __future__ import annotations

import pytest

from builder.audit import ERROR, audit_workbook
from conftest import needs_libreoffice
from test_audit_rules import at, estimate, link_target, single
from xlsx_edit import set_cell_xml

pytestmark = needs_libreoffice


def label_cell(wb, sheet: str, label: str, col: int = 4) -> str:
    """The cell in a column on the row whose English label (column B) is `label`."""
    ws = wb[sheet]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == label)
    return ws.cell(row, col).coordinate


def test_default_workbook_has_no_error_findings_with_recalculation(xlsx):
    findings = audit_workbook(xlsx, recalc=True)
    errors = [f for f in findings if f.severity == ERROR]
    assert not errors, "\n".join(map(str, errors[:20]))


@pytest.fixture(scope="module")
def planted(xlsx, wb_formulas, wb_values, tmp_path_factory):
    wb = wb_formulas
    tmp = tmp_path_factory.mktemp("planted")
    revenue = estimate(wb, "IS_revenue")
    stored = wb_values[revenue[0]][revenue[1]].value
    tolerance = link_target_of(wb, "Checks", label_cell(wb, "Checks", "Tolerance", col=8))
    shares = ("Assumptions", label_cell(wb, "Assumptions", "Shares outstanding"))
    step1, step2, path = tmp / "1.xlsx", tmp / "2.xlsx", tmp / "planted.xlsx"
    set_cell_xml(xlsx, step1, *revenue, repr(stored + 1000.0))  # the formula is unchanged
    set_cell_xml(step1, step2, *tolerance, "-1")
    set_cell_xml(step2, path, *shares, "0")
    return {"revenue": revenue, "stored": stored, "findings": audit_workbook(path, recalc=True)}


def link_target_of(wb, sheet, cell):
    target_sheet, ref = wb[sheet][cell].value[1:].rsplit("!", 1)
    return target_sheet.strip("'"), ref.replace("$", "")


def test_a_changed_stored_value_is_a_recalc_mismatch_at_that_cell(planted):
    sheet, cell = planted["revenue"]
    [hit] = at(planted["findings"], sheet, cell, "recalc-mismatch")
    assert hit.severity == ERROR
    assert repr(planted["stored"] + 1000.0) in hit.message and "LibreOffice" in hit.message


def test_failed_checks_and_master_check_are_reported(planted, wb_formulas):
    findings = planted["findings"]
    master = single(wb_formulas, "CHK_master")
    balance = estimate(wb_formulas, "CHK_balance", -1)
    for sheet, cell in (master, balance):
        hits = at(findings, sheet, cell, "check-false")
        assert hits and "LibreOffice" in hits[0].message, (sheet, cell)


def test_error_values_after_recalculation_are_reported(planted, wb_formulas):
    sheet, cell = single(wb_formulas, "VAL_target_price_hkd")
    hits = at(planted["findings"], sheet, cell, "error-value")
    assert hits and "#DIV/0!" in hits[0].message


def test_only_what_was_planted_is_reported(planted, wb_formulas):
    """Nothing outside the three defects' consequences: no rule findings, only recalc-time ones, and the
    Cover's thesis now disagreeing with the changed stored 2024 revenue (the prose quotes it)."""
    rules = {f.rule for f in planted["findings"]}
    assert rules <= {"recalc-mismatch", "check-false", "error-value", "prose-number"}, rules
    prose = [f for f in planted["findings"] if f.rule == "prose-number"]
    assert prose and all(f.sheet == "Cover" and "2024" in f.message for f in prose), prose
    price_input = link_target(wb_formulas, "VAL_price")
    assert not [f for f in planted["findings"] if (f.sheet, f.cell) == price_input]
