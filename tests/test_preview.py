"""The preview: every sheet of the workbook printed to PNG pages named after their sheet."""
from __future__ import annotations

import re
import shutil

import openpyxl
import pytest
from PIL import Image

import builder.commands.preview as preview_module
from builder.commands.preview import PreviewError, preview, preview_main, slug
from conftest import needs_preview_tools

PAGE = re.compile(r"kingsoft_cloud\.(\d{2,})-(.+)\.png")


@pytest.fixture(scope="module")
def pages(xlsx, tmp_path_factory):
    return preview(xlsx, tmp_path_factory.mktemp("preview"))


@needs_preview_tools
def test_every_sheet_has_a_page_named_after_it(pages, xlsx):
    sheets = openpyxl.load_workbook(xlsx, read_only=True).sheetnames
    assert len(sheets) == 8
    slugs = [PAGE.fullmatch(p.name).group(2) for p in pages]
    for sheet in sheets:
        assert slug(sheet) in slugs, sheet
    # Pages are numbered in order and follow the workbook's sheet order.
    assert [int(PAGE.fullmatch(p.name).group(1)) for p in pages] == list(range(1, len(pages) + 1))
    order = [slug(s) for s in sheets]
    assert [order.index(s) for s in slugs] == sorted(order.index(s) for s in slugs)


@needs_preview_tools
def test_pages_are_pngs_with_something_on_them(pages):
    for page in pages:
        with Image.open(page) as im:
            assert im.format == "PNG"
            assert im.width > 500 and im.height > 300  # A4 at 80 dpi: about 935 x 661
            extrema = im.convert("L").getextrema()
            assert extrema[0] != extrema[1], f"{page.name} is blank"
            dark = sum(n for v, n in enumerate(im.convert("L").histogram()) if v < 128)
            assert dark > 2000, f"{page.name} is nearly empty"


@needs_preview_tools
def test_preview_main_prints_the_pages_and_replaces_an_earlier_preview(xlsx, tmp_path, capsys):
    stale = tmp_path / "kingsoft_cloud.99-old-sheet.png"
    stale.write_bytes(b"old")
    other = tmp_path / "kingsoft_cloud.zh.revenue.png"  # not a preview page: left alone
    other.write_bytes(b"chart")
    assert preview_main(str(xlsx), str(tmp_path)) == 0
    printed = capsys.readouterr().out.split()
    assert printed and all(PAGE.fullmatch(p.rsplit("/", 1)[-1]) for p in printed)
    assert not stale.exists() and other.read_bytes() == b"chart"


@needs_preview_tools
def test_default_folder_is_beside_the_workbook(xlsx, tmp_path, capsys):
    copy = tmp_path / "kingsoft_cloud.xlsx"
    shutil.copyfile(xlsx, copy)
    assert preview_main(str(copy), None) == 0
    assert sorted(p.name for p in (tmp_path / "kingsoft_cloud.preview").iterdir()) == \
        sorted(p.rsplit("/", 1)[-1] for p in capsys.readouterr().out.split())


def test_slug():
    assert slug("P&L") == "p-l"
    assert slug("Revenue Build") == "revenue-build"
    assert slug("估值") == "估值"
    assert slug("&&") == "sheet"


@pytest.mark.parametrize("name,content,expect", [
    ("missing.xlsx", None, "not found"),
    ("notes.txt", b"hello", "not an .xlsx"),
    ("fake.xlsx", b"PK\x03\x04 not really a zip", "not an .xlsx"),
])
def test_bad_files_give_one_line(tmp_path, capsys, name, content, expect):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert preview_main(str(path), str(tmp_path / "out")) == 2
    err = capsys.readouterr().err
    assert expect in err and len(err.strip().splitlines()) == 1 and err.startswith("error: ")


@pytest.mark.parametrize("missing,expect", [("soffice", "LibreOffice"), ("pdftoppm", "poppler-utils")])
def test_missing_tools_give_one_line(xlsx, tmp_path, capsys, monkeypatch, missing, expect):
    if missing == "soffice":
        monkeypatch.setattr(preview_module, "soffice", lambda: None)
    else:
        monkeypatch.setattr(preview_module, "_pdftoppm", lambda: None)
    with pytest.raises(PreviewError, match=expect):
        preview(xlsx, tmp_path)
    assert preview_main(str(xlsx), str(tmp_path)) == 2
    err = capsys.readouterr().err
    assert expect in err and len(err.strip().splitlines()) == 1


@needs_preview_tools
def test_dpi_option_scales_the_pages(pages, xlsx, tmp_path, capsys):
    from builder.commands.cli import main
    assert main(["preview", str(xlsx), "--out", str(tmp_path), "--dpi", "40"]) == 0
    small = [tmp_path / p.rsplit("/", 1)[-1] for p in capsys.readouterr().out.split()]
    assert [p.name for p in small] == [p.name for p in pages]
    with Image.open(pages[0]) as big, Image.open(small[0]) as half:
        assert abs(half.width * 2 - big.width) <= 2 and abs(half.height * 2 - big.height) <= 2


def test_dpi_out_of_range_is_one_line(xlsx, tmp_path, capsys):
    assert preview_main(str(xlsx), str(tmp_path), dpi=5) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "dpi 5 is outside 20..600" in err


@needs_preview_tools
def test_readme_preview_example_names_a_file_the_command_writes(pages):
    from pathlib import Path
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    example = re.search(r"e\.g\. `(kingsoft_cloud\.\d+-[a-z-]+\.png)`", readme).group(1)
    assert example in [p.name for p in pages]
