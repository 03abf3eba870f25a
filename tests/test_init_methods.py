"""`init --method SLUG`: the starter of every valuation method validates, builds, audits clean and checks."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from builder.commands.cli import main
from builder.commands.starter import STARTER_METHODS
from conftest import named_values

EXPECTED = {"ps": "P/S", "pe": "P/E", "pb": "P/B", "ev_ebitda": "EV/EBITDA", "ev_sales": "EV/Sales", "dcf": "DCF",
            "blend": "Blend"}


@pytest.mark.parametrize("method", STARTER_METHODS)
def test_init_validate_build_audit(method, tmp_path, capsys):
    path = tmp_path / f"co_{method}.yaml"
    assert main(["init", f"co_{method}", "--method", method, "-o", str(path)]) == 0
    assert main(["validate", str(path)]) == 0
    out = tmp_path / "out"
    out.mkdir()
    assert main(["build", str(path), "--out", str(out), "--no-charts"]) == 0
    assert "audit: 0 errors, 0 warnings" in capsys.readouterr().out
    named = named_values(openpyxl.load_workbook(out / f"co_{method}.xlsx", data_only=True))
    assert named["VAL_method"] == EXPECTED[method]
    assert named["CHK_master"] is True
    # price and accounts both in USD: a one-currency model, no fx line and no FX cell
    assert not re.search(r"^\s*fx:", path.read_text(encoding="utf-8"), re.M)
    assert "VAL_fx" not in named


def test_unknown_method_is_refused(tmp_path, capsys):
    assert main(["init", "co", "--method", "ev_fcf", "-o", str(tmp_path / "co.yaml")]) == 2
    assert "--method 'ev_fcf': use one of ps, pe" in capsys.readouterr().err
    assert not (tmp_path / "co.yaml").exists()


# CJK ideographs and punctuation, full-width forms, kana and hangul.
CJK = re.compile(r"[\u2e80-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
# Latin words a Chinese-only starter's outputs may hold: codes (currency, peer, ratios) and Excel's booleans.
# The method codes (VAL_method: P/E, EV/Sales, Blend ...) are codes too.
CODES = {"USD", "US", "PEERA", "SZ", "EV", "WACC", "DCF", "FCFF", "EBIT", "EBITDA", "ROE", "TRUE", "FALSE", "Sales",
         "Blend"}


def _workbook_texts(xlsx: Path) -> list[str]:
    wb = openpyxl.load_workbook(xlsx)
    texts = []
    for ws in wb.worksheets:
        texts += [ws.title] + [c.value for row in ws.iter_rows() for c in row
                               if isinstance(c.value, str) and c.data_type != "f"]
        texts += [c.comment.text for row in ws.iter_rows() for c in row if c.comment]
        texts += [t for dv in ws.data_validations.dataValidation
                  for t in (dv.promptTitle, dv.prompt, dv.errorTitle, dv.error) if t]
    return texts


@pytest.mark.parametrize("languages", ["en", "zh"])
@pytest.mark.parametrize("method", STARTER_METHODS)
def test_init_each_method_in_one_language_builds_clean_in_that_language(method, languages, tmp_path, capsys):
    """init -> validate -> build -> audit with no edits, for every method and one-language choice; an
    English-only starter's outputs hold no CJK character, a Chinese-only one's no English word beyond codes."""
    path = tmp_path / "co.yaml"
    assert main(["init", "co", "--method", method, "--languages", languages, "--name", "公司甲" if languages == "zh"
                 else "Company A", "--ticker", "000001.SZ", "-o", str(path)]) == 0
    assert main(["validate", str(path)]) == 0
    out = tmp_path / "out"
    out.mkdir()
    assert main(["build", str(path), "--out", str(out), "--no-charts"]) == 0
    assert "audit: 0 errors, 0 warnings" in capsys.readouterr().out
    assert main(["audit", str(out / "co.xlsx"), "--no-recalc"]) == 0
    capsys.readouterr()
    xlsx, md = out / "co.xlsx", (out / f"co.{languages}.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in out.glob("*.md")) == [f"co.{languages}.md"]
    if languages == "en":
        with zipfile.ZipFile(xlsx) as z:
            # Every XML part but the theme's font table (script names such as ゴシック for East Asian fonts).
            parts = {n: z.read(n).decode("utf-8", "replace") for n in z.namelist()
                     if n.endswith((".xml", ".rels")) and not n.startswith("xl/theme/")}
        assert {n: CJK.findall(t)[:5] for n, t in parts.items() if CJK.search(t)} == {}
        assert not CJK.search(md), CJK.findall(md)[:10]
    else:
        texts = _workbook_texts(xlsx) + [re.sub(r"\]\([^)]*\.png\)", "]()", md)]
        words = {w for t in texts for w in re.findall(r"[A-Za-z]{2,}", re.sub(r"\b[a-z_]+(?:\.[a-z_]+)+\b", " ", t))}
        assert words - CODES == set()
