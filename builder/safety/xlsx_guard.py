"""Checks on a workbook's zip container before any XML parse: a bomb is refused in one line, fast.

`check_xlsx` looks at the central directory (member count, each member's and the total uncompressed
size, compression ratio and method) and then streams the worksheets through a byte count of their cells
and a search for DTDs (an xlsx never declares one; entity expansion is the XML bomb). zipfile never
inflates a member past the size its directory declares, so the limits checked here bound every later
read of the same file (openpyxl reads through zipfile too).

`check_well_formed` parses every XML part of a workbook we wrote, before it replaces an earlier one.
"""
from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path
from xml.parsers import expat

from .text import one_line

MAX_FILE_BYTES = 64 * 1024 * 1024       # the zip on disk
MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 64 * 1024 * 1024     # one part, uncompressed
MAX_TOTAL_BYTES = 128 * 1024 * 1024     # all parts, uncompressed
MAX_RATIO = 100                         # uncompressed / compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024               # tiny parts compress very well and cost nothing
MAX_CELLS = 500_000                     # cells in all worksheets (the 50,000-formula benchmark has ~60,000)
MAX_ROWS = 500_000                      # rows in all worksheets
MAX_XML_DEPTH = 100                     # nesting of elements (an xlsx part nests about 12 deep)
METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_CHUNK = 1 << 20


class XlsxError(Exception):
    """A workbook refused before parsing; str() is one line naming the file."""


def check_xlsx(path, error: type[Exception] = XlsxError, *, scan: bool = True) -> None:
    """Raise `error` (one line) if the file at `path` is not a zip that is safe to parse as a workbook.
    `scan=False` checks the directory only (no part is inflated): what extract needs before its signature."""
    try:
        _check(Path(path), error, scan)
    except error as e:  # member names come from the file: never an escape sequence on the terminal
        raise error(one_line(str(e))) from None


def _check(path: Path, error: type[Exception], scan: bool) -> None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise error(f"{path}: file not found") from None
    except OSError as e:
        raise error(f"{path}: cannot read: {e.strerror or e}") from None
    if not stat.S_ISREG(info.st_mode):
        raise error(f"{path}: not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise error(f"{path}: file is {info.st_size:,} bytes; the limit for a workbook is {MAX_FILE_BYTES:,}")
    try:
        with zipfile.ZipFile(path) as z:
            problem = _directory_problem(z.infolist()) or (_content_problem(z) if scan else None)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        raise error(f"{path}: not an xlsx file (not a readable zip archive)") from None
    except NotImplementedError as e:
        raise error(f"{path}: unsupported zip feature ({e})") from None
    except (OSError, RuntimeError, ValueError) as e:  # RuntimeError: an encrypted member
        raise error(f"{path}: not a readable xlsx workbook ({type(e).__name__}: {str(e)[:120]})") from None
    if problem:
        raise error(f"{path}: refused before parsing: {problem}")


def _directory_problem(members: list[zipfile.ZipInfo]) -> str | None:
    if len(members) > MAX_MEMBERS:
        return f"{len(members):,} zip members; the limit is {MAX_MEMBERS:,}"
    total = 0
    for m in members:
        name = m.filename[:80]
        if m.compress_type not in METHODS:
            return f"member {name} uses compression method {m.compress_type}; an xlsx uses deflate or none"
        if m.flag_bits & 0x1:
            return f"member {name} is encrypted"
        if m.file_size > MAX_MEMBER_BYTES:
            return f"member {name} inflates to {m.file_size:,} bytes; the limit is {MAX_MEMBER_BYTES:,}"
        if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            return (f"member {name} inflates {m.file_size // max(m.compress_size, 1):,} times "
                    f"({m.compress_size:,} to {m.file_size:,} bytes); the limit is {MAX_RATIO}")
        total += m.file_size
    if total > MAX_TOTAL_BYTES:
        return f"members inflate to {total:,} bytes in all; the limit is {MAX_TOTAL_BYTES:,}"
    return None


def _content_problem(z: zipfile.ZipFile) -> str | None:
    """Stream every XML part once (never more than a chunk in memory): no DTD, nesting at most MAX_XML_DEPTH,
    and cells and rows counted in the worksheets. Legacy VML (often not well-formed) is only searched for DTDs."""
    scan = _Scan()
    try:
        for m in z.infolist():
            name = m.filename.lower()
            if name.endswith((".xml", ".rels")):
                scan.part(z, m)
            elif name.endswith(".vml") and _declares_dtd(z, m):
                return f"member {m.filename[:80]} declares a DTD or entities"
    except _Refused as e:
        return str(e)
    return None


def part_problem(z: zipfile.ZipFile, m: zipfile.ZipInfo) -> str | None:
    """The same checks on one XML part (no DTD, bounded nesting, well-formed), or None."""
    try:
        _Scan().part(z, m)
    except _Refused as e:
        return str(e)
    return None


class _Refused(Exception):
    pass


class _Scan:
    def __init__(self):
        self.cells = self.rows = self.depth = 0
        self.sheet, self.member = False, ""

    def part(self, z: zipfile.ZipFile, m: zipfile.ZipInfo) -> None:
        self.sheet, self.member, self.depth = m.filename.startswith("xl/worksheets/"), m.filename[:80], 0
        parser = expat.ParserCreate()
        parser.StartElementHandler, parser.EndElementHandler = self._start, self._end
        parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = self._dtd
        try:
            with z.open(m) as f:
                while True:
                    chunk = f.read(_CHUNK)
                    parser.Parse(chunk, not chunk)
                    if not chunk:
                        break
        except expat.ExpatError as e:
            raise _Refused(f"member {self.member} is not well-formed XML ({expat.ErrorString(e.code)} "
                           f"at line {e.lineno})") from None

    def _start(self, name, attrs):
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            raise _Refused(f"member {self.member} nests elements more than {MAX_XML_DEPTH} deep")
        if self.sheet:
            local = name.rpartition(":")[2]
            if local == "c":
                self.cells += 1
            elif local == "row":
                self.rows += 1
            if self.cells > MAX_CELLS or self.rows > MAX_ROWS:
                raise _Refused(f"more than {MAX_CELLS:,} cells or {MAX_ROWS:,} rows in the worksheets; "
                               f"those are the limits")

    def _end(self, name):
        self.depth -= 1

    def _dtd(self, *args):
        raise _Refused(f"member {self.member} declares a DTD or entities")


def _declares_dtd(z: zipfile.ZipFile, m: zipfile.ZipInfo) -> bool:
    with z.open(m) as f:
        tail = b""
        while True:
            chunk = f.read(_CHUNK)
            if not chunk:
                return False
            if _DTD.search(tail + chunk):
                return True
            tail = chunk[-16:]


def check_well_formed(path) -> None:
    """Raise XlsxError naming the first XML part of the workbook that does not parse."""
    with zipfile.ZipFile(path) as z:
        for m in z.infolist():
            if not m.filename.lower().endswith((".xml", ".rels", ".vml")):
                continue
            parser = expat.ParserCreate()
            try:
                with z.open(m) as f:
                    parser.ParseFile(f)
            except expat.ExpatError as e:
                raise XlsxError(f"{path}: the workbook written is not well-formed XML in {m.filename}: "
                                f"{expat.ErrorString(e.code)} at line {e.lineno}, column {e.offset}") from None
