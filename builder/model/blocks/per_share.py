"""Per-share lines on the Valuation sheet: weighted shares, EPS (basic, diluted, adjusted), book value
per share, P/E and P/B on the share price.

Needs the inputs, the P&L, the balance sheet and the valuation's price, FX and EPS. Basic EPS is on profit
attributable to shareholders; P/E is on the file's EPS basis (the valuation's KPI_eps_<cur>); a quarterly model's full-year EPS divides the year's attributable profit
by the average of its quarters' weighted shares (the year's weighted average), and its P/E is on the
full-year EPS of the file's basis (`KPI_pe_fy`, at each year's last quarter).
"""
from __future__ import annotations

from ...formula.expr import AVERAGE, IF, Cell, Expr, Line, LineSpan, cell_or_one
from ...labels import Words, words as W
from ...assumptions.schema import Assumptions, BSRole
from ..handles import BalanceHandles, IncomeHandles, InputHandles, PerShareHandles, ReturnsHandles, ValuationHandles
from ..sheet_writer import MONEY, PCT, SheetWriter, sum_of, unit

NOT_MEANINGFUL = "n.m."
SHARES_WEIGHTED = "KPI_shares_weighted"
SHARES_WEIGHTED_FY = "KPI_shares_weighted_fy"
SHARES_YEAR_END = "KPI_shares_year_end"  # a quarterly model's full-year weighted shares
BVPS = "KPI_bvps"  # also P/B's basis metric


def wants_bvps(a: Assumptions) -> bool:
    """P/B is the method or a blend's part: its basis is book value per share."""
    return a.valuation.multiple == "P/B" or any(p.method == "P/B" for p in a.valuation.blend)


def build_per_share(w: SheetWriter, a: Assumptions, inp: InputHandles, pl: IncomeHandles, bs: BalanceHandles,
                    val: ValuationHandles, ret: ReturnsHandles) -> PerShareHandles:
    cur = a.units.currency
    shares_unit = unit("m_shares")

    def line(key: str, name: Words, unit_, fmt: str, entries: list, **fields) -> str:
        return w.line("val", key, name, unit_, fmt, entries, **fields).key

    w.section("val", W("ps.title"))
    price = line("price_reporting", W("ps.price_reporting"), cur, "price", [Cell(val.price) / cell_or_one(val.fx)] * w.n)
    shares_end_entries, weighted_entries = _share_counts(w, inp, ret)
    weighted = line("shares_weighted", W("ps.shares_weighted"), shares_unit, "shares", weighted_entries)
    assert weighted == SHARES_WEIGHTED
    eps = line("eps", W("ps.eps"), cur, "eps", [Line(pl.net_profit_parent) / Line(weighted)] * w.n, total=True)
    diluted_eps = None
    if inp.diluted_shares:
        diluted = line("shares_diluted", W("ps.shares_diluted"), shares_unit, "shares",
                       [Line(inp.diluted_shares)] * w.n)
        diluted_eps = line("eps_diluted", W("ps.eps_diluted"), cur, "eps",
                           [Line(pl.net_profit_parent) / Line(diluted)] * w.n)
    adjusted = line("eps_adjusted", W("ps.eps_adjusted"), cur, "eps",
                    [Line(pl.adj_net_profit_parent) / Line(weighted)] * w.n)
    book = line(*_book_value(a, bs), MONEY, "money", [_equity(a, bs)] * w.n)
    shares_end = line("shares_year_end", W("ps.shares_year_end"), shares_unit, "shares", shares_end_entries)
    assert shares_end == SHARES_YEAR_END
    bvps = line("bvps", W("ps.bvps"), cur, "eps", [Line(book) / Line(shares_end)] * w.n)
    assert bvps == BVPS
    if w.ppy > 1 and wants_bvps(a):  # P/B's basis in a quarterly model: the year-end quarter's (a stock)
        line("bvps_fy", W("line.fiscal_year").format(name=W("ps.bvps")), cur, "eps",
             [Line(bvps) if p.year_end else None for p in w.periods])
    pe = "KPI_pe_fy"
    if w.ppy == 1:
        pe = line("pe", W("ps.pe"), "x", "multiple", [_ratio(Line(price), Line(val.eps))] * w.n)
    else:
        _fiscal_year(w, a, pl, price, diluted_eps is not None, ret.dividends, f"{val.eps}_fy")
    pb = line("pb", W("ps.pb"), "x", "multiple", [_ratio(Line(price), Line(bvps))] * w.n)
    dps = dividend_yield = None
    if ret.dividends:
        dps = line("dps", W("ps.dps"), cur, "eps", [Line(ret.dividends) / Line(weighted)] * w.n)
        dividend_yield = line("dividend_yield", W("ps.dividend_yield"), PCT, "pct", [Line(dps) / Line(price)] * w.n)
    w.note("val", W("ps.note"))
    return PerShareHandles(weighted, eps, diluted_eps, adjusted, book, bvps, pe, pb, dps, dividend_yield)


def _share_counts(w: SheetWriter, inp: InputHandles, ret: ReturnsHandles) -> tuple[list, list]:
    """Period-end and weighted shares. With buybacks the estimates roll forward: the period-end count falls
    by the shares bought and the weighted count is the average of the opening and closing counts."""
    if ret.shares_bought is None:
        year_end = Line(inp.year_end_shares) if inp.year_end_shares else Cell(inp.shares)
        return [year_end] * w.n, [Line(inp.eps_shares)] * w.n
    year_end = w.entries(Line(inp.year_end_shares), Line(SHARES_YEAR_END, 1) - Line(ret.shares_bought))
    weighted = w.entries(Line(inp.eps_shares), AVERAGE(Line(SHARES_YEAR_END, 1), Line(SHARES_YEAR_END)))
    return year_end, weighted


def _ratio(price: Expr, per_share: Expr) -> Expr:
    """Price over a per-share figure; not meaningful where that figure is not positive."""
    return IF(per_share.gt(0), price / per_share, NOT_MEANINGFUL)


def _book_value(a: Assumptions, bs: BalanceHandles) -> tuple[str, Words]:
    if a.per_share.book_value == "total":
        return "book_value", W("ps.book_value_total")
    return "book_value", W("ps.book_value_attributable")


def _equity(a: Assumptions, bs: BalanceHandles) -> Expr:
    """Total equity, or less the minority interests (the file's `per_share.book_value`)."""
    minorities = [bs.lines[b.key] for b in a.balance_sheet if b.role == BSRole.minority_interest]
    if a.per_share.book_value == "total" or not minorities:
        return Line(bs.total_equity)
    return Line(bs.total_equity) - sum_of(minorities)


def _fiscal_year(w: SheetWriter, a: Assumptions, pl: IncomeHandles, price: str, diluted: bool,
                 dividends: str | None, basis_eps: str):
    """A quarterly model's full-year weighted shares, EPS and P/E (on the file's EPS basis, `basis_eps`),
    at each year's last quarter."""
    lag, cur = w.ppy, a.units.currency
    ends = [p.year_end and t >= lag - 1 for t, p in enumerate(w.periods)]
    fiscal_year = W("line.fiscal_year")

    def fy_line(key: str, name: Words, unit_, fmt: str, expr: Expr) -> str:
        entries = [expr if end else None for end in ends]
        return w.line("val", key, fiscal_year.format(name=name), unit_, fmt, entries).key

    shares = fy_line("shares_weighted_fy", W("ps.shares_weighted"), unit("m_shares"), "shares",
                     AVERAGE(LineSpan(SHARES_WEIGHTED, lag - 1)))
    assert shares == SHARES_WEIGHTED_FY
    parent = Line(w.fy_total(pl.net_profit_parent))
    fy_line("eps_fy", W("ps.eps"), cur, "eps", parent / Line(shares))
    fy_line("eps_adjusted_fy", W("ps.eps_adjusted"), cur, "eps",
            Line(w.fy_total(pl.adj_net_profit_parent)) / Line(shares))
    if diluted:
        fy_line("eps_diluted_fy", W("ps.eps_diluted"), cur, "eps",
                parent / AVERAGE(LineSpan("KPI_shares_diluted", lag - 1)))
    fy_line("pe_fy", W("ps.pe"), "x", "multiple", _ratio(Line(price), Line(basis_eps)))
    if dividends:
        dps = fy_line("dps_fy", W("ps.dps"), cur, "eps", Line(w.fy_total(dividends)) / Line(shares))
        fy_line("dividend_yield_fy", W("ps.dividend_yield"), PCT, "pct", Line(dps) / Line(price))
