"""The audit on workbooks made for it (issue 16, and the audit parts of issues 15 and 17): each class of
problem planted in one workbook is found at its cell, and the clean twin written by the same function
has no finding of that rule. Written with openpyxl and xlsxwriter at test time; some are re-saved by
LibreOffice (its recalculation stores values the way Excel would)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import audit_corpus as corpus
from builder.audit import audit_workbook
from builder.audit.axis import find_axes
from builder.audit.reader import load
from builder.audit.recalc import recalculate
from conftest import needs_libreoffice
from test_audit_rules import at

ROOT = Path(__file__).resolve().parents[1]

# Rules these tests plant (test_audit_rules covers the others).
PLANTED_HERE = {"plug", "inconsistent-formula", "sum-omits", "model-check", "manual-calculation",
                "iterative-calculation", "number-stored-as-text", "no-formulas", "few-formulas",
                "not-verifiable", "formula-styled-as-input", "excel-limit", "external-link", "macros", "time-axis"}


def pair(maker, tmp_path: Path, *args):
    """(findings with the defect, findings of the clean twin), rules only."""
    bad = maker(tmp_path / "planted.xlsx", True, *args)
    good = maker(tmp_path / "clean.xlsx", False, *args)
    return audit_workbook(bad, recalc=False), audit_workbook(good, recalc=False)


def rules_of(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_two_digit_fiscal_years_below_row_ten(tmp_path):
    bad, good = pair(corpus.fiscal_years_below_row_ten, tmp_path)
    assert at(bad, "Model", "G15", "plug"), bad
    assert "40" in at(bad, "Model", "G15", "plug")[0].message
    assert not rules_of(good, "plug") and not rules_of(good, "inconsistent-formula"), good
    [axis] = find_axes(book := load(tmp_path / "clean.xlsx"), book.by_title["Model"])
    assert axis.row == 12 and axis.estimate_cols == [6, 7, 8] and axis.units_col == 2


def test_years_built_by_formulas_without_stored_values(tmp_path):
    bad, good = pair(corpus.formula_built_years, tmp_path)
    [axis] = find_axes(book := load(tmp_path / "clean.xlsx"), book.by_title["Plan"])
    assert axis.row == 2 and [y for y, _ in axis.years.values()] == [2023, 2024, 2025, 2026, 2027]
    assert at(bad, "Plan", "E4", "inconsistent-formula"), bad
    assert not rules_of(good, "inconsistent-formula") and not rules_of(good, "time-axis"), good


def test_quarter_and_half_headers(tmp_path):
    bad, good = pair(corpus.quarters_and_halves, tmp_path)
    book = load(tmp_path / "clean.xlsx")
    [quarters], [halves] = (find_axes(book, book.by_title[t]) for t in ("Quarters", "Halves"))
    assert quarters.estimate_cols == [4, 5, 6] and len(halves.years) == 4
    assert at(bad, "Quarters", "E5", "plug") and not rules_of(good, "plug"), (bad, good)


def test_fast_monthly_dates_linked_from_a_timeline(tmp_path):
    bad, good = pair(corpus.fast_monthly, tmp_path)
    book = load(tmp_path / "clean.xlsx")
    [axis] = find_axes(book, book.by_title["Calcs"])
    assert axis.row == 6 and len(axis.years) == 24 and axis.end_row == 9  # the grid at row 31 is not under it
    assert at(bad, "Calcs", "M9", "plug"), bad
    assert not [f for f in good if f.rule in ("plug", "inconsistent-formula")], good


@needs_libreoffice
def test_libreoffice_resaved_models_keep_their_axes_and_defects(tmp_path):
    """openpyxl stores no formula results; LibreOffice's re-save stores them, as Excel would."""
    sources = [corpus.formula_built_years(tmp_path / "years.xlsx", True),
               corpus.column_list(tmp_path / "list.xlsx", "typed")]
    years, listed = recalculate(sources, tmp_path / "lo")
    book = load(years)
    [axis] = find_axes(book, book.by_title["Plan"])
    assert [y for y, _ in axis.years.values()] == [2023, 2024, 2025, 2026, 2027]
    assert at(audit_workbook(years, recalc=False), "Plan", "E4", "inconsistent-formula")
    assert at(audit_workbook(listed, recalc=False), "List", "D9", "plug")


@pytest.mark.parametrize("planted,rule", [("typed", "plug"), ("formula", "inconsistent-formula")])
def test_a_break_in_a_column_of_formulas_without_a_header(tmp_path, planted, rule):
    bad = audit_workbook(corpus.column_list(tmp_path / "bad.xlsx", planted), recalc=False)
    good = audit_workbook(corpus.column_list(tmp_path / "good.xlsx", None), recalc=False)
    [hit] = rules_of(bad, rule)
    assert (hit.sheet, hit.cell, hit.region) == ("List", "D9", "D9")
    assert not rules_of(good, "plug") and not rules_of(good, "inconsistent-formula"), good


def test_a_sum_that_leaves_out_rows_is_one_finding_for_its_region(tmp_path):
    bad, good = pair(corpus.ebit_sum, tmp_path)
    [hit] = rules_of(bad, "sum-omits")
    assert (hit.cell, hit.region) == ("F25", "F25:H25")
    assert "rows 23-24" in hit.message and "D25" in hit.message
    assert not rules_of(good, "sum-omits")


def test_the_models_own_checks(tmp_path):
    bad, good = pair(corpus.balance_check, tmp_path)
    [balance] = at(bad, "BS", "E8", "model-check")
    assert balance.region == "E8:G8" and "2025E" in balance.message and "2027E" in balance.message
    assert "12.5" in balance.message
    [cross] = at(bad, "BS", "E9", "model-check")
    assert "✗" in cross.message
    assert not rules_of(good, "model-check"), good


def test_workbook_facts(tmp_path):
    bad, good = pair(corpus.facts_book, tmp_path)
    assert rules_of(bad, "manual-calculation") and rules_of(bad, "iterative-calculation")
    assert at(bad, "Summary", "B3", "number-stored-as-text")
    for rule in ("manual-calculation", "iterative-calculation", "number-stored-as-text"):
        assert not rules_of(good, rule), (rule, good)


def test_a_workbook_without_formulas_fails(tmp_path):
    bad, good = pair(corpus.no_formulas, tmp_path)
    assert rules_of(bad, "no-formulas") and not rules_of(good, "no-formulas")
    result = subprocess.run([sys.executable, "-m", "builder", "audit", str(tmp_path / "planted.xlsx"),
                             "--no-recalc"], capture_output=True, text=True, cwd=ROOT,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1 and "no-formulas" in result.stdout


def test_referee_limits_are_info_once_per_kind(tmp_path):
    bad, good = pair(corpus.referee_book, tmp_path)
    infos = rules_of(bad, "not-verifiable")
    assert sorted(f.message.split(":")[0] for f in infos) == ["CELL", "XLOOKUP"]
    assert all(f.severity == "info" for f in infos)
    assert not rules_of(bad, "circular-reference")  # CELL("filename", A1) does not read A1's value
    assert not [f for f in bad if f.severity == "error"], bad
    assert not rules_of(good, "not-verifiable")


@needs_libreoffice
def test_what_libreoffice_cannot_evaluate_is_not_an_error(tmp_path):
    path = corpus.referee_book(tmp_path / "lookups.xlsx", True)
    findings = audit_workbook(path, recalc=True)
    assert not [f for f in findings if f.severity == "error"], findings  # XLOOKUP, its reader E3 and CELL
    assert len(rules_of(findings, "not-verifiable")) == 2


def test_a_data_table_is_neither_an_input_nor_an_error(tmp_path):
    findings = audit_workbook(corpus.data_table(tmp_path / "dt.xlsx"), recalc=False)
    assert [f.message.split(":")[0] for f in rules_of(findings, "not-verifiable")] == ["data table"]
    # Its results and the rates it runs through are neither typed inputs nor unused.
    assert not [f for f in findings if f.cell in ("A5", "A6", "A7", "B6", "B7")], findings


def test_input_style_is_learnt_from_the_model(tmp_path):
    bad, good = pair(corpus.yellow_inputs, tmp_path)
    [hit] = rules_of(bad, "formula-styled-as-input")
    assert hit.cell == "C4" and "yellow fill" in hit.message
    assert not rules_of(good, "formula-styled-as-input")  # blue formulas: blue is not this model's input style
    assert not rules_of(good, "input-styled-as-formula")


def test_excel_limits(tmp_path):
    bad, good = pair(corpus.excel_limits, tmp_path)
    messages = {f.cell: f.message for f in rules_of(bad, "excel-limit")}
    assert "300 arguments" in messages["B1"]
    assert "characters" in messages["B2"] and "8,192" in messages["B2"]
    assert "70 levels" in messages["B3"]
    assert "32,767" in messages["B4"]
    assert "page odd header" in messages[""] or "header" in messages[""]
    assert not rules_of(good, "excel-limit"), good


def test_excel_limits_run_in_the_no_recalc_audit_of_a_build():
    from builder.audit.formulas import tokenize
    from builder.audit.limits import formula_limits
    text = "=" + "+".join(["A1"] * 3000)
    assert formula_limits(text, tokenize(text, 2, 2))  # the same scan the build's own audit runs


@pytest.mark.parametrize("link", ["[1]Data!$A$1:$A$3", "'\\\\host\\share\\[x.xlsx]Data'!$A$1:$A$3"])
def test_a_chart_that_reads_another_workbook(tmp_path, link):
    bad = audit_workbook(corpus.chart_book(tmp_path / "bad.xlsx", link), recalc=False)
    good = audit_workbook(corpus.chart_book(tmp_path / "good.xlsx", None), recalc=False)
    [hit] = rules_of(bad, "external-link")
    assert hit.sheet == "Data" and hit.severity == "error" and "[" in hit.message
    assert not rules_of(good, "external-link")


def test_a_workbook_with_macros(tmp_path):
    bad = audit_workbook(corpus.chart_book(tmp_path / "bad.xlsx", None, macros=True), recalc=False)
    good = audit_workbook(corpus.chart_book(tmp_path / "good.xlsx", None), recalc=False)
    assert rules_of(bad, "macros") and not rules_of(good, "macros")


def test_the_report_puts_a_summary_first_and_json_has_regions(tmp_path):
    path = corpus.ebit_sum(tmp_path / "ebit.xlsx", True)
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    text = subprocess.run([sys.executable, "-m", "builder", "audit", str(path), "--no-recalc"],
                          capture_output=True, text=True, cwd=ROOT, env=env).stdout
    lines = text.splitlines()
    assert lines[2].startswith("Summary: 1 error") and "Time axes:" in text
    assert "Input style (learnt from the typed numbers): none found" in text
    assert text.index("Worst regions:") < text.index("P&L (1 error")
    data = json.loads(subprocess.run([sys.executable, "-m", "builder", "audit", str(path), "--no-recalc", "--json"],
                                     capture_output=True, text=True, cwd=ROOT, env=env).stdout)
    assert [(f["cell"], f["region"]) for f in data if f["rule"] == "sum-omits"] == [("F25", "F25:H25")]


def test_dates_in_messages_read_as_dates(tmp_path):
    import datetime as dt
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "Start", dt.datetime(2026, 2, 6)
    wb.save(tmp_path / "d.xlsx")
    [hit] = rules_of(audit_workbook(tmp_path / "d.xlsx", recalc=False), "unused-input")
    assert "2026-02-06" in hit.message and "datetime" not in hit.message


def test_quarters_with_annual_totals_are_judged_apart(tmp_path):
    bad, good = pair(corpus.quarters_with_years, tmp_path)
    [axis] = find_axes(book := load(tmp_path / "clean.xlsx"), book.by_title["Quarterly"])
    assert len(axis.years) == 10 and axis.grains[6] == "Y" and axis.grains[7] == "Q"
    assert at(bad, "Quarterly", "H5", "plug"), bad
    assert not [f for f in good if f.rule in ("plug", "inconsistent-formula")], good


def test_a_stray_cell_at_the_sheets_far_corner_is_read(tmp_path):
    """A dense reader would lay out 17 billion cells (calamine aborts the process); the audit reads
    such a sheet with openpyxl instead, and still sees both cells."""
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["XFD1048576"], wb.active["B1"] = 1, 2, "=A1"
    wb.save(tmp_path / "far.xlsx")
    findings = audit_workbook(tmp_path / "far.xlsx", recalc=False)
    assert [(f.cell, f.rule) for f in findings] == [("XFD1048576", "unused-input")]


def test_names_that_let_defines_are_not_missing_defined_names(tmp_path):
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["B1"], wb.active["C1"] = 2, "=_xlfn.LET(x,A1,x+1)", "=nowhere+A1"
    wb.save(tmp_path / "let.xlsx")
    findings = audit_workbook(tmp_path / "let.xlsx", recalc=False)
    assert not [f for f in findings if f.cell == "B1" and f.rule == "error-value"], findings
    assert [f.cell for f in findings if f.rule == "error-value"] == ["C1"]  # a name no one defined
    assert [f.message.split(":")[0] for f in findings if f.rule == "not-verifiable"] == ["LET"]


def test_a_small_table_under_the_year_columns_is_not_judged_as_years(tmp_path):
    bad, good = pair(corpus.small_table_under_years, tmp_path)
    assert at(bad, "Valuation", "H5", "plug"), bad
    assert not rules_of(good, "plug") and not rules_of(good, "inconsistent-formula"), good  # not D8


@needs_libreoffice
def test_iterative_solvers_are_compared_to_one_in_a_million(tmp_path):
    close = audit_workbook(corpus.irr_book(tmp_path / "close.xlsx", 1e-8, 1e-8), recalc=True)
    assert {f.cell for f in rules_of(close, "recalc-mismatch")} == {"D3"}  # IRR and its reader pass; B1*2 not
    off = audit_workbook(corpus.irr_book(tmp_path / "off.xlsx", 1e-4, 0), recalc=True)
    assert at(off, "Returns", "D1", "recalc-mismatch") and at(off, "Returns", "D2", "recalc-mismatch")


def test_years_linked_from_another_sheet_without_stored_values(tmp_path):
    import openpyxl
    wb = openpyxl.Workbook()
    timeline = wb.active
    timeline.title = "Timeline"
    calc = wb.create_sheet("Calc")
    for i, col in enumerate("BCDE"):
        timeline[f"{col}1"] = f"FY{25 + i}E"
        calc[f"{col}3"] = f"=Timeline!{col}1"  # openpyxl stores no results: the link is followed
    wb.save(tmp_path / "linked.xlsx")
    book = load(tmp_path / "linked.xlsx")
    [axis] = find_axes(book, book.by_title["Calc"])
    assert axis.row == 3 and axis.estimate_cols == [2, 3, 4, 5]


def test_inputs_marked_by_a_named_cell_style(tmp_path):
    import openpyxl
    from openpyxl.styles import NamedStyle
    wb = openpyxl.Workbook()
    ws = wb.active
    style = NamedStyle(name="Input")
    wb.add_named_style(style)
    for r in range(1, 6):
        ws.cell(r, 1, r * 2.0).style = "Input"
        ws.cell(r, 2, f"=A{r}+1")
    ws["B3"].style = "Input"  # a formula in the input style
    ws["A6"] = 9.0  # a typed number outside it
    ws["B6"] = "=A6"
    wb.save(tmp_path / "named.xlsx")
    findings = audit_workbook(tmp_path / "named.xlsx", recalc=False)
    assert [(f.cell, f.message) for f in rules_of(findings, "formula-styled-as-input")] == [
        ("B3", "formula cell in the input style (cell style 'Input')")]
    assert [f.cell for f in rules_of(findings, "input-styled-as-formula")] == ["A6"]
