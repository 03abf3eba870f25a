"""The interface of a valuation method (a target multiple applied to a basis-year metric).

The valuation, scenario, sensitivity and check blocks go through this interface only, so a
new method (P/E, EV/EBITDA) is one module beside `ps.py`, registered in `__init__.py`, plus its
name in the schema's `valuation.multiple` and its words `valuation.<slug>.*` in the catalog.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from ...expr import Expr
from ...labels import Words, words
from ...schema import Assumptions, Peer
from ..handles import IncomeHandles, InputHandles, RevenueHandles
from ..input_writer import InputWriter
from ..sheet_writer import SheetWriter


class ValuationMethod(ABC):
    slug: ClassVar[str]          # in line keys (VAL_target_<slug>) and catalog keys (valuation.<slug>.*)
    multiple: ClassVar[str]      # its name, as the schema's valuation.multiple
    basis_slug: ClassVar[str]    # the basis metric in line keys (VAL_basis_<basis_slug>)
    basis_axis: ClassVar[str]    # the sensitivity grid on the basis metric (KPI_sens_tp_<basis_axis>_<i>)
    basis_changes: ClassVar[str]  # the schema's sensitivity axis that moves the basis metric

    def words(self, part: str) -> Words:
        """This method's words (catalog key valuation.<slug>.<part>): the model's rows use `peer_inputs`,
        `peer_metric_input`, `peers`, `peer_growth`, `peer_yoy`, `basis`, `basis_total`, `basis_change`,
        `basis_change_input` and `check_diff`; the summaries `summary.*` (basis, peer_metric_column,
        scenario_basis, sensitivity_axis, sensitivity_corner)."""
        return words(f"valuation.{self.slug}.{part}")

    # -- the basis metric ---------------------------------------------------------------
    @abstractmethod
    def basis_line(self, income: IncomeHandles) -> str:
        """The model line whose fiscal-year value in the basis year the multiple applies to."""

    @abstractmethod
    def scenario_basis_line(self, w: SheetWriter, inputs: InputWriter, a: Assumptions, handles: InputHandles,
                            revenue: RevenueHandles, case: str) -> str:
        """Write the rows that give one scenario case's basis metric by period; return its line key."""

    # -- peers ----------------------------------------------------------------------------
    @abstractmethod
    def peer_metric(self, peer: Peer) -> dict[int, float | None]:
        """A peer's metric by year, as the assumptions give it (the denominator of its multiple)."""

    @abstractmethod
    def peer_metric_field(self) -> str:
        """The peer field in the assumptions that holds the metric (for `extract`)."""

    # -- value and per-share bridge -------------------------------------------------------
    def target_value(self, multiple: Expr, basis: Expr, fx: Expr, scale: Expr | None = None) -> Expr:
        """Target market value in the market currency; `scale` moves the basis (a sensitivity)."""
        value = multiple * basis
        if scale is not None:
            value = value * scale
        return value * fx

    def per_share(self, target_value: Expr, shares: Expr) -> Expr:
        """Target price from the target market value (equity methods: divide by the shares)."""
        return target_value / shares

    def peer_multiple(self, market_cap: Expr, metric: Expr) -> Expr:
        return market_cap / metric
