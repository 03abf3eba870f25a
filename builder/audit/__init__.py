"""Audit any .xlsx model against the modelling standards, and prove its stored values with LibreOffice.

    from builder.audit import audit_workbook
    findings = audit_workbook("model.xlsx", recalc=True)

Modules, one job each: `reader` (load and index the workbook), `formulas` (tokenize and cache
formula shapes), `headers` (year and units columns), `scan` (per-formula rules and references),
`graph` (cycles), `rows` (row rules), `cells` (cell rules), `structure` (workbook rules),
`checks` (which cells are checks), `recalc_check` (LibreOffice comparison), `report` (output),
`core` (`audit_workbook`), `command` (the command line).
"""
from .core import audit_workbook
from .findings import ERROR, RULES, WARNING, Finding, Rule
from .reader import WorkbookError

__all__ = ["audit_workbook", "Finding", "Rule", "RULES", "ERROR", "WARNING", "WorkbookError"]
