"""The Revenue Build sheet: revenue by segment, gross profit and operating expenses.

Needs the inputs; links to the P&L's cost of revenue, gross profit and adjusted net profit
ahead of that block (`handles.LINKED_AHEAD`).
"""
from __future__ import annotations

from ...formula.expr import Line
from ...labels import words as W
from ...assumptions.schema import Assumptions
from ..drivers import DriverTerms, driven
from ..handles import IS_ADJ_NET_PROFIT, IS_COST_OF_REVENUE, IS_GROSS_PROFIT, InputHandles, RevenueHandles, \
    SegmentInputs
from ..segments import factor_lines, line_entries, segment_cost_lines, with_parts
from ..sheet_writer import MONEY, PCT, SheetWriter, name_of, sum_of


def build_revenue(w: SheetWriter, a: Assumptions, inp: InputHandles) -> RevenueHandles:
    seg_keys = tuple(f"RB_{s.key}" for s in a.revenue.segments)
    w.section("rb", W("rb.by_segment").format(by=W(f"segments_are.{a.revenue.segments_are}")))
    total = w.line("rb", "revenue_total", W("rb.revenue_total"), MONEY, "money", [sum_of(seg_keys)] * w.n, total=True)
    total_yoy = w.yoy("rb", "revenue_total_yoy_pct", total.key, W("rb.revenue_total"), inp.revenue_prior_growth)
    for s, seg in zip(a.revenue.segments, inp.segments):  # contiguous rows: every sum is one range
        w.line("rb", s.key, name_of(s), MONEY, "money", line_entries(w, s, seg, _rb, _actual))
    for s, key, seg in zip(a.revenue.segments, seg_keys, inp.segments):
        w.yoy("rb", f"{s.key}_yoy_pct", key, name_of(s), seg.prior_growth,
              may_be_zero=s.driver is not None or bool(s.parts))
    _parts_section(w, a, inp)
    _factor_section(w, a, inp)
    cost_total = None
    if inp.segment_costs:
        w.section("rb", W("rb.segment_costs"))
        cost_total = segment_cost_lines(w, a.revenue.segments, inp.segment_costs)
    revenue = Line(total.key)

    w.section("rb", W("rb.gross_and_opex"))
    gp = w.line("rb", "gross_profit", W("rb.gross_profit"), MONEY, "money", [Line(IS_GROSS_PROFIT)] * w.n)
    w.line("rb", "gross_margin_pct", W("rb.gross_margin"), PCT, "pct", [Line(gp.key) / revenue] * w.n)
    opex = {}
    for c in a.opex:
        key = f"RB_{c.key}"
        cost = inp.costs[c.key]
        of = (revenue if c.driver.of == "revenue" else Line(f"RB_{c.driver.of}")) if c.driver.of else None
        estimate = driven(c.driver.kind, DriverTerms(key, cost.driver, revenue, -Line(IS_COST_OF_REVENUE), w.ppy,
                                                     of=of))
        opex[c.key] = w.line("rb", c.key, name_of(c), MONEY, "money", w.entries(Line(cost.actual), estimate)).key
        w.line("rb", f"{c.key}_pct", W("rb.cost_ratio").format(name=name_of(c)), PCT, "pct",
               [Line(key) / revenue] * w.n)
    w.line("rb", "adj_net_profit", W("rb.adj_net_profit"), MONEY, "money", [Line(IS_ADJ_NET_PROFIT)] * w.n, total=True)
    w.fiscal_year_totals("rb", [total.key, *seg_keys])
    return RevenueHandles(total.key, total_yoy.key, seg_keys, opex, cost_total)


def _factor_section(w: SheetWriter, a: Assumptions, inp: InputHandles):
    """The factor lines of the price x volume and users x ARPU segments, below the segments."""
    priced = [(s, seg) for s, seg in with_parts(a.revenue.segments, inp.segments) if seg.factors]
    if priced:
        w.section("rb", W("rb.factors"))
    for s, seg in priced:
        factor_lines(w, "rb", s, seg, lambda name, k=s.key: f"RB_{k}_{name}")


def _rb(key: str) -> str:
    return f"RB_{key}"


def _actual(key: str, seg: SegmentInputs) -> Line:
    return Line(seg.actual)


def _parts_section(w: SheetWriter, a: Assumptions, inp: InputHandles):
    """The parts of the segments made of parts, below the segments (each part contiguous with its
    segment's other parts, so each segment's sum is one range)."""
    split = [(s, seg) for s, seg in zip(a.revenue.segments, inp.segments) if s.parts]
    if split:
        w.section("rb", W("rb.parts"))
    for s, seg in split:
        for part, part_inputs in zip(s.parts, seg.parts):
            w.line("rb", part.key, W("line.part").format(segment=name_of(s), name=name_of(part)), MONEY, "money",
                   line_entries(w, part, part_inputs, _rb, _actual))
