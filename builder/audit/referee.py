"""Where the referee is the problem: cells whose values this audit cannot prove.

LibreOffice 7.4, the recalculation referee, has no XLOOKUP, LET, FILTER and the other dynamic-array
functions; a data table ({=TABLE()}) is recalculated by Excel alone; CELL, INFO and the volatile
functions depend on the machine, the file name or the clock. A mismatch on such a cell, or on any
cell that reads one, says nothing about the workbook. Those cells are reported once per kind as
`not-verifiable` (info) and left out of the recalculation comparison. Functions solved by iteration
(IRR, XIRR, RATE, YIELD, ...) and the cells that read them are compared to a relative 1e-6, not 1e-9:
Excel and LibreOffice stop their iterations at different points.
"""
from __future__ import annotations

from collections import defaultdict

from .findings import WORKBOOK, Finding, finding
from .formulas import VOLATILE
from .reader import Book
from .scan import Node, Scan, a1

# Excel functions LibreOffice 7.4 does not evaluate (it writes #NAME? or Err:508 for them).
NOT_IN_LIBREOFFICE = frozenset({
    "XLOOKUP", "XMATCH", "LET", "LAMBDA", "FILTER", "SORT", "SORTBY", "UNIQUE", "SEQUENCE", "RANDARRAY",
    "MAP", "REDUCE", "SCAN", "BYROW", "BYCOL", "MAKEARRAY", "ISOMITTED", "TAKE", "DROP", "VSTACK", "HSTACK",
    "TOCOL", "TOROW", "WRAPROWS", "WRAPCOLS", "CHOOSECOLS", "CHOOSEROWS", "EXPAND", "TEXTBEFORE",
    "TEXTAFTER", "TEXTSPLIT", "ARRAYTOTEXT", "VALUETOTEXT", "ANCHORARRAY", "SINGLE", "STOCKHISTORY",
    "FIELDVALUE", "IMAGE", "GROUPBY", "PIVOTBY", "PERCENTOF", "REGEXTEST", "REGEXEXTRACT", "REGEXREPLACE"})
ENVIRONMENT = frozenset({"CELL", "INFO"}) | VOLATILE - {"OFFSET", "INDIRECT"}
DATA_TABLE = "data table"
# Solved by iteration to a tolerance, which differs between Excel and LibreOffice: compared loosely.
ITERATIVE = frozenset({"IRR", "XIRR", "MIRR", "RATE", "YIELD", "YIELDDISC", "YIELDMAT", "ODDFYIELD",
                       "ODDLYIELD", "PRICE", "DURATION", "MDURATION", "GAMMAINV", "BETAINV", "NORMINV",
                       "NORM.INV", "NORMSINV", "NORM.S.INV", "TINV", "T.INV", "CHIINV", "FINV", "LOGINV"})


def _kinds(book: Book, scan: Scan) -> dict[str, list[Node]]:
    """Kind ("XLOOKUP", "CELL", "data table") -> the formula cells that use it."""
    kinds: dict[str, list[Node]] = defaultdict(list)
    for sheet in book.sheets:
        for (row, col), text in sheet.formulas.items():
            node = (sheet.position, row, col)
            if not text:
                kinds[DATA_TABLE].append(node)
                continue
            shape = scan.shapes.get(node)
            if shape is not None:
                for name in shape.functions & (NOT_IN_LIBREOFFICE | ENVIRONMENT):
                    kinds[name].append(node)
    return kinds


def _with_readers(scan: Scan, seeds: set[Node]) -> set[Node]:
    """The seeds and every formula that reads one, directly or through others."""
    if not seeds:
        return seeds
    readers: dict[Node, list[Node]] = defaultdict(list)
    for node, deps in scan.edges.items():
        for dep in deps:
            readers[dep].append(node)
    seen, todo = set(seeds), list(seeds)
    while todo:
        for reader in readers.get(todo.pop(), ()):
            if reader not in seen:
                seen.add(reader)
                todo.append(reader)
    return seen


def unverifiable(book: Book, scan: Scan) -> set[Node]:
    """Every cell that uses such a function or data table, and every formula that reads one."""
    return _with_readers(scan, {n for nodes in _kinds(book, scan).values() for n in nodes})


def approximate(scan: Scan) -> set[Node]:
    """Cells that use an iterative solver (IRR, RATE, ...), and the formulas that read them."""
    return _with_readers(scan, {node for node, shape in scan.shapes.items() if shape.functions & ITERATIVE})


def referee_findings(book: Book, scan: Scan) -> list[Finding]:
    out = []
    for kind, nodes in sorted(_kinds(book, scan).items()):
        nodes.sort()
        p, row, col = nodes[0]
        where = f"{book.sheets[p].title}!{a1(row, col)}"
        if kind == DATA_TABLE:
            why = "a data table is recalculated by Excel only"
        elif kind in NOT_IN_LIBREOFFICE:
            why = f"LibreOffice 7.4 cannot evaluate {kind}"
        else:
            why = f"{kind} depends on the file, machine or clock"
        many = f"{len(nodes)} cells" if len(nodes) > 1 else "1 cell"
        out.append(finding("not-verifiable", WORKBOOK, "",
                           f"{kind}: {many} (first {where}); {why}, so their values and those of cells that "
                           f"read them are not verifiable here"))
    return out
