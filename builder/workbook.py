"""Render the model as an .xlsx workbook with live formulas and their stored values."""
from __future__ import annotations

import base64
import datetime as dt
import gc
import json
import re
import zlib
import unicodedata
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from .charts import CHART_ROWS, add_charts
from .expr import FUNCTION_NAMES, Cell, Expr
from .layout import (COL_EN, COL_FIRST_PERIOD, COL_UNIT, COL_ZH, HEADER_ROWS, Layout, RenderCtx, sheet_ref,
                     xl_rowcol_to_cell)
from .model import LineItem, Model, Note, Section
from .schema import Assumptions
from .print_setup import document_properties, fit_periods, header_footer_line
from .text import printable

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
# zlib's default level: level 9 took 90 ms on the 50k model's 300 kB of JSON for a payload 2.6% smaller.
EMBED_LEVEL = 6


def embed_assumptions(wb, a: Assumptions) -> None:
    payload = base64.b64encode(zlib.compress(json.dumps(a.model_dump(mode="json"), ensure_ascii=False,
                                                        ).encode("utf-8"), EMBED_LEVEL)).decode("ascii")
    for i in range(0, len(payload), EMBED_CHUNK):
        wb.set_custom_property(f"{EMBED_PREFIX}{i // EMBED_CHUNK:04d}", payload[i:i + EMBED_CHUNK])


def write_workbook(model: Model, a: Assumptions, path: Path, protect: str | None = None) -> None:
    """Write the workbook. `protect` (a password, or "" for none) locks every formula cell."""
    # Writing allocates a few objects per cell and leaves no garbage cycles to speak of, yet each allocation
    # burst sets off the cycle collector, whose full passes walk the whole model: 0.1-0.25 s of a 50k model's
    # writer (timed with gc.callbacks). The collector is paused while writing and resumed as it was.
    paused = gc.isenabled()
    gc.disable()
    try:
        _write(model, a, path, protect)
    finally:
        if paused:
            gc.enable()


def _write(model: Model, a: Assumptions, path: Path, protect: str | None) -> None:
    wb = xlsxwriter.Workbook(str(path), {
        "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
    })
    created = dt.datetime.combine(a.report.date, dt.time(0, 0))
    wb.set_properties({**document_properties(a), "created": created})
    embed_assumptions(wb, a)
    layout = Layout(model)
    fmts = _Formats(wb)
    writer = _SheetWriter(wb, model, a, layout, fmts, protect)
    charts = add_charts(wb, layout, a)
    for sheet in model.sheets:
        writer.write_sheet(sheet, charts.get(sheet.title, []))
    for item in list(model.lines.values()) + list(model.cells.values()):
        if item.defined_name:
            wb.define_name(item.defined_name, layout.defined_name_ref(item))
        for period, name in getattr(item, "cell_names", {}).items():
            wb.define_name(name, "=" + layout.period_cell_text(item.key, period))
    wb.close()


class _SheetWriter:
    def __init__(self, wb, model: Model, a: Assumptions, layout: Layout, fmts: _Formats, protect: str | None):
        self.wb, self.model, self.a, self.layout, self.fmts = wb, model, a, layout, fmts
        self.protect = protect
        # Built once and shared: xlsxwriter copies or only reads these (a big model has tens of thousands of inputs).
        self._comment_options = {"author": printable(a.report.broker.en), "x_scale": 2.2, "y_scale": 1.4}
        self._notes: dict[str, str] = {}  # input line key -> its comment text
        self._contexts: dict[int, RenderCtx] = {}  # the sheet being written: period -> its render context
        self._validations: dict = {}  # this sheet's cell-independent rules -> (rule, [(row, col), ...])

    def text(self, ws, row, col, text, fmt=None, role="label", **kw):
        text = "" if text is None else printable(text)
        quote = text.startswith(FORMULA_TRIGGERS)
        ws.write_string(row, col, text, self.fmts.get("text", role, quote=quote, **kw) if fmt is None else fmt)

    def write_sheet(self, sheet, charts=()):
        ws = self.wb.add_worksheet(sheet.title, _Worksheet)
        self._contexts = {}
        ws.hide_gridlines(2)
        a, lay = self.a, self.layout
        n = lay.n_periods
        title = f"{a.company.name_zh} {a.company.name_en}（{a.company.ticker}）— {sheet.title_zh} {sheet.title}"
        self.text(ws, 0, COL_ZH, title, role="title")
        widths = {COL_ZH: display_width("项目"), COL_EN: display_width("Item"), COL_UNIT: 10}
        # Header: a link to the master check on every sheet.
        self.text(ws, 1, COL_ZH, "总检查", role="check")
        self.text(ws, 1, COL_EN, "Master check", role="check")
        self._formula(ws, 1, COL_FIRST_PERIOD, sheet.title, 0, Cell("CHK_master"), "bool", True, False,
                      self.model.cell_value("CHK_master"))
        if sheet.time_series:
            for col, label in ((COL_ZH, "项目"), (COL_EN, "Item"), (COL_UNIT, "单位 Units")):
                self.text(ws, 3, col, label, role="header")
            for p, period in enumerate(self.model.periods):
                self.text(ws, 3, lay.period_col(p), period.label, role="header")
            self.text(ws, 3, lay.note_col, "来源 / 备注 Source / note", role="header")
            ws.freeze_panes(HEADER_ROWS, COL_FIRST_PERIOD)
        else:
            for col, label in ((COL_ZH, "项目"), (COL_EN, "Item"), (COL_UNIT, "单位 Units"),
                               (COL_FIRST_PERIOD, "数值 Value")):
                self.text(ws, 3, col, label, role="header")
            self.text(ws, 3, lay.note_col, "来源 / 备注 Source / note", role="header")
            ws.freeze_panes(HEADER_ROWS, 0)

        for i, row in enumerate(sheet.rows):
            r = HEADER_ROWS + i
            if row is None:
                continue
            if isinstance(row, Section):
                self.text(ws, r, COL_ZH, row.title_zh, role="section")
                self.text(ws, r, COL_EN, row.title_en, role="section")
                for c in range(COL_UNIT, lay.note_col + 1):
                    ws.write_blank(r, c, None, self.fmts.get("text", "section"))
                continue
            if isinstance(row, Note):
                self.text(ws, r, COL_ZH, row.text, role="note")
                continue
            self.text(ws, r, COL_ZH, row.name_zh, bold=row.total)
            self.text(ws, r, COL_EN, row.name_en, bold=row.total)
            self.text(ws, r, COL_UNIT, row.unit)
            widths[COL_ZH] = max(widths[COL_ZH], display_width(row.name_zh))
            widths[COL_EN] = max(widths[COL_EN], display_width(row.name_en))
            widths[COL_UNIT] = max(widths[COL_UNIT], display_width(row.unit))
            if row.source:
                self.text(ws, r, lay.note_col, row.source, role="source")
                lines = -(-display_width(row.source) // NOTE_WIDTH)
                if lines > 1:  # LibreOffice does not grow rows for wrapped text; Excel would
                    ws.set_row(r, ROW_HEIGHT * lines)
            if isinstance(row, LineItem):
                self._line(ws, r, sheet.title, row)
            else:
                self._entry(ws, r, COL_FIRST_PERIOD, sheet.title, 0, row.entry, row, self.model.cell_value(row.key))

        self._write_validations(ws)
        last_row = HEADER_ROWS + len(sheet.rows)
        if sheet.id == "cover":
            last_row = self._cover_extras(ws, last_row + 1)
        for chart in charts:
            ws.insert_chart(last_row + 1, COL_ZH, chart, {"x_scale": 1.5, "y_scale": 1.2, "object_position": 1})
            last_row += CHART_ROWS + 1
        ws.print_area(0, 0, last_row, lay.note_col)
        if self.protect is not None:
            ws.protect(self.protect, {"format_columns": True, "format_rows": True})
        if sheet.id == "cover":
            widths[COL_ZH] = max(widths[COL_ZH], 24)
        labels = [min(max(widths[COL_ZH], 10) + 2, 44), min(max(widths[COL_EN], 10) + 2, 50), widths[COL_UNIT] + 2]
        for col, width in zip((COL_ZH, COL_EN, COL_UNIT), labels):
            ws.set_column(col, col, width)
        ws.set_column(COL_FIRST_PERIOD, COL_FIRST_PERIOD + n - 1, 12)
        ws.set_column(lay.note_col, lay.note_col, NOTE_WIDTH)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        fit_periods(ws, n if sheet.time_series else 0)
        ws.repeat_rows(3)
        ws.repeat_columns(COL_ZH, COL_UNIT)
        ws.set_header(header_footer_line(f"{a.company.name_en} ({a.company.ticker})", "&R&A"))
        ws.set_footer(header_footer_line(f"{a.report.broker.en} {a.report.date.isoformat()}", "&RPage &P of &N"))

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
                "validate": "list", "source": source, "input_title": "Scenario",
                "input_message": "Choose the live case; every sheet follows it.", "error_type": "stop"}, r, c)
        elif item.input_kind in _CELL_RULES:
            rule = input_validation(item.input_kind, xl_rowcol_to_cell(r, c))
            if rule:
                ws.data_validation(r, c, r, c, rule)
        else:
            self._note_validation(item.input_kind, lambda: input_validation(item.input_kind, ""), r, c)
        if item.source:
            note = self._notes.get(item.key)
            if note is None:
                note = self._notes[item.key] = printable(f"{item.name_en}\nSource: {item.source}")
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
        ws.write_formula(r, c, "=" + expr.render(ctx), self.fmts.get(fmt, role, total, False, False, marked),
                         value)

    def _cover_extras(self, ws, r) -> int:
        a = self.a
        f = self.fmts
        self.text(ws, r, COL_ZH, "报告", role="section")
        self.text(ws, r, COL_EN, "Report", role="section")
        r += 1
        for zh, en, value in (("公司", "Company", f"{a.company.name_zh} {a.company.name_en}"),
                              ("代码", "Ticker", a.company.ticker),
                              ("报告日期", "Report date", a.report.date.isoformat()),
                              ("研究机构", "Broker", f"{a.report.broker.zh} {a.report.broker.en}"),
                              ("报告类型", "Report type", f"{a.report.action.zh} {a.report.action.en}"),
                              ("标题", "Title", a.report.title.zh),
                              ("", "", a.report.title.en)):
            self.text(ws, r, COL_ZH, zh)
            self.text(ws, r, COL_EN, en)
            self.text(ws, r, COL_FIRST_PERIOD, value, bold=(en == "Company"))
            r += 1
        r += 1
        self.text(ws, r, COL_ZH, "估值方法", role="section")
        self.text(ws, r, COL_EN, "Valuation method", role="section")
        r += 1
        self.text(ws, r, COL_ZH, a.valuation.method.zh)
        r += 1
        self.text(ws, r, COL_ZH, a.valuation.method.en)
        r += 2
        self.text(ws, r, COL_ZH, "目录", role="section")
        self.text(ws, r, COL_EN, "Contents", role="section")
        r += 1
        for sheet in self.model.sheets:
            ws.write_url(r, COL_ZH, f"internal:{sheet_ref(sheet.title)}A1", f.get("text", "link"),
                         string=f"{sheet.title_zh} {sheet.title}")
            r += 1
        r += 1
        self.text(ws, r, COL_ZH, "格式说明", role="section")
        self.text(ws, r, COL_EN, "Style key", role="section")
        r += 1
        for role, zh, en in (("input_sample", "输入（蓝色，可修改）", "Input (blue, editable)"),
                             ("formula", "公式（黑色）", "Formula (black)"),
                             ("link", "跨表链接（绿色）", "Link to another sheet (green)"),
                             ("check", "检查（TRUE 为通过）", "Check (TRUE passes)")):
            self.text(ws, r, COL_ZH, zh, f.get("text", role))
            self.text(ws, r, COL_EN, en, f.get("text", role))
            r += 1
        r += 1
        ws.set_h_pagebreaks([r])  # print thesis, risks, ratings and disclaimer together on a page of their own
        for title_zh, title_en, items in (("投资要点", "Investment thesis", a.thesis), ("风险提示", "Risks", a.risks)):
            self.text(ws, r, COL_ZH, title_zh, role="section")
            self.text(ws, r, COL_EN, title_en, role="section")
            r += 1
            for item in items:
                self.text(ws, r, COL_ZH, f"• {item.zh}")
                r += 1
                self.text(ws, r, COL_ZH, f"• {item.en}", role="note")
                r += 1
            r += 1
        self.text(ws, r, COL_ZH, "评级说明", role="section")
        self.text(ws, r, COL_EN, "Rating scale", role="section")
        r += 1
        for rating in reversed(a.valuation.rating_scale):
            self.text(ws, r, COL_ZH, f"{rating.zh}（{rating.en}）", bold=True)
            self.text(ws, r, COL_EN, " / ".join(t for t in (rating.description_zh, rating.description_en) if t))
            r += 1
        if a.report.disclaimer:
            r += 1
            self.text(ws, r, COL_ZH, "免责声明", role="section")
            self.text(ws, r, COL_EN, "Disclaimer", role="section")
            r += 1
            self.text(ws, r, COL_ZH, a.report.disclaimer.zh, role="note")
            r += 1
            self.text(ws, r, COL_ZH, a.report.disclaimer.en, role="note")
        return r


# Data validation by input kind: (xlsxwriter rule, what the input message says).
_RANGES = {
    "sensitivity": (-100, 100, "A step of the sensitivity grid, as a change from the base case."),
    "growth": (-0.99, 10, "Growth as a fraction (0.18 = 18%), from -99% to +1000%."),
    "ratio": (-5, 5, "A ratio as a fraction (0.12 = 12%), from -500% to +500%."),
    "margin": (-1, 0.9999, "A margin as a fraction (0.18 = 18%), below 100%."),
    "rate": (-1, 1, "A rate as a fraction (0.25 = 25%), from -100% to +100%."),
    "threshold": (-1, 10, "Lowest upside for this rating, as a fraction (0.2 = 20%)."),
    "money": (-1e12, 1e12, "An amount in the model's money unit."),
}
_POSITIVE = {
    "price": "Share price, above zero.",
    "fx": "Market currency per one unit of reporting currency, above zero.",
    "shares": "Share count in millions, above zero.",
    "multiple": "Target multiple, above zero.",
}


_CELL_RULES = {"peer"}  # validations whose formula names the cell itself: one validation per cell

# Cells per <dataValidation> element. Excel accepts up to 32,767 references in one sqref ([MS-OI29500]
# 2.1.613) and the binary .xls format up to 8,192 ([MS-XLS] 2.5.246 SqRef), so a workbook saved again as .xls
# keeps its validations too.
SQREF_MAX = 8192


def input_validation(kind: str, cell: str) -> dict | None:
    if kind in _RANGES:
        lo, hi, message = _RANGES[kind]
        return {"validate": "decimal", "criteria": "between", "minimum": lo, "maximum": hi,
                "input_title": "Input", "input_message": message, "error_type": "warning",
                "error_title": "Outside the sane range", "error_message": message}
    if kind in _POSITIVE:
        return {"validate": "decimal", "criteria": ">", "value": 0, "input_title": "Input",
                "input_message": _POSITIVE[kind], "error_type": "stop", "error_title": "Must be positive",
                "error_message": _POSITIVE[kind]}
    if kind == "tolerance":
        return {"validate": "decimal", "criteria": ">=", "value": 0, "input_title": "Check tolerance",
                "input_message": "Largest difference a check accepts; zero or more.", "error_type": "stop"}
    if kind == "year":
        return {"validate": "integer", "criteria": "between", "minimum": 1900, "maximum": 2200,
                "input_title": "Year", "input_message": "A four-digit year.", "error_type": "stop"}
    if kind == "date":
        return {"validate": "date", "criteria": "between", "minimum": dt.date(1900, 1, 1),
                "maximum": dt.date(2200, 12, 31), "input_title": "Date", "input_message": "A date.",
                "error_type": "stop"}
    if kind == "text":
        return {"validate": "length", "criteria": "between", "minimum": 1, "maximum": 200,
                "input_title": "Text", "input_message": "A label, 1 to 200 characters.", "error_type": "stop"}
    if kind == "peer":
        # A peer figure may be unknown: the text n.a. keeps it out of the averages.
        return {"validate": "custom", "value": f'=OR(AND(ISNUMBER({cell}),{cell}>0),{cell}="n.a.")',
                "input_title": "Peer figure", "input_message": "A positive number, or n.a. when not known.",
                "error_type": "warning", "error_title": "Peer figure", "error_message": "Use a positive number or n.a."}
    return None
