"""What the xlsx package holds besides cells: macros, chart series that read other workbooks, and page
headers and footers. Read from the zip's XML parts, which openpyxl does not keep (it drops charts
and VBA it does not write itself)."""
from __future__ import annotations

import posixpath
import re
import zipfile
from xml.etree import ElementTree as ET

from .findings import WORKBOOK, Finding, finding
from .limits import sheet_xml_limits

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# A chart series formula: <c:f>...</c:f> inside <c:strRef>, <c:numRef> or <c:tx>.
_CHART_F = re.compile(r"<(?:\w+:)?f>(.*?)</(?:\w+:)?f>", re.S)
_EXTERNAL = re.compile(r"\[[^\]]+\][^!]*!")  # [1]Sheet1!, [x.xlsx]Sheet1!, '\\host\share\[x.xlsx]S'!


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type suffix, target part) of a part."""
    folder, name = posixpath.split(part)
    try:
        root = ET.fromstring(archive.read(posixpath.join(folder, "_rels", name + ".rels")))
    except (KeyError, ET.ParseError):
        return {}
    out = {}
    for rel in root.iter(_REL):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
    return out


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet (and chart sheet) title -> its XML part."""
    try:
        root = ET.fromstring(archive.read("xl/workbook.xml"))
    except (KeyError, ET.ParseError):
        return {}
    rels = _rels(archive, "xl/workbook.xml")
    out = {}
    for sheet in root.iter(f"{_MAIN}sheet"):
        target = rels.get(sheet.get(_R_ID))
        if target is not None:
            out[sheet.get("name", "")] = target[1]
    return out


def _charts_of(archive: zipfile.ZipFile, part: str) -> list[str]:
    charts = []
    for kind, target in _rels(archive, part).values():
        if kind == "drawing":
            charts += [t for k, t in _rels(archive, target).values() if k == "chart"]
        elif kind == "chart":
            charts.append(target)
    return charts


def chart_links(archive: zipfile.ZipFile, parts: dict[str, str]) -> list[Finding]:
    out = []
    for title, part in parts.items():
        for chart in _charts_of(archive, part):
            try:
                xml = archive.read(chart).decode("utf-8", "replace")
            except KeyError:
                continue
            refs = sorted({f.strip() for f in _CHART_F.findall(xml) if _EXTERNAL.search(f)})
            if refs:
                listed = ", ".join(refs[:3]) + (", ..." if len(refs) > 3 else "")
                out.append(finding("external-link", title, "",
                                   f"chart {posixpath.basename(chart)} reads another workbook: {listed}"))
    return out


def macros(archive: zipfile.ZipFile) -> list[Finding]:
    names = set(archive.namelist())
    try:
        types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except KeyError:
        types = ""
    if "xl/vbaProject.bin" in names or "macroEnabled" in types or "vbaProject" in types:
        return [finding("macros", WORKBOOK, "", "the workbook carries VBA macros (xl/vbaProject.bin); they are "
                                                "not audited and may change values when run")]
    return []


def package_findings(path) -> list[Finding]:
    with zipfile.ZipFile(path) as archive:
        parts = sheet_parts(archive)
        out = macros(archive) + chart_links(archive, parts)
        for title, cell, message in sheet_xml_limits(archive, parts):
            out.append(finding("excel-limit", title, cell, message))
    return out
