"""Native Excel charts that read the model's cells, so they follow the formulas."""
from __future__ import annotations

from .layout import COL_EN, COL_FIRST_PERIOD, HEADER_ROWS
from .limits import label_step
from .schema import Assumptions

EXCEL_MAX_SERIES = 255  # series per chart; a model with more segments charts its total revenue instead
CHART_ROWS = 18  # rows a chart covers below its data (default 480x288 px, scaled)
HEADER_ROW = HEADER_ROWS - 1
COLOURS = ["#1F4E79", "#2E75B6", "#9DC3E6", "#C55A11", "#F4B183", "#548235", "#A9D18E", "#7F6000"]


def _series(layout, key: str, sheet: str, first=0, last=None):
    row = layout.row_of[key]
    last = layout.n_periods - 1 if last is None else last
    return {
        "name": [sheet, row, COL_EN],
        "categories": [sheet, HEADER_ROW, COL_FIRST_PERIOD + first, HEADER_ROW, COL_FIRST_PERIOD + last],
        "values": [sheet, row, COL_FIRST_PERIOD + first, row, COL_FIRST_PERIOD + last],
    }


def _thinned(n: int, first: int = 0) -> dict:
    """A long period axis (quarterly) labels every k-th period, as the PNG charts do: the axis through
    its interval, the data labels by deleting the others (xlsxwriter's custom data labels)."""
    step = label_step(n)
    if step == 1:
        return {}
    return {"custom": [None if (first + i) % step == 0 else {"delete": True} for i in range(n - first)]}


def _period_axis(n: int) -> dict:
    step = label_step(n)
    return {"interval_unit": step} if step > 1 else {}


def revenue_chart(wb, layout, a: Assumptions):
    """Revenue by customer / segment (stacked columns) with total growth (line, right axis)."""
    sheet = layout.title_of["RB_revenue_total"]
    columns = wb.add_chart({"type": "column", "subtype": "stacked"})
    by_segment = len(a.revenue.segments) < EXCEL_MAX_SERIES  # the growth line is a series too
    keys = [f"RB_{seg.key}" for seg in a.revenue.segments] if by_segment else ["RB_revenue_total"]
    for i, key in enumerate(keys):
        s = _series(layout, key, sheet)
        s.update(fill={"color": COLOURS[i % len(COLOURS)]}, gap=60)
        columns.add_series(s)
    line = wb.add_chart({"type": "line"})
    first = 0 if a.revenue.prior_growth else 1
    s = _series(layout, "RB_revenue_total_yoy_pct", sheet, first)
    s.update(y2_axis=True, marker={"type": "circle", "size": 6}, line={"color": "#C00000", "width": 2},
             data_labels={"value": True, "num_format": "0%", "position": "above",
                          **_thinned(layout.n_periods, first)})
    line.add_series(s)
    if _period_axis(layout.n_periods):
        columns.set_x_axis(_period_axis(layout.n_periods))
    columns.combine(line)
    title = "收入按客户 Revenue by customer" if by_segment else "收入 Revenue"
    columns.set_title({"name": title, "name_font": {"size": 12}})
    columns.set_y_axis({"name": a.units.money_en, "num_format": "#,##0", "major_gridlines": {"visible": True,
                                                                                               "line": {"color": "#D9D9D9"}}})
    line.set_y2_axis({"name": "YoY", "num_format": "0%"})
    columns.set_legend({"position": "bottom"})
    return sheet, columns


def margin_chart(wb, layout, a: Assumptions):
    """Gross margin and adjusted net margin."""
    sheet = layout.title_of["IS_revenue"]
    chart = wb.add_chart({"type": "line"})
    for key, colour in (("RB_gross_margin_pct", "#2E75B6"), ("KPI_adj_net_margin_pct", "#C55A11")):
        s = _series(layout, key, layout.title_of[key])
        s.update(marker={"type": "circle", "size": 6}, line={"color": colour, "width": 2.25},
                 data_labels={"value": True, "num_format": "0%", "position": "above", **_thinned(layout.n_periods)})
        chart.add_series(s)
    chart.set_title({"name": "毛利率与调整后净利率 Gross and adjusted net margin", "name_font": {"size": 12}})
    chart.set_y_axis({"num_format": "0%", "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_x_axis({"label_position": "low", **_period_axis(layout.n_periods)})
    chart.set_legend({"position": "bottom"})
    return sheet, chart


def peer_chart(wb, layout, a: Assumptions):
    """Peer multiples in the basis year beside the peer average and the target."""
    v = a.valuation
    if not v.peers:
        return None
    sheet = layout.title_of["KPI_peer_avg_ps"]
    first, last = layout.row_of["KPI_peer_0_ps"], layout.row_of["KPI_target_multiple_row"]
    col = COL_FIRST_PERIOD + max(i for i, p in enumerate(a.years.periods()) if p.year == v.basis_year)
    chart = wb.add_chart({"type": "bar"})
    n = last - first + 1
    points = [{"fill": {"color": "#9DC3E6"}}] * (n - 2) + [{"fill": {"color": "#1F4E79"}},
                                                           {"fill": {"color": "#C00000"}}]
    chart.add_series({
        "name": f"{v.multiple} {v.basis_year}E",
        "categories": [sheet, first, COL_EN, last, COL_EN],
        "values": [sheet, first, col, last, col],
        "points": points,
        "data_labels": {"value": True, "num_format": '0.0"x"'},
        "gap": 50,
    })
    chart.set_title({"name": f"可比公司 {v.multiple} 与目标 Peer {v.multiple} vs target ({v.basis_year}E)",
                     "name_font": {"size": 12}})
    chart.set_x_axis({"num_format": '0"x"', "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    return sheet, chart


def add_charts(wb, layout, a: Assumptions) -> dict[str, list]:
    """Sheet title -> charts to insert below that sheet's rows."""
    out: dict[str, list] = {}
    for make in (revenue_chart, margin_chart, peer_chart):
        made = make(wb, layout, a)
        if made:
            out.setdefault(made[0], []).append(made[1])
    return out
