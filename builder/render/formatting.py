"""Numbers as the documents print them: one module for the summaries' filters and the PNG charts' labels.

The summaries' formatters take any value and print "-" for one that is not a number (a blank, text or a
spreadsheet error); the chart formatters take numbers only, since a chart plots numbers only.
"""
from __future__ import annotations


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _unsigned_zero(text: str) -> str:
    """A value that rounds to zero prints without a sign: "0%", not "-0%" (a client reads "-0" as a loss)."""
    return text[1:] if text.startswith("-") and not any(c in "123456789" for c in text) else text


def money(v) -> str:
    """Thousands separated, no decimals, never "-0"."""
    return "-" if not _is_number(v) else _unsigned_zero(f"{v:,.0f}")


def pct(v, digits=0) -> str:
    return "-" if not _is_number(v) else _unsigned_zero(f"{v * 100:.{digits}f}%")


def num(v, digits=2) -> str:
    return "-" if not _is_number(v) else _unsigned_zero(f"{v:,.{digits}f}")


def hundred_millions(v) -> str:
    """An amount in millions stated in 亿 (100 m), with the decimals its size needs: 494, 24.2, 2.42."""
    if not _is_number(v):
        return "-"
    x = v / 100
    return num(x, 0 if abs(x) >= 100 else 1 if abs(x) >= 10 else 2)


def large_amount(v, lang: str) -> str:
    """An amount in millions in words of `lang`: 494 亿 / 5,000 万 in Chinese, 49.4bn / 242m in English."""
    if not _is_number(v):
        return "-"
    if lang == "zh":
        return f"{hundred_millions(v)} 亿" if abs(v) >= 100 else f"{v * 100:,.0f} 万"
    return f"{num(v / 1000, 1)}bn" if abs(v) >= 1000 else f"{v:,.0f}m"


# -- chart labels and ticks (numbers only) -------------------------------------------------------------
def chart_pct(v, _=None, digits=0) -> str:
    """A fraction as a percentage; the unused second argument is matplotlib's tick position."""
    return _unsigned_zero(f"{v * 100:.{digits}f}%")


def chart_amount(v, _=None) -> str:
    return _unsigned_zero(f"{v:,.0f}")


def chart_multiple(v, _=None, digits=0) -> str:
    return _unsigned_zero(f"{v:.{digits}f}x")
