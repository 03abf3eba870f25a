"""Equity multiples on a per-share basis: P/E (x EPS) and P/B (x book value per share).

Target price = multiple x basis-year metric per share x FX; target market cap = price x shares.
"""
from __future__ import annotations

from ...assumptions.schema import Peer
from .base import BasisLines, ValuationMethod


class PriceToEarnings(ValuationMethod):
    slug = "pe"
    multiple = "P/E"
    basis_slug = "eps"
    basis_axis = "eps"
    per_share_basis = True

    def basis_line(self, lines: BasisLines) -> str:
        return lines.eps

    def peer_metric(self, peer: Peer) -> dict[int, float | None]:
        return peer.net_profit

    def peer_metric_field(self) -> str:
        return "net_profit"


class PriceToBook(ValuationMethod):
    slug = "pb"
    multiple = "P/B"
    basis_slug = "bvps"
    basis_axis = "bvps"
    per_share_basis = True
    basis_is_stock = True

    def basis_line(self, lines: BasisLines) -> str:
        return lines.bvps

    def peer_metric(self, peer: Peer) -> dict[int, float | None]:
        return peer.book_value

    def peer_metric_field(self) -> str:
        return "book_value"
