"""The Assumptions sheet: every input of the model, in the order the sheet shows them.

Needs nothing from other blocks; every later block reads its inputs through `InputHandles`.
"""
from __future__ import annotations

from ...formula.expr import MATCH, Cell, CellRange
from ...labels import given, single_language, words
from ...assumptions.schema import DAY_KINDS, Assumptions, Series, impairment_lines
from ..drivers import driver_input
from ..handles import ActualAndDriver, InputHandles, ReturnsInputs, SegmentInputs
from ..input_writer import SCENARIO_INDEX, InputWriter, Values
from ..segments import line_inputs, named_line, segment_cost_inputs
from ..sheet_writer import MONEY, NA_TEXT, PCT, name_of, source_note, unit
from ..valuation import METHODS, ValuationMethod, peer_method
from ..valuation.blend import grid_parts

W = words
PEER_UNITS = {"m": "millions", "100m": "hundred_millions", "bn": "billions"}  # a peer's unit -> its unit words
DAYS_IN_YEAR = 365  # calendar days, for working capital by days (a quarter: a quarter of them)


def build_inputs(inputs: InputWriter, a: Assumptions, method: ValuationMethod) -> InputHandles:
    return InputHandles(**_timeline(inputs, a), **_market_and_valuation(inputs, a), **_revenue(inputs, a),
                        **_costs_and_profit(inputs, a), **_balance_and_cash(inputs, a),
                        **_peers_and_sensitivity(inputs, a, method), **_printed(inputs, a))


def _timeline(inputs: InputWriter, a: Assumptions) -> dict:
    w = inputs.w
    w.section("in", W("in.timeline"))
    month = a.years.fiscal_year_end_month
    source = source_note("model_years") if month == 12 else source_note("model_fiscal_years", month=month)
    year = w.line("in", "year", W("in.year"), "year", "year", [p.year for p in w.periods], named=False,
                  source=source, input_kind="year")
    sc = a.scenarios
    if not sc.cases:
        return {"year": year.key, "scenario_index": None}
    w.section("in", W("in.scenarios"))
    lang = single_language(a.languages)  # a Chinese-only model's selector names its cases in Chinese
    names = tuple(inputs.cell(f"scenario_name_{c}", W("in.scenario_name").format(number=i + 1), "text", "text",
                              inputs.case_names[c][lang], source_note("scenario_names"),
                              origin=("scenarios", f"base_{lang}") if c == "base"
                              else ("scenarios", "cases", i - 1, f"name_{lang}"))
                  for i, c in enumerate(inputs.case_keys))
    selector = inputs.cell("scenario_live", W("in.scenario_live"), "text", "text", inputs.case_names[sc.live][lang],
                           source_note("scenario_selector"), kind="scenario",
                           origin=("scenarios", "live"), choices=names)
    index = w.cell("in", "scenario_index", W("in.scenario_index"), "#", "int",
                   MATCH(Cell(selector), CellRange(names), 0), named=False)
    assert index.key == SCENARIO_INDEX  # the live rows of overridden drivers CHOOSE on it
    return {"year": year.key, "scenario_index": index.key}


def _market_and_valuation(inputs: InputWriter, a: Assumptions) -> dict:
    w, m, v, u = inputs.w, a.market, a.valuation, a.units
    w.section("in", W("in.market"))
    out = {
        "price": inputs.cell("price", W("in.price"), u.market_symbol, "price", m.price.value, m.price.source,
                             address="market.price", origin=("market", "price", "value")),
        "price_date": inputs.cell("price_date", W("in.price_date"), "date", "date", m.price_date, m.price.source,
                                  origin=("market", "price_date")),
        "shares": inputs.cell("shares", W("in.shares"), unit("m_shares"), "shares", m.shares_outstanding_m.value,
                              m.shares_outstanding_m.source, address="market.shares_outstanding_m",
                              origin=("market", "shares_outstanding_m", "value")),
        "fx": None if m.fx is None else inputs.cell(
            "fx", W("in.fx").format(market=u.market_currency, reporting=u.currency), f"{u.market_currency}/{u.currency}",
            "fx", m.fx.value, m.fx.source, address="market.fx", origin=("market", "fx", "value")),
    }  # one currency and no market.fx: no FX row, and no formula multiplies by FX
    w.section("in", W("in.valuation"))
    out["method"] = inputs.cell("method", W("in.method"), "text", "text", v.multiple, source_note("method"),
                                origin=("valuation", "multiple"))
    out["investments"] = None
    if v.investments is not None and (v.multiple.startswith("EV/") or v.multiple in ("DCF", "Blend")):
        out["investments"] = inputs.cell("investments", W("in.investments"), MONEY, "money", v.investments.value,
                                         v.investments.source, origin=("valuation", "investments", "value"))
    out["blend"] = tuple(_blend_part(inputs, v, i) for i in range(len(v.blend)))
    out["target_multiple"] = None if v.target_multiple is None else inputs.cell(
        "target_multiple", W("in.target_multiple").format(multiple=v.multiple), "x", "multiple",
        v.target_multiple.value, v.target_multiple.source, address="valuation.target_multiple",
        origin=("valuation", "target_multiple", "value"))
    out["basis_year"] = inputs.cell("basis_year", W("in.basis_year"), "year", "year", v.basis_year,
                                    v.target_multiple.source if v.target_multiple else source_note("method"),
                                    origin=("valuation", "basis_year"))
    w.section("in", W("in.rating_scale"))
    scale = list(enumerate(v.rating_scale))
    source = source_note("rating_scale")
    out["rating_min"] = tuple(
        inputs.cell(f"rating_min_{i}", W("in.rating_min").format(rating=given(r.zh, r.en)), PCT, "pct",
                    r.min_upside, source, kind="threshold", origin=("valuation", "rating_scale", i, "min_upside"))
        for i, r in scale)
    for lang in a.languages:  # the scale's name column of each language, which the rating formula reads
        out[f"rating_{lang}"] = tuple(
            inputs.cell(f"rating_{lang}_{i}", W(f"in.rating_{lang}").format(number=i + 1), "text", "text",
                        getattr(r, lang), source, origin=("valuation", "rating_scale", i, lang)) for i, r in scale)
    for lang in {"zh", "en"} - set(a.languages):  # a one-language model: both handles name its one column
        out[f"rating_{lang}"] = out[f"rating_{a.languages[0]}"]
    c = a.checks
    w.section("in", W("in.tolerances"))
    out["tol_actual"] = inputs.cell("tol_actual", W("in.tol_actual"), MONEY, "money", c.tolerance_actual.value,
                                    c.tolerance_actual.source, origin=("checks", "tolerance_actual", "value"))
    out["tol_estimate"] = inputs.cell("tol_estimate", W("in.tol_estimate"), MONEY, "tolerance",
                                      c.tolerance_estimate.value, c.tolerance_estimate.source,
                                      origin=("checks", "tolerance_estimate", "value"))
    return out


def _actuals(inputs: InputWriter, key: str, named, series: Series) -> str:
    return inputs.series(f"{key}_actual", W("line.actual").format(name=name_of(named)), MONEY, "money", series,
                         "actual")


def _driver(inputs: InputWriter, key: str, name, driver, address: str) -> str | None:
    return driver_input(inputs, key, name, driver.kind, Values(driver.values, driver.source), address,
                        inputs.path_of(driver) + ("values",), of=named_line(inputs.a, driver.of))


def _revenue(inputs: InputWriter, a: Assumptions) -> dict:
    w, r = inputs.w, a.revenue
    first = w.periods[0].label
    w.section("in", W("in.revenue"))
    prior = None
    if r.prior_growth:
        prior = inputs.cell("revenue_prior_growth", W("in.revenue_prior_growth").format(period=first), PCT, "pct",
                            r.prior_growth.value, r.prior_growth.source, origin=("revenue", "prior_growth", "value"))
    segments = []
    for s in r.segments:
        seg = line_inputs(inputs, s) if not s.parts else SegmentInputs(
            None, None, None, parts=tuple(line_inputs(inputs, part) for part in s.parts))
        seg_prior = None
        if s.prior_growth:
            seg_prior = inputs.cell(f"seg_{s.key}_prior_growth",
                                    W("in.segment_prior_growth").format(name=name_of(s), period=first), PCT, "pct",
                                    s.prior_growth.value, s.prior_growth.source,
                                    origin=inputs.path_of(s.prior_growth) + ("value",))
        segments.append(seg._replace(prior_growth=seg_prior))
    return {"revenue_prior_growth": prior, "segments": tuple(segments)}


def _costs_and_profit(inputs: InputWriter, a: Assumptions) -> dict:
    w, cr = inputs.w, a.cost_of_revenue
    w.section("in", W("in.costs"))
    out = {"cogs": inputs.series("cogs_actual", W("line.actual").format(name=W("in.cogs")), MONEY, "money",
                                 cr.actuals, "actual"), "gross_margin": None}
    if cr.gross_margin is not None:
        out["gross_margin"] = inputs.series("gross_margin", W("in.gross_margin"), PCT, "pct", cr.gross_margin,
                                            "estimate", kind="margin", address="cost_of_revenue.gross_margin")
    out["segment_costs"] = tuple(segment_cost_inputs(inputs, s) for s in a.revenue.segments if s.cost is not None)
    costs = {}
    priced = [(c, f"opex.{c.key}.driver") for c in a.opex]
    priced += [(imp, f"{address}.driver") for _, address, imp in impairment_lines(a)]
    for c, address in priced:
        costs[c.key] = ActualAndDriver(_actuals(inputs, f"cost_{c.key}", c, c.actuals),
                                       _driver(inputs, f"cost_{c.key}", name_of(c), c.driver, address))
    w.section("in", W("in.other_pl"))
    nonop = {c.key: ActualAndDriver(_actuals(inputs, f"nonop_{c.key}", c, c.actuals),
                                    _driver(inputs, f"nonop_{c.key}", name_of(c), c.driver,
                                            f"non_operating.{c.key}.driver"))
             for c in a.non_operating}
    t, adj = a.tax, a.adjustments
    out.update(costs=costs, non_operating=nonop, tax=_actuals(inputs, "tax", t, t.actuals))
    out["tax_rate"] = inputs.series("tax_rate", W("in.tax_rate"), PCT, "pct", t.effective_rate, "estimate",
                                    kind="rate", address="tax.effective_rate")
    out.update(_minorities(inputs, a))
    out["adjustments"], out["add_backs"] = None, {}
    if adj is not None:
        out["adjustments"] = ActualAndDriver(
            _actuals(inputs, "adjustments", adj, adj.actuals),
            _driver(inputs, "adjustments_other", W("in.adjustments_other"), adj.other, "adjustments.other"))
        out["add_backs"] = {ab.key: ActualAndDriver(
            _actuals(inputs, f"addback_{ab.key}", ab, ab.actuals),
            _driver(inputs, f"addback_{ab.key}", name_of(ab), ab.driver, f"adjustments.add_backs.{ab.key}.driver"))
            for ab in adj.add_backs}
    out["adj_np_prior_growth"] = None
    if a.adj_net_profit_prior_growth:
        g = a.adj_net_profit_prior_growth
        out["adj_np_prior_growth"] = inputs.cell(
            "adj_np_prior_growth", W("in.adj_np_prior_growth").format(period=w.periods[0].label), PCT, "pct",
            g.value, g.source, origin=("adj_net_profit_prior_growth", "value"))
    out.update(_shares(inputs, a))
    out["returns"] = _returns(inputs, a)
    return out


def _shares(inputs: InputWriter, a: Assumptions) -> dict:
    """Share counts; with buybacks only the actual periods' (the estimates roll forward from them)."""
    placed = "actual" if a.shareholder_returns.buybacks else "all"
    out = {"eps_shares": inputs.series("eps_shares", W("in.eps_shares"), unit("m_shares"), "shares",
                                       a.eps_shares_m, placed)}
    ps = a.per_share
    for field, key, block in (("diluted_shares_m", "diluted_shares", "all"),
                              ("year_end_shares_m", "year_end_shares", placed)):
        series = getattr(ps, field)
        out[key] = None if series is None else inputs.series(key, W(f"in.{key}"), unit("m_shares"), "shares",
                                                             series, block)
    return out


def _returns(inputs: InputWriter, a: Assumptions) -> ReturnsInputs:
    r, cur = a.shareholder_returns, a.units.currency
    div = bb = None
    if r.dividends:
        d = r.dividends
        inputs.w.section("in", W("in.returns"))
        actual = inputs.series("dividends_actual", W("line.actual").format(name=W("ret.dividends_paid")), MONEY,
                               "money", d.actuals, "actual")
        driver = inputs.series(f"dividends_{d.kind}", W(f"in.dividends_{d.kind}"), PCT if d.kind == "payout_ratio"
                               else cur, "pct" if d.kind == "payout_ratio" else "eps", d, "estimate",
                               kind="ratio" if d.kind == "payout_ratio" else "money",
                               address="shareholder_returns.dividends")
        div = (actual, driver)
    if r.buybacks:
        b = r.buybacks
        if not r.dividends:
            inputs.w.section("in", W("in.returns"))
        bb = (inputs.series("buybacks_actual", W("line.actual").format(name=W("ret.buybacks")), MONEY, "money",
                            b.actuals, "actual"),
              inputs.series("buyback_amount", W("in.buyback_amount"), MONEY, "money", b.amounts, "estimate",
                            address="shareholder_returns.buybacks.amounts"),
              inputs.series("buyback_price", W("in.buyback_price"), cur, "price", b.average_price, "estimate"))
    return ReturnsInputs(*(div or (None, None)), *(bb or (None, None, None)))


def _minorities(inputs: InputWriter, a: Assumptions) -> dict:
    """Minority interests' share of profit (estimates) and their reported profit (actuals), when any."""
    if a.minority_share is None:
        return {"minority_share": None, "minority_actual": None}
    share = inputs.series("minority_share", W("in.minority_share"), PCT, "pct", a.minority_share, "estimate",
                          kind="rate", address="minority_share")
    actual = None
    if a.minority_actuals is not None:
        actual = inputs.series("minority_actual", W("line.actual").format(name=W("is.net_profit_minority")), MONEY,
                               "money", a.minority_actuals, "actual")
    return {"minority_share": share, "minority_actual": actual}


def _balance_and_cash(inputs: InputWriter, a: Assumptions) -> dict:
    w, cf = inputs.w, a.cash_flow
    w.section("in", W("in.balance_sheet"))
    bs = {}
    for b in a.balance_sheet:
        actual = _actuals(inputs, f"bs_{b.key}", b, b.actuals)
        driver = None if b.driver is None else _driver(inputs, f"bs_{b.key}", name_of(b), b.driver,
                                                       f"balance_sheet.{b.key}.driver")
        bs[b.key] = ActualAndDriver(actual, driver)
    days = None
    if any(b.driver is not None and b.driver.kind in DAY_KINDS for b in a.balance_sheet):
        in_period = DAYS_IN_YEAR / w.ppy
        days = inputs.series("days_in_period", W("in.days_in_period"), unit("days"), "days",
                             Values([in_period] * len(w.estimate_periods), source_note("days_in_period")),
                             "estimate", origins=[None] * w.n)
    w.section("in", W("in.cash_flow"))
    capex = _driver(inputs, "capex", W("in.capex"), cf.capex, "cash_flow.capex")
    dep_rate = inputs.series("dep_rate", W("in.dep_rate"), PCT, "pct", cf.depreciation_rate, "estimate",
                             kind="rate", address="cash_flow.depreciation_rate")
    additions = amortisation = None
    if cf.intangibles_additions is not None:
        additions = _driver(inputs, "intangibles_additions", W("in.intangibles_additions"), cf.intangibles_additions,
                            "cash_flow.intangibles_additions")
        amortisation = inputs.series("amortisation_rate", W("in.amortisation_rate"), PCT, "pct", cf.amortisation_rate,
                                     "estimate", kind="rate", address="cash_flow.amortisation_rate")
    reported = cf.actuals.fx_effect_on_cash
    fx_all = Series(values=reported.values + cf.fx_effect_on_cash.values,
                    source=f"{reported.source}; {cf.fx_effect_on_cash.source}")
    n_fx_act = len(reported.values)
    fx_cash = inputs.series(
        "fx_effect_on_cash", W("in.fx_effect_on_cash"), MONEY, "money", fx_all, "all",
        address="cash_flow.fx_effect_on_cash",
        origins=[("cash_flow", "actuals", "fx_effect_on_cash", "values", k) if k < n_fx_act
                 else ("cash_flow", "fx_effect_on_cash", "values", k - n_fx_act) for k in range(w.n)])
    cf_actuals = {name: inputs.series(f"cf_{name}_actual", W("line.actual").format(name=W(f"cf.{name}")), MONEY,
                                      "money", getattr(cf.actuals, name), "actual")
                  for name in CF_ACTUAL_LINES}
    return {"balance_sheet": bs, "days_in_period": days, "capex_driver": capex, "dep_rate": dep_rate,
            "intangibles_additions": additions, "amortisation_rate": amortisation, "fx_effect_on_cash": fx_cash,
            "cash_flow_actuals": cf_actuals}


# Cash-flow lines typed as actuals (their words are "cf.<name>").
CF_ACTUAL_LINES = ("dep_amort_impairment", "working_capital_change", "other_operating", "capex", "other_investing",
                   "net_debt_change", "other_financing")


def _peers_and_sensitivity(inputs: InputWriter, a: Assumptions, method: ValuationMethod) -> dict:
    w, v = inputs.w, a.valuation
    peers, net_debt = [], []
    pm = peer_method(a)  # a blend's peers show its first multiple part's multiple
    if v.peers:
        w.section("in", pm.words("peer_inputs"))
        for i, peer in enumerate(v.peers):
            unit_100m = unit(PEER_UNITS[peer.unit], symbol=peer.currency)  # the peer's own currency and unit
            who = {"peer": name_of(peer), "code": peer.code}
            cap = inputs.cell(f"peer_{i}_market_cap", W("in.peer_market_cap").format(**who), unit_100m, "money",
                              peer.market_cap if peer.market_cap is not None else NA_TEXT, peer.source, kind="peer",
                              origin=("valuation", "peers", i, "market_cap"))
            metric = pm.peer_metric(peer)
            values = [_or_na(metric, p.year) if p.year_end and (p.year in metric or p.year in v.peer_years)
                      else None for p in w.periods]
            row = inputs.series(f"peer_{i}_{pm.peer_metric_field()}",
                                pm.words("peer_metric_input").format(**who), unit_100m, "money",
                                Values(values, peer.source), "all",
                                kind="peer_signed" if pm.metric_may_be_negative else "peer",
                                origins=[("valuation", "peers", i, pm.peer_metric_field(), p.year)
                                         for p in w.periods])
            peers.append((cap, row))
            net_debt.append(None if not pm.enterprise else inputs.cell(
                f"peer_{i}_net_debt", W("in.peer_net_debt").format(**who), unit_100m, "money",
                peer.net_debt if peer.net_debt is not None else NA_TEXT, peer.source, kind="peer_signed",
                origin=("valuation", "peers", i, "net_debt")))
    axes: dict[str, str] = {}
    sens = a.sensitivity
    multiple_axis = ("multiple", "multiple_changes", W("in.sens_multiple_changes").format(multiple=v.multiple), "x",
                     "multiple")
    if method.is_blend:  # its grid moves the multiple of its multiple parts (a DCF part's WACC: the DCF's input)
        names = [name for name in grid_parts(a) if name != "DCF"]
        multiple_axis = multiple_axis[:2] + (W("in.sens_multiple_changes").format(multiple=" / ".join(names)),
                                             "x", "multiple")
    if method.is_dcf:  # a DCF's grid reads its own inputs
        return {"peers": tuple(peers), "peer_net_debt": tuple(net_debt), "sensitivity": axes}
    w.section("in", W("in.sensitivity"))
    for axis, field, name, axis_unit, fmt in (multiple_axis,) if method.is_blend else (
            multiple_axis, ("basis", method.basis_changes, method.words("basis_change_input"), PCT, "pct"),
            ("fx", "fx_changes", W("in.sens_fx_changes"), PCT, "pct")):
        if axis == "fx" and a.market.fx is None:
            continue  # one currency: no grid by FX
        values = getattr(sens, field)
        # Column 0 stays empty so grid columns 1..n line up with these inputs.
        axes[axis] = w.line("in", f"sens_{field}", name, axis_unit, fmt, [None] + list(values.values), named=False,
                            source=values.source, periodic=False, input_kind="sensitivity",
                            origins=[None] + [("sensitivity", field, "values", k)
                                              for k in range(len(values.values))]).key
    return {"peers": tuple(peers), "peer_net_debt": tuple(net_debt), "sensitivity": axes}


def _printed(inputs: InputWriter, a: Assumptions) -> dict:
    cf = a.cash_flow
    printed = {}
    if cf.printed:
        inputs.w.section("in", W("in.printed"))
        for name, s in cf.printed.items():
            printed[name] = inputs.series(f"printed_{name}", W("in.printed_line").format(name=W(f"cf.{name}")),
                                          MONEY, "money", s, "all")
    return {"printed_cash_flow": printed}


def _blend_part(inputs: InputWriter, v, i: int) -> tuple[str, str, str | None]:
    """A blend part's weight and target multiple inputs."""
    part, slug = v.blend[i], METHODS[v.blend[i].method].slug
    path = ("valuation", "blend", i)
    weight = inputs.cell(f"weight_{slug}", W("in.blend_weight").format(method=part.method), PCT, "pct",
                         part.weight.value, part.weight.source, kind="ratio", origin=path + ("weight", "value"))
    multiple = None if part.target_multiple is None else inputs.cell(
        f"target_multiple_{slug}", W("in.target_multiple").format(multiple=part.method), "x", "multiple",
        part.target_multiple.value, part.target_multiple.source, origin=path + ("target_multiple", "value"))
    return part.method, weight, multiple


def _or_na(d: dict, year: int):
    v = d.get(year)
    return NA_TEXT if v is None else v
