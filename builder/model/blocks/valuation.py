"""The Valuation sheet: key financials and metrics, peers, and the target valuation.

Needs the inputs, the revenue build, the P&L and the balance sheet; the valuation method
(`model/valuation/`) gives the basis metric, the peers' multiple and the per-share bridge.
"""
from __future__ import annotations

from ...expr import AND, AVERAGE, IF, INDEX, ISNUMBER, MATCH, Cell, CellRange, Expr, Line, Rows, growth
from ...labels import Words, words as W, given
from ...schema import Assumptions
from ..handles import BalanceHandles, IncomeHandles, InputHandles, RevenueHandles, ValuationHandles
from ..sheet_writer import MONEY, NA_TEXT, PCT, SheetWriter, name_of, unit
from ..valuation import ValuationMethod


def rating_text(languages, zh: Expr, en: Expr) -> Expr:
    """The rating as the model states it: both names in a two-language model ("<zh> (<en>)"), the one
    name otherwise (never "Buy (Buy)")."""
    if len(languages) > 1:
        return zh.concat(" (").concat(en).concat(")")
    return zh if languages[0] == "zh" else en


def build_valuation(w: SheetWriter, a: Assumptions, method: ValuationMethod, inp: InputHandles,
                    rb: RevenueHandles, pl: IncomeHandles, bs: BalanceHandles) -> ValuationHandles:
    cur = a.units.currency.lower()
    # P/E and P/B read the market cap in the reporting currency, defined below with the target.
    mcap = Cell(f"VAL_market_cap_{cur}_m")
    metrics = _key_metrics(w, a, inp, rb, pl, bs, mcap)
    if w.ppy > 1:
        _fiscal_year_metrics(w, a, inp, pl, bs, mcap)
    w.note("val", W("val.metrics_note"))
    peer_average = _peers(w, a, method, inp) if a.valuation.peers else None
    return _target(w, a, method, inp, pl, metrics, peer_average)


def _key_metrics(w: SheetWriter, a: Assumptions, inp: InputHandles, rb: RevenueHandles, pl: IncomeHandles,
                 bs: BalanceHandles, mcap: Expr) -> dict:
    equity = Line(bs.total_equity)
    w.section("val", W("val.key_financials"))
    revenue = w.line("val", "revenue", W("val.revenue"), MONEY, "money", [Line(pl.revenue)] * w.n).key
    rb_yoy = w.line_item(rb.total_yoy).entries
    w.line("val", "revenue_yoy_pct", W("val.revenue_yoy"), PCT, "pct",
           [None if e is None else Line(rb.total_yoy) for e in rb_yoy])  # no link to a blank
    adj = w.line("val", "adj_net_profit", W("val.adj_net_profit"), MONEY, "money",
                 [Line(pl.adj_net_profit)] * w.n).key
    w.yoy("val", "adj_net_profit_yoy_pct", adj, W("val.adj_net_profit"), inp.adj_np_prior_growth)
    w.line("val", "adj_net_margin_pct", W("val.adj_net_margin"), PCT, "pct", [Line(adj) / Line(revenue)] * w.n)
    eps = w.line("val", f"eps_{a.units.currency.lower()}", W("val.eps"), a.units.currency, "eps",
                 [Line(adj) / Line(inp.eps_shares)] * w.n).key
    w.line("val", "roe_pct", W("val.roe"), PCT, "pct", [Line(adj) / equity] * w.n)
    w.line("val", "pe", W("val.pe"), "x", "multiple", [IF(Line(adj).gt(0), mcap / Line(adj), "n.m.")] * w.n)
    w.line("val", "pb", W("val.pb"), "x", "multiple", [mcap / equity] * w.n)
    return {"revenue": revenue, "adj_net_profit": adj, "eps": eps}


def _fiscal_year_metrics(w: SheetWriter, a: Assumptions, inp: InputHandles, pl: IncomeHandles, bs: BalanceHandles,
                         mcap: Expr):
    """A quarterly model's key financials by fiscal year (at each year's last quarter)."""
    w.section("val", W("val.fiscal_year_metrics"))
    lag = w.ppy
    ends = [p.year_end and t >= lag - 1 for t, p in enumerate(w.periods)]
    fiscal_year = W("line.fiscal_year")

    def fy_line(key: str, name: Words, unit, fmt: str, expr: Expr, first_ok=True) -> str:
        entries = [expr if end and (first_ok or t >= 2 * lag - 1) else None for t, end in enumerate(ends)]
        return w.line("val", key, fiscal_year.format(name=name), unit, fmt, entries).key

    def yoy_name(key: str) -> Words:
        return W("line.yoy").format(name=W(key))

    rev = fy_line("revenue_fy", W("val.revenue"), MONEY, "money", Line(w.fy_total(pl.revenue)))
    fy_line("revenue_fy_yoy_pct", W("val.revenue_yoy"), PCT, "pct", growth(Line(rev), Line(rev, lag)), first_ok=False)
    adj = fy_line("adj_net_profit_fy", W("val.adj_net_profit"), MONEY, "money", Line(w.fy_total(pl.adj_net_profit)))
    fy_line("adj_net_profit_fy_yoy_pct", yoy_name("val.adj_net_profit"), PCT, "pct",
            growth(Line(adj), Line(adj, lag)), first_ok=False)
    fy_line(f"eps_{a.units.currency.lower()}_fy", W("val.eps"), a.units.currency, "eps",
            Line(adj) / Line(inp.eps_shares))
    fy_line("roe_pct_fy", W("val.roe"), PCT, "pct", Line(adj) / Line(bs.total_equity))
    fy_line("pe_fy", W("val.pe"), "x", "multiple", IF(Line(adj).gt(0), mcap / Line(adj), "n.m."))


def _peers(w: SheetWriter, a: Assumptions, method: ValuationMethod, inp: InputHandles) -> str:
    """Each peer's multiple in the peer years, their average, and the target beside them."""
    v = a.valuation
    shown = [p.year in v.peer_years and p.year_end for p in w.periods]
    w.section("val", method.words("peers").format(multiple=v.multiple))
    multiple_keys = []
    for i, (cap, metric) in enumerate(inp.peers):
        peer = v.peers[i]
        multiple = IF(AND(ISNUMBER(Cell(cap)), ISNUMBER(Line(metric))),
                      method.peer_multiple(Cell(cap), Line(metric)), NA_TEXT)
        multiple_keys.append(w.line("val", f"peer_{i}_{method.slug}", W("val.peer").format(peer=name_of(peer),
                                                                                          code=peer.code),
                                    "x", "multiple", [multiple if s else None for s in shown], named=False).key)
    average = w.line("val", f"peer_avg_{method.slug}", W("val.peer_average"), "x", "multiple",
                     [AVERAGE(Rows(tuple(multiple_keys))) if s else None for s in shown], named=False, total=True,
                     cell_names={i: f"VAL_peer_avg_{method.slug}_{p.label.lower()}"
                                 for i, p in enumerate(w.periods) if shown[i]})
    # The target beside its peers, in the basis year (the peer chart reads these rows).
    company = given(a.company.name_zh, a.company.name_en)
    w.line("val", "target_multiple_row", W("val.target_multiple_row").format(multiple=v.multiple, company=company),
           "x", "multiple", [Cell(f"VAL_target_{method.slug}") if p.year == v.basis_year and p.year_end else None
                             for p in w.periods], named=False, total=True)
    w.section("val", method.words("peer_growth"))
    lag = w.ppy
    for i, (cap, metric) in enumerate(inp.peers):
        peer = v.peers[i]
        yoy = IF(AND(ISNUMBER(Line(metric)), ISNUMBER(Line(metric, lag))), growth(Line(metric), Line(metric, lag)),
                 NA_TEXT)
        reported = method.peer_metric(peer)
        entries = [yoy if shown[t] and t >= lag and w.periods[t - lag].year in reported else None
                   for t in range(w.n)]
        w.line("val", f"peer_{i}_yoy", method.words("peer_yoy").format(peer=name_of(peer)), PCT, "pct", entries,
               named=False)
    return average.key


def _target(w: SheetWriter, a: Assumptions, method: ValuationMethod, inp: InputHandles, pl: IncomeHandles,
            metrics: dict, peer_average: str | None) -> ValuationHandles:
    u = a.units
    mkt, cur, sym = u.market_currency.lower(), u.currency.lower(), u.market_symbol

    def cell(key, name, unit, fmt, entry, **fields) -> str:
        return w.cell("val", key, name, unit, fmt, entry, prefix="VAL", **fields).key

    w.section("val", W("val.target"))
    price = cell("price", W("val.price"), sym, "price", Cell(inp.price))
    price_date = cell("price_date", W("val.price_date"), "date", "date", Cell(inp.price_date))
    shares = cell("shares_m", W("val.shares"), unit("m_shares"), "shares", Cell(inp.shares))
    fx = cell("fx", W("val.fx").format(market=u.market_currency, reporting=u.currency),
              f"{u.market_currency}/{u.currency}", "fx", Cell(inp.fx))
    mc = cell(f"market_cap_{mkt}_m", W("val.market_cap"), unit("millions", symbol=sym), "money",
              Cell(price) * Cell(shares))
    if cur != mkt:  # P/E and P/B need the market cap in the reporting currency
        cell(f"market_cap_{cur}_m", W("val.market_cap_reporting").format(reporting=u.currency), MONEY, "money",
             Cell(mc) / Cell(fx))
    multiple = cell(f"target_{method.slug}", W("val.target_multiple").format(multiple=a.valuation.multiple), "x",
                    "multiple", Cell(inp.target_multiple))
    by = cell("basis_year", W("val.basis_year"), "year", "year", Cell(inp.basis_year))
    basis = cell(f"basis_{method.basis_slug}", method.words("basis"), MONEY, "money",
                 w.basis_value(method.basis_line(pl), Cell(by), inp.year))
    tmc = cell(f"target_market_cap_{mkt}_m", W("val.target_market_cap"), unit("millions", symbol=sym), "money",
               method.target_value(Cell(multiple), Cell(basis), Cell(fx)), total=True)
    tp = cell(f"target_price_{mkt}", W("val.target_price"), sym, "price", method.per_share(Cell(tmc), Cell(shares)),
              total=True)
    up = cell("upside", W("val.upside"), PCT, "pct", Cell(tp) / Cell(price) - 1, total=True)
    idx = cell("rating_index", W("val.rating_index"), "#", "int", MATCH(Cell(up), CellRange(inp.rating_min), 1))
    zh = cell("rating_zh", W("val.rating_zh"), "text", "text", INDEX(CellRange(inp.rating_zh), Cell(idx)))
    en = cell("rating_en", W("val.rating_en"), "text", "text", INDEX(CellRange(inp.rating_en), Cell(idx)))
    rating = cell("rating", W("val.rating"), "text", "text", rating_text(a.languages, Cell(zh), Cell(en)), total=True)
    return ValuationHandles(metrics["revenue"], metrics["adj_net_profit"], metrics["eps"], price, price_date, shares,
                            fx, multiple, by, basis, tmc, tp, up, rating, peer_average)
