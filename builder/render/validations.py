"""Data validation of the workbook's input cells, by input kind (each rule's input message says what
the cell takes; the texts are the catalog's `validation.*` words, one text per cell: English when the
model has it, else its one language)."""
from __future__ import annotations

import datetime as dt

from ..labels import CATALOG

# Data validation by input kind: (lowest, highest, message key) of a decimal input.
_RANGES = {
    "sensitivity": (-100, 100, "validation.sensitivity"),
    "growth": (-0.99, 10, "validation.growth"),
    "ratio": (-5, 5, "validation.ratio"),
    "margin": (-1, 0.9999, "validation.margin"),
    "rate": (-1, 1, "validation.rate"),
    "threshold": (-1, 10, "validation.threshold"),
    "money": (-1e12, 1e12, "validation.money"),
    "days": (0, 366, "validation.days"),
    "factor": (0, 1e12, "validation.factor"),
}
_POSITIVE = {"price": "validation.price", "fx": "validation.fx", "shares": "validation.shares",
             "multiple": "validation.multiple"}  # kind -> message key


CELL_RULES = {"peer", "peer_signed"}  # validations whose formula names the cell itself: one validation per cell

# Cells per <dataValidation> element. Excel accepts up to 32,767 references in one sqref ([MS-OI29500]
# 2.1.613) and the binary .xls format up to 8,192 ([MS-XLS] 2.5.246 SqRef), so a workbook saved again as .xls
# keeps its validations too.
SQREF_MAX = 8192


def _in(key: str, lang: str) -> str:
    return CATALOG[key][lang]


# Inputs of a fixed kind other than a range: (xlsxwriter rule without its texts, title key, message key).
_FIXED = {
    "tolerance": ({"validate": "decimal", "criteria": ">=", "value": 0}, "validation.tolerance.title",
                  "validation.tolerance"),
    "year": ({"validate": "integer", "criteria": "between", "minimum": 1900, "maximum": 2200},
             "validation.year.title", "validation.year"),
    "date": ({"validate": "date", "criteria": "between", "minimum": dt.date(1900, 1, 1),
              "maximum": dt.date(2200, 12, 31)}, "validation.date.title", "validation.date"),
    "text": ({"validate": "length", "criteria": "between", "minimum": 1, "maximum": 200}, "validation.text.title",
             "validation.text"),
}


def input_validation(kind: str, cell: str, lang: str = "en") -> dict | None:
    def say(key: str) -> str:  # the words in the workbook's one-text language
        return _in(key, lang)

    if kind in _RANGES:
        lo, hi, message_key = _RANGES[kind]
        message = say(message_key)
        return {"validate": "decimal", "criteria": "between", "minimum": lo, "maximum": hi,
                "input_title": say("validation.input"), "input_message": message, "error_type": "warning",
                "error_title": say("validation.outside"), "error_message": message}
    if kind in _POSITIVE:
        message = say(_POSITIVE[kind])
        return {"validate": "decimal", "criteria": ">", "value": 0, "input_title": say("validation.input"),
                "input_message": message, "error_type": "stop", "error_title": say("validation.must_be_positive"),
                "error_message": message}
    if kind in _FIXED:
        rule, title, message = _FIXED[kind]
        return {**rule, "input_title": say(title), "input_message": say(message), "error_type": "stop"}
    if kind == "peer":
        # A peer figure may be unknown: the text n.a. keeps it out of the averages.
        return {"validate": "custom", "value": f'=OR(AND(ISNUMBER({cell}),{cell}>0),{cell}="n.a.")',
                "input_title": say("validation.peer.title"), "input_message": say("validation.peer"),
                "error_type": "warning", "error_title": say("validation.peer.title"),
                "error_message": say("validation.peer.error")}
    if kind == "peer_signed":  # net debt, net profit: any sign, or n.a.
        return {"validate": "custom", "value": f'=OR(ISNUMBER({cell}),{cell}="n.a.")',
                "input_title": say("validation.peer.title"), "input_message": say("validation.peer_signed"),
                "error_type": "warning", "error_title": say("validation.peer.title"),
                "error_message": say("validation.peer_signed")}
    return None
