"""Each audit rule finds one planted defect at its cell, and nothing at the clean twin.

Defects are planted by editing a copy of the default workbook with openpyxl. openpyxl drops the
stored formula values when it saves, so these tests audit without recalculation; the twin is the
same copy saved without the edit. Defects that need stored values (a stored error, a failed
check) are planted in the XML inside the zip instead, which keeps every other stored value.
"""
from __future__ import annotations


import openpyxl
import pytest
from openpyxl.styles import Font, Protection
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.defined_name import DefinedName

from builder.audit import ERROR, RULES, Finding, audit_workbook
from xlsx_edit import set_cell_xml


def covers(region: str, cell: str) -> bool:
    """Whether a finding's region (`F8`, `D10:H14`, `7:7`) holds the cell."""
    if ":" not in region or not any(ch.isdigit() for ch in region.split(":")[0]) \
            or not region.split(":")[0][0].isalpha():
        return region == cell
    (c0, r0, c1, r1), (c, r, _, _) = range_boundaries(region), range_boundaries(cell)
    return c0 <= c <= c1 and r0 <= r <= r1


def at(findings: list[Finding], sheet: str, cell: str, rule: str) -> list[Finding]:
    """Findings of a rule at a cell: at it, or over a region that holds it (one finding per region)."""
    return [f for f in findings if (f.sheet, f.rule) == (sheet, rule) and (f.cell == cell or covers(f.region, cell))]


@pytest.fixture(scope="module")
def twin(xlsx, tmp_path_factory) -> list[Finding]:
    """Findings on the default workbook after an openpyxl round trip with no edit."""
    path = tmp_path_factory.mktemp("twin") / "twin.xlsx"
    openpyxl.load_workbook(xlsx).save(path)
    return audit_workbook(path, recalc=False)


# The model's rows move as it grows: find cells through the published defined names and the header.
def name_cells(wb, name: str) -> tuple[str, list[str]]:
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    cells = wb[sheet][ref.replace("$", "")]
    cells = [c for row in cells for c in row] if isinstance(cells, tuple) else [cells]
    return sheet, [c.coordinate for c in cells]


def estimate(wb, name: str, i: int = 0) -> tuple[str, str]:
    """(sheet, cell) of a line's i-th estimate year (-1: the last)."""
    sheet, cells = name_cells(wb, name)
    header = {c.column_letter: c.value for c in wb[sheet][4] if isinstance(c.value, str)}
    est = [c for c in cells if str(header.get(c.rstrip("0123456789"), "")).endswith("E")]
    return sheet, est[i]


def single(wb, name: str) -> tuple[str, str]:
    sheet, [cell] = name_cells(wb, name)
    return sheet, cell


def link_target(wb, name: str) -> tuple[str, str]:
    """The cell a one-reference link such as =Assumptions!$D$9 points at."""
    sheet, cell = single(wb, name)
    target_sheet, ref = wb[sheet][cell].value[1:].rsplit("!", 1)
    return target_sheet.strip("'"), ref.replace("$", "")


def _append(name, text, i=0):
    def edit(wb):
        sheet, cell = estimate(wb, name, i)
        wb[sheet][cell] = wb[sheet][cell].value + text
        return sheet, cell
    return edit


def _set(name, value, i=0):
    def edit(wb):
        sheet, cell = estimate(wb, name, i) if i is not None else single(wb, name)
        wb[sheet][cell] = value(wb, sheet, cell) if callable(value) else value
        return sheet, cell
    return edit


def _copy_from(name, source_i, target_i):
    """Copy a forecast formula verbatim to another year: it now reads the wrong year."""
    def edit(wb):
        sheet, source = estimate(wb, name, source_i)
        _, target = estimate(wb, name, target_i)
        wb[sheet][target] = wb[sheet][source].value
        return sheet, target
    return edit


def _style(name, **kw):
    def edit(wb):
        sheet, cell = estimate(wb, name)
        c = wb[sheet][cell]
        if "color" in kw:
            c.font = Font(name=c.font.name, size=c.font.size, color=kw["color"])
        if "locked" in kw:
            c.protection = Protection(locked=kw["locked"], hidden=c.protection.hidden)
        return sheet, cell
    return edit


def _hide_sheet(wb):
    wb["Checks"].sheet_state = "hidden"
    return "Checks", ""


def _hide_row(wb):
    sheet, cell = estimate(wb, "IS_revenue")
    row = wb[sheet][cell].row
    wb[sheet].row_dimensions[row].hidden = True
    return sheet, f"{row}:{row}"


def _hide_column(wb):
    ws = wb["Valuation"]
    note = next(c.column_letter for c in ws[4] if isinstance(c.value, str) and "Source" in c.value)
    ws.column_dimensions[note].hidden = True  # the source / note column has a <col> of its own
    return "Valuation", f"{note}:{note}"


def _iterate(wb):
    wb.calculation.iterate = True
    return "", ""


def _cycle(wb):
    sheet, cell = estimate(wb, "IS_revenue")
    _, profit = estimate(wb, "IS_adj_net_profit")
    wb[sheet][cell] = wb[sheet][cell].value + f"+0*{profit}"
    return sheet, cell


def _self_reference(wb):
    sheet, cell = estimate(wb, "BS_total_assets", -1)
    wb[sheet][cell] = wb[sheet][cell].value + f"+0*{cell}"
    return sheet, cell


def _unused_input(wb):
    sheet, cell = link_target(wb, "VAL_price")  # the share price input, in the first year column
    row = wb[sheet][cell].row
    wb[sheet].cell(row, 8, 9.5)  # column H: a second number nobody reads
    return sheet, f"H{row}"


def _input_in_black(wb):
    sheet, cell = link_target(wb, "VAL_price")  # the share price input
    c = wb[sheet][cell]
    c.font = Font(name=c.font.name, size=c.font.size, color="FF000000")
    return sheet, cell


def _missing_units(wb):
    sheet, cell = estimate(wb, "IS_revenue")
    row = wb[sheet][cell].row
    wb[sheet].cell(row, 3).value = None
    return sheet, f"C{row}"


def _nested_if(wb):
    sheet, cell = single(wb, "VAL_price")
    wb[sheet][cell] = f"=IF({cell}>0,IF(D$2,IF($D$2,{cell},0),0),0)".replace(f"IF({cell}>0", "IF(D$2")
    return sheet, cell


# case -> (edit returning the (sheet, cell) of the defect, rule expected there)
CASES = {
    "literal 1.05": (_append("IS_revenue", "*1.05"), "literal-in-formula"),
    "literal 10%": (_append("IS_gross_profit", "*(1+10%)", -1), "literal-in-formula"),
    "inconsistent": (_copy_from("IS_gross_profit", 0, 1), "inconsistent-formula"),
    "inconsistent first year": (_copy_from("RB_revenue_total", 1, 0), "inconsistent-formula"),
    "plug": (_set("IS_revenue", 123.4, 1), "plug"),
    "empty reference": (_append("IS_revenue", "+Assumptions!$Z$999"), "empty-reference"),
    "empty range": (_set("IS_revenue", "=AVERAGE(Z900:Z910)", -1), "empty-reference"),
    "#REF! in formula": (_append("IS_revenue", "*#REF!"), "error-value"),
    "missing sheet": (_append("IS_revenue", "+NoSuchSheet!A1"), "error-value"),
    "unknown name": (_append("IS_revenue", "+interest_rate"), "error-value"),
    "unparsable": (_set("IS_revenue", lambda wb, s, c: "=SUM(" + wb[s][c].value[1:]), "unparsable-formula"),
    "offset": (_set("VAL_price", lambda wb, s, c: f"=OFFSET({wb[s][c].value[1:]},0,0)", None), "volatile-function"),
    "indirect": (_set("VAL_price", '=INDIRECT("Assumptions!D9")', None), "volatile-function"),
    "today": (_set("VAL_price", "=TODAY()", None), "volatile-function"),
    "nested if": (_nested_if, "nested-if"),
    "external link": (_set("IS_revenue", "='C:\\models\\[peer.xlsx]Inputs'!$B$2"), "external-link"),
    "hidden sheet": (_hide_sheet, "hidden-sheet"),
    "hidden row": (_hide_row, "hidden-row"),
    "hidden column": (_hide_column, "hidden-column"),
    "circular": (_cycle, "circular-reference"),
    "self reference": (_self_reference, "circular-reference"),
    "iterative calculation": (_iterate, "iterative-calculation"),
    "unused input": (_unused_input, "unused-input"),
    "formula in blue": (_style("IS_gross_profit", color="FF0000FF"), "formula-styled-as-input"),
    "formula unlocked": (_style("IS_gross_profit", locked=False), "formula-styled-as-input"),
    "input in black": (_input_in_black, "input-styled-as-formula"),
    "missing units": (_missing_units, "missing-units"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_planted_defect_is_found_at_its_cell(case, xlsx, tmp_path, twin):
    edit, rule = CASES[case]
    wb = openpyxl.load_workbook(xlsx)
    sheet, cell = edit(wb)
    path = tmp_path / "defect.xlsx"
    wb.save(path)
    findings = audit_workbook(path, recalc=False)
    hits = at(findings, sheet, cell, rule)
    assert hits, f"{rule} not reported at {sheet}!{cell}: {findings}"
    assert all(f.severity == RULES[rule].severity for f in hits)
    assert not at(twin, sheet, cell, rule), "the clean twin must not have it"


def test_every_rule_without_stored_values_has_a_case():
    covered = {rule for _, rule in CASES.values()}
    needs_values = {"check-false", "recalc-mismatch", "recalc-failed", "prose-number"}  # see test_prose_numbers
    from test_audit_corpus import PLANTED_HERE  # the corpus of workbooks made for the audit plants the rest
    assert covered | needs_values | PLANTED_HERE == set(RULES)


def test_the_clean_twin_has_no_findings(twin):
    assert twin == []


STORED = {
    "stored error": (lambda wb: estimate(wb, "IS_net_profit"), "#DIV/0!", "e", "error-value"),
    "check stored FALSE": (lambda wb: estimate(wb, "CHK_balance"), "0", "b", "check-false"),
    "master check stored FALSE": (lambda wb: single(wb, "CHK_master"), "0", "b", "check-false"),
    "input typed as an error": (lambda wb: link_target(wb, "VAL_price"), "#N/A", "e", "error-value"),
}


@pytest.mark.parametrize("case", list(STORED))
def test_stored_value_defects(xlsx, wb_formulas, tmp_path, case):
    where, value, cell_type, rule = STORED[case]
    sheet, cell = where(wb_formulas)
    path = tmp_path / "stored.xlsx"
    set_cell_xml(xlsx, path, sheet, cell, value, cell_type)
    findings = audit_workbook(path, recalc=False)
    assert at(findings, sheet, cell, rule), findings
    assert all(f.severity == ERROR for f in at(findings, sheet, cell, rule))
    assert not at(audit_workbook(xlsx, recalc=False), sheet, cell, rule)


def test_defects_in_formulas_are_reported_once_per_cell(xlsx, tmp_path):
    wb = openpyxl.load_workbook(xlsx)
    sheet, cell = _append("IS_revenue", "*1.05+2")(wb)
    path = tmp_path / "two.xlsx"
    wb.save(path)
    hits = at(audit_workbook(path, recalc=False), sheet, cell, "literal-in-formula")
    assert len(hits) == 1 and "1.05" in hits[0].message and "2" in hits[0].message


def test_circular_reference_names_every_cell_on_the_loop(xlsx, tmp_path):
    wb = openpyxl.load_workbook(xlsx)
    sheet, cell = _cycle(wb)
    path = tmp_path / "loop.xlsx"
    wb.save(path)
    loop = {(f.sheet, f.cell) for f in audit_workbook(path, recalc=False) if f.rule == "circular-reference"}
    # revenue -> ... -> net profit -> adjusted net profit -> revenue: every line in between is on the loop
    for name in ("IS_revenue", "IS_gross_profit", "IS_operating_profit", "IS_net_profit", "IS_adj_net_profit"):
        assert estimate(wb, name) in loop, name
    assert all(s == sheet for s, _ in loop)


def test_defined_names_are_resolved_for_references(xlsx, tmp_path):
    """An input read only through a defined name is used; the same input without the reader is not."""
    def plant(wb, read: bool):
        sheet, cell = link_target(wb, "VAL_price")
        row = wb[sheet][cell].row
        wb[sheet].cell(row, 8, 0.1)  # a new number in column H of the share-price row
        wb.defined_names["audit_test_rate"] = DefinedName("audit_test_rate", attr_text=f"'{sheet}'!$H${row}")
        if read:
            target_sheet, target = estimate(wb, "IS_revenue", -1)
            wb[target_sheet][target] = wb[target_sheet][target].value + "*(1+audit_test_rate)"
        return sheet, f"H{row}"

    for read in (True, False):
        wb = openpyxl.load_workbook(xlsx)
        sheet, cell = plant(wb, read)
        path = tmp_path / f"names_{read}.xlsx"
        wb.save(path)
        findings = audit_workbook(path, recalc=False)
        assert not [f for f in findings if f.rule in ("empty-reference", "error-value")], findings
        assert bool(at(findings, sheet, cell, "unused-input")) is not read


def test_a_cycle_through_a_defined_name(xlsx, tmp_path):
    wb = openpyxl.load_workbook(xlsx)
    sheet, cell = _append("IS_revenue", "+0*SUM(IS_adj_net_profit)", -1)(wb)
    path = tmp_path / "name_loop.xlsx"
    wb.save(path)
    assert at(audit_workbook(path, recalc=False), sheet, cell, "circular-reference")
