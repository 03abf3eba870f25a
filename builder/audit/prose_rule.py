"""`prose-number`: a number typed in the Cover's prose (thesis, method, risks) that the model's own
named lines contradict, by the narrow matcher of labels/prose_numbers.py.

Only workbooks that publish the lines by defined name (`IS_revenue`, `IS_net_profit_parent`,
`KPI_eps_<currency>`, ...: ours) are judged; the years of a line are read from its sheet's time axis
(annual axes only), the reporting currency from the `KPI_eps_<currency>` name, and the prose from the
text cells of the first sheet, where the Cover stands.
"""
from __future__ import annotations

import re

from ..labels.prose_numbers import candidate_names, disagreements
from .findings import Finding, finding
from .headers import Header
from .reader import Book, is_number
from .scan import a1

_EPS_NAME = re.compile(r"^KPI_EPS_([A-Z0-9]+)$")
_NOT_CURRENCY = {"ADJUSTED", "DILUTED", "FY"}


def _currency(book: Book) -> str | None:
    codes = [m.group(1) for m in map(_EPS_NAME.match, book.names) if m and m.group(1) not in _NOT_CURRENCY]
    return codes[0].lower() if len(codes) == 1 else None


def _line_by_year(book: Book, name: str, axes: dict[str, list[Header]]) -> dict[int, object]:
    """{fiscal year: stored value} of a one-row defined name, by the annual axis above it."""
    targets = book.names.get(name.upper()) or []
    if len(targets) != 1 or targets[0].sheet not in book.by_title:
        return {}
    sheet = book.by_title[targets[0].sheet]
    min_row, min_col, max_row, max_col = targets[0].bounds
    if min_row != max_row:
        return {}
    header = next((h for h in reversed(axes.get(sheet.title, [])) if h.row < min_row), None)
    if header is None:
        return {}
    years = [header.years[c][0] for c in range(min_col, max_col + 1) if c in header.years]
    if len(set(years)) != len(years) or len(years) != max_col - min_col + 1:
        return {}  # not one column per fiscal year
    out = {}
    for col, year in zip(range(min_col, max_col + 1), years):
        cell = sheet.cells.get((min_row, col))
        value = sheet.stored.get((min_row, col)) if (min_row, col) in sheet.formulas else getattr(cell, "value", None)
        if is_number(value):
            out[year] = value
    return out


def prose_findings(book: Book, axes: dict[str, list[Header]]) -> list[Finding]:
    currency = _currency(book)
    if currency is None or not book.sheets:
        return []
    lines = {name: _line_by_year(book, name, axes) for names in candidate_names(currency).values() for name in names}
    lines = {name: values for name, values in lines.items() if values}
    if not lines:
        return []
    cover = book.sheets[0]
    out = []
    for (row, col), cell in sorted(cover.cells.items()):
        text = cover.stored.get((row, col)) if (row, col) in cover.formulas else cell.value
        if isinstance(text, str):
            found = disagreements(text, lines, currency)
            if found:
                out.append(finding("prose-number", cover.title, a1(row, col), "; ".join(found)))
    return out
