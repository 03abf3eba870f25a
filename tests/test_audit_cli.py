"""`python -m builder audit`: table or JSON on stdout, exit 0/1 by error findings, exit 2 with one line
for a missing, non-xlsx or corrupt file; `build` audits what it wrote."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from builder.audit import Finding
from builder.commands.cli import main

ROOT = Path(__file__).resolve().parents[1]


def audit(*args):
    return subprocess.run([sys.executable, "-m", "builder", "audit", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_default_workbook_rules_only_exit_0(xlsx):
    result = audit(xlsx, "--no-recalc")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings." in result.stdout and result.stdout.rstrip().endswith("Result: 0 errors, 0 warnings")
    assert result.stderr == ""


def test_json_is_a_list_on_stdout(xlsx):
    result = audit(xlsx, "--no-recalc", "--json")
    assert result.returncode == 0 and json.loads(result.stdout) == []


@pytest.fixture(scope="module")
def defective(xlsx, tmp_path_factory) -> Path:
    wb = openpyxl.load_workbook(xlsx)
    wb["P&L"]["H6"] = wb["P&L"]["H6"].value + "*1.05"
    wb["P&L"].row_dimensions[7].hidden = True
    path = tmp_path_factory.mktemp("cli") / "edited by an analyst.xlsx"
    wb.save(path)
    return path


def test_error_findings_exit_1_with_a_table_grouped_by_sheet(defective):
    result = audit(defective, "--no-recalc")
    assert result.returncode == 1
    out = result.stdout
    assert "P&L (2 errors, 1 warning)" in out
    assert "H6" in out and "literal-in-formula" in out and "hidden-row" in out and "7:7" in out
    assert "By rule:" in out and out.rstrip().endswith("Result: 2 errors, 1 warning")


def test_error_findings_as_json(defective):
    result = audit(defective, "--no-recalc", "--json")
    assert result.returncode == 1
    findings = [Finding(**f) for f in json.loads(result.stdout)]
    assert Finding("P&L", "7:7", "hidden-row", "warning", "row 7 is hidden", "7:7") in findings
    assert {(f.cell, f.rule) for f in findings} == {("H6", "literal-in-formula"), ("H6", "inconsistent-formula"),
                                                    ("7:7", "hidden-row")}


def _truncated(tmp_path, xlsx):
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(xlsx.read_bytes()[:4000])
    return path


def _damaged(tmp_path, xlsx):
    data = bytearray(xlsx.read_bytes())
    for i in range(4000, 4400):
        data[i] ^= 0xFF
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    return path


def _garbage_sheet(tmp_path, xlsx):
    path = tmp_path / "garbage.xlsx"
    with zipfile.ZipFile(xlsx) as src, zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            out.writestr(info, b"<not xml" if info.filename.startswith("xl/worksheets/") else src.read(info))
    return path


def _other_zip(tmp_path, xlsx):
    path = tmp_path / "document.xlsx"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("word/document.xml", "<w/>")
    return path


def _text(tmp_path, xlsx):
    path = tmp_path / "notes.xlsx"
    path.write_text("revenue,cost\n1,2\n", encoding="utf-8")
    return path


def _empty(tmp_path, xlsx):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize("make", [_truncated, _damaged, _garbage_sheet, _other_zip, _text, _empty,
                                  lambda tmp_path, xlsx: tmp_path / "missing.xlsx", lambda tmp_path, xlsx: tmp_path])
def test_unreadable_files_exit_2_with_one_line(tmp_path, xlsx, make):
    path = make(tmp_path, xlsx)
    for args in ([path], [path, "--json"], [path, "--no-recalc"]):
        result = audit(*args)
        assert result.returncode == 2, result.stdout + result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and str(path) in lines[0], result.stderr
        assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_workbook_with_another_extension_is_still_read(xlsx, tmp_path):
    path = tmp_path / "model.bin"
    path.write_bytes(xlsx.read_bytes())
    assert audit(path, "--no-recalc").returncode == 0


def test_build_prints_the_audit_summary_after_the_paths(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert Path(lines[0]).name == "kingsoft_cloud.xlsx" and all(Path(p).exists() for p in lines[:-1])
    assert lines[-1] == "audit: 0 errors, 0 warnings"  # after every path


def test_build_fails_when_its_own_audit_finds_an_error(tmp_path, capsys, monkeypatch):
    """The staged workbook is audited before anything is committed: an error finding writes nothing."""
    from builder.audit import core
    planted = [Finding("P&L", "F6", "plug", "error", "typed number 1.0 among the row's forecast formulas")]
    monkeypatch.setattr(core, "audit_workbook", lambda path, recalc: planted)
    assert main(["build", "--out", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "P&L!F6 plug" in captured.err
    assert list(tmp_path.iterdir()) == []
