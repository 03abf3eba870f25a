"""Which cells are checks: those under a CHK_ defined name (CHK_master, CHK_balance, ...) and the
TRUE/FALSE formulas on a checks sheet. A check passes only when it is TRUE."""
from __future__ import annotations

from .reader import Book, is_error

Node = tuple[int, int, int]


def _is_checks_sheet(title: str) -> bool:
    return "check" in title.lower() or "检查" in title


def check_cells(book: Book, values: dict[Node, object] | None = None) -> list[Node]:
    """Formula cells that are checks, in workbook order. `values` (e.g. the engine's) can add
    TRUE/FALSE cells on a checks sheet whose stored value is missing."""
    cells: set[Node] = set()
    named = list(book.names.items()) + [(name, targets) for (_, name), targets in book.local_names.items()]
    for name, targets in named:
        if not name.upper().startswith("CHK"):
            continue
        for t in targets:
            sheet = book.by_title.get(t.sheet)
            if sheet is not None:
                cells.update((sheet.position, r, c) for r, c in sheet.formula_index.within(*t.bounds))
    for sheet in book.sheets:
        if _is_checks_sheet(sheet.title):
            for (r, c), v in sheet.stored.items():
                node = (sheet.position, r, c)
                if isinstance(v, bool) or (values is not None and isinstance(values.get(node), bool)):
                    cells.add(node)
    return sorted(cells)


def failed(value) -> bool:
    """A check value that is not a pass: FALSE or an error (a blank or a number is not a check result)."""
    return value is False or is_error(value)
