"""The package restructure changes no output byte: every case built by the pinned commit from before
the restructure and by this tree gives identical workbooks, Markdown and PNG charts.

BEFORE is the last commit whose outputs the restructure must keep. A later change that means to
change outputs moves BEFORE to the commit that made that change, in the same commit, and says so.
"""
from __future__ import annotations

import io
import shutil
import struct
import subprocess
import tarfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from identity_cases import build_all

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "a7b71bd"  # issues 12-14 and 18 merged, P/E on the model's one EPS: the outputs later restructuring must keep
# Each PNG carries, in this text chunk, a digest of what it shows AND of the source of the modules that
# draw it (builder/chart_specs.py, builder/summary_charts.py), so that new drawing code redraws old
# charts. Restructuring those modules therefore changes that one chunk by design; every other byte of
# every PNG (pixels, their compression, every other chunk) must stay identical.
DIGEST_CHUNK_KEY = b"Builder-Chart-Digest"


def comparable(name: str, data: bytes) -> bytes:
    """The file's bytes, for a PNG without its chart-digest text chunk."""
    if not name.endswith(".png"):
        return data
    assert data[:8] == b"\x89PNG\r\n\x1a\n", name
    out, pos, dropped = [data[:8]], 8, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        end = pos + 12 + length
        if kind in (b"tEXt", b"iTXt") and data[pos + 8:end - 4].startswith(DIGEST_CHUNK_KEY + b"\0"):
            dropped += 1
        else:
            out.append(data[pos:end])
        pos = end
    assert dropped == 1, f"{name}: {dropped} digest chunks"
    return b"".join(out)


def _extract(commit: str, dest: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(),
                    reason="needs the project's git history (a source checkout)")
def test_outputs_identical_to_before_the_restructure(tmp_path):
    before_tree = _extract(BEFORE, tmp_path / "before_tree")
    with ThreadPoolExecutor(2) as pool:
        before = pool.submit(build_all, before_tree, tmp_path / "before")
        now = pool.submit(build_all, ROOT, tmp_path / "now")
        before, now = before.result(), now.result()
    assert set(now) == set(before)
    differing = [f"{case}/{name}" for case in before for name in sorted(set(before[case]) | set(now[case]))
                 if name not in before[case] or name not in now[case]
                 or comparable(name, before[case][name]) != comparable(name, now[case][name])]
    assert not differing, f"outputs differ from {BEFORE}: {differing}"
    assert sum(len(files) for files in now.values()) >= 6 * 9  # every case wrote its whole set
