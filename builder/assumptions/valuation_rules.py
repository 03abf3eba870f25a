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
    if a.scenarios.cases:
        yield "scenarios.cases: scenario cases are not available with a blend yet"
    if v.peers:
        yield "valuation.peers: a blend takes no peers yet"


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
    if a.scenarios.cases:
        yield "scenarios.cases: scenario cases are not available with a DCF yet"
    if v.peers:
        yield "valuation.peers: a DCF takes no peers"


def _dcf_rules(a: Assumptions, d: DCF):
    if a.years.periods_per_year > 1:
        yield "valuation.multiple: DCF is for annual models"
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


# The peer field each method divides by.
PEER_METRIC_FIELD = {"P/S": "revenue", "EV/Sales": "revenue", "P/E": "net_profit", "P/B": "book_value",
                     "EV/EBITDA": "ebitda"}


def peer_metric_problems(a: Assumptions):
    """Peers carry the metric their method divides by (and, EV methods, net debt)."""
    v = a.valuation
    if v.multiple not in PEER_METRIC_FIELD:
        return
    field = PEER_METRIC_FIELD[v.multiple]
    enterprise = v.multiple.startswith("EV/")
    for i, peer in enumerate(v.peers):
        for y, x in getattr(peer, field).items():
            if field != "revenue" and y not in a.years.all:
                yield f"valuation.peers[{i}].{field}.{y}: year {y} is not one of the model's years"
        if enterprise and peer.market_cap is not None and peer.net_debt is None:
            yield (f"valuation.peers[{i}].net_debt: {v.multiple} needs each peer's net debt "
                   f"(enterprise value = market cap + net debt)")
    if v.peers and not any(p.market_cap and any(getattr(p, field).get(y) for y in v.peer_years) for p in v.peers):
        yield (f"valuation.peers: no peer has both a market cap and a {field} figure for the peer years "
               f"({v.multiple} divides by {field})")
