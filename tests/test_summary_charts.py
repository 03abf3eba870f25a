"""The summaries' PNG charts: written beside the Markdown, linked from it, readable, deterministic."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from matplotlib import font_manager, ft2font
from PIL import Image

import builder.render.summary_charts as sc
from builder.commands.build import build
from builder.commands.cli import main
from builder.validation.loader import default_example, parse
from builder.report import make_report
from builder.model import build_model
from builder.render.summary import KINDS

ROOT = Path(__file__).resolve().parents[1]
STEM = "kingsoft_cloud"
CHARTS = {lang: [f"{STEM}.{lang}.{kind}.png" for kind in KINDS] for lang in ("zh", "en")}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def markdown_images(text: str) -> list[str]:
    return re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", text)


def cjk_font_files() -> list[str]:
    return [p for p in font_manager.findSystemFonts()
            if any(h in Path(p).name.lower() for h in ("cjk", "sourcehan", "wqy", "wenquanyi"))]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_charts_are_written_and_linked_from_the_markdown(built, lang):
    for name in CHARTS[lang]:
        assert (built / name).is_file(), name
    links = markdown_images((built / f"{STEM}.{lang}.md").read_text(encoding="utf-8"))
    assert sorted(links) == sorted(CHARTS[lang])  # relative links, one per chart, this language's files
    for link in links:
        assert not Path(link).is_absolute() and (built / link).is_file()


@pytest.mark.parametrize("name", CHARTS["zh"] + CHARTS["en"])
def test_charts_are_sane_pngs(built, name):
    data = (built / name).read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert 10_000 < len(data) < 1_000_000
    with Image.open(io.BytesIO(data)) as im:
        assert 600 <= im.width <= 1600 and 350 <= im.height <= 1000, im.size
        colours = im.convert("RGB").getcolors(maxcolors=1_000_000)
        assert colours is not None and len(colours) > 50  # drawn, not blank


def test_zh_and_en_charts_differ(built):
    for zh, en in zip(CHARTS["zh"], CHARTS["en"]):
        assert (built / zh).read_bytes() != (built / en).read_bytes(), zh


def test_zh_charts_use_a_cjk_font_when_one_is_installed(monkeypatch):
    if not cjk_font_files() and not os.environ.get("CI"):
        pytest.skip("no CJK font installed (the README's test command installs fonts-noto-cjk)")
    family = sc.cjk_font()
    assert family, "a CJK font is installed but not found"
    entries = [e for e in font_manager.fontManager.ttflist if e.name == family]
    assert entries
    font = ft2font.FT2Font(entries[0].fname, face_index=entries[0].index) if entries[0].index else \
        ft2font.FT2Font(entries[0].fname)
    assert all(font.get_char_index(ord(ch)) for ch in "收入按客户毛利率可比公司")
    # The zh charts are drawn with that family first; the en charts with the Latin font only.
    used = []

    class Spy(sc._Style):
        def __init__(self, families):
            used.append(list(families))
            super().__init__(families)

    monkeypatch.setattr(sc, "_Style", Spy)
    a = parse(yaml.safe_load(default_example().read_text(encoding="utf-8")))
    result = sc.render_charts(make_report(build_model(a), a))
    assert result.warnings == []
    assert used == [[family, sc.LATIN_FONT], [sc.LATIN_FONT]]


def test_without_a_cjk_font_zh_charts_get_english_labels_and_a_warning(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(sc, "cjk_font", lambda: None)
    assert main(["build", "--out", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    warnings = [line for line in captured.err.splitlines() if "fonts-noto-cjk" in line]
    assert len(warnings) == 1 and warnings[0].startswith("warning: ")
    for zh, en in zip(CHARTS["zh"], CHARTS["en"]):
        assert (tmp_path / zh).read_bytes() == (tmp_path / en).read_bytes()  # English labels, same drawing
    assert markdown_images((tmp_path / f"{STEM}.zh.md").read_text(encoding="utf-8"))


def test_build_prints_every_path_it_wrote(capsys, tmp_path):
    assert main(["build", "--out", str(tmp_path)]) == 0
    printed = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("audit:")]
    written = sorted(p.name for p in tmp_path.iterdir())
    assert sorted(Path(line).name for line in printed) == written
    assert len(written) == 3 + len(CHARTS["zh"]) + len(CHARTS["en"])


def test_two_builds_give_the_same_chart_bytes(built, tmp_path):
    # A second build in a fresh process: the PNGs carry no date or version and render identically.
    result = subprocess.run([sys.executable, "-m", "builder", "build", "--out", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for name in CHARTS["zh"] + CHARTS["en"]:
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


def test_two_renders_in_one_process_are_identical():
    a = parse(yaml.safe_load(default_example().read_text(encoding="utf-8")))
    view = make_report(build_model(a), a)
    first, second = sc.render_charts(view), sc.render_charts(view)
    assert list(first.files) == CHARTS["zh"] + CHARTS["en"]
    assert first.files == second.files


def test_a_company_without_peers_has_no_peer_chart(tmp_path):
    data = yaml.safe_load(default_example().read_text(encoding="utf-8"))
    data["valuation"]["peers"] = []
    result = build(parse(data), tmp_path)
    names = sorted(p.name for p in result.paths)
    assert not [n for n in names if n.endswith(".peers.png")]
    for lang in ("zh", "en"):
        links = markdown_images((tmp_path / f"{STEM}.{lang}.md").read_text(encoding="utf-8"))
        assert sorted(links) == sorted(n for n in CHARTS[lang] if not n.endswith(".peers.png"))


def test_labels_are_text_never_mathtext(tmp_path):
    # Dollar signs would start matplotlib's mathtext (and a broken expression would fail the build).
    data = yaml.safe_load(default_example().read_text(encoding="utf-8"))
    data["revenue"]["segments"][0]["name_en"] = r"Seg $\undefinedcommand{$ A$B"
    data["valuation"]["peers"][1]["name_en"] = "$$"
    data["company"]["name_en"] = "US$ Cloud $x^2$"
    build(parse(data), tmp_path)
    assert (tmp_path / f"{STEM}.en.revenue.png").read_bytes().startswith(PNG_SIGNATURE)
    assert sc._plain("a$b$c") == r"a\$b\$c"


def test_user_templates_see_the_chart_names(capsys, tmp_path):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "summary.en.md.j2").write_text(
        "{{ charts.revenue }} {{ charts.margins }} {{ charts.peers }} {{ charts.football }}\n", encoding="utf-8")
    (tpl / "summary.zh.md.j2").write_text("{{ charts.revenue }}\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["build", "--out", str(out), "--template", str(tpl)]) == 0, capsys.readouterr().err
    assert (out / f"{STEM}.en.md").read_text(encoding="utf-8").split() == CHARTS["en"]
    assert (out / f"{STEM}.zh.md").read_text(encoding="utf-8").split() == CHARTS["zh"][:1]


# -- reuse: a chart whose picture would not change is not drawn again ----------------------------------
def _counting_draws(monkeypatch) -> list[str]:
    drawn = []
    real = sc.draw

    def counting(spec, style):
        drawn.append(type(spec).__name__)
        return real(spec, style)

    monkeypatch.setattr(sc, "draw", counting)
    return drawn


def _example() -> dict:
    return yaml.safe_load(default_example().read_text(encoding="utf-8"))


def test_a_rebuild_reuses_every_chart_and_writes_the_same_bytes(monkeypatch, tmp_path):
    data = _example()
    build(parse(data), tmp_path)
    first = {n: (tmp_path / n).read_bytes() for n in CHARTS["zh"] + CHARTS["en"]}
    drawn = _counting_draws(monkeypatch)
    build(parse(data), tmp_path)  # the same inputs: every chart is reused
    assert drawn == []
    # A price refresh: target, upside and rating change; of the charts only the football field (which marks the
    # share price) does.
    data["market"]["price"]["value"] = 7.5
    result = build(parse(data), tmp_path)
    assert drawn == ["FootballSpec", "FootballSpec"]
    assert {n: (tmp_path / n).read_bytes() for n in first if ".football." not in n} == \
        {n: b for n, b in first.items() if ".football." not in n}
    assert sorted(p.name for p in result.paths if p.suffix == ".png") == sorted(first)


def test_a_changed_driver_redraws_exactly_the_charts_that_show_it(monkeypatch, tmp_path):
    data = _example()
    build(parse(data), tmp_path)
    before = {n: (tmp_path / n).read_bytes() for n in CHARTS["zh"] + CHARTS["en"]}
    drawn = _counting_draws(monkeypatch)
    # Only the peer chart and the football field (its sensitivity range and target price) show the target multiple.
    data["valuation"]["target_multiple"]["value"] *= 1.5
    build(parse(data), tmp_path)
    assert sorted(drawn) == ["FootballSpec", "FootballSpec", "PeerSpec", "PeerSpec"]
    for name in CHARTS["zh"] + CHARTS["en"]:
        changed = (tmp_path / name).read_bytes() != before[name]
        assert changed == name.endswith((".peers.png", ".football.png")), name
    # The redrawn picture is the one a build into an empty folder draws.
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    build(parse(data), fresh)
    for name in CHARTS["zh"] + CHARTS["en"]:
        assert (fresh / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_a_chart_file_that_is_not_ours_or_is_damaged_is_drawn_again(monkeypatch, tmp_path):
    build(parse(_example()), tmp_path)
    good = (tmp_path / CHARTS["en"][0]).read_bytes()
    (tmp_path / CHARTS["en"][0]).write_bytes(good[: len(good) // 2])  # truncated
    other = io.BytesIO()
    Image.new("RGB", (10, 10), "white").save(other, format="PNG")
    (tmp_path / CHARTS["zh"][1]).write_bytes(other.getvalue())  # a PNG without our digest
    drawn = _counting_draws(monkeypatch)
    build(parse(_example()), tmp_path)
    assert sorted(drawn) == ["MarginSpec", "RevenueSpec"]
    assert (tmp_path / CHARTS["en"][0]).read_bytes() == good


def test_the_digest_names_the_spec_and_the_drawing_code(monkeypatch):
    from builder.render import chart_specs
    a = parse(_example())
    view = make_report(build_model(a), a)
    zh, en = chart_specs.chart_specs(view, "zh"), chart_specs.chart_specs(view, "en")
    digests = {chart_specs.digest(s) for s in [*zh.values(), *en.values()]}
    assert len(digests) == 8
    # zh charts drawn with English labels (no CJK font) are never taken for the Chinese ones
    fallback = chart_specs.chart_specs(view, "zh", "en")
    assert [chart_specs.digest(s) for s in fallback.values()] == [chart_specs.digest(s) for s in en.values()]
    spec = next(iter(en.values()))
    before = chart_specs.digest(spec)
    monkeypatch.setattr(chart_specs, "_drawing_fingerprint", lambda: b"other drawing code")
    assert chart_specs.digest(spec) != before


def test_more_segments_than_colours_show_the_largest_and_the_rest_as_one():
    from builder.render import chart_specs
    data = _example()
    segments = data["revenue"]["segments"]
    base = segments[0]
    for k in range(12 - len(segments)):  # copies of the first segment at 1/(k+2) of its size
        copy = yaml.safe_load(yaml.safe_dump(base))
        copy["key"], copy["name_zh"], copy["name_en"] = f"extra{k}", f"附加{k}", f"Extra {k}"
        copy["actuals"]["values"] = [v / (k + 2) for v in base["actuals"]["values"]]
        segments.append(copy)
        # as much more cost of revenue, so the actual profit and cash flow still explain the reported cash
        cogs = data["cost_of_revenue"]["actuals"]["values"]
        cogs[:] = [c + v for c, v in zip(cogs, copy["actuals"]["values"])]
    a = parse(data)
    model = build_model(a)
    spec = chart_specs.revenue_spec(make_report(model, a), "en")
    assert len(spec.segments) == chart_specs.SHOWN_SEGMENTS
    name, values = spec.segments[-1]
    assert name == f"Other {12 - chart_specs.SHOWN_SEGMENTS + 1}"
    totals = [sum(v[t] for _, v in spec.segments) for t in range(len(model.periods))]
    assert totals == pytest.approx(model.series("RB_revenue_total"))  # nothing lost: the bars add up
    shown = {n for n, _ in spec.segments[:-1]}
    by_size = sorted(a.revenue.segments, key=lambda s: -sum(model.series(f"RB_{s.key}")))
    assert shown == {s.name_en for s in by_size[:chart_specs.SHOWN_SEGMENTS - 1]}
