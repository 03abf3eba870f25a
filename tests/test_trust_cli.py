"""Options checked before any work, --protect without a value, and batches that keep their promises:
a company id belongs to the first file that builds, and Ctrl-C (a real SIGINT) leaves every model
either built and valid or untouched."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
import yaml

from builder.commands.cli import main
from conftest import named_values
from other_company import acme
from whole_files import _segments, rebalance

ROOT = Path(__file__).resolve().parents[1]


def write(d: dict, path: Path) -> Path:
    path.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# -- options --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("option, value, expected", [
    ("--out", "missing_folder", "missing_folder: output folder does not exist"),
    ("--template", "missing_templates", "missing_templates: template folder does not exist"),
    ("--previous", "missing_old.yaml", "missing_old.yaml: --previous file not found"),
    ("--price-file", "missing.csv", "missing.csv: price file not found"),
])
def test_a_bad_option_is_refused_before_the_assumptions_are_read(tmp_path, monkeypatch, capsys, option, value,
                                                                   expected):
    monkeypatch.chdir(tmp_path)
    # The assumptions file does not exist either: the option's problem is the one reported, so no work began.
    assert main(["build", "no_such_model.yaml", option, value]) == 2
    err = capsys.readouterr().err
    assert err == f"error: {expected}\n"
    assert not (tmp_path / "output").exists()  # the default folder is not created for a refused build


def test_protect_takes_no_value_and_builds_the_named_file(tmp_path, capsys):
    src = write(acme(), tmp_path / "acme.yaml")
    assert main(["build", "--protect", str(src), "--out", str(tmp_path), "--no-charts"]) == 0
    wb = openpyxl.load_workbook(tmp_path / "acme_robotics.xlsx")
    assert wb["P&L"].protection.sheet and not wb["P&L"].protection.password
    assert not (tmp_path / "kingsoft_cloud.xlsx").exists()


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_password_comes_with_password_or_the_environment(tmp_path, monkeypatch, how):
    src = write(acme(), tmp_path / "acme.yaml")
    extra = ["--password", "s3cret"] if how == "option" else []
    if how == "environment":
        monkeypatch.setenv("BUILDER_PASSWORD", "s3cret")
    assert main(["build", "--protect", *extra, str(src), "--out", str(tmp_path), "--no-charts"]) == 0
    ws = openpyxl.load_workbook(tmp_path / "acme_robotics.xlsx")["P&L"]
    # Excel's legacy sheet-protection hash of "s3cret", computed by openpyxl (not by our writer).
    from openpyxl.utils.protection import hash_password
    assert ws.protection.password == hash_password("s3cret")


def test_password_without_protect_is_refused(tmp_path, capsys):
    src = write(acme(), tmp_path / "acme.yaml")
    assert main(["build", str(src), "--password", "x", "--out", str(tmp_path)]) == 2
    assert "--password: give --protect too" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [src]


# -- batch: company ids ---------------------------------------------------------------------------------
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_broken_file_never_blocks_a_good_one_with_the_same_id(tmp_path, capsys, jobs):
    models, out = tmp_path / "models", tmp_path / "out"
    models.mkdir(), out.mkdir()
    broken = acme()
    broken["market"]["price"]["value"] = -1
    write(broken, models / "a_broken.yaml")  # sorted first, same company id
    write(acme(), models / "b_good.yaml")
    write(acme(), models / "c_copy.yaml")
    assert main(["build", str(models), "--out", str(out), "--jobs", jobs, "--no-charts"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"FAILED {models / 'a_broken.yaml'}: line ")
    assert "market.price.value: price must be positive" in lines[0]
    assert lines[1].startswith(f"built  {models / 'b_good.yaml'}")
    assert lines[2] == (f"FAILED {models / 'c_copy.yaml'}: company id 'acme_robotics' is also built from "
                        f"{models / 'b_good.yaml'}; not built, so its outputs are not overwritten")
    assert named_values(openpyxl.load_workbook(out / "acme_robotics.xlsx", data_only=True))["CHK_master"] is True


# -- batch: Ctrl-C ----------------------------------------------------------------------------------------
def _models(folder: Path, count: int) -> list[str]:
    ids = []
    for i in range(count):
        d = acme()
        d["company"]["id"] = f"m{i}"
        _segments(d, 60)  # a second or so a build on this machine, so Ctrl-C lands mid-batch
        rebalance(d)
        write(d, folder / f"m{i}.yaml")
        ids.append(f"m{i}")
    return ids


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_during_a_batch(tmp_path, jobs):
    models, out = tmp_path / "models", tmp_path / "out"
    models.mkdir(), out.mkdir()
    ids = _models(models, 6)
    earlier = out / "m5.en.md"  # an earlier output of the last model, which Ctrl-C must leave as it was
    earlier.write_text("earlier summary\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "builder", "build", str(models), "--out", str(out), "--jobs", jobs,
                             "--no-charts"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while not any(out.glob("m*.xlsx")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "corrupt" not in stdout
    rows = {line.split()[1].rstrip(":"): line for line in stdout.splitlines() if line.startswith(("built", "FAILED"))}
    assert len(rows) == len(ids)
    built = [i for i in ids if rows[str(models / f"{i}.yaml")].startswith("built")]
    not_built = [i for i in ids if i not in built]
    assert built and not_built  # something finished, and nothing new started after Ctrl-C
    assert all("not built: interrupted" in rows[str(models / f"{i}.yaml")] for i in not_built)
    for i in built:  # each reported as built is complete and valid
        assert {p.name for p in out.glob(f"{i}.*")} == {f"{i}.xlsx", f"{i}.zh.md", f"{i}.en.md"}
        assert named_values(openpyxl.load_workbook(out / f"{i}.xlsx", data_only=True))["CHK_master"] is True
    for i in not_built:  # each interrupted model left no new file
        left = {p.name for p in out.glob(f"{i}.*")}
        assert left == ({earlier.name} if i == "m5" else set()), left
    assert earlier.read_text(encoding="utf-8") == "earlier summary\n"
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left
    assert stdout.splitlines()[-1].endswith("(interrupted)")
