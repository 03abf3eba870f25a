"""A period named in an assumptions section (2024, "2024", "2024A", "FY2024A", "2024Q1") as a column of
the model."""
from __future__ import annotations


def period_name(p) -> str:
    """How a section names a period: 2024 (annual) or 2024Q1 (quarterly)."""
    return f"{p.year}" + (f"Q{p.quarter}" if p.quarter else "")


def period_key(p) -> int | str:
    """`period_name` as written into YAML (`variance.period`): the year as a number in an annual model."""
    return p.year if p.quarter is None else period_name(p)


def column_of(a, period) -> int | None:
    """The column of `period` among the model's periods, or None when it names none."""
    wanted = str(period).strip().upper().removeprefix("FY")
    for i, p in enumerate(a.years.periods()):
        stem = period_name(p)
        if wanted in (stem, stem + ("A" if p.actual else "E")):
            return i
    return None


def period_names(a, actual: bool | None = None) -> list[str]:
    """The model's periods as a section names them (2024, 2024Q1), optionally only actual or estimate ones."""
    return [period_name(p) for p in a.years.periods() if actual is None or p.actual == actual]
