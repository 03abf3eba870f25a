"""The football field of a blend (issue 18, item 5): one bar for the blend's own grid and one for each part,
the part's own sensitivity range: a multiple part's target price over its multiple axis, a DCF part's over
its WACC x terminal-growth grid. Each range is worked out here by hand from the model's flows."""
from __future__ import annotations

import math
import zipfile
from pathlib import Path

import openpyxl
import pytest

from builder.commands.build import build
from builder.validation.loader import load
from conftest import libreoffice_named_values, named_values, needs_libreoffice

EXAMPLE = Path(__file__).parents[1] / "builder" / "examples" / "nvidia_blend.yaml"


@pytest.fixture(scope="module")
def blend_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("football_blend")
    a = load(EXAMPLE)
    result = build(a, out, audit=True)
    named = named_values(openpyxl.load_workbook(out / "nvidia_blend.xlsx", data_only=True))
    return a, result, out, named


def _pe_prices(a, named) -> list[float]:
    """P/E part: (target multiple + each step) x EPS of the basis year, in market currency per share."""
    part = next(p for p in a.valuation.blend if p.method == "P/E")
    return [(part.target_multiple.value + step) * named["VAL_basis_pe"] * named["VAL_fx"]
            for step in a.sensitivity.multiple_changes.values]


def _dcf_prices(a, named) -> list[float]:
    """DCF part: every estimate flow and the Gordon terminal value discounted again at each WACC, for each
    terminal growth; the discount periods recovered from the model's discount factors at its own WACC."""
    wacc, growth = named["VAL_wacc"], named["VAL_terminal_growth"]
    flows = [(f, -math.log(df) / math.log(1 + wacc))
             for f, df in zip(named["DCF_fcff"], named["DCF_discount_factor"]) if f is not None]
    terminal_period = math.log(named["VAL_terminal_value"] / named["DCF_pv_terminal"]) / math.log(1 + wacc)
    dcf = a.valuation.dcf
    prices = []
    for dw in dcf.wacc_changes.values:
        for dg in dcf.terminal_changes.values:
            w, g = wacc + dw, growth + dg
            ev = sum(f / (1 + w) ** t for f, t in flows)
            ev += flows[-1][0] * (1 + g) / (w - g) / (1 + w) ** terminal_period
            prices.append((ev - named["VAL_bridge"]) * named["VAL_fx"] / named["VAL_shares_m"])
    return prices


def test_each_part_has_a_bar_spanning_its_own_range(blend_build):
    a, _, _, named = blend_build
    pe, dcf = _pe_prices(a, named), _dcf_prices(a, named)
    assert len(dcf) == 25
    assert named["VAL_ff_part_pe_low"] == pytest.approx(min(pe), rel=1e-9)
    assert named["VAL_ff_part_pe_high"] == pytest.approx(max(pe), rel=1e-9)
    assert named["VAL_ff_part_dcf_low"] == pytest.approx(min(dcf), rel=1e-9)
    assert named["VAL_ff_part_dcf_high"] == pytest.approx(max(dcf), rel=1e-9)
    assert named["VAL_ff_part_dcf_width"] == pytest.approx(max(dcf) - min(dcf), rel=1e-9)
    # Each part's base case is inside its range, and the blend's bar is there too.
    assert min(pe) <= named["VAL_target_price_pe"] <= max(pe)
    assert min(dcf) <= named["VAL_target_price_dcf"] <= max(dcf)
    assert named["VAL_ff_method_low"] <= named["VAL_target_price"] <= named["VAL_ff_method_high"]


def test_part_ranges_are_min_and_max_formulas_over_their_rows(blend_build):
    _, _, out, _ = blend_build
    wb = openpyxl.load_workbook(out / "nvidia_blend.xlsx")
    for name, cells in (("VAL_ff_part_pe_low", 5), ("VAL_ff_part_dcf_high", 25)):
        sheet, ref = next(iter(wb.defined_names[name].destinations))
        formula = wb[sheet][ref.replace("$", "")].value
        assert formula.startswith(("=MIN(", "=MAX(")), formula
        block = wb[sheet][formula[5:-1].replace("$", "")]
        assert sum(1 for row in block for _ in row) == cells
        assert all(str(c.value).startswith("=") for row in block for c in row)  # live prices, not typed


def test_audit_clean_native_chart_and_png_carry_every_bar(blend_build):
    _, result, out, _ = blend_build
    assert not [f for f in result.findings if f.severity in ("error", "warning")]
    bars = _view_bars(result)  # the blend, its P/E part, its DCF part (and the 52-week range when given)
    assert len(bars) == 3 + (1 if load(EXAMPLE).market.week52 else 0)
    assert [b.low for b in bars[1:3]] == [result.model.value("VAL_ff_part_pe_low"),
                                           result.model.value("VAL_ff_part_dcf_low")]
    with zipfile.ZipFile(out / "nvidia_blend.xlsx") as z:
        chart = next(z.read(n).decode() for n in z.namelist()
                     if n.startswith("xl/charts/chart") and "Football field" in z.read(n).decode())
    assert "VAL_ff_part" not in chart  # ranges are referenced as cells, not names
    assert chart.count("<c:pt idx=") >= 3 * 2  # categories and values of at least three bars
    assert (out / "nvidia_blend.en.football.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _view_bars(result):
    from builder.report.make import make_report
    view = make_report(result.model, load(EXAMPLE), None)
    return view.charts.football.bars


@needs_libreoffice
def test_libreoffice_agrees_with_the_part_ranges(blend_build, tmp_path):
    a, _, out, named = blend_build
    engine = libreoffice_named_values(out / "nvidia_blend.xlsx", tmp_path)
    dcf = _dcf_prices(a, named)
    assert engine["VAL_ff_part_dcf_low"] == pytest.approx(min(dcf), rel=1e-9)
    assert engine["VAL_ff_part_pe_high"] == pytest.approx(max(_pe_prices(a, named)), rel=1e-9)
