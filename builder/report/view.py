"""The report view: every fact the outputs show, computed once from the model, in final units.

Renderers (workbook extras, native charts, Markdown summaries, PNG charts) read only these frozen
dataclasses and the layout. Text in several languages is a `Words` (language -> text); attribute
names follow the assumptions' own (`name_zh`, `name_en`, ...) where templates already use them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..labels import Words

Number = Any  # a float, or a spreadsheet error / None where the model has no value


@dataclass(frozen=True)
class Company:
    id: str
    name: Words
    ticker: str
    name_zh: str
    name_en: str
    sector: Words | None


@dataclass(frozen=True)
class ReportInfo:
    date: dt.date
    broker: Words
    title: Words
    action: Words
    disclaimer: Words | None
    analysts: tuple[str, ...]


@dataclass(frozen=True)
class Units:
    currency: str
    money: Words                     # the money unit's name, e.g. 百万元 / RMB m
    market_currency: str
    market_symbol: str
    money_zh: str
    money_en: str
    symbol: Words | None = None      # the market currency in each language: 港元 / HK$ (words.currency.*)
    currency_words: Words | None = None  # the reporting currency in each language: 元 / RMB, 美元 / USD


@dataclass(frozen=True)
class Headline:
    rating: Number                   # the rating's key word (as the model stores it)
    rating_words: Words              # the rating in each language
    target_price: Number
    upside: Number
    target_market_cap: Number        # market currency, millions
    market_cap: Number
    price: Number
    price_date: dt.date


@dataclass(frozen=True)
class ValuationFacts:
    method: Words                    # the analyst's description of the method
    multiple: str                    # the method's multiple, e.g. P/S
    target_multiple: Number
    basis_year: int
    basis_column: int                # the basis year's year-end period (its full-year figures)
    basis_first_column: int          # the basis year's first period (see make.py: the PNG peer chart)
    basis_metric: Number             # basis-year revenue for P/S
    fx: Number
    shares: Number
    master_check: Number
    master_check_line: str           # the model cell every sheet's header links to
    # Added with the valuation methods: the method's slug (catalog words valuation.<slug>.*) and,
    # for enterprise methods, the bridge from enterprise to equity value (reporting currency).
    slug: str = "ps"
    enterprise_value: Number = None
    bridge: Number = None
    equity_value: Number = None
    per_share: bool = False          # the basis metric is per share (P/E, P/B)
    wacc: Number = None              # a DCF's WACC and terminal assumption (growth or exit multiple)
    terminal: Number = None
    blend: tuple = ()                # a blend's parts: (method name, weight, its own target price)


@dataclass(frozen=True)
class Financials:
    """Key financials by fiscal year: one value per column of `years`."""
    years: tuple[str, ...]
    revenue: tuple
    revenue_yoy: tuple
    adj_net_profit: tuple
    adj_net_profit_yoy: tuple
    eps: tuple
    roe: tuple
    pe: tuple
    pb: tuple
    dps: tuple = ()              # empty: no dividends
    dividend_yield: tuple = ()
    eps_basis: str = "adjusted"  # "basic": eps is attributable profit / weighted shares


@dataclass(frozen=True)
class Peer:
    name: Words
    code: str
    currency: str
    market_cap: float | None
    revenue: tuple[tuple[int, float | None], ...]    # (year, revenue), by year
    multiples: tuple[tuple[int, Number], ...]        # (peer year, the method's multiple), year-end columns
    multiple_at_basis: Number                        # at basis_first_column (the PNG chart's figure)
    unit: str = "100m"                               # the peer's money unit: m, 100m or bn


@dataclass(frozen=True)
class Peers:
    rows: tuple[Peer, ...]
    average: tuple[tuple[int, Number], ...]          # (peer year, average multiple)
    average_at_basis: Number
    years: tuple[int, ...]                           # peer years shown
    revenue_years: tuple[int, ...]                   # years of any peer's revenue
    multiple: str = ""                               # the multiple shown (a blend's: its first multiple part's)
    slug: str = ""
    target_multiple: Number = None                   # the model's own target of that multiple


@dataclass(frozen=True)
class Scenario:
    key: str
    name: Words
    live: bool
    basis_metric: Number
    target_multiple: Number
    target_price: Number
    upside: Number
    rating: Number                   # as the model states it (both names in a two-language model)
    rating_name: Words | None = None  # the rating in each language (None: not a rating of the scale)
    wacc: Number = None               # a DCF's (or a blend's DCF part's) WACC and enterprise value in this case
    enterprise_value: Number = None
    part_prices: tuple[tuple[str, Number], ...] = ()  # a blend: (method, its target price in this case)


@dataclass(frozen=True)
class SensitivityRow:
    multiple: Number
    prices: tuple
    base: bool


@dataclass(frozen=True)
class Sensitivity:
    """Target price by target multiple (rows) and basis-year metric change (columns)."""
    changes: tuple[float, ...]
    rows: tuple[SensitivityRow, ...]
    base_column: int
    axes: tuple[str, ...] = ()       # a blend: the parts whose axes are the rows and the columns
    formats: tuple[str, ...] = ()    # and their formats ("multiple" or "pct")


@dataclass(frozen=True)
class Revision:
    name: Words
    fmt: str                         # money, eps, price or text
    period: str                      # period label, "" for a model-wide figure
    new: Number
    old: Number
    change: Number
    new_name: Words | None = None    # a rating's words in each language (fmt "text"), when of the scale
    old_name: Words | None = None


@dataclass(frozen=True)
class VarianceRow:
    """One estimated line of the period just reported (the Variance sheet's stored values)."""
    name: Words
    fmt: str                         # the model line's number format (money, eps, pct ...)
    estimate: Number
    reported: Number
    difference: Number
    difference_pct: Number           # None: n.m. (an estimate of 0)
    beat: bool | None                # revenue, attributable profit and EPS only


@dataclass(frozen=True)
class ResultsReview:
    period: str                      # the reported period's label
    previous: str                    # the file the estimates came from
    rows: tuple[VarianceRow, ...]


@dataclass(frozen=True)
class ConsensusRow:
    """One consensus figure against the model (the Valuation sheet's stored values)."""
    name: Words
    fmt: str                         # money or eps
    period: str
    model: Number
    consensus: Number
    vs_consensus: Number             # None: n.m. (a consensus of 0)


@dataclass(frozen=True)
class Rating:
    zh: str
    en: str
    min_upside: float
    name: Words
    description: Words
    description_zh: str
    description_en: str


@dataclass(frozen=True)
class Segment:
    name: Words
    line: str                        # the model line the native chart plots
    values: tuple[float, ...]        # per period, 0 where the model has no number


@dataclass(frozen=True)
class FootballBar:
    name: Words
    low: Number
    high: Number


@dataclass(frozen=True)
class FootballField:
    """Per-share value ranges (market currency) and the two prices they are read against."""
    bars: tuple[FootballBar, ...]    # the method's sensitivity range, the 52-week range (when given)
    price: Number
    target_price: Number
    first_line: str                  # the native chart's base cells: each bar's low, then price, target price
    last_line: str
    width_first_line: str | None     # the stacked part: each bar's high - low (None without bars)
    width_last_line: str | None


@dataclass(frozen=True)
class ChartData:
    """What the summary PNGs and the workbook's native charts show."""
    periods: tuple[str, ...]
    first_estimate: int | None
    segments: tuple[Segment, ...]
    total_line: str
    yoy_line: str
    yoy_first_column: int            # the native chart's growth line starts here (0 with a prior-year growth)
    yoy: tuple                       # total revenue growth per period
    gross_margin_line: str
    gross_margin: tuple
    adj_net_margin_line: str
    adj_net_margin: tuple
    margin_sheet_line: str           # the native margin chart sits on this line's sheet
    peer_first_line: str             # the native peer chart's rows: first peer ...
    peer_last_line: str              # ... through the target multiple
    segments_are: Words | None = None  # what the segments are ("customer", "product" ...), for titles
    football: FootballField | None = None


@dataclass(frozen=True)
class ReportView:
    languages: tuple[str, ...]
    company: Company
    report: ReportInfo
    units: Units
    headline: Headline
    valuation: ValuationFacts
    financials: Financials
    peers: Peers
    scenarios: tuple[Scenario, ...]
    sensitivity: Sensitivity
    revisions: tuple[Revision, ...]
    thesis: tuple[Words, ...]
    risks: tuple[Words, ...]
    rating_scale: tuple[Rating, ...]  # best first, as the outputs list them
    charts: ChartData
    embedded_assumptions: str          # the assumptions as the workbook carries them (for extract)
    # The assumptions as read, only for analysts' own templates: the README promises them the
    # variable `a`. Nothing of ours reads it.
    template_assumptions: Any
    results_review: ResultsReview | None = None  # only with a `variance` section
    consensus: tuple[ConsensusRow, ...] = ()     # only with consensus figures
