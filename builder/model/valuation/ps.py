"""Price to sales: the target P/S times the basis year's revenue, in the market currency."""
from __future__ import annotations

from ...expr import Line
from ...labels import words
from ...schema import Assumptions, Peer
from ..handles import InputHandles, RevenueHandles
from ..input_writer import InputWriter
from ..segments import factor_lines, segment_estimate
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
        """Each case's revenue, rebuilt from its own segment drivers (the other drivers do not move revenue)."""
        case_line = words("val.case_line")
        case_name = inputs.case_names[case]
        stem = f"KPI_scn_{case}_"
        seg_keys, priced = [], []
        for s, seg, actual in zip(a.revenue.segments, handles.segments, revenue.segments):
            key = f"{stem}{s.key}"
            factors = tuple(f"{key}_{f.name}" for f in seg.factors)
            driver = inputs.case_input(seg.address, case) if seg.address else None
            estimate = segment_estimate(w, s, key, driver, lambda of: Line(f"{stem}{of}"), factors, seg.scale)
            seg_keys.append(w.line("val", f"scn_{case}_{s.key}", case_line.format(case=case_name, name=name_of(s)),
                                   MONEY, "money", w.entries(Line(actual), estimate), named=False).key)
            priced += [(s, seg)] if seg.factors else []
        total = w.line("val", f"scn_{case}_revenue", case_line.format(case=case_name, name=self.words("basis_total")),
                       MONEY, "money", [sum_of(seg_keys)] * w.n, named=False, total=True).key
        for s, seg in priced:  # after the total, so that the segments' rows stay one range
            factor_lines(w, "val", s, seg, lambda name, k=s.key: f"{stem}{k}_{name}",
                         lambda f: inputs.case_input(f.address, case),
                         lambda name: case_line.format(case=case_name, name=name), named=False)
        return total

    def peer_metric(self, peer: Peer) -> dict[int, float | None]:
        return peer.revenue

    def peer_metric_field(self) -> str:
        return "revenue"
