"""Command line: `python -m builder build|validate|audit|extract|diff|preview`.

Bad input is reported as one line on stderr with exit code 2, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .audit import command as audit_command
from .build import BuildError, build, previous_outputs
from .diff import input_changes, load_any, output_changes, render
from .extract import ExtractError, extract, write_assumptions
from .loader import AssumptionsError, Problem, default_example, load_checked
from .outputs import OutputError
from .summary import TemplateProblem

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_OUT = Path("output")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own usage errors: one line, exit 2
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m builder", description="Build equity research models from assumptions.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    b = sub.add_parser("build", help="build the workbook and Markdown summaries")
    b.add_argument("assumptions", nargs="?", help="assumptions YAML (default: the Kingsoft Cloud example)")
    b.add_argument("--out", type=Path, help="output folder (default: ./output, created if missing)")
    b.add_argument("--template", type=Path, metavar="DIR",
                   help="your own Markdown templates (summary.zh.md.j2, summary.en.md.j2), rendered sandboxed")
    b.add_argument("--previous", type=Path, metavar="OLD",
                   help="an earlier assumptions file or workbook: adds estimate changes and a Revisions sheet")
    b.add_argument("--protect", nargs="?", const="", metavar="PASSWORD",
                   help="lock every formula cell, inputs stay editable (no password unless given)")
    b.add_argument("--scenario", metavar="CASE", help="make this scenario the live case (default: the file's)")
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
    a = sub.add_parser("audit", help="check any .xlsx against the modelling rules and recalculate it with LibreOffice")
    a.add_argument("workbook", type=Path)
    a.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    a.add_argument("--no-recalc", action="store_true", help="rules only: skip the LibreOffice recalculation")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "audit":
        return audit_command.run(args.workbook, as_json_output=args.json, recalc=not args.no_recalc)
    if args.command == "preview":
        from .preview import preview_main
        return preview_main(args.workbook, args.out)
    if args.command in ("extract", "diff"):
        return _revisions_command(args)
    try:
        if args.command == "validate":
            a, warnings = load_checked(args.assumptions)
            _warn(warnings)
            print(f"{args.assumptions}: OK ({a.company.name_en}, {len(a.years.all)} years, "
                  f"{len(a.revenue.segments)} segments)")
            return EXIT_OK
        source = Path(args.assumptions) if args.assumptions else default_example()
        a, warnings = load_checked(source)
        _warn(warnings)
        if args.scenario is not None:
            a = _with_live_case(a, args.scenario, source)
        previous = previous_outputs(args.previous) if args.previous else None
        out = args.out
        if out is None:
            out = DEFAULT_OUT
            out.mkdir(exist_ok=True)
        result = build(a, out, args.template, previous, args.protect)
    except (AssumptionsError, OutputError, TemplateProblem, ExtractError) as e:
        for line in str(e).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BuildError as e:
        print(f"error: {source}: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted; no files were changed", file=sys.stderr)
        return 130
    for path in result.paths:
        print(path)
    return audit_command.after_build(result.paths[0])  # our own output must pass the audit's rules


def _with_live_case(a, case: str, source):
    keys = ["base"] + [c.key for c in a.scenarios.cases]
    if case not in keys:
        raise AssumptionsError([Problem(str(source), None, "scenarios.live",
                                        f"'{case}' is not a scenario; expected one of {', '.join(keys)}")])
    return a.model_copy(update={"scenarios": a.scenarios.model_copy(update={"live": case})})


def _revisions_command(args) -> int:
    try:
        if args.command == "extract":
            data = extract(args.workbook)
            out = args.output or args.workbook.with_suffix(".yaml")
            write_assumptions(data, args.workbook, out)
            print(out)
            return EXIT_OK
        old, new = load_any(args.old), load_any(args.new)
        print(render(input_changes(old, new), output_changes(old, new)), end="")
        return EXIT_OK
    except (AssumptionsError, ExtractError) as e:
        for line in str(e).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as e:
        print(f"error: {getattr(e, 'filename', '') or ''}: {e.strerror or e}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _warn(problems) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
