"""Cross-field rules of revenue segments and of lines that are a share of another line (issue 13).

`consistency._income_problems` calls `revenue_problems`; each yields 'field.path: problem' strings.
"""
from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from .schema_revenue import FACTORS, SEGMENT_DRIVER_KINDS, revenue_lines

if TYPE_CHECKING:
    from .schema import Assumptions

TOTAL_REVENUE = "revenue"   # the key a share_of driver gives for total revenue
GROWTH_RANGE = (-1, 10)     # a growth above -100% and at most +1000%


def revenue_problems(a: Assumptions, length, no_gaps):
    """`length` and `no_gaps` are the schema's series rules."""
    n_act, n_est = a.years.n_actual, a.years.n_estimate
    for i, s in enumerate(a.revenue.segments):
        own = [name for name in ("actuals", "growth", "driver") if getattr(s, name) is not None]
        if s.parts and own:
            yield (f"revenue.segments[{i}].{own[0]}: a segment with parts is their sum; give "
                   f"{', '.join(own)} to each part instead")
    for p, s in revenue_lines(a.revenue):
        if s.actuals is None:
            yield f"{p}.actuals: required (the revenue of each actual period)"
            continue
        yield from length(f"{p}.actuals", s.actuals, n_act)
        yield from no_gaps(f"{p}.actuals", s.actuals)
        if (s.growth is None) == (s.driver is None):
            yield f"{p}: give either growth or a driver, not {'both' if s.growth else 'neither'}"
        elif s.growth is not None:
            yield from _growth_problems(f"{p}.growth", s.growth, n_est, length, no_gaps)
        else:
            yield from _driver_problems(f"{p}.driver", s.driver, n_act, n_est, length, no_gaps)
    yield from _share_problems(a)
    yield from _segment_cost_problems(a, length, no_gaps)


def margin_problems(path: str, series):
    for j, m in enumerate(series.values):
        if m is not None and not -1 <= m < 1:
            yield f"{path}.values[{j}]: margin {m} is outside -100%..100%"


def _segment_cost_problems(a: Assumptions, length, no_gaps):
    """Segments' own costs: every segment or none, and then no company-wide gross margin."""
    n_act, n_est = a.years.n_actual, a.years.n_estimate
    costed = [s.cost is not None for s in a.revenue.segments]
    if any(costed) and not all(costed):
        missing = [s.key for s in a.revenue.segments if s.cost is None]
        i = costed.index(False)
        yield (f"revenue.segments[{i}].cost: give every segment its cost of revenue or none "
               f"(missing: {', '.join(missing)})")
    if any(costed) and a.cost_of_revenue.gross_margin is not None:
        yield ("cost_of_revenue.gross_margin: the segments give their own costs, whose sum is the cost of revenue; "
               "remove the company-wide margin")
    if not any(costed) and a.cost_of_revenue.gross_margin is None:
        yield "cost_of_revenue.gross_margin: give the gross margin of each estimate period (or each segment's cost)"
    for i, s in enumerate(a.revenue.segments):
        if s.cost is None:
            continue
        p = f"revenue.segments[{i}].cost"
        yield from length(f"{p}.actuals", s.cost.actuals, n_act)
        yield from no_gaps(f"{p}.actuals", s.cost.actuals)
        if (s.cost.gross_margin is None) == (s.cost.amounts is None):
            yield f"{p}: give either gross_margin or amounts, not {'both' if s.cost.amounts else 'neither'}"
        for name in ("gross_margin", "amounts"):
            series = getattr(s.cost, name)
            if series is not None:
                yield from length(f"{p}.{name}", series, n_est)
                yield from no_gaps(f"{p}.{name}", series)
        if s.cost.gross_margin is not None:
            yield from margin_problems(f"{p}.gross_margin", s.cost.gross_margin)


def _growth_problems(path: str, series, n_est: int, length, no_gaps):
    yield from length(path, series, n_est)
    yield from no_gaps(path, series)
    lo, hi = GROWTH_RANGE
    for j, g in enumerate(series.values):
        if g is not None and not lo < g <= hi:
            yield f"{path}.values[{j}]: growth {g} is outside -100%..1000%"


def _driver_problems(p: str, d, n_act: int, n_est: int, length, no_gaps):
    kind = d.kind.value
    if kind not in SEGMENT_DRIVER_KINDS:
        yield f"{p}.kind: a segment's driver is one of {', '.join(SEGMENT_DRIVER_KINDS)} (or give growth)"
        return
    needed = FACTORS.get(kind, ())
    for name in ("price", "volume", "users", "arpu"):
        given = getattr(d, name) is not None
        if name in needed and not given:
            other = needed[1 - needed.index(name)]
            yield f"{p}.{name}: a {kind} segment needs both {needed[0]} and {needed[1]} rows; {name} is missing" \
                  + ("" if getattr(d, other) is not None else f" (and so is {other})")
        elif name not in needed and given:
            yield f"{p}.{name}: applies to {'a price_volume' if name in ('price', 'volume') else 'a users_arpu'} " \
                  f"driver only"
    if needed:
        if d.values:
            yield f"{p}.values: a {kind} driver takes no values (its {needed[0]} and {needed[1]} drive it)"
        for name in needed:
            if getattr(d, name) is not None:
                yield from _factor_problems(f"{p}.{name}", getattr(d, name), n_act, n_est, length, no_gaps)
        return
    yield from length(p, d, n_est)
    if kind != "share_of" and d.of is not None:
        yield f"{p}.of: applies to a share_of driver only"
    if kind == "share_of" and d.of is None:
        yield f"{p}.of: a share_of driver names the line it is a share of"
    for j, x in enumerate(d.values):
        if kind == "share_of" and not 0 <= x <= 5:
            yield f"{p}.values[{j}]: {x} is outside the sane range 0..5"


def _factor_problems(p: str, factor, n_act: int, n_est: int, length, no_gaps):
    yield from length(f"{p}.actuals", factor.actuals, n_act)
    yield from no_gaps(f"{p}.actuals", factor.actuals)
    for j, v in enumerate(factor.actuals.values):
        if v is not None and v < 0:
            yield f"{p}.actuals.values[{j}]: a factor cannot be negative, got {v}"
    if (factor.growth is None) == (factor.amounts is None):
        yield f"{p}: give either growth or amounts for the estimate periods, not {'both' if factor.growth else 'neither'}"
    elif factor.growth is not None:
        yield from _growth_problems(f"{p}.growth", factor.growth, n_est, length, no_gaps)
    else:
        yield from length(f"{p}.amounts", factor.amounts, n_est)
        yield from no_gaps(f"{p}.amounts", factor.amounts)
        for j, v in enumerate(factor.amounts.values):
            if v is not None and v < 0:
                yield f"{p}.amounts.values[{j}]: a factor cannot be negative, got {v}"


def _shares(a: Assumptions) -> dict[str, tuple[str, str | None]]:
    """Every line that may be named or be a share: key -> (field path of its driver, the key it is a share of)."""
    out = {}
    for i, s in enumerate(a.revenue.segments):
        if s.parts:  # nameable; its parts are its sum
            out[s.key] = (f"revenue.segments[{i}]", None)
    for path, s in revenue_lines(a.revenue):
        share = s.driver is not None and s.driver.kind.value == "share_of"
        out.setdefault(s.key, (f"{path}.driver", s.driver.of if share else None))
    for i, c in enumerate(a.opex):
        out.setdefault(c.key, (f"opex[{i}].driver", c.driver.of if c.driver.kind.value == "share_of" else None))
    return out


def _share_problems(a: Assumptions):
    """A share_of driver names a known line other than itself, with no loop through other shares."""
    lines = _shares(a)
    segments = {s.key: [p.key for p in s.parts] for s in a.revenue.segments}
    for i, c in enumerate(a.opex):
        if c.driver.kind.value == "share_of" and c.driver.of is None:
            yield f"opex[{i}].driver.of: a share_of driver names the line it is a share of"
    for key, (path, of) in lines.items():
        if of is None:
            continue
        known = list(lines) + [TOTAL_REVENUE]
        if path.startswith("revenue.") and of in lines and not lines[of][0].startswith("revenue."):
            yield f"{path}.of: a segment is a share of another segment, not of '{of}' (an opex line)"
        elif of not in known:
            close = difflib.get_close_matches(of, known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; expected one of {', '.join(known[:8])}"
            yield f"{path}.of: '{of}' is not a segment or opex key{hint}"
        else:
            loop = _loop_from(key, lines, segments)
            if loop:
                yield f"{path}.of: '{key}' is a share of itself through the loop {' -> '.join(loop)}"


def _loop_from(start: str, lines: dict, segments: dict[str, list[str]]) -> list[str] | None:
    """The shortest chain of shares from `start` back to itself (total revenue leads to every segment, a
    segment with parts to each part)."""
    def next_of(key):
        if key == TOTAL_REVENUE:
            return list(segments)
        if segments.get(key):
            return segments[key]
        of = lines.get(key, (None, None))[1]
        return [of] if of is not None and (of in lines or of == TOTAL_REVENUE) else []

    frontier, seen = [[start]], {start}
    while frontier:
        chain = frontier.pop(0)
        for nxt in next_of(chain[-1]):
            if nxt == start:
                return chain + [start]
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(chain + [nxt])
    return None
