"""Generated assumptions for the benchmarks: a large synthetic model and many small companies.

The shape follows tests/other_company.py (a made-up company unlike Kingsoft Cloud) and the balancing
rules of tests/random_company.py, copied here so the benchmarks do not import the tests:
the actual years' equity makes each balance sheet balance, and the second actual year's FX effect on
cash makes the reported cash tie to the cash-flow statement.
"""
from __future__ import annotations

import random

CF_LINES = ("dep_amort_impairment", "working_capital_change", "other_operating", "capex", "other_investing",
            "net_debt_change", "other_financing")


def src(values):
    return {"values": values, "source": "benchmark fixture"}


def company(i: int = 0, *, segments: int = 2, opex: int = 2, actual: int = 2, estimate: int = 4,
            cases: int = 0, seed: int | None = None) -> dict:
    """A valid assumptions mapping. `cases` scenario cases each override every segment's growth."""
    rnd = random.Random(i if seed is None else seed)
    first = 2023
    act = list(range(first, first + actual))
    est = list(range(first + actual, first + actual + estimate))

    def money(lo=50.0, hi=500.0):
        return round(rnd.uniform(lo, hi), 2)

    def actuals(lo=50.0, hi=500.0):
        return src([money(lo, hi) for _ in act])

    def ratios(lo, hi, n=estimate):
        return [round(rnd.uniform(lo, hi), 4) for _ in range(n)]

    segs = [{"key": f"seg{k}", "name_zh": f"分部{k}", "name_en": f"Segment {k}", "actuals": actuals(),
             "growth": src(ratios(0.0, 0.2))} for k in range(segments)]
    revenue = [sum(s["actuals"]["values"][p] for s in segs) for p in range(actual)]
    cogs = [round(r * rnd.uniform(0.4, 0.6), 2) for r in revenue]
    opex_lines = [{"key": f"opex{k}", "name_zh": f"费用{k}", "name_en": f"Opex {k}",
                   "actuals": src([round(r * 0.1 / opex, 2) for r in revenue]),
                   "driver": {"kind": "pct_of_revenue", "values": ratios(0.01, 0.1 / opex), "source": "b"}}
                  for k in range(opex)]
    nonop = [-round(r * 0.01, 2) for r in revenue]
    tax = [-round(r * 0.02, 2) for r in revenue]

    bs = [
        {"key": "cash", "name_zh": "现金", "name_en": "Cash", "section": "current_assets", "role": "cash",
         "actuals": actuals()},
        {"key": "receivables", "name_zh": "应收", "name_en": "Receivables", "section": "current_assets",
         "role": "working_capital", "actuals": actuals(),
         "driver": {"kind": "pct_of_revenue", "values": ratios(0.1, 0.2), "source": "b"}},
        {"key": "ppe", "name_zh": "固定资产", "name_en": "PP&E", "section": "non_current_assets",
         "role": "fixed_assets", "actuals": actuals()},
        {"key": "payables", "name_zh": "应付", "name_en": "Payables", "section": "current_liabilities",
         "role": "working_capital", "actuals": actuals(),
         "driver": {"kind": "pct_of_cost_of_revenue", "values": ratios(0.1, 0.2), "source": "b"}},
        {"key": "loans", "name_zh": "借款", "name_en": "Loans", "section": "non_current_liabilities",
         "role": "debt", "actuals": actuals(), "driver": {"kind": "flat", "source": "b"}},
        {"key": "share_capital", "name_zh": "股本", "name_en": "Share capital", "section": "equity",
         "role": "other_financing", "actuals": actuals(), "driver": {"kind": "flat", "source": "b"}},
    ]
    assets = [sum(b["actuals"]["values"][p] for b in bs if "assets" in b["section"]) for p in range(actual)]
    claims = [sum(b["actuals"]["values"][p] for b in bs if "assets" not in b["section"]) for p in range(actual)]
    bs.append({"key": "retained", "name_zh": "留存收益", "name_en": "Retained earnings", "section": "equity",
               "role": "retained_earnings", "actuals": src([round(a - c, 2) for a, c in zip(assets, claims)])})

    cf_actuals = {k: src([round(rnd.uniform(-20, 20), 2) for _ in act]) for k in CF_LINES}
    fx = [None] * actual
    cash = bs[0]["actuals"]["values"]
    for p in range(1, actual):  # the FX effect on cash is whatever makes the reported cash tie
        net_profit = (revenue[p] - cogs[p] - sum(o["actuals"]["values"][p] for o in opex_lines) + nonop[p] + tax[p])
        ncf = net_profit + sum(cf_actuals[k]["values"][p] for k in CF_LINES)
        fx[p] = round(cash[p] - cash[p - 1] - ncf, 6)
    cf_actuals["fx_effect_on_cash"] = src(fx)

    years = act + est
    d = {
        "company": {"id": f"bench_{i:03d}", "name_zh": f"基准公司{i}", "name_en": f"Bench Co {i}",
                    "ticker": f"B{i:03d}.US"},
        "report": {"date": "2025-03-01", "broker": {"zh": "测试证券", "en": "Test Securities"},
                   "title": {"zh": "基准测试", "en": "Benchmark"}, "action": {"zh": "首次覆盖", "en": "Initiation"}},
        "units": {"currency": "USD", "money_zh": "百万美元", "money_en": "USD m", "market_currency": "USD",
                  "market_symbol": "US$"},
        "years": {"actual": act, "estimate": est},
        "revenue": {"segments": segs},
        "cost_of_revenue": {"actuals": src(cogs), "gross_margin": src(ratios(0.4, 0.5))},
        "opex": opex_lines,
        "non_operating": [{"key": "other", "name_zh": "其他", "name_en": "Other", "actuals": src(nonop),
                           "driver": {"kind": "pct_of_revenue", "values": ratios(-0.01, 0.0), "source": "b"}}],
        "tax": {"key": "tax", "name_zh": "所得税", "name_en": "Tax", "actuals": src(tax),
                "effective_rate": src(ratios(0.15, 0.25))},
        "minority_share": src([0.0] * estimate),
        "adjustments": {"key": "adjustments", "name_zh": "调整项", "name_en": "Adjustments",
                        "actuals": src([1.0] * actual),
                        "other": {"kind": "pct_of_revenue", "values": [0.01] * estimate, "source": "b"}},
        "eps_shares_m": src([100.0] * len(years)),
        "balance_sheet": bs,
        "cash_flow": {"actuals": cf_actuals,
                      "capex": {"kind": "pct_of_revenue", "values": ratios(0.03, 0.06), "source": "b"},
                      "depreciation_rate": src(ratios(0.1, 0.2)),
                      "fx_effect_on_cash": src([0.0] * estimate)},
        "market": {"price": {"value": round(rnd.uniform(5, 50), 2), "source": "b"}, "price_date": "2025-02-28",
                   "shares_outstanding_m": {"value": 100.0, "source": "b"}, "fx": {"value": 1.0, "source": "b"}},
        "valuation": {
            "method": {"zh": "市销率", "en": "P/S"}, "target_multiple": {"value": 3.0, "source": "b"},
            "basis_year": est[min(1, estimate - 1)], "peer_years": years[-2:],
            "peers": [{"name_zh": "甲", "name_en": "Alpha", "code": "A", "currency": "USD", "market_cap": 1000.0,
                       "revenue": {y: 300.0 for y in years[-2:]}, "source": "b"},
                      {"name_zh": "乙", "name_en": "Beta", "code": "B", "currency": "USD", "market_cap": 600.0,
                       "revenue": {y: 200.0 for y in years[-2:]}, "source": "b"}],
            "rating_scale": [{"zh": "卖出", "en": "Sell", "min_upside": -1.0},
                             {"zh": "持有", "en": "Hold", "min_upside": -0.1},
                             {"zh": "买入", "en": "Buy", "min_upside": 0.15}],
        },
        "checks": {"tolerance_actual": {"value": 0.01, "source": "b"},
                   "tolerance_estimate": {"value": 1e-6, "source": "b"}},
        "thesis": [{"zh": "测试", "en": "Benchmark thesis"}],
        "risks": [{"zh": "风险", "en": "Benchmark risk"}],
    }
    if cases:
        d["scenarios"] = {"cases": [
            {"key": f"case{c}", "name_zh": f"情景{c}", "name_en": f"Case {c}", "source": "b",
             "overrides": {f"revenue.segments.{s['key']}.growth": ratios(0.0, 0.2) for s in segs}}
            for c in range(cases)]}
    return d


def large(segments: int = 200, periods: int = 20, opex: int = 340, cases: int = 3) -> dict:
    """The big synthetic model: `segments` x `periods`, every segment's growth overridden by `cases` scenarios."""
    return company(0, segments=segments, opex=opex, actual=2, estimate=periods - 2, cases=cases, seed=12345)
