"""What `validate` promises: a file it accepts builds, with every check of the workbook TRUE.

The schema's rules cannot see that actual figures contradict each other (a reported balance sheet
that does not balance, cash-flow lines that do not explain the change in cash), so validation also
evaluates the model (no I/O) and turns each failed check into a `field.path: problem` line naming
the check, the period, both sides and the difference. A build runs the same checks before writing.
"""
from __future__ import annotations

import math

from ..formula.expr import Expr, Func, XLError
from ..formula.limits import MAX_FORMULA_CHARS, MAX_NESTING
from ..model import Model, build_model
from ..assumptions.schema import Assumptions, BSRole
from ..assumptions.variance_rules import variance_key_problems

MAX_LISTED = 12  # failed checks listed one per line; the rest are counted


def checked_model(a: Assumptions, previous=None, limits: bool = True,
                  keep: bool = False) -> tuple[Model | None, list[str]]:
    """The model and its problems ('field.path: problem'); the model is None when it cannot be built.
    `limits=False` skips rendering formulas against Excel's limits: they depend only on the model's shape,
    which validation checked and a price refresh, a scenario or previous estimates do not change.
    `keep`: a caller between validation and the build (`roll` reads the rolled model) leaves the cached
    model for the build."""
    # One use: validation, then the build of those very assumptions.
    cached = _cache.get("last") if keep else _cache.pop("last", None)
    if cached is not None and cached[0] is a and previous is None:
        return cached[1], cached[2]
    gaps = list(_unheld_flows(a))
    if gaps:
        return None, gaps
    try:
        model = build_model(a, previous)
    except (ValueError, KeyError, IndexError, ZeroDivisionError, OverflowError) as e:
        # A gap in the rules; one line instead of a traceback, with what went wrong.
        return None, [f"model: cannot be built from these assumptions ({type(e).__name__}: {e})"]
    problems = model_problems(model, a, limits)
    if previous is None and limits:
        _cache["last"] = (a, model, problems)  # so validate-then-build evaluates the model once
    return model, problems


_cache: dict[str, tuple] = {}


def _unheld_flows(a: Assumptions):
    """Flows the model computes but no balance-sheet line would hold, so the balance sheet could not balance."""
    if a.minority_share is not None and not any(b.role == BSRole.minority_interest for b in a.balance_sheet):
        for j, share in enumerate(a.minority_share.values):
            if share:
                yield (f"minority_share.values[{j}]: {share} of net profit goes to minority interests, but the "
                       f"balance sheet has no minority_interest line to hold it; add one or make the share 0")


def model_problems(model: Model, a: Assumptions, limits: bool = True) -> list[str]:
    problems = list(_contradicting_actuals(model, a)) + list(variance_key_problems(model, a))
    if problems:
        return problems  # later failures follow from these; naming the cause is enough
    problems = list(_spreadsheet_errors(model)) or list(_failed_checks(model))
    if not problems and limits:
        problems = list(formulas_past_limits(model))
    if len(problems) > MAX_LISTED:
        problems = problems[:MAX_LISTED] + [f"checks: and {len(problems) - MAX_LISTED} more"]
    return problems


def _contradicting_actuals(model: Model, a: Assumptions):
    tol = model.series("CHK_tolerance")
    cash, ncf, fx = (model.series(k) for k in ("CF_cash_end", "CF_net_cash_flow", "CF_fx_effect_on_cash"))
    assets, claims = model.series("BS_total_assets"), model.series("BS_total_liabilities_and_equity")
    for p, period in enumerate(model.periods):
        if not period.actual or not _numbers(assets[p], claims[p], tol[p]):
            continue
        if abs(assets[p] - claims[p]) > tol[p]:
            yield (f"balance_sheet: {period.label}: assets {_n(assets[p])} vs liabilities and equity "
                   f"{_n(claims[p])} (difference {_n(assets[p] - claims[p])}, tolerance {_n(tol[p])})")
    for p, period in enumerate(model.periods):
        if p == 0 or not period.actual or not _numbers(cash[p], cash[p - 1], ncf[p], tol[p]):
            continue
        explained = cash[p - 1] + ncf[p] + (fx[p] or 0)
        if abs(cash[p] - explained) > tol[p]:
            yield (f"cash_flow.actuals: {period.label}: cash {_n(cash[p])} vs prior cash {_n(cash[p - 1])} + "
                   f"net cash flow {_n(ncf[p])} + FX effect {_n(fx[p] or 0)} = {_n(explained)} "
                   f"(difference {_n(cash[p] - explained)}, tolerance {_n(tol[p])})")


def _spreadsheet_errors(model: Model):
    revenue = model.series("IS_revenue")
    zero = [p.label for p, r in zip(model.periods, revenue) if _numbers(r) and r == 0]
    if zero:  # the usual cause, named by its field: every ratio to revenue and growth from it divides by 0
        yield (f"revenue.segments: revenue is 0 in {', '.join(zero)}, so margins, cost ratios and growth "
               f"divide by zero (#DIV/0!); give the segments' actual revenue")
        return
    for key, line in model.lines.items():
        for p, value in enumerate(model.series(key)):
            if _bad(value):
                yield (f"model: {line.name_en} ({key}) evaluates to {_what(value)} in {model.periods[p].label}"
                       if line.periodic else f"model: {line.name_en} ({key}) evaluates to {_what(value)}")
                break
    for key, cell in model.cells.items():
        if _bad(model.value(key)):
            yield f"model: {cell.name_en} ({key}) evaluates to {_what(model.value(key))}"


def _bad(value) -> bool:
    """A spreadsheet error, or a number no spreadsheet can hold (overflow to infinity, or NaN)."""
    return isinstance(value, XLError) or (isinstance(value, float) and not math.isfinite(value))


def _what(value) -> str:
    return str(value) if isinstance(value, XLError) else f"{value} (a number beyond Excel's range)"


def _failed_checks(model: Model):
    """Every check that is not TRUE, with its difference (the row above it on the Checks sheet)."""
    tol = model.series("CHK_tolerance")
    for key, line in model.lines.items():
        if not line.check:
            continue
        diff = model.lines.get(f"{key}_diff")
        for p, value in enumerate(model.series(key)):
            if value is False:
                amount = model.line_value(diff.key, p) if diff else None
                yield (f"checks: {line.name_en}: {model.periods[p].label}: difference {_n(amount)} "
                       f"(tolerance {_n(tol[p])})")
    for key, cell in model.cells.items():
        if cell.check and key != "CHK_master" and model.value(key) is False:
            diff = model.cells.get(f"{key}_diff")
            amount = f": difference {_n(model.value(diff.key))}" if diff else ""
            yield f"checks: {cell.name_en}{amount}"


def formulas_past_limits(model: Model):
    """Formulas Excel would refuse: too long, too deeply nested, or a function with too many arguments.
    Each distinct formula of a row is rendered once, at its last period (the longest references)."""
    from ..model.layout import Layout, RenderCtx
    layout = Layout(model)
    for sheet in model.sheets:
        for row in sheet.rows:
            entries = getattr(row, "entries", None) or [getattr(row, "entry", None)]
            last = {id(e): (p, e) for p, e in enumerate(entries) if isinstance(e, Expr)}
            for p, expr in last.values():
                try:
                    text = expr.render(RenderCtx(layout, sheet.title, p))
                    problem = (f"a formula of {len(text) + 1:,} characters (Excel's limit is {MAX_FORMULA_CHARS:,})"
                               if len(text) + 1 > MAX_FORMULA_CHARS else
                               f"functions nested {_depth(expr)} deep (Excel's limit is {MAX_NESTING})"
                               if _depth(expr) > MAX_NESTING else None)
                except ValueError as e:  # a function with more arguments than Excel allows
                    problem = str(e)
                except (IndexError, KeyError) as e:  # a gap in the rules: one line, not a traceback
                    problem = f"a formula that cannot be written ({type(e).__name__}: {e})"
                if problem:
                    yield f"{_field_of(row.key)}: {row.name_en} ({row.key}) would need {problem}"
                    break


def _depth(expr) -> int:
    inner = [_depth(v) for v in vars(expr).values() if isinstance(v, Expr)]
    inner += [_depth(a) for a in getattr(expr, "args", ())]
    return (1 if isinstance(expr, Func) else 0) + max(inner, default=0)


def _field_of(key: str) -> str:
    """The assumptions field whose size makes a row's formula long (its lines, cases or segments)."""
    for prefix, field in (("RB_", "revenue.segments"), ("BS_", "balance_sheet"), ("CF_", "balance_sheet"),
                          ("IS_", "opex"), ("IN_", "scenarios.cases")):
        if key.startswith(prefix):
            return field
    return "model"


def _numbers(*values) -> bool:
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def _n(x) -> str:
    """15,070 or 15,070.5: thousands separated, at most two decimals, no trailing zeros."""
    if not _numbers(x):
        return str(x)
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
