"""Companies the builder has not seen, over the combinations of market, method, languages, frequency,
currencies, revenue driver and optional sections (tests/matrix_company.py): each validates, builds every
output with a clean audit and CHK_master TRUE, shows the revenue computed here in plain Python, reads back
through `extract`, rolls one period forward on its own estimates and the rolled file builds; a sample is
recalculated in LibreOffice; one-language models speak only their language."""
from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path

import openpyxl
import pytest
import yaml

from builder.audit import audit_workbook
from builder.commands.cli import main
from builder.commands.extract import extract
from builder.model import build_model
from builder.render.chart_specs import chart_specs
from builder.report import make_report
from builder.validation.loader import load, parse
from conftest import libreoffice_named_values, named_values, needs_libreoffice
from matrix_company import COMBOS, METHODS, REVENUE_KINDS, Combo, company, write
from roll_helpers import reported_from_estimates, write_csv
from test_languages import CJK, _allowed_latin, _english_words, _strings, _xml_texts

# The sample recalculated in LibreOffice and drawn with charts: every method, language set and frequency.
SAMPLE = [c.id for c in COMBOS if c.id in (
    "us_dcf_en_q1_growth", "hk_ev_ebitda_zh_a2_growth", "us_blend_en_a1_price_volume_s",
    "hk_dcf_zh_en_q2_costs_s", "ashare_ps_zh_en_q1_parts_s", "hk_pb_zh_en_a2_price_volume_x")]
CHARTED = ("hk_ev_ebitda_zh_a2_growth", "us_blend_en_a1_price_volume_s", "hk_pb_zh_en_a2_price_volume_x")


def test_the_matrix_covers_every_value_of_every_dimension():
    assert {c.method for c in COMBOS} == set(METHODS)
    assert {c.revenue for c in COMBOS} == set(REVENUE_KINDS)
    assert {c.market for c in COMBOS} == {"us", "hk", "ashare"}
    assert {c.languages for c in COMBOS} == {("zh", "en"), ("en",), ("zh",)}
    assert {(c.quarterly, c.two_currencies, c.scenarios, c.extras) for c in COMBOS} >= {
        (q, two, False, False) for q in (False, True) for two in (False, True)}
    pairs = {(c.quarterly, c.method) for c in COMBOS} | {(c.two_currencies, c.method) for c in COMBOS}
    assert {(True, "dcf"), (False, "blend"), (False, "pb")} <= pairs
    assert any(c.languages == ("zh",) and c.method == "ev_ebitda" for c in COMBOS)
    assert any(c.revenue == "users_arpu" and c.scenarios for c in COMBOS)
    assert any(c.revenue == "parts" and c.quarterly for c in COMBOS)
    assert len({c.id for c in COMBOS}) == len(COMBOS) == len(SAMPLE) * 5


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[Combo, Path, Path]]:
    """Combo id -> (combo, assumptions file, output folder), each built through the command line once."""
    root = tmp_path_factory.mktemp("matrix")
    out = {}
    for c in COMBOS:
        folder = root / c.id
        folder.mkdir()
        path = write(c, root)
        args = ["build", str(path), "--out", str(folder)] + ([] if c.id in CHARTED else ["--no-charts"])
        out[c.id] = (c, path, folder, main(args))
    return out


def _expected_revenue(d: dict) -> list[float]:
    """Total revenue in every period, computed here from the file's numbers alone. A quarterly model's
    growth is on the same quarter of the year before."""
    step = 4 if d["years"].get("frequency") == "quarterly" else 1

    def grown(history, rates):
        out = list(history)
        for g in rates:
            out.append(out[-step] * (1 + g))
        return out[len(history):]

    def line(s: dict, lines: dict) -> list[float]:
        actual = s["actuals"]["values"]
        if "growth" in s:
            return actual + grown(actual, s["growth"]["values"])
        driver = s["driver"]
        if driver["kind"] == "amount":
            return actual + driver["values"]
        if driver["kind"] == "share_of":
            base = lines[driver["of"]][len(actual):]
            return actual + [v * b for v, b in zip(driver["values"], base)]
        first, second = (driver["price"], driver["volume"]) if driver["kind"] == "price_volume" else (
            driver["users"], driver["arpu"])
        factors = []
        for f in (first, second):
            act = f["actuals"]["values"]
            factors.append(f["amounts"]["values"] if "amounts" in f else grown(act, f["growth"]["values"]))
        return actual + [x * y * driver.get("scale", 1.0) for x, y in zip(*factors)]

    lines: dict[str, list[float]] = {}
    flat = [p for s in d["revenue"]["segments"] for p in s.get("parts", [s])]
    for s in sorted(flat, key=lambda s: s.get("driver", {}).get("kind") == "share_of"):  # shares after bases
        lines[s["key"]] = line(s, lines)
    return [sum(v) for v in zip(*lines.values())]


@pytest.mark.parametrize("combo", COMBOS, ids=lambda c: c.id)
def test_builds_with_a_clean_audit_and_the_expected_revenue(built, combo, capsys):
    c, path, folder, code = built[combo.id]
    assert code == 0
    assert main(["validate", str(path)]) == 0
    xlsx = folder / f"{c.id}.xlsx"
    names = sorted(p.name for p in folder.iterdir())
    charts = [f"{c.id}.{lang}.{k}.png" for lang in c.languages for k in ("revenue", "margins", "peers", "football")]
    expected = [f"{c.id}.xlsx"] + [f"{c.id}.{lang}.md" for lang in c.languages]
    if c.id in CHARTED:
        expected += [n for n in charts if n in names]
        assert {f"{c.id}.{lang}.revenue.png" for lang in c.languages} <= set(names)
    assert names == sorted(expected)
    assert [f for f in audit_workbook(xlsx, recalc=False) if f.severity in ("error", "warning")] == []
    named = named_values(openpyxl.load_workbook(xlsx, data_only=True))
    assert named["CHK_master"] is True
    assert named["IS_revenue"] == pytest.approx(_expected_revenue(company(c)), rel=1e-9)


@pytest.mark.parametrize("combo", COMBOS, ids=lambda c: c.id)
def test_extract_reads_back_the_same_assumptions(built, combo):
    c, path, folder, _ = built[combo.id]
    assert parse(extract(folder / f"{c.id}.xlsx")) == load(path)


def _next_period(c: Combo) -> str:
    return "2024Q1" if c.quarterly else "2022"


@pytest.mark.parametrize("combo", COMBOS, ids=lambda c: c.id)
def test_rolls_one_period_on_its_own_estimates_and_the_rolled_file_builds(built, combo, tmp_path, capsys):
    c, path, _, _ = built[combo.id]
    old = load(path)
    actuals = write_csv(tmp_path / "actuals.csv", _next_period(c), reported_from_estimates(old))
    rolled = tmp_path / "rolled.yaml"
    assert main(["roll", str(path), "--actuals", str(actuals), "-o", str(rolled)]) == 0, capsys.readouterr().err
    new = load(rolled)
    assert new.years.n_actual == old.years.n_actual + 1
    out = tmp_path / "out"
    out.mkdir()
    capsys.readouterr()
    assert main(["build", str(rolled), "--out", str(out), "--no-charts"]) == 0, capsys.readouterr().err
    named = named_values(openpyxl.load_workbook(out / f"{c.id}.xlsx", data_only=True))
    assert named["CHK_master"] is True
    # The reported period is the old model's estimate: its revenue is unchanged by the roll.
    n = old.years.n_actual
    assert named["IS_revenue"][n] == pytest.approx(_expected_revenue(company(c))[n], rel=1e-9)


@pytest.mark.parametrize("combo", [c for c in COMBOS if c.languages == ("en",)], ids=lambda c: c.id)
def test_english_only_has_no_cjk_character(built, combo):
    c, path, folder, _ = built[combo.id]
    for part, text in _xml_texts(folder / f"{c.id}.xlsx").items():
        if part == "docProps/custom.xml" or part.startswith("xl/theme/"):
            continue  # the embedded assumptions (compressed); the theme's font table
        assert not CJK.search(text), (part, CJK.findall(text)[:10])
    md = (folder / f"{c.id}.en.md").read_text(encoding="utf-8")
    assert not CJK.search(md), CJK.findall(md)
    a = load(path)
    for name, spec in chart_specs(make_report(build_model(a), a), "en").items():
        text = json.dumps(asdict(spec), ensure_ascii=False, default=str)
        assert not CJK.search(text), (name, CJK.findall(text))


_FIELD_PATH = re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b")  # an assumptions field named in a note: a code
_FY_PERIOD = re.compile(r"\bFY\d{4}[AE]\b")  # a fiscal-year column of a quarterly model (label style FY2023A)


def _english_words_zh(text: str, allowed: set[str]) -> set[str]:
    text = _FY_PERIOD.sub(" ", _FIELD_PATH.sub(" ", text)).replace("EV/Sales", "EV")  # a ratio's code, as P/E
    return _english_words(text, allowed | {"ARPU"})  # printed as it is in Chinese reports, as EBITDA


@pytest.mark.parametrize("combo", [c for c in COMBOS if c.languages == ("zh",)], ids=lambda c: c.id)
def test_chinese_only_has_no_english_word(built, combo):
    c, path, folder, _ = built[combo.id]
    a = load(path)
    allowed = _allowed_latin(a) | {"Blend"}  # valuation.multiple's value as the file gives it, like DCF or P/E
    md = (folder / f"{c.id}.zh.md").read_text(encoding="utf-8")
    assert not _english_words_zh(md, allowed)
    wb = openpyxl.load_workbook(folder / f"{c.id}.xlsx")
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and not cell.value.startswith("="):
                    for word in _english_words_zh(cell.value, allowed):
                        found.setdefault(word, f"{ws.title}!{cell.coordinate}: {cell.value[:80]}")
    for ws in wb.worksheets:  # page headers and footers, and the document's properties
        texts = [part.text or "" for hf in (ws.oddHeader, ws.oddFooter) for part in (hf.left, hf.center, hf.right)]
        for text in texts:
            for word in _english_words_zh(text, allowed):
                found.setdefault(word, f"{ws.title} header/footer: {text[:80]}")
    props = wb.properties
    for text in (props.title, props.subject, props.keywords, props.description):
        for word in _english_words_zh(text or "", allowed):
            found.setdefault(word, f"properties: {text[:80]}")
    assert found == {}
    for name, spec in chart_specs(make_report(build_model(a), a), "zh").items():
        for text in _strings(asdict(spec)):
            assert not _english_words_zh(text, allowed), (name, text)


@needs_libreoffice
def test_libreoffice_agrees_with_every_stored_value_of_the_sample(built, tmp_path):
    for combo_id in SAMPLE:
        c, _, folder, _ = built[combo_id]
        engine = libreoffice_named_values(folder / f"{c.id}.xlsx", tmp_path / c.id)
        assert engine["CHK_master"] is True
        assert engine["IS_revenue"] == pytest.approx(_expected_revenue(company(c)), rel=1e-9)


def test_a_chinese_only_euro_company_names_its_currency_in_chinese(tmp_path):
    """A market beyond US, Hong Kong and the A-share market: EUR in words (欧元), its money unit 百万欧元."""
    d = company(Combo("us", "pe", ("zh",), two_currencies=False))
    d["units"] = {"currency": "EUR", "money": "millions", "market_currency": "EUR", "market_symbol": "€"}
    for peer in d["valuation"]["peers"]:
        peer["currency"] = "EUR"
    path = tmp_path / "euro.yaml"
    path.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["build", str(path), "--out", str(tmp_path), "--no-charts"]) == 0
    md = (tmp_path / f"{d['company']['id']}.zh.md").read_text(encoding="utf-8")
    assert "目标价（欧元）" in md and "百万欧元" in md and "€" not in md


@needs_libreoffice
def test_a_model_rolled_twice_on_its_own_estimates_agrees_with_libreoffice(tmp_path, capsys):
    """The Variance sheet's beat flags of a period reported exactly as estimated: the difference is a
    rounding (1e-15) that the engines take as 0, so no beat (it stored TRUE where LibreOffice computed FALSE)."""
    c = Combo("ashare", "ps", ("zh", "en"), True, False, "parts", scenarios=True)
    path = write(c, tmp_path)
    for period in ("2024Q1", "2024Q2"):
        actuals = write_csv(tmp_path / f"{period}.csv", period, reported_from_estimates(load(path)))
        rolled = tmp_path / f"rolled_{period}.yaml"
        assert main(["roll", str(path), "--actuals", str(actuals), "-o", str(rolled)]) == 0
        path = rolled
    out = tmp_path / "out"
    out.mkdir()
    assert main(["build", str(path), "--out", str(out), "--no-charts"]) == 0
    engine = libreoffice_named_values(out / f"{c.id}.xlsx", tmp_path / "engine")
    assert engine["CHK_master"] is True
    assert engine["VAR_beat_revenue"] is False
