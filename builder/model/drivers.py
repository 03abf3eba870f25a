"""Driver kinds: for each, its input row (words, unit, format, validation kind) and its formula.

A new driver kind is one entry in `DRIVERS` (plus its name in `schema.DriverKind` and its
words `driver.<kind>` in the label catalog). Revenue segments' growth goes through here too.
"""
from __future__ import annotations

from typing import Callable, NamedTuple

from ..formula.expr import AVERAGE, Cell, Expr, Line
from ..labels import Words, words
from ..assumptions.schema import DriverKind
from .input_writer import InputWriter, Values
from .sheet_writer import MONEY, PCT, sum_of, unit

DAYS = unit("days")


class DriverTerms(NamedTuple):
    """What a driver's formula may refer to, at one estimate period."""
    self_key: str            # the driven line (its prior values)
    input_key: str | None    # the driver's input row
    revenue: Expr
    cost: Expr               # cost of revenue, positive
    periods_per_year: int
    debt: tuple[str, ...] = ()   # balance-sheet lines of role debt (interest kinds)
    cash: tuple[str, ...] = ()   # balance-sheet lines in the cash pool (interest kinds)
    days_in_period: str | None = None  # input row of the calendar days in each period (days kinds)
    of: Expr | None = None             # the line a share_of driver takes its share of
    factors: tuple[str, ...] = ()      # the two factor lines of a price x volume or users x ARPU segment
    scale: str | None = None           # input cell that makes the factors' product money


class DriverKindSpec(NamedTuple):
    unit: str | None         # PCT, or MONEY for the model's money unit
    fmt: str
    input_kind: str          # data-validation kind of its input ("" = by format)
    formula: Callable[[DriverTerms], Expr]
    has_input: bool = True
    factors: tuple[str, ...] = ()  # two-factor kinds: their factors' names (words `factor.<name>`)


def _product(t: DriverTerms) -> Expr:
    return Line(t.factors[0]) * Line(t.factors[1]) * Cell(t.scale)


DRIVERS: dict[DriverKind, DriverKindSpec] = {
    DriverKind.pct_of_revenue: DriverKindSpec(PCT, "pct", "", lambda t: t.revenue * Line(t.input_key)),
    DriverKind.pct_of_cost_of_revenue: DriverKindSpec(PCT, "pct", "", lambda t: t.cost * Line(t.input_key)),
    DriverKind.growth: DriverKindSpec(PCT, "pct", "growth",
                                      lambda t: Line(t.self_key, t.periods_per_year) * (1 + Line(t.input_key))),
    DriverKind.amount: DriverKindSpec(MONEY, "money", "", lambda t: Line(t.input_key)),
    DriverKind.flat: DriverKindSpec(None, "", "", lambda t: Line(t.self_key, 1), has_input=False),
    DriverKind.change: DriverKindSpec(MONEY, "money", "", lambda t: Line(t.self_key, 1) + Line(t.input_key)),
    # Interest on balances: opening balances (or debt's average, which its own driver sets) keep the
    # model free of circular references.
    DriverKind.interest_on_opening_debt: DriverKindSpec(
        PCT, "pct", "rate", lambda t: -(Line(t.input_key) * sum_of(t.debt, lag=1))),
    DriverKind.interest_on_average_debt: DriverKindSpec(
        PCT, "pct", "rate", lambda t: -(Line(t.input_key) * AVERAGE(sum_of(t.debt, lag=1), sum_of(t.debt)))),
    DriverKind.interest_on_opening_cash: DriverKindSpec(
        PCT, "pct", "rate", lambda t: Line(t.input_key) * sum_of(t.cash, lag=1)),
    # Working capital by days of the period's revenue or cost of revenue.
    DriverKind.receivable_days: DriverKindSpec(
        DAYS, "days", "days", lambda t: t.revenue * Line(t.input_key) / Line(t.days_in_period)),
    DriverKind.inventory_days: DriverKindSpec(
        DAYS, "days", "days", lambda t: t.cost * Line(t.input_key) / Line(t.days_in_period)),
    DriverKind.payable_days: DriverKindSpec(
        DAYS, "days", "days", lambda t: t.cost * Line(t.input_key) / Line(t.days_in_period)),
    # Revenue and cost lines: a share of another line, or the product of two factor lines (each an actual
    # input, then grown or typed) times a scale that makes the product money.
    DriverKind.share_of: DriverKindSpec(PCT, "pct", "ratio", lambda t: t.of * Line(t.input_key)),
    DriverKind.price_volume: DriverKindSpec(None, "", "", _product, has_input=False, factors=("price", "volume")),
    DriverKind.users_arpu: DriverKindSpec(None, "", "", _product, has_input=False, factors=("users", "arpu")),
}


def driver_input(inputs: InputWriter, key: str, name: Words, kind: DriverKind, values: Values,
                 address: str | None, origin: tuple, of: Words | None = None) -> str | None:
    """The driver's input row(s) on the Assumptions sheet (`<key>_<kind>`); None for a kind without input.
    `of`: the words of the line a share_of driver names."""
    spec = DRIVERS[kind]
    if not spec.has_input:
        return None
    driver = words(f"driver.{kind.value}")
    if of is not None:
        driver = words("driver.share_of_named").format(of=of)
    label = words("line.driver").format(name=name, driver=driver)
    return inputs.series(f"{key}_{kind.value}", label, spec.unit, spec.fmt, values, "estimate",
                         kind=spec.input_kind, address=address, origin=origin)


def driven(kind: DriverKind, terms: DriverTerms) -> Expr:
    """The estimate-period formula of a line driven by `kind`."""
    return DRIVERS[kind].formula(terms)
