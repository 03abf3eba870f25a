"""`roll`: move a model forward to newly reported actuals, keeping every driver, note and comment.

The first estimate period becomes an actual with the reported values of the actuals CSV; one
estimate period is added at the end, each estimate series carrying its last value forward; every
other value, comment and key order of the file stays as written (ruamel.yaml round trip). The
previous model's estimates for the rolled period go into `variance`. The rolled text is validated
(schema, cross-field rules and the model's checks) before anything is written.
"""
from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from .actuals_csv import Reported
from ..validation.contract import checked_model
from ..validation.loader import AssumptionsError, Problem, load_checked, load_text
from .outputs import OutputError, staged
from .roll_series import ACTUAL, ALL, ESTIMATE, Slot, slots
from ..assumptions.schema import Assumptions, PeriodSpec
from ..assumptions.period_labels import period_key, period_name
from ..safety.text import printable

UNIT_SLIP = 1000  # a reported value this many times the estimate (or its inverse) looks like a unit slip

# Totals a CSV may give: checked against the rolled model's own total for the period, never written.
TOTALS = {"revenue": "IS_revenue", "gross_profit": "IS_gross_profit", "operating_profit": "IS_operating_profit",
          "profit_before_tax": "IS_profit_before_tax", "net_profit": "IS_net_profit",
          "net_profit_parent": "IS_net_profit_parent", "total_assets": "BS_total_assets",
          "total_liabilities": "BS_total_liabilities", "total_equity": "BS_total_equity",
          "cfo": "CF_cfo", "cfi": "CF_cfi", "cff": "CF_cff", "net_cash_flow": "CF_net_cash_flow"}

# The previous estimates kept in `variance`: the statements, the revenue build and the per-share lines.
VARIANCE_PREFIXES = ("RB_", "IS_", "BS_", "CF_", "KPI_eps", "KPI_dps", "KPI_bvps")
NOT_VARIANCE = ("CF_printed_", "CF_diff_")


@dataclass
class Rolled:
    text: str                       # the rolled assumptions file
    assumptions: Assumptions
    period: str                     # the rolled period's label, e.g. 2024A
    added: str                      # the new last period's label, e.g. 2027E
    carried: list[tuple[str, str, str, object]] = field(default_factory=list)  # line, field, period, value
    warnings: list[Problem] = field(default_factory=list)
    estimates: dict[str, float] = field(default_factory=dict)
    reported: dict[str, float] = field(default_factory=dict)  # the new model's value of each variance line


def yaml_round_trip(text: str = "") -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 1_000_000  # never re-wrap a long line
    y.indent(**guess_indent(text))
    y.representer.add_representer(type(None), _null)  # `null` as written, not an empty value
    return y


def _null(representer, _):
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


_KEY_LINE = re.compile(r"^( *)[^\s#-][^:#]*:\s*(#.*)?$")  # a key opening a block (nothing after the colon)
_ITEM_LINE = re.compile(r"^( *)(- |[^\s#])")


def guess_indent(text: str) -> dict:
    """The file's own block indentation (ruamel writes one style for the whole file): the mapping indent
    and the offset of a sequence's dash under its key, from the first block that shows each."""
    mapping, offset = None, None
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for above, line in zip(lines, lines[1:]):
        key, item = _KEY_LINE.match(above), _ITEM_LINE.match(line)
        if not key or not item:
            continue
        step = len(item.group(1)) - len(key.group(1))
        if item.group(2) == "- " and offset is None and step >= 0:
            offset = step
        elif item.group(2) != "- " and mapping is None and step > 0:
            mapping = step
    mapping, offset = mapping or 2, offset if offset is not None else 2
    return {"mapping": mapping, "sequence": offset + 2, "offset": offset}


def roll(source: Path, rows: list[Reported], csv_label: str, *, strict: bool = False) -> Rolled:
    """The rolled file, or an AssumptionsError naming every problem (with the CSV line where there is one)."""
    old, _ = load_checked(source)
    old_model = checked_model(old)[0]
    periods = old.years.periods()
    p = old.years.n_actual
    rolled, added = _next_periods(old, periods)
    label = _label(old, rolled.model_copy(update={"actual": True}))
    by_line, problems = _match(old, rows, rolled, csv_label, label)
    warnings = list(_unit_slips(old, old_model, p, by_line, csv_label))
    if strict:
        problems += [Problem(w.file, w.line, w.path, w.message.removeprefix("warning: ")) for w in warnings]
        warnings = []
    if problems:
        raise AssumptionsError(problems)
    text = Path(source).read_text(encoding="utf-8-sig")
    y = yaml_round_trip(text)
    doc = y.load(text)
    out = Rolled("", old, label, _label(old, added), warnings=warnings)
    _roll_years(doc, old)
    for slot in slots(old):
        _roll_slot(doc, slot, by_line, out, p)
    _roll_scenarios(doc, out)
    _roll_dcf(doc, old, out)
    out.estimates = _previous_estimates(old_model, p)
    _set_variance(doc, period_key(rolled), Path(source).name, out.estimates)
    out.text = _dump(y, doc)
    out.assumptions, new_model = _validated(out.text, csv_label, source)
    _check_totals(new_model, out.assumptions, p, by_line, csv_label)
    out.reported = {k: new_model.series(k)[p] for k in out.estimates if k in new_model.lines}
    return out


def _next_periods(a: Assumptions, periods: list[PeriodSpec]) -> tuple[PeriodSpec, PeriodSpec]:
    last = periods[-1]
    if a.years.frequency == "annual":
        return periods[a.years.n_actual], PeriodSpec(year=last.year + 1, quarter=None, actual=False)
    year, quarter = (last.year + 1, 1) if last.quarter == 4 else (last.year, last.quarter + 1)
    return periods[a.years.n_actual], PeriodSpec(year=year, quarter=quarter, actual=False)


def _label(a: Assumptions, period: PeriodSpec) -> str:
    prefix = "FY" if a.years.label_style == "FY2023A" else ""
    return f"{prefix}{period_name(period)}{'A' if period.actual else 'E'}"


def _period_names(period: PeriodSpec) -> set[str]:
    """How a CSV may name the period: 2024, 2024A, 2024E, FY2024 (annual); 2024Q3, 2024Q3A ... (quarterly)."""
    base = period_name(period)
    return {n.lower() for stem in (base, f"FY{base}") for n in (stem, stem + "A", stem + "E")}


def line_keys(a: Assumptions) -> dict[str, Slot]:
    """The CSV key of every reported line; a cash-flow line also by its bare name where that is unique."""
    keyed = {s.line: s for s in slots(a) if s.line and s.span in (ACTUAL, ALL)}
    for key, s in list(keyed.items()):
        bare = key.removeprefix("cash_flow.")
        if bare != key and bare not in keyed:
            keyed[bare] = s
    return keyed


def _match(a: Assumptions, rows: list[Reported], rolled: PeriodSpec, csv_label: str, label: str):
    """Reported value by slot line (and by total), or the problems: wrong period, unknown or missing line."""
    keyed, names = line_keys(a), _period_names(rolled)
    known = sorted(set(keyed) | set(TOTALS))
    by_line: dict[str, Reported] = {}
    problems, wrong = [], {}
    for r in rows:
        if r.period.lower() not in names:
            wrong.setdefault(r.period, []).append(r)
        elif r.line not in keyed and r.line not in TOTALS:
            guess = difflib.get_close_matches(r.line, known, n=1, cutoff=0.6)
            problems.append(Problem(csv_label, r.row, r.line, "unknown line" + (f" (did you mean '{guess[0]}'?)"
                                                                                if guess else "")))
        else:
            slot = keyed.get(r.line)
            name = slot.line if slot else r.line
            if name in by_line:
                problems.append(Problem(csv_label, r.row, r.line, f"given twice (first on line {by_line[name].row})"))
            by_line[name] = r
    for period, given in wrong.items():  # one line per wrong period, at its first row
        more = f" (and {len(given) - 1} more rows for {period})" if len(given) > 1 else ""
        problems.append(Problem(csv_label, given[0].row, given[0].line, f"period {period} is not the model's next "
                                                                        f"period; the next one to report is "
                                                                        f"{label[:-1]}{more}"))
    if not problems:
        for s in slots(a):
            if s.span == ACTUAL and s.line not in by_line:
                problems.append(Problem(csv_label, None, s.line, f"no reported value for {label[:-1]} "
                                                                  f"(required: it fills {s.dotted})"))
    return by_line, problems


def _unit_slips(a: Assumptions, model, p: int, by_line: dict[str, Reported], csv_label: str):
    """A reported value 1,000 times the previous estimate (or 1/1,000 of it): a warning naming the line."""
    keyed = line_keys(a)
    for name, r in by_line.items():
        slot = keyed.get(name)
        key, sign = (slot.model_key, slot.sign) if slot else (TOTALS[name], 1.0)
        if not key or key not in model.lines:
            continue
        estimate = model.series(key)[p]
        if isinstance(estimate, bool) or not isinstance(estimate, (int, float)) or not estimate or not r.value:
            continue
        ratio = abs(r.value / (sign * estimate))
        if ratio >= UNIT_SLIP or ratio <= 1 / UNIT_SLIP:
            yield Problem(csv_label, r.row, r.line, f"warning: reported {r.value:,.6g} is {ratio:,.4g} times the "
                                                    f"previous estimate {sign * estimate:,.6g} (a unit slip?)")


def _number(value: float):
    """Whole numbers as integers, so the file reads 7785 rather than 7785.0."""
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


def _at(doc, path: tuple):
    node = doc
    for part in path:
        node = node[part]
    return node


def _line_name(doc, slot: Slot) -> str:
    """The line a series belongs to, for the carried-values list: the nearest item's key, else its field."""
    for n in range(len(slot.path) - 1, 0, -1):
        node = _at(doc, slot.path[:n])
        if isinstance(node, dict) and "key" in node:
            return str(node["key"])
    return str(slot.path[0])


def _roll_years(doc, a: Assumptions) -> None:
    years = doc["years"]
    if a.years.frequency == "annual":
        est = years["estimate"]
        years["actual"].append(est[0])
        del est[0]
        est.append(a.years.estimate[-1] + 1)
    else:
        years["actual_count"] = a.years.actual_count + 1


def _roll_slot(doc, slot: Slot, by_line: dict[str, Reported], out: Rolled, p: int) -> None:
    values = _at(doc, slot.path)
    reported = by_line.get(slot.line) if slot.line else None
    if slot.span == ACTUAL:
        values.append(_number(reported.value))
    elif slot.span == ALL and reported is not None:
        values[p] = _number(reported.value)
    if slot.span in (ESTIMATE, ALL):
        carried = values[-1] if slot.carry else None
        if slot.span == ESTIMATE:
            del values[0]
        values.append(carried)
        if slot.carry:
            out.carried.append((_line_name(doc, slot), slot.dotted, out.added, carried))
    if reported is not None:
        _note_source(_at(doc, slot.path[:-1]), out.period, reported.source)


def _note_source(series, period: str, source: str) -> None:
    """The series' source note gains the rolled period's filing (a series has one note for all its values)."""
    if isinstance(series, dict) and "source" in series:
        kind = type(series["source"])  # keeps the note's quoting style (ruamel's quoted string types)
        series["source"] = kind(f"{series['source']}; {period}: {source}")


def _roll_scenarios(doc, out: Rolled) -> None:
    """A case's overrides of estimate series move like the series: drop the first, carry the last."""
    cases = (doc.get("scenarios") or {}).get("cases") or []
    for case in cases:
        for address, value in (case.get("overrides") or {}).items():
            if isinstance(value, list) and value:
                del value[0]
                value.append(value[-1])
                out.carried.append((str(case["key"]), f"scenarios.{case['key']}.overrides.{address}",
                                    out.added, value[-1]))


def _roll_dcf(doc, a: Assumptions, out: Rolled) -> None:
    """A DCF's first forecast year ends a year later: the rolled year is now an actual."""
    dcf = a.valuation.dcf
    if dcf is None or a.years.frequency != "annual":
        return
    end = dcf.first_year_end
    try:
        moved = end.replace(year=end.year + 1)
    except ValueError:  # 29 February
        moved = end.replace(year=end.year + 1, day=28)
    doc["valuation"]["dcf"]["first_year_end"] = moved
    out.carried.append(("valuation", "valuation.dcf.first_year_end", out.added, moved.isoformat()))


def _previous_estimates(model, p: int) -> dict[str, float]:
    out = {}
    for key, line in model.lines.items():
        if not line.periodic or not key.startswith(VARIANCE_PREFIXES) or key.startswith(NOT_VARIANCE):
            continue
        series = model.series(key)
        # A line blank in the actual periods (an estimate-only driver such as BS_capex) has no
        # reported figure to set the estimate against once the period is an actual.
        if p and not _is_number(series[p - 1]):
            continue
        if _is_number(series[p]):
            out[key] = float(f"{series[p]:.12g}")
    return out


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _set_variance(doc, period, previous: str, estimates: dict[str, float]) -> None:
    if "variance" in doc:
        del doc["variance"]
    section = CommentedMap()
    section["period"] = period
    section["previous"] = previous
    section["estimates"] = CommentedMap(estimates)
    doc["variance"] = section
    doc.yaml_set_comment_before_after_key(
        "variance", before="\nWritten by `roll`: the previous model's estimates for the period just reported.")


def _dump(y: YAML, doc) -> str:
    stream = io.StringIO()
    y.dump(doc, stream)
    return stream.getvalue()


def _validated(text: str, csv_label: str, source: Path):
    """The rolled assumptions and model; its problems are the reported figures', so they name the CSV."""
    try:
        a, _ = load_text(text, f"{printable(str(source))} rolled")
    except AssumptionsError as e:
        raise AssumptionsError([Problem(csv_label, None, pr.path, pr.message) for pr in e.problems]) from None
    return a, checked_model(a, keep=True)[0]  # validated just now: the build reuses this model


def _check_totals(model, a: Assumptions, p: int, by_line: dict[str, Reported], csv_label: str) -> None:
    """Totals the CSV gives must equal the sum of their parts, as the rolled model computes it."""
    tol = a.checks.tolerance_actual.value
    problems = []
    for name, key in TOTALS.items():
        r = by_line.get(name)
        if r is None or key not in model.lines:
            continue
        parts = model.series(key)[p]
        if abs(parts - r.value) > tol:
            problems.append(Problem(csv_label, r.row, name, f"reported {r.value:,.6g} but its parts sum to "
                                                            f"{parts:,.6g} (difference {r.value - parts:+,.6g}, "
                                                            f"tolerance {tol:g})"))
    if problems:
        raise AssumptionsError(problems)


def write_rolled(text: str, target: Path, backup: bytes | None = None) -> None:
    """The rolled file (and the backup of the original) in place at once, or nothing."""
    target = Path(target)
    names = [target.name] + ([target.name + ".bak"] if backup is not None else [])
    if not target.parent.is_dir():
        raise OutputError(f"{target.parent}: output folder does not exist")
    with staged(target.parent, names) as temps:
        temps[target.name].write_text(text, encoding="utf-8")
        if backup is not None:
            temps[target.name + ".bak"].write_bytes(backup)
