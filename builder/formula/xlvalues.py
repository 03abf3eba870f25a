"""Spreadsheet values in Python: error values that propagate, and the coercions formulas apply.

The formula language (`expr.py`) and the spreadsheet functions (`xlfunctions.py`) compute with these,
so a value stored in the workbook is the one a spreadsheet engine would compute.
"""
from __future__ import annotations

import datetime as _dt


class XLError(str):
    """A spreadsheet error value such as #DIV/0!; propagates through arithmetic."""


DIV0 = XLError("#DIV/0!")
NA = XLError("#N/A")
VALUE_ERR = XLError("#VALUE!")
REF_ERR = XLError("#REF!")


def num(v):
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if v is None:
        return 0.0
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, _dt.date):  # a date cell is its serial number in a spreadsheet (days since 1899-12-30)
        return float((v - _dt.date(1899, 12, 30)).days)
    return VALUE_ERR


def text(v) -> str:
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "" if v is None else str(v)


def numbers(values) -> list:
    """Numbers in a range, skipping text and blanks as Excel's SUM/AVERAGE do."""
    out = []
    for v in values:
        if isinstance(v, XLError):
            raise Propagate(v)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            out.append(v)
    return out


class Propagate(Exception):
    """An error value met inside a range: the function returns it."""
    def __init__(self, err):
        self.err = err
