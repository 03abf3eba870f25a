"""Words the typed-number check of prose (prose_numbers.py) reads, not prints: the metrics it knows,
the words that make a clause about something else, the money units and the currency markers.

Kept apart from the printed catalog (model_words, report_words): these are lists to recognise in an
analyst's own text, in any of the languages the tool writes.
"""
from __future__ import annotations

# Metric -> the words that name it. A clause is judged only when it names exactly one metric.
METRIC_WORDS = {
    "revenue": ("营业总收入", "营业收入", "营收", "收入", "revenues", "revenue", "sales", "turnover"),
    "net_profit": ("归属于母公司股东的净利润", "归母净利润", "经调整净利润", "净利润", "net profit",
                   "net income", "adjusted net profit"),
    "eps": ("每股收益", "EPS", "earnings per share"),
}

# The only words that may stand right before a metric word: anything else qualifies it ("cloud
# revenue", "云服务收入" is a part, not the total), and the clause is left alone.
LEAD_INS = ("预计", "实现", "全年", "年度", "公司", "合计", "总", "年", "total", "group", "the", "our", "its",
            "of", "and", "with", "forecast", "expect", "estimate", "see", "reported", "adjusted", "basic",
            "diluted")

# A clause with one of these is about a change, a share, a cap or a part, not the metric's level.
OFF_TOPIC = ("增长", "增加", "减少", "下降", "提升", "同比", "增速", "增量", "上限", "占", "来自", "份额", "毛利",
             "增", "降", "分部", "业务",
             "growth", "grow", "increase", "decrease", "rise", "fall", "decline", "change", "cap", "share of",
             "from", "margin", "segment", "guidance", "consensus", "than", "up ", "down ", "by ")

# Money units after a number, in millions (the model's money unit).
SCALES = {"亿": 100.0, "千万": 10.0, "百万": 1.0, "万": 0.01, "billion": 1000.0, "bn": 1000.0,
          "million": 1.0, "mn": 1.0, "m": 1.0}

# Currency markers -> a code; the codes rmb and cny are one currency.
CURRENCIES = {"US$": "usd", "USD": "usd", "美元": "usd", "HK$": "hkd", "HKD": "hkd", "港元": "hkd", "港币": "hkd",
              "RMB": "cny", "CNY": "cny", "¥": "cny", "人民币": "cny", "元": "cny", "EUR": "eur", "€": "eur",
              "欧元": "eur", "GBP": "gbp", "£": "gbp", "英镑": "gbp", "JPY": "jpy", "日元": "jpy"}
