"""Fiscal-year labels and year end (issue 13): FY2023A-style columns when the file asks for them, the
fiscal year's end month in the year row's source note, and audit reading the labels."""
import openpyxl

from builder.audit import audit_workbook
from builder.commands.build import build
from builder.validation.loader import AssumptionsError, parse
from other_company import acme
from quarterly_company import quarterly

import pytest


def test_fy_labels_and_year_end_month(tmp_path):
    d = acme()
    d["years"].update(label_style="FY2023A", fiscal_year_end_month=9)
    build(parse(d), tmp_path, charts=False)
    xlsx = tmp_path / "acme_robotics.xlsx"
    ws = openpyxl.load_workbook(xlsx)["P&L"]
    headers = [c.value for c in ws[4] if isinstance(c.value, str) and c.value.startswith("FY")]
    assert headers == ["FY2019A", "FY2020A", "FY2021A", "FY2022E", "FY2023E", "FY2024E", "FY2025E"]
    notes = [c.value for row in openpyxl.load_workbook(xlsx)["Assumptions"].iter_rows() for c in row
             if isinstance(c.value, str) and "Fiscal years ending in month 9" in c.value]
    assert notes
    assert [f for f in audit_workbook(xlsx, recalc=False) if f.severity == "error"] == []
    en = (tmp_path / "acme_robotics.en.md").read_text(encoding="utf-8")
    assert " FY2022E |" in en


def test_default_labels_unchanged(tmp_path):
    build(parse(acme()), tmp_path, charts=False)
    ws = openpyxl.load_workbook(tmp_path / "acme_robotics.xlsx")["P&L"]
    assert "2019A" in [c.value for c in ws[4]]


def test_quarterly_fy_labels(tmp_path):
    d = quarterly()
    d["years"]["label_style"] = "FY2023A"
    build(parse(d), tmp_path, charts=False)
    ws = openpyxl.load_workbook(tmp_path / "acme_quarterly.xlsx")["P&L"]
    assert "FY2021Q1A" in [c.value for c in ws[4]]
    assert [f for f in audit_workbook(tmp_path / "acme_quarterly.xlsx", recalc=False) if f.severity == "error"] == []


def test_bad_year_end_month():
    d = acme()
    d["years"]["fiscal_year_end_month"] = 13
    with pytest.raises(AssumptionsError) as e:
        parse(d)
    assert "years.fiscal_year_end_month" in str(e.value)
