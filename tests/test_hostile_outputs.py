"""The output set survives kills and interrupts at any point, and write failures change nothing.

A subprocess commits a set of files through `outputs.staged` and sends itself a real signal (SIGINT or
SIGKILL) at the k-th file-system call of the commit; the folder must then hold the complete old set, the
complete new set, or a journal that the next command completes.
"""
from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from builder.commands import outputs

ROOT = Path(__file__).resolve().parents[1]
NAMES = [f"m{i}.txt" for i in range(5)]

HARNESS = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from builder.commands import outputs
    folder, content, k, sig = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), getattr(signal, sys.argv[4])
    calls = [0]
    def hook(real):
        def wrapped(*a, **kw):
            calls[0] += 1
            if calls[0] == k:
                os.kill(os.getpid(), sig)
            return real(*a, **kw)
        return wrapped
    for attr in sys.argv[5].split(",") if len(sys.argv) > 5 else ("replace", "fsync", "link", "chmod", "open"):
        setattr(os, attr, hook(getattr(os, attr)))
    names = [f"m{i}.txt" for i in range(5)]
    try:
        with outputs.staged(folder, names) as temps:
            for n in names:
                temps[n].write_text(content + ":" + n)
    except KeyboardInterrupt as e:
        print("committed" if getattr(e, "committed", False) else "interrupted")
        sys.exit(130)
    print("calls", calls[0])
""")


def _env():
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _run(script: Path, folder: Path, content: str, k: int, sig: str, *only: str):
    return subprocess.run([sys.executable, str(script), str(folder), content, str(k), sig, *only[:1]],
                          capture_output=True, text=True, timeout=30, env=_env())


def _contents(folder: Path) -> set[str]:
    return {(folder / n).read_text().split(":")[0] for n in NAMES}


def test_a_signal_at_any_point_leaves_the_old_or_the_new_set(tmp_path):
    script = tmp_path / "harness.py"
    script.write_text(HARNESS)
    folder = tmp_path / "out"
    folder.mkdir()
    first = _run(script, folder, "v0", 0, "SIGINT")
    assert first.returncode == 0, first.stderr
    total = int(first.stdout.split()[1])  # file-system calls of one whole commit
    assert total >= 15
    version = "v0"
    for sig in ("SIGINT", "SIGKILL"):
        for k in range(1, total + 1):
            new = f"{sig}{k}"
            r = _run(script, folder, new, k, sig)
            assert r.returncode == (130 if sig == "SIGINT" else -signal.SIGKILL), (sig, k, r.stderr)
            if sig == "SIGINT":  # handled in the process: nothing left over, the message tells which set
                assert not [p for p in os.listdir(folder) if p.startswith(".")], (k, os.listdir(folder))
                expected = new if r.stdout.strip() == "committed" else version
                assert _contents(folder) == {expected}, (sig, k, r.stdout)
            outputs.recover(folder)  # what the next command does first
            assert os.listdir(folder) and not [p for p in os.listdir(folder) if p.startswith(".")], (sig, k)
            state = _contents(folder)
            assert state in ({version}, {new}), (sig, k, state)
            version = state.pop()
    assert version != "v0"  # some kills came after the commit point and were completed


def test_the_next_build_completes_a_killed_commit_and_removes_stale_temps(tmp_path):
    script = tmp_path / "harness.py"
    script.write_text(HARNESS)
    folder = tmp_path / "out"
    folder.mkdir()
    _run(script, folder, "old", 0, "SIGINT")
    r = _run(script, folder, "new", 3, "SIGKILL", "replace")  # replaces: the journal, m0, then m1: killed
    assert r.returncode == -signal.SIGKILL
    assert any(p.startswith(".builder-journal.") for p in os.listdir(folder))
    assert len(_contents(folder)) == 2  # mixed on disk until someone looks
    (folder / ".m0.txt.k3Jq_x9a.tmp").write_text("left by an earlier version")  # legacy temp name
    (folder / ".notes.txt.tmp").write_text("not ours")
    with outputs.staged(folder, ["other.txt", "m0.txt"]) as temps:  # any later build in the folder
        temps["other.txt"].write_text("x")
        temps["m0.txt"].write_text("new:m0.txt")
    assert _contents(folder) == {"new"}
    assert sorted(p for p in os.listdir(folder) if p.startswith(".")) == [".notes.txt.tmp"]


def test_interrupted_cli_build_says_which_set_it_left(tmp_path):
    """A real build, SIGINT in the middle of the renames: the CLI reports the truth, exit 130."""
    out = tmp_path / "out"
    out.mkdir()
    script = tmp_path / "int.py"
    script.write_text(textwrap.dedent("""
        import os, signal, sys
        from builder.commands.cli import main
        real = os.replace
        def replace(a, b):
            if str(b).endswith(".zh.md"):  # the second of the three renames
                os.kill(os.getpid(), signal.SIGINT)
            return real(a, b)
        os.replace = replace
        sys.exit(main(["build", "--out", sys.argv[1], "--no-charts"]))
    """))
    r = subprocess.run([sys.executable, str(script), str(out)], capture_output=True, text=True, timeout=60,
                       env=_env())
    assert r.returncode == 130
    assert r.stderr.strip() == "interrupted; every file was written"
    assert sorted(os.listdir(out)) == ["kingsoft_cloud.en.md", "kingsoft_cloud.xlsx", "kingsoft_cloud.zh.md"]


def test_an_output_name_that_is_a_folder_changes_nothing(tmp_path, capsys):
    from builder.commands.cli import main
    out = tmp_path / "out"
    out.mkdir()
    (out / "kingsoft_cloud.en.md").mkdir()
    (out / "kingsoft_cloud.xlsx").write_bytes(b"old workbook")
    assert main(["build", "--out", str(out), "--no-charts"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "kingsoft_cloud.en.md" in err[0] and "not a regular file" in err[0]
    assert (out / "kingsoft_cloud.xlsx").read_bytes() == b"old workbook"
    assert sorted(os.listdir(out)) == ["kingsoft_cloud.en.md", "kingsoft_cloud.xlsx"]


def _limit_file_size():
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))  # the workbook is ~75 kB


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="no RLIMIT_FSIZE here")
def test_a_write_failure_is_one_line_and_changes_nothing(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "kingsoft_cloud.xlsx").write_bytes(b"old workbook")
    r = subprocess.run([sys.executable, "-m", "builder", "build", "--out", str(out), "--no-charts"],
                       capture_output=True, text=True, timeout=60, env=_env(), preexec_fn=_limit_file_size)
    assert r.returncode in (1, 2)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in r.stderr, r.stderr
    assert "too large" in lines[0].lower()
    assert sorted(os.listdir(out)) == ["kingsoft_cloud.xlsx"]
    assert (out / "kingsoft_cloud.xlsx").read_bytes() == b"old workbook"


def test_outputs_keep_usual_permissions_and_the_staged_call_shape(tmp_path):
    old = os.umask(0o022)
    try:
        with outputs.staged(tmp_path, ["a.txt", "b.txt"]) as temps:
            assert set(temps) == {"a.txt", "b.txt"}
            for p in temps.values():
                p.write_text("x")
    finally:
        os.umask(old)
    assert all((tmp_path / n).stat().st_mode & 0o777 == 0o644 for n in ("a.txt", "b.txt"))
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt"]


def test_a_build_killed_among_its_renames_is_completed_by_the_next_command(tmp_path):
    """The issue's case: a real build killed after 4 of its renames; the next command (an audit of the
    workbook) first completes the set, which is then byte for byte what an uninterrupted build writes."""
    import yaml
    from builder.validation.loader import default_example

    data = yaml.safe_load(default_example().read_text(encoding="utf-8"))
    data["valuation"]["target_multiple"]["value"] = 5.5  # changes the workbook, summaries and peer charts
    data["revenue"]["segments"][0]["growth"]["values"][0] += 0.01  # and the revenue and margin charts
    new = tmp_path / "new.yaml"
    new.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    reference, out = tmp_path / "reference", tmp_path / "out"
    reference.mkdir()
    out.mkdir()
    for folder, args in ((reference, [str(new)]), (out, [])):
        r = subprocess.run([sys.executable, "-m", "builder", "build", *args, "--out", str(folder)],
                           capture_output=True, text=True, timeout=120, env=_env())
        assert r.returncode == 0, r.stderr
    old_bytes = {p.name: p.read_bytes() for p in out.iterdir()}
    script = tmp_path / "kill.py"
    script.write_text(textwrap.dedent("""
        import os, signal, sys
        from builder.commands.cli import main
        real, renames = os.replace, []
        def replace(a, b):
            if not str(b).endswith(".json"):  # the journal's own rename comes first
                renames.append(b)
                if len(renames) == 5:
                    os.kill(os.getpid(), signal.SIGKILL)
            return real(a, b)
        os.replace = replace
        sys.exit(main(["build", sys.argv[1], "--out", sys.argv[2]]))
    """))
    r = subprocess.run([sys.executable, str(script), str(new), str(out)], capture_output=True, text=True,
                       timeout=120, env=_env())
    assert r.returncode == -signal.SIGKILL
    mixed = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    assert any(mixed[n] != old_bytes[n] for n in mixed) and any(mixed[n] == old_bytes[n] != (reference / n).read_bytes()
                                                               for n in mixed)  # 4 new, the rest old
    r = subprocess.run([sys.executable, "-m", "builder", "audit", str(out / "kingsoft_cloud.xlsx"), "--no-recalc"],
                       capture_output=True, text=True, timeout=120, env=_env())
    assert r.returncode == 0, r.stderr
    assert sorted(os.listdir(out)) == sorted(os.listdir(reference))
    for p in reference.iterdir():
        assert (out / p.name).read_bytes() == p.read_bytes(), p.name


def test_a_forged_journal_moves_nothing(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    folder = tmp_path / "out"
    folder.mkdir()
    journal = folder / ".builder-journal.999999-0000abcd.json"  # a process id that does not run
    journal.write_text('{"version": 1, "entries": [{"final": "x", "temp": "../victim.txt", "backup": null}]}')
    with pytest.raises(outputs.OutputError, match="not a journal this tool wrote"):
        outputs.recover(folder)
    assert victim.read_text() == "keep me" and not (folder / "x").exists()


def test_a_fifo_at_an_output_name_is_refused_without_blocking(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "kingsoft_cloud.en.peers.png")  # reading it for chart reuse would wait for ever
    r = subprocess.run([sys.executable, "-m", "builder", "build", "--out", str(out)], capture_output=True,
                       text=True, timeout=60, env=_env())
    assert r.returncode == 2
    assert r.stderr.splitlines() == [f"error: {out / 'kingsoft_cloud.en.peers.png'}: exists and is not a regular "
                                     f"file; not replaced"]
    assert os.listdir(out) == ["kingsoft_cloud.en.peers.png"]
