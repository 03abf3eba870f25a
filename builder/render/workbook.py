"""Render the model as an .xlsx workbook with live formulas and their stored values."""
from __future__ import annotations

import datetime as dt
import gc
import re
import unicodedata
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from .charts import CHART_ROWS, add_charts
from ..formula.expr import FUNCTION_NAMES, Cell, Expr
from ..model.layout import (COL_EN, COL_FIRST_PERIOD, COL_UNIT, COL_ZH, HEADER_ROWS, Layout, RenderCtx, label_columns,
                     sheet_ref, xl_rowcol_to_cell)
from ..labels import CATALOG, localised_source, single_language
from ..model import LineItem, Model, Note, Section
from .defined_names import define_name
from ..report import ReportView
from ..safety.text import last_link, printable
from .validations import CELL_RULES, SQREF_MAX, input_validation
from .print_setup import fit_periods
from .workbook_text import document_properties, page_header_footer, word as _word

NUMBER_FORMATS = {
    "money": "#,##0;(#,##0)",
    "pct": "0.0%;(0.0%)",
    "eps": "0.00;(0.00)",
    "multiple": '0.0"x";(0.0"x")',
    "price": "0.00",
    "shares": "#,##0.00",
    "diff": "#,##0.00;(#,##0.00);0.00",
    "tolerance": "0.0E+0",
    "int": "0",
    "days": "0.0",
    "fx": "0.0000",
    "year": "0",
    "bool": "General",
    "bool_link": "\"TRUE\";\"TRUE\";\"FALSE\"",  # LibreOffice shows a *linked* boolean as 1 under General
    "text": "@",
    "date": "yyyy-mm-dd",
}

INPUT_FONT, INPUT_FILL = "#0000FF", "#FFF2CC"
LINK_FONT = "#008000"
CHECK_FONT, CHECK_FILL = "#7030A0", "#E2EFDA"
SECTION_FILL = "#DDEBF7"
EXCEL_EPOCH = dt.date(1899, 12, 30)
NOTE_WIDTH = 44      # characters in the source / note column (East-Asian characters count 2)
ROW_HEIGHT = 12.75   # points, one line of 10 pt text

# Characters a spreadsheet would read as the start of a formula (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@")


def excel_serial(d: dt.date) -> int:
    return (d - EXCEL_EPOCH).days


def display_width(text: str) -> int:
    """Column width in characters, counting East-Asian wide characters twice."""
    if text.isascii():  # no ASCII character is wide
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


# The run of name characters right before each "(" of a formula: a function's name, or empty for a bracket
# after an operator. Every name xlsxwriter's preparation rewrites ends in such a run. A match starts only at
# the start of a run (the look-behind), which finds the same names as trying every position, twice as fast.
_CALLED = re.compile(r"(?<![A-Za-z0-9_.])[A-Za-z0-9_.]*(?=\()")
_FINAL_OK = FUNCTION_NAMES | {""}


class _Worksheet(Worksheet):
    """A worksheet that takes our formulas as already final (xlsxwriter's documented subclassing, as in its
    inheritance examples: `add_worksheet(name, worksheet_class)`).

    xlsxwriter prepares every formula with some thirty regular-expression substitutions that add the
    `_xlfn.` prefix to Excel 2010+ functions; in a large model that is most of the time spent writing
    formulas. Our formulas only call the classic functions of `expr.FUNCTION_NAMES`, none of which takes
    a prefix, so for them the preparation only drops the leading "=". Any formula calling anything else
    (or holding text such as "SORT(" that the substitutions would touch) goes through xlsxwriter's own
    preparation unchanged, so the file's bytes are exactly what plain `write_formula` writes.
    """

    def _prepare_formula(self, formula, expand_future_functions=False):
        if (not expand_future_functions and not self.use_future_functions and formula.startswith("=")
                and not formula.endswith("}")
                and ("(" not in formula or all(name in _FINAL_OK for name in _CALLED.findall(formula)))):
            return formula[1:]
        return super()._prepare_formula(formula, expand_future_functions)


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        self.wb = wb
        self.cache = {}

    def get(self, fmt="text", role="label", total=False, bold=False, quote=False, marked=False):
        key = (fmt, role, total, bold, quote, marked)
        if key not in self.cache:
            props = {"font_name": "Arial", "font_size": 10, "num_format": NUMBER_FORMATS.get(fmt, "General"),
                     "valign": "vcenter"}
            if fmt not in ("text", "bool") and role not in ("label", "section", "title", "header", "note"):
                props["align"] = "right"  # keeps n.a. / n.m. text in line with the numbers
            if role in ("input", "input_sample"):
                # The style key's sample looks like an input but, being a label, stays locked.
                props.update(font_color=INPUT_FONT, bg_color=INPUT_FILL, locked=role == "input_sample")
            elif role == "link":
                props.update(font_color=LINK_FONT)
            elif role == "check":
                props.update(font_color=CHECK_FONT, bg_color=CHECK_FILL, bold=True)
            elif role == "section":
                props.update(bold=True, bg_color=SECTION_FILL)
            elif role == "title":
                props.update(bold=True, font_size=14)
            elif role == "header":
                props.update(bold=True, bottom=1, align="center")
            elif role == "note":
                props.update(italic=True, font_color="#595959")
            elif role == "source":
                props.update(italic=True, font_color="#595959", text_wrap=True)
            if total:
                props.update(bold=True, top=1)
            if bold:
                props.update(bold=True)
            if quote:
                props.update(quote_prefix=True)
            if marked:  # the base case of a sensitivity grid
                props.update(bold=True, border=2, border_color="#C00000", bg_color="#FCE4D6")
            self.cache[key] = self.wb.add_format(props)
        return self.cache[key]


# The assumptions travel inside the workbook (compressed, in custom document properties, which
# Excel, LibreOffice and openpyxl keep), so `extract` can rebuild them after inputs are edited.
EMBED_PREFIX = "builder_assumptions_"
EMBED_CHUNK = 240  # custom text properties are limited to 255 characters


def embed_assumptions(wb, payload: str) -> None:
    """The report view's payload (report/documents.py: embedded_payload) in chunks of EMBED_CHUNK."""
    for i in range(0, len(payload), EMBED_CHUNK):
        wb.set_custom_property(f"{EMBED_PREFIX}{i // EMBED_CHUNK:04d}", payload[i:i + EMBED_CHUNK])


def write_workbook(model: Model, view: ReportView, path: Path, protect: str | None = None) -> None:
    """Write the workbook. `protect` (a password, or "" for none) locks every formula cell."""
    # Writing allocates a few objects per cell and leaves no garbage cycles to speak of, yet each allocation
    # burst sets off the cycle collector, whose full passes walk the whole model: 0.1-0.25 s of a 50k model's
    # writer (timed with gc.callbacks). The collector is paused while writing and resumed as it was.
    paused = gc.isenabled()
    gc.disable()
    try:
        _write(model, view, path, protect)
    finally:
        if paused:
            gc.enable()


def _write(model: Model, view: ReportView, path: Path, protect: str | None) -> None:
    wb = xlsxwriter.Workbook(str(path), {
        "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
    })
    wb.set_properties(document_properties(view))
    embed_assumptions(wb, view.embedded_assumptions)
    layout = Layout(model)
    fmts = _Formats(wb)
    writer = _SheetWriter(wb, model, view, layout, fmts, protect)
    charts = add_charts(wb, layout, view)
    for sheet in model.sheets:
        writer.write_sheet(sheet, charts.get(sheet.title, []))
    for item in list(model.lines.values()) + list(model.cells.values()):
        if item.defined_name:
            for name in (item.defined_name, *item.aliases):
                define_name(wb, name, layout.defined_name_ref(item))
        for period, name in getattr(item, "cell_names", {}).items():
            define_name(wb, name, "=" + layout.period_cell_text(item.key, period))
    wb.close()



class _SheetWriter:
    def __init__(self, wb, model: Model, view: ReportView, layout: Layout, fmts: _Formats, protect: str | None):
        self.wb, self.model, self.view, self.layout, self.fmts = wb, model, view, layout, fmts
        self.protect = protect
        self.languages = view.languages
        self.columns = label_columns(view.languages)
        self.one = single_language(view.languages)  # the language of one-text places
        # Built once and shared: xlsxwriter copies or only reads these (a big model has tens of thousands of inputs).
        self._comment_options = {"author": printable(view.report.broker[self.one]), "x_scale": 2.2, "y_scale": 1.4}
        self._notes: dict[str, str] = {}  # input line key -> its comment text
        self._contexts: dict[int, RenderCtx] = {}  # the sheet being written: period -> its render context
        self._validations: dict = {}  # this sheet's cell-independent rules -> (rule, [(row, col), ...])
        self._header, self._footer = page_header_footer(view)

    def text(self, ws, row, col, text, fmt=None, role="label", **kw):
        text = "" if text is None else printable(text)
        quote = text.startswith(FORMULA_TRIGGERS)
        ws.write_string(row, col, text, self.fmts.get("text", role, quote=quote, **kw) if fmt is None else fmt)

    def write_sheet(self, sheet, charts=()):
        ws = self.wb.add_worksheet(sheet.title, _Worksheet)
        self._contexts = {}
        ws.hide_gridlines(2)
        self._sheet_header(ws, sheet)
        item = CATALOG["xlsx.item"]
        widths = {COL_ZH: 0, COL_EN: 0, COL_UNIT: 10}
        for lang, col in self.columns.items():
            widths[col] = display_width(item[lang])
        for i, row in enumerate(sheet.rows):
            if row is not None:
                self._row(ws, HEADER_ROWS + i, sheet, row, widths)
        self._write_validations(ws)
        last_row = HEADER_ROWS + len(sheet.rows)
        if sheet.id == "cover":
            last_row = self._cover_extras(ws, last_row + 1)
        for chart in charts:
            ws.insert_chart(last_row + 1, COL_ZH, chart, {"x_scale": 1.5, "y_scale": 1.2, "object_position": 1})
            last_row += CHART_ROWS + 1
        ws.print_area(0, 0, last_row, self.layout.note_col)
        if self.protect is not None:
            ws.protect(self.protect, {"format_columns": True, "format_rows": True})
        if sheet.id == "cover":
            widths[COL_ZH] = max(widths[COL_ZH], 24)
        self._page_setup(ws, widths, self.layout.n_periods if sheet.time_series else 0)

    def _sheet_header(self, ws, sheet):
        """Title, the master check (linked on every sheet) and the column headings."""
        lay = self.layout
        title = self._sheet_title(sheet)
        self.text(ws, 0, COL_ZH, title, role="title")
        self._labels(ws, 1, "xlsx.master_check", role="check")
        val = self.view.valuation
        self._formula(ws, 1, COL_FIRST_PERIOD, sheet.title, 0, Cell(val.master_check_line), "bool", True, False,
                      val.master_check)
        self._labels(ws, 3, "xlsx.item", role="header")
        self.text(ws, 3, COL_UNIT, self._joined("xlsx.units"), role="header")
        if sheet.time_series:
            for p, period in enumerate(self.model.periods):
                self.text(ws, 3, lay.period_col(p), period.label, role="header")
        else:
            self.text(ws, 3, COL_FIRST_PERIOD, self._joined("xlsx.value"), role="header")
        self.text(ws, 3, lay.note_col, self._joined("xlsx.source"), role="header")
        ws.freeze_panes(HEADER_ROWS, COL_FIRST_PERIOD if sheet.time_series else 0)

    def _sheet_title(self, sheet) -> str:
        """Company, ticker and sheet in each language; full-width brackets only beside Chinese."""
        company, langs = self.view.company, self.languages
        names = " ".join(company.name[lang] for lang in langs)
        ticker = f"（{company.ticker}）— " if "zh" in langs else f" ({company.ticker}) — "
        return f"{names}{ticker}" + " ".join(sheet.name[lang] for lang in langs)

    def _row(self, ws, r, sheet, row, widths):
        """One row of the model; `widths` grows to fit its labels."""
        lay = self.layout
        if isinstance(row, Section):
            for c in range(COL_ZH, COL_UNIT):
                ws.write_blank(r, c, None, self.fmts.get("text", "section"))
            for lang, col in self.columns.items():
                self.text(ws, r, col, row.title[lang], role="section")
            for c in range(COL_UNIT, lay.note_col + 1):
                ws.write_blank(r, c, None, self.fmts.get("text", "section"))
            return
        if isinstance(row, Note):
            if row.lang in self.columns:  # a note in a language the report does not have stays a blank row
                self.text(ws, r, COL_ZH, row.text, role="note")
            return
        for lang, col in self.columns.items():
            self.text(ws, r, col, row.name[lang], bold=row.total)
            widths[col] = max(widths[col], display_width(row.name[lang]))
        self.text(ws, r, COL_UNIT, row.unit)
        widths[COL_UNIT] = max(widths[COL_UNIT], display_width(row.unit))
        if row.source:
            source = localised_source(row.source, self.one)
            _write_source(self, ws, r, lay.note_col, source)
            lines = -(-display_width(source) // NOTE_WIDTH)
            if lines > 1:  # LibreOffice does not grow rows for wrapped text; Excel would
                ws.set_row(r, ROW_HEIGHT * lines)
        if isinstance(row, LineItem):
            self._line(ws, r, sheet.title, row)
        else:
            self._entry(ws, r, COL_FIRST_PERIOD, sheet.title, 0, row.entry, row, self.model.cell_value(row.key))

    def _page_setup(self, ws, widths, n_periods: int):
        """Column widths, A4 landscape one page wide, repeated headings, page header and footer."""
        lay = self.layout
        ws.set_column(COL_ZH, COL_ZH, min(max(widths[COL_ZH], 10) + 2, 44))
        # A one-language report leaves the second label column empty (so every address is the same
        # whatever the languages) and narrow.
        ws.set_column(COL_EN, COL_EN, min(max(widths[COL_EN], 10) + 2, 50) if len(self.columns) > 1 else 2)
        ws.set_column(COL_UNIT, COL_UNIT, widths[COL_UNIT] + 2)
        ws.set_column(COL_FIRST_PERIOD, COL_FIRST_PERIOD + lay.n_periods - 1, 12)
        ws.set_column(lay.note_col, lay.note_col, NOTE_WIDTH)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        fit_periods(ws, n_periods)
        ws.repeat_rows(3)
        ws.repeat_columns(COL_ZH, COL_UNIT)
        ws.set_header(self._header)
        ws.set_footer(self._footer)

    def _labels(self, ws, r, key, **kw):
        """A catalog entry in the label columns, each language of the report in its own."""
        for lang, col in self.columns.items():
            self.text(ws, r, col, CATALOG[key][lang], **kw)

    def _joined(self, key) -> str:
        """A catalog entry in every language, in one cell."""
        return " ".join(CATALOG[key][lang] for lang in self.view.languages)

    def _line(self, ws, r, sheet_title, line: LineItem):
        """A line's cells; an input is its own value, so only formulas ask the model for theirs."""
        line_value, key = self.model.line_value, line.key
        for p, entry in enumerate(line.entries):
            if entry is not None:
                value = line_value(key, p) if isinstance(entry, Expr) else entry
                self._entry(ws, r, COL_FIRST_PERIOD + p, sheet_title, p, entry, line, value)

    def _entry(self, ws, r, c, sheet_title, period, entry, item, value):
        if entry is None:
            return
        col_fmts = getattr(item, "col_fmts", None)
        fmt_kind = col_fmts.get(period, item.fmt) if col_fmts else item.fmt
        if isinstance(entry, Expr):
            highlight = getattr(item, "highlight", None)
            self._formula(ws, r, c, sheet_title, period, entry, fmt_kind, item.check, item.total, value,
                          bool(highlight) and period in highlight)
            return
        self._guard_input(ws, r, c, item)
        if isinstance(entry, dt.date):
            ws.write_datetime(r, c, dt.datetime.combine(entry, dt.time()), self.fmts.get(fmt_kind, "input"))
        elif isinstance(entry, str):
            entry = printable(entry)
            ws.write_string(r, c, entry, self.fmts.get("text", "input", quote=entry.startswith(FORMULA_TRIGGERS)))
        else:
            ws.write_number(r, c, entry, self.fmts.get(fmt_kind, "input"))

    def _guard_input(self, ws, r, c, item):
        """Data validation with an input message, and the source note as a comment.

        A rule that does not depend on the cell is only noted here; `_write_validations` writes each such rule
        once per sheet for all its cells. A rule whose formula names the cell itself is written per cell."""
        if getattr(item, "choices", ()):
            source = "=" + RenderCtx(self.layout, "", 0).cells_range(item.choices)
            self._note_validation(("list", source), lambda: {
                "validate": "list", "source": source, "input_title": _word("validation.scenario.title", self.one),
                "input_message": _word("validation.scenario", self.one), "error_type": "stop"}, r, c)
        elif item.input_kind in CELL_RULES:
            rule = input_validation(item.input_kind, xl_rowcol_to_cell(r, c), self.one)
            if rule:
                ws.data_validation(r, c, r, c, rule)
        else:
            self._note_validation(item.input_kind, lambda: input_validation(item.input_kind, "", self.one), r, c)
        if item.source:
            note = self._notes.get(item.key)
            if note is None:
                note = self._notes[item.key] = printable(_word("xlsx.note_source", self.one, name=item.name[self.one],
                                                               source=localised_source(item.source, self.one)))
            ws.write_comment(r, c, note, self._comment_options)

    def _note_validation(self, key, make_rule, r, c):
        """Add a cell to this sheet's group for a cell-independent rule (made on the group's first cell)."""
        group = self._validations.get(key)
        if group is None:
            group = self._validations[key] = (make_rule(), [])
        group[1].append((r, c))

    def _write_validations(self, ws):
        """One data validation per cell-independent rule for all the sheet's cells it covers (xlsxwriter's
        documented `multi_range` option; Excel keeps identical rules that way itself), instead of one per
        cell: a 50k model has 21,900 inputs and only a dozen rules. Each cell is listed on its own in the
        sqref ("E10 F10 G10 ...", in the order written) rather than merged into row ranges (E10:T10), so a
        reader that looks a cell up by its own reference in the sqref (as tests/test_presentation.py does)
        still finds it. A rule covers at most `SQREF_MAX` cells per element."""
        for rule, cells in self._validations.values():
            if not rule:
                continue
            for i in range(0, len(cells), SQREF_MAX):
                chunk = cells[i:i + SQREF_MAX]
                r, c = chunk[0]
                if len(chunk) == 1:
                    ws.data_validation(r, c, r, c, rule)
                else:
                    ws.data_validation(r, c, r, c, {**rule, "multi_range": " ".join(
                        xl_rowcol_to_cell(row, col) for row, col in chunk)})
        self._validations = {}

    def _cross_sheet(self, entry: Expr, sheet_title: str) -> bool:
        return any(self.layout.title_of.get(getattr(ref, "key", None)) not in (None, sheet_title)
                   for ref in entry.refs())

    def _formula(self, ws, r, c, sheet_title, period, expr, fmt, check, total, value, marked=False):
        link = expr.is_link()
        if check:
            role = "check"
        elif link and self._cross_sheet(expr, sheet_title):
            role = "link"
        else:
            role = "formula"
        if fmt == "bool" and link:
            fmt = "bool_link"
        ctx = self._contexts.get(period)
        if ctx is None:
            ctx = self._contexts[period] = RenderCtx(self.layout, sheet_title, period)
        if value is None:
            value = 0  # a formula over blank cells evaluates to 0 in every engine
        elif isinstance(value, dt.date):
            value = excel_serial(value)
        elif isinstance(value, str):
            value = printable(value)  # a text result (a rating name) is stored in the XML as cell text is
        ws.write_formula(r, c, "=" + expr.render(ctx), self.fmts.get(fmt, role, total, False, False, marked),
                         value)

    def _section(self, ws, r, key) -> int:
        self._labels(ws, r, key, role="section")
        return r + 1

    def _cover_extras(self, ws, r) -> int:
        """Report facts, method, contents and style key below the Cover's rows, then, on a page of their
        own, thesis, risks, rating scale and disclaimer."""
        view, f = self.view, self.fmts
        company, report = view.company, view.report
        every = view.languages
        r = self._section(ws, r, "cover.report")
        facts = [("cover.company", " ".join(company.name[lang] for lang in every)),
                 ("cover.ticker", company.ticker),
                 ("cover.date", report.date.isoformat()),
                 ("cover.broker", " ".join(report.broker[lang] for lang in every)),
                 ("cover.action", " ".join(report.action[lang] for lang in every))]
        facts += [("cover.title" if i == 0 else None, report.title[lang]) for i, lang in enumerate(every)]
        for key, value in facts:
            if key is None:  # the title in a further language, under the first
                self.text(ws, r, COL_ZH, "")
                self.text(ws, r, COL_EN, "")
            else:
                self._labels(ws, r, key)
            self.text(ws, r, COL_FIRST_PERIOD, value, bold=(key == "cover.company"))
            r += 1
        r = self._section(ws, r + 1, "cover.method")
        for lang in view.languages:
            self.text(ws, r, COL_ZH, view.valuation.method[lang])
            r += 1
        r = self._section(ws, r + 1, "cover.contents")
        for sheet in self.model.sheets:
            ws.write_url(r, COL_ZH, f"internal:{sheet_ref(sheet.title)}A1", f.get("text", "link"),
                         string=" ".join(sheet.name[lang] for lang in self.languages))
            r += 1
        r = self._section(ws, r + 1, "cover.style_key")
        for role, key in (("input_sample", "cover.style.input"), ("formula", "cover.style.formula"),
                          ("link", "cover.style.link"), ("check", "cover.style.check")):
            self._labels(ws, r, key, fmt=f.get("text", role))
            r += 1
        r += 1
        ws.set_h_pagebreaks([r])  # print thesis, risks, ratings and disclaimer together on a page of their own
        return self._cover_page_two(ws, r)

    def _cover_page_two(self, ws, r) -> int:
        view = self.view
        for key, items in (("cover.thesis", view.thesis), ("cover.risks", view.risks)):
            r = self._section(ws, r, key)
            for item in items:
                for lang, role in zip(view.languages, ("label", "note")):
                    self.text(ws, r, COL_ZH, f"• {item[lang]}", role=role)
                    r += 1
            r += 1
        r = self._section(ws, r, "cover.rating_scale")
        for rating in view.rating_scale:
            name = (f"{rating.zh}（{rating.en}）" if len(self.languages) > 1 else rating.name[self.languages[0]])
            self.text(ws, r, COL_ZH, name, bold=True)
            self.text(ws, r, COL_EN, " / ".join(rating.description[lang] for lang in view.languages
                                                if rating.description[lang]))
            r += 1
        if view.report.disclaimer:
            r = self._section(ws, r + 1, "cover.disclaimer")
            for i, lang in enumerate(view.languages):
                r += i > 0
                self.text(ws, r, COL_ZH, view.report.disclaimer[lang], role="note")
        return r


def _write_source(writer: _SheetWriter, ws, row: int, col: int, text: str) -> None:
    """A source note; a hyperlink to its last web address when it has one (the newest filing)."""
    link = last_link(text)
    fmt = writer.fmts.get("text", "source", quote=printable(text).startswith(FORMULA_TRIGGERS))
    if link is None or ws.write_url(row, col, link, fmt, string=printable(text)) != 0:
        writer.text(ws, row, col, text, role="source")
