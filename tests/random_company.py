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

    def driver(kinds=("pct_of_revenue", "pct_of_cost_of_revenue", "growth", "amount", "flat", "change",
                      "receivable_days", "inventory_days", "payable_days")):
        kind = draw(st.sampled_from(kinds))
        values = {"pct_of_revenue": lambda: estimates(ratio), "pct_of_cost_of_revenue": lambda: estimates(ratio),
                  "growth": lambda: estimates(growth), "amount": lambda: estimates(money), "flat": lambda: [],
                  "change": lambda: estimates(st.floats(-50, 50).map(lambda x: round(x, 2))),
                  **{k: (lambda: estimates(st.floats(0, 365).map(lambda x: round(x, 1))))
                     for k in ("receivable_days", "inventory_days", "payable_days")}}[kind]()
        return {"kind": kind, "values": values, "source": "random"}

    n_seg = draw(st.integers(1, 4))
    d["revenue"] = {"segments": [
        {"key": f"seg{i}", "name_zh": f"分部{i}", "name_en": f"Segment {i}", "actuals": actuals(),
         **segment_driver(draw, i, estimates, actuals)} for i in range(n_seg)]}
    if draw(st.booleans()):  # the last segment made of two parts, each with a driver of its own
        last = d["revenue"]["segments"][-1]
        last["parts"] = [{"key": f"{last['key']}p{k}", "name_zh": f"子项{k}", "name_en": f"Part {k}",
                          "actuals": actuals(), **segment_driver(draw, 0, estimates, actuals)} for k in range(2)]
        for field in ("actuals", "growth", "driver"):
            last.pop(field, None)
    lines = [p for s in d["revenue"]["segments"] for p in s.get("parts", [s])]
    revenue = [sum(s["actuals"]["values"][p] for s in lines) for p in range(n_act)]
    cogs = [round(r * draw(st.floats(0.2, 0.9)), 2) for r in revenue]
    d["cost_of_revenue"] = {"actuals": src(cogs), "gross_margin": src(estimates(st.floats(0.05, 0.7)))}
    if draw(st.booleans()):  # each segment's own cost of revenue (by margin or amounts) instead of one margin
        del d["cost_of_revenue"]["gross_margin"]
        for s in d["revenue"]["segments"]:
            s["cost"] = {"actuals": actuals()}
            s["cost"].update({"gross_margin": src(estimates(st.floats(0.05, 0.7)))} if draw(st.booleans())
                             else {"amounts": src(estimates(money))})
    d["opex"] = [{"key": f"opex{i}", "name_zh": f"费用{i}", "name_en": f"Opex {i}", "actuals": actuals(),
                  "driver": draw(st.sampled_from([None, {"kind": "share_of", "of": "seg0", "source": "r"},
                                                  {"kind": "share_of", "of": "revenue", "source": "r"}]))
                  or {"kind": "pct_of_revenue", "source": "r"}}
                 for i in range(draw(st.integers(1, 3)))]
    for o in d["opex"]:
        o["driver"]["values"] = estimates(ratio)
    d["non_operating"] = [{"key": "other", "name_zh": "其他", "name_en": "Other",
                           "actuals": src([-v for v in actuals()["values"]]),
                           "driver": {"kind": "amount", "values": [-v for v in estimates(money)], "source": "r"}}]
    # Interest on balances (issue 13): any of the interest kinds, or none.
    for kind in draw(st.lists(st.sampled_from(["interest_on_opening_debt", "interest_on_average_debt",
                                               "interest_on_opening_cash"]), max_size=2, unique=True)):
        d["non_operating"].append({"key": kind, "name_zh": "利息", "name_en": kind, "actuals": src([0.0] * n_act),
                                   "driver": {"kind": kind, "values": estimates(st.floats(0, 0.1)), "source": "r"}})
    d["tax"]["actuals"] = actuals()
    d["tax"]["effective_rate"] = src(estimates(st.floats(-0.3, 0.4)))
    minorities = draw(st.booleans())
    d.pop("minority_share")
    if minorities:
        d["minority_share"] = src(estimates(st.floats(0, 0.2)))
        if draw(st.booleans()):
            d["minority_actuals"] = actuals(st.floats(-50, 50))
    d["adjustments"]["actuals"] = actuals()
    d["adjustments"]["other"] = {"kind": "pct_of_revenue", "values": estimates(ratio), "source": "r"}
    d["adjustments"]["add_backs"] = [
        {"key": f"addback{i}", "name_zh": f"加回{i}", "name_en": f"Add-back {i}", "actuals": actuals(),
         "driver": driver(("pct_of_revenue", "growth", "amount", "flat"))} for i in range(draw(st.integers(0, 2)))]
    if draw(st.booleans()):
        del d["adjustments"]
    d["eps_shares_m"] = src(estimates(money) + [draw(money) for _ in range(n_act)])
    returns_actual = _shareholder_returns(draw, d, n_act, n_est)

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
    ]
    intangibles = draw(st.booleans())
    if intangibles:
        bs.append({"key": "intangibles", "name_zh": "无形资产", "name_en": "Intangibles",
                   "section": "non_current_assets", "role": "intangibles", "actuals": actuals()})
    if minorities:
        bs.append({"key": "minority", "name_zh": "少数股东", "name_en": "Minority", "section": "equity",
                   "role": "minority_interest", "actuals": actuals()})
    assets = [sum(b["actuals"]["values"][p] for b in bs if "assets" in b["section"]) for p in range(n_act)]
    claims = [sum(b["actuals"]["values"][p] for b in bs if "assets" not in b["section"]) for p in range(n_act)]
    bs.append({"key": "retained", "name_zh": "留存", "name_en": "Retained", "section": "equity",
               "role": "retained_earnings", "actuals": src([round(a - c, 2) for a, c in zip(assets, claims)])})
    d["balance_sheet"] = bs
    d["impairment"] = {"key": "impairment", "name_zh": "减值", "name_en": "Impairment",
                       "actuals": actuals(st.just(0.0)),
                       "driver": {"kind": "amount", "values": estimates(st.floats(0, 50)), "source": "r"},
                       "charged_to": draw(st.sampled_from(["ppe", "investments"]))}
    d["impairments"] = [{"key": f"impairment{i}", "name_zh": f"减值{i}", "name_en": f"Impairment {i}",
                         "actuals": actuals(st.just(0.0)), "add_back_in_adjusted_profit": draw(st.booleans()),
                         "driver": {"kind": "amount", "values": estimates(st.floats(0, 20)), "source": "r"},
                         "charged_to": draw(st.sampled_from(["ppe", "investments"]))}
                        for i in range(draw(st.integers(0, 2)))]

    cf_lines = ("dep_amort_impairment", "working_capital_change", "other_operating", "capex", "other_investing",
                "net_debt_change", "other_financing")
    cf_actuals = {k: actuals(st.floats(-500, 500).map(lambda x: round(x, 2))) for k in cf_lines}
    # FX effect on cash in the second actual year is whatever makes the reported cash tie.
    fx = [None] * n_act
    if n_act == 2:
        np1 = (revenue[1] - cogs[1] - sum(o["actuals"]["values"][1] for o in d["opex"])
               + d["non_operating"][0]["actuals"]["values"][1] + d["tax"]["actuals"]["values"][1])
        ncf = np1 + sum(cf_actuals[k]["values"][1] for k in cf_lines) - returns_actual[1]
        pool = [bs[0]["actuals"]["values"][p] + bs[1]["actuals"]["values"][p] for p in range(2)]
        fx[1] = pool[1] - pool[0] - ncf
    cf_actuals["fx_effect_on_cash"] = src(fx)
    d["cash_flow"] = {"actuals": cf_actuals,
                      "capex": {"kind": "pct_of_revenue", "values": estimates(ratio), "source": "r"},
                      "depreciation_rate": src(estimates(st.floats(0, 0.3))),
                      "fx_effect_on_cash": src(estimates(st.floats(-10, 10)))}
    if intangibles:
        d["cash_flow"]["intangibles_additions"] = {"kind": "pct_of_revenue", "values": estimates(ratio), "source": "r"}
        d["cash_flow"]["amortisation_rate"] = src(estimates(st.floats(0, 0.5)))

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
    if draw(st.booleans()):  # one currency: no FX
        del d["market"]["fx"]
    else:
        d["market"]["fx"] = {"value": draw(st.floats(0.1, 10)), "source": "r"}
        d["units"]["market_currency"] = "HKD"
    d["checks"]["tolerance_actual"] = {"value": 0.01, "source": "r"}
    return d


def _shareholder_returns(draw, d: dict, n_act: int, n_est: int) -> list[float]:
    """Random dividends and buybacks (or none); returns the cash they take in each actual year."""
    r, paid = {}, [0.0] * n_act
    if draw(st.booleans()):
        kind = draw(st.sampled_from(["payout_ratio", "dps"]))
        values = [round(draw(st.floats(0, 1.2 if kind == "payout_ratio" else 3)), 3) for _ in range(n_est)]
        actual = [round(draw(st.floats(0, 30)), 2) for _ in range(n_act)]
        r["dividends"] = {"kind": kind, "values": values, "paid": draw(st.sampled_from(["same_year", "next_year"])),
                          "source": "r", "actuals": src(actual)}
        paid = [p + a for p, a in zip(paid, actual)]
    if draw(st.booleans()):
        actual = [round(draw(st.floats(0, 30)), 2) for _ in range(n_act)]
        r["buybacks"] = {"amounts": src([round(draw(st.floats(0, 50)), 2) for _ in range(n_est)]),
                         "average_price": src([round(draw(st.floats(10, 500)), 2) for _ in range(n_est)]),
                         "actuals": src(actual)}
        paid = [p + a for p, a in zip(paid, actual)]
        d["eps_shares_m"] = src([round(draw(st.floats(100, 5000)), 2) for _ in range(n_act)])
        d["per_share"] = {"year_end_shares_m": src([round(draw(st.floats(100, 5000)), 2) for _ in range(n_act)])}
    if draw(st.booleans()):
        shares = d["eps_shares_m"]["values"]
        d.setdefault("per_share", {})["diluted_shares_m"] = src(
            [s * 1.01 for s in shares] + [5000.0] * (n_act + n_est - len(shares)))
    d["shareholder_returns"] = r
    return paid


def segment_driver(draw, i: int, estimates, actuals) -> dict:
    """A segment's estimates: growth, or a driver (amount, a share of an earlier segment, price x volume or
    users x ARPU with each factor grown or typed)."""
    kinds = ["growth", "amount", "price_volume", "users_arpu"] + (["share_of"] if i else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "growth":
        return {"growth": src(estimates(growth))}
    if kind == "amount":
        return {"driver": {"kind": "amount", "values": estimates(money), "source": "r"}}
    if kind == "share_of":
        return {"driver": {"kind": "share_of", "of": f"seg{draw(st.integers(0, i - 1))}",
                           "values": estimates(st.floats(0, 2).map(lambda x: round(x, 3))), "source": "r"}}
    factor = st.floats(0.1, 100).map(lambda x: round(x, 3))
    out = {"kind": kind, "source": "r", "scale": draw(st.sampled_from([1.0, 0.01]))}
    for name in {"price_volume": ("price", "volume"), "users_arpu": ("users", "arpu")}[kind]:
        out[name] = {"actuals": actuals(factor)}
        if draw(st.booleans()):
            out[name]["growth"] = src(estimates(growth))
        else:
            out[name]["amounts"] = src(estimates(factor))
    return {"driver": out}
