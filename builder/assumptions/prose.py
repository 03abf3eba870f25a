"""Numbers in prose: placeholders in thesis, method and risk text that the build fills from the model.

A placeholder is `{key}` or `{key@year}`, optionally with a format after a colon: a unit (`m`
millions, `bn` billions, `yi` 亿, `wan` 万, `%` percent, `x` a plain multiple) and/or a number of
decimals, e.g. `{revenue@2025:yi2}` -> 90.92, `{revenue_yoy@2025}` -> 18%, `{target_multiple:0}` -> 5.
The unit word itself (亿元, bn, x) stays in the prose, where the analyst puts it in each language.
Money is in the model's money unit (millions); `yi`, `bn`, `wan` convert from millions.
Braces that do not form a placeholder are left as they are.
"""
from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{([a-z_]+)(?:@(\d{4}))?(?::(m|bn|yi|wan|%|x)?(\d)?)?\}")

# Values by fiscal year (`@year` required) and model-wide ones (no year), with their default format.
BY_YEAR = {"revenue": "m0", "revenue_yoy": "%0", "adj_net_profit": "m0", "adj_net_profit_yoy": "%0",
           "eps": "x2", "roe": "%0", "pe": "x1", "pb": "x1"}
SINGLE = {"target_price": "x2", "price": "x2", "upside": "%0", "target_multiple": "x1",
          "target_market_cap": "m0", "market_cap": "m0", "basis_revenue": "m0"}

_SCALE = {"m": 1.0, "bn": 1e-3, "yi": 1e-2, "wan": 1e2, "%": 100.0, "x": 1.0}


def placeholders(text: str):
    """(key, year or None, unit, decimals) of every placeholder in `text`."""
    for m in PLACEHOLDER.finditer(text):
        yield m.group(1), int(m.group(2)) if m.group(2) else None, m.group(3), m.group(4)


def problems(text: str, years) -> list[str]:
    """What is wrong with the placeholders of `text`: unknown keys, a missing or unknown year."""
    out = []
    for key, year, _, _ in placeholders(text):
        if key in BY_YEAR:
            if year is None:
                out.append(f"placeholder {{{key}}} needs a year, e.g. {{{key}@{max(years)}}}")
            elif year not in years:
                out.append(f"placeholder {{{key}@{year}}}: {year} is not one of the model's years")
        elif key in SINGLE:
            if year is not None:
                out.append(f"placeholder {{{key}@{year}}}: {key} takes no year")
        else:
            out.append(f"placeholder {{{key}}}: unknown; use one of {', '.join(sorted({**BY_YEAR, **SINGLE}))}")
    return out


def format_value(value, key: str, unit: str | None, decimals: str | None) -> str:
    default = BY_YEAR.get(key) or SINGLE[key]
    unit = unit or default[0]
    digits = int(decimals) if decimals is not None else (int(default[1]) if unit == default[0] else 2)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return "-"
    text = f"{value * _SCALE[unit]:,.{digits}f}"
    return text + "%" if unit == "%" else text


def fill(text: str, value_of) -> str:
    """`text` with every placeholder replaced by `value_of(key, year)`, formatted."""
    def one(m):
        key, year = m.group(1), int(m.group(2)) if m.group(2) else None
        if key not in BY_YEAR and key not in SINGLE:
            return m.group(0)
        return format_value(value_of(key, year), key, m.group(3), m.group(4))
    return PLACEHOLDER.sub(one, text)
