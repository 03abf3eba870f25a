"""The Variance sheet (only with a `variance` section): for the period just reported, each estimated
line's previous estimate (an input, noted with the file it came from) beside the reported figure (a link
to the model's own cell), the difference and the difference as a share of the estimate, and beat/miss
flags on revenue, attributable net profit and EPS. Runs after every block whose lines it may compare."""
from __future__ import annotations

from ...formula.expr import ABS, IF, Line, engine_difference
from ...labels import words as W
from ...assumptions.schema import Assumptions
from ...assumptions.variance_rules import period_index
from ..handles import VarianceHandles, VarianceLine
from ..sheet_writer import PCT, SheetWriter, source_note
from .per_share import NOT_MEANINGFUL

# The lines with a beat/miss flag: flag name -> model line key (higher is better for each).
BEAT_LINES = (("revenue", "IS_revenue"), ("net_profit", "IS_net_profit_parent"), ("eps", "KPI_eps"))


def build_variance(w: SheetWriter, a: Assumptions) -> VarianceHandles:
    v = a.variance
    i = period_index(a)
    label = w.periods[i].label
    w.section("var", W("var.title").format(period=label, previous=v.previous))
    source = source_note("previous", label=v.previous)

    def only_at_period(entry) -> list:
        return [entry if p == i else None for p in range(w.n)]

    def line(key: str, words_key: str, name, unit, fmt: str, entry, **fields) -> str:
        full = f"VAR_{key}_{words_key}"
        return w.line("var", full[4:], W(f"var.{words_key}").format(name=name), unit, fmt, only_at_period(entry),
                      named=False, cell_names={i: full}, **fields).key

    lines = {}
    for key, estimate in v.estimates.items():
        if not w.has_line(key):  # an unknown key: validation names it (variance_rules)
            continue
        item = w.line_item(key)
        w.section("var", W("var.section").format(name=item.name, unit=item.unit))
        est = line(key, "estimate", item.name, item.unit, item.fmt, estimate, source=source, input_kind="money",
                   origins=only_at_period(("variance", "estimates", key)))
        reported = line(key, "reported", item.name, item.unit, item.fmt, Line(key))
        diff = line(key, "difference", item.name, item.unit, item.fmt, engine_difference(Line(reported), Line(est)))
        pct = line(key, "difference_pct", item.name, PCT, "pct",
                   IF(ABS(Line(est)).gt(0), Line(diff) / ABS(Line(est)), NOT_MEANINGFUL))
        lines[key] = VarianceLine(est, reported, diff, pct)
    beats = {}
    flagged = [(flag, key) for flag, key in BEAT_LINES if key in lines]
    if flagged:
        w.section("var", W("var.beats"))
    for flag, key in flagged:
        full = f"VAR_beat_{flag}"
        beats[key] = w.line("var", full[4:], W(f"var.beat.{flag}"), "bool", "bool",
                             # reported > estimate, not difference > 0: a difference of rounding (1e-15,
                             # which the engines take as 0) is no beat
                             only_at_period(Line(lines[key].reported).gt(Line(lines[key].estimate))), named=False,
                             cell_names={i: full}).key
    w.note("var", W("var.note"))
    return VarianceHandles(i, lines, beats)
