"""Price to sales: the target P/S times the basis year's revenue, in the market currency."""
from __future__ import annotations

from ...formula.expr import Line
from ...labels import words
from ...assumptions.schema import Assumptions, DriverKind, Peer
from ..drivers import DriverTerms, driven
from ..handles import InputHandles, RevenueHandles
from ..input_writer import InputWriter
from ..sheet_writer import MONEY, SheetWriter, name_of, sum_of
from .base import BasisLines, ValuationMethod


class PriceToSales(ValuationMethod):
    slug = "ps"
    multiple = "P/S"
    basis_slug = "revenue"
    basis_axis = "rev"
    basis_changes = "revenue_changes"
    metric_may_be_negative = False
    scenario_chain = True

    def basis_line(self, lines: BasisLines) -> str:
        return lines.revenue

    def scenario_basis_line(self, w: SheetWriter, inputs: InputWriter, a: Assumptions, handles: InputHandles,
                            revenue: RevenueHandles, case: str) -> str:
        """Each case's revenue, rebuilt from its own segment growth (the other drivers do not move revenue)."""
        case_line = words("val.case_line")
        case_name = inputs.case_names[case]
        seg_keys = []
        for s, actual in zip(a.revenue.segments, revenue.segments):
            key = f"KPI_scn_{case}_{s.key}"
            growth = inputs.case_input(f"revenue.segments.{s.key}.growth", case)
            estimate = driven(DriverKind.growth, DriverTerms(key, growth, None, None, w.ppy))
            seg_keys.append(w.line("val", f"scn_{case}_{s.key}", case_line.format(case=case_name, name=name_of(s)),
                                   MONEY, "money", w.entries(Line(actual), estimate), named=False).key)
        return w.line("val", f"scn_{case}_revenue", case_line.format(case=case_name, name=self.words("basis_total")),
                      MONEY, "money", [sum_of(seg_keys)] * w.n, named=False, total=True).key

    def peer_metric(self, peer: Peer) -> dict[int, float | None]:
        return peer.revenue

    def peer_metric_field(self) -> str:
        return "revenue"
