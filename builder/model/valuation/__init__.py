"""Valuation methods, chosen by the schema's `valuation.multiple`."""
from __future__ import annotations

from .base import BasisLines, ValuationMethod
from .blend import Blend
from .dcf import DiscountedCashFlow
from .enterprise import EVToEBITDA, EVToSales
from .equity import PriceToBook, PriceToEarnings
from .ps import PriceToSales

METHODS: dict[str, type[ValuationMethod]] = {
    m.multiple: m for m in (PriceToEarnings, PriceToBook, EVToEBITDA, EVToSales, PriceToSales,
                                   DiscountedCashFlow, Blend)}

__all__ = ["BasisLines", "METHODS", "ValuationMethod", "method_for", "needs_dcf", "peer_method"]


def method_for(multiple: str) -> ValuationMethod:
    return METHODS[multiple]()


def peer_method(a) -> ValuationMethod:
    """The method whose multiple the peer table shows: the valuation's own, or a blend's first multiple part."""
    v = a.valuation
    if v.multiple != "Blend":
        return method_for(v.multiple)
    return next((method_for(p.method) for p in v.blend if p.method != "DCF"), method_for("Blend"))


def needs_dcf(a) -> bool:
    """The model has a DCF sheet: a DCF, or a blend with a DCF part."""
    v = a.valuation
    return v.multiple == "DCF" or any(p.method == "DCF" for p in v.blend)
