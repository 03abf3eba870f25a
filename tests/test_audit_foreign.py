"""A workbook we did not write: a small hand-made model with another layout is audited without crashing.

No year header on one sheet (months), years without A/E marks on another, an empty sheet, a
chart sheet, a defined name, an array formula, merged cells and a date. openpyxl writes no stored
values, so with recalculation every formula is a mismatch ("no stored value"): that is the truth
about such a file, and the audit says so rather than failing.
"""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.formula import ArrayFormula

from builder.audit import audit_workbook
from conftest import needs_libreoffice
from test_audit_rules import at

ROOT = Path(__file__).resolve().parents[1]


def foreign_model(path: Path) -> Path:
    wb = openpyxl.Workbook()
    inputs = wb.active
    inputs.title = "Inputs"
    for row, (label, value) in enumerate([("Growth", 0.05), ("Start", 100), ("Unused", 42),
                                          ("Start date", dt.date(2024, 1, 1))], start=1):
        inputs.cell(row, 1, label)
        inputs.cell(row, 2, value)
    wb.defined_names["growth"] = DefinedName("growth", attr_text="Inputs!$B$1")

    plan = wb.create_sheet("Plan")  # months across, no years, no units column
    plan["A1"] = "Monthly plan"
    plan.merge_cells("A1:D1")
    for i, month in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun"]):
        plan.cell(2, 2 + i, month)
    plan["A3"], plan["B3"] = "Sales", "=Inputs!B2"
    for col in "CDEFG":
        prev = chr(ord(col) - 1)
        plan[f"{col}3"] = f"={prev}3*(1+growth)"
        plan[f"{col}4"] = f"={col}3*0.6"  # a typed margin: literal-in-formula
    plan["A5"], plan["B5"] = "Total", "=SUM(B3:G3)"
    plan["B6"] = "=IF(B3>0,IF(C3>0,IF(D3>0,B5,0),0),0)"  # nested three deep
    plan["B7"] = "=B3+Z99"  # an empty cell
    plan["H3"] = ArrayFormula("H3", "=SUM(B3:G3*C4:H4)")
    plan["B8"] = "=Inputs!B4+1"

    years = wb.create_sheet("Years")  # years without A/E marks
    for i, year in enumerate(range(2020, 2025)):
        years.cell(1, 2 + i, year)
    years["A2"], years["B2"], years["C2"] = "Units sold", 10, 12
    years["D2"], years["E2"], years["F2"] = "=C2*(1+Inputs!$B$1)", 15, "=E2*(1+Inputs!$B$1)"  # E2 is a plug
    years["A3"] = "Price"
    for col in "BCDEF":
        years[f"{col}3"] = "=Inputs!$B$2"
    years["D3"] = "=C3"  # breaks the row's one formula
    wb.create_sheet("Empty")

    chart = BarChart()
    chart.add_data(Reference(plan, min_col=2, min_row=3, max_col=7, max_row=3))
    wb.create_chartsheet("Chart").add_chart(chart)
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def foreign(tmp_path_factory) -> Path:
    return foreign_model(tmp_path_factory.mktemp("foreign") / "their model.xlsx")


def test_a_foreign_model_is_audited_by_the_rules(foreign):
    findings = audit_workbook(foreign, recalc=False)
    assert at(findings, "Plan", "C4", "literal-in-formula")
    assert at(findings, "Plan", "B6", "nested-if")
    assert at(findings, "Plan", "B7", "empty-reference")
    assert at(findings, "Inputs", "B3", "unused-input")
    assert not at(findings, "Inputs", "B1", "unused-input")  # read through the name `growth`
    assert at(findings, "Years", "E2", "plug")
    assert at(findings, "Years", "D3", "inconsistent-formula")
    assert not [f for f in findings if f.sheet == "Plan" and f.rule in ("inconsistent-formula", "plug")]
    assert not [f for f in findings if f.rule.startswith("input-styled")]  # no blue inputs: no style rules
    assert not [f for f in findings if f.rule == "missing-units"]  # no units column: rule skipped


@needs_libreoffice
def test_a_foreign_model_is_recalculated_without_crashing(foreign):
    findings = audit_workbook(foreign, recalc=True)
    for cell in ("B3", "C3", "B5"):  # openpyxl stored no values (adjacent cells are one region)
        assert at(findings, "Plan", cell, "recalc-mismatch"), cell
    assert all("no stored value" in f.message for f in findings if f.rule == "recalc-mismatch")
    assert at(findings, "Plan", "C4", "literal-in-formula")


def test_the_command_line_audits_a_foreign_model(foreign):
    result = subprocess.run([sys.executable, "-m", "builder", "audit", str(foreign), "--json", "--no-recalc"],
                            capture_output=True, text=True, cwd=ROOT,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    assert {"sheet": "Plan", "cell": "C4", "rule": "literal-in-formula", "severity": "error"}.items() <= \
        next(f for f in findings if f["cell"] == "C4" and f["rule"] == "literal-in-formula").items()
    assert all(set(f) == {"sheet", "cell", "rule", "severity", "message", "region"} for f in findings)
