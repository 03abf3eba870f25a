"""The command line: builds, validates, and refuses bad input with one line and exit code 2."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from builder.validation.loader import default_example

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "builder", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def default_data() -> dict:
    return yaml.safe_load(default_example().read_text(encoding="utf-8"))


def test_build_default_into_output_folder_of_the_working_directory(tmp_path):
    result = run("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "output").iterdir())
    charts = [f"kingsoft_cloud.{lang}.{kind}.png" for lang in ("zh", "en") for kind in ("revenue", "margins", "peers",
                                                                                          "football")]
    files = ["kingsoft_cloud.xlsx", "kingsoft_cloud.zh.md", "kingsoft_cloud.en.md", *charts]
    assert names == sorted(files)
    lines = result.stdout.splitlines()
    assert lines[:len(files)] == [f"output/{n}" for n in files]
    assert lines[len(files):] == ["audit: 0 errors, 0 warnings"]  # the build audits its own workbook
    assert not [p for p in (tmp_path / "output").iterdir() if p.name.startswith(".")]  # no temp files left


def test_validate_accepts_the_default_example():
    result = run("validate", str(default_example()))
    assert result.returncode == 0 and "OK" in result.stdout


def write(tmp_path, data, name="bad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def mutate(path_to_field, value):
    data = default_data()
    node = data
    for part in path_to_field[:-1]:
        node = node[part]
    if value is KeyError:
        del node[path_to_field[-1]]
    else:
        node[path_to_field[-1]] = value
    return data


BAD = {
    "missing_field": (mutate(["market", "price"], KeyError), "market.price"),
    "unknown_field": (mutate(["market", "prise"], 1), "market.prise"),
    "wrong_type": (mutate(["market", "fx", "value"], "one"), "market.fx.value"),
    "negative_price": (mutate(["market", "price", "value"], -9.33), "market.price"),
    "zero_fx": (mutate(["market", "fx", "value"], 0), "market.fx"),
    "series_too_short": (mutate(["revenue", "segments", 0, "growth", "values"], [0.1, 0.2]),
                         "revenue.segments[0].growth"),
    "basis_year_outside": (mutate(["valuation", "basis_year"], 2030), "valuation.basis_year"),
    "years_not_consecutive": (mutate(["years", "estimate"], [2024, 2026, 2027]), "years"),
    "nan_value": (mutate(["valuation", "target_multiple", "value"], float("nan")), "valuation.target_multiple"),
    "non_positive_multiple": (mutate(["valuation", "target_multiple", "value"], 0), "valuation.target_multiple"),
    "missing_source": (mutate(["market", "fx", "source"], KeyError), "market.fx.source"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_assumptions_one_line_exit_2_nothing_written(tmp_path, case):
    data, field = BAD[case]
    path = write(tmp_path, data)
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "kingsoft_cloud.xlsx"
    earlier.write_bytes(b"yesterday's model")
    for command in (["validate", str(path)], ["build", str(path), "--out", str(out)]):
        result = run(*command)
        assert result.returncode == 2, (case, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert field in lines[0], (field, lines[0])
    assert sorted(p.name for p in out.iterdir()) == ["kingsoft_cloud.xlsx"]
    assert earlier.read_bytes() == b"yesterday's model"


@pytest.mark.parametrize("content,expect", [
    (b"", "empty"),
    (b"market: [1, 2\n", "YAML syntax error"),
    (b"- just\n- a list\n", "mapping"),
    (b"\x00\x01\x02binary", "binary"),
])
def test_unreadable_files(tmp_path, content, expect):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    result = run("validate", str(path))
    assert result.returncode == 2
    assert expect in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_yaml_error_names_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("company:\n  id: x\nmarket: [1, 2\n", encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 2 and f"{path}:" in result.stderr


def test_missing_file_and_missing_output_folder(tmp_path):
    result = run("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2 and "not found" in result.stderr
    result = run("build", "--out", str(tmp_path / "no" / "such"))
    assert result.returncode == 2 and "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_same_input_gives_the_same_bytes(tmp_path):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        assert run("build", "--out", str(tmp_path / d)).returncode == 0
    for name in ("kingsoft_cloud.xlsx", "kingsoft_cloud.zh.md", "kingsoft_cloud.en.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
