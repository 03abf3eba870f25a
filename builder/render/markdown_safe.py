"""Text in the Markdown summaries: every value a template prints is escaped unless it is already Markdown.

Jinja's `finalize` runs on the result of every `{{ ... }}`, so user text (units, symbols, names,
notes) is escaped even where a template forgets the `md` filter: no raw HTML, no links (so no
`javascript:`), and a `|` or a newline cannot break a table row. Values that are already Markdown
(the `md` filter's result, chart file names we make) are `Md` and pass unchanged.
"""
from __future__ import annotations

from ..safety.text import printable

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


class Md(str):
    """Text that is already safe Markdown."""
    __slots__ = ()


def md_text(s) -> Md:
    """Analyst text rendered literally: Markdown markup and table pipes escaped, one line."""
    return Md(" ".join(printable(s).split()).translate(_MD_SPECIAL))


def finalize(value):
    if isinstance(value, Md) or not isinstance(value, str):
        return value
    return md_text(value)
