"""Hypothesis strategy: random valid assumptions (segments, growth, margins, drivers, peers with gaps)."""
from __future__ import annotations

from hypothesis import strategies as st

from other_company import acme, src

money = st.floats(min_value=1, max_value=5000, allow_nan=False).map(lambda x: round(x, 2))
ratio = st.floats(min_value=0.0, max_value=0.4).map(lambda x: round(x, 4))
growth = st.floats(min_value=-0.3, max_value=0.6).map(lambda x: round(x, 4))


@st.composite
def companies(draw) -> dict:
    d = acme()
    n_act = draw(st.integers(1, 2))
    n_est = draw(st.integers(1, 5))
    first = draw(st.integers(2000, 2030))
    d["years"] = {"actual": list(range(first, first + n_act)),
                  "estimate": list(range(first + n_act, first + n_act + n_est))}

    def actuals(strategy=money):
        return src([draw(strategy) for _ in range(n_act)])

    def estimates(strategy):
        return [draw(strategy) for _ in range(n_est)]

    def driver():
        kind = draw(st.sampled_from(["pct_of_revenue", "pct_of_cost_of_revenue", "growth", "amount", "flat"]))
        values = {"pct_of_revenue": lambda: estimates(ratio), "pct_of_cost_of_revenue": lambda: estimates(ratio),
                  "growth": lambda: estimates(growth), "amount": lambda: estimates(money), "flat": lambda: []}[kind]()
        return {"kind": kind, "values": values, "source": "random"}

    n_seg = draw(st.integers(1, 4))
    d["revenue"] = {"segments": [
        {"key": f"seg{i}", "name_zh": f"分部{i}", "name_en": f"Segment {i}", "actuals": actuals(),
         "growth": src(estimates(growth))} for i in range(n_seg)]}
    revenue = [sum(s["actuals"]["values"][p] for s in d["revenue"]["segments"]) for p in range(n_act)]
    cogs = [round(r * draw(st.floats(0.2, 0.9)), 2) for r in revenue]
    d["cost_of_revenue"] = {"actuals": src(cogs), "gross_margin": src(estimates(st.floats(0.05, 0.7)))}
    d["opex"] = [{"key": f"opex{i}", "name_zh": f"费用{i}", "name_en": f"Opex {i}", "actuals": actuals(),
                  "driver": draw(st.sampled_from([None])) or {"kind": "pct_of_revenue", "values": estimates(ratio),
                                                              "source": "r"}}
                 for i in range(draw(st.integers(1, 3)))]
    d["non_operating"] = [{"key": "other", "name_zh": "其他", "name_en": "Other",
                           "actuals": src([-v for v in actuals()["values"]]),
                           "driver": {"kind": "amount", "values": [-v for v in estimates(money)], "source": "r"}}]
    d["tax"]["actuals"] = actuals()
    d["tax"]["effective_rate"] = src(estimates(st.floats(-0.3, 0.4)))
    d["minority_share"] = src(estimates(st.floats(0, 0.2)))
    d["adjustments"]["actuals"] = actuals()
    d["adjustments"]["other"] = {"kind": "pct_of_revenue", "values": estimates(ratio), "source": "r"}
    d["eps_shares_m"] = src(estimates(money) + [draw(money) for _ in range(n_act)])

    # Balance sheet: random lines and drivers; actual equity makes each actual year balance.
    bs = [
        {"key": "cash", "name_zh": "现金", "name_en": "Cash", "section": "current_assets", "role": "cash",
         "actuals": actuals()},
        {"key": "restricted", "name_zh": "受限", "name_en": "Restricted", "section": "current_assets",
         "role": "restricted_cash", "actuals": actuals(), "driver": driver()},
        {"key": "receivables", "name_zh": "应收", "name_en": "Receivables", "section": "current_assets",
         "role": "working_capital", "actuals": actuals(), "driver": driver()},
        {"key": "ppe", "name_zh": "固定资产", "name_en": "PP&E", "section": "non_current_assets",
         "role": "fixed_assets", "actuals": actuals()},
        {"key": "investments", "name_zh": "投资", "name_en": "Investments", "section": "non_current_assets",
         "role": "investing", "actuals": actuals(), "driver": driver()},
        {"key": "payables", "name_zh": "应付", "name_en": "Payables", "section": "current_liabilities",
         "role": "working_capital", "actuals": actuals(), "driver": driver()},
        {"key": "accruals", "name_zh": "预提", "name_en": "Accruals", "section": "current_liabilities",
         "role": "other_operating", "actuals": actuals(), "driver": driver()},
        {"key": "loans", "name_zh": "借款", "name_en": "Loans", "section": "non_current_liabilities",
         "role": "debt", "actuals": actuals(), "driver": driver()},
        {"key": "share_capital", "name_zh": "股本", "name_en": "Share capital", "section": "equity",
         "role": "other_financing", "actuals": actuals(), "driver": driver()},
        {"key": "minority", "name_zh": "少数股东", "name_en": "Minority", "section": "equity",
         "role": "minority_interest", "actuals": actuals()},
    ]
    assets = [sum(b["actuals"]["values"][p] for b in bs if "assets" in b["section"]) for p in range(n_act)]
    claims = [sum(b["actuals"]["values"][p] for b in bs if "assets" not in b["section"]) for p in range(n_act)]
    bs.append({"key": "retained", "name_zh": "留存", "name_en": "Retained", "section": "equity",
               "role": "retained_earnings", "actuals": src([round(a - c, 2) for a, c in zip(assets, claims)])})
    d["balance_sheet"] = bs
    d["impairment"] = {"key": "impairment", "name_zh": "减值", "name_en": "Impairment",
                       "actuals": actuals(st.just(0.0)),
                       "driver": {"kind": "amount", "values": estimates(st.floats(0, 50)), "source": "r"},
                       "charged_to": draw(st.sampled_from(["ppe", "investments"]))}

    cf_lines = ("dep_amort_impairment", "working_capital_change", "other_operating", "capex", "other_investing",
                "net_debt_change", "other_financing")
    cf_actuals = {k: actuals(st.floats(-500, 500).map(lambda x: round(x, 2))) for k in cf_lines}
    # FX effect on cash in the second actual year is whatever makes the reported cash tie.
    fx = [None] * n_act
    if n_act == 2:
        np1 = (revenue[1] - cogs[1] - sum(o["actuals"]["values"][1] for o in d["opex"])
               + d["non_operating"][0]["actuals"]["values"][1] + d["tax"]["actuals"]["values"][1])
        ncf = np1 + sum(cf_actuals[k]["values"][1] for k in cf_lines)
        pool = [bs[0]["actuals"]["values"][p] + bs[1]["actuals"]["values"][p] for p in range(2)]
        fx[1] = pool[1] - pool[0] - ncf
    cf_actuals["fx_effect_on_cash"] = src(fx)
    d["cash_flow"] = {"actuals": cf_actuals,
                      "capex": {"kind": "pct_of_revenue", "values": estimates(ratio), "source": "r"},
                      "depreciation_rate": src(estimates(st.floats(0, 0.3))),
                      "fx_effect_on_cash": src(estimates(st.floats(-10, 10)))}

    years = d["years"]["actual"] + d["years"]["estimate"]
    peers = []
    for i in range(draw(st.integers(1, 4))):
        cap = draw(st.one_of(st.none(), money))
        revenue_by_year = {y: draw(st.one_of(st.none(), money)) for y in years[-2:]}
        peers.append({"name_zh": f"同业{i}", "name_en": f"Peer {i}", "code": f"P{i}", "currency": "USD",
                      "market_cap": cap, "revenue": revenue_by_year, "source": "r"})
    peers.append({"name_zh": "保底", "name_en": "Anchor", "code": "ANC", "currency": "USD", "market_cap": 500.0,
                  "revenue": {y: 100.0 for y in years[-2:]}, "source": "r"})
    d["valuation"]["peers"] = peers
    d["valuation"]["peer_years"] = years[-2:] if len(years) >= 2 else years
    d["valuation"]["basis_year"] = draw(st.sampled_from(d["years"]["estimate"]))
    multiple = draw(st.floats(0.5, 30))
    d["valuation"]["target_multiple"] = {"value": multiple, "source": "r"}
    if multiple <= 2:  # the default axis (-2x..+2x) would reach a zero or negative multiple: a smaller one
        d["sensitivity"] = {"multiple_changes": {"values": [-multiple / 2, 0, multiple / 2], "source": "r"}}
    d["market"]["price"] = {"value": draw(st.floats(0.5, 500)), "source": "r"}
    d["market"]["fx"] = {"value": draw(st.floats(0.1, 10)), "source": "r"}
    d["units"]["market_currency"] = "HKD"
    d["checks"]["tolerance_actual"] = {"value": 0.01, "source": "r"}
    return d
