"""Revenue segments: their input rows and estimate formulas, whatever drives them.

A segment grows by a rate (the default), or follows a driver kind of `drivers.DRIVERS`: an amount, a
share of another segment, or the product of two factor lines (price x volume, users x ARPU), each an
actual input and then grown or typed. The Revenue Build writes the live segments with these; a P/S
valuation rebuilds each scenario case's segments with the same functions and that case's inputs.
"""
from __future__ import annotations

from typing import Callable

from ..formula.expr import Expr, Line
from ..labels import Words, words
from ..assumptions.schema import FACTORS, DriverKind, Segment, SubSegment
from .drivers import DriverTerms, driven, driver_input
from .handles import ActualAndDriver, FactorInputs, SegmentInputs
from .input_writer import InputWriter, Values
from .sheet_writer import MONEY, PCT, SheetWriter, name_of, sum_of, unit

FACTOR_UNIT = unit("factor")


def named_line(a, key: str | None) -> Words | None:
    """The words of the line a share_of driver names: a segment, a part, an opex line or total revenue."""
    if key is None:
        return None
    if key == "revenue":
        return words("rb.revenue_total")
    lines = list(a.revenue.segments) + [p for s in a.revenue.segments for p in s.parts] + list(a.opex)
    return next(name_of(line) for line in lines if line.key == key)


def segment_kind(s: Segment) -> DriverKind:
    return s.driver.kind if s.driver is not None else DriverKind.growth


def segment_address(s: Segment) -> str:
    """The scenario address of a one-row segment driver: its growth, or its driver's values."""
    return f"revenue.segments.{s.key}.growth" if s.driver is None else f"revenue.segments.{s.key}.driver"


def factor_words(s: Segment, factor: str) -> Words:
    return words("line.factor").format(name=name_of(s), factor=words(f"factor.{factor}"))


def line_inputs(inputs: InputWriter, s: SubSegment) -> SegmentInputs:
    """The input rows of a line of revenue (a segment or a part of one)."""
    actual, driver, factors, scale = segment_inputs(inputs, s)
    return SegmentInputs(actual, driver, None, factors, scale)


def segment_inputs(inputs: InputWriter, s: SubSegment) -> tuple[str, str | None, tuple[FactorInputs, ...], str | None]:
    """A segment's driver input rows: (actual, driver row or None, factor inputs, scale cell or None)."""
    kind, stem = segment_kind(s), f"seg_{s.key}"
    actual = inputs.series(f"{stem}_actual", words("line.actual").format(name=name_of(s)), None, "money",
                           s.actuals, "actual")
    if kind == DriverKind.growth:
        return actual, driver_input(inputs, stem, name_of(s), kind, s.growth, segment_address(s),
                                    inputs.path_of(s.growth) + ("values",)), (), None
    d = s.driver
    if kind not in FACTORS:
        return actual, driver_input(inputs, stem, name_of(s), kind, Values(d.values, d.source), segment_address(s),
                                    inputs.path_of(d) + ("values",), of=named_line(inputs.a, d.of)), (), None
    factors = tuple(_factor_inputs(inputs, s, name) for name in FACTORS[kind.value])
    a, b = (words(f"factor.{name}") for name in FACTORS[kind.value])
    scale = inputs.cell(f"{stem}_scale", words("in.factor_scale").format(name=name_of(s), a=a, b=b), "x", "fx",
                        d.scale, d.source, kind="factor", origin=inputs.path_of(d) + ("scale",))
    return actual, None, factors, scale


def _factor_inputs(inputs: InputWriter, s: Segment, name: str) -> FactorInputs:
    factor = getattr(s.driver, name)
    stem, label = f"seg_{s.key}_{name}", factor_words(s, name)
    address = factor_address(s, name)
    actual = inputs.series(f"{stem}_actual", words("line.actual").format(name=label), FACTOR_UNIT, "shares",
                           factor.actuals, "actual", kind="factor")
    grown = factor.growth is not None
    series = factor.growth if grown else factor.amounts
    driver_name = words("line.driver").format(name=label, driver=words("driver.growth" if grown else "driver.amount"))
    driver = inputs.series(f"{stem}_{'growth' if grown else 'amount'}", driver_name,
                           "%" if grown else FACTOR_UNIT, "pct" if grown else "shares", series, "estimate",
                           kind="growth" if grown else "factor", address=address)
    return FactorInputs(actual, driver)


def factor_names(s: SubSegment) -> tuple[str, ...]:
    """The factors of a two-factor line (price and volume, users and ARPU); none for the others."""
    return FACTORS.get(segment_kind(s).value, ())


def factor_address(s: SubSegment, name: str) -> str:
    return f"revenue.segments.{s.key}.{name}"


def factor_lines(w: SheetWriter, sheet: str, s: SubSegment, seg: SegmentInputs, key_of: Callable[[str], str],
                 label: Callable[[Words], Words] = lambda name: name, named: bool = True) -> tuple[str, ...]:
    """The factor lines of a two-factor segment: the actual input, then grown or typed."""
    keys = []
    for name, f in zip(factor_names(s), seg.factors):
        key = key_of(name)
        kind = DriverKind.growth if getattr(s.driver, name).growth is not None else DriverKind.amount
        estimate = driven(kind, DriverTerms(key, f.driver, None, None, w.ppy))
        prefix = w.sheets[sheet].prefix
        keys.append(w.line(sheet, key[len(prefix) + 1:], label(factor_words(s, name)), FACTOR_UNIT, "shares",
                           w.entries(Line(f.actual), estimate), named=named).key)
    return tuple(keys)


def line_entries(w: SheetWriter, s: SubSegment, seg: SegmentInputs, key_of: Callable[[str], str],
                 actual: Callable[[str, SegmentInputs], Expr]) -> list:
    """A revenue line's entries: `actual` in the actual periods, then its driver's formula; a segment
    with parts, their sum in every period. `key_of` names the line of a key (for shares and parts)."""
    if seg.parts:
        return [sum_of([key_of(p.key) for p in s.parts])] * w.n
    factors = tuple(f"{key_of(s.key)}_{name}" for name in factor_names(s))
    estimate = segment_estimate(w, s, key_of(s.key), seg.growth, lambda of: Line(key_of(of)), factors, seg.scale)
    return w.entries(actual(s.key, seg), estimate)


def with_parts(segments: list[Segment], inputs: tuple[SegmentInputs, ...]) -> list[tuple[SubSegment, SegmentInputs]]:
    """Every line of revenue of its own with its inputs: each segment without parts, and each part."""
    out = []
    for s, seg in zip(segments, inputs):
        out += list(zip(s.parts, seg.parts)) if s.parts else [(s, seg)]
    return out


def segment_estimate(w: SheetWriter, s: Segment, self_key: str, driver: str | None, line_of: Callable[[str], Expr],
                     factors: tuple[str, ...] = (), scale: str | None = None) -> Expr:
    """A segment's estimate-period formula; `line_of` gives the line a share_of driver names."""
    kind = segment_kind(s)
    of = line_of(s.driver.of) if kind == DriverKind.share_of else None
    return driven(kind, DriverTerms(self_key, driver, None, None, w.ppy, of=of, factors=factors, scale=scale))


def segment_cost_inputs(inputs: InputWriter, s: Segment) -> ActualAndDriver:
    """A segment's own cost of revenue: its actuals, and its gross margin or cost amounts."""
    c, stem, cost = s.cost, f"seg_{s.key}", words("line.segment_cost").format(name=name_of(s))
    actual = inputs.series(f"{stem}_cost_actual", words("line.actual").format(name=cost), MONEY, "money",
                           c.actuals, "actual")
    address = f"revenue.segments.{s.key}.cost"
    if c.gross_margin is not None:
        return ActualAndDriver(actual, inputs.series(
            f"{stem}_gross_margin", words("line.segment_margin").format(name=name_of(s)), PCT, "pct",
            c.gross_margin, "estimate", kind="margin", address=address))
    return ActualAndDriver(actual, inputs.series(
        f"{stem}_cost_amount", words("line.driver").format(name=cost, driver=words("driver.amount")), MONEY, "money",
        c.amounts, "estimate", address=address))


def segment_cost_lines(w: SheetWriter, segments: list[Segment], costs: tuple[ActualAndDriver, ...]) -> str:
    """Each segment's cost of revenue on the Revenue Build (its revenue x (1 - margin), or typed) and their sum."""
    keys = [f"RB_{s.key}_cost" for s in segments]
    total = w.line("rb", "cost_of_revenue_total", words("rb.cost_of_revenue_total"), MONEY, "money",
                   [sum_of(keys)] * w.n, total=True)
    for s, key, c in zip(segments, keys, costs):  # contiguous rows: the sum is one range
        estimate = (Line(f"RB_{s.key}") * (1 - Line(c.driver)) if s.cost.gross_margin is not None
                    else Line(c.driver))
        w.line("rb", key[3:], words("line.segment_cost").format(name=name_of(s)), MONEY, "money",
               w.entries(Line(c.actual), estimate))
    return total.key
