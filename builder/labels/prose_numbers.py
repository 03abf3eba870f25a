"""Typed numbers in prose that the model contradicts: a deliberately narrow matcher, shared by the
build (the assumptions' text) and the audit (the Cover's text cells).

Prose is cut into clauses at sentence and clause marks (。；;，, ! ? and a full stop before a space).
A clause is judged only when all of these hold, so that a figure about something else is never read
as the model's:
- it names exactly one metric the word list knows (revenue, net profit, EPS: labels/prose_words.py),
  and the word right before that metric is a year, nothing, or a plain lead-in ("forecast", "预计"),
  never a qualifier ("cloud revenue" is a part);
- it has none of the words of a change, share, cap, part or loss ("growth", "同比", "上限", "from");
- it has exactly one year or year range (`2025`, `2025E`, `FY2025`, `25E`, `25年`, `2024-26E`,
  `24-26 年`) and exactly one amount or list of amounts (`76.92/90.92/103.66`), as many amounts as
  years;
- each amount carries a money unit (亿, 万, 百万, bn, m, million) for revenue and profit, or a
  currency and no unit for EPS; an amount in a currency other than the reporting currency is left
  alone (it may be the market currency's).
Each amount is compared with every model line that the metric may mean (revenue: `IS_revenue`; net
profit: attributable, adjusted, or total; EPS: the reported, basic, adjusted or diluted), for that
fiscal year, in the unit typed: it disagrees when it differs from all of them by more than half its
last printed digit (`90.9` 亿 stands for 90.85..90.95). Annual models only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .prose_words import CURRENCIES, LEAD_INS, METRIC_WORDS, OFF_TOPIC, SCALES

# The model lines each metric may mean ({cur}: the reporting currency in lower case).
CANDIDATE_LINES = {
    "revenue": ("IS_revenue",),
    "net_profit": ("IS_net_profit_parent", "IS_adj_net_profit_parent", "IS_adj_net_profit", "IS_net_profit"),
    "eps": ("KPI_eps_{cur}", "KPI_eps", "KPI_eps_adjusted", "KPI_eps_diluted"),
}

_CLAUSE = re.compile(r"[。；;！？!?\n]|[，,](?!\d{3}\b)|\.(?=\s|$)")
_YEAR = re.compile(r"(?<![A-Za-z0-9_.,/$¥])(?:FY\s?)?((?:19|20)\d{2}|\d{2})([AEFP])?"
                   r"(?:\s?[-–~至到]\s?(?:FY\s?)?((?:19|20)\d{2}|\d{2})([AEFP])?)?(?![A-Za-z0-9_.,%/])(\s?年)?")
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNTS = re.compile(rf"(?<![A-Za-z0-9_.])([-−])?((?:{_NUM})(?:\s?/\s?[-−]?(?:{_NUM}))*)")
_YEAR_MARK = "\ue000"  # stands for a year group once it has been read


def _alternation(words, latin_bounded: bool = True) -> re.Pattern:
    parts = []
    for w in sorted(words, key=len, reverse=True):
        text = re.escape(w)
        parts.append(rf"(?<![A-Za-z]){text}(?![A-Za-z])" if latin_bounded and w[0].isascii() and w[-1].isascii()
                     and w.isascii() else text)
    return re.compile("|".join(parts), re.I)


_METRIC = _alternation([w for ws in METRIC_WORDS.values() for w in ws])
_METRIC_OF = {w.lower(): m for m, ws in METRIC_WORDS.items() for w in ws}
_OFF = _alternation(OFF_TOPIC + ("亏损", "loss", "losses"))
_SCALE = re.compile(r"\s?(" + "|".join(re.escape(s) + ("(?![A-Za-z])" if s.isascii() else "")
                                       for s in sorted(SCALES, key=len, reverse=True)) + ")")
_CURRENCY = _alternation(CURRENCIES)
_CURRENCY_AFTER = re.compile(r"\s?(" + _CURRENCY.pattern + ")", re.I)
_CURRENCY_BEFORE = re.compile(r"(" + _CURRENCY.pattern + r")\s?$", re.I)


@dataclass(frozen=True)
class Claim:
    metric: str
    year: int
    typed: str        # the number as typed, e.g. "90.92"
    value: float      # in the unit typed
    scale: float | None  # millions per unit typed (亿: 100); None for a per-share amount
    unit: str         # the unit as typed ("亿", "bn", "" for EPS)
    currency: str | None


def clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE.split(text) if c.strip()]


def _years(match: re.Match) -> list[int] | None:
    first, first_mark, last, last_mark, nian = match.groups()
    short = len(first) == 2
    if short and not (first_mark or nian or match.group(0).upper().startswith("FY")):
        return None  # a bare two-digit number is not a year
    start = int(first) + (2000 if short else 0)
    if last is None:
        return [start]
    end = int(last) + (start // 100 * 100 if len(last) == 2 else 0)
    return list(range(start, end + 1)) if 0 < end - start <= 10 else None


def _lead_in_ok(before: str) -> bool:
    before = before.rstrip()
    if not before or before.endswith(_YEAR_MARK):
        return True
    return any(before.lower().endswith(w.lower()) and (not w.isascii() or not before[:-len(w)][-1:].isalpha())
               for w in LEAD_INS)


def _amount(clause: str, match: re.Match, metric: str):
    """(values as typed, scale, unit, currency) of an amount group, or None when it is not a money amount."""
    rest = clause[match.end():]
    scale_m = _SCALE.match(rest)
    unit = scale_m.group(1) if scale_m else ""
    rest = rest[scale_m.end():] if scale_m else rest
    cur_m = _CURRENCY_AFTER.match(rest)
    after = rest[cur_m.end():] if cur_m else rest
    before = _CURRENCY_BEFORE.search(clause[:match.start()])
    if after.lstrip()[:1] in ("%", "x", "X", "倍", "％"):
        return None
    currency = (cur_m or before).group(1) if (cur_m or before) else None
    code = CURRENCIES.get(currency) or CURRENCIES.get(currency.upper()) if currency else None
    if metric == "eps":
        if unit or not currency:
            return None
        scale = None
    else:
        if not unit:
            return None
        scale = SCALES[unit.lower()]
    sign = -1.0 if match.group(1) else 1.0
    typed = [t.strip() for t in match.group(2).split("/")]
    values = [(t, sign * float(t.replace("−", "-").replace(",", ""))) for t in typed]
    return values, scale, unit, code


def claims(text: str) -> list[Claim]:
    """What the prose states about the model's metrics, clause by clause (see the module's rules)."""
    out = []
    for clause in clauses(text):
        found = _clause_claims(clause)
        out.extend(found)
    return out


def _clause_claims(clause: str) -> list[Claim]:
    if _OFF.search(clause):
        return []
    year_groups = [(m, _years(m)) for m in _YEAR.finditer(clause)]
    year_groups = [(m, ys) for m, ys in year_groups if ys]
    if len(year_groups) != 1:
        return []
    match, years = year_groups[0]
    marked = clause[:match.start()] + _YEAR_MARK + " " * (len(match.group(0)) - 1) + clause[match.end():]
    metrics = list(_METRIC.finditer(marked))
    kinds = {_METRIC_OF[m.group(0).lower()] for m in metrics}
    if len(kinds) != 1 or not all(_lead_in_ok(marked[:m.start()]) for m in metrics):
        return []
    metric = kinds.pop()
    amounts = [a for a in (_amount(marked, m, metric) for m in _AMOUNTS.finditer(marked)) if a]
    if len(amounts) != 1 or len(amounts[0][0]) != len(years):
        return []
    values, scale, unit, code = amounts[0]
    return [Claim(metric, year, typed, value, scale, unit, code) for year, (typed, value) in zip(years, values)]


def _same_currency(a: str | None, b: str) -> bool:
    norm = {"rmb": "cny"}
    return a is None or norm.get(a, a) == norm.get(b.lower(), b.lower())


def _decimals(typed: str) -> int:
    return len(typed.split(".")[1]) if "." in typed else 0


def candidate_names(currency: str) -> dict[str, tuple[str, ...]]:
    return {metric: tuple(n.format(cur=currency.lower()) for n in names) for metric, names in CANDIDATE_LINES.items()}


def disagreements(text: str, lines: dict[str, dict[int, object]], currency: str) -> list[str]:
    """One sentence per typed figure of `text` that no model line it may mean agrees with. `lines`:
    defined name -> {fiscal year: value} (money in millions), `currency` the reporting currency code."""
    out = []
    names = candidate_names(currency)
    for claim in claims(text):
        if not _same_currency(claim.currency, currency):
            continue
        per_unit = claim.scale or 1.0
        found = [(name, lines[name][claim.year] / per_unit) for name in names[claim.metric]
                 if isinstance(lines.get(name, {}).get(claim.year), (int, float))
                 and not isinstance(lines[name][claim.year], bool)]
        if not found:
            continue
        tolerance = 0.5 * 10 ** -_decimals(claim.typed) + 1e-9 * abs(claim.value)
        if all(abs(claim.value - model) > tolerance for _, model in found):
            name, model = found[0]
            digits = _decimals(claim.typed)
            unit = f" {claim.unit}" if claim.unit else ""
            out.append(f"typed {claim.typed}{unit} for {claim.year} {claim.metric.replace('_', ' ')}, but the model "
                       f"has {model:,.{digits}f}{unit} ({name})")
    return out
