"""Rules on single cells: error values, input and formula styles, inputs nobody reads, failed checks.

Inputs are typed numbers and dates below the header row (the year header of a time-series sheet).
The input style is a blue font (and, in our models, unlocked); the style rules run only on a
workbook that uses the blue input style somewhere, so a model with another colour convention
is not flooded with findings.
"""
from __future__ import annotations

from .checks import check_cells, failed
from .findings import Finding, finding
from .headers import Header
from .reader import Book, is_error, is_number
from .scan import Scan, a1

BLUE = "0000FF"
_BLUE_INDEXED = {4, 12, 39}  # openpyxl's default palette entries that are 0000FF


def is_blue(font) -> bool:
    color = getattr(font, "color", None)
    if color is None:
        return False
    if color.type == "rgb" and isinstance(color.rgb, str):
        return color.rgb[-6:].upper() == BLUE
    if color.type == "indexed":
        return color.indexed in _BLUE_INDEXED
    return False


def cell_rules(book: Book, headers: dict[str, Header], scan: Scan) -> list[Finding]:
    out: list[Finding] = []
    inputs = []  # (sheet, row, col, cell)
    for sheet in book.sheets:
        header_row = headers[sheet.title].row or 0
        for (row, col), cell in sheet.cells.items():
            if (row, col) in sheet.formulas:
                stored = sheet.stored.get((row, col))
                if is_error(stored):
                    out.append(finding("error-value", sheet.title, a1(row, col),
                                       f"stored value {stored} from {sheet.formulas[(row, col)][:60]}"))
                if is_blue(cell.font):
                    out.append(finding("formula-styled-as-input", sheet.title, a1(row, col),
                                       "formula cell in the input style (blue font)"))
                elif cell.protection.locked is False:
                    out.append(finding("formula-styled-as-input", sheet.title, a1(row, col),
                                       "formula cell is unlocked, like an input"))
            elif cell.data_type == "e" or is_error(cell.value):
                out.append(finding("error-value", sheet.title, a1(row, col), f"typed error value {cell.value}"))
            elif is_number(cell.value) and row > header_row:
                inputs.append((sheet, row, col, cell))
    blue_inputs = [is_blue(cell.font) for *_, cell in inputs]
    uses_input_style = any(blue_inputs)
    for (sheet, row, col, cell), blue in zip(inputs, blue_inputs):
        if (sheet.position, row, col) not in scan.referenced:
            out.append(finding("unused-input", sheet.title, a1(row, col),
                               f"input {cell.value!r} is not used by any formula"))
        if uses_input_style and not blue:
            out.append(finding("input-styled-as-formula", sheet.title, a1(row, col),
                               f"typed number {cell.value!r} is not in the input style (blue font)"))
    for position, row, col in check_cells(book):
        sheet = book.sheets[position]
        value = sheet.stored.get((row, col))
        if failed(value):
            out.append(finding("check-false", sheet.title, a1(row, col), f"check is {value} (stored value)"))
    return out
