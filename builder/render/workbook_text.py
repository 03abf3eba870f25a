"""The workbook's text with a length limit: document properties, page header and footer.

Excel keeps 255 characters per document property and per header or footer (codes included); longer
text is cut visibly, with an ellipsis and a warning naming the field (text.fitted), never dropped.
The words come from the label catalog, the analyst's text from the report view.
"""
from __future__ import annotations

import datetime as dt

from ..labels import CATALOG, single_language
from ..report import ReportView
from ..safety.text import fitted, header_footer, utf16_len

HEADER_MAX = 255     # characters in a page header or footer, codes included
PROPERTY_MAX = 255   # characters in a document property


def word(key: str, lang: str = "en", **fields) -> str:
    """A catalog text in `lang`, or in English where the catalog has only English (validation messages)."""
    entry = CATALOG[key]
    text = entry[lang] if lang in entry else entry["en"]
    return text.format(**fields) if fields else text


def document_properties(view: ReportView) -> dict:
    """Document properties hold one text each: English when the report has it."""
    company, report = view.company, view.report
    one = single_language(view.languages)
    names = {"name": company.name[one], "ticker": company.ticker,
             "names": ", ".join(company.name[lang] for lang in ("en", "zh") if lang in view.languages)}
    return {
        "title": fitted(word("xlsx.title", one, **names), PROPERTY_MAX, f"company.name_{one} (title)"),
        "subject": fitted(report.title[one], PROPERTY_MAX, f"report.title.{one} (subject)"),
        "author": fitted(report.broker[one], PROPERTY_MAX, f"report.broker.{one} (author)"),
        "company": fitted(report.broker[one], PROPERTY_MAX, f"report.broker.{one} (company)"),
        "keywords": fitted(word("xlsx.keywords", one, **names), PROPERTY_MAX, f"company.name_{one} (keywords)"),
        "comments": word("xlsx.comments", one),
        "created": dt.datetime.combine(report.date, dt.time(0, 0)),
    }


def page_header_footer(view: ReportView) -> tuple[str, str]:
    """Every sheet's header (company, sheet name) and footer (broker, date, page of pages), in the report's
    one-text language."""
    company, report = view.company, view.report
    one = single_language(view.languages)
    footer_end = f" {report.date.isoformat()}&R{word('xlsx.page_footer', one)}"
    header = "&L" + fitted(f"{company.name[one]} ({company.ticker})", HEADER_MAX - len("&L&R&A"),
                           f"company.name_{one} (page header)", header_footer) + "&R&A"
    footer = "&L" + fitted(report.broker[one], HEADER_MAX - len("&L") - utf16_len(footer_end),
                           f"report.broker.{one} (page footer)", header_footer) + footer_end
    return header, footer
