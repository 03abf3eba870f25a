"""Preview a workbook without Excel: every printed page as a PNG, named after its sheet.

LibreOffice headless prints a copy of the workbook to PDF (each sheet's own print setup:
print area, scaling, headers), then poppler's `pdftoppm` renders each page. A page belongs
to the sheet named at the top right of its header (`&A`, the sheet name, as our workbooks
print it); a page whose header names no sheet (a workbook without that header) belongs to
the sheet of the page before it, so pages keep the workbook's order.

Pages are written as `<stem>.<NN>-<sheet-slug>.png` (NN = page number in the workbook),
e.g. `kingsoft_cloud.01-cover.png`. Earlier previews of the same workbook in that folder
(same stem and pattern) are replaced.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from ..audit.recalc import RecalcError, convert, profile_settings, soffice
from ..safety.xlsx_guard import check_xlsx

# A throwaway profile that shows the stored values as they are (no recalculation on load).
_NO_RECALC = profile_settings(recalculate_on_load=False)
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SUFFIXES = (".xlsx", ".xlsm")


class PreviewError(Exception):
    """A preview that cannot be made, as one line."""


def sheet_names(xlsx: Path) -> list[str]:
    """The workbook's sheet names in tab order, read from xl/workbook.xml."""
    try:
        with zipfile.ZipFile(xlsx) as z:
            root = ElementTree.fromstring(z.read("xl/workbook.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError):
        raise PreviewError(f"{xlsx}: not an .xlsx workbook") from None
    sheets = root.find(f"{_MAIN_NS}sheets")
    names = [s.get("name", "") for s in (sheets if sheets is not None else [])]
    if not names:
        raise PreviewError(f"{xlsx}: the workbook has no sheets")
    return names


def slug(name: str) -> str:
    """A file-name-safe form of a sheet name: 'P&L' -> 'p-l', 'Revenue Build' -> 'revenue-build'."""
    return re.sub(r"[^\w]+", "-", name.lower()).strip("-_") or "sheet"


def _pdftoppm() -> str | None:
    return shutil.which("pdftoppm")


def _pdftotext() -> str | None:
    return shutil.which("pdftotext")


def _run(cmd: list[str], what: str, timeout: float) -> subprocess.CompletedProcess:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise PreviewError(f"{what} did not finish within {timeout:.0f} s") from None
    if proc.returncode != 0:
        raise PreviewError(f"{what} failed: {(proc.stderr or proc.stdout).strip()[:300]}")
    return proc


def page_sheets(pdf: Path, names: list[str], timeout: float = 60) -> list[str]:
    """The sheet each page of `pdf` belongs to, from the sheet name ending the page's first line (its header)."""
    text = _run([_pdftotext() or "pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], "pdftotext", timeout).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page with a form feed
    by_length = sorted(names, key=len, reverse=True)  # 'Cash Flow' before 'Flow'
    out: list[str] = []
    for page in pages:
        first = next((" ".join(line.split()) for line in page.splitlines() if line.strip()), "")
        match = next((n for n in by_length if n and first.endswith(" ".join(n.split()))), None)
        out.append(match or (out[-1] if out else names[0]))
    return out


def preview(xlsx: Path, out_dir: Path, dpi: int = 80, timeout: float = 180) -> list[Path]:
    """Render every page of `xlsx` to `out_dir/<stem>.<NN>-<sheet>.png`; returns the paths in page order."""
    xlsx, out_dir = Path(xlsx), Path(out_dir)
    if not xlsx.is_file():
        raise PreviewError(f"{xlsx}: file not found")
    if xlsx.suffix.lower() not in _SUFFIXES:
        raise PreviewError(f"{xlsx}: not an .xlsx workbook (expected a file ending in .xlsx)")
    if zipfile.is_zipfile(xlsx):  # zip bombs refused before LibreOffice or openpyxl sees the file
        check_xlsx(xlsx, PreviewError)
    names = sheet_names(xlsx)
    if soffice() is None:
        raise PreviewError("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
    if _pdftoppm() is None or _pdftotext() is None:
        raise PreviewError("pdftoppm / pdftotext (poppler) are not installed: apt-get install poppler-utils")
    if not 20 <= dpi <= 600:
        raise PreviewError(f"dpi {dpi} is outside 20..600")
    if out_dir.exists() and not out_dir.is_dir():
        raise PreviewError(f"{out_dir}: output path is not a folder")

    with tempfile.TemporaryDirectory(prefix="preview-") as tmp:
        work = Path(tmp)
        copy = work / ("book" + xlsx.suffix.lower())  # a plain name: LibreOffice never sees the user's path
        shutil.copyfile(xlsx, copy)
        try:
            proc = convert([copy], work / "pdf", "pdf", timeout, registry=_NO_RECALC)
        except RecalcError as e:
            raise PreviewError(str(e)) from None
        pdf = work / "pdf" / "book.pdf"
        if not pdf.exists():
            raise PreviewError(f"{xlsx}: LibreOffice wrote no PDF: {(proc.stderr or proc.stdout).strip()[:300]}")
        sheets = page_sheets(pdf, names)
        if not sheets:
            raise PreviewError(f"{xlsx}: LibreOffice printed no pages")
        _run([_pdftoppm(), "-png", "-r", str(dpi), str(pdf), str(work / "page")], "pdftoppm", timeout)
        rendered = sorted(work.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        if len(rendered) != len(sheets):
            raise PreviewError(f"{xlsx}: pdftoppm rendered {len(rendered)} pages of {len(sheets)}")

        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            stale = re.compile(rf"{re.escape(xlsx.stem)}\.\d{{2,}}-.+\.png")
            for old in out_dir.iterdir():
                if stale.fullmatch(old.name) and old.is_file():
                    old.unlink()
            width = max(2, len(str(len(rendered))))
            out = []
            for i, (png, sheet) in enumerate(zip(rendered, sheets), start=1):
                target = out_dir / f"{xlsx.stem}.{i:0{width}d}-{slug(sheet)}.png"
                shutil.move(str(png), target)
                out.append(target)
        except OSError as e:
            raise PreviewError(f"{out_dir}: cannot write the preview: {e.strerror or e}") from None
    return out


def default_out_dir(xlsx: Path) -> Path:
    """Where previews go without --out: a folder beside the workbook, `<stem>.preview/`."""
    return xlsx.parent / f"{xlsx.stem}.preview"


def preview_main(xlsx_path: str, out_dir: str | None, dpi: int = 80) -> int:
    """The `preview` command: prints each PNG's path and returns 0; one line on stderr and 2 on errors."""
    xlsx = Path(xlsx_path)
    try:
        paths = preview(xlsx, Path(out_dir) if out_dir else default_out_dir(xlsx), dpi=dpi)
    except PreviewError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    for p in paths:
        print(p)
    return 0
