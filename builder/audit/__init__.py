"""Audit any .xlsx model against the modelling standards, and prove its stored values with LibreOffice.

    from builder.audit import audit_workbook
    findings = audit_workbook("model.xlsx", recalc=True)

Modules, one job each: `reader` (load and index the workbook; `load` is where a file is first
opened), `fast_values` (stored values via python-calamine), `package` (zip parts: charts, macros),
`formulas` (tokenize and cache formula shapes), `periods` and `axis` (time axes anywhere on a
sheet), `headers` (the header record, units column), `scan` (per-formula rules and references),
`limits` (Excel's limits), `graph` (cycles), `rows` (row rules under an axis), `regions` (row and
column regions, SUM ranges), `styles` (the learnt input style), `cells` (cell rules), `facts`
(workbook facts), `model_checks` (the model's own checks), `structure` (workbook rules), `checks`
(which cells are checks), `referee` (what LibreOffice cannot verify), `recalc_check` (LibreOffice
comparison), `group` (one finding per region), `values` (values as a spreadsheet shows them),
`report` (output), `core` (`audit_workbook`, `audit_report`), `command` (the command line).
"""
from .core import audit_workbook
from .findings import ERROR, INFO, RULES, WARNING, Finding, Rule
from .reader import WorkbookError

__all__ = ["audit_workbook", "Finding", "Rule", "RULES", "ERROR", "WARNING", "INFO", "WorkbookError"]
