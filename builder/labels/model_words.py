"""Words of the model's sheets, sections, lines and notes: key -> {language: text}.

`{name}`-style fields are filled by the block with text from the assumptions (a segment's or
a case's name, in each language); keys are grouped by the sheet that shows them.
"""


from .method_words import MORE_METHODS
from .earnings_words import CONSENSUS_WORDS, FOOTBALL_WORDS, VARIANCE_WORDS


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
    "driver.share_of": _w("占所指科目比例", "share of the line named"),
    "driver.share_of_named": _w("占{of}比例", "share of {of}"),
    "driver.price_volume": _w("单价 × 销量", "price x volume"),
    "driver.users_arpu": _w("用户数 × 每用户收入", "users x ARPU"),
    "factor.price": _w("单价", "price"),
    "factor.volume": _w("销量", "volume"),
    "factor.users": _w("用户数", "users"),
    "factor.arpu": _w("每用户收入（ARPU）", "ARPU"),
    "line.factor": _w("{name}：{factor}", "{name}: {factor}"),
    "in.factor_scale": _w("{name}：换算系数（{a} × {b} × 系数 = 收入）", "{name}: scale ({a} x {b} x scale = revenue)"),
    "rb.factors": _w("收入驱动因素", "Revenue drivers"),
    "rb.parts": _w("分部明细（各分部为其子项之和）", "Segment detail (each segment is the sum of its parts)"),
    "line.part": _w("{segment}：{name}", "{segment}: {name}"),
    "rb.segment_costs": _w("分部营业成本", "Cost of revenue by segment"),
    "rb.cost_of_revenue_total": _w("营业成本（各分部之和）", "Cost of revenue (sum of the segments)"),
    "line.segment_cost": _w("{name}：营业成本", "{name}: cost of revenue"),
    "line.segment_margin": _w("{name}：毛利率", "{name}: gross margin"),
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
    "val.eps_basic": _w("每股收益（基本，归母）", "EPS (basic, attributable)"),
    "val.eps_adjusted": _w("每股收益（调整后净利润 / 加权股本）", "EPS (adjusted net profit / weighted shares)"),
    "val.roe": _w("净资产收益率", "ROE"),
    "val.pe": _w("市盈率", "P/E"),
    "val.pb": _w("市净率", "P/B"),
    # The key financials' note, by EPS basis (report.eps_basis).
    "val.metrics_note_adjusted": _w(
        "每股收益 = 调整后净利润 / 总股本；ROE 与 P/B 以年末股东权益（含少数股东权益）计算；亏损年份市盈率为 n.m.",
        "EPS = adjusted net profit / shares; ROE and P/B use year-end total equity "
        "(incl. minority interests); P/E is n.m. in loss years."),
    "val.metrics_note_basic": _w(
        "每股收益 = 归母净利润 / 加权平均股数（基本每股收益），市盈率与市盈率估值均以此为准；ROE 与 P/B 以年末股东权益"
        "（含少数股东权益）计算；亏损年份市盈率为 n.m.",
        "EPS = profit attributable to shareholders / weighted average shares (basic EPS), the EPS of every P/E here; "
        "ROE and P/B use year-end total equity (incl. minority interests); P/E is n.m. in loss years."),
    "val.peer_pe_basis_basic": _w("可比公司净利润应为归属于母公司股东的净利润，与本公司每股收益（基本）口径一致。",
                                  "Peers' net profit is profit attributable to shareholders, the basis of this "
                                  "company's EPS (basic)."),
    "val.peer_pe_basis_adjusted": _w("可比公司净利润应为调整后净利润，与本公司每股收益（调整后）口径一致。",
                                     "Peers' net profit is adjusted net profit, the basis of this company's EPS "
                                     "(adjusted)."),
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
    "rev.eps_basic": _w("每股收益（基本）", "EPS (basic)"),
    "rev.eps_adjusted": _w("每股收益（调整后）", "EPS (adjusted)"),
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

# Source notes the schema gives inputs an analyst left out (schema.py defaults); the workbook writes them in
# its one-text language, as any source note.
DEFAULT_SOURCES = {
    "source.grid_multiple": _w("网格：目标倍数 -2x..+2x（围绕基准）", "Grid: target multiple -2x..+2x around the base"),
    "source.grid_revenue": _w("网格：基准年收入 -10%..+10%", "Grid: basis-year revenue -10%..+10%"),
    "source.grid_fx": _w("网格：汇率 -5%..+5%", "Grid: FX -5%..+5%"),
    "source.grid_metric": _w("网格：基准年指标 -10%..+10%", "Grid: basis-year metric -10%..+10%"),
    "source.grid_wacc": _w("网格：WACC -1..+1 个百分点", "Grid: WACC -1pt..+1pt"),
    "source.grid_terminal": _w("网格：永续增长率（或退出倍数）变动", "Grid: terminal growth (or exit multiple) change"),
    "source.days_in_year": _w("一年的天数", "Days in a year"),
}

# Units, in the unit column (one language, like the source column); {symbol}: a currency symbol.
_UNITS = {
    "unit.m_shares": {"zh": "百万股", "en": "m shares"},
    "unit.days": {"zh": "天", "en": "days"},
    "unit.factor": {"zh": "见来源", "en": "see source"},
    # The money unit from units.money: {currency} the currency's Chinese word (元, 美元), {code} its code.
    "unit.money.thousands": {"zh": "千{currency}", "en": "{code} k"},
    "unit.money.millions": {"zh": "百万{currency}", "en": "{code} m"},
    "unit.money.billions": {"zh": "十亿{currency}", "en": "{code} bn"},
    "unit.millions": {"zh": "{symbol}百万", "en": "{symbol} m"},
    "unit.hundred_millions": {"zh": "{symbol}亿", "en": "{symbol} 100m"},
    "unit.billions": {"zh": "{symbol}十亿", "en": "{symbol} bn"},
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
        "市盈率 = 股价 / 关键财务数据中的每股收益；市盈率与市净率在分母不为正时为 n.m.",
        "EPS = profit attributable to shareholders / weighted average shares; a quarterly model's full-year EPS = "
        "the year's attributable profit / the average of its quarters' weighted shares; P/E = price / the EPS of "
        "the key financials; P/E and P/B are n.m. where EPS or book value per share is not positive."),
}

WORDS: dict[str, dict[str, str]] = {
    **_SHEETS, **_COMMON, **_INPUTS, **_REVENUE_BUILD, **_INCOME_STATEMENT, **_BALANCE_SHEET, **_CASH_FLOW,
    **_VALUATION, **_CHECKS, **_REVISIONS, **_COVER, **_VALUATION_METHODS, **MORE_METHODS, **_SOURCES,
    **_UNITS, **_PER_SHARE, **DEFAULT_SOURCES, **VARIANCE_WORDS, **FOOTBALL_WORDS,
    **CONSENSUS_WORDS,
}
