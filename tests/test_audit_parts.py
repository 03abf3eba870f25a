"""The audit's parts: formula shapes and their cache, year headers, cycles, findings, the README table."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import openpyxl
import pytest

from builder.audit import RULES, Finding, audit_workbook
from builder.audit.formulas import ShapeCache, tokenize
from builder.audit.graph import cycles
from builder.audit.headers import ACTUAL, ESTIMATE, UNKNOWN, year_of
from builder.commands.build import build
from builder.validation.loader import parse
from conftest import formula_cells
from other_company import acme

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("formula,literals", [
    ("=A1*1.05", ["1.05"]),
    ("=A1*(1+10%)", ["10%"]),
    ("=-1*A1+12*B1/100-1000*C1+0", []),
    ("=ROUND(A1,2)", []),  # ROUND's digits are a setting, not a hidden input (issue 16: false findings)
    ("=A1*1E-6", ["1E-6"]),
    ("=SUM({1,2,3})", ["2", "3"]),
    ('="12.5%"&A1', []),  # text is not a number
    ("=ROUND(A1,3)+VLOOKUP(A1,B:D,3,FALSE)", []),  # settings: ROUND's digits, a lookup's column
    ("=ROUND(A1*3,2)", ["3"]),  # a number inside ROUND's first argument is still a literal
    ("=Sheet2!A1*'My Sheet'!B2", []),
])
def test_number_literals(formula, literals):
    assert list(tokenize(formula, 1, 1).literals) == literals


def test_functions_volatile_and_nested_ifs():
    shape = tokenize("=offset(A1,0,0)+_xlfn.RANDBETWEEN(0,1)+CELL(\"row\",A1)+SUM(A1:A3)", 5, 5)
    assert shape.volatile == ["OFFSET", "RANDBETWEEN"]  # CELL is an environment function: not-verifiable
    assert shape.ref_funcs == ("OFFSET", "CELL", "SUM")  # CELL's A1 is read for its address only
    assert tokenize("=SUM(" + ",".join(["A1"] * 300) + ")", 1, 2).max_args == 300
    assert tokenize("=" + "ABS(" * 70 + "A1" + ")" * 70, 1, 2).depth == 70
    assert tokenize("=IF(A1,IF(B1,1,0),0)", 1, 3).if_depth == 2
    assert tokenize("=IF(A1,IF(B1,IF(C1,1,0),0),0)", 1, 4).if_depth == 3
    assert tokenize("=IF(A1,1,0)+IF(B1,IF(C1,1,0),0)", 1, 4).if_depth == 2  # siblings are not nested
    assert tokenize("=SUM(A1,(B1)", 1, 4).syntax_error


def test_r1c1_is_the_same_across_a_copied_row():
    f, g = tokenize("=E8*(1+Assumptions!F39)", 8, 6), tokenize("=F8*(1+Assumptions!G39)", 8, 7)
    assert f.r1c1 == g.r1c1
    assert tokenize("=$D$40/F8", 8, 6).r1c1 == tokenize("=$D$40/G8", 8, 7).r1c1
    assert tokenize("=E8", 8, 6).r1c1 != tokenize("=E8", 8, 7).r1c1


def test_references_are_parsed_with_their_sheets():
    refs = tokenize("=SUM('P&L'!$D$6:$H$6)+Checks!A:A+'it''s'!3:4+[1]Ext!A1+C3+name_1", 2, 2).refs
    assert [(r.sheet, r.bounds(2, 2), r.external) for r in refs[:-1]] == [
        ("P&L", (6, 4, 6, 8), False),
        ("Checks", (1, 1, 1048576, 1), False),
        ("it's", (3, 1, 4, 16384), False),
        ("Ext", (1, 1, 1, 1), True),
        (None, (3, 3, 3, 3), False),
    ]
    assert (refs[-1].name, refs[-1].sheet) == ("name_1", None)


def _anchored(shape, row, col):
    return (shape.r1c1, shape.literals, shape.functions, shape.if_depth, shape.error_tokens,
            [(r.sheet, r.name, r.bounds(row, col)) for r in shape.refs])


def test_the_shape_cache_gives_what_tokenizing_each_formula_gives(wb_formulas):
    """Every formula of the default workbook, plus tricky ones: cached shapes equal fresh tokenizing."""
    cache = ShapeCache()
    cells = [(c.value, c.row, c.column) for _, c in formula_cells(wb_formulas)]
    cells += [('="A1"&B1', 1, 3), ('="A1"&B2', 2, 3), ("=A1 +  B1", 1, 3), ("=A1 + B1", 1, 3),
              ("=LOG10(A1)", 2, 2), ("=LOG10(A2)", 3, 2), ("=SUM(1:1)", 2, 2), ("=SUM(2:2)", 3, 2),
              ("='A1'!B1", 1, 1), ("='A2'!B2", 2, 2), ("=$A1+A$1", 5, 5), ("=$A2+A$1", 6, 5)]
    for text, row, col in cells:
        assert _anchored(cache.get(text, row, col), row, col) == _anchored(tokenize(text, row, col), row, col), text
    assert cache.hits > len(cells) / 2  # copied rows share one shape


def test_year_headers():
    assert year_of("2022A") == (2022, ACTUAL)
    assert year_of("2024E") == (2024, ESTIMATE)
    assert year_of("2025f") == (2025, ESTIMATE)
    assert year_of("FY2026P") == (2026, ESTIMATE)
    assert year_of("FY 2024") == (2024, UNKNOWN)
    assert year_of(2024) == (2024, UNKNOWN)
    assert year_of(2024.0) == (2024, UNKNOWN)
    for not_a_year in (True, 12, "2024 revenue", "Units", None, 2024.5):
        assert year_of(not_a_year) is None


def test_cycles_without_recursion():
    found = {frozenset(c) for c in cycles({1: [2], 2: [3], 3: [1], 4: [4], 5: [1], 6: [7]})}
    assert found == {frozenset({1, 2, 3}), frozenset({4})}
    n = 200_000  # far deeper than Python's recursion limit
    chain = {i: [i + 1] for i in range(n)}
    assert cycles(chain) == []
    chain[n] = [0]
    assert [len(c) for c in cycles(chain)] == [n + 1]


def test_finding_is_a_frozen_dataclass():
    f = Finding("P&L", "F8", "plug", "error", "typed number")
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.cell = "F9"
    assert [x.name for x in dataclasses.fields(Finding)] == ["sheet", "cell", "rule", "severity", "message", "region"]
    assert f.region == ""  # a field added with a default: five-argument construction still works


def test_rule_ids_are_kebab_case_with_a_severity():
    for rule in RULES.values():
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", rule.id)
        assert rule.severity in ("error", "warning", "info")


def test_readme_documents_every_rule_and_the_benchmark():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    audit = text.split("\n## Audit", 1)[1].split("\n## ", 1)[0]
    for rule in RULES.values():
        assert re.search(rf"^\| `{rule.id}` \| {rule.severity} \|", audit, re.M), rule.id
    assert re.search(r"audit rules: 40,000 formulas in \d+\.\d\d s \([\d,]+ formulas/s", audit)
    assert "python -m builder audit" in audit


# A model defect the audit found, reported to the model's owner rather than fixed here: a company
# without `prior_growth` for its first actual year leaves Revenue Build's first total-revenue YoY
# blank, and Valuation's revenue YoY links to that empty cell (showing 0.0%).
def test_another_company_passes_the_rules(tmp_path):
    build(parse(acme()), tmp_path)
    findings = audit_workbook(tmp_path / "acme_robotics.xlsx", recalc=False)
    errors = [f for f in findings if f.severity == "error"]
    assert not errors, errors


def test_a_workbook_with_nothing_in_it(tmp_path):
    path = tmp_path / "blank.xlsx"
    openpyxl.Workbook().save(path)
    assert audit_workbook(path, recalc=False) == []


def test_stored_and_engine_values_compare_by_meaning():
    import datetime as dt

    from builder.audit.recalc_check import _as_stored_type, same
    assert same(1.0, 1.0 + 1e-12) and not same(1.0, 1.001)
    assert same(dt.datetime(2025, 2, 10), 45698) and same("n.m.", "n.m.") and same(None, "")
    assert not same(True, False) and not same(None, 0)
    # LibreOffice saves TRUE as 1 where the cell has no boolean format
    assert _as_stored_type(True, 1) is True and _as_stored_type(True, 0) is False
    assert _as_stored_type(1.0, 1) == 1 and _as_stored_type(True, 2) == 2


def test_stored_values_are_read_whatever_the_files_dimension_record_says(tmp_path):
    # The stored values come from openpyxl's read-only mode, which trusts a sheet's <dimension> unless told
    # otherwise; some writers record a wrong one (A1). Every stored value must still be read.
    import zipfile

    from builder.audit.reader import load
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws["A1"] = "label"
    ws["C5"] = 2.5
    ws["F9"] = "=C5*2"
    src, bad = tmp_path / "src.xlsx", tmp_path / "bad.xlsx"
    wb.save(src)
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', data)
                assert n == 1
                data = re.sub(rb"<f>C5\*2</f>(<v\s*/>)?", b"<f>C5*2</f><v>5</v>", data)  # one <v>, as Excel
            out.writestr(info, data)
    book = load(bad)
    sheet = book.by_title["Data"]
    assert sheet.formulas[(9, 6)] == "=C5*2"
    assert sheet.stored[(9, 6)] == 5


@pytest.mark.parametrize("text,year,mark,grain", [
    ("2025", 2025, "?", "Y"), ("2025E", 2025, "E", "Y"), ("FY25", 2025, "?", "Y"), ("FY2025A", 2025, "A", "Y"),
    ("FY27E", 2027, "E", "Y"), ("1H25", 2025, "?", "H"), ("3Q25", 2025, "?", "Q"), ("2024Q1A", 2024, "A", "Q"),
    ("Q1 2025", 2025, "?", "Q"), ("2024/25", 2025, "?", "Y"), ("FY24-25E", 2025, "E", "Y"),
    ("Jan-25", 2025, "?", "M"), ("Mar 2025A", 2025, "A", "M"),
])
def test_period_headers(text, year, mark, grain):
    from builder.audit.periods import period
    assert period(text)[1:] == (year, mark, grain)


@pytest.mark.parametrize("text", ["25", "Revenue", "2024/26", "1.5", "Y2025", "12.5%"])
def test_not_period_headers(text):
    from builder.audit.periods import period
    assert period(text) is None


def test_periods_sort_within_their_year():
    from builder.audit.periods import period
    row = ["1Q25", "2Q25", "1H25", "3Q25", "4Q25", "2H25", "FY25", "1Q26"]
    keys = [period(t)[0] for t in row]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
