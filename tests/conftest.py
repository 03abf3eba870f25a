"""Shared fixtures: one default build per test session, its LibreOffice recalculation, the reference."""
from __future__ import annotations

import math
import os
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from builder.commands.cli import main
from builder.audit.recalc import recalculate, soffice

DATA = Path(__file__).parent / "data"

# LibreOffice is the referee of stored values. The README's test command installs it; a developer
# without it sees these tests skipped, but under CI a missing LibreOffice fails them.
needs_libreoffice = pytest.mark.skipif(soffice() is None and not os.environ.get("CI"),
                                       reason="LibreOffice not installed (the README's test command installs it)")
# The preview prints with LibreOffice and renders pages with poppler (pdftoppm, pdftotext); the README's test
# command installs both. Skipped without them on a developer's machine, failed under CI.
needs_preview_tools = pytest.mark.skipif(
    (soffice() is None or shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None)
    and not os.environ.get("CI"),
    reason="LibreOffice or poppler-utils not installed (the README's test command installs them)")
REFERENCE = DATA / "kingsoft_cloud_2025-02-11.yaml"


@pytest.fixture(scope="session")
def reference() -> dict:
    """The report's printed figures, transcribed (a copy of shared/reference)."""
    return yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The default example built through the CLI; returns the output folder."""
    out = tmp_path_factory.mktemp("default_build")
    assert main(["build", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def xlsx(built) -> Path:
    return built / "kingsoft_cloud.xlsx"


@pytest.fixture(scope="session")
def wb_formulas(xlsx):
    return openpyxl.load_workbook(xlsx)


@pytest.fixture(scope="session")
def wb_values(xlsx):
    return openpyxl.load_workbook(xlsx, data_only=True)


@pytest.fixture(scope="session")
def named(wb_values):
    return named_values(wb_values)


def named_values(wb) -> dict:
    """Defined name -> stored value (single cell) or list of values (a row range)."""
    out = {}
    for name, dn in wb.defined_names.items():
        dests = list(dn.destinations)
        assert len(dests) == 1, name
        sheet, ref = dests[0]
        cells = wb[sheet][ref.replace("$", "")]
        if isinstance(cells, tuple):
            rows = [list(r) for r in cells]
            assert len(rows) == 1, f"{name} should be one row"
            out[name] = [c.value for c in rows[0]]
        else:
            out[name] = cells.value
    return out


def formula_cells(wb):
    """(sheet title, cell) for every formula cell of a workbook loaded without data_only."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith("=")):
                    yield ws.title, c


def last_value_column(ws, header_row: int = 4) -> int:
    """1-based column just before the source / note column (values: years, or a wider grid)."""
    return next(c.column for c in ws[header_row] if c.value and "Source" in str(c.value)) - 1


def same(stored, engine) -> bool:
    """A stored value equals the engine's: relative 1e-9 or absolute 1e-6 for numbers, exactly otherwise."""
    if isinstance(stored, bool) or isinstance(engine, bool):
        return stored == engine
    if isinstance(stored, (int, float)) and isinstance(engine, (int, float)):
        return math.isclose(stored, engine, rel_tol=1e-9, abs_tol=1e-6)
    return stored == engine


def engine_mismatches(xlsx: Path, engine_xlsx: Path) -> list[str]:
    """Formula cells whose stored value differs from a spreadsheet engine's recalculated copy."""
    formulas = openpyxl.load_workbook(xlsx)
    stored = openpyxl.load_workbook(xlsx, data_only=True)
    engine = openpyxl.load_workbook(engine_xlsx, data_only=True)
    return [f"{t}!{c.coordinate} {c.value}: stored {stored[t][c.coordinate].value!r}, "
            f"engine {engine[t][c.coordinate].value!r}"
            for t, c in formula_cells(formulas)
            if not same(stored[t][c.coordinate].value, engine[t][c.coordinate].value)]


def libreoffice_named_values(xlsx: Path, folder: Path) -> dict:
    """Recalculate `xlsx` with LibreOffice into `folder`, assert the engine agrees with every stored value,
    and return the engine's values by defined name."""
    [out] = recalculate([xlsx], folder)
    bad = engine_mismatches(xlsx, out)
    assert not bad, bad[:10]
    return named_values(openpyxl.load_workbook(out, data_only=True))


# Gnumeric is the second engine beside LibreOffice (the README's test command installs it): skipped on a
# developer's machine without it, failed under CI.
needs_gnumeric = pytest.mark.skipif(shutil.which("ssconvert") is None and not os.environ.get("CI"),
                                    reason="Gnumeric (ssconvert) not installed (the README's test command installs it)")


def gnumeric_recalculate(paths: list[Path], outdir: Path, timeout: float = 300) -> list[Path]:
    """Each workbook fully recalculated by Gnumeric (`ssconvert --recalc`) into `outdir`, same file names."""
    import subprocess
    outdir.mkdir(parents=True, exist_ok=True)
    out = []
    for path in paths:
        target = outdir / Path(path).name
        proc = subprocess.run(["ssconvert", "--recalc", str(path), str(target)], capture_output=True, text=True,
                              timeout=timeout)
        assert proc.returncode == 0 and target.exists(), f"ssconvert failed on {path}: {proc.stderr[-300:]}"
        out.append(target)
    return out
