"""Control characters, names, long text, locales and library warnings: the build stays correct and says so."""
from __future__ import annotations

import hashlib
import dataclasses
import os
import shutil
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path
from xml.parsers import expat

import openpyxl
import pytest
import yaml

from builder.commands import build as build_module
from builder.validation import contract as contract_module
from builder.commands.build import BuildError, build
from builder.commands.cli import main
from builder.commands.extract import extract
from builder.commands.library_warnings import reported
from builder.validation.loader import AssumptionsError, default_example, parse
from builder.assumptions.schema import MAX_TEXT
from builder.safety.text import chart_text, fitted, header_footer, printable

ROOT = Path(__file__).resolve().parents[1]


def example() -> dict:
    return yaml.safe_load(default_example().read_text(encoding="utf-8"))


def every_part_parses(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels", ".vml")):
                expat.ParserCreate().Parse(z.read(name), True)


# -- one sanitiser -------------------------------------------------------------------------------------
def test_printable_maps_every_character_xml_cannot_hold():
    bad = "".join(map(chr, [*range(0x20), 0x7F, *range(0x80, 0xA0), 0xD800, 0xDFFF, 0xFFFE, 0xFFFF]))
    text = printable("a" + bad + "b")
    assert text[0] == "a" and text[-1] == "b" and len(text) == len(bad) + 2  # nothing dropped
    for ch in text:  # what XML 1.0 allows, less the C1 controls a terminal acts on
        code = ord(ch)
        assert code in (0x09, 0x0A) or 0x20 <= code < 0x7F or 0xA0 <= code < 0xD800 or 0xE000 <= code < 0xFFFE
    assert printable("Buy\a") == "Buy\u2407"


def test_a_control_character_in_a_rating_keeps_the_workbook_well_formed(tmp_path):
    """The rating name is a formula result (<v> in the sheet XML), not only cell text."""
    data = example()
    data["valuation"]["rating_scale"][-1]["en"] = "Buy\a"
    out = tmp_path / "out"
    out.mkdir()
    build(parse(data), out, charts=False)
    every_part_parses(out / "kingsoft_cloud.xlsx")
    ws = openpyxl.load_workbook(out / "kingsoft_cloud.xlsx", data_only=True)["Valuation"]
    results = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "Buy" in c.value]
    assert "买入 (Buy\u2407)" in results


def test_a_broken_workbook_never_replaces_a_good_one(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "kingsoft_cloud.xlsx").write_bytes(b"the good one")
    real = build_module.write_workbook

    def corrupt(model, a, path, protect=None):
        real(model, a, path, protect)
        with zipfile.ZipFile(path, "a") as z:
            z.writestr("xl/extra.xml", "<a><b></a>")
    monkeypatch.setattr(build_module, "write_workbook", corrupt)
    with pytest.raises(BuildError, match=r"kingsoft_cloud.xlsx: the workbook written is not well-formed XML in "
                                         r"xl/extra.xml: mismatched tag"):
        build(parse(example()), out, charts=False)
    assert os.listdir(out) == ["kingsoft_cloud.xlsx"]
    assert (out / "kingsoft_cloud.xlsx").read_bytes() == b"the good one"


def test_chart_text_cannot_be_read_as_a_reference():
    import re
    xlsxwriter_reference = re.compile(r"^=?[^!]+!\$?[A-Z]+\$?\d+")  # xlsxwriter's chart _process_names
    for text in ("=X!A1", "Sheet1!$B$2", "='\\\\h\\s\\[x.xlsx]S'!A1", "a!B2!C3"):
        assert xlsxwriter_reference.match(text)
        safe = chart_text(text)
        assert not xlsxwriter_reference.match(safe) and safe.replace("\u2060", "") == text
    assert chart_text("RMB m") == "RMB m"


# -- names ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("field, value", [("currency", "R MB"), ("market_currency", "HK$"),
                                          ("currency", "1RMB"), ("market_currency", "HKD\x1b")])
def test_currency_codes_that_cannot_name_cells_are_refused(field, value):
    data = example()
    data["units"][field] = value
    with pytest.raises(AssumptionsError) as e:
        parse(data)
    assert f"units.{field}: a currency code is letters and digits" in str(e.value)


def _build_with_changed_model(tmp_path, monkeypatch, change, refusal: str) -> None:
    """Build the example with `change` applied to its evaluated model: refused with `refusal`, nothing written."""
    real = contract_module.build_model  # the build evaluates the model through the contract's checks

    def changed(a, previous=None):
        model = real(a, previous)
        change(model)
        return model
    monkeypatch.setattr(contract_module, "build_model", changed)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(BuildError, match=refusal):
        build(parse(example()), out, charts=False)
    assert os.listdir(out) == []


def test_a_name_xlsxwriter_refuses_is_an_error(tmp_path, monkeypatch):
    def bad_name(model):
        # a space: xlsxwriter only warns and skips it (lines are frozen since the restructure: replaced)
        model.lines["KPI_pe"] = dataclasses.replace(model.lines["KPI_pe"], defined_name="KPI pe")
    _build_with_changed_model(tmp_path, monkeypatch, bad_name, "defined name 'KPI pe' cannot be written")


def test_a_documented_name_missing_from_the_workbook_fails_the_build(tmp_path, monkeypatch):
    def without(model):
        model.cells["VAL_upside"] = dataclasses.replace(model.cells["VAL_upside"], defined_name=None)
    _build_with_changed_model(tmp_path, monkeypatch, without, "documented defined names VAL_upside are missing")


# -- long text -----------------------------------------------------------------------------------------
def test_text_longer_than_the_limit_is_refused_with_its_field():
    data = example()
    data["thesis"][0]["en"] = "x" * (MAX_TEXT + 1)
    with pytest.raises(AssumptionsError) as e:
        parse(data)
    assert len(e.value.problems) == 1
    assert str(e.value).endswith(f"thesis[0].en: text of {MAX_TEXT + 1:,} characters; the limit is {MAX_TEXT:,} "
                                 f"(a spreadsheet cell holds 32,767)")


def test_long_text_round_trips_through_extract(tmp_path, capsys):
    data = example()
    long_name = "Kingsoft & Co " + "n" * 400 + " end"
    data["company"]["name_en"] = long_name                        # header, title and keywords: cut visibly
    data["report"]["broker"]["en"] = "B&" * 200                   # footer, author: cut visibly
    data["thesis"][0]["en"] = "t" * MAX_TEXT                      # a cell of 10,002 characters ("• " first)
    data["revenue"]["segments"][0]["actuals"]["source"] = "s" * MAX_TEXT  # a comment with the name
    out = tmp_path / "out"
    out.mkdir()
    with reported():
        build(parse(data), out, charts=False)
    err = capsys.readouterr().err.splitlines()
    header = f"{long_name} (3896.HK)".replace("&", "&&")  # the header text, & doubled: one & in the name
    budget = 255 - len("&L&R&A")
    assert f"warning: company.name_en (page header): {len(header)} characters cut to {budget} " \
           f"(the file format's limit)" in err
    footer_budget = 255 - len("&L") - len(" 2025-02-11&RPage &P of &N")
    assert f"warning: report.broker.en (page footer): 600 characters cut to {footer_budget} " \
           f"(the file format's limit)" in err
    assert any(line.startswith("warning: company.name_en (title):") for line in err)
    assert all(line.startswith("warning: ") for line in err)
    wb = openpyxl.load_workbook(out / "kingsoft_cloud.xlsx")
    header = wb["P&L"].oddHeader.left.text
    assert header.endswith("\u2026") and len("&L" + header.replace("&", "&&") + "&R&A") <= 255 + 2
    assert wb.properties.title.endswith("\u2026") and len(wb.properties.title) == 255
    cells = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "• " + "t" * MAX_TEXT in cells and any(long_name in c for c in cells)  # cells are never cut
    # what extract reads back is the same assumptions (defaults such as `languages` filled in by the schema)
    assert parse(extract(out / "kingsoft_cloud.xlsx")).model_dump(mode="json") == parse(data).model_dump(mode="json")


def test_fitted_never_splits_an_escape():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = fitted("&" * 10, 6, "f", header_footer)
    assert text == "&&&&\u2026" and len(caught) == 1
    assert fitted("short", 6, "f") == "short"


# -- locale and warnings -------------------------------------------------------------------------------
def _zh_locale(tmp_path: Path) -> dict | None:
    loc = tmp_path / "loc"
    loc.mkdir()
    if shutil.which("localedef") is None:
        return None
    subprocess.run(["localedef", "-i", "zh_CN", "-f", "UTF-8", str(loc / "zh_CN.UTF-8")], capture_output=True)
    if not (loc / "zh_CN.UTF-8").exists():
        return None
    return {"LOCPATH": str(loc), "LC_ALL": "zh_CN.UTF-8", "LANG": "zh_CN.UTF-8"}


def test_chart_bytes_do_not_depend_on_the_locale(tmp_path):
    zh = _zh_locale(tmp_path)
    if zh is None:
        pytest.skip("cannot compile the zh_CN locale here (localedef or its sources missing)")
    digests = []
    for extra in ({"LC_ALL": "C"}, zh):
        out = tmp_path / extra["LC_ALL"]
        out.mkdir()
        env = {**os.environ, "PYTHONPATH": str(ROOT), **extra}
        check = subprocess.run([sys.executable, "-c", "import locale; print(locale.setlocale(locale.LC_CTYPE))"],
                               env=env, capture_output=True, text=True)
        assert check.stdout.strip() == extra["LC_ALL"]
        r = subprocess.run([sys.executable, "-m", "builder", "build", "--out", str(out)], env=env,
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.glob("*.png"))})
    assert len(digests[0]) == 8 and digests[0] == digests[1]


def test_library_warnings_become_our_one_line_warnings(capsys):
    def noisy():
        warnings.warn("Header string cannot be longer than Excel's limit")
    noisy.__code__ = noisy.__code__.replace(co_filename="/site-packages/xlsxwriter/worksheet.py")
    with reported():
        noisy()
        noisy()
        warnings.warn("\x1b[31mred\x1b[0m")
    assert capsys.readouterr().err.splitlines() == [
        "warning: xlsxwriter: Header string cannot be longer than Excel's limit",
        "warning: UserWarning: \u241b[31mred\u241b[0m"]


def test_escape_sequences_never_reach_the_terminal(tmp_path, capsys):
    data = example()
    data["company"]["name_en"] = "Evil\x1b]0;title\x07\x1b[2J\u009b31m"
    path = tmp_path / "esc\x1b[31m.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    data["market"]["price"]["value"] = -1
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "\x1b" not in text and "\x07" not in text and "\u009b" not in text
    assert "Evil\u241b]0;title\u2407\u241b[2J\ufffd31m" in captured.out
    assert captured.err.count("\n") == 1 and "esc\u241b[31m.yaml" in captured.err
