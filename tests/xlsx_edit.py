"""Edit one cell inside an .xlsx's XML, keeping every other stored value (openpyxl would drop them all).

Test helper for the audit: xlsxwriter writes each cell as `<c r="F6" s="12" t="..."><f>...</f><v>...</v></c>`,
so one targeted substitution in one sheet's XML changes that cell and nothing else.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape


def sheet_part(archive: zipfile.ZipFile, title: str) -> str:
    """The zip member holding a sheet, found through workbook.xml and its relationships."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    for m in re.finditer(r'<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]*)"', workbook):
        if m.group(1) == escape(title):
            target = re.search(rf'Id="{m.group(2)}"[^>]*Target="([^"]*)"', rels).group(1)
            return "xl/" + target.lstrip("/").removeprefix("xl/")
    raise KeyError(title)


def set_cell_xml(src: Path, dst: Path, sheet: str, cell: str, value: str, cell_type: str | None = None) -> None:
    """Copy src to dst with the cell's stored `<v>` replaced (and its t= type set, None for a number)."""
    with zipfile.ZipFile(src) as z:
        part = sheet_part(z, sheet)
        members = [(info, z.read(info)) for info in z.infolist()]
    done = False
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            if info.filename == part:
                xml = data.decode("utf-8")
                pattern = re.compile(rf'<c r="{cell}"([^>]*?)(/>|>(.*?)</c>)', re.S)
                m = pattern.search(xml)
                assert m, f"{sheet}!{cell} not in {part}"
                attrs = re.sub(r'\s+t="[^"]*"', "", m.group(1)) + (f' t="{cell_type}"' if cell_type else "")
                body = m.group(3) or ""
                formula = re.search(r"<f[ >].*?</f>|<f/>", body, re.S)
                new = f'<c r="{cell}"{attrs}>{formula.group(0) if formula else ""}<v>{escape(value)}</v></c>'
                xml = xml[:m.start()] + new + xml[m.end():]
                data = xml.encode("utf-8")
                done = True
            out.writestr(info, data)
    assert done
