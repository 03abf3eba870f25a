"""One finding per region, not per cell: the same rule on adjacent cells becomes one finding over a
rectangle (`D10:H14`), at its top-left cell, with the count of cells it covers."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from openpyxl.utils.cell import column_index_from_string

from .findings import Finding
from .scan import a1

# Each names its own loop, check or limit.
UNGROUPED = frozenset({"circular-reference", "check-false", "excel-limit"})
_A1 = re.compile(r"^([A-Z]{1,3})(\d+)$")


def _rectangles(cells: set[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Cover the cells with rectangles: runs along each row, stacked when rows repeat the same run."""
    runs: dict[int, list[list[int]]] = defaultdict(list)
    for row, col in sorted(cells):
        line = runs[row]
        if line and line[-1][1] == col - 1:
            line[-1][1] = col
        else:
            line.append([col, col])
    open_: dict[tuple[int, int], list[int]] = {}  # (c0, c1) -> [r0, r1]
    done = []
    for row in sorted(runs):
        for c0, c1 in runs[row]:
            box = open_.get((c0, c1))
            if box is not None and box[1] == row - 1:
                box[1] = row
            else:
                if box is not None:
                    done.append((box[0], c0, box[1], c1))
                open_[(c0, c1)] = [row, row]
    done += [(r0, c0, r1, c1) for (c0, c1), (r0, r1) in open_.items()]
    return sorted(done)


def group(findings: list[Finding]) -> list[Finding]:
    singles: dict[tuple[str, str], dict[tuple[int, int], Finding]] = defaultdict(dict)
    out = []
    for f in findings:
        m = _A1.match(f.cell)
        if f.rule in UNGROUPED or m is None or f.region not in ("", f.cell):
            out.append(f)
            continue
        key = (int(m.group(2)), column_index_from_string(m.group(1)))
        singles[(f.sheet, f.rule)].setdefault(key, f)
    for cells in singles.values():
        for r0, c0, r1, c1 in _rectangles(set(cells)):
            first = cells[(r0, c0)]
            if (r0, c0) == (r1, c1):
                out.append(replace(first, region=first.cell))
                continue
            n = sum(1 for (r, c) in cells if r0 <= r <= r1 and c0 <= c <= c1)
            region = f"{a1(r0, c0)}:{a1(r1, c1)}"
            out.append(replace(first, region=region, message=f"{first.message} (and {n - 1} more in {region})"))
    return out
