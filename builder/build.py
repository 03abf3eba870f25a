"""One build: assumptions -> model -> workbook, summaries and their charts in a folder."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from .chart_specs import chart_specs, reusable_chart
from .model import Model
from .outputs import staged
from .report import ReportView, make_report
from .schema import Assumptions
from .model import REVISED_LINES, Previous, build_model
from .summary import render_summaries
from .workbook import write_workbook


@dataclass
class BuildResult:
    model: Model
    paths: list[Path]


class BuildError(Exception):
    pass


def previous_outputs(path: Path) -> Previous:
    """Key outputs of an earlier model (assumptions file or workbook), for --previous."""
    from .diff import load_any
    old = load_any(path)
    m = build_model(old)
    cur, mkt = old.units.currency.lower(), old.units.market_currency.lower()
    series = {key.format(cur=cur): {p.label: v for p, v in zip(m.periods, m.series(key.format(cur=cur)))}
              for key, *_ in REVISED_LINES}
    return Previous(Path(path).name, series, m.value(f"VAL_target_price_{mkt}"), m.value("VAL_rating"))


def summary_charts(view: ReportView, out_dir: Path) -> dict[str, bytes]:
    """PNG bytes by chart file name. A chart already in the folder that was drawn from the same spec by
    the same code is reused; only the others are drawn, and matplotlib is imported only then."""
    reused, wanted = {}, []
    for lang in view.languages:
        for name, spec in chart_specs(view, lang).items():
            wanted.append(name)
            found = reusable_chart(out_dir / name, spec)
            if found is not None:
                reused[name] = found
    drawn = {}
    if len(reused) < len(wanted):
        from .summary_charts import render_charts
        result = render_charts(view, skip=frozenset(reused))
        for warning in result.warnings:
            print(warning, file=sys.stderr)
        drawn = result.files
    return {name: reused[name] if name in reused else drawn[name] for name in wanted}


def build(a: Assumptions, out_dir: Path, template_dir: Path | None = None,
          previous: Previous | None = None, protect: str | None = None, *, charts: bool = True,
          languages: tuple[str, ...] | None = None) -> BuildResult:
    """Build and write every output. Charts whose picture would not change are reused from `out_dir`;
    `charts=False` writes no chart at all, leaving any earlier charts in the folder as they are.
    `languages` defaults to the file's `languages:`."""
    model = build_model(a, previous)
    bad = model.errors()
    if bad:
        raise BuildError(f"the model evaluates to a spreadsheet error at {', '.join(bad[:5])}")
    # The report view is made once; every renderer reads it (and the workbook the model's lines too).
    view = make_report(model, a, languages)
    stem = view.company.id
    # Summaries and their charts are rendered before anything is written.
    summaries = render_summaries(view, template_dir)
    pngs = summary_charts(view, out_dir) if charts else {}
    names = [f"{stem}.xlsx"] + [f"{stem}.{lang}.md" for lang in view.languages] + list(pngs)
    with staged(out_dir, names) as temps:
        write_workbook(model, view, temps[names[0]], protect)
        for lang in view.languages:
            temps[f"{stem}.{lang}.md"].write_text(summaries[lang], encoding="utf-8")
        for name, png in pngs.items():
            temps[name].write_bytes(png)
    return BuildResult(model, [out_dir / n for n in names])
