"""The default workbook follows the modelling standards an auditor checks."""
from __future__ import annotations

import re

from openpyxl.formula.translate import Translator

from conftest import formula_cells, last_value_column
from refs import number_literals, references, tokens

SHEET_ORDER = ["Cover", "Assumptions", "Revenue Build", "P&L", "Balance Sheet", "Cash Flow", "Valuation", "Checks"]
TIME_SERIES = SHEET_ORDER[1:]
HEADER_ROW = 4
YEAR_LABELS = ["2022A", "2023A", "2024E", "2025E", "2026E"]


def year_columns(ws) -> dict[str, int]:
    return {c.value: c.column for c in ws[HEADER_ROW] if c.value in YEAR_LABELS}


def test_sheet_order(wb_formulas):
    assert wb_formulas.sheetnames == SHEET_ORDER


def test_same_year_in_same_column_on_every_time_series_sheet(wb_formulas):
    layouts = {title: year_columns(wb_formulas[title]) for title in TIME_SERIES}
    first = layouts["Assumptions"]
    assert list(first) == YEAR_LABELS
    assert list(first.values()) == list(range(4, 9))  # D..H, no gaps
    for title, cols in layouts.items():
        assert cols == first, title


def test_freeze_panes_below_headers_at_first_year(wb_formulas):
    for title in TIME_SERIES:
        assert wb_formulas[title].freeze_panes == "D5", title


def test_nothing_hidden(wb_formulas):
    for ws in wb_formulas.worksheets:
        assert ws.sheet_state == "visible"
        assert not any(d.hidden for d in ws.row_dimensions.values())
        assert not any(d.hidden for d in ws.column_dimensions.values())


def test_numbers_outside_assumptions_are_all_formulas(wb_formulas):
    for ws in wb_formulas.worksheets:
        if ws.title == "Assumptions":
            continue
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                    raise AssertionError(f"{ws.title}!{c.coordinate} is a typed number {c.value}")


def test_statement_lines_are_formulas_in_every_year(wb_formulas):
    for title in ("Revenue Build", "P&L", "Balance Sheet", "Cash Flow"):
        ws = wb_formulas[title]
        for row in ws.iter_rows(min_row=HEADER_ROW + 1):
            cells = row[3:8]
            if any(c.value is not None for c in cells):
                for c in cells[2:]:  # estimate years
                    assert c.data_type == "f", f"{title}!{c.coordinate} should be a formula"


def test_inputs_are_styled_as_inputs_and_unlocked(wb_formulas):
    ws = wb_formulas["Assumptions"]
    inputs = 0
    for row in ws.iter_rows(min_row=HEADER_ROW + 1, min_col=4, max_col=last_value_column(ws)):
        for c in row:
            if c.value is None:
                continue
            if c.data_type == "f":
                assert c.font.color is None or c.font.color.rgb != "FF0000FF", c.coordinate
                assert c.protection.locked
            else:
                inputs += 1
                assert c.font.color.rgb == "FF0000FF", f"input {c.coordinate} not blue"
                assert c.protection.locked is False, f"input {c.coordinate} locked"
    assert inputs > 100


def test_formula_cells_are_locked_and_not_blue(wb_formulas):
    for title, c in formula_cells(wb_formulas):
        assert c.protection.locked, f"{title}!{c.coordinate}"
        assert c.font.color is None or c.font.color.rgb != "FF0000FF", f"{title}!{c.coordinate} styled as input"


def test_links_to_other_sheets_are_green(wb_formulas):
    seen = 0
    for title, c in formula_cells(wb_formulas):
        body = c.value[1:]
        is_check = c.font.color is not None and c.font.color.rgb == "FF7030A0"
        if re.fullmatch(r"('[^']+'|[A-Za-z]+)!\$?[A-Z]+\$?\d+", body) and not is_check:
            seen += 1
            assert c.font.color.rgb == "FF008000", f"{title}!{c.coordinate} = {c.value} is a link"
    assert seen > 50


def test_no_numeric_literals_in_formulas(wb_formulas):
    for title, c in formula_cells(wb_formulas):
        for lit in number_literals(c.value):
            assert lit in ("0", "1"), f"{title}!{c.coordinate}: literal {lit} in {c.value}"


def test_no_volatile_or_fragile_functions(wb_formulas):
    banned = {"OFFSET(", "INDIRECT(", "NOW(", "TODAY(", "RAND(", "RANDBETWEEN(", "XLOOKUP("}
    for title, c in formula_cells(wb_formulas):
        funcs = {t.value.upper() for t in tokens(c.value) if t.type == "FUNC" and t.subtype == "OPEN"}
        assert not funcs & banned, f"{title}!{c.coordinate}: {c.value}"
        assert "[" not in c.value, f"external link in {title}!{c.coordinate}"


def test_formulas_parse(wb_formulas):
    # LibreOffice forgives some broken formulas; the tokenizer does not.
    for title, c in formula_cells(wb_formulas):
        depth = 0
        for t in tokens(c.value):
            if t.subtype == "OPEN":
                depth += 1
            elif t.subtype == "CLOSE":
                depth -= 1
            assert depth >= 0, f"{title}!{c.coordinate}"
        assert depth == 0, f"unbalanced parentheses in {title}!{c.coordinate}: {c.value}"


def test_one_formula_per_forecast_row(wb_formulas):
    """Every estimate cell of a row is the same formula in R1C1 terms, and no number sits among them."""
    rows_checked = 0
    for title in TIME_SERIES:
        ws = wb_formulas[title]
        for row in ws.iter_rows(min_row=HEADER_ROW + 1, min_col=6, max_col=8):  # 2024E..2026E
            formulas = [c for c in row if c.data_type == "f"]
            if len(formulas) < 2:
                continue
            plugs = [c.coordinate for c in row if c.value is not None and c.data_type != "f"]
            assert not plugs, f"{title}: typed values {plugs} among a forecast row's formulas"
            first = formulas[0]
            for c in formulas[1:]:
                moved = Translator(first.value, origin=first.coordinate).translate_formula(c.coordinate)
                assert moved == c.value, f"{title}!{c.coordinate}: {c.value} differs from {moved}"
            rows_checked += 1
    assert rows_checked > 80


def test_every_input_has_a_dependent(wb_formulas):
    used = set()
    for title, c in formula_cells(wb_formulas):
        used.update(references(c.value, title, wb_formulas))
    ws = wb_formulas["Assumptions"]
    for row in ws.iter_rows(min_row=HEADER_ROW + 1, min_col=4, max_col=last_value_column(ws)):
        for c in row:
            if c.value is not None and c.data_type != "f":
                assert ("Assumptions", c.coordinate) in used, f"input Assumptions!{c.coordinate} is not used"


def test_formulas_never_refer_to_empty_cells(wb_formulas):
    for title, c in formula_cells(wb_formulas):
        for sheet, ref in references(c.value, title, wb_formulas):
            assert wb_formulas[sheet][ref].value is not None, f"{title}!{c.coordinate} refers to empty {sheet}!{ref}"


def test_every_numeric_row_has_a_unique_label_and_units(wb_formulas):
    for title in TIME_SERIES:
        ws = wb_formulas[title]
        labels = set()
        for row in ws.iter_rows(min_row=HEADER_ROW + 1):
            if any(c.value is not None for c in row[3:8]):
                zh, en, unit = row[0].value, row[1].value, row[2].value
                assert zh and en and unit, f"{title} row {row[0].row} lacks a label or units"
                assert (zh, en) not in labels, f"{title}: duplicate label {en}"
                labels.add((zh, en))


def test_every_input_row_has_a_source_note(wb_formulas):
    ws = wb_formulas["Assumptions"]
    note = next(c.column - 1 for c in ws[HEADER_ROW] if c.value and "Source" in str(c.value))
    for row in ws.iter_rows(min_row=HEADER_ROW + 1):
        if any(c.value is not None and c.data_type != "f" for c in row[3:note]):
            assert row[note].value, f"Assumptions row {row[0].row} ({row[1].value}) has no source"


def test_number_formats(wb_formulas):
    sheet, ref = next(iter(wb_formulas.defined_names["IS_revenue"].destinations))
    first = ref.replace("$", "").split(":")[0]
    assert wb_formulas[sheet][first].number_format == "#,##0;(#,##0)"
    pct = [c for t, c in formula_cells(wb_formulas) if t == "Revenue Build" and "%" in c.number_format]
    assert pct and all(c.number_format.startswith("0.0%") for c in pct)


def test_checks_sheet_has_a_master_check_linked_from_every_sheet(wb_formulas):
    master = wb_formulas.defined_names["CHK_master"]
    sheet, ref = next(iter(master.destinations))
    assert sheet == "Checks"
    formula = wb_formulas[sheet][ref.replace("$", "")].value
    assert formula.startswith("=AND(")
    for ws in wb_formulas.worksheets:
        links = [c.value for row in ws.iter_rows(max_row=3) for c in row if isinstance(c.value, str)
                 and c.value.startswith("=") and "$" in c.value]
        assert any(ref.replace("$", "") in l.replace("$", "") for l in links), f"{ws.title} header lacks master check"


def test_cover_links_to_every_sheet(wb_formulas):
    ws = wb_formulas["Cover"]
    targets = {c.hyperlink.location.split("!")[0].strip("'") for row in ws.iter_rows() for c in row
               if c.hyperlink and c.hyperlink.location}
    assert targets == set(SHEET_ORDER)
