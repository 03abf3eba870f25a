"""Where every line sits in the workbook, and how a reference to it is written.

The layout is derived from the model's row order, so the renderer and every formula
agree on addresses. Columns are the same on every sheet: labels (zh, en), units,
one column per period, then the source / note column.
"""
from __future__ import annotations

from functools import lru_cache

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.utility import xl_rowcol_to_cell as _xl_rowcol_to_cell

from ..labels import single_language
from . import CellItem, LineItem, Model

COL_ZH, COL_EN, COL_UNIT, COL_FIRST_PERIOD = 0, 1, 2, 3
HEADER_ROWS = 4  # title, master check, blank, column headers


def label_columns(languages) -> dict[str, int]:
    """The label column of each language of the report, the first language in the first. A one-language
    report leaves the second empty, so every cell address is the same whatever the languages."""
    return dict(zip(languages, (COL_ZH, COL_EN)))


def name_column(languages) -> int:
    """The label column whose text names a row for charts and extract: that of the language of one-text
    places (English when the report has it, see labels.single_language)."""
    return label_columns(languages)[single_language(languages)]


@lru_cache(maxsize=None)
def _col_name(col: int, col_abs: bool) -> str:
    return xl_col_to_name(col, col_abs)


def xl_rowcol_to_cell(row: int, col: int, row_abs: bool = False, col_abs: bool = False) -> str:
    """xlsxwriter's A1 text of a cell, with the column letters cached (a big model writes each many times)."""
    if row < 0 or col < 0:
        return _xl_rowcol_to_cell(row, col, row_abs, col_abs)  # its own warning and ""
    return f"{_col_name(col, col_abs)}{'$' if row_abs else ''}{row + 1}"


@lru_cache(maxsize=None)
def sheet_ref(title: str) -> str:
    """A sheet name as a formula prefix, quoted when it is not a plain word."""
    if title.replace("_", "").isalnum() and title.isascii() and not title[0].isdigit():
        return f"{title}!"
    return "'" + title.replace("'", "''") + "'!"


class Layout:
    def __init__(self, model: Model):
        self.model = model
        self.n_periods = len(model.periods)
        widest = max([len(line.entries) for line in model.lines.values() if not line.periodic], default=0)
        self.note_col = COL_FIRST_PERIOD + max(self.n_periods, widest)
        self.row_of: dict[str, int] = {}
        self.title_of: dict[str, str] = {}
        for sheet in model.sheets:
            for i, row in enumerate(sheet.rows):
                if isinstance(row, (LineItem, CellItem)):
                    self.row_of[row.key] = HEADER_ROWS + i
                    self.title_of[row.key] = sheet.title

    def period_col(self, period: int) -> int:
        return COL_FIRST_PERIOD + period

    def address(self, key: str, period: int | None = None, absolute=False) -> tuple[str, int, int]:
        """(sheet title, row, col) of a line at a period, or of a single cell."""
        col = COL_FIRST_PERIOD if period is None else self.period_col(period)
        return self.title_of[key], self.row_of[key], col

    def range_text(self, key: str, first: int = 0) -> str:
        title, row, _ = self.address(key)
        a = xl_rowcol_to_cell(row, self.period_col(first), row_abs=True, col_abs=True)
        b = xl_rowcol_to_cell(row, self.period_col(self.n_periods - 1), row_abs=True, col_abs=True)
        return f"{sheet_ref(title)}{a}:{b}"

    def cell_text(self, key: str) -> str:
        title, row, col = self.address(key)
        return f"{sheet_ref(title)}{xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)}"

    def defined_name_ref(self, item) -> str:
        return "=" + (self.range_text(item.key) if isinstance(item, LineItem) else self.cell_text(item.key))

    def period_cell_text(self, key: str, period: int) -> str:
        title, row, _ = self.address(key)
        return f"{sheet_ref(title)}{xl_rowcol_to_cell(row, self.period_col(period), row_abs=True, col_abs=True)}"


class RenderCtx:
    """Turns the symbolic references of an `Expr` into A1 text for one cell."""

    def __init__(self, layout: Layout, sheet_title: str, period: int):
        self.layout = layout
        self.sheet_title = sheet_title
        self._period = period

    def period(self):
        return self._period

    def period_count(self):
        return self.layout.n_periods

    def _prefix(self, title: str) -> str:
        return "" if title == self.sheet_title else sheet_ref(title)

    def line_ref(self, key, period):
        # The most frequent reference of all (about two per formula): two dict lookups, not layout.address().
        if period < 0:
            raise ValueError(f"{key}: reference to period {period} outside the model")
        lay = self.layout
        return self._prefix(lay.title_of[key]) + xl_rowcol_to_cell(lay.row_of[key], lay.period_col(period))

    def line_at(self, key, period):
        title, row, _ = self.layout.address(key)
        return self._prefix(title) + xl_rowcol_to_cell(row, self.layout.period_col(period), col_abs=True)

    def line_range(self, key, first=0):
        text = self.layout.range_text(key, first)
        title = self.layout.title_of[key]
        return text[len(sheet_ref(title)):] if title == self.sheet_title else text

    def cell_ref(self, key):
        title, row, col = self.layout.address(key)
        return self._prefix(title) + xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)

    def grid_range(self, keys, first, last):
        """Grid rows `keys` (contiguous, one sheet) over columns `first`..`last`, absolute."""
        titles = {self.layout.title_of[k] for k in keys}
        rows = [self.layout.row_of[k] for k in keys]
        if len(titles) != 1 or rows != list(range(rows[0], rows[0] + len(rows))):
            raise ValueError(f"grid rows {keys} are not contiguous on one sheet")
        top = xl_rowcol_to_cell(rows[0], self.layout.period_col(first), row_abs=True, col_abs=True)
        bottom = xl_rowcol_to_cell(rows[-1], self.layout.period_col(last), row_abs=True, col_abs=True)
        return f"{self._prefix(titles.pop())}{top}:{bottom}"

    def cells_range(self, keys):
        titles = {self.layout.title_of[k] for k in keys}
        rows = [self.layout.row_of[k] for k in keys]
        if len(titles) != 1 or rows != list(range(rows[0], rows[0] + len(rows))):
            raise ValueError(f"cells {keys} are not one contiguous column")
        title = titles.pop()
        col = xl_col_to_name(self.layout.address(keys[0])[2], col_abs=True)
        return f"{self._prefix(title)}{col}${rows[0] + 1}:{col}${rows[-1] + 1}"

    def rows_range(self, keys, period):
        titles = {self.layout.title_of[k] for k in keys}
        rows = [self.layout.row_of[k] for k in keys]
        if len(titles) != 1 or rows != list(range(rows[0], rows[0] + len(rows))):
            return None
        title = titles.pop()
        col = self.layout.period_col(period)
        if len(rows) == 1:
            return self._prefix(title) + xl_rowcol_to_cell(rows[0], col)
        return (self._prefix(title) + xl_rowcol_to_cell(rows[0], col) + ":"
                + xl_rowcol_to_cell(rows[-1], col))
