"""`python -m builder roll FILE_OR_FOLDER --actuals CSV [-o NEW] [--in-place] [--strict]`.

One file: the rolled assumptions go to NEW (default: `<stem>_rolled_<period>.yaml` beside the file), or
replace the file with `--in-place` (the original kept as `<name>.bak`); both through the all-or-nothing
output path, so a kill leaves the old file or the new one. A folder: see `roll_batch`.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .actuals_csv import read_actuals
from .roll import Rolled, roll, write_rolled
from ..safety.text import one_line, printable

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class RollOptionError(Exception):
    pass


def add_parser(sub) -> None:
    r = sub.add_parser("roll", help="move a model forward to newly reported actuals (one file or a folder)")
    r.add_argument("assumptions", metavar="FILE_OR_DIR",
                   help="assumptions YAML, or a folder of them (the CSV then has a ticker column)")
    r.add_argument("--actuals", type=Path, required=True, metavar="CSV",
                   help="reported figures: columns line, period, value, source (and ticker for a folder)")
    r.add_argument("-o", "--output", type=Path, metavar="NEW",
                   help="file to write (default: FILE_rolled_PERIOD.yaml beside it); for a folder, the output "
                        "folder (default: FOLDER/rolled)")
    r.add_argument("--in-place", action="store_true", help="replace the file itself, keeping FILE.bak")
    r.add_argument("--strict", action="store_true", help="refuse values that look like unit slips")
    r.add_argument("--jobs", type=int, metavar="N", help="worker processes for a folder (default: the cores)")


def default_output(source: Path, rolled: Rolled) -> Path:
    return source.with_name(f"{source.stem}_rolled_{rolled.period}.yaml")


def run(args) -> int:
    """Roll one file (or hand a folder to roll_batch); problems raise for cli's one-line reporting."""
    source = Path(args.assumptions)
    if args.in_place and args.output is not None:
        raise RollOptionError("--in-place replaces the file itself; give it or -o, not both")
    if args.jobs is not None and args.jobs < 1:
        raise RollOptionError(f"--jobs: expected at least 1, got {args.jobs}")
    if source.is_dir():
        from .roll_batch import run_folder
        return run_folder(source, args.actuals, args.output, strict=args.strict, jobs=args.jobs,
                          in_place=args.in_place)
    rows = _own_rows(read_actuals(args.actuals), source, args.actuals)
    rolled = roll(source, rows, printable(str(args.actuals)), strict=args.strict)
    target = source if args.in_place else (args.output or default_output(source, rolled))
    backup = source.read_bytes() if args.in_place else None
    write_rolled(rolled.text, target, backup)
    for w in rolled.warnings:
        print(one_line(str(w)), file=sys.stderr)
    print(describe(rolled))
    print(f"wrote {target}" + (f" (the original kept as {target.name}.bak)" if backup is not None else ""))
    return EXIT_OK


def _own_rows(rows, source: Path, actuals: Path):
    """A CSV with a ticker column (a coverage list's) given for one file: that file's rows only."""
    if not any(r.ticker for r in rows):
        return rows
    from .roll_batch import ticker_of
    ticker = ticker_of(source)
    mine = [r for r in rows if r.ticker == ticker]
    if not mine:
        raise RollOptionError(f"{actuals}: no rows for ticker {ticker} (company.ticker of {source})")
    return mine


def describe(rolled: Rolled) -> str:
    """What moved, and every carried-forward value for the analyst to review (line, field, period, value)."""
    lines = [f"rolled: {rolled.period} is now an actual period; added {rolled.added}",
             f"carried forward to {rolled.added} (review these):"]
    width = max((len(c[0]) for c in rolled.carried), default=0)
    field_width = max((len(c[1].removesuffix(".values")) for c in rolled.carried), default=0)
    for line, field, period, value in rolled.carried:
        field = field.removesuffix(".values")
        shown = "(none)" if value is None else value
        lines.append(one_line(f"  {line.ljust(width)}  {field.ljust(field_width)}  {period}  {shown}"))
    return "\n".join(lines)
