"""Words of the model's sheets, sections, lines and notes: key -> {language: text}.

`{name}`-style fields are filled by the block with text from the assumptions (a segment's or
a case's name, in each language); keys are grouped by the sheet that shows them.
"""


def _w(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


_SHEETS = {
    "sheet.cover": _w("封面", "Cover"),
    "sheet.in": _w("假设", "Assumptions"),
    "sheet.rb": _w("收入预测", "Revenue Build"),
    "sheet.is": _w("利润表", "P&L"),
    "sheet.bs": _w("资产负债表", "Balance Sheet"),
    "sheet.cf": _w("现金流量表", "Cash Flow"),
    "sheet.val": _w("估值", "Valuation"),
    "sheet.chk": _w("检查", "Checks"),
    "sheet.rev": _w("预测调整", "Revisions"),
}

_COMMON = {
    "line.actual": _w("{name}：实际", "{name}: actual"),
    "line.case": _w("{name}［{case}］", "{name} [{case}]"),
    "line.fiscal_year": _w("{name}（全年）", "{name} (fiscal year)"),
    "line.yoy": _w("{name}同比", "{name} YoY"),
    "line.driver": _w("{name}：{driver}", "{name}: {driver}"),
    "section.fiscal_year_totals": _w("全年合计（各季度之和）", "Fiscal-year totals (sum of the quarters)"),
    "note": _w("注：{text}", "Note: {text}"),
    "driver.pct_of_revenue": _w("占收入比例", "% of revenue"),
    "driver.pct_of_cost_of_revenue": _w("占营业成本比例", "% of cost of revenue"),
    "driver.growth": _w("同比增长", "growth"),
    "driver.amount": _w("金额", "amount"),
    "driver.change": _w("较上期变动（提款为正、还款为负）", "change on prior (drawn +, repaid -)"),
    "driver.interest_on_opening_debt": _w("期初有息负债利率", "rate on opening debt"),
    "driver.interest_on_average_debt": _w("平均有息负债利率", "rate on average debt"),
    "driver.interest_on_opening_cash": _w("期初现金利率", "rate on opening cash"),
    "driver.receivable_days": _w("应收账款周转天数", "receivable days (of revenue)"),
    "driver.inventory_days": _w("存货周转天数", "inventory days (of cost of revenue)"),
    "driver.payable_days": _w("应付账款周转天数", "payable days (of cost of revenue)"),
    "in.days_in_period": _w("每期天数", "Days in the period"),
    "in.intangibles_additions": _w("无形资产增加", "Additions to intangible assets"),
    "in.amortisation_rate": _w("摊销率（摊销 / 期初无形资产）", "Amortisation rate (amortisation / opening intangibles)"),
    "bs.intangibles": _w("无形资产变动", "Intangible assets roll-forward"),
    "bs.intangibles_additions": _w("无形资产增加", "Additions to intangible assets"),
    "bs.amortisation": _w("无形资产摊销", "Amortisation of intangible assets"),
    "cf.intangibles_additions": _w("购建无形资产", "Additions to intangible assets"),
}

_INPUTS = {
    "in.timeline": _w("时间轴", "Timeline"),
    "in.year": _w("财年", "Fiscal year"),
    "in.scenarios": _w("情景（选择当前情景）", "Scenarios (choose the live case)"),
    "in.scenario_name": _w("情景 {number}", "Scenario {number}"),
    "in.scenario_live": _w("当前情景", "Live scenario"),
    "in.scenario_index": _w("当前情景序号", "Live scenario number"),
    "in.market": _w("市场数据", "Market data"),
    "in.price": _w("收盘价", "Share price"),
    "in.price_date": _w("股价日期", "Price date"),
    "in.shares": _w("总股本", "Shares outstanding"),
    "in.fx": _w("汇率（{market}/{reporting}）", "FX ({market} per {reporting})"),
    "in.valuation": _w("估值假设", "Valuation inputs"),
    "in.target_multiple": _w("目标 {multiple}", "Target {multiple}"),
    "in.basis_year": _w("估值基准年", "Valuation basis year"),
    "in.rating_scale": _w("评级标准（预期涨幅下限）", "Rating scale (lowest upside for each rating)"),
    "in.rating_min": _w("{rating}：最低涨幅", "{rating}: lowest upside"),
    "in.rating_zh": _w("评级 {number}（中文）", "Rating {number} (Chinese)"),
    "in.rating_en": _w("评级 {number}（英文）", "Rating {number} (English)"),
    "in.tolerances": _w("检查容差", "Check tolerances"),
    "in.tol_actual": _w("容差：实际年（报告四舍五入）", "Tolerance, actual years (report rounding)"),
    "in.tol_estimate": _w("容差：预测年", "Tolerance, estimate years"),
    "in.revenue": _w("收入假设", "Revenue drivers"),
    "in.revenue_prior_growth": _w("总收入增长（{period}）", "Total revenue growth ({period})"),
    "in.segment_prior_growth": _w("{name}：增长（{period}）", "{name}: growth ({period})"),
    "in.costs": _w("成本与费用假设", "Cost and expense drivers"),
    "in.cogs": _w("营业成本", "Cost of revenue"),
    "in.gross_margin": _w("毛利率", "Gross margin"),
    "in.other_pl": _w("其他损益假设（损益表符号：负数为费用或亏损）",
                      "Other P&L drivers (income-statement sign: negative is an expense or loss)"),
    "in.tax_rate": _w("实际税率（税费/税前利润）", "Effective tax rate (tax expense / profit before tax)"),
    "in.minority_share": _w("少数股东损益占净利润比例", "Minority interests' share of net profit"),
    "in.adjustments_other": _w("其他调整项", "Other adjustments"),
    "in.adj_np_prior_growth": _w("调整后净利润增长（{period}）", "Adjusted net profit growth ({period})"),
    "in.eps_shares": _w("每股收益计算股数", "Shares for EPS"),
    "in.balance_sheet": _w("资产负债表假设", "Balance-sheet drivers"),
    "in.cash_flow": _w("现金流假设", "Cash-flow drivers"),
    "in.capex": _w("资本开支", "Capital expenditure"),
    "in.dep_rate": _w("折旧摊销率（占期初固定资产）", "Depreciation & amortisation / opening fixed assets"),
    "in.fx_effect_on_cash": _w("汇率变动对现金的影响", "FX effect on cash"),
    "in.peer_market_cap": _w("{peer}：总市值", "{peer} ({code}): market cap"),
    "in.sensitivity": _w("敏感性分析（相对基准的变动）", "Sensitivity axes (changes around the base case)"),
    "in.sens_multiple_changes": _w("目标 {multiple} 变动", "Target {multiple} change"),
    "in.sens_fx_changes": _w("汇率变动", "FX change"),
    "in.printed": _w("报告现金流量表（仅供对照）", "Report's printed cash flow (for comparison only)"),
    "in.printed_line": _w("报告：{name}", "Report: {name}"),
    "in.previous": _w("上次预测（{label}）", "Previous estimates ({label})"),
    "in.previous_line": _w("上次预测：{name}", "Previous: {name}"),
    "in.previous_target_price": _w("上次预测：目标价", "Previous: target price"),
    "in.previous_rating": _w("上次预测：评级", "Previous: rating"),
}

_REVENUE_BUILD = {
    "rb.by_segment": _w("收入拆分（按{by}）", "Revenue by {by}"),
    # What the segments are (revenue.segments_are), in titles such as "Revenue by {by}".
    "segments_are.customers": _w("客户", "customer"),
    "segments_are.products": _w("产品", "product"),
    "segments_are.regions": _w("地区", "region"),
    "segments_are.business_lines": _w("业务", "business line"),
    "segments_are.segments": _w("分部", "segment"),
    "rb.revenue_total": _w("总收入", "Total revenue"),
    "rb.gross_and_opex": _w("毛利与费用", "Gross profit and operating expenses"),
    "rb.gross_profit": _w("毛利润", "Gross profit"),
    "rb.gross_margin": _w("毛利率", "Gross margin"),
    "rb.cost_ratio": _w("{name}费用率", "{name} / revenue"),
    "rb.adj_net_profit": _w("调整后净利润", "Adjusted net profit"),
}

_INCOME_STATEMENT = {
    "is.title": _w("合并损益表（费用为负数）", "Income statement (expenses negative)"),
    "is.revenue": _w("总收入", "Revenue"),
    "is.cost_of_revenue": _w("营业成本", "Cost of revenue"),
    "is.gross_profit": _w("毛利", "Gross profit"),
    "is.operating_profit": _w("经营利润", "Operating profit"),
    "is.profit_before_tax": _w("除所得税前利润", "Profit before tax"),
    "is.net_profit": _w("净利润", "Net profit"),
    "is.net_profit_minority": _w("少数股东损益", "Attributable to minority interests"),
    "is.net_profit_parent": _w("归母净利润", "Attributable to shareholders"),
    "is.adj_net_profit": _w("调整后净利润", "Adjusted net profit"),
}

_BALANCE_SHEET = {
    "bs.title": _w("合并资产负债表", "Balance sheet"),
    "bs.current_assets": _w("流动资产", "Current assets"),
    "bs.total_assets": _w("资产总计", "Total assets"),
    "bs.current_liabilities": _w("流动负债", "Current liabilities"),
    "bs.total_liabilities": _w("负债合计", "Total liabilities"),
    "bs.total_equity": _w("股东权益", "Total equity"),
    "bs.total_liabilities_and_equity": _w("负债和股东权益合计", "Total liabilities and equity"),
    "bs.fixed_assets": _w("固定资产变动", "Fixed-asset roll-forward"),
    "bs.capex": _w("资本开支", "Capital expenditure"),
    "bs.depreciation": _w("折旧摊销", "Depreciation & amortisation"),
}

_CASH_FLOW = {
    "cf.title": _w("合并现金流量表", "Cash-flow statement"),
    "cf.net_profit": _w("净利润", "Net profit"),
    "cf.dep_amort_impairment": _w("折旧摊销减值", "D&A and impairment"),
    "cf.dep_amort_impairment_line": _w("加：折旧摊销减值", "Add: D&A and impairment"),
    "cf.working_capital_change": _w("营运资本变动", "Change in working capital"),
    "cf.other_operating": _w("其它经营项目", "Other operating items"),
    "cf.other_operating_line": _w("其它", "Other operating items"),
    "cf.cfo": _w("经营活动现金流", "Cash flow from operations"),
    "cf.capex": _w("资本开支", "Capital expenditure"),
    "cf.other_investing": _w("其它投资现金流", "Other investing"),
    "cf.cfi": _w("投资活动现金流", "Cash flow from investing"),
    "cf.net_debt_change": _w("负债净变化", "Net change in debt"),
    "cf.other_financing": _w("其它融资现金流", "Other financing"),
    "cf.cff": _w("融资活动现金流", "Cash flow from financing"),
    "cf.net_cash_flow": _w("净现金流", "Net cash flow"),
    "cf.fx_effect_on_cash": _w("汇率变动影响", "FX effect on cash"),
    "cf.cash_end": _w("期末现金及受限制现金", "Cash and restricted cash, end of year"),
    "cf.printed": _w("报告现金流量表（印刷值）", "Report's cash flow as printed"),
    "cf.model_minus_report": _w("模型减报告", "Model minus report"),
    "cf.difference": _w("差异：{name}", "Difference: {name}"),
    "cf.printed_note": _w(
        "报告的现金流明细与其资产负债表不能逐行勾稽；本模型保持资产负债表平衡，净利润、资本开支与净现金流与报告一致，其余明细行差异见上。",
        "The report's cash-flow lines do not articulate with its balance sheet line by line. This model "
        "keeps the balance sheet in balance and matches net profit, capex and net cash flow; the other "
        "lines differ as shown above."),
}

_VALUATION = {
    "val.key_financials": _w("财务数据及估值指标", "Key financials and valuation metrics"),
    "val.revenue": _w("营业收入", "Revenue"),
    "val.revenue_yoy": _w("营业收入同比", "Revenue YoY"),
    "val.adj_net_profit": _w("调整后净利润", "Adjusted net profit"),
    "val.adj_net_margin": _w("调整后净利率", "Adjusted net margin"),
    "val.eps": _w("每股收益", "EPS"),
    "val.roe": _w("净资产收益率", "ROE"),
    "val.pe": _w("市盈率", "P/E"),
    "val.pb": _w("市净率", "P/B"),
    "val.metrics_note": _w(
        "每股收益 = 调整后净利润 / 总股本；ROE 与 P/B 以年末股东权益（含少数股东权益）计算；亏损年份市盈率为 n.m.",
        "EPS = adjusted net profit / shares; ROE and P/B use year-end total equity "
        "(incl. minority interests); P/E is n.m. in loss years."),
    "val.fiscal_year_metrics": _w("全年指标", "Fiscal-year metrics"),
    "val.peer": _w("{peer}", "{peer} ({code})"),
    "val.peer_average": _w("平均值", "Peer average"),
    "val.target_multiple_row": _w("目标 {multiple}（{company}）", "Target {multiple} ({company})"),
    "val.target": _w("目标估值", "Target valuation"),
    "val.price": _w("收盘价", "Share price"),
    "val.price_date": _w("股价日期", "Price date"),
    "val.shares": _w("总股本", "Shares outstanding"),
    "val.fx": _w("汇率", "FX ({market} per {reporting})"),
    "val.market_cap": _w("当前市值", "Market cap"),
    "val.market_cap_reporting": _w("当前市值（报告货币）", "Market cap ({reporting})"),
    "val.target_multiple": _w("目标 {multiple}", "Target {multiple}"),
    "val.basis_year": _w("估值基准年", "Basis year"),
    "val.target_market_cap": _w("目标市值", "Target market cap"),
    "val.target_price": _w("目标价", "Target price"),
    "val.upside": _w("上涨空间", "Upside"),
    "val.rating_index": _w("评级序号", "Rating position in scale"),
    "val.rating_zh": _w("评级", "Rating (Chinese)"),
    "val.rating_en": _w("评级（英文）", "Rating (English)"),
    "val.rating": _w("投资评级", "Rating"),
    "val.scenarios": _w("情景分析（各情景同时计算）", "Scenario analysis (every case at once)"),
    "val.case_line": _w("［{case}］{name}", "[{case}] {name}"),
    "val.rating_short": _w("评级", "Rating"),
    "val.sens_tp": _w("敏感性：目标价（{symbol}）— 目标 {multiple} × {axis}",
                      "Sensitivity: target price ({symbol}) by target {multiple} and {axis}"),
    "val.sens_up": _w("敏感性：上涨空间 — 目标 {multiple} × {axis}",
                      "Sensitivity: upside by target {multiple} and {axis}"),
    "val.sens_axis": _w("{axis} →", "{axis} →"),
    "val.sens_fx": _w("汇率", "FX"),
    "val.sens_fx_axis": _w("汇率（{market}/{reporting}）→", "FX ({market} per {reporting}) →"),
    "val.sens_tp_row": _w("目标价（{axis}）：{multiple} 第 {number} 行", "Target price ({axis}): {multiple} row {number}"),
    "val.sens_up_row": _w("上涨空间（{axis}）：{multiple} 第 {number} 行", "Upside ({axis}): {multiple} row {number}"),
}

_CHECKS = {
    "chk.tolerance": _w("容差", "Tolerance"),
    "chk.difference": _w("{name}：差额", "{name}: difference"),
    "chk.yearly": _w("检查（每年，差额不超过容差）", "Checks (each year: difference within tolerance)"),
    "chk.balance": _w("资产 = 负债 + 权益", "Assets = liabilities + equity"),
    "chk.cash": _w("现金 = 上年现金 + 净现金流 + 汇率影响", "Cash = prior cash + net cash flow + FX effect"),
    "chk.revenue": _w("分部收入合计 = 损益表收入", "Segments sum to P&L revenue"),
    "chk.profit_split": _w("归母 + 少数股东 = 净利润", "Parent + minority = net profit"),
    "chk.cash_flow_cash": _w("资产负债表现金 = 现金流量表期末现金", "Balance-sheet cash = cash-flow closing cash"),
    "chk.valuation": _w("估值检查", "Valuation check"),
    "chk.target_price": _w("目标价复核", "Target price recomputes"),
    "chk.scenario_diff": _w("当前情景目标价差额", "Live scenario's target price minus valuation"),
    "chk.scenario": _w("情景表与当前估值一致", "Scenario table agrees with the live case"),
    "chk.master_section": _w("总检查", "Master check"),
    "chk.master": _w("总检查（全部为 TRUE）", "Master check (all TRUE)"),
}

_REVISIONS = {
    "rev.revenue": _w("营业收入", "Revenue"),
    "rev.adj_net_profit": _w("调整后净利润", "Adjusted net profit"),
    "rev.eps": _w("每股收益", "EPS"),
    "rev.section": _w("{name}（{unit}）", "{name} ({unit})"),
    "rev.new": _w("{name}：本次", "{name}: new"),
    "rev.previous": _w("{name}：上次", "{name}: previous"),
    "rev.change": _w("{name}：调整幅度", "{name}: change"),
    "rev.target_and_rating": _w("目标价与评级", "Target price and rating"),
    "rev.target_price": _w("目标价", "Target price"),
    "rev.rating": _w("评级", "Rating"),
}

_COVER = {
    "cover.summary": _w("投资要点", "Summary"),
    "cover.rating": _w("投资评级", "Rating"),
    "cover.target_price": _w("目标价", "Target price"),
    "cover.upside": _w("上涨空间", "Upside"),
    "cover.target_market_cap": _w("目标市值", "Target market cap"),
    "cover.price": _w("收盘价", "Share price"),
    "cover.price_date": _w("股价日期", "Price date"),
    "cover.master_check": _w("总检查", "Master check"),
}

# Notes in the source column, which is in one language (English when the model has it, see
# labels.single_language), like the sources typed in the assumptions file; `{source}` is the source of
# the values a row carries.
_SOURCES = {
    "source.model_years": {"zh": "模型年份；A = 实际，E = 预测", "en": "Model years; A = actual, E = estimate"},
    "source.model_fiscal_years": {"zh": "财年截至所列年份的第 {month} 月；A = 实际，E = 预测",
                                  "en": "Fiscal years ending in month {month} of the calendar year named; "
                                        "A = actual, E = estimate"},
    "source.days_in_period": {"zh": "日历天数：每年 365 天，每季度为其四分之一",
                              "en": "Calendar days: 365 a year, a quarter of that a quarter"},
    "source.live_scenario": {"zh": "下列各行的当前情景（见上方选择）。{source}",
                             "en": "Live scenario (selector above) of the rows below. {source}"},
    "source.scenario_names": {"zh": "情景名称（假设文件）", "en": "Scenario names (assumptions file)"},
    "source.scenario_selector": {"zh": "从列表中选择；整个模型随之变化",
                                 "en": "Choose from the list; the whole model follows"},
    "source.rating_scale": {"zh": "报告评级定义", "en": "Report rating definitions"},
    "source.scenario_basis_computed": {"zh": "构建时以该情景为当前情景计算（非实时公式）；修改驱动因素后请重新构建",
                                       "en": "Computed at build time with this case live (not a live formula); "
                                             "build again after editing drivers"},
    "source.method": {"zh": "假设文件中的 valuation.multiple（估值方法）",
                      "en": "valuation.multiple in the assumptions file (the valuation method)"},
    "source.previous": {"zh": "前次模型：{label}", "en": "Previous model: {label}"},
}

# Units, in the unit column (one language, like the source column); {symbol}: a currency symbol.
_UNITS = {
    "unit.m_shares": {"zh": "百万股", "en": "m shares"},
    "unit.days": {"zh": "天", "en": "days"},
    "unit.millions": {"zh": "{symbol}百万", "en": "{symbol} m"},
    "unit.hundred_millions": {"zh": "{symbol}亿", "en": "{symbol} 100m"},
    "unit.bool": {"zh": "TRUE/FALSE", "en": "TRUE/FALSE"},
    "unit.grid": {"zh": "x | {symbol}", "en": "x | {symbol}"},
    "unit.years": {"zh": "年", "en": "years"},
    # The blocks' plain unit words ("text", "date", "year"), looked up by the sheet writer.
    "unit.text": {"zh": "文本", "en": "text"},
    "unit.date": {"zh": "日期", "en": "date"},
    "unit.year": {"zh": "年份", "en": "year"},
    "unit.fx": {"zh": "汇率", "en": "fx"},
}

# Words of a valuation method (builder/model/valuation/<slug>.py), keyed valuation.<slug>.<...>.
_VALUATION_METHODS = {
    "valuation.ps.peer_inputs": _w("可比公司（市值与收入，单位见各行）", "Peers (market cap and revenue; units per row)"),
    "valuation.ps.peer_metric_input": _w("{peer}：营业收入", "{peer} ({code}): revenue"),
    "valuation.ps.peers": _w("可比公司估值（{multiple} = 总市值 / 营业收入）",
                             "Peer valuation ({multiple} = market cap / revenue)"),
    "valuation.ps.peer_growth": _w("可比公司营业收入同比", "Peer revenue growth"),
    "valuation.ps.peer_yoy": _w("{peer}：收入同比", "{peer}: revenue YoY"),
    "valuation.ps.basis": _w("基准年收入", "Basis-year revenue"),
    "valuation.ps.basis_total": _w("总收入", "Total revenue"),
    "valuation.ps.basis_change": _w("基准年收入变动", "basis-year revenue change"),
    "valuation.ps.basis_change_input": _w("基准年收入变动", "Basis-year revenue change"),
    "valuation.ps.check_diff": _w("目标价复核差额", "Target price minus multiple x revenue x FX / shares"),
    # For the summaries ({year}: the basis or a peer year; {unit}: the money unit in that language).
    "valuation.ps.summary.basis": _w("{year} 年预测收入", "{year}E revenue"),
    "valuation.ps.summary.peer_metric_column": _w("营业收入 {year}（亿）", "Revenue {year} (100m)"),
    "valuation.ps.summary.scenario_basis": _w("{year} 年收入（{unit}）", "{year}E revenue ({unit})"),
    "valuation.ps.summary.sensitivity_axis": _w("{year} 年收入变动", "{year}E revenue"),
    "valuation.ps.summary.sensitivity_corner": _w("收入", "revenue"),
}



def _method(slug: str, metric_zh: str, metric_en: str, cap_zh: str, cap_en: str, summary_en: str) -> dict:
    """A multiple method's words: `metric_*` is what its multiple divides, `cap_*` what it divides
    (market cap or enterprise value)."""
    k = f"valuation.{slug}."
    return {
        k + "peer_inputs": _w(f"可比公司（{cap_zh}与{metric_zh}，单位见各行）",
                              f"Peers (market cap and {metric_en}; units per row)"),
        k + "peer_metric_input": _w(f"{{peer}}：{metric_zh}", f"{{peer}} ({{code}}): {metric_en}"),
        k + "peers": _w(f"可比公司估值（{{multiple}} = {cap_zh} / {metric_zh}；负值为 n.m.，不计入平均）",
                        f"Peer valuation ({{multiple}} = {cap_en} / {metric_en}; n.m. when negative, "
                        f"left out of the average)"),
        k + "peer_growth": _w(f"可比公司{metric_zh}同比", f"Peer {metric_en} growth"),
        k + "peer_yoy": _w(f"{{peer}}：{metric_zh}同比", f"{{peer}}: {metric_en} YoY"),
        k + "basis": _w(f"基准年{metric_zh}", f"Basis-year {metric_en}"),
        k + "basis_total": _w(metric_zh, metric_en.capitalize()),
        k + "basis_change": _w(f"基准年{metric_zh}变动", f"basis-year {metric_en} change"),
        k + "basis_change_input": _w(f"基准年{metric_zh}变动", f"Basis-year {metric_en} change"),
        k + "check_diff": _w("目标价复核差额", f"Target price minus the {summary_en} chain recomputed"),
        k + "summary.basis": _w(f"{{year}} 年预测{metric_zh}", f"{{year}}E {metric_en}"),
        k + "summary.peer_metric_column": _w(f"{metric_zh} {{year}}（亿）", f"{metric_en.capitalize()} {{year}} (100m)"),
        k + "summary.scenario_basis": _w(f"{{year}} 年{metric_zh}（{{unit}}）", f"{{year}}E {metric_en} ({{unit}})"),
        k + "summary.sensitivity_axis": _w(f"{{year}} 年{metric_zh}变动", f"{{year}}E {metric_en}"),
        k + "summary.sensitivity_corner": _w(metric_zh, metric_en),
    }


# Methods beyond P/S, and the lines enterprise-value methods read (valuation issue).
_MORE_METHODS = {
    **_method("pe", "每股收益", "EPS", "总市值", "market cap", "multiple x EPS x FX"),
    **_method("pb", "每股净资产", "book value per share", "总市值", "market cap", "multiple x BVPS x FX"),
    **_method("ev_ebitda", "EBITDA", "EBITDA", "企业价值", "enterprise value",
              "multiple x EBITDA - bridge, x FX / shares"),
    **_method("ev_sales", "营业收入", "revenue", "企业价值", "enterprise value",
              "multiple x revenue - bridge, x FX / shares"),
    "valuation.pe.peer_inputs": _w("可比公司（市值与净利润，单位见各行）", "Peers (market cap and net profit; units per row)"),
    "valuation.pe.peer_metric_input": _w("{peer}：净利润", "{peer} ({code}): net profit"),
    "valuation.pe.peers": _w("可比公司估值（{multiple} = 总市值 / 净利润；负值为 n.m.，不计入平均）",
                             "Peer valuation ({multiple} = market cap / net profit; n.m. when negative, "
                             "left out of the average)"),
    "valuation.pe.peer_growth": _w("可比公司净利润同比", "Peer net profit growth"),
    "valuation.pe.peer_yoy": _w("{peer}：净利润同比", "{peer}: net profit YoY"),
    "valuation.pb.peer_inputs": _w("可比公司（市值与净资产，单位见各行）", "Peers (market cap and book value; units per row)"),
    "valuation.pb.peer_metric_input": _w("{peer}：净资产", "{peer} ({code}): book value"),
    "valuation.pb.peers": _w("可比公司估值（{multiple} = 总市值 / 净资产；负值为 n.m.，不计入平均）",
                             "Peer valuation ({multiple} = market cap / book value; n.m. when negative, "
                             "left out of the average)"),
    "valuation.pb.peer_growth": _w("可比公司净资产同比", "Peer book value growth"),
    "valuation.pb.peer_yoy": _w("{peer}：净资产同比", "{peer}: book value YoY"),
    "in.scenario_basis": _w("各情景估值基准（构建时计算）", "Each case's basis metric (computed at build time)"),
    "in.scenario_basis_case": _w("{basis}［{case}］（构建时计算）", "{basis} [{case}] (computed at build time)"),
    "sheet.dcf": _w("现金流折现", "DCF"),
    "dcf.title": _w("企业自由现金流（FCFF）", "Free cash flow to the firm (FCFF)"),
    "dcf.year": _w("财年", "Fiscal year"),
    "dcf.ebit": _w("息税前利润", "EBIT"),
    "dcf.tax_rate": _w("税率", "Tax rate"),
    "dcf.nopat": _w("税后经营利润 = EBIT × (1 - 税率)", "NOPAT = EBIT x (1 - tax rate)"),
    "dcf.da": _w("加：折旧摊销", "Add: depreciation & amortisation"),
    "dcf.capex": _w("减：资本开支", "Less: capital expenditure"),
    "dcf.working_capital": _w("减：营运资本增加", "Less: increase in working capital"),
    "dcf.fcff": _w("企业自由现金流", "Free cash flow to the firm"),
    "dcf.discounting": _w("折现", "Discounting"),
    "dcf.wacc": _w("加权平均资本成本（WACC）", "WACC"),
    "dcf.cost_of_equity": _w("股权成本 = 无风险利率 + β × 股权风险溢价", "Cost of equity = risk-free + beta x ERP"),
    "dcf.cost_of_debt_after_tax": _w("税后债务成本", "After-tax cost of debt"),
    "dcf.period": _w("折现期（年，自估值日）", "Discount period (years from the valuation date)"),
    "dcf.discount_factor": _w("折现系数", "Discount factor"),
    "dcf.pv": _w("现金流现值", "Present value of the flow"),
    "dcf.terminal_growth": _w("永续增长率", "Terminal growth"),
    "dcf.exit_multiple": _w("退出 EV/EBITDA 倍数", "Exit EV/EBITDA multiple"),
    "dcf.terminal_value": _w("终值（最后预测年末）", "Terminal value (end of the last estimate year)"),
    "dcf.terminal_discount_factor": _w("终值折现系数", "Terminal value discount factor"),
    "dcf.pv_terminal": _w("终值现值", "Present value of the terminal value"),
    "dcf.pv_sum": _w("预测期现金流现值合计", "Sum of the flows' present values"),
    "in.dcf": _w("现金流折现（DCF）", "Discounted cash flow (DCF)"),
    "in.dcf_valuation_date": _w("估值日", "Valuation date"),
    "in.dcf_first_year_end": _w("首个预测年度结束日", "End of the first estimate year"),
    "in.dcf_days": _w("每年天数", "Days in a year"),
    "in.dcf_mid_year": _w("年中折现调整（年）", "Mid-year shift (years)"),
    "in.dcf_wacc": _w("WACC", "WACC"),
    "in.dcf_risk_free_rate": _w("无风险利率", "Risk-free rate"),
    "in.dcf_beta": _w("β", "Beta"),
    "in.dcf_equity_risk_premium": _w("股权风险溢价", "Equity risk premium"),
    "in.dcf_cost_of_debt": _w("税前债务成本", "Pre-tax cost of debt"),
    "in.dcf_tax_rate": _w("税率（债务成本）", "Tax rate (cost of debt)"),
    "in.dcf_debt_weight": _w("目标债务权重", "Target debt weight"),
    "in.dcf_terminal_growth": _w("永续增长率", "Terminal growth"),
    "in.dcf_exit_multiple": _w("退出 EV/EBITDA 倍数", "Exit EV/EBITDA multiple"),
    "in.dcf_wacc_changes": _w("WACC 变动", "WACC change"),
    "in.dcf_terminal_changes": _w("终值假设变动", "Terminal assumption change"),
    "val.sens_dcf": _w("敏感性分析：目标价（{symbol}）— WACC × {terminal}", "Sensitivity: target price ({symbol}) by WACC and {terminal}"),
    "val.sens_dcf_axis": _w("{terminal}", "{terminal}"),
    "val.sens_dcf_row": _w("目标价：WACC 第 {number} 档", "Target price at WACC step {number}"),
    "val.sens_dcf_up": _w("敏感性分析：上涨空间 — WACC × {terminal}", "Sensitivity: upside by WACC and {terminal}"),
    "val.sens_dcf_up_row": _w("上涨空间：WACC 第 {number} 档", "Upside at WACC step {number}"),
    "chk.dcf": _w("DCF：现金流现值 + 终值现值 = 企业价值", "DCF: present values of the flows + terminal value = EV"),
    "chk.dcf_diff": _w("DCF 复核差额", "EV minus the flows and terminal value discounted term by term"),
    "valuation.dcf.check_diff": _w("目标价复核差额", "Target price minus (EV discounted term by term - bridge) x FX / shares"),
    "valuation.dcf.basis": _w("企业自由现金流", "Free cash flow to the firm"),
    "in.blend_weight": _w("{method} 权重", "Weight of {method}"),
    "val.blend": _w("综合估值（加权）", "Blended valuation (weighted)"),
    "val.blend_weight": _w("{method} 权重", "Weight of {method}"),
    "val.blend_target_price": _w("{method} 目标价", "Target price by {method}"),
    "val.blend_weights_total": _w("权重合计", "Sum of the weights"),
    "chk.blend_weights": _w("综合估值权重合计为 1", "Blend weights sum to 1"),
    "chk.blend_weights_diff": _w("权重合计 - 1", "Sum of the weights minus 1"),
    "valuation.blend.check_diff": _w("目标价复核差额", "Target price minus the weighted parts recomputed"),
    "in.method": _w("估值方法", "Valuation method"),
    "val.method": _w("估值方法", "Valuation method"),
    "in.peer_net_debt": _w("{peer}：净负债", "{peer} ({code}): net debt"),
    "in.investments": _w("加：投资（企业价值至股权价值）", "Add: investments (enterprise to equity value)"),
    "is.ebitda_section": _w("EBITDA（企业价值法所用）", "EBITDA (read by enterprise-value methods)"),
    "is.da": _w("折旧摊销（加回）", "Depreciation & amortisation (added back)"),
    "is.ebit": _w("息税前利润（经营利润）", "EBIT (operating profit)"),
    "is.ebitda": _w("EBITDA", "EBITDA"),
    "bs.net_debt_section": _w("净负债", "Net debt"),
    "bs.net_debt": _w("净负债（有息负债 - 现金；负数为净现金）", "Net debt (debt less cash; negative: net cash)"),
    "val.bvps": _w("每股净资产", "Book value per share"),
    "val.peer_median": _w("中位数", "Peer median"),
    "val.enterprise_value": _w("目标企业价值", "Target enterprise value"),
    "val.net_debt": _w("减：净负债（最近报告期）", "Less: net debt (latest reported)"),
    "val.minority_interest": _w("减：少数股东权益（最近报告期）", "Less: minority interests (latest reported)"),
    "val.investments": _w("加：投资", "Add: investments"),
    "val.equity_value": _w("目标股权价值", "Target equity value"),
    "val.bridge": _w("企业价值至股权价值调整（净负债 + 少数股东权益 - 投资）",
                     "EV to equity bridge (net debt + minorities - investments)"),
}


# Statements for any business (issue 13): per-share lines and their inputs.
_PER_SHARE = {
    "in.diluted_shares": _w("稀释加权平均股数", "Weighted average diluted shares"),
    "in.year_end_shares": _w("期末股数", "Shares outstanding at period end"),
    "is.adj_net_profit_parent": _w("归母调整后净利润", "Adjusted profit attributable to shareholders"),
    "ps.title": _w("每股指标", "Per share"),
    "ps.shares_weighted": _w("加权平均股数", "Weighted average shares"),
    "ps.shares_diluted": _w("稀释加权平均股数", "Weighted average diluted shares"),
    "ps.eps": _w("基本每股收益（归母）", "Basic EPS (attributable)"),
    "ps.eps_diluted": _w("稀释每股收益", "Diluted EPS"),
    "ps.eps_adjusted": _w("调整后每股收益（归母）", "Adjusted EPS (attributable)"),
    "ps.book_value_attributable": _w("归母股东权益", "Equity attributable to shareholders"),
    "ps.book_value_total": _w("股东权益合计", "Total equity"),
    "ps.shares_year_end": _w("期末股数", "Shares at period end"),
    "ps.bvps": _w("每股净资产", "Book value per share"),
    "ps.price_reporting": _w("股价（报告货币）", "Share price in the reporting currency"),
    "ps.pe": _w("市盈率（股价 / 每股收益）", "P/E (price / EPS)"),
    "ps.pb": _w("市净率（股价 / 每股净资产）", "P/B (price / book value per share)"),
    "ps.dps": _w("每股股利", "Dividend per share"),
    "ps.dividend_yield": _w("股息率（每股股利 / 股价）", "Dividend yield (DPS / price)"),
    "in.returns": _w("股东回报假设", "Shareholder returns"),
    "in.dividends_payout_ratio": _w("分红率（股利 / 归母净利润）", "Payout ratio (dividends / attributable profit)"),
    "in.dividends_dps": _w("每股股利", "Dividend per share"),
    "in.buyback_amount": _w("股份回购金额", "Share buybacks (cash)"),
    "in.buyback_price": _w("回购均价", "Average buyback price"),
    "ret.title": _w("股东回报", "Shareholder returns"),
    "ret.dividends": _w("宣派股利", "Dividends declared"),
    "ret.dividends_paid": _w("支付股利", "Dividends paid"),
    "ret.buybacks": _w("股份回购", "Share buybacks"),
    "ret.shares_bought": _w("回购股数", "Shares bought back"),
    "ret.note": _w(
        "股利与回购在支付当期减少现金与留存收益（不设应付股利）；回购股数 = 回购金额 / 回购均价，"
        "期末股数 = 上期期末股数 - 回购股数，加权股数 = 期初与期末股数的平均值。",
        "Dividends and buybacks reduce cash and retained earnings when paid (no dividends-payable line); "
        "shares bought = buyback cash / average price; period-end shares = prior period-end shares - shares "
        "bought; weighted shares = the average of opening and closing shares."),
    "cf.dividends_paid": _w("支付股利", "Dividends paid"),
    "cf.buybacks": _w("股份回购", "Share buybacks"),
    "ps.note": _w(
        "每股收益 = 归母净利润 / 加权平均股数；季度模型的全年每股收益 = 全年归母净利润 / 全年四个季度加权股数的平均值；"
        "市盈率与市净率在分母不为正时为 n.m.",
        "EPS = profit attributable to shareholders / weighted average shares; a quarterly model's full-year EPS = "
        "the year's attributable profit / the average of its quarters' weighted shares; P/E and P/B are n.m. "
        "where EPS or book value per share is not positive."),
}

WORDS: dict[str, dict[str, str]] = {
    **_SHEETS, **_COMMON, **_INPUTS, **_REVENUE_BUILD, **_INCOME_STATEMENT, **_BALANCE_SHEET, **_CASH_FLOW,
    **_VALUATION, **_CHECKS, **_REVISIONS, **_COVER, **_VALUATION_METHODS, **_MORE_METHODS, **_SOURCES,
    **_UNITS, **_PER_SHARE,
}
