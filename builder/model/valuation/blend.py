"""A blend: named methods, each with its own target price on the Valuation sheet, weighted into one.

The blend itself has no multiple or basis metric; its parts are the other methods (`METHODS`), and
the target block values each part (`blocks/target_blend.py`).
"""
from __future__ import annotations

from ...assumptions.schema import Peer
from .base import BasisLines, ValuationMethod


def grid_parts(a) -> tuple[str, str]:
    """The blend's two parts whose own axes span its sensitivity grid (rows, columns): its first two, in the
    file's order; each moves on its own axis (a multiple: sensitivity.multiple_changes; a DCF: its
    wacc_changes), the other parts stay at their own target price."""
    first, second = a.valuation.blend[:2]
    return first.method, second.method


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
