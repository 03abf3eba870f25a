"""A Chinese-only A-share example (Kweichow Moutai, languages: [zh], P/E, CNY only): it validates,
builds, audits clean with Chinese sheet tabs, LibreOffice agrees with every stored value, `extract`
reads it back, and no English word appears in its workbook, summary or chart texts beyond names,
codes and units."""
from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from pathlib import Path

import openpyxl
import pytest

from builder.audit import audit_workbook
from builder.render.chart_specs import chart_specs
from builder.commands.cli import main
from builder.commands.extract import extract
from builder.validation.loader import load, parse
from builder.model import build_model
from builder.report import make_report
from conftest import libreoffice_named_values, named_values, needs_libreoffice

EXAMPLE = Path(__file__).resolve().parent.parent / "builder" / "examples" / "moutai_pe.yaml"
TABS = ["封面", "假设", "收入预测", "利润表", "资产负债表", "现金流量表", "估值", "检查"]

# Latin words that may stand in Chinese text: codes (exchange, currency, ratios), Excel's booleans.
ALLOWED = {"SH", "CNY", "TRUE", "FALSE", "EBITDA", "ROE"}
_FIELD_PATH = re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b")  # an assumptions field named in a note: a code


def english_words(text: str) -> set[str]:
    text = _FIELD_PATH.sub(" ", text)
    return {w for w in re.findall(r"[A-Za-z]{2,}", text)} - ALLOWED


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("moutai")
    assert main(["build", str(EXAMPLE), "--out", str(folder)]) == 0
    return folder


def test_it_validates_and_builds_with_a_clean_audit(out, capsys):
    assert main(["validate", str(EXAMPLE)]) == 0
    assert capsys.readouterr().err == ""  # no warning: the thesis' typed figures agree with the model
    findings = [f for f in audit_workbook(out / "moutai.xlsx", recalc=False) if f.severity != "info"]
    assert findings == []
    assert sorted(p.name for p in out.iterdir()) == ["moutai.xlsx", "moutai.zh.football.png", "moutai.zh.margins.png",
                                                     "moutai.zh.md", "moutai.zh.revenue.png"]


def test_sheet_tabs_are_chinese_and_defined_names_work(out):
    wb = openpyxl.load_workbook(out / "moutai.xlsx", data_only=True)
    assert wb.sheetnames == TABS
    named = named_values(wb)
    assert wb.defined_names["IS_revenue"].attr_text == f"'利润表'!{wb.defined_names['IS_revenue'].attr_text.split('!')[1]}"
    # Reported figures (2023, 2024 annual reports, RMB m): total revenue, attributable net profit, basic EPS.
    assert named["IS_revenue"][:2] == pytest.approx([126589 + 20630 + 3341, 145928 + 24684 + 3532])
    assert named["IS_revenue"][:2] == pytest.approx([150560, 174144])
    assert named["IS_net_profit_parent"][:2] == pytest.approx([74734, 86228])
    assert [round(e, 2) for e in named["KPI_eps"][:2]] == [59.49, 68.64]  # basic EPS as reported
    assert named["CHK_master"] is True


def test_no_english_in_the_workbook(out):
    wb = openpyxl.load_workbook(out / "moutai.xlsx")
    found = {}
    for ws in wb.worksheets:
        texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.data_type != "f"]
        texts += [c.comment.text for row in ws.iter_rows() for c in row if c.comment]
        texts += [t for dv in ws.data_validations.dataValidation
                  for t in (dv.promptTitle, dv.prompt, dv.errorTitle, dv.error) if t]
        texts += [h.center.text or "" for h in (ws.oddHeader, ws.oddFooter)] + [ws.title]
        for text in texts:
            for word in english_words(text):
                found.setdefault(word, f"{ws.title}: {text[:80]}")
    assert found == {}


def _strings(node):
    if isinstance(node, str):
        yield node
    elif is_dataclass(node):
        for f in fields(node):
            if f.name != "lang":
                yield from _strings(getattr(node, f.name))
    elif isinstance(node, (tuple, list)):
        for item in node:
            yield from _strings(item)


def test_no_english_in_the_summary_or_the_charts(out):
    summary = (out / "moutai.zh.md").read_text(encoding="utf-8")
    summary = re.sub(r"\]\(moutai\.zh\.[a-z]+\.png\)", "]()", summary)  # file names in the chart links
    assert english_words(summary) == set()
    a = load(EXAMPLE)
    specs = chart_specs(make_report(build_model(a), a), "zh")
    assert specs
    texts = [t for spec in specs.values() for t in _strings(spec)]
    assert "贵州茅台 收入按产品" in texts  # segments_are: products, in Chinese
    assert {w for t in texts for w in english_words(t)} == set()


@needs_libreoffice
def test_libreoffice_agrees_and_extract_reads_the_chinese_tabs(out, tmp_path):
    engine = libreoffice_named_values(out / "moutai.xlsx", tmp_path / "lo")
    assert engine["CHK_master"] is True
    assert parse(extract(out / "moutai.xlsx")) == load(EXAMPLE)


def test_validate_names_a_chinese_only_company(capsys):
    assert main(["validate", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out.strip() == f"{EXAMPLE}: OK (贵州茅台, 5 years, 3 segments)"
