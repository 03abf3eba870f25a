"""Every scenario case's target price under a DCF or a blend, on the Valuation sheet.

A case's free cash flows (and a blend's multiple parts' basis metrics) come from the whole model
built with that case live, written as input rows labelled "computed at build time"; the case's own
WACC, terminal input, FX and shares are its input rows, so the discounting, the bridge, the weights
and the price are live formulas. The live case itself flows through the DCF sheet (its inputs CHOOSE
on the selector); the Checks sheet's scenario check shows when the live case's row no longer equals it.
"""
from __future__ import annotations

from typing import NamedTuple

from ...formula.expr import Cell, Expr, LineAt, cell_or_one
from ...labels import words as W
from ...assumptions.schema import Assumptions
from ..handles import ValuationHandles
from ..input_writer import InputWriter
from ..sheet_writer import MONEY, PCT, SheetWriter, source_note
from ..valuation import METHODS, ValuationMethod
from ..valuation.dcf import enterprise_value, last_year, terminal_value


class CaseFigures(NamedTuple):
    """What the build computes for one case with that case live (`assemble._case_figures`)."""
    basis: float | None                 # the single multiple method's basis metric
    part_basis: dict[str, float]        # a blend's multiple parts: method slug -> basis metric
    fcff: tuple = ()                    # the DCF's free cash flow by period (None outside the estimate years)
    last_ebitda: float | None = None    # the last estimate year's EBITDA (an exit multiple's basis)


def case_figures(model, method: ValuationMethod) -> CaseFigures:
    """One case's figures from the model built with that case live."""
    val = model.handles.valuation
    parts = {METHODS[name].slug: model.value(f"VAL_basis_{METHODS[name].slug}")
             for name, *_ in val.blend if not METHODS[name].is_dcf}
    basis = None if method.is_dcf or method.is_blend else model.value(val.basis)
    if val.dcf is None:
        return CaseFigures(basis, parts)
    last, ppy = len(model.periods) - 1, 4 if model.periods[0].quarter is not None else 1
    last_ebitda = sum(model.line_value(val.dcf.ebitda, last - k) for k in range(ppy))  # a quarterly model's year
    return CaseFigures(basis, parts, tuple(model.series(val.dcf.fcff)), last_ebitda)


def computed_rows(w: SheetWriter, a: Assumptions, inputs: InputWriter, figures: dict[str, CaseFigures]) -> dict:
    """Each case's computed figures as labelled input rows: case -> {"fcff": line, "ebitda": cell, slug: cell}."""
    w.section("in", W("in.scenario_basis"))
    out = {}
    for c in inputs.case_keys:
        f, rows = figures[c], {}

        def put(key, words, unit, fmt, value) -> str:
            return w.cell("in", f"scenario_{c}_{key}", W("in.scenario_basis_case").format(
                case=inputs.case_names[c], basis=words), unit, fmt, value, named=False,
                source=source_note("scenario_basis_computed"), input_kind="computed").key

        for part in a.valuation.blend:
            m = METHODS[part.method]()
            if not m.is_dcf:
                per_share = m.per_share_basis
                rows[m.slug] = put(f"basis_{m.slug}", m.words("basis"), a.units.currency if per_share else MONEY,
                                   "eps" if per_share else "money", f.part_basis[m.slug])
        if f.fcff:
            rows["fcff"] = w.line("in", f"scenario_{c}_fcff", W("in.scenario_basis_case").format(
                case=inputs.case_names[c], basis=W("dcf.fcff")), MONEY, "money", list(f.fcff), named=False,
                source=source_note("scenario_basis_computed"), input_kind="computed").key
            if not a.valuation.dcf.terminal_growth:
                rows["ebitda"] = put("last_ebitda", W("dcf.ebitda_last"), MONEY, "money", f.last_ebitda)
        out[c] = rows
    return out


def case_target_price(w: SheetWriter, a: Assumptions, method: ValuationMethod, inputs: InputWriter,
                      val: ValuationHandles, case: str, rows: dict, cell) -> Expr:
    """One case's target price (market currency): the DCF on the case's flows, or the blend's parts weighted.
    `cell(key, words, unit, fmt, entry, **fields)` writes one of the case's cells and returns its key."""
    fx = Cell(inputs.case_input("market.fx", case)) if val.fx else cell_or_one(None)  # one currency: no FX
    shares = Cell(inputs.case_input("market.shares_outstanding_m", case))
    if method.is_dcf:
        return _dcf_price(w, a, inputs, val, case, rows, cell, fx, shares)
    total = None
    for name, weight, _, multiple, _ in val.blend:
        m = METHODS[name]()
        if m.is_dcf:
            price = _dcf_price(w, a, inputs, val, case, rows, cell, fx, shares)
        else:
            price = m.price(Cell(multiple), Cell(rows[m.slug]), fx, shares,
                            bridge=Cell(val.bridge) if m.enterprise else None)
        part = cell(f"target_price_{m.slug}", W("val.blend_target_price").format(method=name),
                    a.units.market_symbol, "price", price)
        term = Cell(weight) * Cell(part)
        total = term if total is None else total + term
    return total


def _dcf_price(w: SheetWriter, a: Assumptions, inputs: InputWriter, val: ValuationHandles, case: str, rows: dict,
               cell, fx: Expr, shares: Expr) -> Expr:
    """The case's flows discounted at its WACC, its terminal value, less the bridge, per share."""
    dcf, d = val.dcf, a.valuation.dcf
    last = w.n - 1
    typed = d.wacc is not None  # a built WACC's inputs are the same in every case
    wacc = cell("wacc", W("dcf.wacc"), PCT, "pct",
                Cell(inputs.case_input("valuation.dcf.wacc", case)) if typed else Cell(dcf.wacc))
    term_key = "terminal_growth" if dcf.by_growth else "exit_multiple"
    terminal = cell(term_key, W(f"dcf.{term_key}"), PCT if dcf.by_growth else "x",
                    "pct" if dcf.by_growth else "multiple", Cell(inputs.case_input(f"valuation.dcf.{term_key}", case)))
    last_ebitda = Cell(rows["ebitda"]) if "ebitda" in rows else None
    tv = cell("terminal_value", W("dcf.terminal_value"), MONEY, "money",
              terminal_value(dcf.by_growth, last_year(rows["fcff"], last, w.ppy), last_ebitda, Cell(wacc),
                             Cell(terminal)))
    ev = cell("enterprise_value", W("val.enterprise_value"), MONEY, "money",
              enterprise_value(rows["fcff"], dcf.period, range(w.n_act, w.n), Cell(wacc), Cell(tv),
                               LineAt(dcf.period, last) + Cell(dcf.mid_year)))
    return (Cell(ev) - Cell(val.bridge)) * fx / shares
