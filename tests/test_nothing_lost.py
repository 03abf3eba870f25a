"""A build writes all its files or none: failures and Ctrl-C leave earlier outputs as they were."""
from __future__ import annotations

import pytest

import builder.commands.build as build_module
from builder.commands.cli import main

NAMES = ("kingsoft_cloud.xlsx", "kingsoft_cloud.zh.md", "kingsoft_cloud.en.md")


@pytest.fixture
def earlier(tmp_path):
    for name in NAMES:
        (tmp_path / name).write_text(f"earlier {name}", encoding="utf-8")
    return tmp_path


def assert_untouched(folder):
    assert sorted(p.name for p in folder.iterdir()) == sorted(NAMES)
    for name in NAMES:
        assert (folder / name).read_text(encoding="utf-8") == f"earlier {name}"


def test_interrupt_while_writing_leaves_earlier_outputs(monkeypatch, capsys, earlier):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(build_module, "write_workbook", interrupted)
    assert main(["build", "--out", str(earlier)]) == 130
    assert "interrupted" in capsys.readouterr().err
    assert_untouched(earlier)


def test_failure_after_the_workbook_leaves_earlier_outputs(monkeypatch, capsys, earlier):
    real = build_module.write_workbook

    def then_fail(model, a, path, *options):
        real(model, a, path, *options)
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(build_module, "write_workbook", then_fail)
    assert main(["build", "--out", str(earlier)]) == 2
    err = capsys.readouterr().err
    assert "No space left" in err and len(err.strip().splitlines()) == 1
    assert_untouched(earlier)


def test_unwritable_folder(monkeypatch, capsys, earlier):
    # Root can write anywhere, so the permission answer is simulated.
    monkeypatch.setattr("builder.commands.outputs.os.access", lambda path, mode: False)
    assert main(["build", "--out", str(earlier)]) == 2
    assert "not writable" in capsys.readouterr().err
    assert_untouched(earlier)


def test_output_path_that_is_a_file(capsys, tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    assert main(["build", "--out", str(f)]) == 2
    assert "not a folder" in capsys.readouterr().err
