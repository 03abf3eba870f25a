"""Page setup and document properties within Excel's limits: text cut deliberately, long timelines split.

xlsxwriter drops a header or footer longer than 255 UTF-16 code units without a word (only a
warning), so a long company or broker name would lose the whole line; here the name is cut with an
ellipsis instead. A quarterly model's 40 periods on one page width print at about 2 pt, so a sheet
with more than PERIODS_PER_PAGE periods prints on one page width per PERIODS_PER_PAGE periods, with
the label columns repeated on each page.
"""
from __future__ import annotations

from .limits import ELLIPSIS, MAX_HEADER_FOOTER, MAX_PROPERTY, cut
from .text import printable

PERIODS_PER_PAGE = 12


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def header_footer_line(left: str, right: str) -> str:
    """'&L' + the text (its & doubled, control characters visible) + `right` (control codes), in at most
    255 UTF-16 units: the text is cut with an ellipsis, never inside a doubled &."""
    room = MAX_HEADER_FOOTER - utf16_len("&L" + right)
    pieces = ["&&" if ch == "&" else ch for ch in printable(left)]
    if sum(utf16_len(p) for p in pieces) > room:
        kept, used = [], utf16_len(ELLIPSIS)
        for p in pieces:
            if used + utf16_len(p) > room:
                break
            kept.append(p)
            used += utf16_len(p)
        pieces = kept + [ELLIPSIS]
    return "&L" + "".join(pieces) + right


def fit_periods(ws, n_periods: int) -> None:
    """One page width for up to PERIODS_PER_PAGE periods; a longer timeline is fitted to one page width per
    PERIODS_PER_PAGE periods, the label columns repeated on each page. The engine places the breaks with
    its own font metrics: manual breaks at a computed scale broke again wherever a spreadsheet engine's
    fonts were wider than the estimate (LibreOffice printed 7 quarters a page)."""
    ws.fit_to_pages(max(1, -(-n_periods // PERIODS_PER_PAGE)), 0)


def capped_properties(props: dict[str, str]) -> dict[str, str]:
    """The workbook's document properties, each within Excel's 255 characters."""
    return {k: cut(printable(v), MAX_PROPERTY) for k, v in props.items()}
