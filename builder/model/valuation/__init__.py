"""Valuation methods, chosen by the schema's `valuation.multiple`."""
from __future__ import annotations

from .base import BasisLines, ValuationMethod
from .dcf import DiscountedCashFlow
from .enterprise import EVToEBITDA, EVToSales
from .equity import PriceToBook, PriceToEarnings
from .ps import PriceToSales

METHODS: dict[str, type[ValuationMethod]] = {
    m.multiple: m for m in (PriceToEarnings, PriceToBook, EVToEBITDA, EVToSales, PriceToSales,
                                   DiscountedCashFlow)}

__all__ = ["BasisLines", "METHODS", "ValuationMethod", "method_for"]


def method_for(multiple: str) -> ValuationMethod:
    return METHODS[multiple]()
