"""The `variance` section that `roll` writes: the previous model's estimates for the period just reported.

A renderer sets these beside the new actuals (estimate vs reported); `roll` replaces the section on
every roll, so it always describes the latest reported period.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class VarianceEstimates(BaseModel):
    model_config = ConfigDict(extra="forbid")
    period: int | str
    previous: str
    estimates: dict[str, float]


def period_key(year: int, quarter: int | None) -> int | str:
    """How `variance.period` names a period: the year (annual) or e.g. '2024Q3' (quarterly)."""
    return year if quarter is None else f"{year}Q{quarter}"


def variance_problems(a) -> list[str]:
    """The variance period must be one of the model's actual periods."""
    if a.variance is None:
        return []
    actual = [period_key(p.year, p.quarter if a.years.frequency == "quarterly" else None)
              for p in a.years.periods() if p.actual]
    if str(a.variance.period) not in {str(k) for k in actual}:
        return [f"variance.period: {a.variance.period} is not an actual period of the model "
                f"(actual: {', '.join(map(str, actual))})"]
    return []
