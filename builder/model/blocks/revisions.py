"""The Revisions sheet (only with --previous): previous estimates as inputs beside the new ones,
and the change, for every estimate year. Needs the valuation."""
from __future__ import annotations

from dataclasses import dataclass

from ...formula.expr import Cell, Line, growth
from ...labels import words as W
from ...assumptions.schema import Assumptions
from ..handles import RevisionHandles, ValuationHandles
from ..sheet_writer import MONEY, PCT, SheetWriter, source_note

# The revised lines: line key pattern, words key, number format.
REVISED = (("IS_revenue", "rev.revenue", "money"), ("IS_adj_net_profit", "rev.adj_net_profit", "money"),
           ("KPI_eps_{cur}", {"basic": "rev.eps_basic", "adjusted": "rev.eps_adjusted"}, "eps"))
# (EPS is on the file's basis, report.eps_basis, and its words say which.) The revised line keys:
REVISED_LINES = tuple(pattern for pattern, _, _ in REVISED)


@dataclass
class Previous:
    """Key outputs of an earlier version of the model, for the estimate-changes table."""
    label: str                                   # where they came from (file name)
    series: dict[str, dict[str, float]]          # line key -> period label -> value
    target_price: float
    rating: str


def _words(a: Assumptions, words_key: str | dict):
    return W(words_key if isinstance(words_key, str) else words_key[a.report.eps_basis])


def build_revisions(w: SheetWriter, a: Assumptions, prev: Previous, val: ValuationHandles) -> RevisionHandles:
    cur = a.units.currency.lower()
    source = source_note("previous", label=prev.label)
    sym = a.units.market_symbol
    # The previous figures are inputs, so they go on the Assumptions sheet like every other input.
    w.section("in", W("in.previous").format(label=prev.label))
    prev_keys, has_prev = {}, {}
    for pattern, words_key, fmt in REVISED:
        key = pattern.format(cur=cur)
        values = [prev.series.get(key, {}).get(p.label) if not p.actual else None for p in w.periods]
        name = _words(a, words_key)
        prev_keys[key] = w.line("in", f"prev_{key.lower()}", W("in.previous_line").format(name=name),
                                a.units.currency if fmt == "eps" else MONEY, fmt, values, named=False, source=source,
                                input_kind="money" if fmt == "money" else "ratio", origins=[None] * w.n).key
        has_prev[key] = [v is not None for v in values]
    tp_prev = w.cell("in", "prev_target_price", W("in.previous_target_price"), sym, "price", prev.target_price,
                     named=False, source=source, input_kind="price")
    rating_prev = w.cell("in", "prev_rating", W("in.previous_rating"), "text", "text", prev.rating, named=False,
                         source=source, input_kind="text")

    for pattern, words_key, fmt in REVISED:
        key, name = pattern.format(cur=cur), _words(a, words_key)
        unit = a.units.currency if fmt == "eps" else w.money
        shown = has_prev[key]
        w.section("rev", W("rev.section").format(name=name, unit=unit))
        new = w.line("rev", f"{key.lower()}_new", W("rev.new").format(name=name), unit, fmt,
                     [Line(key) if h else None for h in shown])
        old = w.line("rev", f"{key.lower()}_previous", W("rev.previous").format(name=name), unit, fmt,
                     [Line(prev_keys[key]) if h else None for h in shown])
        w.line("rev", f"{key.lower()}_change_pct", W("rev.change").format(name=name), PCT, "pct",
               [growth(Line(new.key), Line(old.key)) if h else None for h in shown])
    w.section("rev", W("rev.target_and_rating"))
    tp_name, rating_name = W("rev.target_price"), W("rev.rating")
    tp_new = w.cell("rev", "target_price_new", W("rev.new").format(name=tp_name), sym, "price",
                    Cell(val.target_price))
    tp_old = w.cell("rev", "target_price_previous", W("rev.previous").format(name=tp_name), sym, "price",
                    Cell(tp_prev.key))
    change = w.cell("rev", "target_price_change_pct", W("rev.change").format(name=tp_name), PCT, "pct",
                    Cell(tp_new.key) / Cell(tp_old.key) - 1)
    w.cell("rev", "rating_new", W("rev.new").format(name=rating_name), "text", "text", Cell(val.rating))
    w.cell("rev", "rating_previous", W("rev.previous").format(name=rating_name), "text", "text",
           Cell(rating_prev.key))
    return RevisionHandles(prev_keys, change.key)
