"""Warnings raised while building (ours, xlsxwriter's, matplotlib's) re-reported as our own one-line warnings.

Python would print a library's warning with its source file and line, mixed into stderr; here each
distinct warning becomes `warning: <who>: <message>`, control characters shown as symbols.
"""
from __future__ import annotations

import sys
import warnings
from contextlib import contextmanager

from ..safety.text import TextCut, one_line


@contextmanager
def reported(stream=None):
    """Collect the warnings of the block; print them once it succeeds (a failure prints only its error)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    seen = []
    for w in caught:
        line = f"warning: {_who(w)}{one_line(w.message)}"
        if line not in seen:
            seen.append(line)
    for line in seen:
        print(line, file=stream or sys.stderr)


def _who(w) -> str:
    if isinstance(w.message, TextCut):
        return ""  # our own: the message names the field
    path = str(w.filename).replace("\\", "/")
    for library in ("xlsxwriter", "matplotlib", "openpyxl", "jinja2", "PIL"):
        if f"/{library}/" in path:
            return f"{library}: "
    return f"{w.category.__name__}: "
