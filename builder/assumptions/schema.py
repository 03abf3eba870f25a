"""Typed assumptions: what an analyst writes in YAML, validated before anything is built.

Conventions (so that a file reads the way a report prints):
- money in the reporting currency and unit (`money_unit`), actuals as reported;
- operating costs (cost of revenue, opex, impairment) are positive amounts;
- other P&L lines (interest, FX, other gains, tax) carry the income-statement sign:
  negative is an expense or a loss;
- ratios, growth rates and margins are fractions (0.18 means 18%);
- every input carries a `source` note that the workbook shows beside it.
"""
from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import ClassVar, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..labels import text as _catalog_text
from .schema_consensus import ConsensusFigure
from .schema_variance import VarianceEstimates
from .schema_types import (  # noqa: F401 (re-exported: callers import the schema from here)
    KEY_PATTERN, MAX_TEXT, Bilingual, Driver, DriverKind, Language, Named, Scalar, Series, Source, Strict, _text)
from .schema_revenue import (  # noqa: F401 (re-exported)
    FACTORS, SEGMENT_DRIVER_KINDS, SEGMENT_KINDS, Revenue, RevenueFactor, Segment, SegmentCost, SegmentDriver,
    SubSegment, revenue_lines, segment_actuals)


class Company(Strict):
    id: str = Field(pattern=KEY_PATTERN, description="File stem of the outputs, e.g. kingsoft_cloud.")
    name_zh: Optional[str] = _text()
    name_en: Optional[str] = _text()
    ticker: str = Field(min_length=1)
    sector: Optional[Bilingual] = None


class Report(Strict):
    embed_when_set: ClassVar[tuple[str, ...]] = ("eps_basis",)  # added later: embedded only where a file sets it
    date: dt.date
    broker: Bilingual
    title: Bilingual
    action: Bilingual
    analysts: list[str] = Field(default_factory=list)
    disclaimer: Optional[Bilingual] = None
    eps_basis: Literal["basic", "adjusted"] = Field(
        "basic", description="The model's one EPS (KPI_eps_<cur>): the key financials, every P/E row, a P/E "
                             "valuation's basis, its scenarios and sensitivity, Revisions and diff use it. basic "
                             "(profit attributable to shareholders / weighted average shares) or adjusted (adjusted "
                             "net profit / weighted shares, as some reports print it).")


QUARTER_PATTERN = r"^(\d{4})Q([1-4])$"


class PeriodSpec(BaseModel):
    """One column of the model: a fiscal year, or a quarter of one."""
    model_config = ConfigDict(frozen=True)
    year: int
    quarter: Optional[int]
    actual: bool

    @property
    def year_end(self) -> bool:
        return self.quarter in (None, 4)


class Years(Strict):
    """Annual: `actual` and `estimate` list consecutive fiscal years. Quarterly: `frequency: quarterly`,
    the `first` quarter (e.g. 2022Q1) and how many quarters are actual and estimate."""
    frequency: Literal["annual", "quarterly"] = "annual"
    actual: list[int] = Field(default_factory=list)
    estimate: list[int] = Field(default_factory=list)
    first: Optional[str] = Field(None, pattern=QUARTER_PATTERN)
    actual_count: int = Field(0, ge=0, le=400)
    estimate_count: int = Field(0, ge=0, le=400)
    label_style: Literal["2023A", "FY2023A"] = Field("2023A", description="Column labels: 2023A or FY2023A.")
    fiscal_year_end_month: int = Field(12, ge=1, le=12, description="Month the fiscal year ends (9: September).")

    @model_validator(mode="after")
    def _consistent(self):
        if self.frequency == "annual":
            if not self.actual or not self.estimate:
                raise ValueError("an annual model lists at least one actual and one estimate year")
            years = self.actual + self.estimate
            for a, b in zip(years, years[1:]):
                if b != a + 1:
                    raise ValueError(f"years must be consecutive and ascending, got {a} then {b}")
        else:
            if self.actual or self.estimate:
                raise ValueError("a quarterly model gives first, actual_count and estimate_count, not year lists")
            if not self.first or self.actual_count < 1 or self.estimate_count < 1:
                raise ValueError("a quarterly model needs first (e.g. 2022Q1), actual_count >= 1 and "
                                 "estimate_count >= 1")
        return self

    @property
    def periods_per_year(self) -> int:
        return 4 if self.frequency == "quarterly" else 1

    def periods(self) -> list[PeriodSpec]:
        if self.frequency == "annual":
            return ([PeriodSpec(year=y, quarter=None, actual=True) for y in self.actual]
                    + [PeriodSpec(year=y, quarter=None, actual=False) for y in self.estimate])
        year, quarter = int(self.first[:4]), int(self.first[5])
        out = []
        for i in range(self.actual_count + self.estimate_count):
            out.append(PeriodSpec(year=year, quarter=quarter, actual=i < self.actual_count))
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return out

    @property
    def n_actual(self) -> int:
        return len(self.actual) if self.frequency == "annual" else self.actual_count

    @property
    def n_estimate(self) -> int:
        return len(self.estimate) if self.frequency == "annual" else self.estimate_count

    @property
    def all(self) -> list[int]:
        """Fiscal years the model covers completely (every quarter of a quarterly model's year)."""
        counts: dict[int, int] = {}
        for p in self.periods():
            counts[p.year] = counts.get(p.year, 0) + 1
        return [y for y, n in counts.items() if n == self.periods_per_year]


# Currency codes become part of defined names (KPI_eps_rmb, VAL_target_price_hkd): letters and digits only.
CURRENCY_PATTERN = r"^[A-Za-z][A-Za-z0-9]{0,9}$"


class Units(Strict):
    embed_when_set: ClassVar[tuple[str, ...]] = ("money",)  # added later: embedded only where a file sets it
    currency: str = Field(min_length=1, description="Reporting currency, e.g. RMB (letters and digits).")
    money: Optional[Literal["thousands", "millions", "billions"]] = Field(
        None, description="The money unit: thousands, millions or billions of the reporting currency; gives "
                          "its words in each language (e.g. 百万美元 / USD m) unless money_zh / money_en say them.")
    money_zh: Optional[str] = _text("e.g. 百万元; required when zh is in `languages` and `money` is not given.")
    money_en: Optional[str] = _text("e.g. RMB m; required when en is in `languages` and `money` is not given.")
    market_currency: str = Field(min_length=1,
                                 description="Currency of the share price, e.g. HKD (letters and digits).")
    market_symbol: str = Field(min_length=1, description="e.g. HK$")

    @field_validator("currency", "market_currency")
    @classmethod
    def _currency_code(cls, v: str) -> str:
        if not re.fullmatch(CURRENCY_PATTERN, v):
            raise ValueError(f"a currency code is letters and digits, e.g. RMB or HKD (it is part of defined names), "
                             f"got {v!r}")
        return v


class CostOfRevenue(Strict):
    actuals: Series
    gross_margin: Optional[Series] = Field(
        None, description="Company-wide gross margin, each estimate period; not with segments' own costs.")


class CostLine(Named):
    """An operating cost, positive; the P&L shows it negative."""
    actuals: Series
    driver: Driver


class Impairment(CostLine):
    charged_to: str = Field(pattern=KEY_PATTERN, description="Balance-sheet line the impairment writes down.")
    add_back_in_adjusted_profit: bool = True


class SignedLine(Named):
    """A P&L line below operating profit, with its income-statement sign."""
    actuals: Series
    driver: Driver


class Tax(Named):
    actuals: Series
    effective_rate: Series = Field(description="Tax expense / profit before tax; negative when tax is paid on a loss.")


class AddBack(Named):
    """A non-GAAP add-back (share-based pay, amortisation of acquired intangibles, ...), positive when added."""
    actuals: Series
    driver: Driver


class Adjustments(Named):
    actuals: Series = Field(description="Adjustments in the actual years besides the add_backs' own actuals.")
    other: Driver = Field(description="Adjustments besides the impairment add-backs and the add_backs "
                                      "(share-based pay etc.).")
    add_backs: list[AddBack] = Field(default_factory=list, description="Add-backs shown as lines of their own.")


class BSRole(str, Enum):
    cash = "cash"                          # from the cash-flow statement
    restricted_cash = "restricted_cash"    # in the cash-flow statement's cash pool (US GAAP)
    working_capital = "working_capital"
    other_operating = "other_operating"
    investing = "investing"
    fixed_assets = "fixed_assets"          # prior + capex - depreciation
    intangibles = "intangibles"            # prior + additions - amortisation (at most one line)
    debt = "debt"
    other_financing = "other_financing"
    retained_earnings = "retained_earnings"
    minority_interest = "minority_interest"


class BSSection(str, Enum):
    current_assets = "current_assets"
    non_current_assets = "non_current_assets"
    current_liabilities = "current_liabilities"
    non_current_liabilities = "non_current_liabilities"
    equity = "equity"


class BSLine(Named):
    section: BSSection
    role: BSRole
    actuals: Series
    driver: Optional[Driver] = None


class CashFlowActuals(Strict):
    """The company's reported cash-flow lines for the actual years."""
    dep_amort_impairment: Series
    working_capital_change: Series
    other_operating: Series
    capex: Series
    other_investing: Series
    net_debt_change: Series
    other_financing: Series
    fx_effect_on_cash: Series


class CashFlow(Strict):
    actuals: CashFlowActuals
    capex: Driver = Field(description="Capital expenditure, positive.")
    depreciation_rate: Series = Field(description="Depreciation and amortisation / opening fixed assets.")
    fx_effect_on_cash: Series
    intangibles_additions: Optional[Driver] = Field(
        None, description="Additions to intangible assets (positive), with an intangibles line.")
    amortisation_rate: Optional[Series] = Field(
        None, description="Amortisation / opening intangible assets, with an intangibles line.")
    printed: dict[str, Series] = Field(
        default_factory=dict,
        description="The report's own cash-flow lines, all years, shown beside the model's for comparison.",
    )


class Week52(Strict):
    low: float = Field(gt=0, description="52-week low share price, market currency.")
    high: float = Field(gt=0, description="52-week high share price, market currency.")
    source: Optional[str] = Field(None, min_length=1, description="Where the range comes from (default: none named).")

    @model_validator(mode="after")
    def _ordered(self):
        if self.low > self.high:
            raise ValueError(f"low {self.low:g} is above high {self.high:g}")
        return self


class Market(Strict):
    price: Scalar
    price_date: dt.date
    shares_outstanding_m: Scalar
    fx: Optional[Scalar] = Field(None, description="Market currency per one unit of reporting currency; "
                                                   "leave it out when both are the same currency (no FX row).")
    week52: Optional[Week52] = Field(None, description="The 52-week price range, a bar of the football field.")


class Peer(Strict):
    name_zh: Optional[str] = _text()
    name_en: Optional[str] = _text()
    code: str = Field(min_length=1)
    currency: str = Field(min_length=1)
    market_cap: Optional[float] = None
    revenue: dict[int, Optional[float]] = Field(default_factory=dict)
    # The metrics other methods divide by, by year, in the peer's currency and unit (as market_cap).
    net_profit: dict[int, Optional[float]] = Field(
        default_factory=dict, description="For P/E: on the basis of the company's EPS (report.eps_basis: profit "
                                          "attributable to shareholders for basic, adjusted net profit for adjusted).")
    book_value: dict[int, Optional[float]] = Field(default_factory=dict, description="For P/B.")
    ebitda: dict[int, Optional[float]] = Field(default_factory=dict, description="For EV/EBITDA.")
    net_debt: Optional[float] = Field(None, description="Debt less cash (EV = market cap + net debt); EV methods.")
    unit: Literal["m", "100m", "bn"] = Field(
        "100m", description="Money unit of this peer's market cap, metrics and net debt: m (millions), 100m "
                            "(亿, hundred millions) or bn (billions); in the peer's own currency.")
    source: str = Field(min_length=1)


class Rating(Strict):
    zh: Optional[str] = _text()
    en: Optional[str] = _text()
    min_upside: float = Field(description="Lowest upside that earns this rating.")
    description_zh: str = ""
    description_en: str = ""


VALUATION_METHODS = ("P/E", "P/B", "EV/EBITDA", "EV/Sales", "P/S", "DCF", "Blend")


class BlendPart(Strict):
    """One method of a blend, its weight and (multiples) its target multiple."""
    method: Literal["P/E", "P/B", "EV/EBITDA", "EV/Sales", "P/S", "DCF"]
    weight: Scalar
    target_multiple: Optional[Scalar] = Field(None, description="Every method but DCF.")


class WaccInputs(Strict):
    """WACC built from its parts: cost of equity by CAPM, after-tax cost of debt, target debt weight."""
    risk_free_rate: Scalar
    beta: Scalar
    equity_risk_premium: Scalar
    cost_of_debt: Scalar = Field(description="Pre-tax.")
    tax_rate: Scalar
    debt_weight: Scalar = Field(description="Target debt / (debt + equity).")

    def value(self) -> float:
        equity = self.risk_free_rate.value + self.beta.value * self.equity_risk_premium.value
        debt = self.cost_of_debt.value * (1 - self.tax_rate.value)
        return (1 - self.debt_weight.value) * equity + self.debt_weight.value * debt


class DCF(Strict):
    """Discounted free cash flow to the firm over the estimate years (a quarterly model: quarters)."""
    valuation_date: dt.date = Field(description="The date cash flows are discounted to.")
    first_year_end: dt.date = Field(description="The end of the first estimate year (a quarterly model: quarter).")
    wacc: Optional[Scalar] = Field(None, description="Typed WACC; or give wacc_inputs.")
    wacc_inputs: Optional[WaccInputs] = None
    terminal_growth: Optional[Scalar] = Field(None, description="Perpetual growth after the last estimate year.")
    exit_multiple: Optional[Scalar] = Field(None, description="Or: EV/EBITDA on the last estimate year.")
    mid_year: bool = Field(False, description="Discount each period's flow from its middle.")
    days_per_year: Scalar = Field(default_factory=lambda: Scalar(value=365, source=_en("source.days_in_year")))
    wacc_changes: Series = Field(default_factory=lambda: _default_axis(
        [-0.01, -0.005, 0, 0.005, 0.01], _en("source.grid_wacc")))
    terminal_changes: Series = Field(default_factory=lambda: _default_axis(
        [-0.01, -0.005, 0, 0.005, 0.01], _en("source.grid_terminal")))

    def wacc_value(self) -> float:
        return self.wacc.value if self.wacc is not None else self.wacc_inputs.value()


class Valuation(Strict):
    method: Bilingual = Field(description="The valuation method in words, as the report states it.")
    multiple: Literal["P/E", "P/B", "EV/EBITDA", "EV/Sales", "P/S", "DCF", "Blend"] = Field(
        "P/S", description="The valuation method: a target multiple's kind, DCF, or Blend.")
    blend: list[BlendPart] = Field(default_factory=list, description="Blend: the methods and their weights.")
    dcf: Optional[DCF] = Field(None, description="The DCF's inputs (multiple: DCF).")
    investments: Optional[Scalar] = Field(
        None, description="EV methods: investments added from enterprise to equity value (reporting currency).")
    target_multiple: Optional[Scalar] = Field(None, description="Every method but DCF.")
    basis_year: int
    peers: list[Peer] = Field(default_factory=list)
    peer_years: list[int] = Field(default_factory=list, description="Years for which peer P/S is shown.")
    rating_scale: list[Rating] = Field(min_length=1)


class Checks(Strict):
    tolerance_actual: Scalar
    tolerance_estimate: Scalar


class Scenario(Strict):
    """A named case that overrides drivers of the base case, addressed as in SCENARIO_ADDRESSES."""
    key: str = Field(pattern=KEY_PATTERN)
    name_zh: Optional[str] = _text()
    name_en: Optional[str] = _text()
    overrides: dict[str, Union[float, list[float]]] = Field(default_factory=dict)
    source: str = Field(min_length=1)


class Scenarios(Strict):
    base_zh: str = "基准"
    base_en: str = "Base"
    live: str = Field("base", description="Key of the case whose values the workbook stores ('base' or a case key).")
    cases: list[Scenario] = Field(default_factory=list)


def _en(key: str) -> str:  # a default source note: English here, the workbook's language when written
    return _catalog_text(key, "en")


def _default_axis(values, source):
    return Series(values=values, source=source)


class Sensitivity(Strict):
    """Axes of the sensitivity grids, as changes around the base case (each must contain 0)."""
    multiple_changes: Series = Field(default_factory=lambda: _default_axis(
        [-2, -1, 0, 1, 2], _en("source.grid_multiple")))
    revenue_changes: Series = Field(default_factory=lambda: _default_axis(
        [-0.1, -0.05, 0, 0.05, 0.1], _en("source.grid_revenue")))
    fx_changes: Series = Field(default_factory=lambda: _default_axis(
        [-0.05, -0.025, 0, 0.025, 0.05], _en("source.grid_fx")))
    metric_changes: Series = Field(default_factory=lambda: _default_axis(
        [-0.1, -0.05, 0, 0.05, 0.1], _en("source.grid_metric")),
        description="The basis metric's axis of every method but P/S (which moves revenue).")


class Dividends(Source):
    """Dividends declared in each estimate period, by payout ratio (of attributable profit, none in a
    loss) or by dividend per share (times the weighted shares); paid in the same year or a year later."""
    kind: Literal["payout_ratio", "dps"]
    values: list[float] = Field(description="Payout ratio or DPS, one per estimate period.")
    paid: Literal["same_year", "next_year"] = "same_year"
    actuals: Series = Field(description="Dividends paid (positive), actual periods; the actual years' "
                                        "cash_flow.actuals.other_financing then excludes them.")


class Buybacks(Strict):
    amounts: Series = Field(description="Cash spent on buybacks (positive), estimate periods.")
    average_price: Series = Field(description="Average buyback price per share, reporting currency, estimate periods.")
    actuals: Series = Field(description="Buybacks paid (positive), actual periods; the actual years' "
                                        "cash_flow.actuals.other_financing then excludes them.")


class ShareholderReturns(Strict):
    dividends: Optional[Dividends] = None
    buybacks: Optional[Buybacks] = None


class PerShare(Strict):
    """Per-share figures beyond EPS on `eps_shares_m` (the weighted average shares of each period)."""
    diluted_shares_m: Optional[Series] = Field(
        None, description="Weighted average diluted shares, every period; gives KPI_eps_diluted.")
    year_end_shares_m: Optional[Series] = Field(
        None, description="Shares outstanding at each period end, for book value per share; "
                          "default: market.shares_outstanding_m in every period.")
    book_value: Literal["attributable", "total"] = Field(
        "attributable", description="Equity in book value per share: attributable to shareholders (total equity "
                                    "less minority interests) or total equity (as some reports print P/B).")


class Assumptions(Strict):
    languages: list[Language] = Field(
        default_factory=lambda: ["zh", "en"],
        description="Languages of the outputs: [en], [zh] or [zh, en] (label columns, cover, charts, one summary each).")
    company: Company
    report: Report
    units: Units
    years: Years
    revenue: Revenue
    cost_of_revenue: CostOfRevenue
    opex: list[CostLine]
    impairment: Optional[Impairment] = None
    impairments: list[Impairment] = Field(
        default_factory=list, description="Further impairments (goodwill, intangibles, ...), each like `impairment`.")
    non_operating: list[SignedLine] = Field(default_factory=list)
    tax: Tax
    minority_share: Optional[Series] = Field(
        None, description="Minority interests' share of net profit, estimate years; none: no minority lines.")
    minority_actuals: Optional[Series] = Field(
        None, description="Profit attributable to minority interests, actual years (default: none, so "
                          "attributable profit equals net profit in actual years).")
    adjustments: Optional[Adjustments] = Field(
        None, description="Non-GAAP adjustments; none: adjusted profit is net profit plus any impairment add-backs.")
    adj_net_profit_prior_growth: Optional[Scalar] = None
    eps_shares_m: Series = Field(description="Weighted average shares for EPS, every period.")
    per_share: PerShare = Field(default_factory=PerShare)
    shareholder_returns: ShareholderReturns = Field(default_factory=ShareholderReturns)
    balance_sheet: list[BSLine]
    cash_flow: CashFlow
    market: Market
    valuation: Valuation
    checks: Checks
    scenarios: Scenarios = Field(default_factory=Scenarios)
    sensitivity: Sensitivity = Field(default_factory=Sensitivity)
    thesis: list[Bilingual] = Field(default_factory=list)
    risks: list[Bilingual] = Field(default_factory=list)
    variance: Optional[VarianceEstimates] = Field(
        None, description="The previous estimates of the period just reported (written by roll): a Variance sheet.")
    consensus: Optional[list[ConsensusFigure]] = Field(
        None, description="Consensus estimates to compare the model with (or build --consensus FILE.csv).")


# Driver kinds grouped by what they read.
INTEREST_KINDS = (DriverKind.interest_on_opening_debt, DriverKind.interest_on_average_debt,
                  DriverKind.interest_on_opening_cash)

DAY_KINDS = (DriverKind.receivable_days, DriverKind.inventory_days, DriverKind.payable_days)


def impairment_lines(a: Assumptions) -> list[tuple[str, str, Impairment]]:
    """Every impairment as (field path, scenario address stem, impairment): `impairment`, then `impairments`."""
    out = [("impairment", "impairment", a.impairment)] if a.impairment else []
    return out + [(f"impairments[{i}]", f"impairments.{imp.key}", imp) for i, imp in enumerate(a.impairments)]


def adjustment_lines(a: Assumptions) -> list[tuple[str, Named]]:
    """The adjustments line and its add-backs, as (field path, item); none without adjustments."""
    if a.adjustments is None:
        return []
    return [("adjustments", a.adjustments)] + [(f"adjustments.add_backs[{i}]", ab)
                                                for i, ab in enumerate(a.adjustments.add_backs)]
