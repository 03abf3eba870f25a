"""Command line: `python -m builder build|validate|audit`.

Bad input is reported as one line on stderr with exit code 2, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .audit import command as audit_command
from .build import BuildError, build
from .loader import AssumptionsError, default_example, load_checked
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
    v = sub.add_parser("validate", help="check an assumptions file without building")
    v.add_argument("assumptions")
    a = sub.add_parser("audit", help="check any .xlsx against the modelling rules and recalculate it with LibreOffice")
    a.add_argument("workbook", type=Path)
    a.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    a.add_argument("--no-recalc", action="store_true", help="rules only: skip the LibreOffice recalculation")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "audit":
        return audit_command.run(args.workbook, as_json_output=args.json, recalc=not args.no_recalc)
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
        out = args.out
        if out is None:
            out = DEFAULT_OUT
            out.mkdir(exist_ok=True)
        result = build(a, out, args.template)
    except (AssumptionsError, OutputError, TemplateProblem) as e:
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


def _warn(problems) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
