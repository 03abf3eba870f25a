"""Excel's limits on what a workbook may hold, and the forms that keep our output inside them.

Excel refuses (or "repairs") a file past these limits, and other engines differ: LibreOffice answers
a SUM of more than 255 arguments with #N/A. (Text limits: headers, footers and document properties
are cut visibly by `workbook_text`.)
"""
from __future__ import annotations

MAX_ARGS = 255               # arguments of one function call
MAX_FORMULA_CHARS = 8192     # characters of one formula (without the leading =)
MAX_NESTING = 64             # nesting levels of function calls in one formula


def nested_sum(parts: list[str]) -> str:
    """SUM of the parts within Excel's 255 arguments: above that, a SUM of SUMs of at most 255 each
    (65,025 parts in two levels), which adds the same numbers."""
    while len(parts) > MAX_ARGS:
        parts = [f"SUM({','.join(parts[i:i + MAX_ARGS])})" for i in range(0, len(parts), MAX_ARGS)]
    return f"SUM({','.join(parts)})"


# Not Excel's limit but a reader's: labels along a period axis; more run together (40 quarters).
MAX_LABELS = 12


def label_step(n: int) -> int:
    return max(1, -(-n // MAX_LABELS))


def label_positions(n: int) -> tuple[int, ...]:
    """Every period up to MAX_LABELS; beyond that every k-th from the first, at most MAX_LABELS in all."""
    return tuple(range(0, n, label_step(n)))
