"""Where every per-period series of an assumptions file lives, and which periods it spans.

`roll` moves each series by one period according to its span:
- `actual`: one value per actual period; the reported value of the rolled period is appended
  (from the actuals CSV, under the series' `line` key);
- `estimate`: one value per estimate period; the rolled period's value is dropped and the new last
  period gets the last value carried forward;
- `all`: every period; the new last period gets the last value carried forward (a reported value
  for the rolled period, where the CSV gives one under `line`, replaces the estimate).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..assumptions.schema import Assumptions, DriverKind, adjustment_lines, impairment_lines

ACTUAL, ESTIMATE, ALL = "actual", "estimate", "all"


@dataclass(frozen=True)
class Slot:
    path: tuple          # keys and list indexes to the list of values in the YAML document
    span: str            # ACTUAL, ESTIMATE or ALL
    line: str = ""       # the actuals CSV key (ACTUAL and optionally ALL series)
    model_key: str = ""  # the model line holding the previous estimate, for the unit-slip check
    sign: float = 1.0    # the model line's sign relative to the input (costs are positive inputs)
    carry: bool = True   # the new last period carries the last value forward (else: null, not reported)

    @property
    def dotted(self) -> str:
        out = ""
        for part in self.path:
            out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
        return out


def slots(a: Assumptions) -> list[Slot]:
    """Every series of the file, in file order of its sections."""
    return (_revenue(a) + _costs(a) + _below_operating(a) + _shares(a) + _returns(a) + _balance_sheet(a)
            + _cash_flow(a))


def _values(path: tuple) -> tuple:
    return path + ("values",)


def _driver(path: tuple, driver) -> list[Slot]:
    if driver is None or driver.kind == DriverKind.flat:
        return []
    return [Slot(_values(path), ESTIMATE)]


def _revenue(a: Assumptions) -> list[Slot]:
    out = []
    for i, s in enumerate(a.revenue.segments):
        p = ("revenue", "segments", i)
        for j, part in enumerate(s.parts):  # a segment with parts is their sum: its parts are reported
            out += _revenue_line(p + ("parts", j), part)
        if not s.parts:
            out += _revenue_line(p, s)
        if s.cost is not None:  # the segment's own cost of revenue, reported as `<segment>_cost`
            out.append(Slot(_values(p + ("cost", "actuals")), ACTUAL, f"{s.key}_cost", f"RB_{s.key}_cost"))
            field = "gross_margin" if s.cost.gross_margin is not None else "amounts"
            out.append(Slot(_values(p + ("cost", field)), ESTIMATE))
    if a.revenue.reported_actuals is not None:
        out.append(Slot(_values(("revenue", "reported_actuals")), ACTUAL, "revenue", "IS_revenue"))
    out.append(Slot(_values(("cost_of_revenue", "actuals")), ACTUAL, "cost_of_revenue", "IS_cost_of_revenue", -1.0))
    if a.cost_of_revenue.gross_margin is not None:
        out.append(Slot(_values(("cost_of_revenue", "gross_margin")), ESTIMATE))
    return out


FACTORS = {DriverKind.price_volume: ("price", "volume"), DriverKind.users_arpu: ("users", "arpu")}


def _revenue_line(p: tuple, s) -> list[Slot]:
    """A segment or part: its actuals, then its growth or driver; a two-factor driver's factors each have
    actuals (reported as `<segment>_<factor>`, e.g. robots_price) and growth or amounts."""
    out = [Slot(_values(p + ("actuals",)), ACTUAL, s.key, f"RB_{s.key}")]
    if s.driver is None:
        return out + [Slot(_values(p + ("growth",)), ESTIMATE)]
    if s.driver.kind not in FACTORS:
        return out + _driver(p + ("driver",), s.driver)
    for name in FACTORS[s.driver.kind]:
        f, q = getattr(s.driver, name), p + ("driver", name)
        out += [Slot(_values(q + ("actuals",)), ACTUAL, f"{s.key}_{name}", f"RB_{s.key}_{name}"),
                Slot(_values(q + ("growth" if f.growth is not None else "amounts",)), ESTIMATE)]
    return out


def _costs(a: Assumptions) -> list[Slot]:
    out = []
    for i, c in enumerate(a.opex):
        out += [Slot(_values(("opex", i, "actuals")), ACTUAL, c.key, f"IS_{c.key}", -1.0)]
        out += _driver(("opex", i, "driver"), c.driver)
    for path, _, imp in impairment_lines(a):
        p = _path(path)
        out += [Slot(_values(p + ("actuals",)), ACTUAL, imp.key, f"IS_{imp.key}", -1.0)]
        out += _driver(p + ("driver",), imp.driver)
    return out


def _below_operating(a: Assumptions) -> list[Slot]:
    out = []
    for i, c in enumerate(a.non_operating):
        out += [Slot(_values(("non_operating", i, "actuals")), ACTUAL, c.key, f"IS_{c.key}")]
        out += _driver(("non_operating", i, "driver"), c.driver)
    out += [Slot(_values(("tax", "actuals")), ACTUAL, a.tax.key, f"IS_{a.tax.key}"),
            Slot(_values(("tax", "effective_rate")), ESTIMATE)]
    if a.minority_share is not None:
        out.append(Slot(_values(("minority_share",)), ESTIMATE))
    if a.minority_actuals is not None:
        out.append(Slot(_values(("minority_actuals",)), ACTUAL, "minority_actuals", "IS_net_profit_minority"))
    for path, item in adjustment_lines(a):
        p = _path(path)
        out.append(Slot(_values(p + ("actuals",)), ACTUAL, item.key))
        out += _driver(p + ("other" if path == "adjustments" else "driver",),
                       item.other if path == "adjustments" else item.driver)
    return out


def _shares(a: Assumptions) -> list[Slot]:
    # With buybacks the share counts of estimate periods follow from the buybacks: actual periods only.
    bought = a.shareholder_returns.buybacks is not None
    out = [Slot(_values(("eps_shares_m",)), ACTUAL if bought else ALL, "eps_shares_m")]
    ps = a.per_share
    if ps.diluted_shares_m is not None:
        out.append(Slot(_values(("per_share", "diluted_shares_m")), ALL, "diluted_shares_m"))
    if ps.year_end_shares_m is not None:
        out.append(Slot(_values(("per_share", "year_end_shares_m")), ACTUAL if bought else ALL, "year_end_shares_m"))
    return out


def _returns(a: Assumptions) -> list[Slot]:
    sr, out = a.shareholder_returns, []
    p = ("shareholder_returns",)
    if sr.dividends is not None:
        out += [Slot(p + ("dividends", "values"), ESTIMATE),
                Slot(_values(p + ("dividends", "actuals")), ACTUAL, "dividends")]
    if sr.buybacks is not None:
        out += [Slot(_values(p + ("buybacks", "amounts")), ESTIMATE),
                Slot(_values(p + ("buybacks", "average_price")), ESTIMATE),
                Slot(_values(p + ("buybacks", "actuals")), ACTUAL, "buybacks")]
    return out


def _balance_sheet(a: Assumptions) -> list[Slot]:
    out = []
    for i, b in enumerate(a.balance_sheet):
        out.append(Slot(_values(("balance_sheet", i, "actuals")), ACTUAL, b.key, f"BS_{b.key}"))
        out += _driver(("balance_sheet", i, "driver"), b.driver)
    return out


def _cash_flow(a: Assumptions) -> list[Slot]:
    cf, p = a.cash_flow, ("cash_flow",)
    out = [Slot(_values(p + ("actuals", name)), ACTUAL, f"cash_flow.{name}", f"CF_{name}")
           for name in type(cf.actuals).model_fields]
    out += _driver(p + ("capex",), cf.capex)
    out += [Slot(_values(p + ("depreciation_rate",)), ESTIMATE), Slot(_values(p + ("fx_effect_on_cash",)), ESTIMATE)]
    out += _driver(p + ("intangibles_additions",), cf.intangibles_additions)
    if cf.amortisation_rate is not None:
        out.append(Slot(_values(p + ("amortisation_rate",)), ESTIMATE))
    # The report's printed cash flow: the rolled period keeps the report's figure, the new one has none (null).
    out += [Slot(_values(p + ("printed", name)), ALL, carry=False) for name in cf.printed]
    return out


def _path(dotted: str) -> tuple:
    """'impairments[2]' -> ('impairments', 2); 'adjustments.add_backs[0]' -> ('adjustments', 'add_backs', 0)."""
    out: list = []
    for part in dotted.split("."):
        name, _, index = part.partition("[")
        out.append(name)
        if index:
            out.append(int(index.rstrip("]")))
    return tuple(out)
