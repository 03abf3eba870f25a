"""The values a workbook stored, read fast: python-calamine (Rust) for every cell, then the error
values from the sheet XML, which calamine reads as empty strings (python-calamine issue #105).

About ten times faster than openpyxl's read-only mode. Returns None when calamine is missing or a
sheet's used area is too large to read densely, so the caller falls back to openpyxl.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .package import sheet_parts

MAX_DENSE_CELLS = 5_000_000  # calamine returns a sheet's used area as full rows; a stray far cell is costly
_ERROR_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)"[^>]*?\st="e"[^>]*>(?:<f[^>]*/>|<f[^>]*>.*?</f>)?'
                         rb'\s*<v>([^<]*)</v>', re.S)

try:
    import python_calamine
except ImportError:  # pragma: no cover - a declared dependency; openpyxl still reads everything
    python_calamine = None


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _errors(archive: zipfile.ZipFile, part: str) -> dict[tuple[int, int], str]:
    try:
        xml = archive.read(part)
    except KeyError:
        return {}
    if b't="e"' not in xml:
        return {}
    return {(int(row), _column(col)): value.decode("utf-8", "replace") for col, row, value in _ERROR_CELL.findall(xml)}


def read_values(path: Path, extents: dict[str, tuple[int, int, int]]
                ) -> dict[str, dict[tuple[int, int], object]] | None:
    """`extents`: sheet title -> (last row, last column of the typed cells, cells in the box around all
    cells), from `reader.sheet_extents`. None (read with openpyxl instead) when a box is too large:
    calamine lays a sheet out densely and aborts the process when it cannot allocate it. None too
    when calamine's area ends short of a typed cell."""
    if python_calamine is None or any(box > MAX_DENSE_CELLS for _, _, box in extents.values()):
        return None
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    out: dict[str, dict[tuple[int, int], object]] = {}
    for name in workbook.sheet_names:
        if name not in extents:  # a chart sheet: no cells
            continue
        try:
            sheet = workbook.get_sheet_by_name(name)
        except Exception:  # noqa: BLE001 - a chart sheet or a part calamine cannot read: no values there
            continue
        start, end = sheet.start, sheet.end
        last_row, last_col, _ = extents[name]
        if last_row and (end is None or end[0] + 1 < last_row or end[1] + 1 < last_col):
            return None
        if start is None or end is None:
            out[name] = {}
            continue
        cells = out[name] = {}
        r0, c0 = start[0] + 1, start[1] + 1
        for i, row in enumerate(sheet.to_python(skip_empty_area=True)):
            for j, value in enumerate(row):
                if value != "":
                    cells[(r0 + i, c0 + j)] = value
    with zipfile.ZipFile(path) as archive:
        for title, part in sheet_parts(archive).items():
            if title in out:
                out[title].update(_errors(archive, part))
    return out
