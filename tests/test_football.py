"""The football field (issue 18, item 5): value ranges per share as workbook cells, a native chart and a PNG.

Acme values on P/S: target price = multiple x 2023E revenue x FX / shares, with the grid moving the multiple
by -2..+2 and revenue by -10%..+10% (the schema's default axes); its range is worked out here by hand.
"""
from __future__ import annotations

import copy
import zipfile

import openpyxl
import pytest
import yaml

from builder.commands.build import build
from builder.commands.cli import main
from builder.validation.loader import parse
from conftest import libreoffice_named_values, named_values, needs_libreoffice
from other_company import acme

REVENUE_2023 = 150 * 1.2 * 1.15 + 55 * 1.1 * 1.1  # Acme's segments grown by the fixture's rates
SHARES, MULTIPLE, PRICE = 52, 6.5, 25.0
LOW = (MULTIPLE - 2) * REVENUE_2023 * (1 - 0.1) / SHARES
HIGH = (MULTIPLE + 2) * REVENUE_2023 * (1 + 0.1) / SHARES
TARGET = MULTIPLE * REVENUE_2023 / SHARES


def with_week52(low=18.0, high=31.0) -> dict:
    data = acme()
    data["market"]["week52"] = {"low": low, "high": high, "source": "Exchange data, 52 weeks to 2022-02-28"}
    return data


@pytest.fixture(scope="module")
def field_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("football")
    result = build(parse(with_week52()), out, audit=True)
    return result, out


@pytest.fixture(scope="module")
def field_named(field_build):
    return named_values(openpyxl.load_workbook(field_build[1] / "acme_robotics.xlsx", data_only=True))


def test_method_range_is_the_min_and_max_of_the_sensitivity_grid(field_named):
    assert field_named["VAL_ff_method_low"] == pytest.approx(LOW)
    assert field_named["VAL_ff_method_high"] == pytest.approx(HIGH)
    assert field_named["VAL_ff_method_width"] == pytest.approx(HIGH - LOW)
    assert field_named["VAL_ff_week52_low"] == 18.0 and field_named["VAL_ff_week52_high"] == 31.0
    assert field_named["VAL_ff_week52_width"] == pytest.approx(13.0)
    assert field_named["VAL_ff_price"] == PRICE
    assert field_named["VAL_ff_target_price"] == pytest.approx(TARGET)


def test_the_range_is_a_formula_over_the_grid_cells(field_build):
    """MIN/MAX over the grid's target-price block: the values in that block, read from the sheet, agree."""
    wb = openpyxl.load_workbook(field_build[1] / "acme_robotics.xlsx")
    values = openpyxl.load_workbook(field_build[1] / "acme_robotics.xlsx", data_only=True)
    sheet, ref = next(iter(wb.defined_names["VAL_ff_method_low"].destinations))
    formula = wb[sheet][ref.replace("$", "")].value
    assert formula.startswith("=MIN(") and formula.endswith(")")
    block = values[sheet][formula[5:-1].replace("$", "")]
    prices = [c.value for row in block for c in row]
    assert len(prices) == 25  # 5 multiples x 5 revenue changes
    assert min(prices) == pytest.approx(LOW) and max(prices) == pytest.approx(HIGH)


def test_week52_inputs_are_on_the_assumptions_sheet_with_their_source(field_build):
    ws = openpyxl.load_workbook(field_build[1] / "acme_robotics.xlsx")["Assumptions"]
    rows = [[c.value for c in row if c.value is not None] for row in ws.iter_rows()]
    low = next(r for r in rows if "52-week low" in r)
    assert 18.0 in low and "Exchange data, 52 weeks to 2022-02-28" in low


def test_audit_clean_and_native_chart_present(field_build):
    result, out = field_build
    assert result.findings == [] or all(f.severity not in ("error", "warning") for f in result.findings)
    with zipfile.ZipFile(out / "acme_robotics.xlsx") as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    football = [c for c in charts if "Football field" in c]
    assert len(football) == 1 and 'c:grouping val="stacked"' in football[0] and "<a:noFill/>" in football[0]


@needs_libreoffice
def test_libreoffice_agrees_and_the_range_moves_with_the_target_multiple(field_build, tmp_path):
    xlsx = field_build[1] / "acme_robotics.xlsx"
    engine = libreoffice_named_values(xlsx, tmp_path / "as_built")
    assert engine["VAL_ff_method_low"] == pytest.approx(LOW)
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["Assumptions"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == MULTIPLE and c.column > 3)
    cell.value = 8.0
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    from builder.audit.recalc import recalculate
    [out] = recalculate([edited], tmp_path / "edited_lo")
    moved = named_values(openpyxl.load_workbook(out, data_only=True))
    assert moved["VAL_ff_method_low"] == pytest.approx((8.0 - 2) * REVENUE_2023 * 0.9 / SHARES)
    assert moved["VAL_ff_method_high"] == pytest.approx((8.0 + 2) * REVENUE_2023 * 1.1 / SHARES)


def test_png_per_language_linked_and_redrawn_when_a_range_changes(field_build, tmp_path):
    _, out = field_build
    png = out / "acme_robotics.en.football.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and (out / "acme_robotics.zh.football.png").exists()
    assert "(acme_robotics.en.football.png)" in (out / "acme_robotics.en.md").read_text()
    other = tmp_path / "other"
    other.mkdir()
    build(parse(with_week52(low=12.0)), other)
    assert (other / "acme_robotics.en.football.png").read_bytes() != png.read_bytes()


def test_without_week52_the_bar_is_left_out(tmp_path):
    result = build(parse(acme()), tmp_path)
    named = result.model.named()
    assert "VAL_ff_method_low" in named and not any(k.startswith("VAL_ff_week52") for k in named)
    assert (tmp_path / "acme_robotics.en.football.png").exists()


def test_week52_low_above_high_is_refused(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(with_week52(low=40.0, high=31.0), sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["build", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "market.week52" in err[0] and "low 40 is above high 31" in err[0], err
    assert not any(out.iterdir())
