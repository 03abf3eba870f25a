"""Hostile inputs end in one line on stderr, exit 2, within 10 s and 500 MB, nothing written.

Every bomb is generated here, at test time, and run through the command line in a subprocess with
RLIMIT_AS at 500 MB and a 10 s timeout.
"""
from __future__ import annotations

import base64
import io
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from builder.safety import xlsx_guard

ROOT = Path(__file__).resolve().parents[1]
MEMORY = 500 * 1024 * 1024
TIMEOUT = 10


def _limits():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def refused(*args: str, cwd: Path) -> str:
    """Run the CLI under the limits; assert exit 2, one stderr line, nothing new in cwd; return the line."""
    before = sorted(os.listdir(cwd))
    start = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "builder", *args], cwd=cwd, capture_output=True, text=True,
                       timeout=TIMEOUT, preexec_fn=_limits, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert time.monotonic() - start < TIMEOUT
    lines = r.stderr.splitlines()
    assert r.returncode == 2, (r.returncode, r.stderr[-2000:])
    assert len(lines) == 1 and lines[0].startswith("error: "), r.stderr[-2000:]
    assert "\x1b" not in r.stderr
    assert sorted(os.listdir(cwd)) == before
    return lines[0]


# -- assumptions files ---------------------------------------------------------------------------------
def test_nested_anchors_fail_fast(tmp_path):
    # 20 KB of anchors, each level ten aliases of the one before: 10^40 values once expanded.
    lines = ["unknown_key:", "  a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 40):
        lines.append(f"  a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    lines += [f"  pad{i}: &p{i} [{'y, ' * 40}y]" for i in range(200)]
    (tmp_path / "laughs.yaml").write_text("\n".join(lines) + "\n")
    assert (tmp_path / "laughs.yaml").stat().st_size > 20_000
    line = refused("validate", "laughs.yaml", cwd=tmp_path)
    assert line.startswith("error: laughs.yaml:") and "aliases" in line


def test_merge_key_bomb_fails_fast(tmp_path):
    lines = ["m0: &m0 {k: 1}"] + [f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}]}}" for i in range(1, 60)]
    (tmp_path / "merge.yaml").write_text("\n".join(lines) + "\n")
    assert "expand" in refused("validate", "merge.yaml", cwd=tmp_path)


def test_recursive_alias_and_deep_nesting(tmp_path):
    (tmp_path / "rec.yaml").write_text("company: &a {x: [1, *a]}\n")
    assert "recursive" in refused("validate", "rec.yaml", cwd=tmp_path)
    (tmp_path / "deep.yaml").write_text("x: " + "[" * 200_000 + "]" * 200_000 + "\n")
    assert "nested more than" in refused("validate", "deep.yaml", cwd=tmp_path)


def test_dev_zero_fifo_and_folder_are_refused_without_reading(tmp_path):
    assert refused("validate", "/dev/zero", cwd=tmp_path).endswith("/dev/zero: is a character device")
    os.mkfifo(tmp_path / "pipe.yaml")
    assert refused("validate", "pipe.yaml", cwd=tmp_path) == "error: pipe.yaml: is a FIFO (named pipe)"
    assert refused("build", "--price-file", "pipe.yaml", "--out", ".", cwd=tmp_path) \
        == "error: pipe.yaml: price file is a FIFO (named pipe)"
    assert refused("build", "--price-file", "/dev/zero", "--out", ".", cwd=tmp_path).endswith("a character device")
    (tmp_path / "dir.yaml").mkdir()
    assert refused("validate", "dir.yaml", cwd=tmp_path) == "error: dir.yaml: is a directory, not an assumptions file"


def test_oversized_file_is_refused_before_reading(tmp_path):
    with open(tmp_path / "big.yaml", "wb") as f:  # sparse: 3 GB on paper, nothing on disk
        f.truncate(3 * 1024 ** 3)
    assert "3,221,225,472 bytes; the limit is" in refused("validate", "big.yaml", cwd=tmp_path)


# -- workbooks -----------------------------------------------------------------------------------------
def _zip(path: Path, members: dict[str, bytes], method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)


def _deflate_bomb(path: Path, mib: int):
    row = b"<row>" + b'<c r="A1"><v>1</v></c>' * 40 + b"</row>"
    block = row * (1024 * 1024 // len(row) + 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for _ in range(mib):
                f.write(block)


@pytest.mark.parametrize("command", ["audit", "extract", "diff", "preview"])
def test_deflate_bomb(tmp_path, command):
    _deflate_bomb(tmp_path / "bomb.xlsx", 100)
    assert (tmp_path / "bomb.xlsx").stat().st_size < 1_000_000
    args = ["diff", "bomb.xlsx", "bomb.xlsx"] if command == "diff" else [command, "bomb.xlsx"]
    line = refused(*args, cwd=tmp_path)
    assert "bomb.xlsx: refused before parsing: member xl/worksheets/sheet1.xml inflates" in line


def test_bzip2_member_is_refused(tmp_path):
    _zip(tmp_path / "b.xlsx", {"xl/\x1b[2Jsheet1.xml": b" " * 10_000},
         zipfile.ZIP_BZIP2)
    line = refused("audit", "b.xlsx", cwd=tmp_path)  # refused() also checks that no ESC reached stderr
    assert "compression method 12" in line and "\u241b[2Jsheet1.xml" in line


def test_too_many_cells_and_members(tmp_path):
    cells = b"<worksheet><sheetData><row>" + b"<c/>" * (xlsx_guard.MAX_CELLS + 1) + b"</row></sheetData></worksheet>"
    _zip(tmp_path / "cells.xlsx", {"xl/worksheets/sheet1.xml": cells}, zipfile.ZIP_STORED)
    assert "more than 500,000 cells or 500,000 rows" in refused("audit", "cells.xlsx", "--no-recalc", cwd=tmp_path)
    rows = b"<worksheet><sheetData>" + b"<row/>" * (xlsx_guard.MAX_ROWS + 1) + b"</sheetData></worksheet>"
    _zip(tmp_path / "rows.xlsx", {"xl/worksheets/sheet1.xml": rows}, zipfile.ZIP_STORED)
    assert "more than 500,000 cells or 500,000 rows" in refused("audit", "rows.xlsx", cwd=tmp_path)
    _zip(tmp_path / "many.xlsx", {f"x/{i}.xml": b"<a/>" for i in range(xlsx_guard.MAX_MEMBERS + 1)})
    assert "zip members" in refused("extract", "many.xlsx", cwd=tmp_path)


def test_deeply_nested_xml_is_refused_before_openpyxl_reads_it(tmp_path):
    # Stored, not deflated: passes the ratio check; openpyxl alone ran past 20 s on it.
    sheet = b"<worksheet><sheetData>" + b"<x>" * 3_000_000 + b"</x>" * 3_000_000 + b"</sheetData></worksheet>"
    _zip(tmp_path / "nest.xlsx", {"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": sheet},
         zipfile.ZIP_STORED)
    assert "nests elements more than 100 deep" in refused("audit", "nest.xlsx", "--no-recalc", cwd=tmp_path)


def test_xml_entity_declarations_are_refused(tmp_path):
    lol = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
           b"<worksheet>&b;</worksheet>")
    _zip(tmp_path / "lol.xlsx", {"xl/worksheets/sheet1.xml": lol})
    assert "declares a DTD" in refused("audit", "lol.xlsx", cwd=tmp_path)


def _custom_props(payload: str) -> bytes:
    chunks = [payload[i:i + 240] for i in range(0, len(payload), 240)]
    props = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i + 2}" '
                    f'name="builder_assumptions_{i:04d}"><vt:lpwstr>{c}</vt:lpwstr></property>'
                    for i, c in enumerate(chunks))
    return ('<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/'
            'officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/docPropsVTypes">{props}</Properties>').encode()


def test_foreign_workbook_is_refused_before_the_sheets_are_parsed(tmp_path):
    # No signature, and a sheet openpyxl cannot parse: the message shows that the sheets were never read.
    _zip(tmp_path / "foreign.xlsx", {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook>",
                                      "xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"})
    line = refused("extract", "foreign.xlsx", cwd=tmp_path)
    assert line == "error: foreign.xlsx: not a workbook built by this tool (no embedded assumptions)"


def test_deeply_nested_payload_is_damaged_not_a_traceback(tmp_path):
    deep = "[" * 200_000 + "]" * 200_000
    payload = base64.b64encode(zlib.compress(deep.encode(), 9)).decode()
    _zip(tmp_path / "deep.xlsx", {"docProps/custom.xml": _custom_props(payload)})
    assert "embedded assumptions are damaged" in refused("extract", "deep.xlsx", cwd=tmp_path)
    assert "embedded assumptions are damaged" in refused("diff", "deep.xlsx", "deep.xlsx", cwd=tmp_path)


def test_payload_that_inflates_past_the_cap(tmp_path):
    z = zlib.compressobj(9)
    packed = io.BytesIO()
    packed.write(z.compress(b'{"x": "'))
    for _ in range(64):
        packed.write(z.compress(b" " * (1 << 20)))
    packed.write(z.compress(b'"}') + z.flush())
    payload = base64.b64encode(packed.getvalue()).decode()
    _zip(tmp_path / "fat.xlsx", {"docProps/custom.xml": _custom_props(payload)})
    assert (tmp_path / "fat.xlsx").stat().st_size < 200_000
    assert "inflate past" in refused("extract", "fat.xlsx", cwd=tmp_path)


def test_a_valid_payload_still_decodes(tmp_path):
    from builder.commands.embedded import decode, payload_chunks
    data = {"company": {"id": "x"}, "n": [1, 2, {"k": "v"}]}
    payload = base64.b64encode(zlib.compress(json.dumps(data).encode())).decode()
    _zip(tmp_path / "ok.xlsx", {"docProps/custom.xml": _custom_props(payload)})
    chunks = payload_chunks(tmp_path / "ok.xlsx", "builder_assumptions_", ValueError)
    assert len(chunks) == -(-len(payload) // 240)
    assert decode(chunks, "ok.xlsx", ValueError) == data
