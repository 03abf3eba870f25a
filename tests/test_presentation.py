"""What a client receives: charts on model cells, guarded inputs, print set-up, a complete cover."""
from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest

from conftest import last_value_column
from refs import references

HEADER_ROW = 4


def chart_refs(xlsx) -> dict[str, list[str]]:
    with zipfile.ZipFile(xlsx) as z:
        return {n: re.findall(r"<c:f>([^<]+)</c:f>", z.read(n).decode("utf-8"))
                for n in z.namelist() if n.startswith("xl/charts/chart")}


def test_four_charts_whose_series_read_model_cells(xlsx, wb_formulas):
    charts = chart_refs(xlsx)
    assert len(charts) == 4  # revenue, margins, peers, football field
    names = {n: list(d.destinations)[0] for n, d in wb_formulas.defined_names.items()}
    for chart, refs in charts.items():
        assert refs, chart
        for ref in refs:
            cells = references("=" + ref.replace("&apos;", "'"), "", wb_formulas)
            assert cells, ref
            for sheet, cell in cells:
                value = wb_formulas[sheet][cell].value
                assert value is not None, f"{chart}: {ref} reaches empty {sheet}!{cell}"
                row = int(re.search(r"\d+", cell).group())
                is_label = wb_formulas[sheet][cell].column <= 2 or row == HEADER_ROW
                assert is_label or (isinstance(value, str) and value.startswith("=")), f"{chart}: {sheet}!{cell}"
    revenue_refs = next(refs for refs in charts.values() if any("Revenue Build" in r for r in refs))
    sheet, rng = names["RB_from_xiaomi"]
    assert any(rng in r for r in revenue_refs)
    # The football field's base series runs from the method range's low end through the target price.
    low, target = names["VAL_ff_method_low"][1], names["VAL_ff_target_price"][1]
    assert any(r.endswith(f"!{low}:{target}") for refs in charts.values() for r in refs)


def inputs(wb):
    ws = wb["Assumptions"]
    for row in ws.iter_rows(min_row=HEADER_ROW + 1, min_col=4, max_col=last_value_column(ws)):
        for c in row:
            if c.value is not None and c.data_type != "f":
                yield c


def test_every_input_has_validation_and_a_source_comment(wb_formulas):
    ws = wb_formulas["Assumptions"]
    validated = set()
    for dv in ws.data_validations.dataValidation:
        assert dv.prompt, "every validation explains the input"
        for rng in dv.sqref.ranges:
            validated.add(rng.coord)
    count = 0
    for c in inputs(wb_formulas):
        count += 1
        assert c.coordinate in validated, f"Assumptions!{c.coordinate} has no data validation"
        assert c.comment is not None and "Source:" in c.comment.text, f"Assumptions!{c.coordinate} has no source comment"
    assert count > 100


def test_validation_bounds_fit_the_kind_of_input(wb_formulas):
    ws = wb_formulas["Assumptions"]
    by_cell = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_cell[rng.coord] = dv
    label_row = {row[1].value: row[0].row for row in ws.iter_rows(min_row=HEADER_ROW + 1) if row[1].value}
    price = by_cell[f"D{label_row['Share price']}"]
    assert (price.type, price.operator, price.formula1) == ("decimal", "greaterThan", "0")
    assert price.errorStyle in (None, "stop")  # stop is the OOXML default
    growth = by_cell[f"F{label_row['From Xiaomi: growth [Bear]']}"]
    assert growth.operator in (None, "between")  # between is the OOXML default
    assert (growth.type, float(growth.formula1), float(growth.formula2)) == ("decimal", -0.99, 10)
    margin = by_cell[f"G{label_row['Gross margin [Bull]']}"]
    assert float(margin.formula2) < 1


def test_print_setup(wb_formulas):
    for ws in wb_formulas.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0  # 1 is the default
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_area, ws.title
        assert ws.print_title_rows == "$4:$4"
        assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text
        assert "Kingsoft Cloud" in ws.oddHeader.left.text and ws.oddHeader.right.text == "&A"


def test_document_properties(wb_formulas):
    p = wb_formulas.properties
    assert "Kingsoft Cloud" in p.title and "3896.HK" in p.keywords
    assert p.creator == "Shenwan Hongyuan Research"
    assert p.created.date().isoformat() == "2025-02-11"


def test_cover_states_the_call(wb_values):
    ws = wb_values["Cover"]
    text = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    values = {row[1].value: row[3].value for row in ws.iter_rows() if row[1].value}
    assert values["Rating"] == "买入 (Buy)"
    assert values["Target price"] == pytest.approx(12.977, abs=0.001)
    assert values["Report date"] == "2025-02-11" and values["Ticker"] == "3896.HK"
    assert values["Master check"] is True
    assert {"Style key", "Contents", "Rating scale", "Disclaimer", "Valuation method"} <= text


def test_formats(wb_formulas):
    names = {n: list(d.destinations)[0] for n, d in wb_formulas.defined_names.items()}

    def fmt(name):
        sheet, rng = names[name]
        return wb_formulas[sheet][rng.replace("$", "").split(":")[0]].number_format
    assert fmt("IS_revenue") == "#,##0;(#,##0)"
    assert fmt("RB_gross_margin_pct").startswith("0.0%")
    assert fmt("KPI_pb").startswith('0.0"x"')
    assert fmt("VAL_target_price_hkd") == "0.00"


def test_a_model_with_more_segments_than_excel_charts_series_charts_its_total(tmp_path, recwarn, monkeypatch):
    # Excel draws at most 255 series in a chart (xlsxwriter warns and drops the rest): past that the
    # native revenue chart shows total revenue, one series, read from the model's total revenue row.
    from pathlib import Path

    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import synthetic

    from builder.validation.loader import parse
    from builder.report import make_report
    from builder.model import build_model
    from builder.render.workbook import write_workbook
    a = parse(synthetic.company(3, segments=300, opex=2, actual=2, estimate=3))
    out = tmp_path / "wide.xlsx"
    model = build_model(a)
    write_workbook(model, make_report(model, a), out)
    assert not [w for w in recwarn if "series" in str(w.message)]
    revenue = next(refs for refs in chart_refs(out).values() if any("Revenue Build" in r for r in refs))
    wb = openpyxl.load_workbook(out)
    ws = wb["Revenue Build"]
    series_rows = set()
    for ref in revenue:
        m = re.search(r"!\$[A-Z]+\$(\d+):\$[A-Z]+\$(\d+)$", ref)
        if m and m.group(1) == m.group(2) and int(m.group(1)) != HEADER_ROW:
            series_rows.add(int(m.group(1)))
    labels = sorted(str(ws.cell(row, 2).value) for row in series_rows)
    assert labels == ["Total revenue", "Total revenue YoY"], labels
