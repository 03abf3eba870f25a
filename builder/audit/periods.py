"""Read one header cell as a period: `2025`, `2025E`, `FY25`, `FY2025A`, `1H25`, `3Q25`, `2024Q1A`,
`Q1 2025`, a split fiscal year (`2024/25`, `FY24-25E`), a month (`Jan-25`, `Mar 2025A`), a date. Returns (sort key, year, mark, grain) or None; the mark is A (actual), E (estimate:
E, F, P or B) or ? (not said); the grain is Y, H, Q, M or D (a date). Sort keys put a year after its
halves and quarters, so `1Q25 2Q25 1H25 3Q25 4Q25 2H25 FY25 1Q26` increases along the row."""
from __future__ import annotations

import datetime as dt
import re

ACTUAL, ESTIMATE, UNKNOWN = "A", "E", "?"
_MARK = r"\s*([AEFPB])?\.?"
# FY2025A, FY25, CY2024, 2025E, 25E (a two-digit year needs a prefix or a mark)
_YEAR = re.compile(r"^\s*(FY|CY|F|Y)?\s*'?((?:19|20)\d{2}|\d{2})" + _MARK + r"\s*$", re.I)
# 2024Q1A, FY25 H2, 2025-Q3E
_YEAR_SUB = re.compile(r"^\s*(?:FY|CY)?\s*'?((?:19|20)\d{2}|\d{2})\s*[-/ ]?\s*([QH])([1-4])" + _MARK + r"\s*$", re.I)
# 2024/25, FY24-25E: a fiscal year split over two calendar years, named by the year it ends in
_SPLIT = re.compile(r"^\s*(?:FY)?\s*'?((?:19|20)\d{2}|\d{2})\s*[/-]\s*(\d{2}|(?:19|20)\d{2})" + _MARK + r"\s*$", re.I)
# Jan-25, Mar 2025A
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), start=1)}
_MONTH = re.compile(r"^\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*[-/ ']?\s*"
                    r"((?:19|20)\d{2}|\d{2})" + _MARK + r"\s*$", re.I)
# 1H25, 3Q2025E, 3QFY25
_SUB_YEAR = re.compile(r"^\s*([1-4])\s*([QH])\s*(?:FY|CY)?\s*'?((?:19|20)\d{2}|\d{2})" + _MARK + r"\s*$", re.I)
# Q1 2025, H1-25, Q3'25E
_SUB_FIRST = re.compile(r"^\s*([QH])([1-4])\s*[-/ ']?\s*(?:FY|CY)?\s*((?:19|20)\d{2}|\d{2})" + _MARK + r"\s*$",
                        re.I)


def _year(text: str) -> int:
    n = int(text)
    return n if n >= 100 else 2000 + n if n < 70 else 1900 + n


def _mark(letter: str | None) -> str:
    letter = (letter or "").upper()
    return ACTUAL if letter == "A" else ESTIMATE if letter else UNKNOWN


YEAR_END = 0.95


def _sub(kind: str, n: str) -> float:
    n = int(n)
    return (n - 1) / 4 if kind.upper() == "Q" else (n - 1) / 2 + 0.4 if n <= 2 else -1


def period(value) -> tuple[float, int, str, str] | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if float(value).is_integer() and 1900 <= value <= 2100:
            return value + YEAR_END, int(value), UNKNOWN, "Y"
        return None
    if isinstance(value, (dt.datetime, dt.date)):
        d = value.date() if isinstance(value, dt.datetime) else value
        return d.year + (d.toordinal() - dt.date(d.year, 1, 1).toordinal()) / 366, d.year, UNKNOWN, "D"
    if not isinstance(value, str) or len(value) > 16:
        return None
    return _text_period(value)


def _text_period(value: str) -> tuple[float, int, str, str] | None:
    m = _YEAR.match(value)
    if m:
        prefix, digits, letter = m.groups()
        if len(digits) == 2 and not prefix and not letter:
            return None  # a bare "25" is a number, not a year
        if prefix and prefix.upper() in ("F", "Y") and len(digits) == 4 and not letter:
            return None
        y = _year(digits)
        return y + YEAR_END, y, _mark(letter), "Y"
    split = _split_or_month(value)
    if split is not None:
        return split
    m = _YEAR_SUB.match(value)
    if m:
        digits, kind, n, letter = m.groups()
    else:
        m = _SUB_YEAR.match(value) or _SUB_FIRST.match(value)
        if not m:
            return None
        if m.re is _SUB_YEAR:
            n, kind, digits, letter = m.groups()
        else:
            kind, n, digits, letter = m.groups()
    sub = _sub(kind, n)
    if sub < 0:
        return None
    y = _year(digits)
    return y + sub, y, _mark(letter), kind.upper()


def _split_or_month(value: str) -> tuple[float, int, str, str] | None:
    m = _SPLIT.match(value)
    if m:
        first, second = _year(m.group(1)), _year(m.group(2)) if len(m.group(2)) == 4 else None
        end = second if second is not None else first - first % 100 + int(m.group(2)) + (
            100 if int(m.group(2)) < first % 100 else 0)
        if end != first + 1:
            return None
        return end + YEAR_END, end, _mark(m.group(3)), "Y"
    m = _MONTH.match(value)
    if m:
        month, y = _MONTHS[m.group(1).lower()], _year(m.group(2))
        return y + (month - 1) / 12, y, _mark(m.group(3)), "M"
    return None
