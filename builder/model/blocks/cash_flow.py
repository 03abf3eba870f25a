"""The Cash Flow sheet: estimates from the changes in balance-sheet lines, actuals as reported.

Needs the inputs, the P&L and the balance sheet.
"""
from __future__ import annotations

from ...formula.expr import SUM, Expr, Line, Rows, wrap
from ...labels import words as W
from ...assumptions.schema import Assumptions, BSRole, BSSection, impairment_lines
from ..handles import CF_CASH_END, CF_FX_EFFECT_ON_CASH, KPI_BUYBACKS, KPI_DIVIDENDS_PAID, BalanceHandles, \
    CashFlowHandles, IncomeHandles, InputHandles
from ..sheet_writer import MONEY, SheetWriter, add_all, sum_of

_LIABILITY_SIDE = (BSSection.current_liabilities, BSSection.non_current_liabilities, BSSection.equity)


def build_cash_flow(w: SheetWriter, a: Assumptions, inp: InputHandles, pl: IncomeHandles,
                    bs: BalanceHandles) -> CashFlowHandles:
    impairments = impairment_lines(a)

    def flows(role: BSRole) -> Expr:
        """Cash effect of the year's change in every balance-sheet line of a role."""
        terms = []
        for b in a.balance_sheet:
            if b.role != role:
                continue
            key = bs.lines[b.key]
            change = Line(key) - Line(key, 1)
            for _, _, imp in impairments:
                if imp.charged_to == b.key and role != BSRole.fixed_assets:
                    change = change - Line(pl.impairments[imp.key])  # add back the non-cash write-down
            terms.append(change if b.section in _LIABILITY_SIDE else -change)
        return add_all(terms) if terms else wrap(0)

    def line(key: str, estimate, name_key: str | None = None, **fields) -> str:
        """A line whose actual years link to the reported actuals (when typed) and estimates follow `estimate`."""
        actual = inp.cash_flow_actuals.get(key)
        entries = estimate if isinstance(estimate, list) else w.entries(Line(actual), estimate)
        return w.line("cf", key, W(name_key or f"cf.{key}"), MONEY, "money", entries, **fields).key

    w.section("cf", W("cf.title"))
    net = line("net_profit", [Line(pl.net_profit)] * w.n)
    dep = Line(bs.depreciation) + Line(bs.amortisation) if bs.amortisation else Line(bs.depreciation)
    for _, _, imp in impairments:
        dep = dep - Line(pl.impairments[imp.key])
    line("dep_amort_impairment", dep, "cf.dep_amort_impairment_line")
    line("working_capital_change", flows(BSRole.working_capital))
    line("other_operating", flows(BSRole.other_operating), "cf.other_operating_line")
    cfo = line("cfo", [SUM(Rows(("CF_net_profit", "CF_dep_amort_impairment", "CF_working_capital_change",
                                 "CF_other_operating")))] * w.n, total=True)
    line("capex", -Line(bs.capex))
    line("other_investing", flows(BSRole.investing))
    investing = ["CF_capex", "CF_other_investing"]
    if bs.intangibles_additions:  # estimates only: the reported capex and other investing include them
        investing.append(line("intangibles_additions", w.entries(None, -Line(bs.intangibles_additions))))
    cfi = line("cfi", [SUM(Rows(tuple(investing)))] * w.n, total=True)
    line("net_debt_change", flows(BSRole.debt))
    line("other_financing", flows(BSRole.other_financing))
    financing = ["CF_net_debt_change", "CF_other_financing"]
    # Shareholder returns, paid (the Valuation sheet's lines, linked ahead of that block).
    if a.shareholder_returns.dividends:
        financing.append(line("dividends_paid", [-Line(KPI_DIVIDENDS_PAID)] * w.n))
    if a.shareholder_returns.buybacks:
        financing.append(line("buybacks", [-Line(KPI_BUYBACKS)] * w.n))
    cff = line("cff", [SUM(Rows(tuple(financing)))] * w.n, total=True)
    ncf = line("net_cash_flow", [Line(cfo) + Line(cfi) + Line(cff)] * w.n, total=True)
    fx_inputs = w.line_item(inp.fx_effect_on_cash).entries  # blank where the FX effect was not reported
    fx = line("fx_effect_on_cash", [None if e is None else Line(inp.fx_effect_on_cash) for e in fx_inputs])
    pool = tuple(bs.lines[b.key] for b in a.balance_sheet if b.role in (BSRole.cash, BSRole.restricted_cash))
    # Actual years: the reported balances. Estimates: last year's cash plus this year's cash flow.
    cash_end = line("cash_end", w.entries(sum_of(pool), Line(CF_CASH_END, 1) + Line(ncf) + Line(fx)), total=True)
    assert (cash_end, fx) == (CF_CASH_END, CF_FX_EFFECT_ON_CASH)
    w.fiscal_year_totals("cf", [cfo, "CF_capex", cfi, cff, ncf])
    if inp.printed_cash_flow:
        _printed(w, inp)
    return CashFlowHandles(net, cfo, cfi, cff, ncf, fx, cash_end, pool)


def _printed(w: SheetWriter, inp: InputHandles):
    """The report's printed cash flow beside the model's, and the differences."""
    printed = inp.printed_cash_flow
    # A period the report does not print (null, e.g. one added by `roll`) stays empty in both rows.
    given = {name: [e is not None for e in w.line_item(key).entries] for name, key in printed.items()}
    w.section("cf", W("cf.printed"))
    for name, key in printed.items():
        w.line("cf", f"printed_{name}", W("in.printed_line").format(name=W(f"cf.{name}")), MONEY, "money",
               [Line(key) if g else None for g in given[name]], named=False)
    w.section("cf", W("cf.model_minus_report"))
    for name in printed:
        w.line("cf", f"diff_{name}", W("cf.difference").format(name=W(f"cf.{name}")), MONEY, "diff",
               [Line(f"CF_{name}") - Line(f"CF_printed_{name}") if g else None for g in given[name]], named=False)
    w.note("cf", W("cf.printed_note"))
