"""Rules on regions, with or without a period header: along each row and down each column.

- A formula, or a typed number, between copies of one formula (the same in R1C1 terms) is an
  `inconsistent-formula` or a `plug` (a typed-over formula). Along a row the copies on both sides
  must together be at least three cells; down a column, two above and one below, because lists of
  different lines often share a shape by chance. One finding per odd run (at most three cells).
- A SUM whose range leaves out rows that another SUM in the same row includes (`=SUM(F20:F22)` where
  D and E sum rows 20-24) is `sum-omits`; likewise columns left out of a SUM down a column.
"""
from __future__ import annotations

from collections import defaultdict

from .findings import Finding, finding
from .reader import Sheet, is_number
from .scan import Scan, a1, short

MAX_ODD = 3
TYPED = "typed"
SUBTOTAL = "\u03a3"  # marks the key of a subtotal's shape
SUBTOTALS = frozenset({"SUM", "SUBTOTAL", "AGGREGATE", "SUMPRODUCT"})


def _is_link(shape) -> bool:
    return len(shape.refs) == 1 and len(shape.pieces) == 1


def _lines(sheet: Sheet, scan: Scan, by_row: bool) -> dict[int, list[tuple[int, str]]]:
    """Row (or column) -> [(position along it, shape key or TYPED)] for formulas and typed numbers.
    A subtotal (SUM, SUBTOTAL) is never the odd cell, only a copy; down a column, plain links are
    left out (lines of actuals linked one by one share a shape by chance)."""
    lines: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for (row, col), cell in sheet.cells.items():
        if (row, col) in sheet.formulas:
            shape = scan.shapes.get((sheet.position, row, col))
            if shape is None or (not by_row and _is_link(shape)):
                continue
            key = (SUBTOTAL if shape.functions & SUBTOTALS else "") + shape.r1c1
        elif is_number(cell.value) and (row, col) not in sheet.computed:
            key = TYPED
        else:
            continue
        lines[row if by_row else col].append((col if by_row else row, key))
    for items in lines.values():
        items.sort()
    return lines


def _runs(items: list[tuple[int, str]]) -> list[tuple[int, int, str]]:
    """Maximal runs of one key over consecutive positions: (first, last, key)."""
    runs: list[list] = []
    for pos, key in items:
        if runs and runs[-1][1] == pos - 1 and runs[-1][2] == key:
            runs[-1][1] = pos
        else:
            runs.append([pos, pos, key])
    return [tuple(r) for r in runs]


def _sandwiches(items, by_row: bool):
    """(odd runs, the run before them) for odd runs between two runs of the same formula."""
    runs = _runs(items)
    for i in range(2, len(runs)):
        first, last, key = runs[i]
        if key == TYPED:
            continue
        j = next((k for k in range(i - 2, max(i - 2 - MAX_ODD, -1), -1) if runs[k][2] == key), None)
        if j is None:
            continue
        odd = runs[j + 1:i]
        if any(k.startswith(SUBTOTAL) for _, _, k in odd):
            continue
        chain = [runs[j]] + odd + [runs[i]]
        if any(b[0] != a[1] + 1 for a, b in zip(chain, chain[1:])) or odd[-1][1] - odd[0][0] + 1 > MAX_ODD:
            continue
        before, after = runs[j][1] - runs[j][0] + 1, last - first + 1
        if (before + after >= 3) if by_row else (before >= 2 and after >= 1):
            yield odd, runs[j]


def _odd_findings(sheet: Sheet, line: int, odd, copy, by_row: bool) -> list[Finding]:
    def cell(pos):
        return (line, pos) if by_row else (pos, line)
    start, end = cell(odd[0][0]), cell(odd[-1][1])
    region = a1(*start) if start == end else f"{a1(*start)}:{a1(*end)}"
    example = cell(copy[1])
    along = f"row {line}" if by_row else f"column {a1(1, line)[:-1]}"
    out = []
    for first, last, key in odd:
        where = cell(first)
        if key == TYPED:
            out.append(finding("plug", sheet.title, a1(*where),
                               f"typed number between copies of one formula along {along} "
                               f"(as in {a1(*example)}: {short(sheet.formulas[example], 50)})", region))
        else:
            out.append(finding("inconsistent-formula", sheet.title, a1(*where),
                               f"{short(sheet.formulas[where], 50)} breaks the formula copied along {along} "
                               f"(as in {a1(*example)}: {short(sheet.formulas[example], 50)})", region))
    return out


def region_rules(sheet: Sheet, scan: Scan) -> list[Finding]:
    out: list[Finding] = []
    for by_row in (True, False):
        for line, items in _lines(sheet, scan, by_row).items():
            for odd, copy in _sandwiches(items, by_row):
                out += _odd_findings(sheet, line, odd, copy, by_row)
    out += _sum_omissions(sheet, scan)
    return out


def _sum_spans(sheet: Sheet, scan: Scan):
    """(row, col, vertical span or None, horizontal span or None) of SUMs over the cell's own column/row."""
    for (row, col), text in sheet.formulas.items():
        shape = scan.shapes.get((sheet.position, row, col))
        if shape is None or "SUM" not in shape.functions:
            continue
        for ref, func in zip(shape.refs, shape.ref_funcs):
            if func != "SUM" or ref.sheet is not None or ref.name is not None:
                continue
            bounds = ref.bounds(row, col)
            if bounds is None:
                continue
            r0, c0, r1, c1 = bounds
            if c0 == c1 == col and r1 > r0:
                yield row, col, (r0, r1), None
            elif r0 == r1 == row and c1 > c0:
                yield row, col, None, (c0, c1)


def _sum_omissions(sheet: Sheet, scan: Scan) -> list[Finding]:
    rows: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
    cols: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
    for row, col, vertical, horizontal in _sum_spans(sheet, scan):
        if vertical:
            rows[row][col] = vertical
        if horizontal:
            cols[col][row] = horizontal
    out = []
    for row, spans in rows.items():
        out += _omits(sheet, spans, lambda pos: (row, pos), "rows")
    for col, spans in cols.items():
        out += _omits(sheet, spans, lambda pos: (pos, col), "columns")
    return out


def _omits(sheet: Sheet, spans: dict[int, tuple[int, int]], cell, what: str) -> list[Finding]:
    if len(set(spans.values())) < 2:
        return []
    widest = max(set(spans.values()), key=lambda s: (s[1] - s[0], -s[0]))
    example = next(pos for pos, s in sorted(spans.items()) if s == widest)
    short_ones = sorted(pos for pos, s in spans.items()
                        if s != widest and widest[0] <= s[0] and s[1] <= widest[1])
    out, group = [], []
    for pos in short_ones + [None]:
        if group and (pos is None or pos != group[-1] + 1 or spans[pos] != spans[group[0]]):
            s = spans[group[0]]
            left = [n for n in range(widest[0], widest[1] + 1) if not s[0] <= n <= s[1]]
            shown = (", ".join(map(str, _label(left, what))))
            first, last = cell(group[0]), cell(group[-1])
            region = a1(*first) if first == last else f"{a1(*first)}:{a1(*last)}"
            out.append(finding("sum-omits", sheet.title, a1(*first),
                               f"{short(sheet.formulas[first], 50)} leaves out {what} {shown}, which "
                               f"{a1(*cell(example))} ({short(sheet.formulas[cell(example)], 40)}) includes",
                               region))
            group = []
        if pos is not None:
            group.append(pos)
    return out


def _label(numbers: list[int], what: str) -> list[str]:
    if what == "rows":
        return [f"{numbers[0]}-{numbers[-1]}" if len(numbers) > 1 and numbers[-1] - numbers[0] == len(numbers) - 1
                else ", ".join(map(str, numbers))]
    letters = [a1(1, n)[:-1] for n in numbers]
    return [f"{letters[0]}-{letters[-1]}" if len(letters) > 1 else letters[0]]
