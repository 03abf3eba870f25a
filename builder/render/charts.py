"""Native Excel charts that read the model's cells, so they follow the formulas."""
from __future__ import annotations

from ..labels import CATALOG, single_language
from ..model.layout import COL_EN, COL_FIRST_PERIOD, HEADER_ROWS, name_column
from ..formula.limits import label_step
from .palette import DARK, GRID, GROSS_MARGIN, ADJ_NET_MARGIN, PEER, RED, SERIES
from ..report import ReportView
from ..safety.text import chart_text

EXCEL_MAX_SERIES = 255  # series per chart; a model with more segments charts its total revenue instead
CHART_ROWS = 18  # rows a chart covers below its data (default 480x288 px, scaled)
HEADER_ROW = HEADER_ROWS - 1


def _title(view: ReportView, key: str, **fields) -> str:
    """One title in every language of the report that the catalog has, joined by a space; analyst text in
    it (a multiple's name) stays literal, never a cell reference."""
    words = CATALOG[key].format(**fields) if fields else CATALOG[key]  # a Words field gives each language its own
    return chart_text(" ".join(words[lang] for lang in view.languages if lang in words))


def _series(layout, key: str, sheet: str, first=0, last=None, name_col=COL_EN):
    row = layout.row_of[key]
    last = layout.n_periods - 1 if last is None else last
    return {
        "name": [sheet, row, name_col],
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


def revenue_chart(wb, layout, view: ReportView):
    """Revenue by customer / segment (stacked columns) with total growth (line, right axis)."""
    data = view.charts
    sheet = layout.title_of[data.total_line]
    columns = wb.add_chart({"type": "column", "subtype": "stacked"})
    by_segment = len(data.segments) < EXCEL_MAX_SERIES  # the growth line is a series too
    lines = [s.line for s in data.segments] if by_segment else [data.total_line]
    for i, line_key in enumerate(lines):
        s = _series(layout, line_key, sheet, name_col=name_column(view.languages))
        s.update(fill={"color": SERIES[i % len(SERIES)]}, gap=60)
        columns.add_series(s)
    line = wb.add_chart({"type": "line"})
    first = data.yoy_first_column
    s = _series(layout, data.yoy_line, sheet, first, name_col=name_column(view.languages))
    s.update(y2_axis=True, marker={"type": "circle", "size": 6}, line={"color": RED, "width": 2},
             data_labels={"value": True, "num_format": "0%", "position": "above",
                          **_thinned(layout.n_periods, first)})
    line.add_series(s)
    if _period_axis(layout.n_periods):
        columns.set_x_axis(_period_axis(layout.n_periods))
    columns.combine(line)
    title = (_title(view, "xlsx.chart.revenue_by_segment", by=data.segments_are) if by_segment
             else _title(view, "xlsx.chart.revenue"))
    columns.set_title({"name": title, "name_font": {"size": 12}})
    columns.set_y_axis({"name": chart_text(view.units.money[single_language(view.languages)]), "num_format": "#,##0",
                        "major_gridlines": {"visible": True, "line": {"color": GRID}}})
    line.set_y2_axis({"name": _title(view, "xlsx.chart.yoy"), "num_format": "0%"})
    columns.set_legend({"position": "bottom"})
    return sheet, columns


def margin_chart(wb, layout, view: ReportView):
    """Gross margin and adjusted net margin."""
    data = view.charts
    sheet = layout.title_of[data.margin_sheet_line]
    chart = wb.add_chart({"type": "line"})
    for key, colour in ((data.gross_margin_line, GROSS_MARGIN), (data.adj_net_margin_line, ADJ_NET_MARGIN)):
        s = _series(layout, key, layout.title_of[key], name_col=name_column(view.languages))
        s.update(marker={"type": "circle", "size": 6}, line={"color": colour, "width": 2.25},
                 data_labels={"value": True, "num_format": "0%", "position": "above", **_thinned(layout.n_periods)})
        chart.add_series(s)
    chart.set_title({"name": _title(view, "xlsx.chart.margins"), "name_font": {"size": 12}})
    chart.set_y_axis({"num_format": "0%", "major_gridlines": {"visible": True, "line": {"color": GRID}}})
    chart.set_x_axis({"label_position": "low", **_period_axis(layout.n_periods)})
    chart.set_legend({"position": "bottom"})
    return sheet, chart


def peer_chart(wb, layout, view: ReportView):
    """Peer multiples in the basis year beside the peer average and the target."""
    val, data = view.valuation, view.charts
    if not view.peers.rows:
        return None
    sheet = layout.title_of[data.peer_first_line]
    first, last = layout.row_of[data.peer_first_line], layout.row_of[data.peer_last_line]
    col = COL_FIRST_PERIOD + val.basis_column
    chart = wb.add_chart({"type": "bar"})
    n = last - first + 1
    points = [{"fill": {"color": PEER}}] * (n - 2) + [{"fill": {"color": DARK}}, {"fill": {"color": RED}}]
    chart.add_series({
        "name": chart_text(f"{view.peers.multiple} {val.basis_year}E"),
        "categories": [sheet, first, name_column(view.languages), last, name_column(view.languages)],
        "values": [sheet, first, col, last, col],
        "points": points,
        "data_labels": {"value": True, "num_format": '0.0"x"'},
        "gap": 50,
    })
    chart.set_title({"name": _title(view, "xlsx.chart.peers", multiple=view.peers.multiple, year=val.basis_year),
                     "name_font": {"size": 12}})
    chart.set_x_axis({"num_format": '0"x"', "major_gridlines": {"visible": True, "line": {"color": GRID}}})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    return sheet, chart


def football_chart(wb, layout, view: ReportView):
    """Value ranges per share: a stacked bar whose first series (each range's low end) is invisible, so the
    second (high - low) floats; the share price and target price are the first series' last two bars, shown."""
    ff = view.charts.football
    if ff is None or not ff.bars:
        return None
    sheet, names = layout.title_of[ff.first_line], name_column(view.languages)
    first, last = layout.row_of[ff.first_line], layout.row_of[ff.last_line]
    n_bars = len(ff.bars)
    chart = wb.add_chart({"type": "bar", "subtype": "stacked"})
    categories = [sheet, first, names, last, names]
    chart.add_series({"categories": categories, "values": [sheet, first, COL_FIRST_PERIOD, last, COL_FIRST_PERIOD],
                      "fill": {"none": True}, "border": {"none": True},
                      "points": [None] * n_bars + [{"fill": {"color": DARK}}, {"fill": {"color": RED}}],
                      "gap": 60})
    width_first, width_last = layout.row_of[ff.width_first_line], layout.row_of[ff.width_last_line]
    chart.add_series({"categories": [sheet, first, names, first + n_bars - 1, names],
                      "values": [sheet, width_first, COL_FIRST_PERIOD, width_last, COL_FIRST_PERIOD],
                      "fill": {"color": SERIES[1]}, "gap": 60})
    chart.set_title({"name": _title(view, "xlsx.chart.football", symbol=view.units.market_symbol),
                     "name_font": {"size": 12}})
    chart.set_x_axis({"num_format": "#,##0.00", "major_gridlines": {"visible": True, "line": {"color": GRID}}})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    return sheet, chart


def add_charts(wb, layout, view: ReportView) -> dict[str, list]:
    """Sheet title -> charts to insert below that sheet's rows."""
    out: dict[str, list] = {}
    for make in (revenue_chart, margin_chart, peer_chart, football_chart):
        made = make(wb, layout, view)
        if made:
            out.setdefault(made[0], []).append(made[1])
    return out
