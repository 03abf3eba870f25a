"""Cross-field rules of the statements for any business (issue 13): driver-kind placement, minorities,
intangibles, per-share counts and shareholder returns.

`consistency.consistency_problems` calls `statement_problems`; this module reads the assumptions by attribute
only (enum members compare equal to their string values), so it does not import the schema back.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .schema import Assumptions

INTEREST_KINDS = ("interest_on_opening_debt", "interest_on_average_debt", "interest_on_opening_cash")
DAY_KINDS = ("receivable_days", "inventory_days", "payable_days")


def statement_problems(a: Assumptions, length):
    """Yields 'field.path: problem' strings; `length` is the schema's series-length rule."""
    yield from _minority_problems(a, length)
    yield from _intangibles_problems(a, length)
    yield from _per_share_problems(a, length)
    yield from _driver_kind_problems(a)


def _impairments(a: Assumptions) -> list:
    """(field path, scenario address stem, impairment), as `schema.impairment_lines` gives them."""
    out = [("impairment", "impairment", a.impairment)] if a.impairment else []
    return out + [(f"impairments[{i}]", f"impairments.{imp.key}", imp) for i, imp in enumerate(a.impairments)]


def _driver_kind_problems(a: Assumptions):
    """Interest kinds belong to non-operating lines (and need debt to charge on); `change` to balance-sheet lines."""
    places = [(f"opex[{i}]", c.driver) for i, c in enumerate(a.opex)]
    places += [(f"non_operating[{i}]", c.driver) for i, c in enumerate(a.non_operating)]
    places += [(f"balance_sheet[{i}]", b.driver) for i, b in enumerate(a.balance_sheet) if b.driver is not None]
    places += [("cash_flow.capex", a.cash_flow.capex)]
    if a.cash_flow.intangibles_additions is not None:
        places.append(("cash_flow.intangibles_additions", a.cash_flow.intangibles_additions))
    if a.adjustments:
        places.append(("adjustments.other", a.adjustments.other))
        places += [(f"adjustments.add_backs[{i}]", ab.driver) for i, ab in enumerate(a.adjustments.add_backs)]
    places += [(path, imp.driver) for path, _, imp in _impairments(a)]
    has_debt = any(b.role == "debt" for b in a.balance_sheet)
    for path, driver in places:
        where = path.split("[")[0]
        if driver.kind in INTEREST_KINDS and where != "non_operating":
            yield f"{path}.driver.kind: {driver.kind.value} applies to non_operating lines only"
        elif driver.kind in INTEREST_KINDS[:2] and not has_debt:
            yield f"{path}.driver.kind: {driver.kind.value} needs a balance_sheet line with role debt"
        if driver.kind == "change" and where != "balance_sheet":
            yield f"{path}.driver.kind: change (prior + amount) applies to balance_sheet lines only"
        if driver.kind in DAY_KINDS and where != "balance_sheet":
            yield f"{path}.driver.kind: {driver.kind.value} applies to balance_sheet lines only"
        if driver.kind in ("price_volume", "users_arpu"):
            yield f"{path}.driver.kind: {driver.kind.value} applies to revenue segments only"
        elif driver.kind == "share_of" and where != "opex":
            yield f"{path}.driver.kind: share_of applies to revenue segments and opex lines only"
        elif driver.of is not None and driver.kind != "share_of":
            yield f"{path}.driver.of: applies to a share_of driver only"

def _intangibles_problems(a: Assumptions, length):
    n_est = a.years.n_estimate
    cf, lines = a.cash_flow, [b for b in a.balance_sheet if b.role == "intangibles"]
    if len(lines) > 1:
        yield f"balance_sheet: at most one line with role intangibles, found {len(lines)}"
    given = (cf.intangibles_additions is not None, cf.amortisation_rate is not None)
    if lines and not all(given):
        yield "cash_flow: an intangibles line needs cash_flow.intangibles_additions and cash_flow.amortisation_rate"
    if not lines and any(given):
        yield "cash_flow.intangibles_additions: given without a balance_sheet line of role intangibles"
    if cf.intangibles_additions is not None:
        yield from length("cash_flow.intangibles_additions", cf.intangibles_additions, n_est)
    if cf.amortisation_rate is not None:
        yield from length("cash_flow.amortisation_rate", cf.amortisation_rate, n_est)
        for j, x in enumerate(cf.amortisation_rate.values):
            if x is None or not 0 <= x <= 1:
                yield f"cash_flow.amortisation_rate.values[{j}]: {x} is outside 0..1"

def _minority_problems(a: Assumptions, length):
    n_act, n_est = a.years.n_actual, a.years.n_estimate
    has_line = any(b.role == "minority_interest" for b in a.balance_sheet)
    if a.minority_share is None:
        if has_line:
            yield "minority_share: a balance sheet with a minority_interest line needs minority_share"
        if a.minority_actuals is not None:
            yield "minority_actuals: given without minority_share"
        return
    for j, x in enumerate(a.minority_share.values):
        if x is not None and not -1 <= x <= 1:
            yield f"minority_share.values[{j}]: {x} is outside -100%..100%"
    yield from length("minority_share", a.minority_share, n_est)
    if a.minority_actuals is not None:
        yield from length("minority_actuals", a.minority_actuals, n_act)

def _per_share_problems(a: Assumptions, length):
    n_all = a.years.n_actual + a.years.n_estimate
    ps = a.per_share
    buybacks = a.shareholder_returns.buybacks
    if buybacks and ps.year_end_shares_m is None:
        yield "per_share.year_end_shares_m: buybacks need the actual periods' year-end shares (estimates follow them)"
    for field in ("diluted_shares_m", "year_end_shares_m"):
        series = getattr(ps, field)
        if series is None:
            continue
        rolled = buybacks and field == "year_end_shares_m"
        yield from length(f"per_share.{field}", series, a.years.n_actual if rolled else n_all)
        for j, v in enumerate(series.values):
            if v is None or v <= 0:
                yield f"per_share.{field}.values[{j}]: share count must be positive"
    yield from _returns_problems(a, length)
    if ps.diluted_shares_m is not None:
        for j, (d, b) in enumerate(zip(ps.diluted_shares_m.values, a.eps_shares_m.values)):
            if d is not None and b is not None and d < b:
                yield f"per_share.diluted_shares_m.values[{j}]: {d:g} is below the basic shares {b:g}"

def _returns_problems(a: Assumptions, length):
    n_act, n_est = a.years.n_actual, a.years.n_estimate
    r, p = a.shareholder_returns, "shareholder_returns"
    if r.dividends:
        d = r.dividends
        yield from length(f"{p}.dividends", d, n_est)
        yield from length(f"{p}.dividends.actuals", d.actuals, n_act)
        for j, x in enumerate(d.values):
            if x < 0:
                yield f"{p}.dividends.values[{j}]: {'a payout ratio' if d.kind == 'payout_ratio' else 'DPS'} below 0"
    if not r.buybacks:
        return
    b = r.buybacks
    yield from length(f"{p}.buybacks.amounts", b.amounts, n_est)
    yield from length(f"{p}.buybacks.average_price", b.average_price, n_est)
    yield from length(f"{p}.buybacks.actuals", b.actuals, n_act)
    if any(x is None or x < 0 for x in b.amounts.values):
        yield f"{p}.buybacks.amounts: amounts must be 0 or more"
    if any(x is None or x <= 0 for x in b.average_price.values):
        yield f"{p}.buybacks.average_price: prices must be positive"
        return
    year_end = a.per_share.year_end_shares_m
    if year_end is None or len(year_end.values) != n_act or year_end.values[-1] is None:
        return
    shares = year_end.values[-1]
    estimates = a.years.periods()[n_act:]
    for j, (amount, price) in enumerate(zip(b.amounts.values, b.average_price.values)):
        shares -= (amount or 0) / price
        if shares <= 0 and j < len(estimates):
            yield (f"{p}.buybacks.amounts.values[{j}]: buybacks take the share count to {shares:,.2f}m "
                   f"in {_period_label(a, estimates[j])} (zero or below)")
            return

def _period_label(a: Assumptions, p) -> str:
    """The period's column label, in the file's label style (2027E or FY2027E)."""
    prefix = "FY" if a.years.label_style == "FY2023A" else ""
    return f"{prefix}{p.year}{f'Q{p.quarter}' if p.quarter else ''}{'A' if p.actual else 'E'}"
