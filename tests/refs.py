"""Read the references inside workbook formulas (openpyxl's tokenizer, not regexes of our own)."""
from __future__ import annotations

from openpyxl.formula import Tokenizer
from openpyxl.formula.tokenizer import Token
from openpyxl.utils.cell import range_boundaries, get_column_letter


def tokens(formula: str):
    return Tokenizer(formula).items


def number_literals(formula: str) -> list[str]:
    return [t.value for t in tokens(formula) if t.type == Token.OPERAND and t.subtype == Token.NUMBER]


def references(formula: str, own_sheet: str, wb=None) -> list[tuple[str, str]]:
    """(sheet, A1 cell) for every cell a formula refers to, ranges and defined names expanded."""
    out = []
    for t in tokens(formula):
        if t.type != Token.OPERAND or t.subtype != Token.RANGE:
            continue
        text = t.value
        if "!" in text:
            sheet, ref = text.rsplit("!", 1)
            sheet = sheet.strip("'").replace("''", "'")
        else:
            sheet, ref = own_sheet, text
        ref = ref.replace("$", "")
        if wb is not None and ref in wb.defined_names:
            for s, r in wb.defined_names[ref].destinations:
                out += _cells(s, r.replace("$", ""))
            continue
        out += _cells(sheet, ref)
    return out


def _cells(sheet, ref):
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    return [(sheet, f"{get_column_letter(c)}{r}") for r in range(min_row, max_row + 1)
            for c in range(min_col, max_col + 1)]
