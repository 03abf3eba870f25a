"""Every model line the report view reads, by key: the one place outside the model that names them.

Renderers never see these keys' values through the model; they read the view. The native Excel
charts do address a few of these lines in the workbook (through the layout), and the view hands
them those keys as part of its chart data.
"""
from __future__ import annotations

# Valuation cells ({mkt} is the market currency, lower case).
RATING = "VAL_rating"
RATING_WORDS = {"zh": "VAL_rating_zh", "en": "VAL_rating_en"}
TARGET_PRICE = "VAL_target_price_{mkt}"
UPSIDE = "VAL_upside"
TARGET_MARKET_CAP = "VAL_target_market_cap_{mkt}_m"
MARKET_CAP = "VAL_market_cap_{mkt}_m"
PRICE = "VAL_price"
TARGET_MULTIPLE = "VAL_target_{slug}"  # {slug}: the method (model/valuation), {basis}: its basis
BASIS_METRIC = "VAL_basis_{basis}"
FX = "VAL_fx"
BLEND_WEIGHT, BLEND_TARGET_PRICE = "VAL_weight_{slug}", "VAL_target_price_{slug}"  # a blend's parts
DCF_TERMS = ("VAL_wacc", "VAL_terminal_growth", "VAL_exit_multiple")  # a DCF only
BRIDGE = ("VAL_enterprise_value", "VAL_bridge", "VAL_equity_value")  # enterprise methods only
SHARES = "VAL_shares_m"
MASTER_CHECK = "CHK_master"

# Scenarios ({case} is the case key).
SCENARIO_BASIS_METRIC = "VAL_scenario_{case}_basis_{basis}"
SCENARIO_TARGET_MULTIPLE = "VAL_scenario_{case}_target_{slug}"
SCENARIO_TARGET_PRICE = "VAL_scenario_{case}_target_price_{mkt}"
SCENARIO_UPSIDE = "VAL_scenario_{case}_upside"
SCENARIO_RATING = "VAL_scenario_{case}_rating"
SCENARIO_WACC = "VAL_scenario_{case}_wacc"                          # a DCF (or a blend's DCF part)
SCENARIO_ENTERPRISE_VALUE = "VAL_scenario_{case}_enterprise_value"
SCENARIO_PART_PRICE = "VAL_scenario_{case}_target_price_{slug}"     # a blend's parts

# Sensitivity: target price by target multiple (one line per multiple step; column 0 is the multiple).
SENSITIVITY_ROW = "KPI_sens_tp_{axis}_{i}"

# Peers ({i} is the peer's index).
PEER_MULTIPLE = "KPI_peer_{i}_{slug}"
PEER_AVERAGE = "KPI_peer_avg_{slug}"
TARGET_MULTIPLE_ROW = "KPI_target_multiple_row"  # the Valuation sheet's row just below the peer average

# Key financials: annual models read each period, quarterly models the fiscal-year lines at year ends
# ({cur} is the reporting currency, lower case; KPI_eps_{cur} is EPS on the file's basis, report.eps_basis).
FINANCIALS = ("revenue", "revenue_yoy", "adj_net_profit", "adj_net_profit_yoy", "eps", "roe", "pe", "pb")
ANNUAL_FINANCIALS = ("KPI_revenue", "KPI_revenue_yoy_pct", "KPI_adj_net_profit", "KPI_adj_net_profit_yoy_pct",
                     "KPI_eps_{cur}", "KPI_roe_pct", "KPI_pe", "KPI_pb")
QUARTERLY_FINANCIALS = ("KPI_revenue_fy", "KPI_revenue_fy_yoy_pct", "KPI_adj_net_profit_fy",
                        "KPI_adj_net_profit_fy_yoy_pct", "KPI_eps_{cur}_fy", "KPI_roe_pct_fy", "KPI_pe_fy", "KPI_pb")


# Dividends per share and yield, by fiscal year (only in a model with dividends).
ANNUAL_DIVIDENDS = ("KPI_dps", "KPI_dividend_yield")
QUARTERLY_DIVIDENDS = ("KPI_dps_fy", "KPI_dividend_yield_fy")

# Revisions (build --previous): line -> (key stem, words key, number format); the stems are the
# Revisions sheet's REV_<stem>_new / _previous / _change_pct lines.
REVISED = (("IS_revenue", "revisions.revenue", "money"),
           ("IS_adj_net_profit", "revisions.adj_net_profit", "money"),
           ("KPI_eps_{cur}", {"basic": "revisions.eps_basic", "adjusted": "revisions.eps_adjusted"}, "eps"))
# (EPS is on the file's basis, report.eps_basis, and its words say which.)
REVISION_NEW, REVISION_OLD, REVISION_CHANGE = "REV_{stem}_new", "REV_{stem}_previous", "REV_{stem}_change_pct"
REVISION_TARGET_PRICE = "target_price"
REVISION_RATING = "rating"

# Chart lines.
SEGMENT_REVENUE = "RB_{segment}"
REVENUE_TOTAL = "RB_revenue_total"
REVENUE_TOTAL_YOY = "RB_revenue_total_yoy_pct"
GROSS_MARGIN = "RB_gross_margin_pct"
ADJ_NET_MARGIN = "KPI_adj_net_margin_pct"
PNL_FIRST_LINE = "IS_revenue"  # the margin chart sits on this line's sheet
