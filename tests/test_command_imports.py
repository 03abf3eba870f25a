"""`roll` and `validate` from the command line import only what they need (issue 18: a roll and
rebuild within twice a rebuild): never the renderers, the report view, the audit, openpyxl, jinja2 or
matplotlib, which a build loads."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "builder" / "examples" / "kingsoft_cloud.yaml"
ACTUALS = EXAMPLE.with_name("kingsoft_cloud_actuals_2024.csv")
HEAVY = ("openpyxl", "jinja2", "matplotlib", "builder.render", "builder.report", "builder.audit")

SCRIPT = """
import json, sys
from builder.commands.cli import main
code = main(json.loads(sys.argv[1]))
print(json.dumps([code, sorted(m for m in sys.modules)]))
"""


def _imported(args: list[str]) -> tuple[int, list[str]]:
    done = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(args)], capture_output=True, text=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=True)
    code, modules = json.loads(done.stdout.strip().splitlines()[-1])
    return code, modules


@pytest.mark.parametrize("command", ["roll", "validate"])
def test_roll_and_validate_leave_the_build_modules_unloaded(command, tmp_path):
    source = tmp_path / EXAMPLE.name
    source.write_bytes(EXAMPLE.read_bytes())
    args = ([command, str(source), "--actuals", str(ACTUALS), "-o", str(tmp_path / "rolled.yaml")]
            if command == "roll" else [command, str(source)])
    code, modules = _imported(args)
    assert code == 0
    loaded = [m for m in modules if m.startswith(HEAVY)]
    assert not loaded, loaded


def test_build_still_loads_them(tmp_path):
    """The check above can fail: a build of the same file loads every one of them but matplotlib
    (charts are reused only when present; --no-charts draws none)."""
    code, modules = _imported(["build", str(EXAMPLE), "--out", str(tmp_path), "--no-charts"])
    assert code == 0
    assert all(any(m == name or m.startswith(name + ".") for m in modules) for name in HEAVY if name != "matplotlib")
