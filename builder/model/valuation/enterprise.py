"""Enterprise multiples: EV/EBITDA and EV/Sales.

Enterprise value = multiple x basis-year metric; less the bridge (net debt, minorities, less
investments) = equity value; x FX = target market cap; / shares = target price.
"""
from __future__ import annotations

from ...assumptions.schema import Peer
from .base import BasisLines, ValuationMethod


class EVToEBITDA(ValuationMethod):
    slug = "ev_ebitda"
    multiple = "EV/EBITDA"
    basis_slug = "ebitda"
    basis_axis = "ebitda"
    enterprise = True

    def basis_line(self, lines: BasisLines) -> str:
        return lines.ebitda

    def peer_metric(self, peer: Peer) -> dict[int, float | None]:
        return peer.ebitda

    def peer_metric_field(self) -> str:
        return "ebitda"


class EVToSales(ValuationMethod):
    slug = "ev_sales"
    multiple = "EV/Sales"
    basis_slug = "revenue"
    basis_axis = "ev_rev"
    enterprise = True

    def basis_line(self, lines: BasisLines) -> str:
        return lines.revenue

    def peer_metric(self, peer: Peer) -> dict[int, float | None]:
        return peer.revenue

    def peer_metric_field(self) -> str:
        return "revenue"
