"""Recalculate workbooks with LibreOffice headless: the independent referee of stored values.

LibreOffice is told to recalculate every formula on load (a throwaway profile sets
OOXMLRecalcMode=0, "always"), then re-saves the file; reading that copy with
openpyxl `data_only=True` gives the engine's values. The re-saved file is only ever
compared against, never shipped: LibreOffice rewrites formats and drops freeze panes.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path



def profile_settings(recalculate_on_load: bool) -> str:
    """A LibreOffice profile's registry that recalculates every formula on load (OOXMLRecalcMode 0,
    "always") or shows the stored values as they are (1, "never")."""
    mode = 0 if recalculate_on_load else 1
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>{mode}</value></prop></item>
</oor:items>
"""


_PROFILE = profile_settings(recalculate_on_load=True)


class RecalcError(Exception):
    pass


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(paths: list[Path], outdir: Path, target: str, timeout: float = 180,
            registry: str = _PROFILE) -> subprocess.CompletedProcess:
    """Run `soffice --convert-to target` on `paths` into `outdir` with a throwaway profile holding `registry`."""
    exe = soffice()
    if exe is None:
        raise RecalcError("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:  # one profile per process
        user = Path(profile, "user")
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(registry, encoding="utf-8")
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(outdir), *map(str, paths)]
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise RecalcError(f"LibreOffice did not finish within {timeout:.0f} s") from None


def recalculate(paths: list[Path], outdir: Path, timeout: float = 180) -> list[Path]:
    """Recalculate each workbook into `outdir` (same file names); returns the new paths."""
    proc = convert(paths, outdir, "xlsx:Calc MS Excel 2007 XML", timeout)
    out = [outdir / Path(p).name for p in paths]
    missing = [p for p in out if not p.exists()]
    if missing:
        raise RecalcError(f"LibreOffice wrote no output for {', '.join(map(str, missing))}: "
                          f"{(proc.stderr or proc.stdout).strip()[:300]}")
    return out
