"""Benchmark: the audit's rule checks on a 40,000-formula workbook laid out like ours.

Generates the workbook itself (xlsxwriter) in a temporary folder: an Assumptions sheet of inputs
and five time-series sheets, each with a header row of years (2015A..2024A, 2025E..2034E) and
500 rows of formulas (a new formula shape on every third row), then times
`audit_workbook(path, recalc=False)` (median of 3) and prints formulas a second (target: 10,000).

    python benchmarks/audit_speed.py [--formulas 40000] [--profile]
"""
from __future__ import annotations

import argparse
import os
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from builder.audit import audit_workbook  # noqa: E402

YEARS = [f"{y}A" for y in range(2015, 2025)] + [f"{y}E" for y in range(2025, 2035)]
FIRST_YEAR_COL = 3  # D, as in our models: labels A/B, units C, years D.., note after the years
HEADER_ROW = 3  # row 4


def generate(path: Path, formulas: int = 40_000) -> int:
    """Write a workbook with `formulas` formula cells; returns the number written."""
    n_years = len(YEARS)
    sheets = 5
    rows = -(-formulas // (sheets * n_years))  # rows per sheet, rounded up
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    blue = wb.add_format({"font_color": "#0000FF", "bg_color": "#FFF2CC", "locked": False})
    note_col = FIRST_YEAR_COL + n_years

    def header(ws):
        for col, text in ((0, "项目"), (1, "Item"), (2, "Units")):
            ws.write_string(HEADER_ROW, col, text)
        for i, y in enumerate(YEARS):
            ws.write_string(HEADER_ROW, FIRST_YEAR_COL + i, y)
        ws.write_string(HEADER_ROW, note_col, "Source / note")

    inputs = wb.add_worksheet("Assumptions")
    header(inputs)
    for r in range(rows):
        row = HEADER_ROW + 1 + r
        inputs.write_string(row, 0, f"驱动 {r}")
        inputs.write_string(row, 1, f"Driver {r}")
        inputs.write_string(row, 2, "%")
        for i in range(n_years):
            inputs.write_number(row, FIRST_YEAR_COL + i, 0.01 + (r % 7) / 100, blue)
        inputs.write_string(row, note_col, "benchmark input")

    written = 0
    for s in range(sheets):
        ws = wb.add_worksheet(f"Sheet {s + 1}")
        header(ws)
        for r in range(rows):
            row = HEADER_ROW + 1 + r
            ws.write_string(row, 0, f"行 {r}")
            ws.write_string(row, 1, f"Line {r}")
            ws.write_string(row, 2, "RMB m")
            for i in range(n_years):
                if written >= formulas:
                    break
                col = FIRST_YEAR_COL + i
                here, inp = xl_rowcol_to_cell(row, col), f"Assumptions!{xl_rowcol_to_cell(row, col)}"
                prev = xl_rowcol_to_cell(row, col - 1)
                above = xl_rowcol_to_cell(row - 1, col)
                if i == 0:
                    text = f"={inp}*1000"
                elif r % 3 == 0 and r > 0:
                    text = f"=SUM({xl_col_to_name(col)}{row - 1}:{above})+{prev}*(1+{inp})"
                elif r % 3 == 1:
                    text = f"=IF({prev}>0,{prev}*(1+{inp}),{inp})"
                else:  # reads a driver on another row, fixed by $: one shape per row, as in real models
                    driver = f"Assumptions!{xl_col_to_name(col)}${HEADER_ROW + 2 + (r * 7) % rows}"
                    text = f"={prev}*(1+{driver})"
                ws.write_formula(row, col, text, None, 1.0)
                written += 1
            ws.write_string(row, note_col, f"{here} note")
    wb.close()
    return written


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--formulas", type=int, default=40_000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--profile", action="store_true", help="print a cProfile of one run")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="audit-bench-") as tmp:
        path = Path(tmp, "bench.xlsx")
        n = generate(path, args.formulas)
        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
            audit_workbook(path, recalc=False)
            prof.disable()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
        times, cpu = [], []
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            findings = audit_workbook(path, recalc=False)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    errors = sum(f.severity == "error" for f in findings)
    median = statistics.median(times)
    print(f"audit rules: {n:,} formulas in {median:.2f} s ({n / median:,.0f} formulas/s; "
          f"median of {args.repeat}; {len(findings)} findings, {errors} errors)")
    # The machine may be shared: CPU time is the work done, whatever else runs.
    print(f"  CPU time {statistics.median(cpu):.2f} s ({n / statistics.median(cpu):,.0f} formulas per CPU second); "
          f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
