"""Problems of a valuation that only the built model shows: a multiple applied to a basis metric that
is zero or negative (P/E on a loss). Reported like the schema's cross-field rules ('field.path: problem')."""
from __future__ import annotations

from ..assumptions.schema import Assumptions

SUGGESTION = {"P/E": "a revenue-based method (P/S, EV/Sales) or EV/EBITDA",
              "P/B": "a revenue- or earnings-based method (P/S, EV/Sales, P/E)",
              "EV/EBITDA": "a revenue-based method (P/S, EV/Sales)"}


def valuation_problems(a: Assumptions):
    v = a.valuation
    checked = [(v.multiple, "valuation.multiple")] + [(p.method, f"valuation.blend[{i}].method")
                                                      for i, p in enumerate(v.blend)]
    checked = [(m, path) for m, path in checked if m in SUGGESTION]
    if not checked:  # revenue: the schema already requires it positive in the actuals
        return
    from ..model.assemble import build_model  # the model is built only for the methods that need the check
    from ..model.valuation import METHODS
    model = build_model(a, one_case=True)
    for multiple, path in checked:
        key = (model.handles.valuation.basis if path == "valuation.multiple"
               else f"VAL_basis_{METHODS[multiple].slug}")
        basis = model.value(key)
        if not isinstance(basis, (int, float)) or basis <= 0:
            shown = f"{basis:,.4g}" if isinstance(basis, (int, float)) else str(basis)
            yield (f"{path}: {multiple} needs a positive basis metric, but {model.cells[key].name['en']} "
                   f"({v.basis_year}) is {shown}; use {SUGGESTION[multiple]} instead")
