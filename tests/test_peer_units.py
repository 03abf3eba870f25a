"""Peers in their own currency and money unit: the peer table's headers and the Assumptions rows name
the unit each peer was typed in (m, 100m or bn), never a unit of the first report."""
from __future__ import annotations

import openpyxl
import pytest

from builder.commands.build import build
from builder.validation.loader import parse
from other_company import acme


def _built(tmp_path, units: list[str | None]):
    data = acme()
    for peer, unit in zip(data["valuation"]["peers"], units):
        if unit:
            peer["unit"] = unit
    out = tmp_path / "out"
    out.mkdir()
    build(parse(data), out, charts=False)
    return out


def _peer_header(md: str) -> str:
    return next(line for line in md.splitlines() if line.startswith("| ") and "Alpha" not in line
                and ("Market cap" in line or "总市值" in line))


def _units_column(xlsx) -> dict[str, str]:
    """Assumptions row label -> its units cell, for the peer rows (the English label column is B, units C)."""
    ws = openpyxl.load_workbook(xlsx).worksheets[1]
    rows = {}
    for r in range(1, ws.max_row + 1):
        label = ws.cell(r, 2).value
        if isinstance(label, str) and ("Alpha" in label or "Beta" in label):
            rows[label] = ws.cell(r, 3).value
    return rows


def test_the_same_unit_for_every_peer_goes_in_the_headers(tmp_path):
    out = _built(tmp_path, ["m", "m"])
    en = (out / "acme_robotics.en.md").read_text(encoding="utf-8")
    zh = (out / "acme_robotics.zh.md").read_text(encoding="utf-8")
    assert "Market cap (m)" in _peer_header(en) and "Revenue 2023 (m)" in _peer_header(en)
    assert "总市值（百万）" in _peer_header(zh) and "（亿）" not in zh and "(100m)" not in en
    assert set(_units_column(out / "acme_robotics.xlsx").values()) == {"USD m"}


def test_peers_in_different_units_say_theirs_beside_the_currency(tmp_path):
    out = _built(tmp_path, ["bn", "m"])
    en = (out / "acme_robotics.en.md").read_text(encoding="utf-8")
    header = _peer_header(en)
    assert "| Market cap |" in header and "(bn)" not in header and "(m)" not in header
    assert "| Alpha | A | USD (bn) |" in en and "| Beta | B | USD (m) |" in en
    units = _units_column(out / "acme_robotics.xlsx")
    assert {label.split(" ")[0]: u for label, u in units.items()} == {"Alpha": "USD bn", "Beta": "USD m"}


def test_a_peer_without_a_unit_keeps_hundred_millions(tmp_path):
    """The default, as every file before the field was written (their outputs stay as they were)."""
    out = _built(tmp_path, [None, None])
    en = (out / "acme_robotics.en.md").read_text(encoding="utf-8")
    assert "Market cap (100m)" in _peer_header(en)


def test_an_unknown_unit_is_refused():
    data = acme()
    data["valuation"]["peers"][0]["unit"] = "k"
    with pytest.raises(Exception, match="unit"):
        parse(data)
