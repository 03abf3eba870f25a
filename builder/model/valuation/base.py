"""The interface of a valuation method (a target multiple applied to a basis-year metric).

The valuation, scenario, sensitivity and check blocks go through this interface only, so a
new method (P/E, EV/EBITDA) is one module beside `ps.py`, registered in `__init__.py`, plus its
name in the schema's `valuation.multiple` and its words `valuation.<slug>.*` in the catalog.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar, NamedTuple

from ...formula.expr import IF, Expr
from ...labels import Words, words
from ...assumptions.schema import Assumptions, Peer
from ..handles import InputHandles, RevenueHandles
from ..input_writer import InputWriter
from ..sheet_writer import SheetWriter


class BasisLines(NamedTuple):
    """The model lines a method may apply its multiple to (fiscal-year values in the basis year)."""
    revenue: str
    gross_profit: str
    adj_net_profit: str
    ebitda: str
    eps: str                 # EPS on the file's basis (report.eps_basis: basic or adjusted), KPI_eps_<cur>
    bvps: str                # book value per share (the per-share block's KPI_bvps)


class ValuationMethod(ABC):
    slug: ClassVar[str]          # in line keys (VAL_target_<slug>) and catalog keys (valuation.<slug>.*)
    multiple: ClassVar[str]      # its name, as the schema's valuation.multiple
    basis_slug: ClassVar[str]    # the basis metric in line keys (VAL_basis_<basis_slug>)
    basis_axis: ClassVar[str]    # the sensitivity grid on the basis metric (KPI_sens_tp_<basis_axis>_<i>)
    basis_changes: ClassVar[str] = "metric_changes"  # the schema's sensitivity axis that moves the basis metric
    per_share_basis: ClassVar[bool] = False  # the basis is per share (P/E, P/B): price = multiple x basis x FX
    basis_is_stock: ClassVar[bool] = False   # the basis is a year-end balance (P/B), not a year's flow
    enterprise: ClassVar[bool] = False       # the multiple gives enterprise value (less the bridge: equity)
    metric_may_be_negative: ClassVar[bool] = True  # a peer's metric may be <= 0: its multiple is n.m.
    is_dcf: ClassVar[bool] = False          # a DCF: no multiple, no basis metric, no peers
    is_blend: ClassVar[bool] = False        # a blend of the other methods (valuation.blend)
    scenario_chain: ClassVar[bool] = False  # scenario_basis_line writes a live copy of the basis per case

    def words(self, part: str) -> Words:
        """This method's words (catalog key valuation.<slug>.<part>): the model's rows use `peer_inputs`,
        `peer_metric_input`, `peers`, `peer_growth`, `peer_yoy`, `basis`, `basis_total`, `basis_change`,
        `basis_change_input` and `check_diff`; the summaries `summary.*` (basis, peer_metric_column,
        scenario_basis, sensitivity_axis, sensitivity_corner)."""
        return words(f"valuation.{self.slug}.{part}")

    # -- the basis metric ---------------------------------------------------------------
    @abstractmethod
    def basis_line(self, lines: BasisLines) -> str:
        """The model line whose fiscal-year value in the basis year the multiple applies to."""

    def scenario_basis_line(self, w: SheetWriter, inputs: InputWriter, a: Assumptions, handles: InputHandles,
                            revenue: RevenueHandles, case: str) -> str | None:
        """Write the rows that give one scenario case's basis metric by period; return its line key
        (None: the method has no live copy of its chain per case; the scenario block then uses the
        value computed at build time with that case live)."""
        return None

    # -- peers ----------------------------------------------------------------------------
    @abstractmethod
    def peer_metric(self, peer: Peer) -> dict[int, float | None]:
        """A peer's metric by year, as the assumptions give it (the denominator of its multiple)."""

    @abstractmethod
    def peer_metric_field(self) -> str:
        """The peer field in the assumptions that holds the metric (for `extract`)."""

    # -- value and per-share bridge -------------------------------------------------------
    def target_value(self, multiple: Expr, basis: Expr, fx: Expr, scale: Expr | None = None,
                     bridge: Expr | None = None, shares: Expr | None = None) -> Expr:
        """Target market value in the market currency; `scale` moves the basis (a sensitivity);
        `bridge` (EV methods) is subtracted from enterprise value; `shares` turn a per-share value into
        a market value (P/E, P/B; without `shares` such a method gives the target price itself)."""
        value = multiple * basis
        if scale is not None:
            value = value * scale
        if self.enterprise:
            value = value - bridge
        if self.per_share_basis and shares is not None:
            value = value * shares
        return value * fx

    def price(self, multiple: Expr, basis: Expr, fx: Expr, shares: Expr, scale: Expr | None = None,
              bridge: Expr | None = None) -> Expr:
        """The target price straight from its parts (scenarios, grids and checks)."""
        if self.per_share_basis:
            return self.target_value(multiple, basis, fx, scale)
        return self.per_share(self.target_value(multiple, basis, fx, scale, bridge), shares)

    def per_share(self, target_value: Expr, shares: Expr) -> Expr:
        """Target price from the target market value (equity methods: divide by the shares)."""
        return target_value / shares

    def peer_multiple(self, market_cap: Expr, metric: Expr, net_debt: Expr | None = None) -> Expr:
        """A peer's multiple; n.m. where its metric is zero or negative (left out of the averages)."""
        value = (market_cap + net_debt if self.enterprise else market_cap) / metric
        return IF(metric.gt(0), value, "n.m.") if self.metric_may_be_negative else value
