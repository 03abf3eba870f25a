"""Typed handles: the line and cell keys each block defines, as it returns them.

Handles are typed immutable records (NamedTuple rather than frozen dataclasses: seventeen
frozen dataclasses cost the command line about 20 ms of start-up, a NamedTuple a tenth of that).

A block receives the handles of the blocks it reads and returns its own; `ModelHandles` keeps
them all on the built model. The statements are circular by nature (the revenue build shows the
P&L's gross profit, the balance sheet's cash comes from the cash-flow statement), so a few lines
are linked before their block runs: their keys are fixed here (`LINKED_AHEAD`) and the block that
defines them uses these constants.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

IS_COST_OF_REVENUE = "IS_cost_of_revenue"
IS_GROSS_PROFIT = "IS_gross_profit"
IS_ADJ_NET_PROFIT = "IS_adj_net_profit"
CF_CASH_END = "CF_cash_end"
CF_FX_EFFECT_ON_CASH = "CF_fx_effect_on_cash"
# Shareholder returns are valued on the Valuation sheet after the statements (they read attributable profit
# and the share count), while the balance sheet and cash flow read them.
KPI_DIVIDENDS_PAID = "KPI_dividends_paid"
KPI_BUYBACKS = "KPI_buybacks"
LINKED_AHEAD = (IS_COST_OF_REVENUE, IS_GROSS_PROFIT, IS_ADJ_NET_PROFIT, CF_CASH_END, CF_FX_EFFECT_ON_CASH,
                KPI_DIVIDENDS_PAID, KPI_BUYBACKS)


class ActualAndDriver(NamedTuple):
    actual: str              # input row of the reported actuals
    driver: str | None       # input row of the estimate driver (None: flat, no input)


class FactorInputs(NamedTuple):
    """One factor of a two-factor segment (price, volume, users or ARPU, in `schema.FACTORS` order)."""
    actual: str              # input row of its actual values
    driver: str              # input row of its estimate growth or amounts (as the assumptions give it)


class SegmentInputs(NamedTuple):
    """One revenue segment's input rows, in the assumptions' segment order."""
    actual: str
    growth: str | None       # the driver's input row: growth, amount or share (None: two factors)
    prior_growth: str | None
    factors: tuple[FactorInputs, ...] = ()        # price x volume, users x ARPU
    scale: str | None = None                      # input cell of the factors' scale
    parts: tuple["SegmentInputs", ...] = ()       # a segment that is the sum of its parts: theirs


class ReturnsInputs(NamedTuple):
    """Shareholder returns' input rows (None where the file gives no dividends or no buybacks)."""
    dividends_actual: str | None
    dividend_driver: str | None      # payout ratio or DPS, estimate periods
    buybacks_actual: str | None
    buyback_amount: str | None
    buyback_price: str | None


class InputHandles(NamedTuple):
    year: str
    scenario_index: str | None
    method: str                                   # the valuation method's name (text)
    investments: str | None                       # EV methods: investments added to equity value
    peer_net_debt: tuple[str | None, ...]         # EV methods: each peer's net debt cell
    blend: tuple[tuple[str, str, str | None], ...]  # a blend's parts: (method name, weight, target multiple)
    price: str
    price_date: str
    shares: str
    fx: str | None                                # None: one currency, no FX row
    target_multiple: str | None                   # None: a DCF
    basis_year: str
    rating_min: tuple[str, ...]
    rating_zh: tuple[str, ...]
    rating_en: tuple[str, ...]
    tol_actual: str
    tol_estimate: str
    revenue_prior_growth: str | None
    segments: tuple[SegmentInputs, ...]
    cogs: str
    gross_margin: str | None                      # None: the segments give their own costs
    costs: Mapping[str, ActualAndDriver]          # opex and impairment, by key
    non_operating: Mapping[str, ActualAndDriver]
    tax: str
    tax_rate: str
    minority_share: str | None      # None: no minorities
    minority_actual: str | None     # actual-year profit attributable to minorities (None: not given)
    adjustments: ActualAndDriver | None           # None: no adjustments
    add_backs: Mapping[str, ActualAndDriver]      # the adjustments' add-backs, by key
    adj_np_prior_growth: str | None
    eps_shares: str
    diluted_shares: str | None
    year_end_shares: str | None     # None: the current share count in every period
    returns: ReturnsInputs
    balance_sheet: Mapping[str, ActualAndDriver]
    days_in_period: str | None                    # calendar days per period, with working capital by days
    capex_driver: str | None
    dep_rate: str
    intangibles_additions: str | None             # with an intangibles line
    amortisation_rate: str | None
    fx_effect_on_cash: str
    cash_flow_actuals: Mapping[str, str]
    peers: tuple[tuple[str, str], ...]            # (market cap cell, peer metric row)
    sensitivity: Mapping[str, str]                # "multiple", "basis", "fx" -> axis row
    printed_cash_flow: Mapping[str, str]
    segment_costs: tuple[ActualAndDriver, ...] = ()  # each segment's cost: actual and margin or amounts rows


class RevenueHandles(NamedTuple):
    total: str
    total_yoy: str
    segments: tuple[str, ...]
    opex: Mapping[str, str]
    cost_total: str | None = None   # the segments' costs summed (None: company-wide gross margin)


class IncomeHandles(NamedTuple):
    revenue: str
    cost_of_revenue: str
    gross_profit: str
    impairment: str | None
    operating_profit: str
    profit_before_tax: str
    tax: str
    net_profit: str
    net_profit_minority: str | None  # None: no minorities
    net_profit_parent: str
    adjustments: str | None          # None: no adjustments line
    adj_net_profit: str
    adj_net_profit_parent: str
    impairments: Mapping[str, str]   # every impairment: its key in the assumptions -> its P&L line (negative)


class BalanceHandles(NamedTuple):
    lines: Mapping[str, str]  # balance-sheet line key in the assumptions -> model line
    total_assets: str
    total_equity: str
    total_liabilities_and_equity: str
    capex: str
    depreciation: str
    intangibles_additions: str | None  # with an intangibles line: its roll-forward
    amortisation: str | None           # intangibles' amortisation, apart from depreciation


class CashFlowHandles(NamedTuple):
    net_profit: str
    cfo: str
    cfi: str
    cff: str
    net_cash_flow: str
    fx_effect_on_cash: str
    cash_end: str
    cash_pool: tuple[str, ...]  # balance-sheet lines that make up cash
    working_capital_change: str = "CF_working_capital_change"  # its cash effect (negative: working capital grew)


class EnterpriseHandles(NamedTuple):
    da: str                  # depreciation and amortisation, positive
    ebit: str
    ebitda: str
    net_debt: str            # debt less cash (negative: net cash)
    minority_interest: str | None  # the balance sheet's minority-interest line, if any


class PerShareHandles(NamedTuple):
    shares_weighted: str
    eps: str                 # basic, on profit attributable to shareholders
    eps_diluted: str | None
    eps_adjusted: str
    book_value: str
    bvps: str
    pe: str
    pb: str
    dps: str | None
    dividend_yield: str | None


class ReturnsHandles(NamedTuple):
    dividends: str | None            # declared, by period
    dividends_paid: str | None
    buybacks: str | None             # cash spent
    shares_bought: str | None        # million shares


class ValuationHandles(NamedTuple):
    revenue: str
    adj_net_profit: str
    eps: str
    price: str
    price_date: str
    shares: str
    fx: str | None   # None: one currency, no FX row
    target_multiple: str
    basis_year: str
    basis: str               # the method's basis metric in the basis year
    target_market_cap: str
    target_price: str
    upside: str
    rating: str
    peer_average: str | None
    bridge: str | None       # EV methods: enterprise value less this = equity value (reporting currency)
    basis_line: str          # the model line the multiple applies to (its basis-year value is `basis`)
    dcf: "DcfHandles | None" = None
    enterprise_value: str | None = None  # EV methods and DCF
    blend: tuple = ()        # a blend's parts: (method name, weight, target price, multiple or None, basis line)


class DcfHandles(NamedTuple):
    fcff: str                # DCF_fcff, estimate years
    period: str              # years from the valuation date to each flow
    discount_factor: str
    wacc: str
    terminal: str            # VAL_terminal_growth or VAL_exit_multiple
    ebitda: str              # the line an exit multiple applies to
    mid_year: str            # the mid-year shift (0 or 0.5 years)
    terminal_value: str
    pv_sum: str
    pv_terminal: str
    terminal_discount_factor: str
    by_growth: bool          # terminal value by perpetual growth (else by exit multiple)
    wacc_changes: str        # the grid's input rows
    terminal_changes: str


class ScenarioHandles(NamedTuple):
    target_prices: Mapping[str, str]  # case key -> its target price cell (empty: no scenarios)


class SensitivityHandles(NamedTuple):
    target_price_rows: Mapping[str, tuple[str, ...]]  # axis ("rev", "fx") -> grid rows
    upside_rows: Mapping[str, tuple[str, ...]]


class CheckHandles(NamedTuple):
    master: str


class RevisionHandles(NamedTuple):
    previous_inputs: Mapping[str, str]  # revised line key -> its previous-estimate input row
    target_price_change: str


class FootballHandles(NamedTuple):
    """The football field's cells on the Valuation sheet (the bars' cells in bar order)."""
    lows: tuple[str, ...]       # each bar's low end: the method's grid, the 52-week range (when given)
    highs: tuple[str, ...]
    widths: tuple[str, ...]     # high - low, the visible part of each stacked bar
    price: str                  # right below the lows, so the chart's categories are one block of rows
    target_price: str


class ConsensusHandles(NamedTuple):
    """Per consensus metric (revenue, ebitda, net_profit, eps): its model, consensus and vs-consensus % rows."""
    rows: Mapping[str, tuple[str, str, str]]


class VarianceLine(NamedTuple):
    """One estimated line's rows on the Variance sheet (each filled only in the variance period)."""
    estimate: str       # the previous estimate (input)
    reported: str       # link to the model line
    difference: str
    difference_pct: str


class VarianceHandles(NamedTuple):
    period: int                          # the column of the period just reported
    lines: Mapping[str, VarianceLine]    # model line key -> its rows, in the assumptions' order
    beats: Mapping[str, str]             # revenue, attributable profit, EPS line key -> its beat flag row


class CoverHandles(NamedTuple):
    rating: str
    target_price: str
    upside: str


class ModelHandles(NamedTuple):
    inputs: InputHandles
    revenue: RevenueHandles
    income: IncomeHandles
    balance: BalanceHandles
    cash_flow: CashFlowHandles
    enterprise: EnterpriseHandles
    valuation: ValuationHandles
    scenarios: ScenarioHandles
    sensitivity: SensitivityHandles
    checks: CheckHandles
    cover: CoverHandles
    revisions: RevisionHandles | None
    per_share: PerShareHandles
    returns: ReturnsHandles
    variance: VarianceHandles | None = None
    football: FootballHandles | None = None
    consensus: ConsensusHandles | None = None
