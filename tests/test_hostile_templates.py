"""Analyst templates are sandboxed and bounded; user text never becomes markup, a link or a reference."""
from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from builder.commands.build import build
from builder.validation.loader import default_example, parse
from builder.render.markdown_safe import md_text
from builder.render.summary import templates_dir

ROOT = Path(__file__).resolve().parents[1]


def _limits():
    resource.setrlimit(resource.RLIMIT_AS, (500 * 1024 ** 2, 500 * 1024 ** 2))


def _template_dir(tmp_path: Path, extra: str) -> Path:
    # An analyst's folder has one template per language: ours (one for both, by `lang`) copied twice.
    folder = tmp_path / "tpl"
    folder.mkdir()
    for lang in ("zh", "en"):
        shutil.copyfile(templates_dir() / "summary.md.j2", folder / f"summary.{lang}.md.j2")
    with open(folder / "summary.en.md.j2", "a", encoding="utf-8") as f:
        f.write(extra)
    return folder


def _build_refused(tmp_path: Path, folder: Path) -> str:
    out = tmp_path / "out"
    out.mkdir()
    start = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "builder", "build", "--template", str(folder), "--out", str(out),
                        "--no-charts"], capture_output=True, text=True, timeout=10, preexec_fn=_limits,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert time.monotonic() - start < 10
    lines = r.stderr.splitlines()
    assert r.returncode == 2 and len(lines) == 1, r.stderr[-2000:]
    assert lines[0].startswith(f"error: {folder / 'summary.en.md.j2'}:")
    assert os.listdir(out) == []
    return lines[0]


@pytest.mark.parametrize("extra, expected", [
    ("{{ 'x' * 10**9 }}", "repeating a sequence 1,000,000,000 times"),
    ("{{ 7 ** 999999999 }}", "too large a number"),
    ('{{ "{:>900000000}".format(1) }}', "needs too much memory"),
    ('{{ "x"|center(900000000) }}', "needs too much memory"),
    ('{% include "summary.en.md.j2" %}', "include each other more than 10 deep"),
    ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "nest too deep"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "took more than"),
    ("{% for i in range(100000) %}{% for j in range(100) %}{{ 'y' * 100 }}{% endfor %}{% endfor %}",
     "the output passes"),
    ('{% include "../escape.j2" %}', "leaves the template folder"),
    ('{% include "/etc/passwd" %}', "leaves the template folder"),
])
def test_hostile_template_is_one_line_within_bounds(tmp_path, extra, expected):
    (tmp_path / "escape.j2").write_text("outside")
    assert expected in _build_refused(tmp_path, _template_dir(tmp_path, extra))


def test_symlinks_in_the_template_folder_are_refused(tmp_path):
    folder = _template_dir(tmp_path, '{% include "passwd.txt" %}')
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    assert "symbolic link" in _build_refused(tmp_path, folder)
    (tmp_path / "t2").mkdir()
    folder2 = _template_dir(tmp_path / "t2", '{% include "sub/x.j2" %}')
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "x.j2").write_text("fine")
    (folder2 / "sub").symlink_to(tmp_path / "real")  # a linked folder is refused too
    assert "symbolic link" in _build_refused(tmp_path / "t2", folder2)


def test_a_plain_include_inside_the_folder_still_works(tmp_path):
    folder = _template_dir(tmp_path, '{% include "parts/footer.j2" %}\n')
    (folder / "parts").mkdir()
    (folder / "parts" / "footer.j2").write_text("-- the footer --\n")
    out = tmp_path / "out"
    out.mkdir()
    build(parse(yaml.safe_load(default_example().read_text(encoding="utf-8"))), out, folder, charts=False)
    assert (out / "kingsoft_cloud.en.md").read_text(encoding="utf-8").endswith("-- the footer --\n")


# -- units, symbols and names in Markdown and charts ----------------------------------------------------
HOSTILE_UNITS = {
    "money_en": "='\\\\host\\share\\[x.xlsx]Sheet1'!A1",
    "market_symbol": "<script>alert(1)</script>|",
    "money_zh": "[x](javascript:alert(1))",
}


@pytest.fixture(scope="module")
def units_build(tmp_path_factory):
    data = yaml.safe_load(default_example().read_text(encoding="utf-8"))
    data["units"].update({k: v for k, v in HOSTILE_UNITS.items() if k in data["units"]})
    out = tmp_path_factory.mktemp("units")
    build(parse(data), out, charts=False)
    return out


def test_units_are_escaped_in_markdown(units_build):
    for lang in ("en", "zh"):
        text = (units_build / f"kingsoft_cloud.{lang}.md").read_text(encoding="utf-8")
        assert not re.search(r"(?<!\\)<", text)  # no raw HTML: every < is escaped
        assert not re.search(r"(?<!\\)\]\(javascript", text)  # no link
        # Every table row keeps its columns: the pipe in the symbol is escaped.
        header = next(line for line in text.splitlines() if line.startswith("|"))
        if lang == "en":  # the Chinese summary names a known currency in words (港元), not by its symbol
            assert "\\<script\\>alert(1)\\</script\\>\\|" in header
        assert header.count("|") - header.count("\\|") == 6


def test_chart_titles_and_names_stay_literal_text(units_build):
    with zipfile.ZipFile(units_build / "kingsoft_cloud.xlsx") as z:
        charts = {n: z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")}
        workbook = z.read("xl/workbook.xml").decode()
    assert charts
    for name, xml in charts.items():
        refs = re.findall(r"<c:f>([^<]*)</c:f>", xml)
        # The only references are to our own sheets' cells, never to the text given as units or multiple.
        assert all("host" not in r and "[" not in r for r in refs), (name, refs)
    assert "host" not in workbook
    revenue = next(x for x in charts.values() if "host" in x)
    # shown as typed, with a zero-width word joiner after the ! that keeps xlsxwriter from reading a reference
    assert "<a:t>='\\\\host\\share\\[x.xlsx]Sheet1'!\u2060A1</a:t>" in revenue


def test_md_text_escapes_markup():
    assert md_text("a|b <b>[l](javascript:x)</b>\n# h") == "a\\|b \\<b\\>\\[l\\](javascript:x)\\</b\\> \\# h"
