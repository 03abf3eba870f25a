"""Cross-field rules of an assumptions file: what a structurally valid file (the schema's types) must
also meet, and the observations that only warn. Each yields 'field.path: problem' strings, which the
loader maps back to the file's lines."""
from __future__ import annotations

from .schema import (FACTORS, Assumptions, revenue_lines, segment_actuals, BSRole, BSSection, CashFlowActuals, Driver, DriverKind, INTEREST_KINDS, DAY_KINDS,
                     Series, adjustment_lines, impairment_lines)
from .revenue_rules import margin_problems, revenue_problems
from .statement_rules import statement_problems
from .text_rules import language_problems, prose_problems
from .valuation_rules import POSITIVE_VALUATION_ADDRESSES, peer_metric_problems, valuation_addresses, \
    valuation_override_hint, valuation_problems
from .consensus_rules import consensus_problems
from .variance_rules import variance_problems


def consistency_warnings(a: Assumptions):
    """Cross-field observations that do not stop a build; yields 'field.path: note' strings."""
    r = a.revenue
    if r.reported_actuals is not None:
        for i, reported in enumerate(r.reported_actuals.values):
            total = sum(segment_actuals(s)[i] or 0 for s in r.segments)
            if reported is not None and abs(total - reported) > 1e-9:
                yield (f"revenue.reported_actuals.values[{i}]: segments sum to {total:,.2f} but reported revenue "
                       f"is {reported:,.2f} (gap {total - reported:+,.2f})")
    yield from _factor_warnings(a)
    if all(s.cost is not None for s in r.segments):
        for i, reported in enumerate(a.cost_of_revenue.actuals.values):
            total = sum(s.cost.actuals.values[i] or 0 for s in r.segments)
            if reported is not None and abs(total - reported) > 1e-9:
                yield (f"cost_of_revenue.actuals.values[{i}]: segments' costs sum to {total:,.2f} but reported cost "
                       f"of revenue is {reported:,.2f} (gap {total - reported:+,.2f})")


FACTOR_GAP = 0.01  # reported factors are often rounded (an average price): a gap above 1% is a contradiction


def _factor_warnings(a: Assumptions):
    """A price x volume (users x ARPU) line whose actual factors' product x scale is not its reported revenue."""
    for path, line in revenue_lines(a.revenue):
        if line.driver is None or line.driver.kind.value not in FACTORS:
            continue
        first, second = (getattr(line.driver, name) for name in FACTORS[line.driver.kind.value])
        for i, (revenue, x, y) in enumerate(zip(line.actuals.values, first.actuals.values, second.actuals.values)):
            if None in (revenue, x, y):
                continue
            product = x * y * line.driver.scale
            if abs(product - revenue) > FACTOR_GAP * abs(revenue) + 1e-9:
                yield (f"{path}.actuals.values[{i}]: the factors give {product:,.2f} (x scale {line.driver.scale:g})"
                       f" but reported revenue is {revenue:,.2f} (gap {product - revenue:+,.2f})")


def consistency_problems(a: Assumptions):
    """Cross-field rules a structurally valid file must also meet; yields 'field.path: problem' strings."""
    for section in (_period_problems, _income_problems, _balance_sheet_problems, _cash_flow_problems,
                    _market_and_valuation_problems, _scenario_and_text_problems, variance_problems,
                    consensus_problems):
        yield from section(a)


def length(path: str, series: Series | Driver, expected: int):
    """A series or driver with the wrong number of values (a flat driver takes none)."""
    if isinstance(series, Driver) and series.kind == DriverKind.flat:
        if series.values:
            yield f"{path}.values: a flat driver takes no values"
        return
    if len(series.values) != expected:
        yield f"{path}.values: expected {expected} values (one per year), got {len(series.values)}"

def no_gaps(path: str, series: Series):
    for i, v in enumerate(series.values):
        if v is None:
            yield f"{path}.values[{i}]: a value is required here"


def _period_problems(a: Assumptions):
    n_act = a.years.n_actual
    ppy = a.years.periods_per_year
    if ppy > 1:
        if n_act < ppy:
            yield f"years.actual_count: a quarterly model needs at least {ppy} actual quarters (growth is year on year)"
        prior = [("revenue.prior_growth", a.revenue.prior_growth),
                 ("adj_net_profit_prior_growth", a.adj_net_profit_prior_growth)]
        prior += [(f"revenue.segments[{i}].prior_growth", s.prior_growth) for i, s in enumerate(a.revenue.segments)]
        for path, value in prior:
            if value is not None:
                yield f"{path}: applies to annual models only (a quarterly model starts growth after its first year)"


def _income_problems(a: Assumptions):
    n_act, n_est = a.years.n_actual, a.years.n_estimate
    n_all = n_act + n_est
    yield from revenue_problems(a, length, no_gaps)
    yield from length("cost_of_revenue.actuals", a.cost_of_revenue.actuals, n_act)
    if a.cost_of_revenue.gross_margin is not None:
        yield from length("cost_of_revenue.gross_margin", a.cost_of_revenue.gross_margin, n_est)
        yield from margin_problems("cost_of_revenue.gross_margin", a.cost_of_revenue.gross_margin)
    lines = [(f"opex[{i}]", c) for i, c in enumerate(a.opex)]
    lines += [(f"non_operating[{i}]", c) for i, c in enumerate(a.non_operating)]
    lines += [(path, imp) for path, _, imp in impairment_lines(a)]
    for p, c in lines:
        yield from length(f"{p}.actuals", c.actuals, n_act)
        yield from no_gaps(f"{p}.actuals", c.actuals)
        yield from length(f"{p}.driver", c.driver, n_est)
    for p, c in lines:
        bounds = RATIO_BOUNDS.get(c.driver.kind)
        for j, x in enumerate(c.driver.values):
            if bounds and not bounds[0] <= x <= bounds[1]:
                yield f"{p}.driver.values[{j}]: {x} is outside the sane range {bounds[0]}..{bounds[1]}"
    yield from length("tax.actuals", a.tax.actuals, n_act)
    for j, x in enumerate(a.tax.effective_rate.values):
        if x is not None and not -1 <= x <= 1:
            yield f"tax.effective_rate.values[{j}]: {x} is outside -100%..100%"
    yield from statement_problems(a, length)
    yield from length("tax.effective_rate", a.tax.effective_rate, n_est)
    for path, c in adjustment_lines(a):
        yield from length(f"{path}.actuals", c.actuals, n_act)
        yield from length(f"{path}.driver" if path != "adjustments" else "adjustments.other",
                          c.driver if path != "adjustments" else c.other, n_est)
    buybacks = a.shareholder_returns.buybacks
    yield from length("eps_shares_m", a.eps_shares_m, n_act if buybacks else n_all)
    for j, v in enumerate(a.eps_shares_m.values):
        if v is None or v <= 0:
            yield f"eps_shares_m.values[{j}]: share count must be positive"


def _balance_sheet_problems(a: Assumptions):
    n_act, n_est = a.years.n_actual, a.years.n_estimate
    roles = [b.role for b in a.balance_sheet]
    for role in (BSRole.cash, BSRole.fixed_assets, BSRole.retained_earnings):
        if roles.count(role) != 1:
            yield f"balance_sheet: needs exactly one line with role {role.value}, found {roles.count(role)}"
    driven = {BSRole.restricted_cash, BSRole.working_capital, BSRole.other_operating, BSRole.investing,
              BSRole.debt, BSRole.other_financing}
    for i, b in enumerate(a.balance_sheet):
        p = f"balance_sheet[{i}]"
        yield from length(f"{p}.actuals", b.actuals, n_act)
        yield from no_gaps(f"{p}.actuals", b.actuals)
        if b.role in driven and b.driver is None:
            yield f"{p}.driver: role {b.role.value} needs a driver"
        if b.driver is not None:
            if b.role not in driven:
                yield f"{p}.driver: role {b.role.value} is computed by the model and takes no driver"
            yield from length(f"{p}.driver", b.driver, n_est)
            bounds = RATIO_BOUNDS.get(b.driver.kind)
            for j, x in enumerate(b.driver.values):
                if bounds and not bounds[0] <= x <= bounds[1]:
                    yield f"{p}.driver.values[{j}]: {x} is outside the sane range {bounds[0]}..{bounds[1]}"
        asset = b.section in (BSSection.current_assets, BSSection.non_current_assets)
        if b.role in (BSRole.cash, BSRole.restricted_cash, BSRole.fixed_assets, BSRole.investing,
                      BSRole.intangibles) and not asset:
            yield f"{p}.section: a {b.role.value} line must be an asset"
        if b.role in (BSRole.retained_earnings, BSRole.minority_interest) and b.section != BSSection.equity:
            yield f"{p}.section: a {b.role.value} line must be in equity"
    bs_keys = [b.key for b in a.balance_sheet]
    for path, _, imp in impairment_lines(a):
        if imp.driver.kind not in (DriverKind.amount, DriverKind.pct_of_revenue):
            yield f"{path}.driver.kind: use amount or pct_of_revenue"
        if imp.charged_to not in bs_keys:
            yield f"{path}.charged_to: '{imp.charged_to}' is not a balance_sheet key"


def _cash_flow_problems(a: Assumptions):
    n_act, n_est = a.years.n_actual, a.years.n_estimate
    n_all = n_act + n_est
    cf = a.cash_flow
    for name in CashFlowActuals.model_fields:
        yield from length(f"cash_flow.actuals.{name}", getattr(cf.actuals, name), n_act)
    yield from length("cash_flow.capex", cf.capex, n_est)
    yield from length("cash_flow.depreciation_rate", cf.depreciation_rate, n_est)
    for j, x in enumerate(cf.depreciation_rate.values):
        if x is None or not 0 <= x <= 1:
            yield f"cash_flow.depreciation_rate.values[{j}]: {x} is outside 0%..100%"
    yield from length("cash_flow.fx_effect_on_cash", cf.fx_effect_on_cash, n_est)
    for name, s in cf.printed.items():
        if name not in PRINTED_CASH_FLOW_KEYS:
            yield f"cash_flow.printed.{name}: unknown line; expected one of {', '.join(PRINTED_CASH_FLOW_KEYS)}"
        yield from length(f"cash_flow.printed.{name}", s, n_all)


def _market_and_valuation_problems(a: Assumptions):
    n_act = a.years.n_actual
    m = a.market
    if m.price.value <= 0:
        yield "market.price.value: price must be positive"
    if m.shares_outstanding_m.value <= 0:
        yield "market.shares_outstanding_m.value: share count must be positive"
    u = a.units
    if m.fx is None and u.market_currency != u.currency:
        yield (f"market.fx: required when the share price ({u.market_currency}) and the accounts ({u.currency}) "
               f"are in different currencies")
    elif m.fx is not None and m.fx.value <= 0:
        yield "market.fx.value: FX rate must be positive"
    v = a.valuation
    yield from valuation_problems(a)
    if v.target_multiple is not None and v.target_multiple.value <= 0:
        yield "valuation.target_multiple.value: target multiple must be positive"
    if v.basis_year not in a.years.all:
        yield (f"valuation.basis_year: {v.basis_year} is not a complete fiscal year of the model "
               f"{a.years.all}")
    for y in v.peer_years:
        if y not in a.years.all:
            yield f"valuation.peer_years: {y} is not one of the model's years"
    for i, peer in enumerate(v.peers):
        for y, x in peer.revenue.items():
            if y not in a.years.all:
                yield f"valuation.peers[{i}].revenue.{y}: year {y} is not one of the model's years"
            elif x is not None and x <= 0:
                yield f"valuation.peers[{i}].revenue.{y}: revenue must be positive"
        if peer.market_cap is not None and peer.market_cap <= 0:
            yield f"valuation.peers[{i}].market_cap: market cap must be positive"
    if v.peers and not v.peer_years:
        yield "valuation.peer_years: name the years for which peer multiples are shown"
    for name in ("tolerance_actual", "tolerance_estimate"):
        if getattr(a.checks, name).value < 0:
            yield f"checks.{name}.value: a tolerance cannot be negative"
    if r := a.revenue.reported_actuals:
        yield from length("revenue.reported_actuals", r, n_act)
    yield from peer_metric_problems(a)
    thresholds = [r.min_upside for r in v.rating_scale]
    if thresholds != sorted(thresholds) or len(set(thresholds)) != len(thresholds):
        yield "valuation.rating_scale: min_upside must be strictly ascending"


def _scenario_and_text_problems(a: Assumptions):
    v = a.valuation
    yield from _scenario_problems(a)
    yield from language_problems(a)
    yield from prose_problems(a)
    target = v.target_multiple.value if v.target_multiple is not None else None
    for j, step in enumerate(a.sensitivity.multiple_changes.values):
        if step is not None and target is not None and target > 0 and target + step <= 0:
            yield (f"sensitivity.multiple_changes.values[{j}]: step {step:+g} gives a target multiple of "
                   f"{target + step:g}; every multiple on the axis must be positive")
    for name in ("multiple_changes", "revenue_changes", "fx_changes", "metric_changes"):
        axis = getattr(a.sensitivity, name).values
        if not 1 <= len(axis) <= 9:
            yield f"sensitivity.{name}.values: give 1 to 9 steps, got {len(axis)}"
        elif 0 not in axis or any(v is None for v in axis) or axis != sorted(axis):
            yield f"sensitivity.{name}.values: steps must be ascending numbers and include 0 (the base case)"
    keyed = ([(f"revenue.segments[{i}]", s.key) for i, s in enumerate(a.revenue.segments)]
             + [(path, s.key) for path, s in revenue_lines(a.revenue) if ".parts[" in path]
             + [(f"opex[{i}]", c.key) for i, c in enumerate(a.opex)]
             + [(f"non_operating[{i}]", c.key) for i, c in enumerate(a.non_operating)]
             + [(path, imp.key) for path, _, imp in impairment_lines(a)]
             + [(path, c.key) for path, c in adjustment_lines(a)]
             + [(f"balance_sheet[{i}]", b.key) for i, b in enumerate(a.balance_sheet)])
    first_use = {}
    for path, k in keyed:
        if k in first_use:
            yield f"{path}.key: '{k}' is already the key of {first_use[k]}; line keys must be unique"
        first_use.setdefault(k, path)


# Sane bounds for driver values, by kind (fractions); amounts are unbounded.
RATIO_BOUNDS = {
    **{kind: (0.0, 1.0) for kind in INTEREST_KINDS},
    **{kind: (0, 365) for kind in DAY_KINDS},
    DriverKind.pct_of_revenue: (-5.0, 5.0),
    DriverKind.pct_of_cost_of_revenue: (-5.0, 5.0),
    DriverKind.growth: (-0.99, 10.0),
}

PRINTED_CASH_FLOW_KEYS = (
    "net_profit", "dep_amort_impairment", "working_capital_change", "other_operating", "cfo",
    "capex", "other_investing", "cfi", "net_debt_change", "other_financing", "cff", "net_cash_flow",
)



def scenario_addresses(a: Assumptions) -> dict[str, tuple[str, int]]:
    """Every driver a scenario may override: address -> (kind 'series' or 'scalar', number of values)."""
    n_est = a.years.n_estimate
    out = {"cost_of_revenue.gross_margin": ("series", n_est), "tax.effective_rate": ("series", n_est),
           "cash_flow.depreciation_rate": ("series", n_est),
           "cash_flow.fx_effect_on_cash": ("series", n_est), "market.price": ("scalar", 1),
           "market.fx": ("scalar", 1), "market.shares_outstanding_m": ("scalar", 1)}
    out.update(valuation_addresses(a))
    for absent in (["market.fx"] if a.market.fx is None else []) + (
            ["cost_of_revenue.gross_margin"] if a.cost_of_revenue.gross_margin is None else []):
        del out[absent]  # one currency: no FX; segments' own costs: no company-wide margin
    if a.minority_share is not None:
        out["minority_share"] = ("series", n_est)
    if a.shareholder_returns.dividends:
        out["shareholder_returns.dividends"] = ("series", n_est)
    if a.shareholder_returns.buybacks:
        out["shareholder_returns.buybacks.amounts"] = ("series", n_est)
    for s in a.revenue.segments:
        if s.cost is not None:
            out[f"revenue.segments.{s.key}.cost"] = ("series", n_est)
    for _, s in revenue_lines(a.revenue):
        if s.driver is None:
            out[f"revenue.segments.{s.key}.growth"] = ("series", n_est)
        for name in FACTORS.get(s.driver.kind.value, ()) if s.driver else ():
            out[f"revenue.segments.{s.key}.{name}"] = ("series", n_est)
        if s.driver is not None and s.driver.kind.value not in FACTORS:
            out[f"revenue.segments.{s.key}.driver"] = ("series", n_est)
    driven = [(f"opex.{c.key}.driver", c.driver) for c in a.opex]
    driven += [(f"non_operating.{c.key}.driver", c.driver) for c in a.non_operating]
    driven += [(f"balance_sheet.{b.key}.driver", b.driver) for b in a.balance_sheet if b.driver is not None]
    driven.append(("cash_flow.capex", a.cash_flow.capex))
    if a.cash_flow.intangibles_additions is not None:
        driven.append(("cash_flow.intangibles_additions", a.cash_flow.intangibles_additions))
        out["cash_flow.amortisation_rate"] = ("series", n_est)
    if a.adjustments:
        driven.append(("adjustments.other", a.adjustments.other))
        driven += [(f"adjustments.add_backs.{ab.key}.driver", ab.driver) for ab in a.adjustments.add_backs]
    driven += [(f"{address}.driver", imp.driver) for _, address, imp in impairment_lines(a)]
    for address, driver in driven:
        if driver.kind != DriverKind.flat:
            out[address] = ("series", n_est)
    return out


def _scenario_problems(a: Assumptions):
    sc = a.scenarios
    keys = ["base"] + [c.key for c in sc.cases]
    for i, case in enumerate(sc.cases):
        if case.key == "base" or keys.count(case.key) > 1:
            yield f"scenarios.cases[{i}].key: '{case.key}' is used twice (base is the file's own values)"
    if sc.live not in keys:
        yield f"scenarios.live: '{sc.live}' is not a scenario; expected one of {', '.join(keys)}"
    if not sc.cases:
        return
    addresses = scenario_addresses(a)
    for i, case in enumerate(sc.cases):
        for address, value in case.overrides.items():
            p = f"scenarios.cases[{i}].overrides.{address}"
            if address not in addresses:
                close = [x for x in addresses if x.split(".")[0] == address.split(".")[0]][:4]
                hint = valuation_override_hint(a, address) or (f"; e.g. {', '.join(close)}" if close else "")
                yield f"{p}: not a driver a scenario can override{hint}"
                continue
            kind, n = addresses[address]
            if kind == "scalar" and isinstance(value, list):
                yield f"{p}: expected one number"
            elif kind == "series" and (not isinstance(value, list) or len(value) != n):
                yield f"{p}: expected {n} values (one per estimate year)"
            elif (address in ("market.price", "market.fx", "market.shares_outstanding_m")
                  or address in POSITIVE_VALUATION_ADDRESSES) and value <= 0:
                yield f"{p}: must be positive"
