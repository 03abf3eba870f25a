"""The command-line side of the audit: `python -m builder audit`, and the check after `build`.

Exit codes: 0 no error finding, 1 error findings, 2 the file is missing, not an xlsx or corrupt
(one line on stderr, never a traceback).
"""
from __future__ import annotations

import sys
from pathlib import Path

from .core import audit_report, audit_workbook
from .findings import ERROR
from .reader import WorkbookError
from .report import as_json, as_table, summary

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_FILE = 0, 1, 2


def run(path: Path, *, as_json_output: bool = False, recalc: bool = True) -> int:
    try:
        report = audit_report(path, recalc=recalc)
    except WorkbookError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_BAD_FILE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001 - whatever the file holds, one line and no traceback
        print(f"error: {path}: cannot audit: {type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''}",
              file=sys.stderr)
        return EXIT_BAD_FILE
    findings = report.findings
    if as_json_output:
        print(as_json(findings))
    else:
        how = "rules and LibreOffice recalculation" if recalc else "rules only, no recalculation"
        print(as_table(findings, f"Audit of {path} ({how})", report.axes, report.facts,
                       report.input_style))
    return EXIT_FINDINGS if any(f.severity == ERROR for f in findings) else EXIT_OK


def after_build(path: Path) -> int:
    """Run the rules (no recalculation) on a workbook just built; any error finding is a builder bug."""
    try:
        findings = audit_workbook(path, recalc=False)
    except Exception as e:  # noqa: BLE001 - our own output must always be readable
        print(f"audit: failed on {path}: {type(e).__name__}: {e}", file=sys.stderr)
        return EXIT_FINDINGS
    print(f"audit: {summary(findings)}")
    errors = [f for f in findings if f.severity == ERROR]
    for f in errors[:10]:
        print(f"audit: {f.sheet}!{f.cell} {f.rule}: {f.message}", file=sys.stderr)
    return EXIT_FINDINGS if errors else EXIT_OK
