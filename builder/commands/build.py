"""One build: assumptions -> model -> workbook, summaries and their charts in a folder."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..render.chart_specs import chart_specs, reusable_chart
from ..render.fixed_locale import c_locale
from ..validation.contract import checked_model
from .library_warnings import reported
from ..model import Model
from .outputs import staged
from ..report import ReportView, make_report
from ..assumptions.schema import Assumptions
from ..model import REVISED_LINES, Previous, build_model
from ..render.defined_names import NameNotWritten
from .name_contract import expected_names, missing_names
from ..render.summary import render_summaries
from ..render.workbook import write_workbook
from ..safety.xlsx_guard import XlsxError, check_well_formed


@dataclass
class BuildResult:
    model: Model
    paths: list[Path]
    findings: list = field(default_factory=list)  # the audit of the workbook before it was committed


class BuildError(Exception):
    """A build refused before anything was committed; str() is one line per problem."""
    exit_code = 2  # the inputs (a scenario, a price refresh) make a check fail


class AuditError(BuildError):
    """The staged workbook has an audit error finding: a bug of ours, not of the inputs."""
    exit_code = 1


def previous_outputs(path: Path, eps_basis: str | None = None) -> Previous:
    """Key outputs of an earlier model (assumptions file or workbook), for --previous; its EPS on
    `eps_basis` (the new model's), so the revision compares like with like."""
    from .diff import load_any
    old = load_any(path)
    if eps_basis is not None and old.report.eps_basis != eps_basis:
        old = old.model_copy(update={"report": old.report.model_copy(update={"eps_basis": eps_basis})})
    m = build_model(old)
    cur, mkt = old.units.currency.lower(), old.units.market_currency.lower()
    series = {key.format(cur=cur): {p.label: v for p, v in zip(m.periods, m.series(key.format(cur=cur)))}
              for key in REVISED_LINES}
    return Previous(Path(path).name, series, m.value(f"VAL_target_price_{mkt}"), m.value("VAL_rating"))


def _write_checked(model: Model, view: ReportView, a: Assumptions, path: Path, name: str,
                   protect: str | None) -> None:
    """Write the workbook, then prove it before it can replace anything: every XML part parses and every
    defined name of the README's contract is there."""
    try:
        write_workbook(model, view, path, protect)
        check_well_formed(path)
    except (XlsxError, NameNotWritten) as e:
        raise BuildError(str(e).replace(str(path), name)) from None
    missing = missing_names(path, expected_names(model, a))
    if missing:
        raise BuildError(f"{name}: the documented defined names {', '.join(missing[:5])} are missing")


def summary_charts(view: ReportView, out_dir: Path) -> dict[str, bytes]:
    """PNG bytes by chart file name. A chart already in the folder that was drawn from the same spec by
    the same code is reused; only the others are drawn, and matplotlib is imported only then."""
    reused, wanted = {}, []
    for lang in view.languages:
        for name, spec in chart_specs(view, lang).items():
            wanted.append(name)
            # Only a regular file is read: a FIFO of that name would block (commit then refuses it).
            found = reusable_chart(out_dir / name, spec) if (out_dir / name).is_file() else None
            if found is not None:
                reused[name] = found
    drawn = {}
    if len(reused) < len(wanted):
        from ..render.summary_charts import render_charts
        with c_locale():  # the same bytes whatever the user's locale
            result = render_charts(view, skip=frozenset(reused))
        for warning in result.warnings:
            print(warning, file=sys.stderr)
        drawn = result.files
    return {name: reused[name] if name in reused else drawn[name] for name in wanted}


def build(a: Assumptions, out_dir: Path, template_dir: Path | None = None,
          previous: Previous | None = None, protect: str | None = None, *, charts: bool = True,
          languages: tuple[str, ...] | None = None, audit: bool = False) -> BuildResult:
    """Build and write every output. Charts whose picture would not change are reused from `out_dir`;
    `charts=False` writes no chart at all, leaving any earlier charts in the folder as they are.
    A model whose checks fail, or (`audit`, as the command line does) a staged workbook with an audit error
    finding, writes nothing. `languages` defaults to the file's `languages:`."""
    with reported():  # library warnings become one line each, after a successful build
        return _build(a, out_dir, template_dir, previous, protect, charts, languages, audit)


def _build(a: Assumptions, out_dir: Path, template_dir: Path | None, previous: Previous | None,
           protect: str | None, charts: bool, languages: tuple[str, ...] | None, audit: bool) -> BuildResult:
    model, problems = checked_model(a, previous, limits=False)
    if problems:
        raise BuildError("\n".join(problems))
    # The report view is made once; every renderer reads it (and the workbook the model's lines too).
    view = make_report(model, a, languages)
    stem = view.company.id
    # Summaries and their charts are rendered before anything is written.
    summaries = render_summaries(view, template_dir)
    pngs = summary_charts(view, out_dir) if charts else {}
    names = [f"{stem}.xlsx"] + [f"{stem}.{lang}.md" for lang in view.languages] + list(pngs)
    with staged(out_dir, names) as temps:
        _write_checked(model, view, a, temps[names[0]], names[0], protect)
        findings = audit_staged(temps[names[0]]) if audit else []
        for lang in view.languages:
            temps[f"{stem}.{lang}.md"].write_text(summaries[lang], encoding="utf-8")
        for name, png in pngs.items():
            temps[name].write_bytes(png)
    return BuildResult(model, [out_dir / n for n in names], findings)


def audit_staged(path: Path) -> list:
    """The audit's rules (no recalculation) on the workbook still under its temporary name: an error
    finding in our own output is a bug, and the build commits nothing."""
    from ..audit.core import audit_workbook
    from ..audit.findings import ERROR
    findings = audit_workbook(path, recalc=False)
    errors = [f for f in findings if f.severity == ERROR]
    if errors:
        listed = [f"audit: {f.sheet}!{f.cell} {f.rule}: {f.message}" for f in errors[:5]]
        more = [f"audit: and {len(errors) - 5} more error findings"] if len(errors) > 5 else []
        raise AuditError("\n".join([f"audit: {len(errors)} error finding(s) in the workbook; nothing written"]
                                   + listed + more))
    return findings
