"""The defined names the README documents as a public contract, checked in every workbook built.

A name the workbook lacks (one xlsxwriter refused to write, or one the model never made) fails the
build in one line instead of shipping a workbook whose formulas elsewhere would break.
"""
from __future__ import annotations

import re
import zipfile
from xml.etree import ElementTree

from ..model import Model
from ..assumptions.schema import Assumptions

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

# README, "Defined names (a public contract)": names every model has, whatever its method, statements and
# frequency ({cur}, {mkt}: currency slugs); the names of optional parts are checked through model.named().
FIXED = (
    "RB_revenue_total", "RB_revenue_total_yoy_pct", "RB_gross_profit", "RB_gross_margin_pct", "RB_adj_net_profit",
    "IS_revenue", "IS_cost_of_revenue", "IS_gross_profit", "IS_operating_profit", "IS_profit_before_tax",
    "IS_net_profit", "IS_net_profit_parent", "IS_adj_net_profit", "IS_da", "IS_ebit", "IS_ebitda",
    "BS_current_assets", "BS_total_assets", "BS_current_liabilities", "BS_total_liabilities", "BS_total_equity",
    "BS_total_liabilities_and_equity", "BS_capex", "BS_depreciation", "BS_net_debt",
    "CF_net_profit", "CF_dep_amort_impairment", "CF_working_capital_change", "CF_other_operating", "CF_cfo",
    "CF_capex", "CF_other_investing", "CF_cfi", "CF_net_debt_change", "CF_other_financing", "CF_cff",
    "CF_net_cash_flow", "CF_fx_effect_on_cash", "CF_cash_end",
    "KPI_revenue", "KPI_revenue_yoy_pct", "KPI_adj_net_profit", "KPI_adj_net_profit_yoy_pct", "KPI_eps_{cur}",
    "KPI_roe_pct", "KPI_shares_weighted", "KPI_eps",
    "VAL_method", "VAL_target_price", "VAL_target_market_cap", "VAL_target_market_cap_{mkt}_m",
    "VAL_target_price_{mkt}", "VAL_upside", "VAL_rating", "VAL_rating_zh", "VAL_rating_en", "VAL_price",
    "VAL_market_cap_{mkt}_m",
    "CHK_target_price", "CHK_master",
)


def slug(code: str) -> str:
    """A currency code as it appears in names: lower case letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", code.lower())


def expected_names(model: Model, a: Assumptions) -> set[str]:
    """The contract's fixed names and every name the model defines (one per line and single cell)."""
    cur, mkt = slug(a.units.currency), slug(a.units.market_currency)
    names = {n.format(cur=cur, mkt=mkt) for n in FIXED}
    names |= set(model.named())
    names |= {f"RB_{s.key}" for s in a.revenue.segments}
    return names


def missing_names(xlsx_path, expected: set[str]) -> list[str]:
    """Expected names that the workbook's xl/workbook.xml does not define, sorted."""
    with zipfile.ZipFile(xlsx_path) as z, z.open("xl/workbook.xml") as f:
        root = ElementTree.parse(f).getroot()
    found = {d.get("name") for d in root.iter(f"{_MAIN}definedName")}
    return sorted(expected - found)
