"""Analyst text made safe to show: the one sanitiser for text that reaches XML, a terminal or a chart.

Control characters become visible symbols, never markup, never a reference.
"""
from __future__ import annotations

import re

# C0 controls (except tab and newline) and DEL map to their Unicode control pictures
# (U+2400..U+2421): nothing is silently dropped, and nothing invalid reaches the XML.
_CONTROL_PICTURES = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)}
_CONTROL_PICTURES[0x7F] = 0x2421
# C1 controls (a terminal reads U+009B as the start of an escape sequence), lone surrogates (YAML's "\ud800"
# makes one; UTF-8 cannot encode it) and the non-characters U+FFFE/U+FFFF (not allowed in XML 1.0) have no
# picture of their own: the replacement character shows where one was.
_CONTROL_PICTURES.update({c: 0xFFFD for c in (*range(0x80, 0xA0), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF)})


def printable(text: str) -> str:
    return str(text).translate(_CONTROL_PICTURES)


def one_line(text: str) -> str:
    """For a terminal line: printable, with newlines and tabs shown as symbols too."""
    return printable(text).replace("\n", "\u2424").replace("\t", "\u2409")


def header_footer(text: str) -> str:
    """Text for an Excel header/footer, where & starts a control code."""
    return printable(text).replace("&", "&&")


# xlsxwriter reads a chart title or series name matching this as a reference to a cell (even to another
# workbook), so such text gets a zero-width word joiner after each "!" and stays literal, looking the same.
_CHART_REFERENCE = re.compile(r"!(?=\$?[A-Z]+\$?\d)")


def chart_text(text: str) -> str:
    return _CHART_REFERENCE.sub("!\u2060", printable(text))


class TextCut(UserWarning):
    """Text cut to fit a limit of the file format; the message names the field."""


def utf16_len(text: str) -> int:
    """Length as Excel counts it (UTF-16 code units): a character outside the BMP counts twice."""
    return len(text.encode("utf-16-le")) // 2


def fitted(text: str, limit: int, field: str, escape=printable) -> str:
    """`escape(text)` if it fits in `limit` characters (UTF-16 units), else the longest escaped prefix that fits with an
    ellipsis, and a TextCut warning naming the field (never cut silently, never half an escape)."""
    import warnings

    full = escape(text)
    if utf16_len(full) <= limit:
        return full
    out, size = [], 1  # the ellipsis
    for ch in str(text):
        piece = escape(ch)
        if size + utf16_len(piece) > limit:
            break
        out.append(piece)
        size += utf16_len(piece)
    warnings.warn(TextCut(f"{field}: {len(full):,} characters cut to {limit:,} (the file format's limit)"))
    return "".join(out) + "\u2026"


# A web address in a source note: http(s), the characters RFC 3986 allows, no ',' or ';' (they end a note's
# part), at most 255 characters (what Excel shows in a hyperlink's address reliably).
# The address stands alone (after the start or a space, before the end, a space, ';' or ','): text such as
# =IMPORTXML("http://...") is never turned into a link.
_URL = re.compile(r"(?:^|(?<=\s))https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+=%]+(?=$|[\s;,])")
MAX_LINK = 255


def last_link(text: str) -> str | None:
    """The last http(s) address in `text` (a source note's newest filing), or None."""
    if (text or "").lstrip().startswith(("=", "+", "-", "@")):
        return None  # text that looks like a formula stays plain text
    links = [u.rstrip(".)'") for u in _URL.findall(text or "")]
    links = [u for u in links if len(u) <= MAX_LINK]
    return links[-1] if links else None
