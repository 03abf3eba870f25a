"""Consensus (only with a `consensus` section or `build --consensus`): the consensus figures as inputs on the
Assumptions sheet, and on the Valuation sheet, per metric, the model's own figure, the consensus and the model
vs consensus (% of the consensus; n.m. when it is 0) in the periods consensus covers. Needs the P&L, EBITDA
and EPS lines."""
from __future__ import annotations

from ...formula.expr import ABS, IF, Line
from ...labels import words as W
from ...assumptions.period_labels import column_of
from ...assumptions.schema import Assumptions
from ...assumptions.schema_consensus import CONSENSUS_METRICS
from ..handles import ConsensusHandles
from ..sheet_writer import MONEY, PCT, SheetWriter
from .per_share import NOT_MEANINGFUL

# The model line each consensus metric is compared with, and its number format.
MODEL_LINES = {"revenue": ("IS_revenue", "money"), "ebitda": ("IS_ebitda", "money"),
               "net_profit": ("IS_net_profit_parent", "money"), "eps": ("KPI_eps", "eps")}


def build_consensus(w: SheetWriter, a: Assumptions) -> ConsensusHandles:
    by_metric: dict[str, dict[int, tuple[int, object]]] = {}
    for i, figure in enumerate(a.consensus):
        by_metric.setdefault(figure.metric, {})[column_of(a, figure.period)] = (i, figure)
    metrics = [m for m in CONSENSUS_METRICS if m in by_metric]
    w.section("in", W("in.consensus"))
    inputs = {}
    for metric in metrics:
        figures = by_metric[metric]
        unit = a.units.currency if MODEL_LINES[metric][1] == "eps" else MONEY
        sources = dict.fromkeys(f"{f.source} ({f.date.isoformat()})" if f.date else f.source
                                for _, f in figures.values())
        inputs[metric] = w.line(
            "in", f"consensus_{metric}", W("in.consensus_line").format(name=W(f"cons.{metric}")), unit,
            MODEL_LINES[metric][1], [figures[p][1].value if p in figures else None for p in range(w.n)],
            named=False, source="; ".join(sources), input_kind="money",
            origins=[("consensus", figures[p][0], "value") if p in figures else None for p in range(w.n)]).key
    w.section("val", W("val.consensus"))
    rows = {}
    for metric in metrics:
        model_key, fmt = MODEL_LINES[metric]
        given = [p in by_metric[metric] for p in range(w.n)]
        unit = a.units.currency if fmt == "eps" else MONEY
        name = W(f"cons.{metric}")

        def line(key: str, words_key: str, unit_, fmt_: str, entry) -> str:
            return w.line("val", key, W(words_key).format(name=name), unit_, fmt_,
                          [entry if g else None for g in given]).key

        model = line(f"consensus_{metric}_model", "val.consensus_model", unit, fmt, Line(model_key))
        consensus = line(f"consensus_{metric}", "val.consensus_value", unit, fmt, Line(inputs[metric]))
        vs = line(f"vs_consensus_{metric}_pct", "val.vs_consensus", PCT, "pct",
                  IF(ABS(Line(consensus)).gt(0), (Line(model) - Line(consensus)) / ABS(Line(consensus)),
                     NOT_MEANINGFUL))
        rows[metric] = (model, consensus, vs)
    return ConsensusHandles(rows)
