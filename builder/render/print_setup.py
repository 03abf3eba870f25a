"""Page setup within what a reader can read: long timelines split across page widths.

A quarterly model's 40 periods on one page width print at about 2 pt, so a sheet
with more than PERIODS_PER_PAGE periods prints on one page width per PERIODS_PER_PAGE periods, with
the label columns repeated on each page.
"""
from __future__ import annotations


PERIODS_PER_PAGE = 12


def fit_periods(ws, n_periods: int) -> None:
    """One page width for up to PERIODS_PER_PAGE periods; a longer timeline is fitted to one page width per
    PERIODS_PER_PAGE periods, the label columns repeated on each page. The engine places the breaks with
    its own font metrics: manual breaks at a computed scale broke again wherever a spreadsheet engine's
    fonts were wider than the estimate (LibreOffice printed 7 quarters a page)."""
    ws.fit_to_pages(max(1, -(-n_periods // PERIODS_PER_PAGE)), 0)
