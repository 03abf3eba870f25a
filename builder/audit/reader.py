"""Read any .xlsx for the audit: formulas and stored values, indexed by sheet, row and column.

`load` is the one entry point where a workbook file is first opened.

openpyxl reads the file twice: once for formulas and styles, once (`data_only=True`) for the
values the file stored. Anything that stops openpyxl reading the file is a `WorkbookError`
with a one-line message: the command line turns it into exit code 2.
"""
from __future__ import annotations

import bisect
import datetime as dt
import warnings
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from .formulas import ShapeCache, tokenize
from .fast_values import read_values
from ..safety.xlsx_guard import check_xlsx
from .package import package_findings

ERROR_VALUES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"})


class WorkbookError(Exception):
    """The file is missing, not an xlsx, or cannot be read."""


def is_error(value) -> bool:
    return isinstance(value, str) and value in ERROR_VALUES


def is_number(value) -> bool:
    return isinstance(value, (int, float, dt.datetime, dt.date, dt.time, dt.timedelta)) \
        and not isinstance(value, bool)


class ColumnIndex:
    """Cells by column, rows sorted: which cells lie inside a range, without scanning the range."""

    def __init__(self):
        self._rows: dict[int, list[int]] = defaultdict(list)
        self._cols: list[int] = []

    def add(self, row: int, col: int) -> None:
        self._rows[col].append(row)

    def freeze(self) -> "ColumnIndex":
        for rows in self._rows.values():
            rows.sort()
        self._cols = sorted(self._rows)
        return self

    def within(self, min_row: int, min_col: int, max_row: int, max_col: int):
        cols = self._cols
        for i in range(bisect.bisect_left(cols, min_col), bisect.bisect_right(cols, max_col)):
            col = cols[i]
            rows = self._rows[col]
            for j in range(bisect.bisect_left(rows, min_row), bisect.bisect_right(rows, max_row)):
                yield rows[j], col

    def any_within(self, min_row: int, min_col: int, max_row: int, max_col: int) -> bool:
        return next(self.within(min_row, min_col, max_row, max_col), None) is not None


@dataclass
class Sheet:
    title: str
    position: int
    ws: object  # the openpyxl worksheet (formulas and styles)
    state: str = "visible"
    cells: dict = field(default_factory=dict)  # (row, col) -> openpyxl cell, non-empty only
    formulas: dict = field(default_factory=dict)  # (row, col) -> formula text ("" for a data table)
    stored: dict = field(default_factory=dict)  # (row, col) -> stored value of each formula cell
    filled: ColumnIndex = field(default_factory=ColumnIndex)  # every non-empty cell
    formula_index: ColumnIndex = field(default_factory=ColumnIndex)
    computed: set = field(default_factory=set)  # (row, col) of values a data table or array formula wrote


@dataclass
class NameTarget:
    sheet: str
    bounds: tuple[int, int, int, int]


@dataclass
class Book:
    path: Path
    wb: object
    sheets: list[Sheet]
    by_title: dict[str, Sheet]
    names: dict[str, list[NameTarget]]  # workbook-scoped defined names, upper-cased
    local_names: dict[tuple[str, str], list[NameTarget]]  # (sheet title, NAME) -> targets
    name_problems: list[tuple[str, str, str]]  # (name, rule, message)
    iterate: bool
    external_links: list[str]
    other_sheets: list[tuple[str, str]]  # chart sheets: (title, state)
    cache: ShapeCache
    calc_mode: str = "auto"  # "manual", "auto" or "autoNoTable" (automatic except data tables)
    package: list = field(default_factory=list)  # findings on the zip's other parts (charts, macros, headers)
    extents: dict = field(default_factory=dict)  # see `sheet_extents`

    def resolve_name(self, name: str, sheet: str) -> list[NameTarget] | None:
        key = name.upper()
        local = self.local_names.get((sheet, key))
        return local if local is not None else self.names.get(key)


def _formula_text(value) -> str | None:
    if isinstance(value, ArrayFormula):
        return value.text or ""
    if isinstance(value, str):
        return value
    return ""  # a data-table formula: nothing to tokenize


def cells_of(ws) -> dict:
    raw = getattr(ws, "_cells", None)
    if raw is None:  # pragma: no cover - openpyxl has kept _cells for years; stay correct without it
        raw = {(c.row, c.column): c for row in ws.iter_rows() for c in row}
    return raw


def open_workbook(path: Path, data_only: bool):
    # A file object, not a name: openpyxl would refuse a workbook whose name does not end in .xlsx.
    with warnings.catch_warnings(), open(path, "rb") as fh:
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
        return openpyxl.load_workbook(fh, data_only=data_only, keep_links=True)


def stored_values(path: Path, extents: dict[str, tuple[int, int, int]] | None = None
                  ) -> dict[str, dict[tuple[int, int], object]]:
    """Sheet title -> (row, col) -> the value stored in each non-empty cell: python-calamine where it can
    (`fast_values`) when the sheets' `extents` are known and small enough, else openpyxl's read-only
    mode (values only, about twice as fast as a full load)."""
    fast = read_values(path, extents) if extents is not None else None
    if fast is not None:
        return fast
    out: dict[str, dict[tuple[int, int], object]] = {}
    with warnings.catch_warnings(), open(path, "rb") as fh:
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(fh, data_only=True, read_only=True, keep_links=True)
        try:
            for ws in wb.worksheets:
                ws.reset_dimensions()  # a file's own dimension record can be wrong; read every row it has
                cells = out[ws.title] = {}
                for row in ws.iter_rows():
                    for cell in row:
                        if cell.value is not None:
                            cells[(cell.row, cell.column)] = cell.value
        finally:
            wb.close()
    return out


def sheet_extents(wb) -> dict[str, tuple[int, int, int]]:
    """Sheet title -> (last row, last column of the typed cells, cells in the box around every cell).
    A fast reader must see at least the typed cells (a file may store no result for a formula), and
    must not be asked to lay out a huge box densely (one stray cell at XFD1048576)."""
    out = {}
    for ws in wb.worksheets:
        rows = cols = 0
        min_r = min_c = 1 << 30
        max_r = max_c = 0
        for (row, col), cell in cells_of(ws).items():
            if cell.value in (None, ""):
                continue
            min_r, min_c, max_r, max_c = min(min_r, row), min(min_c, col), max(max_r, row), max(max_c, col)
            if cell.data_type != "f":
                rows, cols = max(rows, row), max(cols, col)
        out[ws.title] = (rows, cols, (max_r - min_r + 1) * (max_c - min_c + 1) if max_r else 0)
    return out


def load(path) -> Book:
    path = Path(path)
    check_xlsx(path, WorkbookError)  # zip bombs and oversized workbooks refused before any parse
    if not path.exists():
        raise WorkbookError(f"{path}: file not found")
    if not path.is_file():
        raise WorkbookError(f"{path}: not a file")
    try:
        if not zipfile.is_zipfile(path):
            raise WorkbookError(f"{path}: not an xlsx file (not a zip archive)")
        wb = open_workbook(path, data_only=False)
        extents = sheet_extents(wb)
        values = stored_values(path, extents)
        package = package_findings(path)
    except WorkbookError:
        raise
    except OSError as e:
        raise WorkbookError(f"{path}: cannot read: {e.strerror or e}") from None
    except Exception as e:  # noqa: BLE001 - whatever openpyxl raises on a damaged file
        detail = str(e).splitlines()[0][:160] if str(e) else type(e).__name__
        raise WorkbookError(f"{path}: not a readable xlsx workbook (corrupt or another format): {detail}") from None
    book = _index(path, wb, values)
    book.package, book.extents = package, extents
    return book


def _spill(sheet: Sheet, row: int, col: int, value) -> None:
    """Cells an array formula or data table fills: computed values, not typed inputs."""
    ref = getattr(value, "ref", None) if isinstance(value, (ArrayFormula, DataTableFormula)) else None
    if not ref:
        return
    try:
        min_col, min_row, max_col, max_row = range_boundaries(str(ref))
    except ValueError:
        return
    if (max_row - min_row + 1) * (max_col - min_col + 1) > 100_000:
        return
    sheet.computed.update((r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)
                          if (r, c) != (row, col))
    if isinstance(value, DataTableFormula):  # the values a data table runs through: its row and column heads
        sheet.computed.update((r, min_col - 1) for r in range(min_row, max_row + 1))
        sheet.computed.update((min_row - 1, c) for c in range(min_col - 1, max_col + 1))


def _index(path: Path, wb, values) -> Book:
    cache = ShapeCache()
    sheets: list[Sheet] = []
    for position, ws in enumerate(wb.worksheets):
        sheet = Sheet(ws.title, position, ws, ws.sheet_state or "visible")
        vcells = values.get(ws.title, {})
        for (row, col), cell in cells_of(ws).items():
            value = cell.value
            if value is None:
                continue
            sheet.cells[(row, col)] = cell
            sheet.filled.add(row, col)
            if cell.data_type == "f":
                sheet.formulas[(row, col)] = _formula_text(value)
                sheet.formula_index.add(row, col)
                sheet.stored[(row, col)] = vcells.get((row, col))
                _spill(sheet, row, col, value)
        sheet.filled.freeze()
        sheet.formula_index.freeze()
        sheets.append(sheet)
    by_title = {s.title: s for s in sheets}
    names, local_names, problems = _defined_names(wb)
    calc = getattr(wb, "calculation", None)
    iterate = bool(getattr(calc, "iterate", False))
    links = []
    for link in getattr(wb, "_external_links", []) or []:
        target = getattr(getattr(link, "file_link", None), "Target", None)
        links.append(target or "unknown target")
    others = [(cs.title, cs.sheet_state or "visible") for cs in getattr(wb, "chartsheets", [])]
    mode = getattr(calc, "calcMode", None) or "auto"
    return Book(path, wb, sheets, by_title, names, local_names, problems, iterate, links, others, cache, mode)


def _targets(text: str) -> tuple[list[NameTarget], list[str], bool, list[str]]:
    """(targets, names it refers to, external?, error tokens) of a defined name's formula."""
    shape = tokenize("=" + text, 1, 1)
    targets, inner, external = [], [], False
    for ref in shape.refs:
        external = external or ref.external
        if ref.name is not None:
            inner.append(ref.name)
            continue
        bounds = ref.bounds(1, 1)
        if ref.sheet is not None and bounds is not None and not ref.external:
            targets.append(NameTarget(ref.sheet, bounds))
    return targets, inner, external, list(shape.error_tokens)


def _defined_names(wb):
    raw: dict[tuple[str | None, str], str] = {}
    for name, dn in wb.defined_names.items():
        raw[(None, name.upper())] = dn.attr_text or ""
    for ws in wb.worksheets:
        for name, dn in getattr(ws, "defined_names", {}).items():
            raw[(ws.title, name.upper())] = dn.attr_text or ""
    parsed = {key: _targets(text) for key, text in raw.items()}
    problems = []
    for (scope, name), (targets, inner, external, errors) in parsed.items():
        if name.startswith("_XLNM."):
            continue
        label = name if scope is None else f"{scope}!{name}"
        if external:
            problems.append((label, "external-link", f"defined name {label} refers to another workbook: "
                                                     f"{raw[(scope, name)]}"))
        if errors:
            problems.append((label, "error-value", f"defined name {label} = {raw[(scope, name)]}"))

    def resolve(key, seen=()) -> list[NameTarget]:
        targets, inner, _, _ = parsed[key]
        out = list(targets)
        for other in inner:
            other_key = (key[0], other.upper()) if (key[0], other.upper()) in parsed else (None, other.upper())
            if other_key in parsed and other_key not in seen and len(seen) < 8:
                out += resolve(other_key, seen + (key,))
        return out

    names = {name: resolve((None, name)) for scope, name in parsed if scope is None}
    local = {(scope, name): resolve((scope, name)) for scope, name in parsed if scope is not None}
    return names, local, problems
