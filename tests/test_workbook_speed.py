"""The workbook writer's speed-ups change no byte: final-form formulas, cached A1 text, ASCII widths."""
from __future__ import annotations

import itertools
import zipfile

import pytest
from xlsxwriter.utility import xl_rowcol_to_cell as xlsxwriter_a1
from xlsxwriter.worksheet import Worksheet

from builder.render import workbook
from builder.model.layout import xl_rowcol_to_cell
from builder.validation.loader import default_example, load
from builder.report import make_report
from builder.model import build_model

TRICKY = [
    "=SUM(D5:D9)*(1+Assumptions!E9)", "=IF(ABS(D5-E5)<=$D$3,TRUE,FALSE)", "=D5/ABS(C5)-1",
    "=CHOOSE($D$7,E10,E11,E12)", "=INDEX($D$5:$H$5,MATCH(D3,$D$4:$H$4,0))", "=AND(D5:H5)",
    "=SORT(A1:A3)", "=XMATCH(1,A1:A3)", "=BITAND(1,2)", "=IFS(A1,1)", "=CHOOSECOLS(A1:B2,1)",
    "=_xlfn.STDEV.S(A1:A2)", "=STDEV.S(A1:A2)", '="SORT("&A1', '=IF(A1,"x FILTER(y","")', "=A1+{1}",
    "=数SUM(1)", "=X.SUM(1)", "=A1SINGLE(B1)", "=(A1+B1)*(C1)", "=SUM((A1))", '=""', "=A1&\"}\"",
]


def plain(formula: str, future: bool = False) -> str:
    ws = Worksheet()
    ws.use_future_functions = future
    return ws._prepare_formula(formula)


def fast(formula: str, future: bool = False) -> str:
    ws = workbook._Worksheet()
    ws.use_future_functions = future
    return ws._prepare_formula(formula)


@pytest.mark.parametrize("future", [False, True])
@pytest.mark.parametrize("formula", TRICKY)
def test_final_form_formulas_are_prepared_exactly_as_xlsxwriter_does(formula, future):
    assert fast(formula, future) == plain(formula, future)


def test_the_default_workbook_is_the_same_without_the_fast_path(tmp_path, monkeypatch):
    a = load(default_example())
    model = build_model(a)
    view = make_report(model, a)
    workbook.write_workbook(model, view, tmp_path / "fast.xlsx")
    monkeypatch.setattr(workbook._Worksheet, "_prepare_formula", Worksheet._prepare_formula)
    workbook.write_workbook(model, view, tmp_path / "plain.xlsx")
    assert (tmp_path / "fast.xlsx").read_bytes() == (tmp_path / "plain.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "fast.xlsx") as z:
        assert sum(z.read(n).count(b"<f>") for n in z.namelist() if n.startswith("xl/worksheets/")) > 500


def test_cached_a1_text_is_xlsxwriters():
    rows, cols = [0, 1, 9, 99, 1048575], [0, 1, 25, 26, 27, 701, 702, 16383]
    for r, c, ra, ca in itertools.product(rows, cols, (False, True), (False, True)):
        assert xl_rowcol_to_cell(r, c, ra, ca) == xlsxwriter_a1(r, c, ra, ca)


@pytest.mark.parametrize("text", ["", "Revenue", "Cash & equivalents (RMB m)", "收入", "Ｆｕｌｌ", "mixed 混合 text"])
def test_display_width(text):
    import unicodedata
    assert workbook.display_width(text) == sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
                                               for ch in text)
