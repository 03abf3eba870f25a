"""Words of the earnings-season rows: the Variance sheet (estimate against reported, for the period just
reported), the football field (value ranges per share) and the consensus comparison."""

VARIANCE_WORDS = {
    "sheet.var": {"zh": "业绩对比", "en": "Variance"},
    "var.title": {"zh": "{period} 实际与上次预测对比（{previous}）",
                  "en": "{period} reported vs previous estimates ({previous})"},
    "var.section": {"zh": "{name}（{unit}）", "en": "{name} ({unit})"},
    "var.estimate": {"zh": "{name}：上次预测", "en": "{name}: previous estimate"},
    "var.reported": {"zh": "{name}：实际", "en": "{name}: reported"},
    "var.difference": {"zh": "{name}：差额（实际 - 预测）", "en": "{name}: difference (reported - estimate)"},
    "var.difference_pct": {"zh": "{name}：差额 / |预测|", "en": "{name}: difference / |estimate|"},
    "var.beats": {"zh": "超预期（TRUE）/ 低于预期（FALSE）", "en": "Beat (TRUE) / miss (FALSE)"},
    "var.beat.revenue": {"zh": "营业收入超预期", "en": "Revenue beat"},
    "var.beat.net_profit": {"zh": "归母净利润超预期", "en": "Net profit attributable beat"},
    "var.beat.eps": {"zh": "每股收益超预期", "en": "EPS beat"},
    "var.note": {"zh": "实际值链接至模型在该期的数值；差额 % 以预测绝对值为分母，预测为 0 时为 n.m.；"
                       "超预期 = 实际高于上次预测。",
                 "en": "Reported figures link to the model's cells for the period; the difference % divides by the "
                       "absolute estimate and is n.m. when the estimate is 0; a beat is a reported figure above "
                       "the previous estimate."},
}

FOOTBALL_WORDS = {
    "val.ff.title": {"zh": "估值区间（足球场图，{symbol} 每股）", "en": "Football field ({symbol} per share)"},
    "val.ff.method": {"zh": "{multiple} 敏感性区间", "en": "{multiple} sensitivity range"},
    "val.ff.part": {"zh": "加权估值组成部分 {multiple} 区间", "en": "Blend part {multiple} range"},
    "val.ff.part_axis": {"zh": "估值区间：加权估值组成部分 {multiple} 的目标价（{symbol}），按目标倍数各档",
                         "en": "Football field: blend part {multiple} target price ({symbol}) at each target multiple step"},
    "val.ff.part_row": {"zh": "{multiple} 目标价（按目标倍数各档）", "en": "{multiple} target price by target multiple step"},
    "val.ff.part_dcf": {"zh": "估值区间：加权估值组成部分 DCF 的目标价（{symbol}）— WACC × {terminal}",
                        "en": "Football field: blend part DCF target price ({symbol}) by WACC and {terminal}"},
    "val.ff.week52": {"zh": "52 周股价区间", "en": "52-week range"},
    "val.ff.price": {"zh": "当前股价标记", "en": "Share price marker"},
    "val.ff.target_price": {"zh": "目标价标记", "en": "Target price marker"},
    "val.ff.high": {"zh": "{name}：上限", "en": "{name}: high"},
    "val.ff.width": {"zh": "{name}：上限 - 下限", "en": "{name}: high - low"},
    "val.ff.note": {"zh": "区间各行为下限；敏感性区间取目标价敏感性表的最小值与最大值，随输入变化。",
                    "en": "Each range's row is its low end; a sensitivity range is the MIN and MAX of the "
                          "target-price sensitivity grid, so it moves with the inputs."},
    "in.week52": {"zh": "52 周股价区间", "en": "52-week price range"},
    "in.week52_low": {"zh": "52 周最低价", "en": "52-week low"},
    "in.week52_high": {"zh": "52 周最高价", "en": "52-week high"},
    "source.week52_unsourced": {"zh": "52 周股价区间（未注明来源）", "en": "52-week price range (no source given)"},
}

CONSENSUS_WORDS = {
    "in.consensus": {"zh": "市场一致预期", "en": "Consensus estimates"},
    "in.consensus_line": {"zh": "一致预期：{name}", "en": "Consensus: {name}"},
    "cons.revenue": {"zh": "营业收入", "en": "Revenue"},
    "cons.ebitda": {"zh": "EBITDA", "en": "EBITDA"},
    "cons.net_profit": {"zh": "归母净利润", "en": "Net profit attributable"},
    "cons.eps": {"zh": "基本每股收益", "en": "Basic EPS"},
    "val.consensus": {"zh": "模型与市场一致预期对比", "en": "Model vs consensus"},
    "val.consensus_model": {"zh": "{name}：模型", "en": "{name}: model"},
    "val.consensus_value": {"zh": "{name}：一致预期", "en": "{name}: consensus"},
    "val.vs_consensus": {"zh": "{name}：较一致预期 %", "en": "{name}: vs consensus %"},
}
