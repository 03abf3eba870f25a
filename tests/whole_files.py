"""Hypothesis strategy: whole assumptions files of every shape the schema allows, made consistent.

Starting from a random annual company or the quarterly one, it drops optional sections, peers and
balance-sheet lines (a section may end up empty: no current liabilities), keeps one or many segments,
then recomputes retained earnings and the FX effect on cash in plain Python so the actuals tie.
"""
from __future__ import annotations

import copy

from hypothesis import strategies as st

from other_company import src
from quarterly_company import quarterly
from random_company import companies

OPTIONAL = ("non_operating", "scenarios", "sensitivity", "thesis", "risks", "adj_net_profit_prior_growth")
DROPPABLE_ROLES = ("restricted_cash", "working_capital", "other_operating", "investing", "debt",
                   "other_financing", "minority_interest")
CF_LINES = ("dep_amort_impairment", "working_capital_change", "other_operating", "capex", "other_investing",
            "net_debt_change", "other_financing")


@st.composite
def whole_files(draw) -> dict:
    d = draw(companies()) if draw(st.booleans()) else quarterly()
    d = copy.deepcopy(d)
    for key in OPTIONAL:
        if key in d and draw(st.booleans()):
            del d[key]
    if "sensitivity" not in d and d["valuation"]["target_multiple"]["value"] <= 2:
        d["valuation"]["target_multiple"]["value"] += 2  # the default steps (+-2x) must leave every multiple positive
    if draw(st.booleans()):
        d.pop("impairment", None)
        d.pop("scenarios", None)  # a scenario may override the impairment's driver
    d["revenue"].pop("reported_actuals", None)  # segments change below; the reported total would not
    if draw(st.booleans()):
        d["valuation"]["peers"], d["valuation"]["peer_years"] = [], []
    d["opex"] = d["opex"][:draw(st.integers(0, len(d["opex"])))]  # none at all is allowed
    _segments(d, draw(st.sampled_from([1, 1, 2, 7, 40])))
    # the lines impairments write down stay (the `impairment` and every one of `impairments`)
    kept = {imp.get("charged_to") for imp in [d.get("impairment") or {}] + d.get("impairments", [])}
    dropped = draw(st.sets(st.sampled_from(DROPPABLE_ROLES)))
    d["balance_sheet"] = [b for b in d["balance_sheet"] if b["role"] not in dropped or b["key"] in kept]
    if draw(st.booleans()):  # no current liabilities at all
        d["balance_sheet"] = [b for b in d["balance_sheet"]
                              if b["section"] != "current_liabilities" or b["key"] in kept]
    if not any(b["role"] == "debt" for b in d["balance_sheet"]):  # interest on debt needs a debt line
        for line in d.get("non_operating", []):
            if line["driver"]["kind"] in ("interest_on_opening_debt", "interest_on_average_debt"):
                line["driver"]["kind"] = "amount"
    if not any(b["role"] == "minority_interest" for b in d["balance_sheet"]) and "minority_share" in d:
        d["minority_share"]["values"] = [0.0] * len(d["minority_share"]["values"])  # else refused (tested)
    rebalance(d)
    return d


def _segments(d: dict, n: int) -> None:
    """n segments, each a scaled copy of the first, keeping revenue (and so the margins) near the original."""
    lines = [p for s in d["revenue"]["segments"] for p in s.get("parts", [s])]  # a segment with parts: its parts
    total = [sum(s["actuals"]["values"][p] for s in lines) for p in range(len(lines[0]["actuals"]["values"]))]
    n_est = len(d["tax"]["effective_rate"]["values"])
    growth = copy.deepcopy(lines[0]["growth"]) if "growth" in lines[0] else src([0.05] * n_est)
    d["revenue"]["segments"] = [
        {"key": f"s{i}", "name_zh": f"分部{i}", "name_en": f"Segment {i}",
         "actuals": src([round(t / n, 4) for t in total]), "growth": copy.deepcopy(growth)}
        for i in range(n)]
    d["cost_of_revenue"].setdefault("gross_margin", src([0.4] * n_est))  # the segments' own costs are gone
    for o in d["opex"]:  # a share of a segment that is gone: of the first new one
        if o["driver"].get("of") not in (None, "revenue"):
            o["driver"]["of"] = "s0"


def net_profit(d: dict, p: int) -> float:
    """The actual P&L's net profit, as the report defines it (costs positive, other lines signed)."""
    revenue = sum(s["actuals"]["values"][p] for s in d["revenue"]["segments"])
    cost = d["cost_of_revenue"]["actuals"]["values"][p] + sum(o["actuals"]["values"][p] for o in d["opex"])
    if d.get("impairment"):
        cost += d["impairment"]["actuals"]["values"][p]
    other = sum(n["actuals"]["values"][p] for n in d.get("non_operating", []))
    return revenue - cost + other + d["tax"]["actuals"]["values"][p]


def rebalance(d: dict) -> None:
    """Retained earnings make each actual period balance; the FX effect makes the cash pool tie."""
    bs, cf = d["balance_sheet"], d["cash_flow"]["actuals"]
    n = len(bs[0]["actuals"]["values"])
    pool = [sum(b["actuals"]["values"][p] for b in bs if b["role"] in ("cash", "restricted_cash")) for p in range(n)]
    fx = [None]
    for p in range(1, n):
        flow = net_profit(d, p) + sum(cf[k]["values"][p] for k in CF_LINES)
        fx.append(pool[p] - pool[p - 1] - flow)
    cf["fx_effect_on_cash"] = src(fx)
    retained = next(b for b in bs if b["role"] == "retained_earnings")
    for p in range(n):
        assets = sum(b["actuals"]["values"][p] for b in bs if "assets" in b["section"])
        claims = sum(b["actuals"]["values"][p] for b in bs if "assets" not in b["section"] and b is not retained)
        retained["actuals"]["values"][p] = assets - claims
