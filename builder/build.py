"""One build: assumptions -> model -> workbook, summaries and their charts in a folder."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from .model import Model
from .outputs import staged
from .schema import Assumptions
from .statements import build_model
from .summary import LANGUAGES, render_summaries
from .summary_charts import render_charts
from .workbook import write_workbook


@dataclass
class BuildResult:
    model: Model
    paths: list[Path]


class BuildError(Exception):
    pass


def build(a: Assumptions, out_dir: Path, template_dir: Path | None = None) -> BuildResult:
    model = build_model(a)
    bad = model.errors()
    if bad:
        raise BuildError(f"the model evaluates to a spreadsheet error at {', '.join(bad[:5])}")
    stem = a.company.id
    # Summaries and their charts are rendered before anything is written.
    summaries = render_summaries(model, a, template_dir)
    charts = render_charts(model, a, LANGUAGES)
    for warning in charts.warnings:
        print(warning, file=sys.stderr)
    names = [f"{stem}.xlsx"] + [f"{stem}.{lang}.md" for lang in LANGUAGES] + list(charts.files)
    with staged(out_dir, names) as temps:
        write_workbook(model, a, temps[names[0]])
        for lang in LANGUAGES:
            temps[f"{stem}.{lang}.md"].write_text(summaries[lang], encoding="utf-8")
        for name, png in charts.files.items():
            temps[name].write_bytes(png)
    return BuildResult(model, [out_dir / n for n in names])
