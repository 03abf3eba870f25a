"""A quarterly company (12 actual + 28 estimate quarters) whose actual statements tie."""
from __future__ import annotations

from other_company import acme, src

N_ACT, N_EST = 12, 28


def quarterly() -> dict:
    d = acme()
    d["company"]["id"] = "acme_quarterly"
    d["years"] = {"frequency": "quarterly", "first": "2021Q1", "actual_count": N_ACT, "estimate_count": N_EST}

    def act(base, step):
        return src([round(base + step * i, 2) for i in range(N_ACT)])

    def est(value):
        return src([value] * N_EST)

    d["revenue"]["segments"][0].update(actuals=act(25, 1.5), growth=est(0.12))
    d["revenue"]["segments"][1].update(actuals=act(10, 0.4), growth=est(0.08))
    revenue = [round(25 + 1.5 * i, 2) + round(10 + 0.4 * i, 2) for i in range(N_ACT)]
    cogs = [round(r * 0.6, 2) for r in revenue]
    d["cost_of_revenue"] = {"actuals": src(cogs), "gross_margin": est(0.42)}
    d["opex"][0].update(actuals=act(5, 0.1), driver={"kind": "pct_of_revenue", "values": [0.12] * N_EST, "source": "t"})
    d["opex"][1].update(actuals=act(3, 0.05), driver={"kind": "amount", "values": [4.0] * N_EST, "source": "t"})
    d["non_operating"][0].update(actuals=src([-0.5] * N_ACT),
                                 driver={"kind": "growth", "values": [0.02] * N_EST, "source": "t"})
    d["tax"].update(actuals=src([-1.0] * N_ACT), effective_rate=est(0.2))
    d["minority_share"] = est(0.0)
    d["adjustments"].update(actuals=src([0.2] * N_ACT),
                            other={"kind": "pct_of_revenue", "values": [0.005] * N_EST, "source": "t"})
    d["eps_shares_m"] = src([50.0] * (N_ACT + N_EST))

    # Actual cash follows the cash-flow statement; retained earnings make each quarter balance.
    opex = [d["opex"][0]["actuals"]["values"][i] + d["opex"][1]["actuals"]["values"][i] for i in range(N_ACT)]
    profit = [revenue[i] - cogs[i] - opex[i] - 0.5 - 1.0 for i in range(N_ACT)]
    cf = {"dep_amort_impairment": [2.0] * N_ACT, "working_capital_change": [-0.5] * N_ACT,
          "other_operating": [0.0] * N_ACT, "capex": [-3.0] * N_ACT, "other_investing": [0.0] * N_ACT,
          "net_debt_change": [0.0] * N_ACT, "other_financing": [0.0] * N_ACT}
    cash = [30.0]
    for i in range(1, N_ACT):
        cash.append(round(cash[-1] + profit[i] + sum(v[i] for v in cf.values()), 6))
    others = {"inventory": [20.0 + i for i in range(N_ACT)], "ppe": [50.0 + i for i in range(N_ACT)],
              "goodwill": [10.0] * N_ACT, "payables": [15.0 + 0.5 * i for i in range(N_ACT)],
              "loans": [30.0] * N_ACT, "share_capital": [50.0] * N_ACT}
    retained = [cash[i] + others["inventory"][i] + others["ppe"][i] + others["goodwill"][i]
                - others["payables"][i] - others["loans"][i] - others["share_capital"][i] for i in range(N_ACT)]
    for line in d["balance_sheet"]:
        values = cash if line["key"] == "cash" else retained if line["key"] == "retained" else others[line["key"]]
        line["actuals"] = src(values)
        if line.get("driver") and line["driver"]["kind"] != "flat":
            line["driver"]["values"] = [line["driver"]["values"][0]] * N_EST
    d["cash_flow"] = {
        "actuals": {**{k: src(v) for k, v in cf.items()}, "fx_effect_on_cash": src([None] + [0.0] * (N_ACT - 1))},
        "capex": {"kind": "pct_of_revenue", "values": [0.07] * N_EST, "source": "t"},
        "depreciation_rate": est(0.04), "fx_effect_on_cash": est(0.0)}
    d["valuation"]["basis_year"] = 2025
    d["valuation"]["peer_years"] = [2025, 2026]
    d["valuation"]["peers"][0]["revenue"] = {2024: 180, 2025: 200, 2026: 230}
    d["valuation"]["peers"][1]["revenue"] = {2025: 100, 2026: None}
    return d
