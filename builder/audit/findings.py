"""Findings and the rule table: every rule id, its severity and what it checks."""
from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING = "error", "warning"
WORKBOOK = ""  # the `sheet` of a finding about the whole workbook


@dataclass(frozen=True)
class Finding:
    sheet: str  # "" for the workbook as a whole
    cell: str  # A1 cell, "5:5" for a row, "B:B" for a column, "" for a whole sheet or workbook
    rule: str
    severity: str
    message: str


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    checks: str


RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("literal-in-formula", ERROR, "a number typed inside a formula, other than 0, 1, -1 and the unit "
                                      "conversions 12, 100, 1000"),
    Rule("inconsistent-formula", ERROR, "a forecast cell whose formula differs in R1C1 terms from the rest of its "
                                        "row's forecast years (the actual/estimate boundary may break)"),
    Rule("plug", ERROR, "a typed number among a row's forecast formulas"),
    Rule("empty-reference", ERROR, "a formula refers to an empty cell, or to a range with nothing in it"),
    Rule("error-value", ERROR, "a cell holds an error value (#REF!, #DIV/0!, #NAME?, #VALUE!, ...), a formula "
                               "contains #REF!, or refers to a sheet that does not exist"),
    Rule("unparsable-formula", ERROR, "a formula the tokenizer cannot read (e.g. unbalanced parentheses)"),
    Rule("volatile-function", ERROR, "OFFSET, INDIRECT, NOW, TODAY, RAND, RANDBETWEEN, INFO or CELL"),
    Rule("nested-if", WARNING, "IF nested more than two levels deep"),
    Rule("external-link", ERROR, "a formula or defined name refers to another workbook, or the file holds "
                                 "external-link parts"),
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
                                   "from the engine's (relative 1e-9, absolute 1e-6)"),
    Rule("recalc-failed", ERROR, "LibreOffice could not recalculate the workbook, so the stored values are unproven"),
)}


def finding(rule: str, sheet: str, cell: str, message: str) -> Finding:
    """A finding with its rule's severity; the message kept to one line."""
    return Finding(sheet, cell, rule, RULES[rule].severity, message.replace("\r", " ").replace("\n", " "))


def counts(findings) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(f.severity == ERROR for f in findings)
    return errors, len(findings) - errors
