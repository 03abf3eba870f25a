"""Discounted cash flow: free cash flow to the firm over the estimate years, discounted at WACC, plus
a terminal value; the enterprise value goes through the same bridge as the EV multiples.

The DCF sheet (`blocks/dcf.py`) holds the flows; there is no target multiple, no basis metric and no
peer multiple, so the valuation blocks ask `is_dcf` where they would use them.
"""
from __future__ import annotations

from ...formula.expr import POWER, Expr, LineAt
from ...assumptions.schema import Peer
from .base import BasisLines, ValuationMethod


class DiscountedCashFlow(ValuationMethod):
    slug = "dcf"
    multiple = "DCF"
    basis_slug = "fcff"
    basis_axis = "dcf"
    enterprise = True
    is_dcf = True

    def basis_line(self, lines: BasisLines) -> str:
        return lines.ebitda  # not applied: a DCF has no basis metric

    def peer_metric(self, peer: Peer) -> dict[int, float | None]:
        return {}

    def peer_metric_field(self) -> str:
        return ""


def enterprise_value(fcff: str, period: str, columns: range, wacc: Expr, terminal_value: Expr,
                     terminal_period: Expr) -> Expr:
    """Sum of each year's flow discounted at `wacc`, plus the discounted terminal value, term by term
    (the check and the WACC x growth grid recompute the enterprise value this way)."""
    total = terminal_value / POWER(1 + wacc, terminal_period)
    for k in columns:
        total = LineAt(fcff, k) / POWER(1 + wacc, LineAt(period, k)) + total
    return total


def last_year(line_key: str, last: int, periods_per_year: int) -> Expr:
    """A flow's last estimate year: the last column in an annual model; a quarterly model's last four
    quarters (the year the terminal value grows on)."""
    total = LineAt(line_key, last)
    for k in range(1, periods_per_year):
        total = LineAt(line_key, last - k) + total
    return total


def terminal_value(by_growth: bool, last_fcff: Expr, last_ebitda: Expr, wacc: Expr, terminal: Expr) -> Expr:
    """Gordon growth on the last year's flow, or an exit EV/EBITDA multiple on its EBITDA."""
    return last_fcff * (1 + terminal) / (wacc - terminal) if by_growth else terminal * last_ebitda
