"""Valuation methods, chosen by the schema's `valuation.multiple`."""
from __future__ import annotations

from .base import ValuationMethod
from .ps import PriceToSales

METHODS: dict[str, type[ValuationMethod]] = {m.multiple: m for m in (PriceToSales,)}


def method_for(multiple: str) -> ValuationMethod:
    return METHODS[multiple]()
