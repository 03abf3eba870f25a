"""What each summary chart shows, as plain data, and a digest that names the picture.

The PNG charts (summary_charts.py) are drawn only from these specs, so a spec and the code that
draws it determine the picture. Each PNG carries the digest of both; a build that finds a chart
in the output folder with the digest it would draw reuses that file instead of drawing it again
(a price or FX refresh changes no chart). Nothing here imports matplotlib, so that check costs
milliseconds.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import importlib.util
import json
import marshal
import math
import unicodedata
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .limits import label_positions
from .model import Model
from .schema import Assumptions
from .summary import chart_files
from .text import printable

DIGEST_KEY = "Builder-Chart-Digest"  # PNG text chunk that records what a chart file shows
MAX_CHART_BYTES = 16 * 1024 * 1024  # ours are about 50 kB; a larger file of a chart's name is not read

LABELS = {
    "zh": {
        "revenue": "{company} 收入按客户", "yoy": "总收入同比（右轴）", "others": "其余{n}项",
        "margins": "{company} 毛利率与调整后净利率", "gross": "毛利率", "adj": "调整后净利率",
        "peers": "可比公司 {multiple} 与目标（{year}E）", "avg": "可比公司平均值",
        "target": "目标 {multiple}（{company}）", "estimate": "预测",
        "left_out": "无数据，未列示：", "sep": "、",
    },
    "en": {
        "revenue": "{company}: revenue by customer", "yoy": "Total revenue YoY (right axis)",
        "others": "Other {n}",
        "margins": "{company}: gross and adjusted net margin", "gross": "Gross margin",
        "adj": "Adjusted net margin", "peers": "Peer {multiple} vs target ({year}E)", "avg": "Peer average",
        "target": "Target {multiple} ({company})", "estimate": "Estimates",
        "left_out": "Not shown (no figures): ", "sep": ", ",
    },
}

Points = tuple[tuple[int, float], ...]  # (period index, value), periods without a value left out


@dataclass(frozen=True)
class Axis:
    periods: tuple[str, ...]         # x labels, e.g. 2022A ... 2026E
    first_estimate: int | None       # index of the first estimate period (shaded), None when all actual
    estimate_text: str
    labelled: tuple[int, ...] = ()   # the periods whose labels and values are written (a long axis is thinned)


@dataclass(frozen=True)
class RevenueSpec:
    lang: str                        # the language of the labels (en when zh falls back for want of a font)
    title: str
    money: str                       # the y axis unit
    axis: Axis
    segments: tuple[tuple[str, tuple[float, ...]], ...]  # stacked bars: name, value per period
    yoy_label: str
    yoy: Points                      # total revenue growth, on the right axis


@dataclass(frozen=True)
class MarginSpec:
    lang: str
    title: str
    axis: Axis
    lines: tuple[tuple[str, Points], ...]  # gross margin, adjusted net margin


@dataclass(frozen=True)
class PeerSpec:
    lang: str
    title: str
    rows: tuple[tuple[str, float, str], ...]  # name, multiple, role: peer / average / target
    left_out: str                    # peers without figures, named under the chart ("" when none)


Spec = RevenueSpec | MarginSpec | PeerSpec


def number(v) -> float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        return None
    return float(v)


def cut(text, limit: int = 60) -> str:
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


def _points(values) -> Points:
    return tuple((x, y) for x, y in ((x, number(v)) for x, v in enumerate(values)) if y is not None)


def _axis(model: Model, t: dict) -> Axis:
    first = next((i for i, p in enumerate(model.periods) if not p.actual), None)
    return Axis(tuple(p.label for p in model.periods), first, t["estimate"], label_positions(len(model.periods)))



def _names(lang: str):
    return (lambda zh, en: zh) if lang == "zh" else (lambda zh, en: en)


SHOWN_SEGMENTS = 8  # one colour each; a model with more shows its 7 largest and the rest as one


def revenue_spec(model: Model, a: Assumptions, lang: str) -> RevenueSpec:
    t, pick = LABELS[lang], _names(lang)
    segments = [(cut(pick(s.name_zh, s.name_en), 28), tuple(number(v) or 0.0 for v in model.series(f"RB_{s.key}")))
                for s in a.revenue.segments]
    if len(segments) > SHOWN_SEGMENTS:
        ranked = sorted(range(len(segments)), key=lambda i: (-sum(segments[i][1]), i))
        keep = sorted(ranked[:SHOWN_SEGMENTS - 1])
        rest = [segments[i][1] for i in ranked[SHOWN_SEGMENTS - 1:]]
        segments = [segments[i] for i in keep] + [(t["others"].format(n=len(rest)), tuple(map(sum, zip(*rest))))]
    segments = tuple(segments)
    return RevenueSpec(lang, cut(t["revenue"].format(company=pick(a.company.name_zh, a.company.name_en))),
                       cut(pick(a.units.money_zh, a.units.money_en)), _axis(model, t), segments, t["yoy"],
                       _points(model.series("RB_revenue_total_yoy_pct")))


def margin_spec(model: Model, a: Assumptions, lang: str) -> MarginSpec:
    t, pick = LABELS[lang], _names(lang)
    lines = ((t["gross"], _points(model.series("RB_gross_margin_pct"))),
             (t["adj"], _points(model.series("KPI_adj_net_margin_pct"))))
    return MarginSpec(lang, cut(t["margins"].format(company=pick(a.company.name_zh, a.company.name_en))),
                      _axis(model, t), lines)


def peer_spec(model: Model, a: Assumptions, lang: str) -> PeerSpec:
    t, pick, v = LABELS[lang], _names(lang), a.valuation
    basis = [p.year for p in model.periods].index(v.basis_year)
    rows, left_out = [], []
    for i, peer in enumerate(v.peers):
        ps = number(model.line_value(f"KPI_peer_{i}_ps", basis))
        name = cut(pick(peer.name_zh, peer.name_en), 28)
        if ps is None:
            left_out.append(name)
        else:
            rows.append((name, ps, "peer"))
    avg = number(model.line_value("KPI_peer_avg_ps", basis))
    if avg is not None:
        rows.append((t["avg"], avg, "average"))
    target = number(model.value("VAL_target_ps"))
    if target is not None:
        company = cut(pick(a.company.name_zh, a.company.name_en), 24)
        rows.append((cut(t["target"].format(multiple=v.multiple, company=company)), target, "target"))
    return PeerSpec(lang, cut(t["peers"].format(multiple=v.multiple, year=v.basis_year)), tuple(rows),
                    t["left_out"] + t["sep"].join(left_out) if left_out else "")


SPEC_MAKERS = {"revenue": revenue_spec, "margins": margin_spec, "peers": peer_spec}


def chart_specs(model: Model, a: Assumptions, file_lang: str, label_lang: str | None = None) -> dict[str, Spec]:
    """File name -> spec for one summary's charts; `label_lang` is the language drawn (default the file's)."""
    return {name: SPEC_MAKERS[kind](model, a, label_lang or file_lang)
            for kind, name in chart_files(a, file_lang).items() if name}


@functools.cache
def _drawing_fingerprint() -> bytes:
    """The code and libraries that turn a spec into pixels: any change to them redraws every chart."""
    h = hashlib.sha256()
    for module in (__name__, __package__ + ".summary_charts"):
        loader = importlib.util.find_spec(module).loader  # found, not imported: no matplotlib here
        source = loader.get_source(module)
        h.update(source.encode("utf-8") if source is not None else marshal.dumps(loader.get_code(module)))
    for dist in ("matplotlib", "pillow"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=?".encode())
    return h.digest()


def digest(spec: Spec) -> str:
    body = json.dumps({"kind": type(spec).__name__, **dataclasses.asdict(spec)}, ensure_ascii=False,
                      sort_keys=True, allow_nan=False)
    return hashlib.sha256(_drawing_fingerprint() + body.encode("utf-8")).hexdigest()


def reusable_chart(path: Path, spec: Spec) -> bytes | None:
    """The bytes of the chart file at `path` if it shows `spec` as the current code draws it, else None
    (missing, not ours, damaged, or drawn from other figures or by other code)."""
    try:
        if path.stat().st_size > MAX_CHART_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return data if _stored_digest(data) == digest(spec) else None


def _stored_digest(png: bytes) -> str | None:
    try:
        from PIL import Image  # matplotlib's own PNG library
        with Image.open(io.BytesIO(png)) as im:
            value = im.info.get(DIGEST_KEY) if im.format == "PNG" else None
            im.verify()  # every chunk's checksum through the end: a truncated or edited file is drawn again
        return value if isinstance(value, str) else None
    except Exception:  # noqa: BLE001 - any unreadable file is simply drawn again
        return None
