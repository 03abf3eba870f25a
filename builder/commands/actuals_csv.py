"""Read a reported-actuals CSV: `line,period,value,source` (any order and case), optionally `ticker`.

Every problem names the CSV file and its line, in the loader's `FILE:LINE: field: problem` form, so
`roll` reports them as it reports a bad assumptions file.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ..validation.loader import AssumptionsError, Problem
from ..safety.text import printable
from .csv_input import CsvInputError, numbered_rows

COLUMNS = ("line", "period", "value", "source")
TICKER = "ticker"


@dataclass(frozen=True)
class Reported:
    """One reported figure and where in the CSV it was given."""
    line: str
    period: str
    value: float
    source: str
    row: int           # line number in the CSV
    ticker: str = ""


def read_actuals(path: Path, need_ticker: bool = False) -> list[Reported]:
    """Every row of the CSV, or an AssumptionsError listing each problem with its CSV line."""
    label = printable(str(path))
    try:
        numbered = numbered_rows(Path(path), "actuals file")
    except CsvInputError as e:
        raise AssumptionsError([Problem(label, None, "", str(e))]) from None
    if not numbered:
        raise AssumptionsError([Problem(label, None, "", f"empty (expected the header {','.join(COLUMNS)})")])
    header_line, header = numbered[0]
    col, problems = _columns(header, header_line, label, need_ticker)
    if problems:
        raise AssumptionsError(problems)
    out, seen = [], {}
    for line, row in numbered[1:]:
        item = _row(row, line, col, label, problems)
        if item is None:
            continue
        key = (item.ticker, item.line, item.period)
        if key in seen:
            problems.append(Problem(label, line, item.line, f"{item.period} is given twice (first on line {seen[key]})"))
            continue
        seen[key] = line
        out.append(item)
    if problems:
        raise AssumptionsError(problems)
    if not out:
        raise AssumptionsError([Problem(label, header_line, "", "a header but no reported figures")])
    return out


def _columns(header: list[str], line: int, label: str, need_ticker: bool):
    names = [cell.strip().lower() for cell in header]
    wanted = COLUMNS + ((TICKER,) if need_ticker else ())
    allowed = set(COLUMNS) | {TICKER}
    problems = [Problem(label, line, "", f"the header must name the columns {', '.join(wanted)} "
                                         f"(any order and case); {name} is missing")
                for name in wanted if name not in names]
    problems += [Problem(label, line, "", f"unknown column {name!r}") for name in names if name not in allowed]
    problems += [Problem(label, line, "", f"column {name!r} is named twice")
                 for name in sorted(set(names)) if names.count(name) > 1]
    return {name: names.index(name) for name in names if name in allowed}, problems


def _row(row: list[str], line: int, col: dict[str, int], label: str, problems: list) -> Reported | None:
    if len(row) != len(col):
        problems.append(Problem(label, line, "", f"expected {len(col)} values, got {len(row)}"))
        return None
    cell = {name: row[i].strip() for name, i in col.items()}
    key = cell["line"]
    if not key:
        problems.append(Problem(label, line, "", "line is empty"))
        return None
    try:
        value = float(cell["value"].replace(",", ""))
        if not math.isfinite(value):
            raise ValueError
    except ValueError:
        problems.append(Problem(label, line, key, f"value {cell['value']!r} is not a number"))
        return None
    if not cell["period"]:
        problems.append(Problem(label, line, key, "period is empty"))
        return None
    if not cell["source"]:
        problems.append(Problem(label, line, key, "source is empty (name the filing or give its URL)"))
        return None
    return Reported(key, cell["period"], value, cell["source"], line, cell.get(TICKER, ""))
