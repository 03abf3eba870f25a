"""Excel's own limits (the "Excel specifications and limits" page): a file beyond them is one Excel
repairs or refuses. Checked on every formula shape, every text cell and every page header and footer."""
from __future__ import annotations

import re
import zipfile
from xml.sax.saxutils import unescape

from .formulas import Shape

MAX_ARGS, MAX_FORMULA_CHARS, MAX_NESTING = 255, 8192, 64
MAX_HEADER_CHARS, MAX_CELL_CHARS = 255, 32767
_HEADER_FOOTER = re.compile(r"<(?:\w+:)?((?:odd|even|first)(?:Header|Footer))>(.*?)</", re.S)


def formula_limits(text: str, shape: Shape) -> list[str]:
    """What a formula exceeds, as message fragments (empty when within every limit)."""
    out = []
    if len(text) - 1 > MAX_FORMULA_CHARS:  # Excel counts the formula without its "="
        out.append(f"formula of {len(text) - 1:,} characters (Excel's limit is {MAX_FORMULA_CHARS:,})")
    if shape.max_args > MAX_ARGS:
        out.append(f"a function call with {shape.max_args} arguments (Excel's limit is {MAX_ARGS})")
    if shape.depth > MAX_NESTING:
        out.append(f"functions nested {shape.depth} levels deep (Excel's limit is {MAX_NESTING})")
    return out


def text_limit(value) -> str | None:
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        return f"text of {len(value):,} characters (Excel's limit for a cell is {MAX_CELL_CHARS:,})"
    return None


def header_footer_limits(archive: zipfile.ZipFile, sheet_parts: dict[str, str]) -> list[tuple[str, str]]:
    """(sheet title, message) for each page header or footer over 255 characters. Read from the sheet XML
    itself, because a reader may drop or trim what it cannot parse."""
    out = []
    for title, part in sheet_parts.items():
        try:
            xml = archive.read(part).decode("utf-8", "replace")
        except KeyError:
            continue
        start = xml.find("headerFooter")
        if start < 0:
            continue
        for kind, body in _HEADER_FOOTER.findall(xml[start:]):
            n = len(unescape(body, {"&quot;": '"', "&apos;": "'"}))
            if n > MAX_HEADER_CHARS:
                out.append((title, f"page {kind[:-6].lower()} {kind[-6:].lower()} of {n} characters "
                                   f"(Excel's limit is {MAX_HEADER_CHARS})"))
    return out
