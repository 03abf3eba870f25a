"""Command line: `python -m builder build|validate|audit|extract|diff|preview|init|schema|roll`.

Bad input is reported as one line on stderr with exit code 2, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .jobs import default_jobs
from ..validation.loader import AssumptionsError
from .options import PASSWORD_ENV
from .outputs import OutputError, finish_interrupted_commits
from ..safety.text import one_line

# Each command imports what it needs when it runs: a `roll` or `validate` never pays for the workbook
# writer, the charts, the templates or the audit's openpyxl.

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_OUT = Path("output")
MAX_ERROR_LINES = 50


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own usage errors: one line, exit 2
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m builder", description="Build equity research models from assumptions.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    b = sub.add_parser("build", help="build the workbook and Markdown summaries")
    b.add_argument("assumptions", nargs="*", metavar="FILE_OR_DIR",
                   help="assumptions YAML (default: the Kingsoft Cloud example); several files or a folder "
                        "build a batch in parallel")
    b.add_argument("--out", type=Path, help="output folder (default: ./output, created if missing)")
    b.add_argument("--template", type=Path, metavar="DIR",
                   help="your own Markdown templates (summary.zh.md.j2, summary.en.md.j2), rendered sandboxed")
    b.add_argument("--consensus", type=Path, metavar="CSV",
                   help="consensus estimates to compare with (columns metric, period, value, source, date); "
                        "one model only")
    b.add_argument("--previous", type=Path, metavar="OLD",
                   help="an earlier assumptions file or workbook: adds estimate changes and a Revisions sheet")
    b.add_argument("--protect", action="store_true",
                   help="lock every formula cell, inputs stay editable (no password unless --password or "
                        f"the environment variable {PASSWORD_ENV} gives one)")
    b.add_argument("--password", metavar="PW", help="the password for --protect")
    b.add_argument("--scenario", metavar="CASE", help="make this scenario the live case (default: the file's)")
    b.add_argument("--price-file", type=Path, metavar="CSV",
                   help="refresh price, price date and FX of every model whose ticker the CSV lists "
                        "(columns ticker, price, date, fx); the assumptions files are not edited")
    b.add_argument("--jobs", type=_positive_int, metavar="N",
                   help=f"worker processes for a batch (default: the number of cores, here {default_jobs()})")
    b.add_argument("--no-charts", action="store_true",
                   help="do not draw the PNG charts (the slowest part); charts already in the folder stay")
    v = sub.add_parser("validate", help="check an assumptions file without building")
    v.add_argument("assumptions")
    x = sub.add_parser("extract", help="read an edited workbook's inputs back into an assumptions file")
    x.add_argument("workbook", type=Path)
    x.add_argument("-o", "--output", type=Path, help="assumptions file to write (default: next to the workbook)")
    d = sub.add_parser("diff", help="changed inputs and outputs between two models (assumptions or workbooks)")
    d.add_argument("old", type=Path)
    d.add_argument("new", type=Path)
    pv = sub.add_parser("preview", help="render every sheet of a workbook to PNG (LibreOffice, pdftoppm)")
    pv.add_argument("workbook")
    pv.add_argument("--out", help="folder for the PNG pages (default: next to the workbook)")
    pv.add_argument("--dpi", type=_positive_int, default=80, help="resolution of the pages (20 to 600, default 80)")
    i = sub.add_parser("init", help="write a commented starter assumptions file that builds as it is")
    i.add_argument("id", help="company id: file stem of the outputs (lower-case letters, digits, _)")
    i.add_argument("--name", help="company name (default: from the id)")
    i.add_argument("--ticker", help="ticker (default: the id in capitals)")
    i.add_argument("-o", "--output", type=Path, help="file to write (default: ID.yaml here; never overwritten)")
    i.add_argument("--method", default="ps", help="valuation method of the starter: ps (default), pe, pb, "
                   "ev_ebitda, ev_sales, dcf or blend")
    i.add_argument("--languages", choices=("en", "zh", "zh,en"), default="zh,en",
                   help="languages of the outputs, and so of the file's text fields (default zh,en)")
    sc = sub.add_parser("schema", help="write the JSON Schema of an assumptions file (or its Markdown reference)")
    sc.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    sc.add_argument("--markdown", action="store_true", help="the field reference in Markdown instead")
    from .roll_command import add_parser as add_roll_parser
    add_roll_parser(sub)
    a = sub.add_parser("audit", help="check any .xlsx against the modelling rules and recalculate it with LibreOffice")
    a.add_argument("workbook", type=Path)
    a.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    a.add_argument("--no-recalc", action="store_true", help="rules only: skip the LibreOffice recalculation")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        finish_interrupted_commits(args)
    except OutputError as e:
        return _refuse(e)
    if args.command == "audit":
        from ..audit import command as audit_command
        return audit_command.run(args.workbook, as_json_output=args.json, recalc=not args.no_recalc)
    if args.command == "preview":
        from .preview import preview_main
        return preview_main(args.workbook, args.out, args.dpi)
    if args.command == "init":
        return _init_command(args)
    if args.command == "schema":
        return _schema_command(args)
    if args.command == "roll":
        return _roll_command(args)
    if args.command in ("extract", "diff"):
        return _revisions_command(args)
    if args.command == "validate":
        return _validate(args)
    return _build(args)


def _validate(args) -> int:
    from ..validation.loader import load_checked
    try:
        a, warnings = load_checked(args.assumptions)
    except (AssumptionsError, OutputError) as e:
        return _refuse(e)
    except KeyboardInterrupt:
        print("interrupted; no files were changed", file=sys.stderr)
        return 130
    _warn(warnings)
    print(one_line(f"{args.assumptions}: OK ({a.company.name_en or a.company.name_zh}, {len(a.years.all)} years, "
                   f"{len(a.revenue.segments)} segments)"))
    return EXIT_OK


def _build(args) -> int:
    """`build` of one file or a batch: every bad input one line on stderr, exit 2."""
    from ..audit.report import summary as audit_summary
    from .batch import PriceFileError, read_prices
    from .build import BuildError, build, previous_outputs
    from .consensus_csv import ConsensusFileError, with_consensus
    from .extract import ExtractError
    from ..assumptions.input_limits import LimitError, check_file
    from ..validation.loader import default_example, load_checked, with_live_case
    from .options import OptionError, check_build_options, sheet_password
    from ..render.summary import TemplateProblem
    source = None
    try:
        if args.price_file is not None:
            try:  # a FIFO or /dev/zero as the price file: refused before reading
                check_file(args.price_file, what="a CSV file")
            except LimitError as e:
                raise PriceFileError(f"{args.price_file}: price file {e}") from None
        batch_run = len(args.assumptions) > 1 or any(Path(p).is_dir() for p in args.assumptions)
        if batch_run and args.previous is not None:
            raise OptionError("--previous compares one model with its earlier version; give one assumptions file")
        if batch_run and args.consensus is not None:
            raise OptionError("--consensus holds one company's consensus; give one assumptions file")
        out = check_build_options(args, DEFAULT_OUT)  # every option before any work
        protect = sheet_password(args)
        prices = read_prices(args.price_file) if args.price_file is not None else None
        if batch_run:
            return _batch(args, prices, out, protect)
        source = Path(args.assumptions[0]) if args.assumptions else default_example()
        a, warnings = load_checked(source)
        _warn(warnings)
        if args.scenario is not None:
            a = with_live_case(a, args.scenario, source)
        if prices is not None:
            a = _refreshed(a, prices, args.price_file, source)
        if args.consensus is not None:
            a = with_consensus(a, args.consensus)
        previous = previous_outputs(args.previous, a.report.eps_basis) if args.previous else None
        out.mkdir(exist_ok=True)  # the default folder, created once the inputs are known to be good
        result = build(a, out, args.template, previous, protect, charts=not args.no_charts, audit=True)
    except OptionError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (PriceFileError, ConsensusFileError) as e:
        print(f"error: {one_line(str(e))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (AssumptionsError, OutputError, TemplateProblem, ExtractError) as e:
        return _refuse(e)
    except BuildError as e:  # the model's checks or the audit failed: nothing was written
        for line in str(e).splitlines():
            print(one_line(f"error: {source}: {line}"), file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt as e:
        done = getattr(e, "committed", False)  # Ctrl-C held while the files were put in place
        print("interrupted; " + ("every file was written" if done else "no files were changed"), file=sys.stderr)
        return 130
    for path in result.paths:
        print(path)
    print(f"audit: {audit_summary(result.findings)}")  # the staged workbook passed the audit's rules
    return EXIT_OK


def _init_command(args) -> int:
    from .starter import LANGUAGE_CHOICES, StarterError, starter_text, write_starter
    path = args.output or Path(f"{args.id}.yaml")
    try:
        write_starter(path, starter_text(args.id, args.name, args.ticker, method=args.method,
                                         languages=LANGUAGE_CHOICES[args.languages]))
    except StarterError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(path)
    return EXIT_OK


def _schema_command(args) -> int:
    from .schema_doc import json_schema_text, reference_markdown
    text = reference_markdown() if args.markdown else json_schema_text()
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as e:
        print(f"error: {args.output}: cannot write: {e.strerror or e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(args.output)
    return EXIT_OK


def _roll_command(args) -> int:
    from .roll_command import RollOptionError, run
    try:
        return run(args)
    except RollOptionError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (AssumptionsError, OutputError) as e:
        return _refuse(e)
    except KeyboardInterrupt as e:
        done = getattr(e, "committed", False)
        print("interrupted; " + ("the rolled file was written" if done else "no files were changed"), file=sys.stderr)
        return 130


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {value}")
    return value


def _refreshed(a, prices, price_file: Path, source):
    """A single build's market data from the price file, said on stderr (stdout stays the list of files)."""
    from .batch import refresh
    price = prices.get(a.company.ticker)
    if price is None:
        print(f"note: {a.company.ticker} is not in {price_file}; market data as in {source}", file=sys.stderr)
        return a
    print(f"note: {a.company.ticker}: {price.describe()}", file=sys.stderr)
    return refresh(a, price, str(source))


def _batch(args, prices, out: Path, protect: str | None) -> int:
    """Several files or a folder: build each in a worker process, then one line per file and the counts."""
    from . import batch

    out.mkdir(exist_ok=True)
    result = batch.run([Path(p) for p in args.assumptions], out, jobs=args.jobs, prices=prices,
                       template=args.template, protect=protect, scenario=args.scenario,
                       charts=not args.no_charts)
    for o in result.outcomes:
        for warning in o.warnings:
            print(warning if warning.startswith(o.path) else f"{o.path}: {warning}", file=sys.stderr)
    print(batch.table(result))
    if result.interrupted:
        print("interrupted; models not built were left unchanged", file=sys.stderr)
        return 130
    return EXIT_FAILED if result.failed else EXIT_OK


def _revisions_command(args) -> int:
    from .diff import compare, load_any
    from .extract import ExtractError, extract, write_assumptions
    try:
        if args.command == "extract":
            data = extract(args.workbook)
            out = args.output or args.workbook.with_suffix(".yaml")
            write_assumptions(data, args.workbook, out)
            print(out)
            return EXIT_OK
        old, new = load_any(args.old), load_any(args.new)
        print(compare(old, new), end="")
        return EXIT_OK
    except (AssumptionsError, ExtractError, OutputError) as e:
        return _refuse(e)
    except OSError as e:
        print(f"error: {getattr(e, 'filename', '') or ''}: {e.strerror or e}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _refuse(e: Exception) -> int:
    """Bad input: each problem on its own 'error:' line, no traceback, exit 2."""
    lines = str(e).splitlines()
    for line in lines[:MAX_ERROR_LINES]:
        print(f"error: {one_line(line)}", file=sys.stderr)  # never a raw escape sequence on the terminal
    if len(lines) > MAX_ERROR_LINES:  # a file with thousands of problems is not read line by line on a terminal
        print(f"error: ... and {len(lines) - MAX_ERROR_LINES:,} more problems", file=sys.stderr)
    return EXIT_BAD_INPUT


def _warn(problems) -> None:
    for problem in problems:
        print(one_line(str(problem)), file=sys.stderr)
