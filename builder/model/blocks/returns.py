"""Shareholder returns on the Valuation sheet: dividends declared and paid, buybacks and the shares
they retire.

Needs the inputs and the P&L; the share count comes from the per-share block (`SHARES_WEIGHTED`), and
the balance sheet and cash flow read the paid lines by their fixed keys (`handles.LINKED_AHEAD`).
Dividends and buybacks leave cash and retained earnings when paid, so no dividends-payable line is
needed for the balance sheet to balance.
"""
from __future__ import annotations

from ...formula.expr import IF, Line
from ...labels import words as W
from ...assumptions.schema import Assumptions
from ..handles import KPI_BUYBACKS, KPI_DIVIDENDS_PAID, IncomeHandles, InputHandles, ReturnsHandles
from ..sheet_writer import MONEY, SheetWriter, unit
from .per_share import SHARES_WEIGHTED


def build_returns(w: SheetWriter, a: Assumptions, inp: InputHandles, pl: IncomeHandles) -> ReturnsHandles:
    r, given = inp.returns, a.shareholder_returns
    if not (given.dividends or given.buybacks):
        return ReturnsHandles(None, None, None, None)

    def line(key: str, name_key: str, unit_, fmt: str, entries: list) -> str:
        return w.line("val", key, W(name_key), unit_, fmt, entries).key

    w.section("val", W("ret.title"))
    declared = paid = buybacks = bought = None
    if given.dividends:
        parent, driver = Line(pl.net_profit_parent), Line(r.dividend_driver)
        # A payout ratio pays nothing out of a loss; a DPS is paid on the weighted shares.
        estimate = (IF(parent.gt(0), parent * driver, 0) if given.dividends.kind == "payout_ratio"
                    else driver * Line(SHARES_WEIGHTED))
        declared = line("dividends", "ret.dividends", MONEY, "money",
                        w.entries(Line(r.dividends_actual), estimate))
        lag = 0 if given.dividends.paid == "same_year" else w.ppy
        paid = line("dividends_paid", "ret.dividends_paid", MONEY, "money",
                    w.entries(Line(r.dividends_actual), Line(declared, lag)))
        assert paid == KPI_DIVIDENDS_PAID
    if given.buybacks:
        buybacks = line("buybacks", "ret.buybacks", MONEY, "money",
                        w.entries(Line(r.buybacks_actual), Line(r.buyback_amount)))
        assert buybacks == KPI_BUYBACKS
        bought = line("shares_bought", "ret.shares_bought", unit("m_shares"), "shares",
                      w.entries(None, Line(r.buyback_amount) / Line(r.buyback_price)))
    w.note("val", W("ret.note"))
    return ReturnsHandles(declared, paid, buybacks, bought)
