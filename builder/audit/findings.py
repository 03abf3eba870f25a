"""Findings and the rule table: every rule id, its severity and what it checks."""
from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, INFO = "error", "warning", "info"
WORKBOOK = ""  # the `sheet` of a finding about the whole workbook


@dataclass(frozen=True)
class Finding:
    sheet: str  # "" for the workbook as a whole
    cell: str  # A1 cell, "5:5" for a row, "B:B" for a column, "" for a whole sheet or workbook
    rule: str
    severity: str
    message: str
    region: str = ""  # the cells the finding covers: its cell, or a range such as "F20:F24" for a group


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    checks: str


RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("literal-in-formula", ERROR, "a number typed inside a formula, other than 0, 1, -1, the unit "
                                      "conversions 12, 100, 1000 and settings (ROUND's digits, a lookup's "
                                      "column index or match type)"),
    Rule("inconsistent-formula", ERROR, "a forecast cell whose formula differs in R1C1 terms from the rest of its "
                                        "row's forecast years (the actual/estimate boundary may break), or, "
                                        "under any header or none, a formula between two copies of another "
                                        "formula along a row or down a column"),
    Rule("plug", ERROR, "a typed number among a row's forecast formulas, or between two copies of one formula "
                        "along a row or down a column (a typed-over formula)"),
    Rule("empty-reference", ERROR, "a formula refers to an empty cell, or to a range with nothing in it"),
    Rule("error-value", ERROR, "a cell holds an error value (#REF!, #DIV/0!, #NAME?, #VALUE!, ...), a formula "
                               "contains #REF!, or refers to a sheet that does not exist"),
    Rule("unparsable-formula", ERROR, "a formula the tokenizer cannot read (e.g. unbalanced parentheses)"),
    Rule("volatile-function", WARNING, "OFFSET, INDIRECT, NOW, TODAY, RAND, RANDBETWEEN or RANDARRAY (CELL and INFO "
                                       "are `not-verifiable`)"),
    Rule("nested-if", WARNING, "IF nested more than two levels deep"),
    Rule("external-link", ERROR, "a formula, defined name or chart series refers to another workbook, or the "
                                 "file holds external-link parts"),
    Rule("macros", WARNING, "the workbook carries VBA macros (xl/vbaProject.bin or a macro-enabled content type)"),
    Rule("manual-calculation", WARNING, "the workbook is saved in manual calculation mode (or automatic except "
                                        "data tables), so its stored values may be stale"),
    Rule("excel-limit", ERROR, "beyond Excel's limits: a function with more than 255 arguments, a formula over "
                               "8,192 characters or nested over 64 levels, a page header or footer over 255 "
                               "characters, a cell text over 32,767 characters"),
    Rule("number-stored-as-text", WARNING, "a typed text that reads as a number (`1,234`, `12.5%`, `(45)`), "
                                           "which formulas treat as text or 0"),
    Rule("no-formulas", ERROR, "a workbook with many numbers and no formulas at all: nothing in it is calculated"),
    Rule("few-formulas", WARNING, "a workbook in which under 5% of the numbers are formulas"),
    Rule("sum-omits", ERROR, "a SUM whose range leaves out rows (or columns) that the same row's (column's) "
                             "other SUMs include"),
    Rule("model-check", ERROR, "a row or cell the model labels as a check (check, balance check, 检查, ✓/✗) "
                               "that fails: FALSE, ✗, or a non-zero difference"),
    Rule("not-verifiable", INFO, "cells whose value this audit cannot prove: functions LibreOffice 7.4 cannot "
                                 "evaluate (XLOOKUP, LET, FILTER, ...), data tables, CELL, INFO and other "
                                 "environment functions; reported once per kind, never as an error"),
    Rule("time-axis", INFO, "a sheet with rows of copied formulas but no period header, so the row rules "
                            "(inconsistent-formula by year, plug, missing-units) were skipped there"),
    Rule("hidden-sheet", WARNING, "a hidden or very hidden sheet"),
    Rule("hidden-row", WARNING, "a hidden row"),
    Rule("hidden-column", WARNING, "a hidden column"),
    Rule("circular-reference", ERROR, "the cell is on a cycle of formula references (ranges expanded, defined "
                                      "names resolved)"),
    Rule("iterative-calculation", ERROR, "the workbook turns iterative calculation on"),
    Rule("unused-input", WARNING, "a typed number (an input) that no formula refers to"),
    Rule("formula-styled-as-input", ERROR, "a formula cell in the input style (blue font) or unlocked"),
    Rule("input-styled-as-formula", WARNING, "a typed number not in the input style (blue font), in a workbook "
                                             "that uses the blue input style"),
    Rule("missing-units", WARNING, "a row with numbers or formulas and an empty units cell (sheets with a "
                                   "'Units' column header)"),
    Rule("check-false", ERROR, "a check cell (a CHK_ name such as CHK_master, or a TRUE/FALSE formula on a "
                               "Checks sheet) that is not TRUE: its stored value, and with recalculation the "
                               "engine's"),
    Rule("recalc-mismatch", ERROR, "after a full LibreOffice recalculation, a formula cell's stored value differs "
                                   "from the engine's (relative 1e-9, absolute 1e-6; relative 1e-6 for iterative "
                                   "solvers such as IRR and RATE and the cells that read them)"),
    Rule("recalc-failed", ERROR, "LibreOffice could not recalculate the workbook, so the stored values are unproven"),
    Rule("prose-number", WARNING, "a figure typed in the Cover's prose (revenue, net profit or EPS of a year, with "
                                  "its unit) that the model's named line for that year contradicts beyond the "
                                  "figure's printed rounding"),
)}


def finding(rule: str, sheet: str, cell: str, message: str, region: str | None = None) -> Finding:
    """A finding with its rule's severity; the message kept to one line. The region defaults to the cell."""
    return Finding(sheet, cell, rule, RULES[rule].severity, message.replace("\r", " ").replace("\n", " "),
                   cell if region is None else region)


def counts(findings) -> tuple[int, int]:
    """(errors, warnings); info findings are neither."""
    errors = sum(f.severity == ERROR for f in findings)
    warnings = sum(f.severity == WARNING for f in findings)
    return errors, warnings
