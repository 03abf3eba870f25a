"""The DCF sheet: free cash flow to the firm from the model's own lines, WACC (typed or built),
discount factors from the valuation date, the terminal value and the present values.

Needs the inputs (its own DCF inputs are written here, on the Assumptions sheet), the P&L, the
balance sheet, the cash-flow statement and the enterprise lines.
"""
from __future__ import annotations

from ...formula.expr import POWER, SUM, Cell, Line, LineAt, LineRange
from ...labels import words as W
from ...assumptions.schema import Assumptions
from ..handles import BalanceHandles, CashFlowHandles, DcfHandles, EnterpriseHandles, InputHandles
from ..input_writer import InputWriter
from ..sheet_writer import MONEY, PCT, SheetWriter, source_note, unit
from ..valuation.dcf import last_year, terminal_value

CASE_INPUTS = ("wacc", "terminal_growth", "exit_multiple")


def build_dcf(w: SheetWriter, inputs: InputWriter, a: Assumptions, inp: InputHandles, bs: BalanceHandles,
              cf: CashFlowHandles, ent: EnterpriseHandles) -> DcfHandles:
    ins = _inputs(inputs, a)
    est, last = w.n_act, w.n - 1

    def line(key, unit_, fmt, estimate, **fields) -> str:
        return w.line("dcf", key, W(f"dcf.{key}"), unit_, fmt, w.entries(None, estimate), **fields).key

    w.section("dcf", W("dcf.title"))
    year = w.line("dcf", "year", W("dcf.year"), "year", "year", [Line(inp.year)] * w.n, named=False).key
    ebit = line("ebit", MONEY, "money", Line(ent.ebit), named=False)
    tax = line("tax_rate", PCT, "pct", Line(inp.tax_rate), named=False)
    nopat = line("nopat", MONEY, "money", Line(ebit) * (1 - Line(tax)), named=False)
    da = line("da", MONEY, "money", Line(ent.da), named=False)
    capex = line("capex", MONEY, "money", -Line(bs.capex), named=False)
    wc = line("working_capital", MONEY, "money", Line(cf.working_capital_change), named=False)
    fcff = line("fcff", MONEY, "money", Line(nopat) + Line(da) + Line(capex) + Line(wc), total=True)

    def cell(key, unit_, fmt, entry, prefix="DCF", **fields) -> str:
        return w.cell("dcf", key, W(f"dcf.{key}"), unit_, fmt, entry, prefix=prefix, **fields).key

    w.section("dcf", W("dcf.discounting"))
    wacc = cell("wacc", PCT, "pct", _wacc(w, ins), prefix="VAL", total=True)
    # Years from the valuation date to the end of the first estimate period, plus whole periods after it.
    first = (Cell(ins["first_year_end"]) - Cell(ins["valuation_date"])) / Cell(ins["days"]) - Cell(ins["mid_year"])
    if w.ppy == 1:
        period = line("period", unit("years"), "fx", first + (Line(year) - LineAt(year, est)), named=False)
    else:  # quarters: whole years plus a period's length (in years) per fiscal quarter
        quarters = Line(ins["quarter"]) - LineAt(ins["quarter"], est)
        period = line("period", unit("years"), "fx",
                      first + (Line(year) - LineAt(year, est)) + quarters * Cell(ins["period_years"]), named=False)
    df = line("discount_factor", "x", "fx", 1 / POWER(1 + Cell(wacc), Line(period)))
    pv = line("pv", MONEY, "money", Line(fcff) * Line(df), named=False, total=True)
    by_growth = "terminal_growth" in ins
    term_key = "terminal_growth" if by_growth else "exit_multiple"
    terminal = cell(term_key, PCT if by_growth else "x", "pct" if by_growth else "multiple", Cell(ins[term_key]),
                    prefix="VAL")
    tv = cell("terminal_value", MONEY, "money",
              terminal_value(by_growth, last_year(fcff, last, w.ppy), last_year(ent.ebitda, last, w.ppy), Cell(wacc),
                             Cell(terminal)), prefix="VAL", total=True)
    tv_df = cell("terminal_discount_factor", "x", "fx",
                 1 / POWER(1 + Cell(wacc), LineAt(period, last) + Cell(ins["mid_year"])), named=False)
    pv_terminal = cell("pv_terminal", MONEY, "money", Cell(tv) * Cell(tv_df), total=True)
    pv_sum = cell("pv_sum", MONEY, "money", SUM(LineRange(pv, est)), total=True)
    return DcfHandles(fcff, period, df, wacc, terminal, ent.ebitda, ins["mid_year"], tv, pv_sum, pv_terminal,
                      tv_df, by_growth, ins.get("wacc_changes", ""), ins.get("terminal_changes", ""))


def _grid_inputs(a: Assumptions) -> tuple[str, ...]:
    """The DCF's grid axes: WACC x terminal input. A blend with a DCF part needs both too: the football
    field's bar for that part spans its WACC x terminal grid (its blend grid moves the WACC only)."""
    if a.valuation.multiple == "DCF" or any(part.method == "DCF" for part in a.valuation.blend):
        return "wacc_changes", "terminal_changes"
    return ()


def _wacc(w: SheetWriter, ins: dict):
    """Typed, or built: cost of equity by CAPM, after-tax cost of debt, weighted at the target debt weight."""
    if "wacc" in ins:
        return Cell(ins["wacc"])

    def cell(key, entry) -> Cell:
        return Cell(w.cell("dcf", key, W(f"dcf.{key}"), PCT, "pct", entry, prefix="DCF").key)

    ke = cell("cost_of_equity", Cell(ins["risk_free_rate"]) + Cell(ins["beta"]) * Cell(ins["equity_risk_premium"]))
    kd = cell("cost_of_debt_after_tax", Cell(ins["cost_of_debt"]) * (1 - Cell(ins["tax_rate"])))
    weight = Cell(ins["debt_weight"])
    return (1 - weight) * ke + weight * kd


def _inputs(inputs: InputWriter, a: Assumptions) -> dict[str, str]:
    """The DCF's inputs on the Assumptions sheet, by name."""
    d, w = a.valuation.dcf, inputs.w
    w.section("in", W("in.dcf"))
    base = ("valuation", "dcf")

    def put(name, fmt, unit_, value, source, origin, kind="") -> None:
        # A scenario case may override the typed WACC and the terminal input (consistency.scenario_addresses).
        address = f"valuation.dcf.{name}" if name in CASE_INPUTS else None
        out[name] = inputs.cell(f"dcf_{name}", W(f"in.dcf_{name}"), unit_, fmt, value, source, kind=kind,
                                origin=origin, address=address)

    out: dict[str, str] = {}
    put("valuation_date", "date", "date", d.valuation_date, d.days_per_year.source, base + ("valuation_date",))
    put("first_year_end", "date", "date", d.first_year_end, d.days_per_year.source, base + ("first_year_end",))
    put("days", "int", unit("days"), d.days_per_year.value, d.days_per_year.source, base + ("days_per_year", "value"))
    if w.ppy > 1:  # a quarterly model discounts each quarter's flow
        put("period_years", "fx", unit("years"), 1 / w.ppy, d.days_per_year.source, None, kind="ratio")
        out["quarter"] = w.line("in", "dcf_quarter", W("in.dcf_quarter"), "#", "int",
                                [None if p.actual else p.quarter for p in w.periods], named=False,
                                source=source_note("model_years"),
                                input_kind="ratio").key
    # Mid-year convention: half a period (a quarterly model's flows are quarters).
    put("mid_year", "fx", unit("years"), 0.5 / w.ppy if d.mid_year else 0, d.days_per_year.source, None,
        kind="ratio")
    if d.wacc is not None:
        put("wacc", "pct", PCT, d.wacc.value, d.wacc.source, base + ("wacc", "value"))
    else:
        for name in ("risk_free_rate", "beta", "equity_risk_premium", "cost_of_debt", "tax_rate", "debt_weight"):
            s = getattr(d.wacc_inputs, name)
            put(name, "fx" if name == "beta" else "pct", "x" if name == "beta" else PCT, s.value, s.source,
                base + ("wacc_inputs", name, "value"))
    if d.terminal_growth is not None:
        put("terminal_growth", "pct", PCT, d.terminal_growth.value, d.terminal_growth.source,
            base + ("terminal_growth", "value"))
    else:
        put("exit_multiple", "multiple", "x", d.exit_multiple.value, d.exit_multiple.source,
            base + ("exit_multiple", "value"))
    for name in _grid_inputs(a):
        s = getattr(d, name)
        out[name] = w.line("in", f"dcf_{name}", W(f"in.dcf_{name}"), PCT, "pct", [None] + list(s.values),
                           named=False, source=s.source, periodic=False, input_kind="sensitivity",
                           origins=[None] + [base + (name, "values", k) for k in range(len(s.values))]).key
    return out
