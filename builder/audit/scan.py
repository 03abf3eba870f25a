"""One pass over every formula: the per-formula rules, and who refers to whom.

For each formula cell: numbers typed in it, volatile functions, IFs nested too deep, links to
other workbooks, #REF! and other error tokens, references to empty cells or missing sheets.
The same pass records the dependency edges between formula cells (ranges expanded, defined
names resolved) for the circular-reference rule, and which typed cells are referred to at all
for the unused-input rule.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils.cell import get_column_letter

from .findings import Finding, finding
from .formulas import ADDRESS_ONLY, MAX_IF_DEPTH, RefShape, Shape
from .limits import formula_limits
from .reader import Book, Sheet

Node = tuple[int, int, int]  # (sheet position, row, col)
LOCAL_NAMES = frozenset({"LET", "LAMBDA"})


def a1(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def range_text(sheet: str, bounds: tuple[int, int, int, int], own: str | None = None) -> str:
    min_row, min_col, max_row, max_col = bounds
    text = a1(min_row, min_col) if (min_row, min_col) == (max_row, max_col) else \
        f"{a1(min_row, min_col)}:{a1(max_row, max_col)}"
    return text if sheet == own else f"{sheet}!{text}"


def short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


@dataclass
class Scan:
    findings: list[Finding] = field(default_factory=list)
    shapes: dict[Node, Shape] = field(default_factory=dict)
    edges: dict[Node, list[Node]] = field(default_factory=dict)  # formula cell -> formula cells it reads
    referenced: set[Node] = field(default_factory=set)  # typed (non-formula) cells some formula reads


class _Ranges:
    """What a range holds, remembered: many formulas read the same absolute range."""

    def __init__(self, book: Book):
        self.book = book
        self.memo: dict[tuple[str, tuple], tuple[list[Node], list[Node], bool]] = {}

    def contents(self, target: Sheet, bounds) -> tuple[list[Node], list[Node], bool]:
        """(formula cells, typed cells, anything at all?) inside bounds on a sheet."""
        key = (target.title, bounds)
        hit = self.memo.get(key)
        if hit is None:
            formulas, typed = [], []
            p = target.position
            for row, col in target.filled.within(*bounds):
                (formulas if (row, col) in target.formulas else typed).append((p, row, col))
            hit = (formulas, typed, bool(formulas or typed))
            if len(self.memo) < 200_000:
                self.memo[key] = hit
        return hit


def scan(book: Book) -> Scan:
    out = Scan()
    ranges = _Ranges(book)
    for sheet in book.sheets:
        for (row, col), text in sheet.formulas.items():
            if not text:  # a data-table formula has no text to read
                continue
            shape = book.cache.get(text, row, col)
            node = (sheet.position, row, col)
            out.shapes[node] = shape
            _formula_rules(out, sheet, row, col, text, shape)
            _references(out, book, ranges, sheet, node, shape)
    return out


def _formula_rules(out: Scan, sheet: Sheet, row: int, col: int, text: str, shape: Shape) -> None:
    cell, title = a1(row, col), sheet.title
    if shape.syntax_error:
        out.findings.append(finding("unparsable-formula", title, cell, f"{short(text)}: {shape.syntax_error}"))
    if shape.literals:
        out.findings.append(finding("literal-in-formula", title, cell,
                                    f"number {', '.join(shape.literals)} typed in {short(text)}"))
    for problem in formula_limits(text, shape):
        out.findings.append(finding("excel-limit", title, cell, problem))
    if shape.volatile:
        out.findings.append(finding("volatile-function", title, cell,
                                    f"{', '.join(shape.volatile)} in {short(text)}"))
    if shape.if_depth > MAX_IF_DEPTH:
        out.findings.append(finding("nested-if", title, cell, f"IFs nested {shape.if_depth} deep in {short(text)}"))
    if shape.error_tokens:
        out.findings.append(finding("error-value", title, cell,
                                    f"formula contains {', '.join(sorted(set(shape.error_tokens)))}: {short(text)}"))
    if any(ref.external for ref in shape.refs):
        links = sorted({ref.prefix for ref in shape.refs if ref.external})
        out.findings.append(finding("external-link", title, cell,
                                    f"refers to another workbook ({', '.join(links)}): {short(text)}"))


def _references(out: Scan, book: Book, ranges: _Ranges, sheet: Sheet, node: Node, shape: Shape) -> None:
    _, row, col = node
    cell = a1(row, col)
    deps: list[Node] = []
    for ref, func in zip(shape.refs, shape.ref_funcs or ("",) * len(shape.refs)):
        if ref.external or func in ADDRESS_ONLY:  # CELL("filename", A1) and ROW(A1) do not read A1's value
            continue
        if ref.name is not None:
            if not shape.functions & LOCAL_NAMES:  # LET and LAMBDA define names of their own
                _name_ref(out, book, ranges, sheet, cell, ref, deps)
            continue
        title = ref.sheet if ref.sheet is not None else sheet.title
        target = book.by_title.get(title)
        if target is None:
            out.findings.append(finding("error-value", sheet.title, cell,
                                        f"refers to sheet '{title}', which does not exist (#REF!)"))
            continue
        bounds = ref.bounds(row, col)
        if bounds is None:
            continue
        _read(out, ranges, sheet, cell, target, bounds, deps)
    if deps:
        out.edges[node] = deps


def _name_ref(out, book, ranges, sheet, cell, ref: RefShape, deps) -> None:
    targets = book.resolve_name(ref.name, sheet.title if ref.sheet is None else ref.sheet)
    if targets is None:
        if "[" not in ref.name:  # table references (Table1[Col]) are not defined names
            out.findings.append(finding("error-value", sheet.title, cell,
                                        f"refers to {ref.name}, which is not a defined name (#NAME?)"))
        return
    for t in targets:
        target = book.by_title.get(t.sheet)
        if target is not None:
            _read(out, ranges, sheet, cell, target, t.bounds, deps, via=ref.name)


def _read(out, ranges, sheet, cell, target, bounds, deps, via: str | None = None) -> None:
    min_row, min_col, max_row, max_col = bounds
    if min_row == max_row and min_col == max_col:
        key = (min_row, min_col)
        if key in target.formulas:
            deps.append((target.position, min_row, min_col))
        elif key in target.cells:
            out.referenced.add((target.position, min_row, min_col))
        else:
            where = range_text(target.title, bounds, sheet.title)
            out.findings.append(finding("empty-reference", sheet.title, cell,
                                        f"refers to empty cell {where}" + (f" (via {via})" if via else "")))
        return
    formulas, typed, anything = ranges.contents(target, bounds)
    deps.extend(formulas)
    out.referenced.update(typed)
    if not anything:
        where = range_text(target.title, bounds, sheet.title)
        out.findings.append(finding("empty-reference", sheet.title, cell,
                                    f"refers to {where}, which is empty" + (f" (via {via})" if via else "")))
