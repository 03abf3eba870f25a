"""Excel's own limits (the "Excel specifications and limits" page): a file beyond them is one Excel
repairs or refuses. Checked on every formula shape, every text cell and every page header and footer."""
from __future__ import annotations

import re
import zipfile
from xml.sax.saxutils import unescape

from .formulas import Shape

MAX_ARGS, MAX_FORMULA_CHARS, MAX_NESTING = 255, 8192, 64
MAX_HEADER_CHARS, MAX_CELL_CHARS = 255, 32767
_SHARED_ITEM = re.compile(r"<si>(.*?)</si>", re.S)
_TEXT = re.compile(r"<t(?:\s[^>]*)?>([^<]*)</t>")
_INLINE = re.compile(r'<c r="([A-Z]+[0-9]+)"[^>]*t="inlineStr"[^>]*>(.*?)</c>', re.S)
_SHARED_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"[^>]*t="s"[^>]*>\s*<v>([0-9]+)</v>')
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


def _long_shared_strings(archive: zipfile.ZipFile) -> set[int]:
    """Indices of shared strings over the cell limit (openpyxl cuts them to 32,767 as it reads)."""
    try:
        if archive.getinfo("xl/sharedStrings.xml").file_size <= MAX_CELL_CHARS:
            return set()
        xml = archive.read("xl/sharedStrings.xml").decode("utf-8", "replace")
    except KeyError:
        return set()
    out = set()
    for i, item in enumerate(_SHARED_ITEM.findall(xml)):
        if len(item) > MAX_CELL_CHARS and _text_length(item) > MAX_CELL_CHARS:
            out.add(i)
    return out


def _text_length(xml: str) -> int:
    return sum(len(unescape(t, {"&quot;": '"', "&apos;": "'"})) for t in _TEXT.findall(xml))


def long_texts(xml: str, shared: set[int]) -> list[tuple[str, str]]:
    """(cell, message) for each text cell of a sheet's XML over 32,767 characters."""
    out = []
    if "inlineStr" in xml:
        for cell, body in _INLINE.findall(xml):
            n = _text_length(body) if len(body) > MAX_CELL_CHARS else 0
            if n > MAX_CELL_CHARS:
                out.append((cell, f"text of {n:,} characters (Excel's limit for a cell is {MAX_CELL_CHARS:,})"))
    if shared:
        for cell, index in _SHARED_CELL.findall(xml):
            if int(index) in shared:
                out.append((cell, f"text over {MAX_CELL_CHARS:,} characters (Excel's limit for a cell)"))
    return out


def sheet_xml_limits(archive: zipfile.ZipFile, sheet_parts: dict[str, str]) -> list[tuple[str, str, str]]:
    """(sheet title, cell, message) for each page header or footer over 255 characters ("" cell) and each
    text over 32,767. Read from the sheet XML itself, because openpyxl trims long text as it reads."""
    out = []
    shared = _long_shared_strings(archive)
    for title, part in sheet_parts.items():
        try:
            xml = archive.read(part).decode("utf-8", "replace")
        except KeyError:
            continue
        out += [(title, cell, message) for cell, message in long_texts(xml, shared)]
        start = xml.find("headerFooter")
        if start < 0:
            continue
        for kind, body in _HEADER_FOOTER.findall(xml[start:]):
            n = len(unescape(body, {"&quot;": '"', "&apos;": "'"}))
            if n > MAX_HEADER_CHARS:
                out.append((title, "", f"page {kind[:-6].lower()} {kind[-6:].lower()} of {n} characters "
                                       f"(Excel's limit is {MAX_HEADER_CHARS})"))
    return out
