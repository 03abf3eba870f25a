"""The lines enterprise-value methods read: D&A, EBIT and EBITDA on the P&L, net debt on the balance sheet.

Needs the inputs, the P&L, the balance sheet and the cash-flow statement (its cash pool). Minimal by
design: D&A is the model's depreciation plus intangibles' amortisation where there are intangibles (the reported cash-flow add-back in actual
years), EBIT is operating profit, net debt is the debt lines less the cash pool.
"""
from __future__ import annotations

from ...formula.expr import Line
from ...labels import words as W
from ...assumptions.schema import Assumptions, BSRole
from ..handles import BalanceHandles, CashFlowHandles, EnterpriseHandles, IncomeHandles, InputHandles
from ..sheet_writer import MONEY, SheetWriter, sum_of


def build_enterprise_lines(w: SheetWriter, a: Assumptions, inp: InputHandles, pl: IncomeHandles,
                           bs: BalanceHandles, cf: CashFlowHandles) -> EnterpriseHandles:
    def line(sheet: str, key: str, entries: list, **fields) -> str:
        return w.line(sheet, key, W(f"{sheet}.{key}"), MONEY, "money", entries, **fields).key

    w.section("is", W("is.ebitda_section"))
    estimate = Line(bs.depreciation) + Line(bs.amortisation) if bs.amortisation else Line(bs.depreciation)
    da = line("is", "da", w.entries(Line(inp.cash_flow_actuals["dep_amort_impairment"]), estimate))
    ebit = line("is", "ebit", [Line(pl.operating_profit)] * w.n)
    ebitda = line("is", "ebitda", [Line(ebit) + Line(da)] * w.n, total=True)
    w.fiscal_year_totals("is", [da, ebit, ebitda])
    debt = [bs.lines[b.key] for b in a.balance_sheet if b.role == BSRole.debt]
    cash = sum_of(cf.cash_pool)
    w.section("bs", W("bs.net_debt_section"))
    net_debt = line("bs", "net_debt", [sum_of(debt) - cash if debt else -cash] * w.n, total=True)
    minority = [bs.lines[b.key] for b in a.balance_sheet if b.role == BSRole.minority_interest]
    return EnterpriseHandles(da, ebit, ebitda, net_debt, minority[0] if minority else None)
