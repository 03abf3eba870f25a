"""Estimate revisions: what changed between two versions of a model, inputs and outputs.

Either side may be an assumptions file or a workbook this tool built (read back with extract).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .extract import extract
from .labels.money import money_words
from .loader import load, parse
from .model import Model
from .schema import Assumptions
from .model import build_model


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
        if a.get(path, _MISSING) != b.get(path, _MISSING):
            out.append(InputChange(path, a.get(path), b.get(path)))
    return out


_MISSING = object()


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
                             (f"KPI_eps_{cur}", "EPS", a.units.currency),
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


def output_changes(old: Assumptions, new: Assumptions) -> list[OutputChange]:
    before = {(l, p): (u, v) for l, p, u, v in key_outputs(build_model(old), old)}
    after = {(l, p): (u, v) for l, p, u, v in key_outputs(build_model(new), new)}
    out = []
    for key in list(before) + [k for k in after if k not in before]:
        unit, old_v = before.get(key, (after[key][0], None))
        new_v = after.get(key, (unit, None))[1]
        out.append(OutputChange(key[0], key[1], unit, old_v, new_v))
    return out


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


def render(inputs: list[InputChange], outputs: list[OutputChange]) -> str:
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
        change = o.change
        if change is None:
            text = ""
        elif o.unit == "%":
            text = f"{change * 100:+.1f}pp"
        else:
            pct = f" ({change / abs(o.old) * 100:+.1f}%)" if isinstance(o.old, (int, float)) and o.old else ""
            text = f"{change:+,.2f}{pct}"
        label = f"{o.label} ({o.unit})" if o.unit and o.unit != "%" else o.label
        lines.append(f"  {label:<28} {o.period:<6} {_fmt(o.old, o.unit):>12} {_fmt(o.new, o.unit):>12} {text:>18}")
    return "\n".join(lines) + "\n"
