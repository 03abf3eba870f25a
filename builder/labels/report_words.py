"""Words of the report's documents (summaries, charts, cover, sheet headers): key -> {language: text}.

`{field}` placeholders are filled by the renderer (numbers already formatted, analyst text already
escaped for its document). Keys start with the document they belong to.
"""

def _common(metric_zh: str, metric_en: str, cap_zh: str, cap_en: str) -> dict:
    """Summary words every multiple method shares, with its metric (valuation issue)."""
    return {
        "peers": {"zh": f"可比公司估值（{{multiple}} = {cap_zh} / {metric_zh}）",
                  "en": f"Peer valuation ({{multiple}} = {cap_en} / {metric_en})"},
        "peers.revenue": {"zh": f"{metric_zh} {{year}}{{unit}}", "en": f"{metric_en} {{year}}{{unit}}"},
        "scenarios.basis": {"zh": f"{{year}} 年{metric_zh}（{{money}}）", "en": f"{{year}}E {metric_en} ({{money}})"},
        "sensitivity": {"zh": f"敏感性分析：目标价（{{symbol}}）— 目标 {{multiple}} × {{year}} 年{metric_zh}变动",
                        "en": f"Sensitivity: target price ({{symbol}}) by target {{multiple}} and {{year}}E {metric_en}"},
        "sensitivity.corner": {"zh": f"{{multiple}} \\ {metric_zh}", "en": f"{{multiple}} \\ {metric_en}"},
    }


def _per_share(metric_zh: str, metric_en: str) -> dict:
    return {**_common(metric_zh, metric_en, "总市值", "market cap"),
            "scenarios.basis": {"zh": f"{{year}} 年{metric_zh}", "en": f"{{year}}E {metric_en}"}, "method.bridge": {
        "zh": f"目标 {{multiple}} {{target_multiple}}x × {{year}} 年预测{metric_zh} {{basis_per_share}} × 汇率 {{fx}} = "
              f"目标价 {{target_price}} {{symbol}}（目标市值 {{market_cap_large}}{{symbol}}），较 {{date}} 收盘价 "
              f"{{price}} {{symbol}} 有 {{upside}} 上涨空间，评级{{rating}}。",
        "en": f"Target {{multiple}} of {{target_multiple}}x × {{year}}E {metric_en} of {{basis_per_share}} × FX {{fx}} = "
              f"a target price of {{symbol}}{{target_price}} (target market cap {{symbol}}{{market_cap}}m), "
              f"{{upside}} upside to the close of {{symbol}}{{price}} on {{date}}: {{rating}}."}}


def _enterprise(metric_zh: str, metric_en: str) -> dict:
    return {**_common(metric_zh, metric_en, "企业价值", "enterprise value"), "method.bridge": {
        "zh": f"目标 {{multiple}} {{target_multiple}}x × {{year}} 年预测{metric_zh} {{basis}} {{money}} = 企业价值 "
              f"{{enterprise_value}}；减净负债、少数股东权益并加投资（{{bridge}}）= 股权价值 {{equity_value}}；× 汇率 {{fx}} "
              f"= 目标市值 {{market_cap_large}}{{symbol}}；除以总股本 {{shares}} 百万股，目标价 "
              f"{{target_price}} {{symbol}}，较 {{date}} 收盘价 {{price}} {{symbol}} 有 {{upside}} 上涨空间，评级{{rating}}。",
        "en": f"Target {{multiple}} of {{target_multiple}}x × {{year}}E {metric_en} of {{basis}} ({{money}}) = "
              f"enterprise value of {{enterprise_value}}; less net debt and minorities, plus investments "
              f"({{bridge}} in all), = equity value of {{equity_value}}; × FX {{fx}} = target market cap of "
              f"{{symbol}}{{market_cap}}m; divided by {{shares}}m shares, a target price of {{symbol}}{{target_price}}, "
              f"{{upside}} upside to the close of {{symbol}}{{price}} on {{date}}: {{rating}}."}}


WORDS: dict[str, dict[str, str]] = {
    # -- Markdown summary (templates/summary.md.j2) ----------------------------------------------------
    "summary.title": {"zh": "{name}（{ticker}）：{title}", "en": "{name} ({ticker}): {title}"},
    "summary.byline": {"zh": "{broker}｜{date}｜{action}", "en": "{broker} | {date} | {action}"},
    "summary.headline.rating": {"zh": "投资评级", "en": "Rating"},
    "summary.headline.target_price": {"zh": "目标价（{symbol}）", "en": "Target price ({symbol})"},
    "summary.headline.upside": {"zh": "上涨空间", "en": "Upside"},
    "summary.headline.target_market_cap": {"zh": "目标市值（亿{symbol}）",
                                           "en": "Target market cap ({symbol} m)"},
    "summary.headline.price": {"zh": "收盘价（{symbol}，{date}）", "en": "Price ({symbol}, {date})"},
    # The Chinese headline states market caps in 亿 (100 m), the English one in millions.
    "summary.headline.market_cap_value": {"zh": "{hundred_millions}", "en": "{millions}"},
    "summary.thesis": {"zh": "投资要点", "en": "Investment thesis"},
    # A currency in each language: its Chinese word, its English symbol (a code not listed keeps the
    # file's market_symbol in both).
    "currency.USD": {"zh": "美元", "en": "US$"},
    "currency.HKD": {"zh": "港元", "en": "HK$"},
    "currency.RMB": {"zh": "元", "en": "¥"},
    "currency.CNY": {"zh": "元", "en": "¥"},
    "currency.EUR": {"zh": "欧元", "en": "€"},
    "currency.GBP": {"zh": "英镑", "en": "£"},
    "currency.JPY": {"zh": "日元", "en": "JP¥"},
    "currency.TWD": {"zh": "新台币", "en": "NT$"},
    "currency.SGD": {"zh": "新加坡元", "en": "S$"},
    "currency.KRW": {"zh": "韩元", "en": "₩"},
    "currency.INR": {"zh": "印度卢比", "en": "₹"},
    "currency.CHF": {"zh": "瑞士法郎", "en": "CHF"},
    "currency.AUD": {"zh": "澳元", "en": "A$"},
    "currency.CAD": {"zh": "加元", "en": "C$"},
    "currency.MOP": {"zh": "澳门元", "en": "MOP$"},
    "summary.method": {"zh": "估值方法", "en": "Valuation method"},
    "summary.method.bridge": {
        "zh": "目标 {multiple} {target_multiple}x × {year} 年预测收入 {basis} {money} × 汇率 {fx} = 目标市值 "
              "{market_cap_large}{symbol}；除以总股本 {shares} 百万股，"
              "目标价 {target_price} {symbol}，较 {date} 收盘价 {price} {symbol} 有 {upside} 上涨空间，评级{rating}。",
        "en": "Target {multiple} of {target_multiple}x × {year}E revenue of {basis} ({money}) × FX {fx} = target "
              "market cap of {symbol}{market_cap}m; divided by {shares}m shares, a target price of "
              "{symbol}{target_price}, {upside} upside to the close of {symbol}{price} on {date}: {rating}."},
    "summary.peers": {"zh": "可比公司估值（{multiple} = 总市值 / 营业收入）",
                      "en": "Peer valuation ({multiple} = market cap / revenue)"},
    "summary.peers.company": {"zh": "公司", "en": "Company"},
    "summary.peers.code": {"zh": "代码", "en": "Code"},
    "summary.peers.currency": {"zh": "币种", "en": "Currency"},
    "summary.peers.market_cap": {"zh": "总市值{unit}", "en": "Market cap{unit}"},
    "summary.peers.revenue": {"zh": "营业收入 {year}{unit}", "en": "Revenue {year}{unit}"},
    # A peer money unit in a header (all peers alike) and after a peer's currency (peers in different units).
    "summary.peers.unit.m": {"zh": "（百万）", "en": " (m)"},
    "summary.peers.unit.100m": {"zh": "（亿）", "en": " (100m)"},
    "summary.peers.unit.bn": {"zh": "（十亿）", "en": " (bn)"},
    "summary.peers.average": {"zh": "平均值", "en": "Average"},
    "summary.peers.chart": {"zh": "可比公司 {multiple} 与目标", "en": "Peer {multiple} vs target"},
    "summary.scenarios": {"zh": "情景分析", "en": "Scenarios"},
    "summary.scenarios.case": {"zh": "情景", "en": "Case"},
    "summary.scenarios.basis": {"zh": "{year} 年收入（{money}）", "en": "{year}E revenue ({money})"},
    "summary.scenarios.target_multiple": {"zh": "目标 {multiple}", "en": "Target {multiple}"},
    "summary.scenarios.rating": {"zh": "评级", "en": "Rating"},
    "summary.scenarios.live": {"zh": "（当前）", "en": " (live)"},
    "summary.scenarios.enterprise_value": {"zh": "企业价值（{money}）", "en": "Enterprise value ({money})"},
    "summary.scenarios.wacc": {"zh": "WACC", "en": "WACC"},
    "summary.scenarios.part_price": {"zh": "{method} 目标价（{symbol}）", "en": "{method} target ({symbol})"},
    "summary.sensitivity": {"zh": "敏感性分析：目标价（{symbol}）— 目标 {multiple} × {year} 年收入变动",
                            "en": "Sensitivity: target price ({symbol}) by target {multiple} and {year}E revenue"},
    "summary.sensitivity.corner": {"zh": "{multiple} \\ 收入", "en": "{multiple} \\ revenue"},
    "summary.sensitivity.note": {"zh": "粗体为基准情形。", "en": "The base case is in bold."},
    "summary.revisions": {"zh": "盈利预测调整", "en": "Estimate changes"},
    "summary.revisions.line": {"zh": "项目", "en": "Line"},
    "summary.revisions.year": {"zh": "年份", "en": "Year"},
    "summary.revisions.previous": {"zh": "上次", "en": "Previous"},
    "summary.revisions.new": {"zh": "本次", "en": "New"},
    "summary.revisions.change": {"zh": "调整幅度", "en": "Change"},
    "summary.results_review": {"zh": "业绩回顾：{period} 实际与上次预测", "en": "Results review: {period} reported vs "
                                                                            "previous estimates"},
    "summary.results_review.source": {"zh": "上次预测来自 {previous}。", "en": "Previous estimates from {previous}."},
    "summary.consensus": {"zh": "与市场一致预期对比", "en": "Model vs consensus"},
    "summary.consensus.metric": {"zh": "项目", "en": "Metric"},
    "summary.consensus.period": {"zh": "期间", "en": "Period"},
    "summary.consensus.model": {"zh": "本模型", "en": "Model"},
    "summary.consensus.consensus": {"zh": "一致预期", "en": "Consensus"},
    "summary.consensus.vs": {"zh": "较一致预期", "en": "vs consensus"},
    "summary.results_review.line": {"zh": "项目", "en": "Line"},
    "summary.results_review.estimate": {"zh": "上次预测", "en": "Estimate"},
    "summary.results_review.reported": {"zh": "实际", "en": "Reported"},
    "summary.results_review.difference": {"zh": "差额", "en": "Difference"},
    "summary.results_review.difference_pct": {"zh": "差额 %", "en": "Difference %"},
    "summary.results_review.verdict": {"zh": "超预期 / 低于预期", "en": "Beat / miss"},
    "summary.results_review.beat": {"zh": "超预期", "en": "Beat"},
    "summary.results_review.miss": {"zh": "低于预期", "en": "Miss"},
    "summary.financials": {"zh": "财务数据及盈利预测", "en": "Key financials"},
    "summary.financials.revenue": {"zh": "营业收入", "en": "Revenue"},
    "summary.financials.yoy": {"zh": "同比增长率", "en": "YoY"},
    "summary.financials.adj_net_profit": {"zh": "调整后净利润", "en": "Adjusted net profit"},
    "summary.financials.eps_basic": {"zh": "基本每股收益（{currency}/股）", "en": "Basic EPS ({currency})"},
    "summary.financials.eps_adjusted": {"zh": "调整后每股收益（{currency}/股）", "en": "Adjusted EPS ({currency})"},
    # Below a P/E valuation's bridge: which EPS it multiplies (report.eps_basis).
    "summary.pe_eps_basic": {"zh": "市盈率估值所用每股收益为基本每股收益：归属于母公司股东的净利润除以加权平均股本。",
                             "en": "The P/E valuation's EPS is basic EPS: profit attributable to shareholders / "
                                   "weighted average shares."},
    "summary.pe_eps_adjusted": {"zh": "市盈率估值所用每股收益为调整后每股收益：调整后净利润除以加权平均股本。",
                                "en": "The P/E valuation's EPS is adjusted EPS: adjusted net profit / weighted "
                                      "average shares."},
    "summary.financials.roe": {"zh": "净资产收益率", "en": "ROE"},
    "summary.financials.pe": {"zh": "市盈率", "en": "P/E (x)"},
    "summary.financials.pb": {"zh": "市净率", "en": "P/B (x)"},
    # Shareholder returns (issue 13): shown only for a company that pays dividends.
    "summary.financials.dps": {"zh": "每股股利（{currency}）", "en": "DPS ({currency})"},
    "summary.financials.dividend_yield": {"zh": "股息率", "en": "Dividend yield"},
    "summary.financials.note_basic": {
        "zh": "注：每股收益为归属于母公司股东的净利润除以加权平均股本（基本每股收益）；市盈率 = 股价 / 每股收益，"
              "每股收益不为正时记为“-”；市净率 = 股价 / 每股净资产；净资产收益率为调整后净利润除以年末股东权益"
              "（含少数股东权益）。",
        "en": "EPS is profit attributable to shareholders / weighted average shares (basic EPS); P/E = price / EPS, "
              "\"-\" where EPS is not positive; P/B = price / book value per share; ROE is adjusted net profit / "
              "year-end total equity (including minority interests)."},
    "summary.financials.note": {
        "zh": "注：每股收益为调整后净利润除以总股本；净资产收益率与市净率以年末股东权益（含少数股东权益）计算；"
              "亏损年份市盈率记为“-”。",
        "en": "EPS is adjusted net profit / shares; ROE and P/B use year-end total equity (including minority "
              "interests); P/E is shown as \"-\" in loss-making years."},
    "summary.chart.revenue": {"zh": "收入按{by}", "en": "Revenue by {by}"},
    "summary.chart.football": {"zh": "估值区间（足球场图）", "en": "Valuation ranges (football field)"},
    "summary.chart.margins": {"zh": "毛利率与调整后净利率", "en": "Gross and adjusted net margin"},
    "summary.risks": {"zh": "风险提示", "en": "Risks"},
    "summary.rating_scale": {"zh": "评级说明", "en": "Rating scale"},
    "summary.rating_scale.item": {"zh": "{name}：{description}", "en": "{name}: {description}"},
    # -- estimate changes (summaries) ------------------------------------------------------------------
    "revisions.revenue": {"zh": "营业收入", "en": "Revenue"},
    "revisions.adj_net_profit": {"zh": "调整后净利润", "en": "Adjusted net profit"},
    "revisions.eps_basic": {"zh": "每股收益（基本）", "en": "EPS (basic)"},
    "revisions.eps_adjusted": {"zh": "每股收益（调整后）", "en": "EPS (adjusted)"},
    "revisions.target_price": {"zh": "目标价", "en": "Target price"},
    "revisions.rating": {"zh": "评级", "en": "Rating"},
    # -- PNG charts (chart_specs.py) -------------------------------------------------------------------
    "png.revenue": {"zh": "{company} 收入按{by}", "en": "{company}: revenue by {by}"},
    "png.revenue.yoy": {"zh": "总收入同比（右轴）", "en": "Total revenue YoY (right axis)"},
    "png.revenue.others": {"zh": "其余{n}项", "en": "Other {n}"},
    "png.margins": {"zh": "{company} 毛利率与调整后净利率", "en": "{company}: gross and adjusted net margin"},
    "png.margins.gross": {"zh": "毛利率", "en": "Gross margin"},
    "png.margins.adj": {"zh": "调整后净利率", "en": "Adjusted net margin"},
    "png.peers": {"zh": "可比公司 {multiple} 与目标（{year}E）", "en": "Peer {multiple} vs target ({year}E)"},
    "png.football": {"zh": "{company} 估值区间（{symbol} 每股）", "en": "{company} valuation ranges ({symbol} per share)"},
    "png.football.price": {"zh": "当前股价 {price}", "en": "Share price {price}"},
    "png.football.target": {"zh": "目标价 {price}", "en": "Target price {price}"},
    "png.peers.average": {"zh": "可比公司平均值", "en": "Peer average"},
    "png.peers.target": {"zh": "目标 {multiple}（{company}）", "en": "Target {multiple} ({company})"},
    "png.peers.left_out": {"zh": "无数据，未列示：", "en": "Not shown (no figures): "},
    "png.list_separator": {"zh": "、", "en": ", "},
    "png.estimate": {"zh": "预测", "en": "Estimates"},
    # -- native Excel charts (charts.py): one title in every language, joined by a space ---------------
    "xlsx.chart.revenue_by_segment": {"zh": "收入按{by}", "en": "Revenue by {by}"},
    "xlsx.chart.revenue": {"zh": "收入", "en": "Revenue"},
    "xlsx.chart.margins": {"zh": "毛利率与调整后净利率", "en": "Gross and adjusted net margin"},
    "xlsx.chart.football": {"zh": "估值区间（{symbol} 每股）", "en": "Football field ({symbol} per share)"},
    "xlsx.chart.peers": {"zh": "可比公司 {multiple} 与目标", "en": "Peer {multiple} vs target ({year}E)"},
    "xlsx.chart.yoy": {"en": "YoY"},
    # -- workbook: every sheet's header, and the cover ---------------------------------------------------
    "xlsx.master_check": {"zh": "总检查", "en": "Master check"},
    "xlsx.item": {"zh": "项目", "en": "Item"},
    "xlsx.units": {"zh": "单位", "en": "Units"},
    "xlsx.source": {"zh": "来源 / 备注", "en": "Source / note"},
    "xlsx.value": {"zh": "数值", "en": "Value"},
    # Document properties, page footers and cell comments have one text per file: English when the report
    # has it, else its one language.
    "xlsx.page_footer": {"zh": "第 &P 页，共 &N 页", "en": "Page &P of &N"},
    "xlsx.title": {"zh": "{name}（{ticker}）模型", "en": "{name} ({ticker}) model"},
    "xlsx.keywords": {"zh": "{ticker}, {names}, 股票研究模型", "en": "{ticker}, {names}, equity research model"},
    "xlsx.comments": {"zh": "由模型构建工具生成；除输入外的每个数字都是实时公式。",
                      "en": "Generated by builder; every non-input number is a live formula."},
    "xlsx.note_source": {"zh": "{name}\n来源：{source}", "en": "{name}\nSource: {source}"},
    "cover.report": {"zh": "报告", "en": "Report"},
    "cover.company": {"zh": "公司", "en": "Company"},
    "cover.ticker": {"zh": "代码", "en": "Ticker"},
    "cover.date": {"zh": "报告日期", "en": "Report date"},
    "cover.broker": {"zh": "研究机构", "en": "Broker"},
    "cover.action": {"zh": "报告类型", "en": "Report type"},
    "cover.title": {"zh": "标题", "en": "Title"},
    "cover.method": {"zh": "估值方法", "en": "Valuation method"},
    "cover.contents": {"zh": "目录", "en": "Contents"},
    "cover.style_key": {"zh": "格式说明", "en": "Style key"},
    "cover.style.input": {"zh": "输入（蓝色，可修改）", "en": "Input (blue, editable)"},
    "cover.style.formula": {"zh": "公式（黑色）", "en": "Formula (black)"},
    "cover.style.link": {"zh": "跨表链接（绿色）", "en": "Link to another sheet (green)"},
    "cover.style.check": {"zh": "检查（TRUE 为通过）", "en": "Check (TRUE passes)"},
    "cover.thesis": {"zh": "投资要点", "en": "Investment thesis"},
    "cover.risks": {"zh": "风险提示", "en": "Risks"},
    "cover.rating_scale": {"zh": "评级说明", "en": "Rating scale"},
    "cover.disclaimer": {"zh": "免责声明", "en": "Disclaimer"},
    # -- workbook: input validations (one text per cell: English when the model has it) -------------------------------------
    "validation.sensitivity": {"zh": "敏感性网格的一档，即相对基准情形的变动。", "en": "A step of the sensitivity grid, as a change from the base case."},
    "validation.growth": {"zh": "增长率，以小数表示（0.18 = 18%），-99% 至 +1000%。", "en": "Growth as a fraction (0.18 = 18%), from -99% to +1000%."},
    "validation.ratio": {"zh": "比率，以小数表示（0.12 = 12%），-500% 至 +500%。", "en": "A ratio as a fraction (0.12 = 12%), from -500% to +500%."},
    "validation.margin": {"zh": "利润率，以小数表示（0.18 = 18%），低于 100%。", "en": "A margin as a fraction (0.18 = 18%), below 100%."},
    "validation.rate": {"zh": "比率，以小数表示（0.25 = 25%），-100% 至 +100%。", "en": "A rate as a fraction (0.25 = 25%), from -100% to +100%."},
    "validation.days": {"zh": "天数，0 至 366。", "en": "Days, from 0 to 366."},
    "validation.factor": {"zh": "收入因子（价格、数量、用户数、ARPU）或其换算系数，以其自身单位计，零或以上。",
                          "en": "A revenue factor (price, volume, users, ARPU) or its scale, in its own unit, zero or more."},
    "validation.threshold": {"zh": "获得该评级的最低上涨空间，以小数表示（0.2 = 20%）。", "en": "Lowest upside for this rating, as a fraction (0.2 = 20%)."},
    "validation.money": {"zh": "金额，以模型的货币单位计。", "en": "An amount in the model's money unit."},
    "validation.price": {"zh": "股价，须大于零。", "en": "Share price, above zero."},
    "validation.fx": {"zh": "每一单位报表货币折合的市场货币，须大于零。", "en": "Market currency per one unit of reporting currency, above zero."},
    "validation.shares": {"zh": "股数（百万股），须大于零。", "en": "Share count in millions, above zero."},
    "validation.multiple": {"zh": "目标倍数，须大于零。", "en": "Target multiple, above zero."},
    "validation.input": {"zh": "输入", "en": "Input"},
    "validation.outside": {"zh": "超出合理范围", "en": "Outside the sane range"},
    "validation.must_be_positive": {"zh": "须为正数", "en": "Must be positive"},
    "validation.tolerance.title": {"zh": "检查容差", "en": "Check tolerance"},
    "validation.tolerance": {"zh": "检查可接受的最大差额，零或以上。", "en": "Largest difference a check accepts; zero or more."},
    "validation.year.title": {"zh": "年份", "en": "Year"},
    "validation.year": {"zh": "四位数年份。", "en": "A four-digit year."},
    "validation.date.title": {"zh": "日期", "en": "Date"},
    "validation.date": {"zh": "日期。", "en": "A date."},
    "validation.text.title": {"zh": "文本", "en": "Text"},
    "validation.text": {"zh": "标签，1 至 200 个字符。", "en": "A label, 1 to 200 characters."},
    "validation.peer.title": {"zh": "可比公司数据", "en": "Peer figure"},
    "validation.peer": {"zh": "正数；未知时填 n.a.。", "en": "A positive number, or n.a. when not known."},
    "validation.peer.error": {"zh": "请填正数或 n.a.", "en": "Use a positive number or n.a."},
    "validation.peer_signed": {"zh": "任意符号的数字；未知时填 n.a.。", "en": "A number (any sign), or n.a. when not known."},
    "validation.scenario.title": {"zh": "情景", "en": "Scenario"},
    "validation.scenario": {"zh": "选择当前情景；各表随之变化。", "en": "Choose the live case; every sheet follows it."},
    "valuation.blend.summary.part": {"zh": "{method} 目标价 {price} {symbol} × 权重 {weight}",
                                     "en": "{method} target of {symbol}{price} × {weight}"},
    "valuation.blend.summary.joiner": {"zh": " + ", "en": " + "},
    "valuation.blend.summary.method.bridge": {
        "zh": "加权目标价：{parts} = {target_price} {symbol}（目标市值 {market_cap_large}{symbol}），较 {date} 收盘价 "
              "{price} {symbol} 有 {upside} 上涨空间，评级{rating}。",
        "en": "Blended target: {parts} = {symbol}{target_price} (target market cap {symbol}{market_cap}m), {upside} "
              "upside to the close of {symbol}{price} on {date}: {rating}."},
    "valuation.blend.summary.peers": {"zh": "可比公司", "en": "Peers"},
    "valuation.blend.summary.peers.revenue": {"zh": "{year}", "en": "{year}"},
    "valuation.blend.summary.scenarios.basis": {"zh": "{year}", "en": "{year}"},
    "valuation.dcf.summary.method.bridge": {
        "zh": "企业自由现金流按 WACC {wacc} 折现，终值假设 {terminal}：企业价值 {enterprise_value}；减净负债、少数股东权益并加投资"
              "（{bridge}）= 股权价值 {equity_value}；× 汇率 {fx} = 目标市值 {market_cap_large}{symbol}；除以总股本 "
              "{shares} 百万股，目标价 {target_price} {symbol}，较 {date} 收盘价 {price} {symbol} 有 {upside} 上涨空间，评级{rating}。",
        "en": "Free cash flow to the firm discounted at a WACC of {wacc}, terminal assumption {terminal}: enterprise value "
              "of {enterprise_value}; less net debt and minorities, plus investments ({bridge} in all), = equity value "
              "of {equity_value}; × FX {fx} = target market cap of {symbol}{market_cap}m; divided by {shares}m shares, "
              "a target price of {symbol}{target_price}, {upside} upside to the close of {symbol}{price} on {date}: "
              "{rating}."},
    "valuation.blend.summary.sensitivity": {
        "zh": "敏感性分析：加权目标价（{symbol}）— 行：{rows} 部分的假设；列：{columns} 部分的假设",
        "en": "Sensitivity: blended target price ({symbol}); rows: the {rows} part's assumption, columns: the {columns} part's"},
    "valuation.blend.summary.sensitivity.corner": {"zh": "{rows} \\ {columns} 变动", "en": "{rows} \\ {columns} change"},
    "valuation.dcf.summary.sensitivity": {"zh": "敏感性分析：目标价（{symbol}）— WACC × 终值假设",
                                          "en": "Sensitivity: target price ({symbol}) by WACC and the terminal assumption"},
    "valuation.dcf.summary.sensitivity.corner": {"zh": "WACC \\ 终值假设变动", "en": "WACC \\ terminal change"},
    "valuation.dcf.summary.peers": {"zh": "可比公司", "en": "Peers"},
    "valuation.dcf.summary.peers.revenue": {"zh": "{year}", "en": "{year}"},
    "valuation.dcf.summary.scenarios.basis": {"zh": "{year}", "en": "{year}"},
    **{f"valuation.{slug}.summary.{part}": texts for slug, parts in (
        ("pe", _per_share("每股收益", "EPS")), ("pb", _per_share("每股净资产", "book value per share")),
        ("ev_ebitda", _enterprise("EBITDA", "EBITDA")), ("ev_sales", _enterprise("营业收入", "revenue")))
       for part, texts in parts.items()},
}
