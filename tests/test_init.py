"""`init` writes a starter that validates, builds and audits clean with no edits, and never overwrites."""
from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest
import yaml

from builder.audit import audit_workbook
from builder.commands.cli import main
from builder.commands.starter import starter_text
from conftest import needs_libreoffice


@needs_libreoffice
def test_init_validate_build_audit_with_no_edits(tmp_path, capsys):
    path = tmp_path / "acme_tools.yaml"
    assert main(["init", "acme_tools", "--name", 'Acme "Tools": #1', "--ticker", "ACME.US", "-o", str(path)]) == 0
    assert main(["validate", str(path)]) == 0
    assert "OK (Acme \"Tools\": #1, 6 years, 2 segments)" in capsys.readouterr().out
    out = tmp_path / "out"
    out.mkdir()
    assert main(["build", str(path), "--out", str(out)]) == 0
    findings = audit_workbook(out / "acme_tools.xlsx", recalc=True)  # LibreOffice agrees with every stored value
    assert [f for f in findings if f.severity in ("error", "warning")] == []
    values = openpyxl.load_workbook(out / "acme_tools.xlsx", data_only=True)
    names = values.defined_names
    sheet, cell = next(iter(names["CHK_master"].destinations))
    assert values[sheet][cell.replace("$", "")].value is True


def test_starter_years_follow_the_date_and_names_stay_text():
    text = starter_text("x_co", name="Name: with # and 'quotes'", today=dt.date(2031, 5, 6))
    data = yaml.safe_load(text)
    assert data["years"] == {"actual": [2028, 2029, 2030], "estimate": [2031, 2032, 2033]}
    assert data["company"]["name_en"] == "Name: with # and 'quotes'"
    assert data["company"]["ticker"] == "X_CO"
    assert data["valuation"]["basis_year"] == 2032
    assert text.startswith("# yaml-language-server: $schema=assumptions.schema.json\n")


def test_init_never_overwrites_and_refuses_a_bad_id(tmp_path, capsys):
    path = tmp_path / "mine.yaml"
    path.write_text("my work", encoding="utf-8")
    assert main(["init", "mine", "-o", str(path)]) == 2
    assert path.read_text(encoding="utf-8") == "my work"
    assert "already exists; not overwritten" in capsys.readouterr().err
    assert main(["init", "Bad Id", "-o", str(tmp_path / "b.yaml")]) == 2
    assert not (tmp_path / "b.yaml").exists()
    assert capsys.readouterr().err.count("\n") == 1


@needs_libreoffice
@pytest.mark.parametrize("languages, summaries", [("en", ["en"]), ("zh", ["zh"]), ("zh,en", ["zh", "en"])])
def test_init_for_each_language_choice_validates_builds_and_audits(tmp_path, capsys, languages, summaries):
    path = tmp_path / "apple.yaml"
    assert main(["init", "apple", "--name", "Apple Inc.", "--ticker", "AAPL", "--languages", languages,
                 "-o", str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["languages"] == languages.split(",")
    has_cjk = bool(re.search(r"[\u4e00-\u9fff]", text))
    assert has_cjk == ("zh" in summaries)
    assert ("name_en" in data["company"]) == ("en" in summaries)
    assert main(["validate", str(path)]) == 0
    out = tmp_path / "out"
    out.mkdir()
    assert main(["build", str(path), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.glob("*.md")) == sorted(f"apple.{lang}.md" for lang in summaries)
    findings = audit_workbook(out / "apple.xlsx", recalc=True)
    assert [f for f in findings if f.severity in ("error", "warning")] == []
    assert main(["audit", str(out / "apple.xlsx"), "--no-recalc"]) == 0
    capsys.readouterr()


def test_a_starter_keeps_its_comments_in_one_language():
    text = starter_text("x_co", languages=("en",))
    assert "# Languages of the outputs" in text and "# yaml-language-server" in text
    data = yaml.safe_load(text)
    assert data["valuation"]["rating_scale"][0] == {"en": "Sell", "min_upside": -1.0}
    assert all("name_zh" not in s for s in data["revenue"]["segments"])
