"""Cross-field rules of the valuation method (issue 12): a DCF's inputs, a blend's parts, and the peers'
metric each method divides by. `consistency.consistency_problems` yields them with the other rules."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .schema import DCF, Assumptions


def _blend_problems(a: Assumptions):
    v = a.valuation
    if v.multiple != "Blend":
        if v.blend:
            yield "valuation.blend: only a blend (multiple: Blend) reads these parts"
        return
    methods = [p.method for p in v.blend]
    if len(methods) < 2 or len(set(methods)) != len(methods):
        yield "valuation.blend: name two or more different methods"
    total = sum(p.weight.value for p in v.blend)
    if abs(total - 1) > 1e-9:
        yield f"valuation.blend: weights sum to {total:g}; they must sum to 1"
    for i, p in enumerate(v.blend):
        if not 0 < p.weight.value <= 1:
            yield f"valuation.blend[{i}].weight.value: a weight is above 0 and at most 1"
        if p.method != "DCF" and (p.target_multiple is None or p.target_multiple.value <= 0):
            yield f"valuation.blend[{i}].target_multiple: {p.method} needs a positive target multiple"
    if "DCF" in methods and v.dcf is None:
        yield "valuation.dcf: the blend's DCF needs its inputs (valuation_date, first_year_end, wacc ...)"
    if v.peers and not any(p.method in PEER_METRIC_FIELD for p in v.blend):
        yield "valuation.peers: peers need a multiple method among the blend's parts (P/E, EV/EBITDA ...)"


def valuation_problems(a: Assumptions):
    """The valuation method's cross-field rules: DCF inputs and a blend's parts."""
    v, d = a.valuation, a.valuation.dcf
    yield from _blend_problems(a)
    if v.multiple == "Blend":
        if d is not None and "DCF" in [p.method for p in v.blend]:
            yield from _dcf_rules(a, d)
        return
    if v.multiple != "DCF":
        if d is not None:
            yield "valuation.dcf: only a DCF (multiple: DCF or a blend with DCF) reads these inputs"
        if v.target_multiple is None:
            yield f"valuation.target_multiple: {v.multiple} needs a target multiple"
        return
    if d is None:
        yield "valuation.dcf: a DCF needs its inputs (valuation_date, first_year_end, wacc, terminal_growth ...)"
        return
    yield from _dcf_rules(a, d)
    if v.peers:
        yield "valuation.peers: a DCF takes no peers"


def _dcf_rules(a: Assumptions, d: DCF):
    yield from dcf_case_problems(a)
    if a.years.periods_per_year > 1 and a.years.n_estimate < a.years.periods_per_year:
        yield (f"years.estimate_count: a quarterly DCF needs at least {a.years.periods_per_year} estimate quarters "
               f"(its terminal value grows the last four quarters' flow)")
    if a.years.n_estimate < 1 or d.first_year_end <= d.valuation_date:
        yield ("valuation.dcf.first_year_end: the DCF horizon has no forecast years after the valuation date "
               f"{d.valuation_date}")
    if (d.wacc is None) == (d.wacc_inputs is None):
        yield "valuation.dcf.wacc: give either wacc or wacc_inputs"
    if (d.terminal_growth is None) == (d.exit_multiple is None):
        yield "valuation.dcf.terminal_growth: give either terminal_growth or exit_multiple"
    elif d.terminal_growth is not None and (d.wacc or d.wacc_inputs):
        wacc, g = d.wacc_value(), d.terminal_growth.value
        lowest = wacc + min([x for x in d.wacc_changes.values if x is not None] + [0])
        highest = g + max([x for x in d.terminal_changes.values if x is not None] + [0])
        if wacc <= g:
            yield f"valuation.dcf.terminal_growth: WACC ({wacc:.2%}) must be above terminal growth ({g:.2%})"
        elif lowest <= highest:
            yield (f"valuation.dcf.terminal_growth: WACC must stay above terminal growth across the sensitivity "
                   f"grid (lowest WACC {lowest:.2%}, highest growth {highest:.2%})")


def valuation_addresses(a: Assumptions) -> dict[str, tuple[str, int]]:
    """The valuation inputs a scenario case may override: a single multiple method's target multiple; a
    DCF's typed WACC and its terminal growth or exit multiple (the live case flows through the DCF sheet)."""
    v, d = a.valuation, a.valuation.dcf
    out = {}
    if v.multiple not in ("DCF", "Blend"):
        out["valuation.target_multiple"] = ("scalar", 1)
    if d is not None and (v.multiple == "DCF" or any(p.method == "DCF" for p in v.blend)):
        if d.wacc is not None:
            out["valuation.dcf.wacc"] = ("scalar", 1)
        out["valuation.dcf.terminal_growth" if d.terminal_growth is not None else "valuation.dcf.exit_multiple"] = \
            ("scalar", 1)
    return out


# A case's override of these must be positive.
POSITIVE_VALUATION_ADDRESSES = ("valuation.target_multiple", "valuation.dcf.wacc", "valuation.dcf.exit_multiple")


def valuation_override_hint(a: Assumptions, address: str) -> str:
    """Why a case cannot override this valuation input ("" when the general hint will do)."""
    v, d = a.valuation, a.valuation.dcf
    if address == "valuation.target_multiple" and v.multiple in ("DCF", "Blend"):
        inputs = "".join(f"{x}, " for x in valuation_addresses(a))
        return (f"; a {v.multiple} has no single target multiple (a case may override {inputs}the market inputs "
                f"and every earnings or cash-flow driver)")
    if address == "valuation.dcf.wacc" and d is not None and d.wacc is None:
        return "; the DCF builds its WACC from wacc_inputs: give valuation.dcf.wacc to vary it by case"
    if address.startswith("valuation.dcf.") and d is None:
        return "; only a DCF (or a blend with a DCF part) has these inputs"
    if address in ("valuation.dcf.terminal_growth", "valuation.dcf.exit_multiple") and d is not None:
        return f"; the DCF's terminal value is by {'terminal_growth' if d.terminal_growth else 'exit_multiple'}"
    return ""


def dcf_case_problems(a: Assumptions):
    """Each case's WACC stays above its terminal growth (the base case's rule, case by case)."""
    d = a.valuation.dcf
    if d is None or d.terminal_growth is None or not (d.wacc or d.wacc_inputs):
        return
    for i, case in enumerate(a.scenarios.cases):
        wacc = case.overrides.get("valuation.dcf.wacc", d.wacc_value())
        growth = case.overrides.get("valuation.dcf.terminal_growth", d.terminal_growth.value)
        if isinstance(wacc, (int, float)) and isinstance(growth, (int, float)) and wacc <= growth:
            address = "valuation.dcf.terminal_growth" if "valuation.dcf.terminal_growth" in case.overrides \
                else "valuation.dcf.wacc"
            yield (f"scenarios.cases[{i}].overrides.{address}: the case's WACC ({wacc:.2%}) must be above its "
                   f"terminal growth ({growth:.2%})")


# The peer field each method divides by.
PEER_METRIC_FIELD = {"P/S": "revenue", "EV/Sales": "revenue", "P/E": "net_profit", "P/B": "book_value",
                     "EV/EBITDA": "ebitda"}


def peer_metric_problems(a: Assumptions):
    """Peers carry the metric their method divides by (and, EV methods, net debt)."""
    v = a.valuation
    multiple = next((p.method for p in v.blend if p.method != "DCF"), "") if v.multiple == "Blend" else v.multiple
    if multiple not in PEER_METRIC_FIELD:
        return
    field = PEER_METRIC_FIELD[multiple]
    enterprise = multiple.startswith("EV/")
    for i, peer in enumerate(v.peers):
        for y, x in getattr(peer, field).items():
            if field != "revenue" and y not in a.years.all:
                yield f"valuation.peers[{i}].{field}.{y}: year {y} is not one of the model's years"
        if enterprise and peer.market_cap is not None and peer.net_debt is None:
            yield (f"valuation.peers[{i}].net_debt: {multiple} needs each peer's net debt "
                   f"(enterprise value = market cap + net debt)")
    if v.peers and not any(p.market_cap and any(getattr(p, field).get(y) for y in v.peer_years) for p in v.peers):
        yield (f"valuation.peers: no peer has both a market cap and a {field} figure for the peer years "
               f"({multiple} divides by {field})")
