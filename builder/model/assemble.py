"""Build the model from its blocks, in the order their inputs require.

Each block (`blocks/`) writes its sheet's rows and returns typed handles to the lines it
defined; the next blocks receive only the handles they read. Every line is defined once and
gives both its Excel formula and its value (`expr.py`).
"""
from __future__ import annotations

from ..schema import Assumptions
from .blocks.balance import build_balance
from .blocks.cash_flow import build_cash_flow
from .blocks.checks import build_checks
from .blocks.cover import build_cover
from .blocks.income import build_income
from .blocks.inputs import build_inputs
from .blocks.per_share import build_per_share
from .blocks.returns import build_returns
from .blocks.revenue import build_revenue
from .blocks.revisions import Previous, build_revisions
from .blocks.scenarios import build_scenarios
from .blocks.sensitivity import build_sensitivity
from .blocks.valuation import build_valuation
from .core import Model
from .handles import ModelHandles
from .input_writer import InputWriter
from .sheet_writer import SHEETS, SheetWriter
from .valuation import method_for


def build_model(a: Assumptions, previous: Previous | None = None) -> Model:
    """The model; with `previous` (an earlier model's key outputs) it adds a Revisions sheet."""
    method = method_for(a.valuation.multiple)
    w = SheetWriter(a, tuple(sid for sid, *_ in SHEETS if sid != "rev" or previous is not None))
    inputs = InputWriter(w, a)
    inp = build_inputs(inputs, a, method)
    rb = build_revenue(w, a, inp)
    pl = build_income(w, a, inp, rb)
    bs = build_balance(w, a, inp, pl)
    cf = build_cash_flow(w, a, inp, pl, bs)
    val = build_valuation(w, a, method, inp, rb, pl, bs)
    returns = build_returns(w, a, inp, pl)
    per_share = build_per_share(w, a, inp, pl, bs, val, returns)
    scn = build_scenarios(w, inputs, a, method, inp, rb, val)
    sens = build_sensitivity(w, a, method, inp, val)
    chk = build_checks(w, a, method, inp, rb, pl, bs, cf, val, scn)
    cover = build_cover(w, a, val, chk)
    rev = build_revisions(w, a, previous, val) if previous is not None else None
    handles = ModelHandles(inp, rb, pl, bs, cf, val, scn, sens, chk, cover, rev, per_share=per_share, returns=returns)
    return Model(w.periods, list(w.sheets.values()), handles)
