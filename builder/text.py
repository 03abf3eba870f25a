"""Analyst text made safe to show: control characters become visible symbols, never markup."""
from __future__ import annotations

# C0 controls (except tab and newline) and DEL map to their Unicode control pictures
# (U+2400..U+2421): nothing is silently dropped, and nothing invalid reaches the XML.
_CONTROL_PICTURES = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)}
_CONTROL_PICTURES[0x7F] = 0x2421


def printable(text: str) -> str:
    return str(text).translate(_CONTROL_PICTURES)


def header_footer(text: str) -> str:
    """Text for an Excel header/footer, where & starts a control code."""
    return printable(text).replace("&", "&&")
