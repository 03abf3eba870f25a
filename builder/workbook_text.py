"""The workbook's text with a length limit: document properties, page header and footer.

Excel keeps 255 characters per document property and per header or footer (codes included); longer
text is cut visibly, with an ellipsis and a warning naming the field (text.fitted), never dropped.
The words come from the label catalog, the analyst's text from the report view.
"""
from __future__ import annotations

import datetime as dt

from .labels import CATALOG
from .report import ReportView
from .text import fitted, header_footer

HEADER_MAX = 255     # characters in a page header or footer, codes included
PROPERTY_MAX = 255   # characters in a document property


def word(key: str, lang: str = "en", **fields) -> str:
    text = CATALOG[key][lang]
    return text.format(**fields) if fields else text


def document_properties(view: ReportView) -> dict:
    """Document properties hold one text each: the English one."""
    company, report = view.company, view.report
    names = {"name_en": company.name_en, "name_zh": company.name_zh, "ticker": company.ticker}
    return {
        "title": fitted(word("xlsx.title", **names), PROPERTY_MAX, "company.name_en (title)"),
        "subject": fitted(report.title["en"], PROPERTY_MAX, "report.title.en (subject)"),
        "author": fitted(report.broker["en"], PROPERTY_MAX, "report.broker.en (author)"),
        "company": fitted(report.broker["en"], PROPERTY_MAX, "report.broker.en (company)"),
        "keywords": fitted(word("xlsx.keywords", **names), PROPERTY_MAX, "company.name_en (keywords)"),
        "comments": word("xlsx.comments"),
        "created": dt.datetime.combine(report.date, dt.time(0, 0)),
    }


def page_header_footer(view: ReportView) -> tuple[str, str]:
    """Every sheet's header (company, sheet name) and footer (broker, date, page of pages)."""
    company, report = view.company, view.report
    footer_end = f" {report.date.isoformat()}&R{word('xlsx.page_footer')}"
    header = "&L" + fitted(f"{company.name_en} ({company.ticker})", HEADER_MAX - len("&L&R&A"),
                           "company.name_en (page header)", header_footer) + "&R&A"
    footer = "&L" + fitted(report.broker["en"], HEADER_MAX - len("&L") - len(footer_end),
                           "report.broker.en (page footer)", header_footer) + footer_end
    return header, footer
