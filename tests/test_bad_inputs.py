"""Every file of the bad-input corpus: exit 2, lines naming the field, nothing written or overwritten."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.commands.cli import main
from builder.validation.loader import MAX_BYTES, default_example

CORPUS = sorted((Path(__file__).parent / "bad_inputs").glob("*.yaml"))
HEADER = re.compile(r"# kind: (?P<kind>\S+)\n# expect: (?P<expect>.+)\n")
NO_HEADER_EXPECT = {"empty_file": "empty", "binary_file": "binary", "latin1_text": "UTF-8"}


def expectation(path: Path) -> str:
    m = HEADER.match(path.read_bytes().decode("utf-8", "replace"))
    return m["expect"] if m else NO_HEADER_EXPECT[path.stem]


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 40


@pytest.fixture
def out_with_earlier_model(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name in ("kingsoft_cloud.xlsx", "kingsoft_cloud.zh.md", "kingsoft_cloud.en.md"):
        (out / name).write_text(f"earlier {name}", encoding="utf-8")
    return out


def assert_refused(capsys, argv, path: Path, expect: str):
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2, (path.name, captured.err)
    lines = captured.err.strip().splitlines()
    assert lines and all(line.startswith("error: ") for line in lines), captured.err
    assert "Traceback" not in captured.err
    assert expect in captured.err, (path.name, expect, captured.err)
    assert str(path) in lines[0]
    assert captured.out == ""


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_bad_file_is_refused(capsys, out_with_earlier_model, path):
    expect = expectation(path)
    assert_refused(capsys, ["validate", str(path)], path, expect)
    assert_refused(capsys, ["build", str(path), "--out", str(out_with_earlier_model)], path, expect)
    files = sorted(p.name for p in out_with_earlier_model.iterdir())
    assert files == ["kingsoft_cloud.en.md", "kingsoft_cloud.xlsx", "kingsoft_cloud.zh.md"]  # no temp files
    for p in out_with_earlier_model.iterdir():
        assert p.read_text(encoding="utf-8") == f"earlier {p.name}"


@pytest.mark.parametrize("path", [p for p in CORPUS if HEADER.match(p.read_bytes().decode("utf-8", "replace"))
                                  and "." in expectation(p)], ids=lambda p: p.stem)
def test_field_errors_give_the_line(capsys, path):
    main(["validate", str(path)])
    err = capsys.readouterr().err
    assert re.search(rf"^error: {re.escape(str(path))}:\d+: ", err, re.M), err


def test_file_too_large(capsys, tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("# padding\n" * (MAX_BYTES // 10 + 1), encoding="utf-8")
    assert_refused(capsys, ["validate", str(path)], path, "limit")


def test_all_problems_are_reported_at_once(capsys, tmp_path):
    text = default_example().read_text(encoding="utf-8")
    text = text.replace("price: {value: 9.33,", "price: {value: -9.33,").replace("fx: {value: 1.0863,", "fx: {value: 0,")
    text = text.replace("  basis_year: 2025", "  basis_year: 2031")
    path = tmp_path / "three.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    for field in ("market.price.value", "market.fx.value", "valuation.basis_year"):
        assert field in err
    assert len(err.strip().splitlines()) == 3


def test_segments_not_adding_up_to_reported_revenue_is_a_warning(capsys, tmp_path):
    text = default_example().read_text(encoding="utf-8")
    text = text.replace("revenue:\n  prior_growth:",
                        'revenue:\n  reported_actuals: {values: [8180, 7050], source: "test"}\n  prior_growth:')
    path = tmp_path / "gap.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "revenue.reported_actuals.values[1]" in err and "gap -3.00" in err and "warning" in err
