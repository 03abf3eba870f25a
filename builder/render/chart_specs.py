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
import unicodedata
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..labels import CATALOG
from ..report import ReportView
from ..report.make import number
from ..formula.limits import label_positions
from .summary import chart_files
from ..safety.text import printable

DIGEST_KEY = "Builder-Chart-Digest"  # PNG text chunk that records what a chart file shows
MAX_CHART_BYTES = 16 * 1024 * 1024  # ours are about 50 kB; a larger file of a chart's name is not read

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


@dataclass(frozen=True)
class FootballSpec:
    lang: str
    title: str
    bars: tuple[tuple[str, float, float], ...]  # name, low, high (per share, market currency)
    markers: tuple[tuple[str, float, bool], ...]  # label, price, whether it is the target price


Spec = RevenueSpec | MarginSpec | PeerSpec | FootballSpec


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


def _word(key: str, lang: str, **fields) -> str:
    text = CATALOG[key][lang]
    return text.format(**fields) if fields else text


def _axis(view: ReportView, lang: str) -> Axis:
    periods = view.charts.periods
    return Axis(periods, view.charts.first_estimate, _word("png.estimate", lang), label_positions(len(periods)))


SHOWN_SEGMENTS = 8  # one colour each; a model with more shows its 7 largest and the rest as one


def revenue_spec(view: ReportView, lang: str) -> RevenueSpec:
    segments = [(cut(s.name[lang], 28), s.values) for s in view.charts.segments]
    if len(segments) > SHOWN_SEGMENTS:
        ranked = sorted(range(len(segments)), key=lambda i: (-sum(segments[i][1]), i))
        keep = sorted(ranked[:SHOWN_SEGMENTS - 1])
        rest = [segments[i][1] for i in ranked[SHOWN_SEGMENTS - 1:]]
        segments = [segments[i] for i in keep] + [(_word("png.revenue.others", lang, n=len(rest)),
                                                   tuple(map(sum, zip(*rest))))]
    return RevenueSpec(lang, cut(_word("png.revenue", lang, company=view.company.name[lang],
                                                by=view.charts.segments_are[lang])),
                       cut(view.units.money[lang]), _axis(view, lang), tuple(segments),
                       _word("png.revenue.yoy", lang), _points(view.charts.yoy))


def margin_spec(view: ReportView, lang: str) -> MarginSpec:
    lines = ((_word("png.margins.gross", lang), _points(view.charts.gross_margin)),
             (_word("png.margins.adj", lang), _points(view.charts.adj_net_margin)))
    return MarginSpec(lang, cut(_word("png.margins", lang, company=view.company.name[lang])),
                      _axis(view, lang), lines)


def peer_spec(view: ReportView, lang: str) -> PeerSpec:
    val = view.valuation
    rows, left_out = [], []
    for peer in view.peers.rows:
        multiple = number(peer.multiple_at_basis)
        name = cut(peer.name[lang], 28)
        if multiple is None:
            left_out.append(name)
        else:
            rows.append((name, multiple, "peer"))
    average = number(view.peers.average_at_basis)
    if average is not None:
        rows.append((_word("png.peers.average", lang), average, "average"))
    target, multiple = number(view.peers.target_multiple), view.peers.multiple  # a blend: its first multiple part
    if target is not None:
        company = cut(view.company.name[lang], 24)
        rows.append((cut(_word("png.peers.target", lang, multiple=multiple, company=company)), target, "target"))
    left = _word("png.peers.left_out", lang) + _word("png.list_separator", lang).join(left_out) if left_out else ""
    return PeerSpec(lang, cut(_word("png.peers", lang, multiple=multiple, year=val.basis_year)), tuple(rows),
                    left)


def football_spec(view: ReportView, lang: str) -> FootballSpec:
    ff, symbol = view.charts.football, view.units.symbol[lang]
    bars = tuple((cut(b.name[lang], 28), number(b.low), number(b.high)) for b in ff.bars
                 if number(b.low) is not None and number(b.high) is not None)
    markers = tuple((_word(key, lang, price=f"{symbol}{v:,.2f}"), v, is_target)
                    for key, v, is_target in (("png.football.price", number(ff.price), False),
                                              ("png.football.target", number(ff.target_price), True))
                    if v is not None)
    return FootballSpec(lang, cut(_word("png.football", lang, company=view.company.name[lang], symbol=symbol)), bars,
                        markers)


SPEC_MAKERS = {"revenue": revenue_spec, "margins": margin_spec, "peers": peer_spec, "football": football_spec}


def chart_specs(view: ReportView, file_lang: str, label_lang: str | None = None) -> dict[str, Spec]:
    """File name -> spec for one summary's charts; `label_lang` is the language drawn (default the file's)."""
    return {name: SPEC_MAKERS[kind](view, label_lang or file_lang)
            for kind, name in chart_files(view, file_lang).items() if name}


@functools.cache
def _drawing_fingerprint() -> bytes:
    """The code and libraries that turn a spec into pixels: any change to them redraws every chart."""
    h = hashlib.sha256()
    for module in (__name__, __package__ + ".summary_charts", __package__ + ".formatting", __package__ + ".palette"):
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
