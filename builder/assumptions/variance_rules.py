"""Rules of the `variance` section: its period is an actual period of the model, and each estimated
line is a line the model defines with a value in that period (that half needs the built model)."""
from __future__ import annotations

import difflib

from .period_labels import column_of, period_names
from .schema import Assumptions

SECTION = "variance"


def period_index(a: Assumptions) -> int | None:
    """The column of the variance period among the model's periods, or None when it names none."""
    return None if a.variance is None else column_of(a, a.variance.period)


def variance_problems(a: Assumptions):
    """The period: one of the model's, and an actual one (the estimates are set against reported figures)."""
    if a.variance is None:
        return
    i = period_index(a)
    periods, actual = a.years.periods(), period_names(a, actual=True)
    if i is None:
        yield (f"{SECTION}.period: {a.variance.period} is not a period of the model; "
               f"the actual periods are {', '.join(actual)}")
    elif not periods[i].actual:
        yield (f"{SECTION}.period: {a.variance.period} is an estimate period; the variance needs reported "
               f"figures (the actual periods are {', '.join(actual)})")


def variance_key_problems(model, a: Assumptions):
    """Each estimated line: a line of the built model with a number in the variance period."""
    i = period_index(a)
    if a.variance is None or i is None:
        return
    label = model.periods[i].label
    for key in a.variance.estimates:
        path = f"{SECTION}.estimates.{key}"
        if key not in model.lines or not model.lines[key].periodic:
            guess = difflib.get_close_matches(key, list(model.lines), n=1, cutoff=0.6)
            hint = f"; did you mean {guess[0]}?" if guess else ""
            yield f"{path}: the model defines no line {key}{hint}"
            continue
        value = model.line_value(key, i)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            yield f"{path}: {key} has no number in {label}, so there is nothing to compare the estimate with"
