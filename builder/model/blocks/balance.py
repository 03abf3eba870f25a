"""The Balance Sheet: every line by section, subtotals, and the fixed-asset roll-forward.

Needs the inputs and the P&L; cash and the FX effect come from the cash-flow statement ahead
of that block (`handles.LINKED_AHEAD`).
"""
from __future__ import annotations

from ...formula.expr import Expr, Line
from ...labels import words as W
from ...assumptions.schema import Assumptions, BSLine, BSRole, BSSection, impairment_lines
from ..drivers import DriverTerms, driven
from ..handles import CF_CASH_END, CF_FX_EFFECT_ON_CASH, KPI_BUYBACKS, KPI_DIVIDENDS_PAID, BalanceHandles, \
    IncomeHandles, InputHandles
from ..sheet_writer import MONEY, SheetWriter, add_all, name_of, sum_of


def build_balance(w: SheetWriter, a: Assumptions, inp: InputHandles, pl: IncomeHandles) -> BalanceHandles:
    rev, cost = Line(pl.revenue), -Line(pl.cost_of_revenue)
    pool = [f"BS_{b.key}" for b in a.balance_sheet if b.role == BSRole.restricted_cash]
    keys: dict[str, str] = {}

    def estimate(b: BSLine) -> Expr:
        key = f"BS_{b.key}"
        if b.role == BSRole.cash:
            return Line(CF_CASH_END) - sum_of(pool) if pool else Line(CF_CASH_END)
        if b.role in (BSRole.fixed_assets, BSRole.intangibles):
            return _rolled_asset(a, pl, b)
        if b.role == BSRole.retained_earnings:
            return _retained(a, pl, key)
        if b.role == BSRole.minority_interest:
            return Line(key, 1) + Line(pl.net_profit_minority)
        return driven(b.driver.kind, DriverTerms(key, inp.balance_sheet[b.key].driver, rev, cost, w.ppy,
                                                 days_in_period=inp.days_in_period))

    def lines(section: BSSection) -> list[str]:
        for b in a.balance_sheet:
            if b.section == section:
                keys[b.key] = w.line("bs", b.key, name_of(b), MONEY, "money",
                                     w.entries(Line(inp.balance_sheet[b.key].actual), estimate(b))).key
        return [keys[b.key] for b in a.balance_sheet if b.section == section]

    def subtotal(key: str, parts: list[Expr]) -> str:
        return w.line("bs", key, W(f"bs.{key}"), MONEY, "money", [add_all(parts)] * w.n, total=True).key

    def rows_sum(keys):
        return [sum_of(keys)] if keys else []

    w.section("bs", W("bs.title"))
    ca = subtotal("current_assets", rows_sum(lines(BSSection.current_assets)))
    nca = lines(BSSection.non_current_assets)
    ta = subtotal("total_assets", [Line(ca)] + rows_sum(nca))
    cl = subtotal("current_liabilities", rows_sum(lines(BSSection.current_liabilities)))
    ncl = lines(BSSection.non_current_liabilities)
    tl = subtotal("total_liabilities", [Line(cl)] + rows_sum(ncl))
    eq = subtotal("total_equity", rows_sum(lines(BSSection.equity)))
    tle = subtotal("total_liabilities_and_equity", [Line(tl), Line(eq)])

    fa = next(b for b in a.balance_sheet if b.role == BSRole.fixed_assets)
    w.section("bs", W("bs.fixed_assets"))
    capex = driven(a.cash_flow.capex.kind, DriverTerms("BS_capex", inp.capex_driver, rev, cost, w.ppy))
    capex_key = w.line("bs", "capex", W("bs.capex"), MONEY, "money", w.entries(None, capex)).key
    dep = w.line("bs", "depreciation", W("bs.depreciation"), MONEY, "money",
                 w.entries(None, Line(keys[fa.key], 1) * Line(inp.dep_rate))).key
    additions, amortisation = _intangibles(w, a, inp, keys, rev, cost)
    return BalanceHandles(keys, ta, eq, tle, capex_key, dep, additions, amortisation)


BS_INTANGIBLES_ADDITIONS, BS_AMORTISATION = "BS_intangibles_additions", "BS_amortisation"


def _rolled_asset(a: Assumptions, pl: IncomeHandles, b: BSLine) -> Expr:
    """PP&E (prior + capex - depreciation) or intangibles (prior + additions - amortisation), less write-downs."""
    key = f"BS_{b.key}"
    if b.role == BSRole.fixed_assets:
        rolled = Line(key, 1) + Line("BS_capex") - Line("BS_depreciation")
    else:
        rolled = Line(key, 1) + Line(BS_INTANGIBLES_ADDITIONS) - Line(BS_AMORTISATION)
    for _, _, imp in impairment_lines(a):
        if imp.charged_to == b.key:
            rolled = rolled + Line(pl.impairments[imp.key])  # impairment lines are negative
    return rolled


def _retained(a: Assumptions, pl: IncomeHandles, key: str) -> Expr:
    """Prior + attributable profit + FX translation of cash (through other comprehensive income), less the
    dividends and buybacks paid (the Valuation sheet's shareholder returns)."""
    rolled = Line(key, 1) + Line(pl.net_profit_parent) + Line(CF_FX_EFFECT_ON_CASH)
    if a.shareholder_returns.dividends:
        rolled = rolled - Line(KPI_DIVIDENDS_PAID)
    if a.shareholder_returns.buybacks:
        rolled = rolled - Line(KPI_BUYBACKS)
    return rolled


def _intangibles(w: SheetWriter, a: Assumptions, inp: InputHandles, keys: dict, rev: Expr, cost: Expr):
    """Intangible assets' roll-forward beside PP&E: additions by their driver, amortisation on the opening balance."""
    line = next((b for b in a.balance_sheet if b.role == BSRole.intangibles), None)
    if line is None:
        return None, None
    w.section("bs", W("bs.intangibles"))
    additions = driven(a.cash_flow.intangibles_additions.kind,
                       DriverTerms(BS_INTANGIBLES_ADDITIONS, inp.intangibles_additions, rev, cost, w.ppy))
    added = w.line("bs", "intangibles_additions", W("bs.intangibles_additions"), MONEY, "money",
                   w.entries(None, additions)).key
    amortised = w.line("bs", "amortisation", W("bs.amortisation"), MONEY, "money",
                       w.entries(None, Line(keys[line.key], 1) * Line(inp.amortisation_rate))).key
    assert (added, amortised) == (BS_INTANGIBLES_ADDITIONS, BS_AMORTISATION)
    return added, amortised
