"""Reported actuals for roll tests: a model's own estimates of the rolled period, which tie by construction
(the estimate balance sheet balances and the estimate cash flow explains the change in cash)."""
from __future__ import annotations

import csv
from pathlib import Path

from builder.validation.contract import checked_model
from builder.assumptions.schema import Assumptions, adjustment_lines, impairment_lines
from builder.assumptions.schema_revenue import FACTORS, revenue_lines


def reported_from_estimates(a: Assumptions) -> dict[str, float]:
    """CSV line key -> value: the first estimate period's figures as the company would report them."""
    model = checked_model(a)[0]
    p = a.years.n_actual

    def at(key):
        return model.series(key)[p]

    out = {}
    for _, line in revenue_lines(a.revenue):
        out[line.key] = at(f"RB_{line.key}")
        for name in FACTORS.get(line.driver.kind.value, ()) if line.driver else ():
            out[f"{line.key}.{name}"] = at(f"RB_{line.key}_{name}")
    out.update({f"{s.key}.cost": at(f"RB_{s.key}_cost") for s in a.revenue.segments if s.cost is not None})
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
    if a.cash_flow.intangibles_additions is not None:  # an actual year reports them within other investing
        out["cash_flow.other_investing"] += at("CF_intangibles_additions")
    if a.revenue.reported_actuals is not None:
        out["revenue"] = at("IS_revenue")
    returns = a.shareholder_returns
    if returns.dividends is not None:
        out["dividends"] = at("KPI_dividends_paid")
    if returns.buybacks is not None:  # share counts are then actual-only series, reported like the rest
        out["buybacks"] = at("KPI_buybacks")
        out["eps_shares_m"] = at("KPI_shares_weighted")
        if a.per_share.year_end_shares_m is not None:
            out["year_end_shares_m"] = at("KPI_shares_year_end")
    return out


def write_csv(path: Path, period, values: dict[str, float], source="Test filing", ticker=None) -> Path:
    rows = [[k, period, repr(v), source] + ([ticker] if ticker else []) for k, v in values.items()]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["line", "period", "value", "source"] + (["ticker"] if ticker else []))
        w.writerows(rows)
    return path
