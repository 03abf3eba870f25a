"""Rules of the `consensus` section: each figure names a period of the model, once per metric."""
from __future__ import annotations

from .period_labels import column_of, period_names
from .schema import Assumptions


def consensus_problems(a: Assumptions):
    seen: dict[tuple[str, int], int] = {}
    for i, figure in enumerate(a.consensus or ()):
        problem = figure_problem(a, figure.metric, figure.period, seen, i)
        if problem:
            yield f"consensus[{i}].{problem}"


def figure_problem(a: Assumptions, metric: str, period, seen: dict, where) -> str | None:
    """'field: problem' for one consensus figure, or None; `seen` collects (metric, column) -> where."""
    column = column_of(a, period)
    if column is None:
        return f"period: {period} is not a period of the model ({', '.join(period_names(a))})"
    if (metric, column) in seen:
        return f"period: {metric} for {period} is given twice (also at {seen[(metric, column)]})"
    seen[(metric, column)] = where
    return None
