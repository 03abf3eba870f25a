"""The rows a model sheet holds: line items, single cells, section titles, notes.

Rows are immutable once made: a block gives every field at construction. Their words are a
`Words` (one text per language); the `*_zh` / `*_en` properties read it for renderers that
still ask for one language by name.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Union

from ..formula.expr import Expr
from ..labels import Words

Entry = Union[Expr, float, int, str, bool, dt.date, None]


@dataclass(frozen=True)
class Period:
    year: int
    actual: bool
    quarter: int | None = None
    prefix: str = ""  # "FY" for FY2023A-style labels

    @property
    def label(self) -> str:
        q = f"Q{self.quarter}" if self.quarter else ""
        return f"{self.prefix}{self.year}{q}{'A' if self.actual else 'E'}"

    @property
    def year_end(self) -> bool:
        return self.quarter in (None, 4)


@dataclass(frozen=True, eq=False)
class Item:
    """What a line and a single cell share: a key, words, a unit, a format and styling."""
    key: str
    name: Words
    unit: str
    fmt: str
    defined_name: str | None = None
    source: str = ""
    total: bool = False      # subtotal styling
    check: bool = False      # check styling
    input_kind: str = ""     # inputs only: what kind of value, for data validation
    aliases: tuple[str, ...] = ()  # further defined names of the same row (a method-neutral or older name)

    @property
    def name_zh(self) -> str:
        return self.name["zh"]

    @property
    def name_en(self) -> str:
        return self.name["en"]

    @property
    def is_input(self) -> bool:
        return bool(self.input_kind)

    def origin_at(self, period: int) -> tuple | None:
        """Where the input value at a period came from in the assumptions (None: not from them)."""
        return None


@dataclass(frozen=True, eq=False)
class LineItem(Item):
    """A row with one entry per period (or per grid column when not periodic)."""
    entries: list[Entry] = field(default_factory=list)
    cell_names: dict[int, str] = field(default_factory=dict)  # period -> single-cell defined name
    periodic: bool = True    # False: a grid row whose entries are columns, not periods
    col_fmts: dict[int, str] = field(default_factory=dict)  # per-column number format overrides
    highlight: frozenset[int] = frozenset()                  # columns to mark (a grid's base case)
    origins: list = field(default_factory=list)  # inputs: per entry, its path in the assumptions

    def origin_at(self, period: int) -> tuple | None:
        return self.origins[period] if self.origins else None


@dataclass(frozen=True, eq=False)
class CellItem(Item):
    """A single value (market data, a valuation figure, a check)."""
    entry: Entry = None
    choices: tuple[str, ...] = ()  # a list input: keys of the cells holding the allowed values
    origin: tuple | None = None    # inputs: the path of the value in the assumptions

    def origin_at(self, period: int) -> tuple | None:
        return self.origin


@dataclass(frozen=True)
class Section:
    title: Words

    @property
    def title_zh(self) -> str:
        return self.title["zh"]

    @property
    def title_en(self) -> str:
        return self.title["en"]


@dataclass(frozen=True)
class Note:
    """A note in one language (a sheet shows one row per language)."""
    words: Words
    lang: str

    @property
    def text(self) -> str:
        return self.words[self.lang]


@dataclass(frozen=True)
class Header:
    """Column headings inside a sheet (a grid's axis names); texts by column index."""
    label: Words
    texts: dict[int, str]

    @property
    def label_zh(self) -> str:
        return self.label["zh"]

    @property
    def label_en(self) -> str:
        return self.label["en"]


Row = Union[LineItem, CellItem, Section, Note, Header, None]  # None is a blank spacer row


@dataclass
class Sheet:
    id: str
    name: Words         # the Excel sheet name is in `tab_lang`
    prefix: str         # defined-name prefix of its lines
    rows: list[Row] = field(default_factory=list)
    time_series: bool = True
    tab_lang: str = "en"  # English whenever the model has it (the example keeps its tabs), else its language

    @property
    def title(self) -> str:
        return self.name[self.tab_lang]

    @property
    def title_zh(self) -> str:
        return self.name["zh"]

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row
