"""A second engine and Excel's limits: Gnumeric (`ssconvert --recalc`) agrees with the stored value of every
formula of every example and test company; 300- and 1,000-segment models stay within Excel's limits
(function arguments, formula length, nesting) and both engines agree with them; headers, footers and
document properties are cut deliberately; quarterly models print 12 periods a page and thin their labels."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from openpyxl.formula.tokenizer import Token, Tokenizer

from builder.commands.build import build
from builder.render.chart_specs import chart_specs
from builder.formula.expr import SUM, Rows
from builder.validation.loader import default_example, load, parse
from builder.audit.recalc import recalculate
from builder.model import build_model
from builder.report import make_report
from conftest import engine_mismatches, formula_cells, gnumeric_recalculate, named_values, needs_gnumeric, \
    needs_libreoffice, needs_preview_tools
from other_company import acme
from quarterly_company import quarterly
from random_company import companies
from whole_files import _segments, rebalance


def _many_segments(n: int) -> dict:
    d = acme()
    d["company"]["id"] = f"segments_{n}"
    _segments(d, n)
    rebalance(d)
    return d


@pytest.fixture(scope="module")
def books(tmp_path_factory, xlsx) -> dict[str, Path]:
    """The default example and the test companies, built once (no charts: the workbook is what is checked)."""
    out = tmp_path_factory.mktemp("engines")
    made = {"kingsoft_cloud": xlsx}
    for d in (acme(), quarterly(), _many_segments(300), _many_segments(1000)):
        build(parse(d), out, charts=False)
        made[d["company"]["id"]] = out / f"{d['company']['id']}.xlsx"
    return made


def _function_calls(formula: str):
    """(name, argument count, nesting depth) of every function call, read by openpyxl's tokenizer."""
    stack = []
    for tok in Tokenizer(formula).items:
        if tok.type == Token.FUNC and tok.subtype == Token.OPEN:
            stack.append([tok.value[:-1], 1, len(stack) + 1])
        elif tok.type == Token.SEP and tok.subtype == Token.ARG and stack:
            stack[-1][1] += 1
        elif tok.type == Token.FUNC and tok.subtype == Token.CLOSE:
            yield tuple(stack.pop())


def test_every_formula_is_within_excels_limits(books):
    for name in ("kingsoft_cloud", "acme_quarterly", "segments_300", "segments_1000"):
        wb = openpyxl.load_workbook(books[name])
        count = 0
        for title, c in formula_cells(wb):
            count += 1
            assert len(c.value) - 1 < 8192, f"{name} {title}!{c.coordinate}: {len(c.value)} characters"
            for fn, args, depth in _function_calls(c.value):
                assert args <= 255, f"{name} {title}!{c.coordinate}: {fn} with {args} arguments"
                assert depth < 64, f"{name} {title}!{c.coordinate}: nested {depth} deep"
        assert count > 300


def test_a_thousand_segments_sum_as_one_range(books):
    wb = openpyxl.load_workbook(books["segments_1000"])
    names = {n: next(iter(d.destinations)) for n, d in wb.defined_names.items()}
    sheet, ref = names["RB_revenue_total"]
    first = wb[sheet][ref.replace("$", "").split(":")[0]].value
    assert re.fullmatch(r"=SUM\([A-Z]+\d+:[A-Z]+\d+\)", first), first


@needs_gnumeric
def test_gnumeric_agrees_with_every_stored_value(books, tmp_path):
    paths = list(books.values())
    for path, engine in zip(paths, gnumeric_recalculate(paths, tmp_path)):
        bad = engine_mismatches(path, engine)
        assert not bad, f"{path.name}:\n" + "\n".join(bad[:10])
        assert named_values(openpyxl.load_workbook(engine, data_only=True))["CHK_master"] is True


@needs_gnumeric
@settings(max_examples=3, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(data=companies())
def test_gnumeric_agrees_on_a_sample_of_random_models(tmp_path_factory, data):
    out = tmp_path_factory.mktemp("random_gnumeric")
    data["company"]["id"] = "random"
    build(parse(data), out, charts=False)
    [engine] = gnumeric_recalculate([out / "random.xlsx"], out / "gnumeric")
    bad = engine_mismatches(out / "random.xlsx", engine)
    assert not bad, "\n".join(bad[:10])


@needs_libreoffice
def test_libreoffice_agrees_on_300_and_1000_segments(books, tmp_path):
    paths = [books["segments_300"], books["segments_1000"]]
    for path, engine in zip(paths, recalculate(paths, tmp_path)):  # one LibreOffice run for both
        bad = engine_mismatches(path, engine)
        assert not bad, f"{path.name}:\n" + "\n".join(bad[:10])
        assert named_values(openpyxl.load_workbook(engine, data_only=True))["CHK_master"] is True


class _Rows:
    """A render context where each key is its own non-adjacent row of column A (rows 1, 3, 5, ...)."""

    def __init__(self, n):
        self.row = {f"k{i}": 2 * i + 1 for i in range(n)}

    def period(self):
        return 0

    def line_ref(self, key, period):
        return f"A{self.row[key]}"

    def rows_range(self, keys, period):
        rows = [self.row[k] for k in keys]
        return f"A{rows[0]}" if len(rows) == 1 else None


@needs_gnumeric
def test_a_sum_of_600_separate_cells_nests_within_255_arguments(tmp_path):
    n = 600
    formula = SUM(Rows(tuple(f"k{i}" for i in range(n)))).render(_Rows(n))
    assert max(args for _, args, _ in _function_calls("=" + formula)) <= 255
    path = tmp_path / "sum.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    for i in range(n):
        ws.write_number(2 * i, 0, i + 1)
    ws.write_formula("C1", "=" + formula, None, 0)
    wb.close()
    [engine] = gnumeric_recalculate([path], tmp_path / "g")
    assert openpyxl.load_workbook(engine, data_only=True).active["C1"].value == n * (n + 1) / 2


# -- headers, footers, properties -------------------------------------------------------------------------
def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_long_names_are_cut_in_headers_footers_and_properties(tmp_path):
    d = acme()
    d["company"]["name_en"] = "Acme & Sons " + "Robotics " * 40          # 372 characters, an & to escape
    d["report"]["broker"]["en"] = "证券" * 150 + " 😀"                     # wide characters, one outside the BMP
    build(parse(d), tmp_path, charts=False)
    with zipfile.ZipFile(tmp_path / "acme_robotics.xlsx") as z:
        sheet = z.read("xl/worksheets/sheet4.xml").decode("utf-8")
        core = z.read("docProps/core.xml").decode("utf-8")
    header = re.search(r"<oddHeader>(.*?)</oddHeader>", sheet).group(1).replace("&amp;", "&")
    footer = re.search(r"<oddFooter>(.*?)</oddFooter>", sheet).group(1).replace("&amp;", "&")
    assert header.startswith("&LAcme && Sons Robotics") and header.endswith("…&R&A")
    # the broker's name is cut; the report date after it stays whole
    assert footer.startswith("&L证券证券") and footer.endswith("… 2022-03-01&RPage &P of &N")
    assert _utf16(header) <= 255 and _utf16(footer) <= 255
    assert _utf16(header) >= 250  # cut at the limit, not far short of it
    title = re.search(r"<dc:title>(.*?)</dc:title>", core).group(1).replace("&amp;", "&")
    assert len(title) == 255 and title.endswith("…")


# -- quarterly print and charts --------------------------------------------------------------------------
def test_quarterly_sheets_print_twelve_periods_a_page_with_labels_repeated(books):
    """40 quarters: fitted to four page widths (10 quarters a page), label columns repeated on each."""
    ws = openpyxl.load_workbook(books["acme_quarterly"])["P&L"]
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (4, 0)
    assert ws.print_title_cols == "$A:$C"
    annual = openpyxl.load_workbook(books["acme_robotics"])["P&L"]
    assert annual.sheet_properties.pageSetUpPr.fitToPage
    assert annual.page_setup.fitToWidth in (None, 1) and annual.page_setup.fitToHeight == 0  # 1 is the default


@needs_preview_tools
def test_libreoffice_prints_quarterly_pages_of_at_most_twelve_quarters(books, tmp_path):
    from builder.commands.preview import preview
    pages = [p for p in preview(books["acme_quarterly"], tmp_path) if p.name.endswith("-p-l.png")]
    assert len(pages) == 4  # 40 quarters over four pages, not one page of 2 pt text


def test_quarterly_chart_labels_are_thinned(books):
    a = parse(quarterly())
    specs = chart_specs(make_report(build_model(a), a), "en")
    revenue = next(s for name, s in specs.items() if name.endswith("revenue.png"))
    assert len(revenue.axis.periods) == 40
    assert revenue.axis.labelled == tuple(range(0, 40, 4))  # ten labels, every fourth quarter
    example = load(default_example())
    default = chart_specs(make_report(build_model(example), example), "en")
    spec = next(s for name, s in default.items() if name.endswith("revenue.png"))
    assert spec.axis.labelled == tuple(range(len(spec.axis.periods)))  # an annual axis keeps every label
    with zipfile.ZipFile(books["acme_quarterly"]) as z:
        charts = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert sum('<c:tickLblSkip val="4"/>' in c for c in charts) == 2  # revenue and margins; not the peer bars
    assert any("<c:delete val=\"1\"/>" in c for c in charts)  # value labels between the shown ones deleted


def test_quarterly_png_axis_shows_at_most_twelve_labels():
    from builder.render.summary_charts import _Style, revenue_chart
    a = parse(quarterly())
    spec = next(s for n, s in chart_specs(make_report(build_model(a), a), "en").items() if n.endswith("revenue.png"))
    fig = revenue_chart(spec, _Style(["DejaVu Sans"]))
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == [spec.axis.periods[i] for i in range(0, 40, 4)]
    values = [t.get_text() for t in ax.texts if t.get_text().replace(",", "").isdigit()]
    assert len(values) == 10  # the total above every fourth bar only
