"""PNG charts for the Markdown summaries, drawn from the model's values (the workbook's stored values).

Three charts per language, written beside the Markdown as `<id>.<lang>.<kind>.png`:
revenue by customer / segment with total YoY, gross and adjusted net margin, and peer
multiples in the basis year against the peer average and the target.

matplotlib is used through its object API on the Agg canvas (no pyplot, no global rcParams):
every text element is given its font explicitly. The same model gives the same PNG bytes
(fixed size and dpi, no software/date metadata). Chinese labels need a CJK font; without one,
the Chinese summary's charts fall back to English labels and the build warns once.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from matplotlib import font_manager, ft2font
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .chart_specs import (DIGEST_KEY, Axis, FootballSpec, MarginSpec, PeerSpec, RevenueSpec, Spec, chart_specs, cut,
                          digest)
from .formatting import chart_amount, chart_multiple, chart_pct
from .palette import ADJ_NET_MARGIN, DARK, GRID, GROSS_MARGIN, PEER, RED, SERIES
from ..report import ReportView

LATIN_FONT = "DejaVu Sans"  # ships with matplotlib, so every machine has it
FIGSIZE = (8.0, 4.6)        # inches; at DPI 110 an 880 x 506 px image
DPI = 110
ESTIMATE_FILL = "#F2F2F2"
LABEL_BOX = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}

# CJK families by preference; after these, any family whose name says CJK, then other known CJK families.
CJK_PREFERRED = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "Source Han Sans CN",
                 "Source Han Serif SC", "Source Han Serif CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei")
CJK_HINTS = ("cjk", "source han", "wenquanyi", "wqy", "droid sans fallback", "ar pl")
CJK_PROBE = "收入毛利率"  # a CJK font must have these glyphs

FONT_WARNING = ("warning: no CJK font found, so the Chinese summary's charts use English labels "
                "(install fonts-noto-cjk)")

@dataclass
class SummaryCharts:
    files: dict[str, bytes] = field(default_factory=dict)  # file name -> PNG bytes, in a fixed order
    warnings: list[str] = field(default_factory=list)


# -- fonts --------------------------------------------------------------------------------------------
def _has_cjk_glyphs(entry) -> bool:
    try:
        index = getattr(entry, "index", 0) or 0
        font = ft2font.FT2Font(entry.fname, face_index=index) if index else ft2font.FT2Font(entry.fname)
        return all(font.get_char_index(ord(ch)) for ch in CJK_PROBE)
    except Exception:  # an unreadable font file is simply not a candidate
        return False


def _pick_cjk() -> str | None:
    entries = [e for e in font_manager.fontManager.ttflist if e.fname]
    by_name: dict[str, list] = {}
    for e in entries:
        by_name.setdefault(e.name, []).append(e)

    def usable(name):
        return any(_has_cjk_glyphs(e) for e in by_name[name])

    for name in CJK_PREFERRED:
        if name in by_name and usable(name):
            return name
    # Any other CJK family: simplified Chinese first, proportional before monospaced, then by name.
    others = sorted((n for n in by_name if any(h in n.lower() for h in CJK_HINTS)),
                    key=lambda n: (" SC" not in n and " CN" not in n, "mono" in n.lower(), n))
    for name in others:
        if usable(name):
            return name
    return None


_resolved: list = []  # memo: [family or None]


def cjk_font() -> str | None:
    """The font family the Chinese charts use, or None when the machine has no CJK font."""
    if _resolved:
        return _resolved[0]
    found = _pick_cjk()
    if found is None:
        # matplotlib's font cache may predate fonts installed since: look at the files on disk once.
        added = False
        for path in sorted(font_manager.findSystemFonts()):
            if any(h in Path(path).name.lower() for h in ("cjk", "sourcehan", "wqy", "wenquanyi", "droidsansfallback")):
                try:
                    font_manager.fontManager.addfont(path)
                    added = True
                except Exception:
                    pass
        if added:
            found = _pick_cjk()
    _resolved.append(found)
    return found


# -- helpers ------------------------------------------------------------------------------------------
def _plain(text, limit: int = 60) -> str:
    """Text matplotlib shows literally: an escaped dollar never starts mathtext."""
    return cut(text, limit).replace("$", r"\$")


class _Style:
    def __init__(self, families: list[str]):
        self.families = families

    def font(self, size: float = 9, weight: str = "normal") -> FontProperties:
        return FontProperties(family=self.families, size=size, weight=weight)

    def figure(self):
        fig = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained", facecolor="white")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        self.axes(ax)
        return fig, ax

    def axes(self, ax):
        ax.tick_params(labelsize=9, labelfontfamily=self.families, colors="#404040")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        for side in ("left", "bottom"):
            ax.spines[side].set_color("#808080")

    def title(self, ax, text):
        # A fixed height (y=1): matplotlib then skips measuring every decoration above the axes (there are none).
        ax.set_title(_plain(text), fontproperties=self.font(12, "bold"), loc="left", color="#202020", pad=10, y=1.0)

    def legend(self, ax, handles, labels, ncol):
        ax.legend(handles, [_plain(x) for x in labels], loc="upper center", bbox_to_anchor=(0.5, -0.09),
                  ncol=ncol, frameon=False, prop=self.font(9))

    def label(self, ax, x, y, text, colour="#202020", dy=4, **kw):
        ax.annotate(text, (x, y), xytext=(0, dy), textcoords="offset points", ha=kw.pop("ha", "center"),
                    va=kw.pop("va", "bottom" if dy >= 0 else "top"), color=colour, fontproperties=self.font(8), **kw)


def _png(fig, digest: str) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None, DIGEST_KEY: digest}, facecolor="white")
    return buf.getvalue()


def _periods_axis(style, ax, axis: Axis):
    n = len(axis.periods)
    ax.set_xticks(list(axis.labelled), [axis.periods[i] for i in axis.labelled])
    ax.set_xlim(-0.5, n - 0.5)
    if axis.first_estimate is None:
        return
    ax.axvspan(axis.first_estimate - 0.5, n - 0.5, color=ESTIMATE_FILL, zorder=0, lw=0)
    ax.annotate(_plain(axis.estimate_text), (axis.first_estimate - 0.45, 1), xycoords=("data", "axes fraction"),
                xytext=(2, -2), textcoords="offset points", ha="left", va="top", color="#808080",
                fontproperties=style.font(8))


# -- the charts ---------------------------------------------------------------------------------------
def revenue_chart(spec: RevenueSpec, style: _Style) -> Figure:
    fig, ax = style.figure()
    style.title(ax, spec.title)
    n = len(spec.axis.periods)
    bottom = [0.0] * n
    handles, labels = [], []
    for i, (name, values) in enumerate(spec.segments):
        bars = ax.bar(range(n), values, 0.6, bottom=bottom, color=SERIES[i % len(SERIES)], zorder=2,
                      edgecolor="white", linewidth=0.5)
        handles.append(bars)
        labels.append(name)
        bottom = [b + v for b, v in zip(bottom, values)]
    top = max(bottom + [0.0])
    shown = set(spec.axis.labelled)
    for x, total in enumerate(bottom):
        if x in shown:  # a long axis labels every k-th period only, so labels never run together
            style.label(ax, x, max(total, 0.0), chart_amount(total))
    # The bars take the lower ~60% of the plot, the growth line the band above them, so they never cross.
    low = min(0.0, min(bottom)) * 1.1
    ax.set_ylim(low, top * 1.6 if top > 0 else 1)
    ax.set_yticks([v for v in MaxNLocator(5).tick_values(low, top) if low <= v <= top * 1.05])
    ax.set_ylabel(_plain(spec.money), fontproperties=style.font(9))
    ax.yaxis.set_major_formatter(FuncFormatter(chart_amount))
    ax.yaxis.grid(True, color=GRID, zorder=0)
    ax.set_axisbelow(True)
    _periods_axis(style, ax, spec.axis)

    ax2 = ax.twinx()
    style.axes(ax2)
    ax2.spines["right"].set_visible(True)
    ax2.spines["right"].set_color("#808080")
    if spec.yoy:
        xs, ys = zip(*spec.yoy)
        (line,) = ax2.plot(xs, ys, color=RED, marker="o", markersize=5, linewidth=2, zorder=3)
        for x, y in spec.yoy:
            if x in shown:
                style.label(ax2, x, y, chart_pct(y), RED, dy=6, bbox=LABEL_BOX)
        handles.append(line)
        labels.append(spec.yoy_label)
        lo, hi = min(ys), max(ys)
        span = max(hi - lo, 0.05)
        ax2.set_ylim(lo - 2.2 * span, hi + 0.35 * span)
        ax2.set_yticks([v for v in MaxNLocator(4).tick_values(lo, hi) if lo - 0.1 * span <= v <= hi + 0.1 * span])
    ax2.yaxis.set_major_formatter(FuncFormatter(chart_pct))
    ax2.set_xlim(-0.5, n - 0.5)
    style.legend(ax, handles, labels, ncol=min(len(labels), 4))
    return fig


MARGIN_LINES = ((GROSS_MARGIN, 6), (ADJ_NET_MARGIN, -7))  # gross margin: blue, labels above; adjusted net: orange, below


def margin_chart(spec: MarginSpec, style: _Style) -> Figure:
    fig, ax = style.figure()
    style.title(ax, spec.title)
    handles, labels, all_y = [], [], [0.0]
    for (label, points), (colour, dy) in zip(spec.lines, MARGIN_LINES):
        if not points:
            continue
        xs, ys = zip(*points)
        (line,) = ax.plot(xs, ys, color=colour, marker="o", markersize=5, linewidth=2.2, zorder=3)
        for x, y in points:
            if x in spec.axis.labelled:
                style.label(ax, x, y, chart_pct(y, digits=1), colour, dy=dy, bbox=LABEL_BOX)
        handles.append(line)
        labels.append(label)
        all_y += ys
    lo, hi = min(all_y), max(all_y)
    span = (hi - lo) or 0.1
    ax.set_ylim(lo - 0.15 * span, hi + 0.15 * span)
    ax.axhline(0, color="#808080", linewidth=0.8, zorder=1)
    ax.yaxis.set_major_formatter(FuncFormatter(chart_pct))
    ax.yaxis.grid(True, color=GRID, zorder=0)
    ax.set_axisbelow(True)
    _periods_axis(style, ax, spec.axis)
    style.legend(ax, handles, labels, ncol=len(labels) or 1)
    return fig


ROLE_COLOURS = {"peer": PEER, "average": DARK, "target": RED}


def peer_chart(spec: PeerSpec, style: _Style) -> Figure:
    rows = spec.rows
    fig, ax = style.figure()
    style.title(ax, spec.title)
    ys = range(len(rows))
    ax.barh(ys, [r[1] for r in rows], 0.6, color=[ROLE_COLOURS[r[2]] for r in rows], zorder=2)
    ax.set_yticks(ys, [_plain(r[0]) for r in rows])
    for lbl, row in zip(ax.get_yticklabels(), rows):
        if row[2] != "peer":
            lbl.set_fontweight("bold")
    ax.invert_yaxis()
    hi = max([r[1] for r in rows] + [0.0])
    lo = min([r[1] for r in rows] + [0.0])
    ax.set_xlim(lo * 1.15, hi * 1.15 if hi > 0 else 1)
    for y, (_, x, _) in zip(ys, rows):
        ax.annotate(chart_multiple(x, digits=1), (x, y), xytext=(4 if x >= 0 else -4, 0), textcoords="offset points",
                    ha="left" if x >= 0 else "right", va="center", color="#202020", fontproperties=style.font(9))
    ax.xaxis.set_major_formatter(FuncFormatter(chart_multiple))
    ax.xaxis.grid(True, color=GRID, zorder=0)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    if spec.left_out:
        ax.set_xlabel(_plain(spec.left_out, 200), fontproperties=style.font(8), color="#808080", loc="left")
    return fig


MARKER_COLOURS = {False: DARK, True: RED}  # the share price, the target price


def football_chart(spec: FootballSpec, style: _Style) -> Figure:
    """Each range a floating bar (low to high); the share price and the target price as vertical lines."""
    fig, ax = style.figure()
    style.title(ax, spec.title)
    ys = range(len(spec.bars))
    ax.barh(ys, [hi - lo for _, lo, hi in spec.bars], 0.5, left=[lo for _, lo, _ in spec.bars],
            color=[SERIES[(i + 1) % len(SERIES)] for i in ys], zorder=2)
    ax.set_yticks(ys, [_plain(name) for name, _, _ in spec.bars])
    ax.invert_yaxis()
    for y, (_, lo, hi) in zip(ys, spec.bars):
        for x, dx, ha in ((lo, -4, "right"), (hi, 4, "left")):
            ax.annotate(f"{x:,.2f}", (x, y), xytext=(dx, 0), textcoords="offset points", ha=ha, va="center",
                        color="#202020", fontproperties=style.font(8))
    for i, (label, x, is_target) in enumerate(spec.markers):  # labels one below the other: prices may be close
        ax.axvline(x, color=MARKER_COLOURS[is_target], lw=1.5, ls="-" if is_target else "--", zorder=3)
        ax.annotate(_plain(label), (x, 1), xycoords=("data", "axes fraction"), xytext=(3, -2 - 12 * i),
                    textcoords="offset points", ha="left", va="top", color=MARKER_COLOURS[is_target],
                    fontproperties=style.font(8))
    xs = [v for _, lo, hi in spec.bars for v in (lo, hi)] + [x for _, x, _ in spec.markers]
    span = (max(xs) - min(xs)) or abs(max(xs)) or 1.0
    ax.set_xlim(min(xs) - span * 0.15, max(xs) + span * 0.15)
    ax.xaxis.grid(True, color=GRID, zorder=0)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    return fig


_DRAW = {RevenueSpec: revenue_chart, MarginSpec: margin_chart, PeerSpec: peer_chart, FootballSpec: football_chart}


def draw(spec: Spec, style: _Style) -> bytes:
    """The PNG of one spec, carrying the spec's digest."""
    return _png(_DRAW[type(spec)](spec, style), digest(spec))


def render_charts(view: ReportView, skip=frozenset()) -> SummaryCharts:
    """Every chart of every language of the view except those named in `skip`, as PNG bytes in memory
    (nothing is written here)."""
    out = SummaryCharts()
    for lang in view.languages:
        families = [LATIN_FONT]
        label_lang = lang
        if lang == "zh":
            cjk = cjk_font()
            if cjk is None:
                label_lang = "en"
                if FONT_WARNING not in out.warnings:
                    out.warnings.append(FONT_WARNING)
            else:
                families = [cjk, LATIN_FONT]
        style = _Style(families)
        for name, spec in chart_specs(view, lang, label_lang).items():
            if name not in skip:
                out.files[name] = draw(spec, style)
    return out
