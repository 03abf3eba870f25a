"""A blend: named methods, each with its own target price on the Valuation sheet, weighted into one.

The blend itself has no multiple or basis metric; its parts are the other methods (`METHODS`), and
the target block values each part (`blocks/target_blend.py`).
"""
from __future__ import annotations

from ...assumptions.schema import Peer
from .base import BasisLines, ValuationMethod


class Blend(ValuationMethod):
    slug = "blend"
    multiple = "Blend"
    basis_slug = ""
    basis_axis = "blend"
    is_blend = True

    def basis_line(self, lines: BasisLines) -> str:
        return ""

    def peer_metric(self, peer: Peer) -> dict[int, float | None]:
        return {}

    def peer_metric_field(self) -> str:
        return ""
