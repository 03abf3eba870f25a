"""Estimate revisions: what changed between two versions of a model, inputs and outputs.

Either side may be an assumptions file or a workbook this tool built (read back with extract).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .extract import extract
from ..labels.money import money_words
from ..validation.loader import load, parse
from ..model import Model
from ..assumptions.schema import Assumptions
from ..model import build_model


@dataclass(frozen=True)
class InputChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class OutputChange:
    label: str
    period: str      # '' for single values
    unit: str
    old: object
    new: object

    @property
    def change(self):
        if isinstance(self.old, (int, float)) and isinstance(self.new, (int, float)) \
                and not isinstance(self.old, bool) and not isinstance(self.new, bool):
            return self.new - self.old
        return None


def load_any(path: str | Path) -> Assumptions:
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return parse(extract(path), str(path))
    return load(path)


def input_changes(old: Assumptions, new: Assumptions) -> list[InputChange]:
    """Every field whose value differs, by path (sources and labels included: they are inputs too)."""
    a, b = _leaves(old.model_dump(mode="json")), _leaves(new.model_dump(mode="json"))
    out = []
    for path in list(a) + [p for p in b if p not in a]:
        if a.get(path, _MISSING) != b.get(path, _MISSING) and not _absent_section(path, a, b):
            out.append(InputChange(path, a.get(path), b.get(path)))
    return out


_MISSING = object()


def _absent_section(path: str, a: dict, b: dict) -> bool:
    """An optional section absent (None) on one side whose fields the other side lists one by one."""
    side, other = (a, b) if path in a else (b, a)
    return side[path] is None and path not in other and any(p.startswith(path + ".") for p in other)


def _leaves(node, path="") -> dict:
    out = {}
    if isinstance(node, dict):
        for k, v in node.items():
            out.update(_leaves(v, f"{path}.{k}" if path else str(k)))
    elif isinstance(node, list) and node and all(isinstance(x, (dict, list)) for x in node):
        for i, v in enumerate(node):
            out.update(_leaves(v, f"{path}[{i}]"))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out[f"{path}[{i}]"] = v
        if not node:
            out[path] = []
    else:
        out[path] = node
    return out


def key_outputs(model: Model, a: Assumptions) -> list[tuple[str, str, str, object]]:
    """(label, period, unit, value) of the lines an estimate-changes table shows."""
    cur, mkt = a.units.currency.lower(), a.units.market_currency.lower()
    money = money_words(a.units)["en"]
    rows = []
    for key, label, unit in (("IS_revenue", "Revenue", money),
                             ("IS_adj_net_profit", "Adjusted net profit", money),
                             (f"KPI_eps_{cur}", f"EPS ({a.report.eps_basis})", a.units.currency),
                             ("KPI_eps", "Basic EPS (attributable)", a.units.currency),
                             ("KPI_dps", "DPS", a.units.currency)):
        if key not in model.lines:  # no dividends: no DPS
            continue
        for period, value in zip(model.periods, model.series(key)):
            if not period.actual:
                rows.append((label, period.label, unit, value))
    rows.append(("Target price", "", a.units.market_symbol, model.value(f"VAL_target_price_{mkt}")))
    rows.append(("Upside", "", "%", model.value("VAL_upside")))
    rows.append(("Rating", "", "", model.value("VAL_rating")))
    return rows


def output_changes(old: Assumptions, new: Assumptions, models: tuple[Model, Model] | None = None
                   ) -> list[OutputChange]:
    old_model, new_model = models or (build_model(old), build_model(new))
    before = {(l, p): (u, v) for l, p, u, v in key_outputs(old_model, old)}
    after = {(l, p): (u, v) for l, p, u, v in key_outputs(new_model, new)}
    out = []
    for key in list(before) + [k for k in after if k not in before]:
        unit, old_v = before[key] if key in before else (after[key][0], None)  # a period only one side has
        new_v = after.get(key, (unit, None))[1]
        out.append(OutputChange(key[0], key[1], unit, old_v, new_v))
    return out


@dataclass(frozen=True)
class VarianceLine:
    """A line of a period the old model estimated and the new one reports (a rolled model)."""
    label: str
    period: str      # the new model's label (an actual)
    unit: str
    estimate: object
    reported: object

    @property
    def difference(self):
        return OutputChange(self.label, self.period, self.unit, self.estimate, self.reported).change


# Lines whose estimate-vs-reported a rolled model's diff shows, besides those its `variance` section lists.
VARIANCE_KEYS = ("IS_revenue", "IS_gross_profit", "IS_operating_profit", "IS_net_profit_parent",
                 "IS_adj_net_profit", "KPI_eps")


def variance_lines(old: Assumptions, new: Assumptions, models: tuple[Model, Model] | None = None
                   ) -> list[VarianceLine]:
    """For each period estimated in `old` and reported in `new`: the old estimate against the new actual."""
    old_model, new_model = models or (build_model(old), build_model(new))
    estimated = {(p.year, p.quarter): t for t, p in enumerate(old_model.periods) if not p.actual}
    rolled = [(estimated[(p.year, p.quarter)], t, p.label) for t, p in enumerate(new_model.periods)
              if p.actual and (p.year, p.quarter) in estimated]
    keys = list(VARIANCE_KEYS) + [k for k in (new.variance.estimates if new.variance else ()) if k not in VARIANCE_KEYS]
    lang = "en" if "en" in new.languages else new.languages[0]
    out = []
    for was, now, label in rolled:
        for key in keys:
            if key in old_model.lines and key in new_model.lines and old_model.lines[key].periodic:
                line = new_model.lines[key]
                out.append(VarianceLine(line.name[lang], label, line.unit, old_model.line_value(key, was),
                                        new_model.line_value(key, now)))
    return out


def compare(old: Assumptions, new: Assumptions) -> str:
    """The diff command's text: changed inputs, changed outputs and, for a rolled model, the results review."""
    models = (build_model(old), build_model(new))
    return render(input_changes(old, new), output_changes(old, new, models), variance_lines(old, new, models))


def _fmt(v, unit="") -> str:
    if v is None:
        return "-"
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    if unit == "%":
        return f"{v * 100:.1f}%"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{v:,.4g}" if abs(v) < 1 else f"{v:,.2f}"


def render(inputs: list[InputChange], outputs: list[OutputChange], variance: list[VarianceLine] = ()) -> str:
    lines = ["Changed inputs"]
    if not inputs:
        lines.append("  (none)")
    width = max([len(c.field) for c in inputs] + [5])
    for c in inputs:
        lines.append(f"  {c.field:<{width}}  {_fmt(c.old):>14} -> {_fmt(c.new):<14}")
    lines += ["", "Changed outputs", f"  {'line':<28} {'year':<6} {'old':>12} {'new':>12} {'change':>18}"]
    moved = [o for o in outputs if o.old != o.new]
    if not moved:
        lines.append("  (none)")
    for o in moved:
        text = _change_text(o.change, o.unit, o.old, "")
        label = f"{o.label} ({o.unit})" if o.unit and o.unit != "%" else o.label
        lines.append(f"  {label:<28} {o.period:<6} {_fmt(o.old, o.unit):>12} {_fmt(o.new, o.unit):>12} {text:>18}")
    if variance:
        lines += _render_variance(variance)
    return "\n".join(lines) + "\n"


def _change_text(change, unit: str, base, no_base: str) -> str:
    """A change as printed: percentage points for a percentage, else the amount and its % of `base`
    (`no_base` where the base is zero or not a number)."""
    if change is None:
        return ""
    if unit == "%":
        return f"{change * 100:+.1f}pp"
    pct = f" ({change / abs(base) * 100:+.1f}%)" if isinstance(base, (int, float)) and base else no_base
    return f"{change:+,.2f}{pct}"


def _render_variance(variance: list[VarianceLine]) -> list[str]:
    """The rolled periods: the old model's estimate, the reported figure and the difference (and % of the estimate)."""
    lines = ["", "Results review (old estimate vs reported)",
             f"  {'line':<40} {'period':<8} {'estimate':>12} {'reported':>12} {'difference':>22}"]
    for v in variance:
        text = _change_text(v.difference, v.unit, v.estimate, " (n.m.)")
        label = f"{v.label} ({v.unit})" if v.unit and v.unit != "%" else v.label
        lines.append(f"  {label:<40} {v.period:<8} {_fmt(v.estimate, v.unit):>12} {_fmt(v.reported, v.unit):>12} "
                     f"{text:>22}")
    return lines
