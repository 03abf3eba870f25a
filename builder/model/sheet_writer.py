"""The shared writing context of the blocks: the periods, the sheets, and how a row is added.

It holds no block's results: blocks pass those to each other as handles (see `handles.py`).
The registry of built lines is here only so a line's fiscal-year total can be added beside
it on demand (a quarterly model sums each year's quarters), and so a block can see which
periods of a line it was handed are blank (a link to a blank cell would read as zero).
"""
from __future__ import annotations

from ..formula.expr import ABS, IF, INDEX_ROW, MATCH, SUM, SUMIF, Cell, Expr, Line, LineRange, LineSpan, Rows, growth, wrap
from ..labels import CATALOG, Words, given, single_language, words
from ..labels.money import money_words
from ..assumptions.schema import Assumptions
from .items import CellItem, Entry, LineItem, Note, Period, Section, Sheet

PCT, MONEY = "%", None  # MONEY resolves to the assumptions' money unit
NA_TEXT = "n.a."
NA_YOY = "n.m."  # growth on a zero year: not meaningful

SHEETS = (  # id, defined-name prefix, time series?  (in workbook order; words are "sheet.<id>")
    ("cover", "COVER", False), ("in", "IN", True), ("rb", "RB", True), ("is", "IS", True), ("bs", "BS", True),
    ("cf", "CF", True), ("dcf", "DCF", True),  # only with a DCF
    ("val", "KPI", True), ("chk", "CHK", True),
    ("rev", "REV", True),  # only with --previous
    ("var", "VAR", True),  # only with a `variance` section
)


class SheetWriter:
    def __init__(self, a: Assumptions, sheet_ids: tuple[str, ...]):
        prefix = "FY" if a.years.label_style == "FY2023A" else ""
        self.periods = [Period(p.year, p.actual, p.quarter, prefix) for p in a.years.periods()]
        self.n = len(self.periods)
        self.n_act = a.years.n_actual
        self.ppy = a.years.periods_per_year  # periods per year: growth is year on year
        # The language of the one-language columns, units and sources (English when the model has it).
        self.lang = single_language(a.languages)
        self.money = money_words(a.units)[self.lang]
        self.sheets = {sid: Sheet(sid, words(f"sheet.{sid}"), prefix, time_series=ts, tab_lang=self.lang)
                       for sid, prefix, ts in SHEETS if sid in sheet_ids}
        self._built: dict[str, tuple[str, LineItem]] = {}  # line key -> (sheet id, line), for fiscal-year totals

    @property
    def actual_periods(self) -> range:
        return range(self.n_act)

    @property
    def estimate_periods(self) -> range:
        return range(self.n_act, self.n)

    def entries(self, actual, estimate) -> list:
        """Per-period entries: `actual` in actual years, `estimate` in estimate years."""
        return [actual if p < self.n_act else estimate for p in range(self.n)]

    def line(self, sheet: str, key: str, name: Words, unit, fmt: str, entries: list[Entry], *, named=True,
             **fields) -> LineItem:
        """Add a line; `fields` are further `LineItem` fields (source, total, input_kind, ...)."""
        s = self.sheets[sheet]
        full = f"{s.prefix}_{key}"
        item = LineItem(full, name, self._unit(unit), fmt, entries=entries,
                        defined_name=full if named else None, **self._one_language(fields))
        s.add(item)
        self._built[full] = (sheet, item)
        return item

    def cell(self, sheet: str, key: str, name: Words, unit, fmt: str, entry: Entry, *, prefix=None, named=True,
             **fields) -> CellItem:
        s = self.sheets[sheet]
        full = f"{prefix or s.prefix}_{key}"
        item = CellItem(full, name, self._unit(unit), fmt, entry=entry,
                        defined_name=full if named else None, **self._one_language(fields))
        s.add(item)
        return item

    def _unit(self, unit) -> str:
        if unit is MONEY:
            return self.money
        if isinstance(unit, Words):
            return unit[self.lang]
        plain = CATALOG.get(f"unit.{unit}")  # the blocks' plain unit words: "text", "date", "year"
        return plain[self.lang] if plain is not None else unit

    def _one_language(self, fields: dict) -> dict:
        """A source note from the catalog (Words) in the source column's language."""
        source = fields.get("source")
        return {**fields, "source": source[self.lang]} if isinstance(source, Words) else fields

    def has_line(self, key: str) -> bool:
        return key in self._built

    def line_item(self, key: str) -> LineItem:
        return self._built[key][1]

    def note(self, sheet: str, text: Words):
        for lang in text:  # one row per language, in the catalog's order
            self.sheets[sheet].add(Note(words("note").format(text=text), lang))

    def section(self, sheet: str, title: Words):
        s = self.sheets[sheet]
        if s.rows:
            s.add(None)
        s.add(Section(title))

    def fy_total(self, line_key: str) -> str:
        """Key of a line's fiscal-year totals: the line itself in an annual model; in a quarterly
        model a row beside it that sums each complete year's quarters (a flow)."""
        if self.ppy == 1:
            return line_key
        fy_key = f"{line_key}_fy"
        if fy_key not in self._built:
            sheet, item = self._built[line_key]
            entries = [SUM(LineSpan(line_key, self.ppy - 1)) if p.year_end and t >= self.ppy - 1 else None
                       for t, p in enumerate(self.periods)]
            prefix = self.sheets[sheet].prefix
            self.line(sheet, fy_key[len(prefix) + 1:], words("line.fiscal_year").format(name=item.name),
                      item.unit, item.fmt, entries, total=True)
        return fy_key

    def fiscal_year_totals(self, sheet: str, keys: list[str]):
        if self.ppy > 1:
            self.section(sheet, words("section.fiscal_year_totals"))
            for key in keys:
                self.fy_total(key)

    def basis_value(self, line_key: str, basis_year: Expr, year_key: str, stock: bool = False) -> Expr:
        """A line's fiscal-year value in the basis year, by exact match on the year row: INDEX/MATCH where each
        year is one period; where quarters repeat the year, SUMIF over the fiscal-year row (blank but at the
        year's last quarter), as no approximate MATCH can be trusted to land on the last equal year. A `stock`
        (book value per share) reads its year-end row `<line>_fy`, which its block writes (it may come later)."""
        fy_key = f"{line_key}_fy" if stock and self.ppy > 1 else self.fy_total(line_key)
        years, fy = LineRange(year_key), LineRange(fy_key)
        return INDEX_ROW(fy, MATCH(basis_year, years, 0)) if self.ppy == 1 else SUMIF(years, basis_year, fy)

    def yoy(self, sheet: str, key: str, of: str, name: Words, prior_cell: str | None,
            may_be_zero: bool = False) -> LineItem:
        """Year-on-year growth of a line; an annual model's first year shows the prior growth input. A line
        that may fall to zero (a typed or shared segment) shows n.m. after a zero year, never #DIV/0!."""
        change = growth(Line(of), Line(of, self.ppy))
        if may_be_zero:
            change = IF(ABS(Line(of, self.ppy)).gt(0), change, NA_YOY)
        if self.ppy == 1:
            entries = [Cell(prior_cell) if prior_cell else None] + [change] * (self.n - 1)
        else:
            entries = [None] * self.ppy + [change] * (self.n - self.ppy)
        return self.line(sheet, key, words("line.yoy").format(name=name), PCT, "pct", entries[:self.n])


def sum_of(keys, lag: int = 0) -> Expr:
    """The sum of some lines at one period: the line itself when there is only one (no SUM(F7))."""
    keys = tuple(keys)
    if not keys:
        return wrap(0)  # no such lines (a company without operating expenses): nothing to add
    return Line(keys[0], lag) if len(keys) == 1 else SUM(Rows(keys, lag))


def add_all(parts: list[Expr]) -> Expr:
    if not parts:
        return wrap(0)  # a section with no lines (no current liabilities)
    expr = parts[0]
    for p in parts[1:]:
        expr = expr + p
    return expr


def source_note(key: str, **fields) -> Words:
    """A source note from the catalog (`source.<key>`); the writer keeps the source column's language."""
    return words(f"source.{key}").format(**fields)


def unit(key: str, **fields) -> Words:
    """A unit from the catalog (`unit.<key>`); the writer keeps the unit column's language."""
    return words(f"unit.{key}").format(**fields)


def name_of(named) -> Words:
    """The words of something the assumptions name in each language (a segment, a cost, a peer)."""
    return given(named.name_zh, named.name_en)
