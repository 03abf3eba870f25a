"""Facts about the workbook as a whole: calculation mode, numbers typed as text, how much of it is
calculated at all, and per sheet the count of unique formulas and the share of typed numbers."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .findings import WORKBOOK, Finding, finding
from .reader import Book, is_number
from .scan import Scan, a1
from .values import display

# 1,234  -1234.5  (45)  12.5%  1.2e3  ¥1,000  $ 12  -- what a spreadsheet would read as a number
_NUMBER_TEXT = re.compile(r"^\s*[(-]?\s*[$€£¥]?\s*(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?"
                          r"\s*%?\s*\)?\s*$")
NO_FORMULAS_MIN_NUMBERS = 20
FEW_FORMULAS_SHARE, FEW_FORMULAS_MIN_NUMBERS = 0.05, 100


@dataclass
class SheetFacts:
    title: str
    formulas: int
    unique_formulas: int  # distinct shapes (R1C1)
    typed_numbers: int

    @property
    def hard_coded_share(self) -> float:
        total = self.formulas + self.typed_numbers
        return self.typed_numbers / total if total else 0.0


def sheet_facts(book: Book, scan: Scan) -> list[SheetFacts]:
    out = []
    for sheet in book.sheets:
        shapes = {scan.shapes[(sheet.position, r, c)].r1c1 for (r, c) in sheet.formulas
                  if (sheet.position, r, c) in scan.shapes}
        typed = sum(1 for key, cell in sheet.cells.items() if key not in sheet.formulas
                    and key not in sheet.computed and is_number(cell.value))
        out.append(SheetFacts(sheet.title, len(sheet.formulas), len(shapes), typed))
    return out


def _looks_numeric(text: str) -> bool:
    return bool(_NUMBER_TEXT.match(text)) and any(ch.isdigit() for ch in text)


def _in_data(sheet, row: int, col: int, numbers_from: dict[int, int], referenced: set) -> bool:
    """A text cell where a number belongs: a formula reads it, or figures stand left of it on its row
    (account codes and other labels in the label columns are text on purpose)."""
    return (sheet.position, row, col) in referenced or numbers_from.get(row, col) < col


def _numbers_from(sheet) -> dict[int, int]:
    """Row -> the first column with a number or formula."""
    first: dict[int, int] = {}
    for (row, col), cell in sheet.cells.items():
        if ((row, col) in sheet.formulas or is_number(cell.value)) and col < first.get(row, 1 << 20):
            first[row] = col
    return first


def fact_findings(book: Book, facts: list[SheetFacts], period_cells: set, referenced: set) -> list[Finding]:
    """`period_cells`: (sheet position, row, col) of period headers, which may be years typed as text;
    `referenced`: typed cells some formula reads."""
    out = []
    if book.calc_mode == "manual":
        out.append(finding("manual-calculation", WORKBOOK, "", "saved in manual calculation mode: the stored "
                                                                "values may not reflect the inputs"))
    elif book.calc_mode == "autoNoTable":
        out.append(finding("manual-calculation", WORKBOOK, "", "saved as automatic except data tables: the data "
                                                                "tables' stored values may be stale"))
    formulas = sum(f.formulas for f in facts)
    numbers = sum(f.typed_numbers for f in facts)
    if formulas == 0 and numbers >= NO_FORMULAS_MIN_NUMBERS:
        out.append(finding("no-formulas", WORKBOOK, "", f"{numbers:,} typed numbers and no formula: nothing in "
                                                         f"this workbook is calculated"))
    elif numbers >= FEW_FORMULAS_MIN_NUMBERS and formulas < FEW_FORMULAS_SHARE * (formulas + numbers):
        out.append(finding("few-formulas", WORKBOOK, "", f"only {formulas:,} formulas against {numbers:,} typed "
                                                          f"numbers: most of this workbook is typed in"))
    for sheet in book.sheets:
        numbers_from = None
        for (row, col), cell in sheet.cells.items():
            value = cell.value
            if not isinstance(value, str) or (row, col) in sheet.formulas or not _looks_numeric(value):
                continue
            numbers_from = numbers_from if numbers_from is not None else _numbers_from(sheet)
            if (sheet.position, row, col) not in period_cells and _in_data(sheet, row, col, numbers_from, referenced):
                out.append(finding("number-stored-as-text", sheet.title, a1(row, col),
                                   f"{display(value)} is text, not a number"))
    return out
