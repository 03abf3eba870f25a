"""Source notes of the `init` starter (templates/*.yaml.j2, written in English) in Chinese, for a
starter whose languages have no English: its notes are shown in the workbook's one language."""
from __future__ import annotations

STARTER_SOURCES_ZH = {
    "Analyst estimate": "分析师估计",
    "Annual reports, segment note": "年度报告分部附注",
    "Assumed WACC": "假设的加权平均资本成本",
    "Assumed long-run growth": "假设的长期增长率",
    "Balance sheet": "资产负债表",
    "Cash-flow statement": "现金流量表",
    "Close on {date}": "{date} 收盘价",
    "Consensus": "市场一致预期",
    "D&A / opening PP&E": "折旧摊销 / 期初固定资产",
    "Grid: target P/B -1x..+1x": "网格：目标市净率 -1x..+1x",
    "Income statement": "利润表",
    "Latest filing": "最新公告",
    "Model precision": "模型精度",
    "No acquisitions": "无收购",
    "No issuance": "不发行新股",
    "No minority interests": "无少数股东权益",
    "Non-GAAP reconciliation": "非公认会计准则调节表",
    "Not forecast": "不预测",
    "Peer average": "可比公司平均",
    "Repayment schedule": "还款计划",
    "Rounding of reported figures": "报告数字的四舍五入",
    "Statutory rate": "法定税率",
    "Weight": "权重",
    "Weighted average shares, millions": "加权平均股数（百万股）",
}
