"""A second, made-up company shaped unlike Kingsoft Cloud, to prove the schema and model are generic."""


def src(values):
    return {"values": values, "source": "test fixture"}


def acme() -> dict:
    act, est = [2019, 2020, 2021], [2022, 2023, 2024, 2025]
    return {
        "company": {"id": "acme_robotics", "name_zh": "艾克米机器人", "name_en": "Acme Robotics", "ticker": "ACME.US"},
        "report": {"date": "2022-03-01", "broker": {"zh": "测试证券", "en": "Test Securities"},
                   "title": {"zh": "测试", "en": "Test"}, "action": {"zh": "维持", "en": "Maintain"}},
        "units": {"currency": "USD", "money_zh": "百万美元", "money_en": "USD m", "market_currency": "USD",
                  "market_symbol": "US$"},
        "years": {"actual": act, "estimate": est},
        "revenue": {"segments": [
            {"key": "robots", "name_zh": "机器人", "name_en": "Robots", "actuals": src([100, 120, 150]),
             "growth": src([0.2, 0.15, 0.1, 0.08])},
            {"key": "services", "name_zh": "服务", "name_en": "Services", "actuals": src([40, 45, 55]),
             "growth": src([0.1, 0.1, 0.1, 0.1])},
        ]},
        "cost_of_revenue": {"actuals": src([90, 100, 120]), "gross_margin": src([0.42, 0.43, 0.44, 0.45])},
        "opex": [
            {"key": "sales", "name_zh": "销售", "name_en": "Sales", "actuals": src([20, 22, 25]),
             "driver": {"kind": "growth", "values": [0.05, 0.05, 0.05, 0.05], "source": "t"}},
            {"key": "admin", "name_zh": "管理", "name_en": "Admin", "actuals": src([10, 11, 12]),
             "driver": {"kind": "amount", "values": [13, 14, 15, 16], "source": "t"}},
        ],
        "non_operating": [
            {"key": "net_interest", "name_zh": "净利息", "name_en": "Net interest", "actuals": src([-2, -2, -3]),
             "driver": {"kind": "growth", "values": [0.0, 0.1, 0.1, 0.1], "source": "t"}},
        ],
        "tax": {"key": "tax", "name_zh": "所得税", "name_en": "Tax", "actuals": src([-4, -6, -9]),
                "effective_rate": src([0.21, 0.21, 0.21, 0.21])},
        "minority_share": src([0.0, 0.0, 0.0, 0.0]),
        "adjustments": {"key": "adjustments", "name_zh": "调整项", "name_en": "Adjustments",
                        "actuals": src([1, 1, 2]), "other": {"kind": "pct_of_revenue",
                                                             "values": [0.01, 0.01, 0.01, 0.01], "source": "t"}},
        "eps_shares_m": src([50, 50, 50, 52, 52, 52, 52]),
        "balance_sheet": [
            {"key": "cash", "name_zh": "现金", "name_en": "Cash", "section": "current_assets", "role": "cash",
             "actuals": src([30, 40, 60])},
            {"key": "inventory", "name_zh": "存货", "name_en": "Inventory", "section": "current_assets",
             "role": "working_capital", "actuals": src([20, 22, 25]),
             "driver": {"kind": "pct_of_cost_of_revenue", "values": [0.2, 0.2, 0.2, 0.2], "source": "t"}},
            {"key": "ppe", "name_zh": "固定资产", "name_en": "PP&E", "section": "non_current_assets",
             "role": "fixed_assets", "actuals": src([50, 55, 60])},
            {"key": "goodwill", "name_zh": "商誉", "name_en": "Goodwill", "section": "non_current_assets",
             "role": "investing", "actuals": src([10, 10, 10]), "driver": {"kind": "flat", "source": "t"}},
            {"key": "payables", "name_zh": "应付", "name_en": "Payables", "section": "current_liabilities",
             "role": "working_capital", "actuals": src([15, 17, 20]),
             "driver": {"kind": "pct_of_cost_of_revenue", "values": [0.15, 0.15, 0.15, 0.15], "source": "t"}},
            {"key": "loans", "name_zh": "借款", "name_en": "Loans", "section": "non_current_liabilities",
             "role": "debt", "actuals": src([30, 35, 40]),
             "driver": {"kind": "amount", "values": [40, 35, 30, 25], "source": "t"}},
            {"key": "share_capital", "name_zh": "股本", "name_en": "Share capital", "section": "equity",
             "role": "other_financing", "actuals": src([50, 50, 50]), "driver": {"kind": "flat", "source": "t"}},
            {"key": "retained", "name_zh": "留存收益", "name_en": "Retained earnings", "section": "equity",
             "role": "retained_earnings", "actuals": src([15, 25, 45])},
        ],
        "cash_flow": {
            "actuals": {k: src(v) for k, v in {
                "dep_amort_impairment": [8, 9, 10], "working_capital_change": [1, -14, -16],
                "other_operating": [0, 0, 0], "capex": [-12, -14, -15], "other_investing": [0, 0, 0],
                "net_debt_change": [3, 5, 5], "other_financing": [0, 0, 0],
                "fx_effect_on_cash": [None, 0, 0]}.items()},
            "capex": {"kind": "pct_of_revenue", "values": [0.07, 0.07, 0.07, 0.07], "source": "t"},
            "depreciation_rate": src([0.15, 0.15, 0.15, 0.15]),
            "fx_effect_on_cash": src([0, 0, 0, 0]),
        },
        "market": {"price": {"value": 25.0, "source": "t"}, "price_date": "2022-02-28",
                   "shares_outstanding_m": {"value": 52, "source": "t"}, "fx": {"value": 1.0, "source": "t"}},
        "valuation": {
            "method": {"zh": "市销率", "en": "P/S"}, "target_multiple": {"value": 6.5, "source": "t"},
            "basis_year": 2023, "peer_years": [2023, 2024],
            "peers": [
                {"name_zh": "甲", "name_en": "Alpha", "code": "A", "currency": "USD", "market_cap": 1000,
                 "revenue": {2023: 200, 2024: 230}, "source": "t"},
                {"name_zh": "乙", "name_en": "Beta", "code": "B", "currency": "USD", "market_cap": 600,
                 "revenue": {2023: 100, 2024: None}, "source": "t"},
            ],
            "rating_scale": [
                {"zh": "卖出", "en": "Sell", "min_upside": -1.0},
                {"zh": "持有", "en": "Hold", "min_upside": -0.1},
                {"zh": "买入", "en": "Buy", "min_upside": 0.15},
            ],
        },
        "checks": {"tolerance_actual": {"value": 0.5, "source": "t"},
                   "tolerance_estimate": {"value": 1e-6, "source": "t"}},
        "thesis": [{"zh": "测试", "en": "Test thesis"}],
        "risks": [{"zh": "风险", "en": "Risk"}],
    }
