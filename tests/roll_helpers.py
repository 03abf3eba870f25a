"""Reported actuals for roll tests: a model's own estimates of the rolled period, which tie by construction
(the estimate balance sheet balances and the estimate cash flow explains the change in cash)."""
from __future__ import annotations

import csv
from pathlib import Path

from builder.validation.contract import checked_model
from builder.assumptions.schema import Assumptions, adjustment_lines, impairment_lines


def reported_from_estimates(a: Assumptions) -> dict[str, float]:
    """CSV line key -> value: the first estimate period's figures as the company would report them."""
    model = checked_model(a)[0]
    p = a.years.n_actual

    def at(key):
        return model.series(key)[p]

    out = {}
    for s in a.revenue.segments:
        for line in s.parts or [s]:  # a segment with parts reports its parts
            out[line.key] = at(f"RB_{line.key}")
            factors = ("price", "volume") if line.driver is not None and line.driver.kind == "price_volume" else \
                ("users", "arpu") if line.driver is not None and line.driver.kind == "users_arpu" else ()
            out.update({f"{line.key}_{name}": at(f"RB_{line.key}_{name}") for name in factors})
        if s.cost is not None:
            out[f"{s.key}_cost"] = at(f"RB_{s.key}_cost")
    out["cost_of_revenue"] = -at("IS_cost_of_revenue")
    out.update({c.key: -at(f"IS_{c.key}") for c in a.opex})
    out.update({imp.key: -at(f"IS_{imp.key}") for _, _, imp in impairment_lines(a)})
    out.update({c.key: at(f"IS_{c.key}") for c in a.non_operating})
    out[a.tax.key] = at(f"IS_{a.tax.key}")
    if a.minority_actuals is not None:
        out["minority_actuals"] = at("IS_net_profit_minority")
    for path, item in adjustment_lines(a):
        out[item.key] = at("IS_adjustments") if path == "adjustments" else at(f"IS_{item.key}")
    out.update({b.key: at(f"BS_{b.key}") for b in a.balance_sheet})
    for name in type(a.cash_flow.actuals).model_fields:
        out[f"cash_flow.{name}"] = at(f"CF_{name}") or 0.0
    if a.revenue.reported_actuals is not None:
        out["revenue"] = at("IS_revenue")
    return out


def write_csv(path: Path, period, values: dict[str, float], source="Test filing", ticker=None) -> Path:
    rows = [[k, period, repr(v), source] + ([ticker] if ticker else []) for k, v in values.items()]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["line", "period", "value", "source"] + (["ticker"] if ticker else []))
        w.writerows(rows)
    return path
