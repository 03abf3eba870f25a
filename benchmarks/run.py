"""Speed of the builder on this machine, as figures and as ratios measured in the same run.

    python benchmarks/run.py [--quick] [--profile] [--skip-batch] [--skip-libreoffice]

Prints:
- the default model (Kingsoft Cloud): in-process build() (median of 5) and the command line end to end
  (`python -m builder build`, imports and the post-build audit included), each as a rebuild into a folder
  holding the earlier outputs (unchanged charts are reused), into an empty folder (every chart drawn) and
  without charts;
- a synthetic model of 200 segments x 20 periods (about 50,000 formula cells): builder time against the
  floor, plain xlsxwriter writing the same number of formula cells (`=D5*(1+Assumptions!E9)`-like) with
  stored values, each side timed in alternating rounds and taken at its fastest round; the same at 4x the
  size (about 200,000) to show the time grows linearly;
- peak memory (max RSS of a fresh process) building the 50k model, and of the floor;
- a batch of 100 generated assumption files, `python -m builder build DIR --jobs 2`, into an empty folder,
  without charts, and again as a price refresh of the built folder (`--price-file`);
- LibreOffice verification (full recalculation of a copy) per model;
- `roll` of the default model to its FY2024 actuals and a rebuild, against a rebuild (benchmarks/roll_speed.py).

Everything is generated in a temporary folder; nothing in the repository is written.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import xlsxwriter  # noqa: E402
import yaml  # noqa: E402
from xlsxwriter.utility import xl_rowcol_to_cell  # noqa: E402

import roll_speed  # noqa: E402
import synthetic  # noqa: E402
from builder.commands.build import build  # noqa: E402
from builder.validation.loader import default_example, load, parse  # noqa: E402
from builder.model import build_model  # noqa: E402
from builder.render.workbook import write_workbook  # noqa: E402
from builder.report import make_report  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def timed(fn, repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times


# -- the floor: plain xlsxwriter, the same number of formula cells with stored values -------------------
def floor(path: Path, formulas: int, columns: int = 20, sheets: int = 8) -> int:
    """Write `formulas` cells like `=D5*(1+Assumptions!E9)` with a stored value, nothing else."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False})
    wb.add_worksheet("Assumptions")
    written = _floor_formulas(wb, formulas, columns, sheets)
    wb.close()
    return written


def _floor_formulas(wb, formulas: int, columns: int, sheets: int) -> int:
    """The floor's formula cells, spread over `sheets` sheets of `columns` columns."""
    per_sheet = -(-formulas // sheets)
    written = 0
    for s in range(sheets):
        ws = wb.add_worksheet(f"Sheet{s + 1}")
        row = 4
        while written < formulas and written < per_sheet * (s + 1):
            for c in range(columns):
                col = 3 + c
                ws.write_formula(row, col, f"={xl_rowcol_to_cell(row, col - 1)}*(1+Assumptions!"
                                           f"{xl_rowcol_to_cell(row, col)})", None, 1.0 + written * 1e-3)
                written += 1
                if written == formulas:
                    break
            row += 1
    return written


def floor_with_inputs(path: Path, formulas: int, inputs: int) -> None:
    """The floor plus what the builder adds to every input: a number with a comment, and a data validation
    written once for all the inputs (in elements of at most 8,192 cells, as the builder writes them)."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False})
    ws = wb.add_worksheet("Assumptions")
    rule = {"validate": "decimal", "criteria": "between", "minimum": -5, "maximum": 5, "input_title": "Input",
            "input_message": "A ratio as a fraction (0.12 = 12%), from -500% to +500%.", "error_type": "warning"}
    note = {"author": "Test Securities", "x_scale": 2.2, "y_scale": 1.4}
    cells = []
    for k in range(inputs):
        row, col = 4 + k // 20, 3 + k % 20
        ws.write_number(row, col, 0.1, None)
        ws.write_comment(row, col, f"Driver {k // 20}\nSource: benchmark fixture", note)
        cells.append(xl_rowcol_to_cell(row, col))
    for i in range(0, len(cells), 8192):
        ws.data_validation("A1", {**rule, "multi_range": " ".join(cells[i:i + 8192])})
    _floor_formulas(wb, formulas, 20, 8)
    wb.close()


def formula_count(xlsx: Path) -> int:
    import zipfile
    with zipfile.ZipFile(xlsx) as z:
        return sum(z.read(n).count(b"<f>") + z.read(n).count(b"<f ") for n in z.namelist()
                   if n.startswith("xl/worksheets/sheet"))


# -- measurements -----------------------------------------------------------------------------------------
def default_model(tmp: Path, repeat: int, profile: bool) -> dict:
    """Two cases: a rebuild into a folder that holds the earlier outputs (its charts are unchanged, so
    reused), and a first build into an empty folder (every chart drawn)."""
    a = load(default_example())
    out = tmp / "default"
    out.mkdir()
    build(a, out)  # warm: font lookup, imports
    fresh = iter(range(10_000))

    def into_empty_folder():
        folder = tmp / f"empty{next(fresh)}"
        folder.mkdir()
        return folder

    rebuild, _ = timed(lambda: build(a, out), repeat)
    first, _ = timed(lambda: build(a, into_empty_folder()), repeat)
    without, _ = timed(lambda: build(a, into_empty_folder(), charts=False), repeat)
    load_time, _ = timed(lambda: load(default_example()), repeat)
    model = build_model(a)
    workbook, _ = timed(lambda: write_workbook(model, make_report(model, a), tmp / "wb.xlsx"), repeat)
    if profile:
        show_profile("default build() into a folder with its earlier outputs", lambda: build(a, out))
    cli: dict[str, list[float]] = {"rebuild": [], "first": [], "no_charts": []}
    for _ in range(max(3, repeat // 2 + 1)):
        for case in cli:
            folder = out if case == "rebuild" else into_empty_folder()
            args = ["--no-charts"] if case == "no_charts" else []
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "builder", "build", "--out", str(folder), *args],
                                  env=ENV, capture_output=True, text=True)
            cli[case].append(time.perf_counter() - t0)
            assert proc.returncode == 0, proc.stderr
    imports = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import builder.commands.cli"], env=ENV, check=True)
        imports.append(time.perf_counter() - t0)
    return {"build": rebuild, "build_first": first, "build_no_charts": without, "load": load_time,
            "workbook": workbook, "cli": statistics.median(cli["rebuild"]),
            "cli_first": statistics.median(cli["first"]), "cli_no_charts": statistics.median(cli["no_charts"]),
            "import": statistics.median(imports)}


def large_model(tmp: Path, scale: int, repeat: int, profile: bool) -> dict:
    a = parse(synthetic.large(segments=200 * scale, opex=340 * scale), "synthetic")
    t0 = time.perf_counter()
    model = build_model(a)
    model_time = time.perf_counter() - t0
    xlsx = tmp / f"large{scale}.xlsx"
    write_workbook(model, make_report(model, a), xlsx)
    n = formula_count(xlsx)
    inputs = sum(1 for line in model.lines.values() for e in line.entries
                 if e is not None and not hasattr(e, "render"))
    out = tmp / f"large{scale}"
    out.mkdir()
    # The writer, the floor and the whole build take turns, round after round, and each round gives its own
    # ratios: a machine shared with other work slows a whole round, not one side of a ratio.
    rounds = {"writer": [], "floor": [], "build_no_charts": []}
    for _ in range(repeat):
        for what, fn in (("writer", lambda: write_workbook(model, make_report(model, a), xlsx)),
                         ("floor", lambda: floor(tmp / "floor.xlsx", n)),
                         ("build_no_charts", lambda: build(a, out, charts=False))):
            t0 = time.perf_counter()
            fn()
            rounds[what].append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    floor_with_inputs(tmp / "floor2.xlsx", n, inputs)
    floor_inputs_time = time.perf_counter() - t0
    # Each side's fastest round: as timeit's documentation puts it, slower repeats are other processes
    # interfering, not the code (on this shared machine one round's floor can take 60% longer than the next).
    writer, floor_time, full = (min(rounds[k]) for k in ("writer", "floor", "build_no_charts"))
    ratio, build_ratio = writer / floor_time, full / floor_time
    spread = [w / f for w, f in zip(rounds["writer"], rounds["floor"])]
    if profile and scale == 1:
        show_profile("50k model: write_workbook", lambda: write_workbook(model, make_report(model, a), xlsx))
    return {"formulas": n, "inputs": inputs, "model": model_time, "writer": writer, "floor": floor_time,
            "floor_with_inputs": floor_inputs_time, "build_no_charts": full, "ratio": ratio,
            "build_ratio": build_ratio, "rounds": rounds, "round_ratios": (min(spread), max(spread))}


def peak_memory(tmp: Path) -> dict:
    """Max RSS of a fresh process that builds the 50k model (and of one that writes the floor)."""
    code = {
        "import": "import sys; sys.path[:0] = [{root!r}, {here!r}]; import synthetic; "
                  "from builder.validation.loader import parse; from builder.model import build_model; "
                  "from builder.render.workbook import write_workbook; from builder.report import make_report",
        "builder": "a = parse(synthetic.large(), 's'); m = build_model(a); write_workbook(m, make_report(m, a), {out!r})",
        "floor": "import run; run.floor(__import__('pathlib').Path({out!r}), {n})",
    }
    n = formula_count(tmp / "large1.xlsx")
    result = {}
    for what in ("import", "builder", "floor"):
        body = code["import"] + ("" if what == "import" else "; " + code[what])
        # VmHWM, the peak RSS of this process's memory (ru_maxrss would carry the parent's over fork + exec)
        script = (body + "; print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
                  ).format(root=str(ROOT), here=str(HERE), out=str(tmp / "mem.xlsx"), n=n)
        proc = subprocess.run([sys.executable, "-c", script], env=ENV, capture_output=True, text=True, check=True)
        result[what] = int(proc.stdout.split()[-1]) / 1024  # KiB -> MiB
    return result


def batch(tmp: Path, count: int = 100) -> dict:
    src = tmp / "batch_in"
    src.mkdir()
    for i in range(count):
        d = synthetic.company(i, segments=2 + i % 3, opex=2, actual=2, estimate=3 + i % 3)
        (src / f"company_{i:03d}.yaml").write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False),
                                                   encoding="utf-8")
    prices = tmp / "prices.csv"  # every company's price moves 5%: a refresh of the whole list
    rows = ["ticker,price,date,fx"]
    for path in sorted(src.glob("*.yaml")):
        d = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows.append(f"{d['company']['ticker']},{d['market']['price']['value'] * 1.05:.2f},2026-11-26,"
                    f"{d['market']['fx']['value']}")
    prices.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = {}
    cases = (("charts", "batch_out_charts", []), ("no_charts", "batch_out_no_charts", ["--no-charts"]),
             ("refresh", "batch_out_charts", ["--price-file", str(prices)]))
    for label, folder, extra in cases:
        out = tmp / folder
        out.mkdir(exist_ok=True)
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "builder", "build", str(src), "--out", str(out), "--jobs", "2",
                               *extra], env=ENV, capture_output=True, text=True)
        result[label] = time.perf_counter() - t0
        last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr[-300:]
        assert proc.returncode == 0 and last.startswith(f"{count} built, 0 failed"), last
    return result


def libreoffice(tmp: Path) -> dict | None:
    from builder.audit.recalc import recalculate, soffice
    if soffice() is None:
        return None
    one = tmp / "default" / "kingsoft_cloud.xlsx"
    times = []
    for k in range(3):
        t0 = time.perf_counter()
        recalculate([one], tmp / f"lo{k}")
        times.append(time.perf_counter() - t0)
    many = sorted((tmp / "batch_out_no_charts").glob("*.xlsx"))[:10]
    per_model_in_one_call = None
    if many:
        t0 = time.perf_counter()
        recalculate(many, tmp / "lo_many")
        per_model_in_one_call = (time.perf_counter() - t0) / len(many)
    return {"one": statistics.median(times), "per_model_of_10": per_model_in_one_call, "of": len(many)}


def valuation_methods(tmp: Path, repeat: int) -> dict:
    """The same model (NVIDIA's statements) valued on P/E, by DCF and by a P/E + DCF blend: in-process build()
    without charts."""
    examples = ROOT / "builder" / "examples"
    dcf = yaml.safe_load((examples / "nvidia_dcf.yaml").read_text(encoding="utf-8"))
    pe_file = yaml.safe_load((examples / "nvidia_pe.yaml").read_text(encoding="utf-8"))
    blend_file = yaml.safe_load((examples / "nvidia_blend.yaml").read_text(encoding="utf-8"))
    pe = {**dcf, "valuation": pe_file["valuation"], "sensitivity": pe_file["sensitivity"]}
    blend = {**dcf, "valuation": blend_file["valuation"]}
    out = {}
    for name, data in (("pe", pe), ("dcf", dcf), ("blend", blend)):
        a = parse(data)
        folder = tmp / f"method_{name}"
        folder.mkdir()
        out[name], _ = timed(lambda: build(a, folder, charts=False), repeat)
    out["ratio"] = out["dcf"] / out["pe"]
    out["blend_ratio"] = out["blend"] / out["pe"]
    return out


def show_profile(title: str, fn) -> None:
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(15)
    print(f"\n--- profile: {title} (by own time) ---")
    print("\n".join(line for line in buf.getvalue().splitlines() if line.strip())[:6000])


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="fewer repetitions; skip the 200k model")
    p.add_argument("--profile", action="store_true", help="print cProfile tables of the default and 50k builds")
    p.add_argument("--skip-batch", action="store_true")
    p.add_argument("--skip-libreoffice", action="store_true")
    p.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = p.parse_args(argv)
    repeat = 3 if args.quick else 5
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{dt.date.today().isoformat()}, {platform.machine()}, {cpus} CPUs, Python {platform.python_version()}, "
          f"xlsxwriter {xlsxwriter.__version__}, load average {os.getloadavg()[0]:.1f}")
    figures: dict = {}
    with tempfile.TemporaryDirectory(prefix="builder-bench-") as tmp_name:
        tmp = Path(tmp_name)
        d = figures["default"] = default_model(tmp, repeat, args.profile)
        print(f"\nDefault model (Kingsoft Cloud), in process, median of {repeat}:")
        print(f"  build(), rebuild (charts reused)        {d['build']:6.3f} s   (target 0.2 s)")
        print(f"  build() into an empty folder (all drawn)  {d['build_first']:6.3f} s")
        print(f"  build(charts=False)                     {d['build_no_charts']:6.3f} s   (of which the workbook "
              f"{d['workbook']:.3f} s)")
        print(f"  loading the YAML (validated)            {d['load']:6.3f} s")
        print("Default model, command line end to end (python -m builder build; imports and audit included):")
        print(f"  rebuild (charts reused)                 {d['cli']:6.3f} s   (target 1.5 s)")
        print(f"  into an empty folder (charts drawn)     {d['cli_first']:6.3f} s")
        print(f"  --no-charts                             {d['cli_no_charts']:6.3f} s")
        print(f"  of which `import builder.commands.cli`           {d['import']:6.3f} s")

        v = figures["methods"] = valuation_methods(tmp, repeat)
        print(f"\nValuation methods, the same model (NVIDIA), build(charts=False), median of {repeat}:")
        print(f"  P/E                                     {v['pe']:6.3f} s")
        print(f"  DCF                                     {v['dcf']:6.3f} s   = {v['ratio']:.2f} x P/E (target 1.10)")
        print(f"  Blend (P/E + DCF)                       {v['blend']:6.3f} s   = {v['blend_ratio']:.2f} x P/E "
              f"(target 1.10)")
        scales = (1,) if args.quick else (1, 4)
        for scale in scales:
            r = figures[f"large{scale}"] = large_model(tmp, scale, (repeat + 2) if scale == 1 else 2, args.profile)
            print(f"\nSynthetic model {200 * scale} segments x 20 periods: {r['formulas']:,} formula cells, "
                  f"{r['inputs']:,} inputs (each with a data validation and a source comment):")
            print(f"  floor: plain xlsxwriter, {r['formulas']:,} formulas + values {r['floor']:6.2f} s")
            lo, hi = r["round_ratios"]
            print(f"  builder: workbook writer             {r['writer']:6.2f} s   = {r['ratio']:.2f} x floor "
                  f"(target 1.3; fastest of {len(r['rounds']['floor'])} alternating rounds each; one round's "
                  f"ratio ranged {lo:.2f}-{hi:.2f})")
            print(f"  floor + {r['inputs']:,} inputs with validation and comment  {r['floor_with_inputs']:6.2f} s "
                  f"(the builder's writer = {r['writer'] / r['floor_with_inputs']:.2f} x this)")
            print(f"  builder: model evaluation            {r['model']:6.2f} s")
            print(f"  builder: build() without charts      {r['build_no_charts']:6.2f} s   = "
                  f"{r['build_ratio']:.2f} x floor (model, summaries and workbook)")
        if len(scales) == 2:
            a, b = figures["large1"], figures["large4"]
            print(f"  linearity: {b['formulas'] / a['formulas']:.2f} x the cells took "
                  f"{b['writer'] / a['writer']:.2f} x the writer time, {b['build_no_charts'] / a['build_no_charts']:.2f} "
                  f"x the build time (floor {b['floor'] / a['floor']:.2f} x)")

        rs = figures["roll"] = roll_speed.roll_figures(tmp / "roll" if (tmp / "roll").mkdir() is None else tmp, repeat)
        print("\n" + roll_speed.report(rs, repeat))

        m = figures["memory"] = peak_memory(tmp)
        print(f"\nPeak memory (max RSS of a fresh process): imports alone {m['import']:.0f} MiB; building the 50k "
              f"model {m['builder']:.0f} MiB; the floor {m['floor']:.0f} MiB")

        if not args.skip_batch:
            b = figures["batch"] = batch(tmp)
            print("\nBatch: 100 generated assumption files, python -m builder build DIR --jobs 2:")
            print(f"  into an empty folder (all charts drawn)  {b['charts']:6.1f} s  ({b['charts'] / 100:.2f} s per model;"
                  f" target 60 s)")
            print(f"  --no-charts                              {b['no_charts']:6.1f} s  ({b['no_charts'] / 100:.2f} s"
                  f" per model)")
            print(f"  price refresh of the built list (--price-file, charts reused)  {b['refresh']:6.1f} s")
        if not args.skip_libreoffice:
            lo = figures["libreoffice"] = libreoffice(tmp)
            if lo is None:
                print("\nLibreOffice: not installed, verification not timed")
            else:
                print("\nLibreOffice verification (full recalculation of a copy, one soffice run):")
                print(f"  default model                   {lo['one']:6.2f} s per model")
                if lo["per_model_of_10"]:
                    print(f"  {lo['of']} batch models in one run    {lo['per_model_of_10']:6.2f} s per model")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
