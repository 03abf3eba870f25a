"""Data validation of the workbook's input cells, by input kind (each rule's input message says what
the cell takes)."""
from __future__ import annotations

import datetime as dt

# Data validation by input kind: (xlsxwriter rule, what the input message says).
_RANGES = {
    "sensitivity": (-100, 100, "A step of the sensitivity grid, as a change from the base case."),
    "growth": (-0.99, 10, "Growth as a fraction (0.18 = 18%), from -99% to +1000%."),
    "ratio": (-5, 5, "A ratio as a fraction (0.12 = 12%), from -500% to +500%."),
    "margin": (-1, 0.9999, "A margin as a fraction (0.18 = 18%), below 100%."),
    "rate": (-1, 1, "A rate as a fraction (0.25 = 25%), from -100% to +100%."),
    "threshold": (-1, 10, "Lowest upside for this rating, as a fraction (0.2 = 20%)."),
    "money": (-1e12, 1e12, "An amount in the model's money unit."),
}
_POSITIVE = {
    "price": "Share price, above zero.",
    "fx": "Market currency per one unit of reporting currency, above zero.",
    "shares": "Share count in millions, above zero.",
    "multiple": "Target multiple, above zero.",
}


CELL_RULES = {"peer"}  # validations whose formula names the cell itself: one validation per cell

# Cells per <dataValidation> element. Excel accepts up to 32,767 references in one sqref ([MS-OI29500]
# 2.1.613) and the binary .xls format up to 8,192 ([MS-XLS] 2.5.246 SqRef), so a workbook saved again as .xls
# keeps its validations too.
SQREF_MAX = 8192


def input_validation(kind: str, cell: str) -> dict | None:
    if kind in _RANGES:
        lo, hi, message = _RANGES[kind]
        return {"validate": "decimal", "criteria": "between", "minimum": lo, "maximum": hi,
                "input_title": "Input", "input_message": message, "error_type": "warning",
                "error_title": "Outside the sane range", "error_message": message}
    if kind in _POSITIVE:
        return {"validate": "decimal", "criteria": ">", "value": 0, "input_title": "Input",
                "input_message": _POSITIVE[kind], "error_type": "stop", "error_title": "Must be positive",
                "error_message": _POSITIVE[kind]}
    if kind == "tolerance":
        return {"validate": "decimal", "criteria": ">=", "value": 0, "input_title": "Check tolerance",
                "input_message": "Largest difference a check accepts; zero or more.", "error_type": "stop"}
    if kind == "year":
        return {"validate": "integer", "criteria": "between", "minimum": 1900, "maximum": 2200,
                "input_title": "Year", "input_message": "A four-digit year.", "error_type": "stop"}
    if kind == "date":
        return {"validate": "date", "criteria": "between", "minimum": dt.date(1900, 1, 1),
                "maximum": dt.date(2200, 12, 31), "input_title": "Date", "input_message": "A date.",
                "error_type": "stop"}
    if kind == "text":
        return {"validate": "length", "criteria": "between", "minimum": 1, "maximum": 200,
                "input_title": "Text", "input_message": "A label, 1 to 200 characters.", "error_type": "stop"}
    if kind == "peer":
        # A peer figure may be unknown: the text n.a. keeps it out of the averages.
        return {"validate": "custom", "value": f'=OR(AND(ISNUMBER({cell}),{cell}>0),{cell}="n.a.")',
                "input_title": "Peer figure", "input_message": "A positive number, or n.a. when not known.",
                "error_type": "warning", "error_title": "Peer figure", "error_message": "Use a positive number or n.a."}
    return None
