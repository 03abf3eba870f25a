"""`build --consensus FILE.csv`: consensus figures from a CSV with the header metric, period, value, source,
date (any order, any case), merged into the assumptions (a figure of the CSV replaces the file's own for the
same metric and period). Every bad row is one line naming the CSV file and line."""
from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from ..assumptions.consensus_rules import figure_problem
from ..assumptions.period_labels import column_of
from ..assumptions.schema import Assumptions
from ..assumptions.schema_consensus import CONSENSUS_METRICS, ConsensusFigure
from ..assumptions.schema_types import MAX_TEXT
from .csv_input import CsvInputError, numbered_rows

COLUMNS = ("metric", "period", "value", "source", "date")


class ConsensusFileError(Exception):
    """A consensus file that cannot be used; str() is one line, `FILE[:LINE]: problem`."""


def with_consensus(a: Assumptions, path: Path) -> Assumptions:
    """The assumptions with the CSV's consensus figures (a copy; nothing is written)."""
    figures = read_consensus(path, a)
    replaced = {(f.metric, column_of(a, f.period)) for f in figures}
    kept = [f for f in a.consensus or () if (f.metric, column_of(a, f.period)) not in replaced]
    return a.model_copy(update={"consensus": kept + figures})


def read_consensus(path: Path, a: Assumptions) -> list[ConsensusFigure]:
    path = Path(path)
    rows = _rows(path)
    header_line, header = rows[0]
    names = [cell.strip().lower() for cell in header]
    if sorted(names) != sorted(COLUMNS):
        raise ConsensusFileError(f"{path}:{header_line}: header must name the columns {', '.join(COLUMNS)} "
                                 f"(got {', '.join(repr(c.strip()) for c in header)})")
    col = {name: names.index(name) for name in COLUMNS}
    seen, figures = {}, []
    for line, row in rows[1:]:
        where = f"{path}:{line}"
        if len(row) != len(COLUMNS):
            raise ConsensusFileError(f"{where}: expected {len(COLUMNS)} values, got {len(row)}")
        cell = {name: row[i].strip() for name, i in col.items()}
        figures.append(_figure(a, cell, where, seen, line))
    if not figures:
        raise ConsensusFileError(f"{path}: consensus file has a header but no figures")
    return figures


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    try:
        numbered = numbered_rows(path, "consensus file")
    except CsvInputError as e:
        raise ConsensusFileError(f"{path}: {e}") from None
    if not numbered:
        raise ConsensusFileError(f"{path}: consensus file is empty (expected the header {','.join(COLUMNS)})")
    return numbered


def _figure(a: Assumptions, cell: dict, where: str, seen: dict, line: int) -> ConsensusFigure:
    metric = cell["metric"].lower()
    if metric not in CONSENSUS_METRICS:
        raise ConsensusFileError(f"{where}: metric {cell['metric']!r} is not one of {', '.join(CONSENSUS_METRICS)}")
    try:
        value = float(cell["value"].replace(",", ""))
    except ValueError:
        raise ConsensusFileError(f"{where}: value {cell['value']!r} is not a number") from None
    if not math.isfinite(value):
        raise ConsensusFileError(f"{where}: value must be a finite number, got {cell['value']}")
    if not cell["source"] or len(cell["source"]) > MAX_TEXT:
        raise ConsensusFileError(f"{where}: source is empty or longer than {MAX_TEXT:,} characters; "
                                 f"name who compiled the consensus")
    try:
        date = dt.date.fromisoformat(cell["date"]) if cell["date"] else None
    except ValueError:
        raise ConsensusFileError(f"{where}: date {cell['date']!r} is not a date (YYYY-MM-DD)") from None
    period = int(cell["period"]) if cell["period"].isdigit() else cell["period"]
    problem = figure_problem(a, metric, period, seen, f"line {line}")
    if problem:
        raise ConsensusFileError(f"{where}: {problem}")
    return ConsensusFigure(metric=metric, period=period, value=value, source=cell["source"], date=date)
