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
import math
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from matplotlib import font_manager, ft2font
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .model import Model
from .schema import Assumptions
from .summary import chart_files
from .text import printable

LATIN_FONT = "DejaVu Sans"  # ships with matplotlib, so every machine has it
FIGSIZE = (8.0, 4.6)        # inches; at DPI 110 an 880 x 506 px image
DPI = 110
COLOURS = ["#1F4E79", "#2E75B6", "#9DC3E6", "#C55A11", "#F4B183", "#548235", "#A9D18E", "#7F6000"]
GRID = "#D9D9D9"
ESTIMATE_FILL = "#F2F2F2"
RED, DARK, PEER = "#C00000", "#1F4E79", "#9DC3E6"
LABEL_BOX = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}

# CJK families by preference; after these, any family whose name says CJK, then other known CJK families.
CJK_PREFERRED = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "Source Han Sans CN",
                 "Source Han Serif SC", "Source Han Serif CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei")
CJK_HINTS = ("cjk", "source han", "wenquanyi", "wqy", "droid sans fallback", "ar pl")
CJK_PROBE = "收入毛利率"  # a CJK font must have these glyphs

FONT_WARNING = ("warning: no CJK font found, so the Chinese summary's charts use English labels "
                "(install fonts-noto-cjk)")

LABELS = {
    "zh": {
        "revenue": "{company} 收入按客户", "yoy": "总收入同比（右轴）",
        "margins": "{company} 毛利率与调整后净利率", "gross": "毛利率", "adj": "调整后净利率",
        "peers": "可比公司 {multiple} 与目标（{year}E）", "avg": "可比公司平均值",
        "target": "目标 {multiple}（{company}）", "estimate": "预测",
        "left_out": "无数据，未列示：", "sep": "、",
    },
    "en": {
        "revenue": "{company}: revenue by customer", "yoy": "Total revenue YoY (right axis)",
        "margins": "{company}: gross and adjusted net margin", "gross": "Gross margin",
        "adj": "Adjusted net margin", "peers": "Peer {multiple} vs target ({year}E)", "avg": "Peer average",
        "target": "Target {multiple} ({company})", "estimate": "Estimates",
        "left_out": "Not shown (no figures): ", "sep": ", ",
    },
}


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
def _num(v) -> float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        return None
    return float(v)


def _cut(text, limit: int = 60) -> str:
    """One line of visible characters (control characters as symbols), cut to `limit` columns."""
    text = " ".join(printable(text).split())
    out, width = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        if width + w > limit:
            out.append("…")
            break
        out.append(ch)
        width += w
    return "".join(out)


def _plain(text, limit: int = 60) -> str:
    """Text matplotlib shows literally: an escaped dollar never starts mathtext."""
    return _cut(text, limit).replace("$", r"\$")


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
        ax.set_title(text, fontproperties=self.font(12, "bold"), loc="left", color="#202020", pad=10)

    def legend(self, ax, handles, labels, ncol):
        ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=ncol, frameon=False,
                  prop=self.font(9))

    def label(self, ax, x, y, text, colour="#202020", dy=4, **kw):
        ax.annotate(text, (x, y), xytext=(0, dy), textcoords="offset points", ha=kw.pop("ha", "center"),
                    va=kw.pop("va", "bottom" if dy >= 0 else "top"), color=colour, fontproperties=self.font(8), **kw)


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None}, facecolor="white")
    return buf.getvalue()


def _shade_estimates(style, ax, model: Model, text: str):
    first = next((i for i, p in enumerate(model.periods) if not p.actual), None)
    if first is None:
        return
    ax.axvspan(first - 0.5, len(model.periods) - 0.5, color=ESTIMATE_FILL, zorder=0, lw=0)
    ax.annotate(text, (first - 0.45, 1), xycoords=("data", "axes fraction"), xytext=(2, -2),
                textcoords="offset points", ha="left", va="top", color="#808080", fontproperties=style.font(8))


def _periods_axis(ax, model: Model):
    ax.set_xticks(range(len(model.periods)), [p.label for p in model.periods])
    ax.set_xlim(-0.5, len(model.periods) - 0.5)


def _pct(v, _=None, digits=0) -> str:
    return f"{v * 100:.{digits}f}%"


# -- the charts ---------------------------------------------------------------------------------------
def revenue_chart(model: Model, a: Assumptions, style: _Style, lang: str) -> bytes:
    t = LABELS[lang]
    fig, ax = style.figure()
    company = a.company.name_zh if lang == "zh" else a.company.name_en
    money = a.units.money_zh if lang == "zh" else a.units.money_en
    style.title(ax, _plain(t["revenue"].format(company=company)))
    n = len(model.periods)
    bottom = [0.0] * n
    handles, labels = [], []
    for i, seg in enumerate(a.revenue.segments):
        values = [_num(v) or 0.0 for v in model.series(f"RB_{seg.key}")]
        bars = ax.bar(range(n), values, 0.6, bottom=bottom, color=COLOURS[i % len(COLOURS)], zorder=2,
                      edgecolor="white", linewidth=0.5)
        handles.append(bars)
        labels.append(_plain(seg.name_zh if lang == "zh" else seg.name_en, 28))
        bottom = [b + v for b, v in zip(bottom, values)]
    top = max(bottom + [0.0])
    for x, total in enumerate(bottom):
        style.label(ax, x, max(total, 0.0), f"{total:,.0f}")
    # The bars take the lower ~60% of the plot, the growth line the band above them, so they never cross.
    low = min(0.0, min(bottom)) * 1.1
    ax.set_ylim(low, top * 1.6 if top > 0 else 1)
    ax.set_yticks([v for v in MaxNLocator(5).tick_values(low, top) if low <= v <= top * 1.05])
    ax.set_ylabel(_plain(money), fontproperties=style.font(9))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.yaxis.grid(True, color=GRID, zorder=0)
    ax.set_axisbelow(True)
    _periods_axis(ax, model)
    _shade_estimates(style, ax, model, t["estimate"])

    ax2 = ax.twinx()
    style.axes(ax2)
    ax2.spines["right"].set_visible(True)
    ax2.spines["right"].set_color("#808080")
    points = [(x, _num(y)) for x, y in enumerate(model.series("RB_revenue_total_yoy_pct")) if _num(y) is not None]
    if points:
        xs, ys = zip(*points)
        (line,) = ax2.plot(xs, ys, color=RED, marker="o", markersize=5, linewidth=2, zorder=3)
        for x, y in points:
            style.label(ax2, x, y, _pct(y), RED, dy=6, bbox=LABEL_BOX)
        handles.append(line)
        labels.append(t["yoy"])
        lo, hi = min(ys), max(ys)
        span = max(hi - lo, 0.05)
        ax2.set_ylim(lo - 2.2 * span, hi + 0.35 * span)
        ax2.set_yticks([v for v in MaxNLocator(4).tick_values(lo, hi) if lo - 0.1 * span <= v <= hi + 0.1 * span])
    ax2.yaxis.set_major_formatter(FuncFormatter(_pct))
    ax2.set_xlim(-0.5, n - 0.5)
    style.legend(ax, handles, labels, ncol=min(len(labels), 4))
    return _png(fig)


def margin_chart(model: Model, a: Assumptions, style: _Style, lang: str) -> bytes:
    t = LABELS[lang]
    fig, ax = style.figure()
    company = a.company.name_zh if lang == "zh" else a.company.name_en
    style.title(ax, _plain(t["margins"].format(company=company)))
    handles, labels, all_y = [], [], [0.0]
    for key, colour, label, dy in (("RB_gross_margin_pct", "#2E75B6", t["gross"], 6),
                                   ("KPI_adj_net_margin_pct", "#C55A11", t["adj"], -7)):
        points = [(x, _num(y)) for x, y in enumerate(model.series(key)) if _num(y) is not None]
        if not points:
            continue
        xs, ys = zip(*points)
        (line,) = ax.plot(xs, ys, color=colour, marker="o", markersize=5, linewidth=2.2, zorder=3)
        for x, y in points:
            style.label(ax, x, y, _pct(y, digits=1), colour, dy=dy, bbox=LABEL_BOX)
        handles.append(line)
        labels.append(label)
        all_y += ys
    lo, hi = min(all_y), max(all_y)
    span = (hi - lo) or 0.1
    ax.set_ylim(lo - 0.15 * span, hi + 0.15 * span)
    ax.axhline(0, color="#808080", linewidth=0.8, zorder=1)
    ax.yaxis.set_major_formatter(FuncFormatter(_pct))
    ax.yaxis.grid(True, color=GRID, zorder=0)
    ax.set_axisbelow(True)
    _periods_axis(ax, model)
    _shade_estimates(style, ax, model, t["estimate"])
    style.legend(ax, handles, labels, ncol=len(labels) or 1)
    return _png(fig)


def peer_chart(model: Model, a: Assumptions, style: _Style, lang: str) -> bytes:
    t = LABELS[lang]
    v = a.valuation
    basis = [p.year for p in model.periods].index(v.basis_year)
    rows, left_out = [], []
    for i, peer in enumerate(v.peers):
        ps = _num(model.line_value(f"KPI_peer_{i}_ps", basis))
        name = _plain(peer.name_zh if lang == "zh" else peer.name_en, 28)
        if ps is None:  # peers without figures are left out, and named below the chart
            left_out.append(name)
        else:
            rows.append((name, ps, PEER))
    avg = _num(model.line_value("KPI_peer_avg_ps", basis))
    if avg is not None:
        rows.append((t["avg"], avg, DARK))
    target = _num(model.value("VAL_target_ps"))
    company = a.company.name_zh if lang == "zh" else a.company.name_en
    if target is not None:
        rows.append((_plain(t["target"].format(multiple=v.multiple, company=_cut(company, 24))), target, RED))
    fig, ax = style.figure()
    style.title(ax, _plain(t["peers"].format(multiple=v.multiple, year=v.basis_year)))
    ys = range(len(rows))
    ax.barh(ys, [r[1] for r in rows], 0.6, color=[r[2] for r in rows], zorder=2)
    ax.set_yticks(ys, [r[0] for r in rows])
    for lbl, row in zip(ax.get_yticklabels(), rows):
        if row[2] != PEER:
            lbl.set_fontweight("bold")
    ax.invert_yaxis()
    hi = max([r[1] for r in rows] + [0.0])
    lo = min([r[1] for r in rows] + [0.0])
    ax.set_xlim(lo * 1.15, hi * 1.15 if hi > 0 else 1)
    for y, (_, x, colour) in zip(ys, rows):
        ax.annotate(f"{x:.1f}x", (x, y), xytext=(4 if x >= 0 else -4, 0), textcoords="offset points",
                    ha="left" if x >= 0 else "right", va="center", color="#202020", fontproperties=style.font(9))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:.0f}x"))
    ax.xaxis.grid(True, color=GRID, zorder=0)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    if left_out:
        ax.set_xlabel(t["left_out"] + (t["sep"].join(left_out)), fontproperties=style.font(8), color="#808080",
                      loc="left")
    return _png(fig)


_MAKERS = {"revenue": revenue_chart, "margins": margin_chart, "peers": peer_chart}


def render_charts(model: Model, a: Assumptions, languages=("zh", "en")) -> SummaryCharts:
    """Every chart of every language, as PNG bytes in memory (nothing is written here)."""
    out = SummaryCharts()
    for lang in languages:
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
        for kind, name in chart_files(a, lang).items():
            if name:
                out.files[name] = _MAKERS[kind](model, a, style, label_lang)
    return out
