"""Problems of a valuation that only the built model shows: a multiple applied to a basis metric that
is zero or negative (P/E on a loss). Reported like the schema's cross-field rules ('field.path: problem')."""
from __future__ import annotations

from ...schema import Assumptions

SUGGESTION = {"P/E": "a revenue-based method (P/S, EV/Sales) or EV/EBITDA",
              "P/B": "a revenue- or earnings-based method (P/S, EV/Sales, P/E)",
              "EV/EBITDA": "a revenue-based method (P/S, EV/Sales)"}


def valuation_problems(a: Assumptions):
    multiple = a.valuation.multiple
    if multiple not in SUGGESTION:  # revenue: the schema already requires it positive in the actuals
        return
    from ..assemble import build_model  # the model is built only for the methods that need the check
    model = build_model(a, one_case=True)
    val = model.handles.valuation
    basis = model.value(val.basis)
    if not isinstance(basis, (int, float)) or basis <= 0:
        shown = f"{basis:,.4g}" if isinstance(basis, (int, float)) else str(basis)
        yield (f"valuation.multiple: {multiple} needs a positive basis metric, but "
               f"{model.cells[val.basis].name['en']} ({a.valuation.basis_year}) is {shown}; "
               f"use {SUGGESTION[multiple]} instead")
