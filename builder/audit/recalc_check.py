"""Recomputation: LibreOffice recalculates a copy; every formula's stored value must match the engine's.

Uses `builder.audit.recalc` (a throwaway profile that forces a full recalculation on load). The copy
gets a plain file name in a temporary folder, so any path works and the original is untouched.
"""
from __future__ import annotations

import datetime as dt
import math
import shutil
import tempfile
from pathlib import Path

from openpyxl.utils.datetime import to_excel

from .recalc import RecalcError, recalculate
from .checks import check_cells, failed
from .findings import WORKBOOK, Finding, finding
from .reader import Book, is_error, stored_values
from .scan import a1
from .values import display

REL_TOL, ABS_TOL = 1e-9, 1e-6
LOOSE_REL_TOL = 1e-6  # for results of iterative solvers (IRR, RATE, ...), see `referee`


def _plain(value):
    """Dates and times as Excel serial numbers, so a date and its serial compare equal."""
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return float(to_excel(value))
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 86400
    return value


def same(stored, engine, rel_tol: float = REL_TOL) -> bool:
    stored, engine = _plain(stored), _plain(engine)
    if stored in (None, "") and engine in (None, ""):
        return True
    if isinstance(stored, bool) or isinstance(engine, bool):
        return stored is engine
    if isinstance(stored, (int, float)) and isinstance(engine, (int, float)):
        return math.isclose(stored, engine, rel_tol=rel_tol, abs_tol=ABS_TOL)
    return stored == engine


def _as_stored_type(stored, engine):
    """LibreOffice has no boolean type: it saves TRUE as 1 in a cell without a boolean number
    format. Read a 1 or 0 back as TRUE or FALSE where the file stored a boolean."""
    if isinstance(stored, bool) and isinstance(engine, (int, float)) and not isinstance(engine, bool) \
            and engine in (0, 1):
        return bool(engine)
    return engine


def recalc_findings(book: Book, timeout: float = 300, skip: set = frozenset(),
                    loose: set = frozenset()) -> list[Finding]:
    """`skip`: (position, row, col) of cells the referee cannot judge; `loose`: cells compared to a
    relative 1e-6 (see `referee`)."""
    with tempfile.TemporaryDirectory(prefix="audit-recalc-") as tmp:
        src = Path(tmp, "in", "workbook.xlsx")
        src.parent.mkdir()
        shutil.copyfile(book.path, src)
        try:
            [out] = recalculate([src], Path(tmp, "out"), timeout=timeout)
            engine = stored_values(out, book.extents)  # LibreOffice's copy holds the same cells
        except RecalcError as e:
            return [finding("recalc-failed", WORKBOOK, "", str(e))]
        except Exception as e:  # noqa: BLE001 - LibreOffice wrote something openpyxl cannot read
            return [finding("recalc-failed", WORKBOOK, "", f"cannot read LibreOffice's result: {e}")]
    out: list[Finding] = []
    engine_values: dict[tuple[int, int, int], object] = {}
    for sheet in book.sheets:
        if sheet.title not in engine:
            out.append(finding("recalc-failed", sheet.title, "", "LibreOffice's result lacks this sheet"))
            continue
        cells = engine[sheet.title]
        for (row, col), stored in sheet.stored.items():
            if (sheet.position, row, col) in skip:
                continue
            value = _as_stored_type(stored, cells.get((row, col)))
            engine_values[(sheet.position, row, col)] = value
            where = a1(row, col)
            if is_error(value) and not is_error(stored):
                out.append(finding("error-value", sheet.title, where, f"evaluates to {value} in LibreOffice"))
            node = (sheet.position, row, col)
            if not same(stored, value, LOOSE_REL_TOL if node in loose else REL_TOL):
                text = "no stored value" if stored is None else f"stored {display(stored)}"
                out.append(finding("recalc-mismatch", sheet.title, where, f"{text}, LibreOffice {display(value)}"))
    for node in check_cells(book, engine_values):
        if node in skip:
            continue
        value = engine_values.get(node)
        if failed(value):
            sheet = book.sheets[node[0]]
            out.append(finding("check-false", sheet.title, a1(node[1], node[2]),
                               f"check is {display(value)} in LibreOffice"))
    return out
