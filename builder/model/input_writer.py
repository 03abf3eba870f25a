"""Input rows on the Assumptions sheet, with the scenario-case plumbing.

A driver that a scenario overrides gets one input row per case and a live row (CHOOSE on the
scenario selector) that the model reads; `case_input` names a case's row for the blocks that
value every case at once. Every input row records where its values came from in the
assumptions file (`origins`), so `extract` can write edited values back.
"""
from __future__ import annotations

from typing import NamedTuple

from pydantic import BaseModel

from ..formula.expr import CHOOSE, Cell, Line
from ..labels import Words, words, given
from ..assumptions.schema import Assumptions, Series
from .sheet_writer import SheetWriter, source_note

SCENARIO_INDEX = "IN_scenario_index"  # the selector's position, defined by the inputs block

# Data-validation kind of an input, by number format (statements override growth, margin, rate...).
INPUT_KINDS = {"pct": "ratio", "money": "money", "shares": "shares", "year": "year", "price": "price", "fx": "fx",
               "multiple": "multiple", "text": "text", "date": "date", "tolerance": "tolerance"}


class Values(NamedTuple):
    """Input values that are not a schema Series (peer figures may be the text n.a.)."""
    values: list
    source: str


class InputWriter:
    def __init__(self, w: SheetWriter, a: Assumptions):
        self.w = w
        self.a = a
        self._paths = _object_paths(a)
        sc = a.scenarios
        self.case_keys = ["base"] + [c.key for c in sc.cases]
        self.case_names = {"base": given(sc.base_zh, sc.base_en),
                           **{c.key: given(c.name_zh, c.name_en) for c in sc.cases}}
        self._case_inputs: dict[str | None, dict[str, str]] = {}  # driver address -> case -> input key

    def path_of(self, obj) -> tuple:
        """Where a schema object sits in the assumptions (e.g. ('revenue', 'segments', 0, 'growth'))."""
        return self._paths[id(obj)]

    def case_input(self, address: str, case: str) -> str:
        return self._case_inputs[address][case]

    def _cases_overriding(self, address: str | None) -> dict[str, tuple]:
        """Case key -> (override value, source) for the cases that override this driver."""
        if address is None:
            return {}
        return {c.key: (c.overrides[address], c.source) for c in self.a.scenarios.cases if address in c.overrides}

    def _case_path(self, case: str, address: str) -> tuple:
        return ("scenarios", "cases", self.case_keys.index(case) - 1, "overrides", address)

    def _case_name(self, name: Words, case: str) -> Words:
        return words("line.case").format(name=name, case=self.case_names[case])

    def series(self, key: str, name: Words, unit, fmt: str, series: Series | Values, block: str, kind: str = "",
               address: str | None = None, origin: tuple | None = None, origins: list | None = None) -> str:
        """Input row(s) of a series placed in the `block` periods ('actual', 'estimate' or 'all')."""
        w = self.w
        positions = {"actual": w.actual_periods, "estimate": w.estimate_periods, "all": range(w.n)}[block]

        def place(values):
            entries = [None] * w.n
            for p, v in zip(positions, values):
                entries[p] = v
            return entries

        kind = kind or INPUT_KINDS.get(fmt, fmt)
        if origins is None:  # where each value came from in the assumptions, for `extract`
            base_path = origin if origin is not None else self.path_of(series) + ("values",)
            origins = place([base_path + (k,) for k in range(len(series.values))])
        cases = self._cases_overriding(address)
        if not cases:
            item = w.line("in", key, name, unit, fmt, place(series.values), named=False, source=series.source,
                          input_kind=kind, origins=origins)
            self._case_inputs[address] = {c: item.key for c in self.case_keys}
            return item.key
        base = place(series.values)
        choose = CHOOSE(Cell(SCENARIO_INDEX), *[Line(f"IN_{key}__{c}") for c in self.case_keys])
        live = w.line("in", key, name, unit, fmt, [None if base[p] is None else choose for p in range(w.n)],
                      named=False, source=source_note("live_scenario", source=series.source))
        self._case_inputs[address] = {}
        for c in self.case_keys:
            values, source, row_origins = series.values, series.source, origins
            if c in cases:
                override, source = cases[c]
                kept = len(series.values) - len(override)
                values = list(series.values[:kept]) + list(override)
                row_origins = place([origins[positions[k]] for k in range(kept)]
                                    + [self._case_path(c, address) + (k,) for k in range(len(override))])
            row = w.line("in", f"{key}__{c}", self._case_name(name, c), unit, fmt, place(values), named=False,
                         source=source, input_kind=kind, origins=row_origins)
            self._case_inputs[address][c] = row.key
        return live.key

    def cell(self, key: str, name: Words, unit, fmt: str, value, source: str, kind: str = "",
             address: str | None = None, origin: tuple | None = None, choices: tuple[str, ...] = ()) -> str:
        w = self.w
        kind = kind or INPUT_KINDS.get(fmt, fmt)
        cases = self._cases_overriding(address)
        if not cases:
            item = w.cell("in", key, name, unit, fmt, value, named=False, source=source, input_kind=kind,
                          origin=origin, choices=choices)
            self._case_inputs[address] = {c: item.key for c in self.case_keys}
            return item.key
        live = w.cell("in", key, name, unit, fmt,
                      CHOOSE(Cell(SCENARIO_INDEX), *[Cell(f"IN_{key}__{c}") for c in self.case_keys]),
                      named=False, source=source_note("live_scenario", source=source))
        self._case_inputs[address] = {}
        for c in self.case_keys:
            v, src = cases[c] if c in cases else (value, source)
            row = w.cell("in", f"{key}__{c}", self._case_name(name, c), unit, fmt, v, named=False, source=src,
                         input_kind=kind, origin=self._case_path(c, address) if c in cases else origin)
            self._case_inputs[address][c] = row.key
        return live.key


def _object_paths(a) -> dict[int, tuple]:
    """id(schema object) -> its path in the assumptions, so inputs can say where they came from."""
    out: dict[int, tuple] = {}

    def walk(obj, path):
        if isinstance(obj, BaseModel):
            out[id(obj)] = path
            for name in type(obj).model_fields:
                walk(getattr(obj, name), path + (name,))
        elif isinstance(obj, list):
            for i, item in enumerate(obj):
                walk(item, path + (i,))
        elif isinstance(obj, dict):
            for k, item in obj.items():
                walk(item, path + (k,))
    walk(a, ())
    return out
