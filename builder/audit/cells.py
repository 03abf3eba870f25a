"""Rules on single cells: error values, input and formula styles, inputs nobody reads, failed checks.

Inputs are typed numbers and dates below the first header row, outside period headers, data tables
and array results. The input style is learnt from the workbook (`styles.learn`): a formula in it,
or (where the convention is followed by most inputs) an input outside it, is a finding. A model
whose inputs are unlocked gets a finding for every unlocked formula as well.
"""
from __future__ import annotations

from .checks import check_cells, failed
from .findings import Finding, finding
from .reader import Book, is_error, is_number
from .scan import Scan, a1
from .styles import Features, learn
from .values import display


def _inputs(book: Book, header_rows: dict[str, int], skip: set) -> tuple[list, list, list]:
    """(findings on error values, inputs as (sheet, row, col, cell), formulas as (sheet, row, col, cell))."""
    out, inputs, formulas = [], [], []
    for sheet in book.sheets:
        header_row = header_rows.get(sheet.title, 0)
        for (row, col), cell in sheet.cells.items():
            if (row, col) in sheet.formulas:
                stored = sheet.stored.get((row, col))
                if is_error(stored):
                    out.append(finding("error-value", sheet.title, a1(row, col),
                                       f"stored value {stored} from {sheet.formulas[(row, col)][:60]}"))
                formulas.append((sheet, row, col, cell))
            elif cell.data_type == "e" or is_error(cell.value):
                out.append(finding("error-value", sheet.title, a1(row, col), f"typed error value {cell.value}"))
            elif is_number(cell.value) and row > header_row and (row, col) not in sheet.computed \
                    and (sheet.position, row, col) not in skip:
                inputs.append((sheet, row, col, cell))
    return out, inputs, formulas


def cell_rules(book: Book, header_rows: dict[str, int], scan: Scan, skip: set = frozenset(),
               notes: dict | None = None) -> list[Finding]:
    """`header_rows`: each sheet's first header row; `skip`: (position, row, col) of period header cells;
    `notes` gets the learnt input style as "input_style"."""
    out, inputs, formulas = _inputs(book, header_rows, skip)
    features = Features()
    in_feats = [features.of(cell) for *_, cell in inputs]
    convention = learn(in_feats, [features.of(cell) for *_, cell in formulas])
    if notes is not None:
        notes["input_style"] = convention.describe()
    strict = convention.strict()
    unlocked_inputs = sum(cell.protection.locked is False for *_, cell in inputs)
    for sheet, row, col, cell in formulas:
        marked = next((f for f in convention.features if f in features.of(cell)), None)
        if marked is not None:
            out.append(finding("formula-styled-as-input", sheet.title, a1(row, col),
                               f"formula cell in the input style ({convention.name(marked)})"))
        elif inputs and unlocked_inputs * 2 > len(inputs) and cell.protection.locked is False:
            out.append(finding("formula-styled-as-input", sheet.title, a1(row, col),
                               "formula cell is unlocked, like an input"))
    for (sheet, row, col, cell), feats in zip(inputs, in_feats):
        if (sheet.position, row, col) not in scan.referenced:
            out.append(finding("unused-input", sheet.title, a1(row, col),
                               f"input {display(cell.value)} is not used by any formula"))
        missing = next((f for f in strict if f not in feats), None)
        if missing is not None:
            out.append(finding("input-styled-as-formula", sheet.title, a1(row, col),
                               f"typed number {display(cell.value)} is not in the input style "
                               f"({convention.name(missing)})"))
    for position, row, col in check_cells(book):
        sheet = book.sheets[position]
        value = sheet.stored.get((row, col))
        if failed(value):
            out.append(finding("check-false", sheet.title, a1(row, col), f"check is {display(value)} (stored value)"))
    return out
