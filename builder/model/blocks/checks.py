"""The Checks sheet: each check per year within tolerance, the valuation check, the master check.

Needs the inputs, the statements, the valuation and the scenarios.
"""
from __future__ import annotations

from ...formula.expr import ABS, AND, CHOOSE, Cell, Line, LineAt, LineRange, cell_or_one
from ...labels import Words, words as W
from ...labels.one_currency import without_fx
from ...assumptions.schema import Assumptions
from ..handles import (BalanceHandles, CashFlowHandles, CheckHandles, IncomeHandles, InputHandles, RevenueHandles,
                       ScenarioHandles, ValuationHandles)
from ..sheet_writer import MONEY, PCT, SheetWriter, add_all, sum_of, unit
from ..valuation import METHODS, ValuationMethod


def build_checks(w: SheetWriter, a: Assumptions, method: ValuationMethod, inp: InputHandles, rb: RevenueHandles,
                 pl: IncomeHandles, bs: BalanceHandles, cf: CashFlowHandles, val: ValuationHandles,
                 scn: ScenarioHandles) -> CheckHandles:
    tol = w.line("chk", "tolerance", W("chk.tolerance"), MONEY, "tolerance",
                 w.entries(Cell(inp.tol_actual), Cell(inp.tol_estimate)), named=False)
    checks = []

    def check(key: str, diff_entries: list):
        name = W(f"chk.{key}")
        diff = w.line("chk", f"{key}_diff", W("chk.difference").format(name=name), MONEY, "diff", diff_entries,
                      named=False)
        entries = [None if d is None else ABS(Line(diff.key)).le(Line(tol.key)) for d in diff_entries]
        item = w.line("chk", key, name, unit("bool"), "bool", entries, check=True)
        first = next(p for p, d in enumerate(diff_entries) if d is not None)
        checks.append(LineRange(item.key, first))

    w.section("chk", W("chk.yearly"))
    check("balance", [Line(bs.total_assets) - Line(bs.total_liabilities_and_equity)] * w.n)
    pool, pool_prior = sum_of(cf.cash_pool), sum_of(cf.cash_pool, lag=1)
    check("cash", [None] + [pool - (pool_prior + Line(cf.net_cash_flow) + Line(cf.fx_effect_on_cash))] * (w.n - 1))
    check("revenue", [sum_of(rb.segments) - Line(pl.revenue)] * w.n)
    if pl.net_profit_minority is not None:
        check("profit_split", w.entries(None, Line(pl.net_profit_parent) + Line(pl.net_profit_minority)
                                        - Line(pl.net_profit)))
    check("cash_flow_cash", [pool - Line(cf.cash_end)] * w.n)
    valuation_checks = _valuation_checks(w, a, method, inp, pl, val, scn)
    w.section("chk", W("chk.master_section"))
    master = w.cell("chk", "master", W("chk.master"), unit("bool"), "bool", AND(*checks, *valuation_checks),
                    check=True, total=True)
    return CheckHandles(master.key)


def _valuation_checks(w: SheetWriter, a: Assumptions, method: ValuationMethod, inp: InputHandles,
                      pl: IncomeHandles, val: ValuationHandles, scn: ScenarioHandles) -> list[Cell]:
    """The target price recomputed from its parts; with scenarios, the live case's row agrees with it."""
    sym = a.units.market_symbol
    w.section("chk", W("chk.valuation"))
    if method.is_dcf:
        ev = _dcf_enterprise_value(w, val)
        recomputed = (ev - Cell(val.bridge)) * cell_or_one(val.fx) / Cell(val.shares)
    elif method.is_blend:
        recomputed = _blend_recomputed(w, inp, val)
    else:
        recomputed = method.price(Cell(val.target_multiple),
                                  w.basis_value(val.basis_line, Cell(val.basis_year), inp.year,
                                                method.basis_is_stock), cell_or_one(val.fx),
                                  Cell(val.shares), bridge=Cell(val.bridge) if val.bridge else None)
    name = method.words("check_diff") if val.fx else without_fx(method.words("check_diff"))  # one currency: no FX
    diff = w.cell("chk", "target_price_diff", name, sym, "diff",
                  Cell(val.target_price) - recomputed, named=False)

    def within(key: str, name: Words, diff_key: str) -> Cell:
        return Cell(w.cell("chk", key, name, unit("bool"), "bool", ABS(Cell(diff_key)).le(Cell(inp.tol_estimate)),
                           check=True).key)

    out = [within("target_price", W("chk.target_price"), diff.key)]
    if method.is_blend:
        weights = add_all([Cell(weight) for _, weight, *_ in val.blend])
        wd = w.cell("chk", "blend_weights_diff", W("chk.blend_weights_diff"), PCT, "diff", weights - 1, named=False)
        out.append(Cell(w.cell("chk", "blend_weights", W("chk.blend_weights"), unit("bool"), "bool",
                               ABS(Cell(wd.key)).le(Cell(inp.tol_estimate)), check=True).key))
    if method.is_dcf or any(name == "DCF" for name, *_ in val.blend):
        ev_diff = w.cell("chk", "dcf_diff", W("chk.dcf_diff"), MONEY, "diff",
                         Cell(val.dcf.pv_sum) + Cell(val.dcf.pv_terminal) - _dcf_enterprise_value(w, val),
                         named=False)
        out.append(Cell(w.cell("chk", "dcf", W("chk.dcf"), unit("bool"), "bool",
                               ABS(Cell(ev_diff.key)).le(Cell(inp.tol_estimate)), check=True).key))
    if scn.target_prices:
        live_tp = CHOOSE(Cell(inp.scenario_index), *[Cell(tp) for tp in scn.target_prices.values()])
        sd = w.cell("chk", "scenario_diff", W("chk.scenario_diff"), sym, "diff", Cell(val.target_price) - live_tp,
                    named=False)
        out.append(within("scenario", W("chk.scenario"), sd.key))
    return out


def _dcf_enterprise_value(w: SheetWriter, val: ValuationHandles):
    """The DCF's enterprise value discounted term by term from the DCF sheet's flows and factors."""
    dcf = val.dcf
    total = Cell(dcf.terminal_value) * Cell(dcf.terminal_discount_factor)
    for k in range(w.n_act, w.n):
        total = LineAt(dcf.fcff, k) * LineAt(dcf.discount_factor, k) + total
    return total


def _blend_recomputed(w: SheetWriter, inp: InputHandles, val: ValuationHandles):
    """Each part's target price recomputed from its parts, weighted."""
    total = None
    for name, weight, _, multiple, basis_line in val.blend:
        m = METHODS[name]()
        if m.is_dcf:
            price = (_dcf_enterprise_value(w, val) - Cell(val.bridge)) * cell_or_one(val.fx) / Cell(val.shares)
        else:
            basis = w.basis_value(basis_line, Cell(val.basis_year), inp.year, m.basis_is_stock)
            price = m.price(Cell(multiple), basis, cell_or_one(val.fx), Cell(val.shares),
                            bridge=Cell(val.bridge) if m.enterprise else None)
        term = Cell(weight) * price
        total = term if total is None else total + term
    return total
