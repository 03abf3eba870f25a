"""Build the model from its blocks, in the order their inputs require.

Each block (`blocks/`) writes its sheet's rows and returns typed handles to the lines it
defined; the next blocks receive only the handles they read. Every line is defined once and
gives both its Excel formula and its value (`expr.py`).
"""
from __future__ import annotations

from ..assumptions.schema import Assumptions
from ..assumptions.variance_rules import period_index
from .blocks.balance import build_balance
from .blocks.cash_flow import build_cash_flow
from .blocks.checks import build_checks
from .blocks.consensus import build_consensus
from .blocks.cover import build_cover
from .blocks.dcf import build_dcf
from .blocks.enterprise import build_enterprise_lines
from .blocks.football import build_football
from .blocks.income import build_income
from .blocks.inputs import build_inputs
from .blocks.per_share import build_per_share
from .blocks.returns import build_returns
from .blocks.revenue import build_revenue
from .blocks.revisions import Previous, build_revisions
from .blocks.scenario_cases import CaseFigures, case_figures
from .blocks.scenarios import build_scenarios
from .blocks.sensitivity import build_sensitivity
from .blocks.sensitivity_blend import build_blend_sensitivity
from .blocks.valuation import build_valuation
from .blocks.variance import build_variance
from .core import Model
from .handles import ModelHandles
from .input_writer import InputWriter
from .sheet_writer import SHEETS, SheetWriter
from .valuation import method_for, needs_dcf


def build_model(a: Assumptions, previous: Previous | None = None, *, one_case: bool = False) -> Model:
    """The model; with `previous` (an earlier model's key outputs) it adds a Revisions sheet.
    `one_case`: a nested build that values only the live case (no every-case table)."""
    method = method_for(a.valuation.multiple)
    case_basis = None if one_case or method.scenario_chain or not a.scenarios.cases else _case_basis(a, method)
    w = SheetWriter(a, tuple(sid for sid, *_ in SHEETS if (sid != "rev" or previous is not None)
                             and (sid != "dcf" or needs_dcf(a)) and (sid != "var" or a.variance is not None)))
    inputs = InputWriter(w, a)
    inp = build_inputs(inputs, a, method)
    rb = build_revenue(w, a, inp)
    pl = build_income(w, a, inp, rb)
    bs = build_balance(w, a, inp, pl)
    cf = build_cash_flow(w, a, inp, pl, bs)
    ent = build_enterprise_lines(w, a, inp, pl, bs, cf)
    dcf = build_dcf(w, inputs, a, inp, bs, cf, ent) if needs_dcf(a) else None
    val = build_valuation(w, a, method, inp, rb, pl, bs, ent, dcf)
    returns = build_returns(w, a, inp, pl)
    per_share = build_per_share(w, a, inp, pl, bs, val, returns)
    scn = build_scenarios(w, inputs, a, method, inp, rb, val, case_basis)
    sens = build_blend_sensitivity(w, a, inp, val) if method.is_blend else build_sensitivity(w, a, method, inp, val)
    football = build_football(w, a, inp, val, sens)
    chk = build_checks(w, a, method, inp, rb, pl, bs, cf, val, scn)
    cover = build_cover(w, a, val, chk)
    rev = build_revisions(w, a, previous, val) if previous is not None else None
    var = build_variance(w, a) if a.variance is not None and period_index(a) is not None else None
    consensus = build_consensus(w, a) if a.consensus else None
    handles = ModelHandles(inp, rb, pl, bs, cf, ent, val, scn, sens, chk, cover, rev, per_share, returns, var,
                           football, consensus)
    return Model(w.periods, list(w.sheets.values()), handles)


def _case_basis(a: Assumptions, method) -> dict[str, CaseFigures]:
    """Each scenario case's basis metric (a DCF's flows, a blend's parts' metrics), from the whole model built
    with that case live."""
    out = {}
    for case in ["base"] + [c.key for c in a.scenarios.cases]:
        live = a.model_copy(update={"scenarios": a.scenarios.model_copy(update={"live": case})})
        out[case] = case_figures(build_model(live, one_case=True), method)
    return out
