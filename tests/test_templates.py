"""Analysts may bring their own Markdown templates; they run sandboxed and fail with one line."""
from __future__ import annotations

from pathlib import Path

import pytest

from builder.commands.cli import main


def make(tmp_path, en: str, zh: str = "{{ company.name_zh }}\n") -> Path:
    d = tmp_path / "tpl"
    d.mkdir()
    (d / "summary.en.md.j2").write_text(en, encoding="utf-8")
    (d / "summary.zh.md.j2").write_text(zh, encoding="utf-8")
    return d


def run_build(capsys, tmp_path, template_dir):
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    code = main(["build", "--out", str(out), "--template", str(template_dir)])
    return code, capsys.readouterr(), out


def test_own_template_renders_model_values(capsys, tmp_path):
    d = make(tmp_path, "TP {{ target_price | num }} {{ rating_en }} rev {{ financials.revenue[3] | money }}\n")
    code, cap, out = run_build(capsys, tmp_path, d)
    assert code == 0, cap.err
    assert (out / "kingsoft_cloud.en.md").read_text(encoding="utf-8") == "TP 12.98 Buy rev 9,092\n"


@pytest.mark.parametrize("template,expect", [
    ("{{ no_such_value }}\n", "undefined"),
    ("{{ a.__class__.__mro__ }}\n", "not allowed"),
    ("{{ ''.__class__.__subclasses__() }}\n", "not allowed"),
    ("{% for x in %}\n", "syntax error"),
])
def test_bad_template_one_line_nothing_written(capsys, tmp_path, template, expect):
    d = make(tmp_path, "fine\n" + template)
    code, cap, out = run_build(capsys, tmp_path, d)
    assert code == 2
    lines = cap.err.strip().splitlines()
    assert len(lines) == 1 and expect in lines[0] and "summary.en.md.j2:2" in lines[0], cap.err
    assert "Traceback" not in cap.err
    assert list(out.iterdir()) == []


def test_missing_template_file(capsys, tmp_path):
    d = tmp_path / "tpl"
    d.mkdir()
    (d / "summary.en.md.j2").write_text("x", encoding="utf-8")
    code, cap, _ = run_build(capsys, tmp_path, d)
    assert code == 2 and "summary.zh.md.j2" in cap.err
