"""One build: assumptions -> model -> workbook and summaries in a folder."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Model
from .outputs import staged
from .schema import Assumptions
from .statements import build_model
from .summary import LANGUAGES, render_summaries
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
    summaries = render_summaries(model, a, template_dir)  # rendered before anything is written
    names = [f"{stem}.xlsx"] + [f"{stem}.{lang}.md" for lang in LANGUAGES]
    with staged(out_dir, names) as temps:
        write_workbook(model, a, temps[names[0]])
        for lang in LANGUAGES:
            temps[f"{stem}.{lang}.md"].write_text(summaries[lang], encoding="utf-8")
    return BuildResult(model, [out_dir / n for n in names])
