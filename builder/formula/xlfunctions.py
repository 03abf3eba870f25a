"""The spreadsheet functions a formula may call, evaluated in Python as Excel and LibreOffice do.

Each takes the evaluation context and the call's argument expressions; `FUNCTIONS` maps a function's
Excel name to it.
"""
from __future__ import annotations

from .xlvalues import DIV0, NA, REF_ERR, VALUE_ERR, XLError, num as _num, numbers as _numbers


def _flatten(ctx, args):
    vals = []
    for a in args:
        v = a.evaluate(ctx)
        vals.extend(v if isinstance(v, list) else [v])
    return vals


def _f_sum(ctx, args):
    return _plain_sum(_numbers(_flatten(ctx, args)))


def _plain_sum(xs):
    total = 0.0
    for x in xs:  # left to right, as spreadsheet engines add
        total += x
    return total


def _f_average(ctx, args):
    xs = _numbers(_flatten(ctx, args))
    return DIV0 if not xs else _plain_sum(xs) / len(xs)


def _f_median(ctx, args):
    xs = sorted(_numbers(_flatten(ctx, args)))
    return (xs[(len(xs) - 1) // 2] + xs[len(xs) // 2]) / 2 if xs else NA


def _f_min(ctx, args):
    xs = _numbers(_flatten(ctx, args))
    return min(xs) if xs else 0.0  # Excel: MIN of no numbers is 0


def _f_max(ctx, args):
    xs = _numbers(_flatten(ctx, args))
    return max(xs) if xs else 0.0


def _f_power(ctx, args):
    base, exponent = (_num(a.evaluate(ctx)) for a in args)
    error = next((v for v in (base, exponent) if isinstance(v, XLError)), None)
    if error is None and (base == 0 and exponent < 0 or base < 0 and exponent != int(exponent)):
        error = DIV0 if base == 0 else XLError("#NUM!")
    return error if error is not None else base ** exponent


def _f_abs(ctx, args):
    v = args[0].evaluate(ctx)
    return v if isinstance(v, XLError) else abs(_num(v))


def _f_and(ctx, args):
    vals = _flatten(ctx, args)
    err = next((v for v in vals if isinstance(v, XLError)), None)
    return err if err is not None else all(bool(v) for v in vals if isinstance(v, (bool, int, float)))


def _f_if(ctx, args):
    cond = args[0].evaluate(ctx)
    if isinstance(cond, XLError):
        return cond
    return args[1].evaluate(ctx) if cond else args[2].evaluate(ctx)


def _f_isnumber(ctx, args):
    v = args[0].evaluate(ctx)
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _f_match(ctx, args):
    needle, hay, mode = (a.evaluate(ctx) for a in args)
    if mode == 0:  # exact: the first equal value
        return next((i + 1 for i, v in enumerate(hay) if v == needle), NA)
    # mode 1: the last value <= needle, in an ascending list
    found = [i + 1 for i, v in enumerate(hay) if isinstance(v, (int, float)) and v <= needle]
    return found[-1] if found else NA


def _f_sumif(ctx, args):
    keys, wanted, values = (a.evaluate(ctx) for a in args)
    return wanted if isinstance(wanted, XLError) else _plain_sum(_numbers(
        [v for k, v in zip(keys, values) if k == wanted]))


def _f_choose(ctx, args):
    i = args[0].evaluate(ctx)
    if isinstance(i, XLError):
        return i
    i = int(_num(i))
    return args[i].evaluate(ctx) if 1 <= i < len(args) else VALUE_ERR


def _f_index(ctx, args):
    """INDEX(column, k) or INDEX(row, 1, k): every range here is one row or one column."""
    hay, picks = args[0].evaluate(ctx), [a.evaluate(ctx) for a in args[1:]]
    err = next((v for v in picks if isinstance(v, XLError)), None)
    k = None if err else int(_num(picks[-1]))
    ok = err is None and (len(picks) == 1 or int(_num(picks[0])) == 1) and 1 <= k <= len(hay)
    return hay[k - 1] if ok else (err or REF_ERR)


FUNCTIONS = {
    "SUM": _f_sum,
    "AVERAGE": _f_average,
    "MEDIAN": _f_median,
    "MIN": _f_min,
    "MAX": _f_max,
    "POWER": _f_power,
    "ABS": _f_abs,
    "AND": _f_and,
    "IF": _f_if,
    "ISNUMBER": _f_isnumber,
    "MATCH": _f_match,
    "INDEX": _f_index,
    "CHOOSE": _f_choose,
    "SUMIF": _f_sumif,
}


# Every function a formula can call. None is an Excel 2010+ "future" or dynamic-array function, so a
# rendered formula never needs the _xlfn. prefix (the workbook writer relies on this; see workbook.py).
FUNCTION_NAMES = frozenset(FUNCTIONS)
