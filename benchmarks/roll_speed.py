"""Speed of `roll`: rolling the Kingsoft example to its FY2024 actuals and rebuilding, against a rebuild.

    python benchmarks/roll_speed.py [--repeat N]

Both sides run in one process, alternating, into folders holding their earlier outputs (charts reused),
and each is taken at its median: a rebuild is `load` + `build` of the rolled file; a roll + rebuild
reads the CSV, rolls the original (validating the rolled model as `load` does), writes the file and
builds the rolled assumptions. The command line end to end (`python -m builder roll` then `build`, against `build`) is timed too.
Target: a roll and rebuild take no more than twice a rebuild.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT)]

from builder.commands.actuals_csv import read_actuals  # noqa: E402
from builder.commands.build import build  # noqa: E402
from builder.validation.loader import default_example, load  # noqa: E402
from builder.commands.roll import roll, write_rolled  # noqa: E402

ACTUALS = default_example().with_name("kingsoft_cloud_actuals_2024.csv")
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _clock(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def roll_figures(tmp: Path, repeat: int = 5) -> dict:
    source = tmp / "kingsoft_cloud.yaml"
    shutil.copy(default_example(), source)
    rolled = tmp / "kingsoft_cloud_rolled_2024A.yaml"
    out_a, out_b = tmp / "rebuild", tmp / "rolled"
    out_a.mkdir()
    out_b.mkdir()

    def roll_and_rebuild():  # the rolled assumptions come validated: building them needs no second load
        result = roll(source, read_actuals(ACTUALS), str(ACTUALS))
        write_rolled(result.text, rolled)
        build(result.assumptions, out_b)

    def roll_only():
        write_rolled(roll(source, read_actuals(ACTUALS), str(ACTUALS)).text, rolled)

    roll_and_rebuild()  # warm: the rolled file exists, both folders hold their outputs
    build(load(rolled), out_a)
    rebuild_times, roll_times, roll_only_times = [], [], []
    for _ in range(repeat):
        rebuild_times.append(_clock(lambda: build(load(rolled), out_a)))
        roll_times.append(_clock(roll_and_rebuild))
        roll_only_times.append(_clock(roll_only))
    rebuild, rolled_build = statistics.median(rebuild_times), statistics.median(roll_times)
    cli_build, cli_roll = [], []
    for _ in range(max(2, repeat // 2)):
        cli_build.append(_clock(lambda: _run("build", str(rolled), "--out", str(out_a))))
        cli_roll.append(_clock(lambda: (_run("roll", str(source), "--actuals", str(ACTUALS), "-o", str(rolled)),
                                        _run("build", str(rolled), "--out", str(out_b)))))
    return {"rebuild": rebuild, "roll_rebuild": rolled_build, "roll": statistics.median(roll_only_times), "ratio": rolled_build / rebuild,
            "cli_rebuild": statistics.median(cli_build), "cli_roll_rebuild": statistics.median(cli_roll),
            "cli_ratio": statistics.median(cli_roll) / statistics.median(cli_build)}


def _run(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "builder", *args], check=True, env=ENV, stdout=subprocess.DEVNULL)


def report(r: dict, repeat: int) -> str:
    return "\n".join([
        f"Roll (Kingsoft Cloud to its FY2024 actuals), median of {repeat}, charts reused:",
        f"  rebuild (load + build)                  {r['rebuild']:6.3f} s",
        f"  roll + rebuild                          {r['roll_rebuild']:6.3f} s   = {r['ratio']:.2f} x a rebuild "
        f"(target 2)",
        f"    of which the roll (read, roll, validate, write)  {r['roll']:6.3f} s",
        f"  command line: build                     {r['cli_rebuild']:6.3f} s",
        f"  command line: roll, then build          {r['cli_roll_rebuild']:6.3f} s   = {r['cli_ratio']:.2f} x"])


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="builder-roll-bench-") as tmp:
        print(report(roll_figures(Path(tmp), args.repeat), args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
