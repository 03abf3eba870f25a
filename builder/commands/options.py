"""`build`'s options, checked before any work starts, so a typo costs no model, chart or LibreOffice run."""
from __future__ import annotations

import os
from pathlib import Path

from .outputs import OutputError, check_folder
from ..labels import LANGUAGES

PASSWORD_ENV = "BUILDER_PASSWORD"  # the sheet-protection password for scripts (instead of --password)


class OptionError(Exception):
    """A bad option; str() is one line."""


def check_build_options(args, default_out: Path) -> Path:
    """Refuse a bad --out, --template, --previous or --password at once; return the output folder.
    The default folder may be missing (the build creates it): then the folder it goes in must be writable."""
    if args.password is not None and not args.protect:
        raise OptionError("--password: give --protect too (a password protects the sheets)")
    if args.password == "":
        raise OptionError("--password: the password is empty; leave --password out for no password")
    if args.template is not None:
        from ..render.summary import template_names  # only a build with --template reads templates here
        template_names(args.template, LANGUAGES)  # TemplateProblem, reported as the template's own problems
    if args.previous is not None:
        _readable_file(args.previous, "--previous")
    out = args.out if args.out is not None else default_out
    try:
        check_folder(out if args.out is not None or out.exists() else out.absolute().parent)
    except OutputError as e:
        raise OptionError(str(e)) from None
    return out


def sheet_password(args) -> str | None:
    """None: no protection; "": protected without a password; else the password (--password, or the
    environment variable when --password is not given)."""
    if not args.protect:
        return None
    if args.password is not None:
        return args.password
    return os.environ.get(PASSWORD_ENV, "")


def _readable_file(path: Path, option: str) -> None:
    if not path.exists():
        raise OptionError(f"{path}: {option} file not found")
    if not path.is_file():
        raise OptionError(f"{path}: {option} is not a file")
    if not os.access(path, os.R_OK):
        raise OptionError(f"{path}: {option} file is not readable")
