"""The Valuation sheet: key financials and metrics, peers, and the target valuation.

Needs the inputs, the revenue build, the P&L and the balance sheet; the valuation method
(`model/valuation/`) gives the basis metric, the peers' multiple and the per-share bridge.
"""
from __future__ import annotations

from ...formula.expr import AND, AVERAGE, IF, ISNUMBER, MEDIAN, Cell, Expr, Line, Rows, growth
from ...labels import Words, given, words as W
from ...assumptions.schema import Assumptions
from ..handles import BalanceHandles, DcfHandles, EnterpriseHandles, IncomeHandles, InputHandles, RevenueHandles, \
    ValuationHandles
from ..sheet_writer import MONEY, NA_TEXT, PCT, SheetWriter, name_of
from ..valuation import BasisLines, ValuationMethod, peer_method
from .per_share import BVPS, NOT_MEANINGFUL, SHARES_WEIGHTED, SHARES_WEIGHTED_FY, wants_bvps
from .target import build_target


def build_valuation(w: SheetWriter, a: Assumptions, method: ValuationMethod, inp: InputHandles,
                    rb: RevenueHandles, pl: IncomeHandles, bs: BalanceHandles,
                    ent: EnterpriseHandles, dcf: DcfHandles | None = None) -> ValuationHandles:
    metrics = _key_metrics(w, a, inp, rb, pl, bs)
    if w.ppy > 1:
        _fiscal_year_metrics(w, a, inp, pl, bs)
    w.note("val", W(f"val.metrics_note_{a.report.eps_basis}"))
    # P/B's basis is the per-share block's book value per share (written below the valuation).
    bvps = BVPS if wants_bvps(a) else ""
    peer_average = _peers(w, a, peer_method(a), inp) if a.valuation.peers else None
    lines = BasisLines(pl.revenue, pl.gross_profit, pl.adj_net_profit, ent.ebitda, metrics["eps"], bvps)
    return build_target(w, a, method, inp, lines, ent, metrics, peer_average, dcf)


def _key_metrics(w: SheetWriter, a: Assumptions, inp: InputHandles, rb: RevenueHandles, pl: IncomeHandles,
                 bs: BalanceHandles) -> dict:
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
    # EPS on the file's basis (report.eps_basis): the one the P/E rows, a P/E valuation and the summaries use.
    profit = Line(adj) if a.report.eps_basis == "adjusted" else Line(pl.net_profit_parent)
    eps = w.line("val", f"eps_{a.units.currency.lower()}", eps_words(a), a.units.currency, "eps",
                 [profit / Line(SHARES_WEIGHTED)] * w.n).key
    w.line("val", "roe_pct", W("val.roe"), PCT, "pct", [_roe(Line(adj), equity)] * w.n)
    # P/E and P/B (price / EPS, price / book value per share) are the per-share block's (blocks/per_share.py).
    return {"revenue": revenue, "adj_net_profit": adj, "eps": eps}


def eps_words(a: Assumptions) -> Words:
    """The EPS line's name, saying its basis."""
    return W(f"val.eps_{a.report.eps_basis}")


def _roe(profit: Expr, equity: Expr) -> Expr:
    """Return on equity; "n.m." where equity is not positive (no meaningful ratio, never #DIV/0!)."""
    return IF(equity.gt(0), profit / equity, NOT_MEANINGFUL)


def _fiscal_year_metrics(w: SheetWriter, a: Assumptions, inp: InputHandles, pl: IncomeHandles, bs: BalanceHandles):
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
    profit = Line(adj) if a.report.eps_basis == "adjusted" else Line(w.fy_total(pl.net_profit_parent))
    fy_line(f"eps_{a.units.currency.lower()}_fy", eps_words(a), a.units.currency, "eps",
            profit / Line(SHARES_WEIGHTED_FY))
    fy_line("roe_pct_fy", W("val.roe"), PCT, "pct", _roe(Line(adj), Line(bs.total_equity)))


def _peers(w: SheetWriter, a: Assumptions, method: ValuationMethod, inp: InputHandles) -> str:
    """Each peer's multiple in the peer years, their average, and the target beside them."""
    v = a.valuation
    shown = [p.year in v.peer_years and p.year_end for p in w.periods]
    w.section("val", method.words("peers").format(multiple=method.multiple))
    multiple_keys = []
    for i, (cap, metric) in enumerate(inp.peers):
        peer = v.peers[i]
        known = [ISNUMBER(Cell(cap)), ISNUMBER(Line(metric))]
        net_debt = None
        if method.enterprise:
            net_debt = Cell(inp.peer_net_debt[i])
            known.append(ISNUMBER(net_debt))
        multiple = IF(AND(*known), method.peer_multiple(Cell(cap), Line(metric), net_debt), NA_TEXT)
        multiple_keys.append(w.line("val", f"peer_{i}_{method.slug}", W("val.peer").format(peer=name_of(peer),
                                                                                          code=peer.code),
                                    "x", "multiple", [multiple if s else None for s in shown], named=False).key)
    average = w.line("val", f"peer_avg_{method.slug}", W("val.peer_average"), "x", "multiple",
                     [AVERAGE(Rows(tuple(multiple_keys))) if s else None for s in shown], named=False, total=True,
                     cell_names={i: f"VAL_peer_avg_{method.slug}_{p.label.lower()}"
                                 for i, p in enumerate(w.periods) if shown[i]})
    if method.metric_may_be_negative:  # the median resists one outlier among few peers
        w.line("val", f"peer_median_{method.slug}", W("val.peer_median"), "x", "multiple",
               [MEDIAN(Rows(tuple(multiple_keys))) if s else None for s in shown], named=False, total=True,
               cell_names={i: f"VAL_peer_median_{method.slug}_{p.label.lower()}"
                           for i, p in enumerate(w.periods) if shown[i]})
    if method.basis_slug == "eps":  # peers' P/E on the profit of the company's own EPS basis
        w.note("val", W(f"val.peer_pe_basis_{a.report.eps_basis}"))
    # The target beside its peers, in the basis year (the peer chart reads these rows).
    company = given(a.company.name_zh, a.company.name_en)
    w.line("val", "target_multiple_row", W("val.target_multiple_row").format(multiple=method.multiple, company=company),
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
