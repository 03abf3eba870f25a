"""`languages:` in the assumptions: an English-only or Chinese-only model is written in its one language
only, validates without the other language's text, and computes the same figures."""
from __future__ import annotations

import json
import re
import zipfile
from dataclasses import asdict

import openpyxl
import pytest
import yaml

from builder.audit import audit_workbook
from builder.commands.build import build
from builder.render.chart_specs import chart_specs
from builder.commands.cli import main
from builder.validation.loader import parse
from builder.model import build_model
from builder.audit.recalc import recalculate
from builder.report import make_report
from conftest import engine_mismatches, named_values, needs_libreoffice
from one_language import one_language
from other_company import acme

# CJK ideographs and punctuation, full-width forms (（）：), kana and hangul.
CJK = re.compile(r"[\u2e80-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _xml_texts(xlsx) -> dict[str, str]:
    """Every XML part of a workbook (strings, sheets, charts, comments, properties, defined names)."""
    with zipfile.ZipFile(xlsx) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".vml", ".rels"))}


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    out = tmp_path_factory.mktemp("en")
    a = parse(one_language(acme(), "en"))
    return a, build(a, out), out


@pytest.fixture(scope="module")
def chinese(tmp_path_factory):
    out = tmp_path_factory.mktemp("zh")
    a = parse(one_language(acme(), "zh"))
    return a, build(a, out), out


def test_english_only_writes_english_files_only(english):
    _, result, _ = english
    names = sorted(p.name for p in result.paths)
    assert names == sorted(["acme_robotics.xlsx", "acme_robotics.en.md", "acme_robotics.en.revenue.png",
                            "acme_robotics.en.margins.png", "acme_robotics.en.peers.png",
                            "acme_robotics.en.football.png"])


def test_english_only_has_no_cjk_character_anywhere(english):
    a, result, out = english
    xlsx = out / "acme_robotics.xlsx"
    for part, text in _xml_texts(xlsx).items():
        if part == "docProps/custom.xml" or part.startswith("xl/theme/"):
            continue  # the embedded assumptions (compressed, checked below as JSON); the theme's font table
        assert not CJK.search(text), (part, CJK.findall(text)[:10])
    md = (out / "acme_robotics.en.md").read_text(encoding="utf-8")
    assert not CJK.search(md), CJK.findall(md)
    view = make_report(build_model(a), a)
    for name, spec in chart_specs(view, "en").items():
        text = json.dumps(asdict(spec), ensure_ascii=False, default=str)
        assert not CJK.search(text), (name, CJK.findall(text))


def test_english_only_workbook_has_one_label_column(english):
    _, _, out = english
    wb = openpyxl.load_workbook(out / "acme_robotics.xlsx")
    ws = wb["P&L"]
    labels = {ws.cell(r, 1).value for r in range(5, ws.max_row + 1)} - {None}
    assert "Revenue" in labels
    assert all(ws.cell(r, 2).value in (None, "") for r in range(1, ws.max_row + 1))
    assert ws.cell(1, 1).value == "Acme Robotics (ACME.US) — P&L"


def test_one_language_computes_the_figures_of_two(english, chinese, tmp_path):
    both = build(parse(acme()), tmp_path)
    reference = both.model.named()
    for _, result, _ in (english, chinese):
        named = result.model.named()
        numbers = {k: v for k, v in reference.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        assert {k: named[k] for k in numbers} == numbers
    # The rating is the one language's name, not both
    assert english[1].model.value("VAL_rating") == "Buy"
    assert chinese[1].model.value("VAL_rating") == "买入"
    assert both.model.value("VAL_rating") == "买入 (Buy)"


@needs_libreoffice
def test_libreoffice_agrees_with_one_language_workbooks(english, chinese, tmp_path):
    books = [english[2] / "acme_robotics.xlsx", chinese[2] / "acme_robotics.xlsx"]
    copies = [tmp_path / "en.xlsx", tmp_path / "zh.xlsx"]
    for src, dst in zip(books, copies):
        dst.write_bytes(src.read_bytes())
    engine_dir = tmp_path / "engine"
    engine_dir.mkdir()
    for xlsx, engine in zip(copies, recalculate(copies, engine_dir)):
        assert not engine_mismatches(xlsx, engine)
        assert [f for f in audit_workbook(xlsx, recalc=False) if f.severity in ("error", "warning")] == []
        assert named_values(openpyxl.load_workbook(xlsx, data_only=True))["CHK_master"] is True


def _allowed_latin(a) -> set[str]:
    """Words a Chinese document may carry: names and codes, currency codes and symbols, and units
    and ratio names that are written the same in Chinese (x, P/S, P/E, P/B, ROE, TRUE/FALSE, n.a.)."""
    allowed = {"PS", "PE", "PB", "ROE", "EPS", "TRUE", "FALSE", "FX", "YoY",
               "EBIT", "EBITDA", "WACC", "DCF", "EV", "FCFF"}  # financial codes Chinese reports print as they are
    codes = [a.company.ticker, a.units.currency, a.units.market_currency, a.units.market_symbol]
    codes += [p.code for p in a.valuation.peers] + [p.currency for p in a.valuation.peers]
    for code in codes:
        allowed |= set(LATIN_WORD.findall(code))
    return allowed


def _english_words(text: str, allowed: set[str]) -> set[str]:
    text = re.sub(r"\]\([^)]*\)", "]", text)  # chart file names in Markdown links
    text = re.sub(r"\b\d{4}(Q[1-4])?[AE]\b", "", text)  # period labels 2024A / 2025E
    text = text.replace("P/S", "PS").replace("P/E", "PE").replace("P/B", "PB")
    return {w for w in LATIN_WORD.findall(text) if w not in allowed}


def test_chinese_only_summary_and_labels_have_no_english_words(chinese):
    a, _, out = chinese
    allowed = _allowed_latin(a)
    md = (out / "acme_robotics.zh.md").read_text(encoding="utf-8")
    assert not _english_words(md, allowed)
    wb = openpyxl.load_workbook(out / "acme_robotics.xlsx")
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_col=1, max_col=3):
            for cell in row:
                if isinstance(cell.value, str) and not cell.value.startswith("="):
                    assert not _english_words(cell.value, allowed), (ws.title, cell.coordinate, cell.value)


def test_chinese_only_chart_specs_have_no_english_words(chinese):
    a, _, _ = chinese
    allowed = _allowed_latin(a)
    view = make_report(build_model(a), a)
    for name, spec in chart_specs(view, "zh").items():
        for text in _strings(asdict(spec)):
            assert not _english_words(text, allowed), (name, text)


def _strings(node):
    """The texts a chart shows: every string in its spec except field names and language codes."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k not in ("lang",):
                yield from _strings(v)
    elif isinstance(node, (list, tuple)):
        for v in node:
            yield from _strings(v)
    elif isinstance(node, str) and node not in BAR_ROLES:
        yield node


BAR_ROLES = ("peer", "average", "target")  # the peer chart's bar styles, not shown as text


def _write(tmp_path, data) -> str:
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(path)


def test_missing_text_of_a_chosen_language_is_an_error_naming_the_field(tmp_path, capsys):
    data = one_language(acme(), "en")
    del data["company"]["name_en"]
    del data["revenue"]["segments"][1]["name_en"]
    assert main(["validate", _write(tmp_path, data)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert any(": company.name_en: required, as en is one of the file's languages" in e for e in err), err
    assert any(": revenue.segments[1].name_en: required" in e for e in err), err
    assert all(e.startswith("error: ") for e in err)


def test_text_of_a_language_not_chosen_is_not_required(tmp_path, capsys):
    assert main(["validate", _write(tmp_path, one_language(acme(), "zh"))]) == 0


@pytest.mark.parametrize("languages", [["en", "zh"], ["fr"], [], ["en", "en"]])
def test_languages_must_be_one_of_the_choices(tmp_path, capsys, languages):
    data = acme()
    data["languages"] = languages
    assert main(["validate", _write(tmp_path, data)]) == 2
    assert "languages" in capsys.readouterr().err


def test_a_sensitivity_step_giving_a_zero_or_negative_multiple_is_an_error(tmp_path, capsys):
    data = acme()
    data["valuation"]["target_multiple"]["value"] = 2
    data["sensitivity"] = {"multiple_changes": {"values": [-2, -1, 0, 1, 2], "source": "t"}}
    path = _write(tmp_path, data)
    assert main(["validate", path]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].endswith("sensitivity.multiple_changes.values[0]: step -2 gives a target multiple of 0; "
                           "every multiple on the axis must be positive")


def test_chinese_summary_names_the_currency_in_words_and_large_amounts_in_yi(chinese):
    """acme: USD accounts and a US$ share price; target market cap 6.5 x 2023E revenue (274.3 m)."""
    a, result, out = chinese
    md = (out / "acme_robotics.zh.md").read_text(encoding="utf-8")
    assert "每股收益（美元/股）" in md and "目标价（美元）" in md
    revenue_2023 = 150 * 1.2 * 1.15 + 55 * 1.1 * 1.1  # by hand, as test_other_company
    target_cap = 6.5 * revenue_2023  # FX 1, in millions
    # 17.78 亿 printed with one decimal (two below 10 亿, none from 100 亿), not "18" or "1,778 百万USD"
    assert f"目标市值 {target_cap / 100:.1f} 亿美元" in md and f"{target_cap / 100:.1f}" == "17.8"


@pytest.mark.parametrize("fixture", ["english", "chinese"])
def test_extract_reads_back_a_one_language_workbook_and_its_edits(fixture, request, tmp_path):
    """extract finds each row by the label of the model's one language, and an edited input lands in
    its field (the price, in the first label column's row)."""
    from builder.commands.extract import extract
    a, _, out = request.getfixturevalue(fixture)
    xlsx = out / "acme_robotics.xlsx"
    assert parse(extract(xlsx)) == a
    wb = openpyxl.load_workbook(xlsx)
    ws = wb.worksheets[1]  # the Assumptions sheet (its tab is in the model's language: 假设 in a Chinese-only one)
    # The price is the only single-value input of 25 (in the first value column, D).
    [row] = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 4).value == a.market.price.value == 25]
    ws.cell(row, 4).value = 31.5
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    assert extract(edited)["market"]["price"]["value"] == 31.5
