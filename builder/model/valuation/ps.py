"""Price to sales: the target P/S times the basis year's revenue, in the market currency."""
from __future__ import annotations

from ...formula.expr import Line
from ...labels import words
from ...assumptions.schema import Assumptions, Peer
from ..handles import InputHandles, RevenueHandles
from ..input_writer import InputWriter
from ..segments import factor_address, factor_lines, factor_names, line_entries, segment_address, with_parts
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

        def key_of(key: str) -> str:
            return f"KPI_scn_{case}_{key}"

        def actual(key: str, seg) -> Line:  # the actual periods: the model's own line
            return Line(f"RB_{key}")

        def case_inputs(s, seg):  # the case's input rows of a line's drivers
            return seg._replace(growth=inputs.case_input(segment_address(s), case) if seg.growth else None,
                                factors=tuple(f._replace(driver=inputs.case_input(factor_address(s, name), case))
                                              for name, f in zip(factor_names(s), seg.factors)),
                                parts=tuple(case_inputs(*p) for p in zip(getattr(s, "parts", ()), seg.parts)))

        def line(key: str, name, entries) -> str:
            return w.line("val", key_of(key)[4:], case_line.format(case=case_name, name=name), MONEY, "money",
                          entries, named=False).key

        segments = [(s, case_inputs(s, seg)) for s, seg in zip(a.revenue.segments, handles.segments)]
        seg_keys = [line(s.key, name_of(s), line_entries(w, s, seg, key_of, actual)) for s, seg in segments]
        total = w.line("val", f"scn_{case}_revenue", case_line.format(case=case_name, name=self.words("basis_total")),
                       MONEY, "money", [sum_of(seg_keys)] * w.n, named=False, total=True).key
        for s, seg in segments:  # after the total, so that the segments' rows stay one range
            for part, part_inputs in zip(s.parts, seg.parts):
                line(part.key, name_of(part), line_entries(w, part, part_inputs, key_of, actual))
        for s, seg in with_parts(a.revenue.segments, tuple(seg for _, seg in segments)):
            if seg.factors:
                factor_lines(w, "val", s, seg, lambda name, k=s.key: f"{key_of(k)}_{name}",
                             lambda name: case_line.format(case=case_name, name=name), named=False)
        return total

    def peer_metric(self, peer: Peer) -> dict[int, float | None]:
        return peer.revenue

    def peer_metric_field(self) -> str:
        return "revenue"
