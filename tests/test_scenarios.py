"""Scenarios switch through one selector cell; the grids recompute the target price independently."""
from __future__ import annotations

import openpyxl
import pytest
import yaml

from builder.validation.loader import default_example, parse
from builder.audit.recalc import recalculate
from builder.model import build_model
from conftest import named_values, needs_libreoffice

CASES = ("base", "bear", "bull")
KEYS = ["IS_revenue", "IS_gross_profit", "IS_adj_net_profit", "BS_cash", "BS_total_assets", "KPI_eps_rmb",
        "VAL_target_price_hkd", "VAL_upside", "VAL_rating", "CHK_master"]


def example() -> dict:
    return yaml.safe_load(default_example().read_text(encoding="utf-8"))


def with_live(case: str) -> dict:
    data = example()
    data["scenarios"]["live"] = case
    return data


@pytest.fixture(scope="module")
def direct():
    """Each case built directly (its own live case), as the Python model computes it."""
    return {c: build_model(parse(with_live(c))).named() for c in CASES}


def test_cases_differ_and_base_is_the_report(direct):
    assert round(direct["base"]["VAL_target_price_hkd"], 2) == 12.98
    assert direct["bear"]["VAL_target_price_hkd"] < direct["base"]["VAL_target_price_hkd"] < \
        direct["bull"]["VAL_target_price_hkd"]
    assert direct["bear"]["IS_revenue"][:2] == direct["base"]["IS_revenue"][:2]  # actuals never move
    assert direct["bear"]["IS_revenue"][3] < direct["base"]["IS_revenue"][3]
    for c in CASES:
        assert direct[c]["CHK_master"] is True


def test_valuation_shows_every_case_at_once(direct):
    base = build_model(parse(example()))
    for c in CASES:
        assert base.value(f"VAL_scenario_{c}_target_price_hkd") == pytest.approx(direct[c]["VAL_target_price_hkd"],
                                                                                 rel=1e-12)
        assert base.value(f"VAL_scenario_{c}_upside") == pytest.approx(direct[c]["VAL_upside"], rel=1e-12)
        assert base.value(f"VAL_scenario_{c}_rating") == direct[c]["VAL_rating"]


def test_selector_is_a_validated_list(xlsx):
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["Assumptions"]
    selector = next(row[3] for row in ws.iter_rows() if row[1].value == "Live scenario")
    assert selector.value == "Base"
    rules = [dv for dv in ws.data_validations.dataValidation if selector.coordinate in dv.sqref]
    assert rules and rules[0].type == "list"
    lo, hi = rules[0].formula1.replace("$", "").split("!")[-1].split(":")
    assert [ws[f"D{r}"].value for r in range(int(lo[1:]), int(hi[1:]) + 1)] == ["Base", "Bear", "Bull"]


@needs_libreoffice
def test_switching_the_selector_in_libreoffice_gives_each_case(xlsx, tmp_path, direct):
    paths = []
    for c, name in (("bear", "Bear"), ("bull", "Bull"), ("base", "Base")):
        wb = openpyxl.load_workbook(xlsx)
        ws = wb["Assumptions"]
        next(row[3] for row in ws.iter_rows() if row[1].value == "Live scenario").value = name
        path = tmp_path / f"switched_{c}.xlsx"
        wb.save(path)
        paths.append((c, path))
    engine = recalculate([p for _, p in paths], tmp_path / "lo")
    for (c, _), out in zip(paths, engine):
        values = named_values(openpyxl.load_workbook(out, data_only=True))
        for key in KEYS:
            got, want = values[key], direct[c][key]
            if isinstance(want, list):
                assert got == pytest.approx(want, rel=1e-9, abs=1e-6), (c, key)
            elif isinstance(want, float):
                assert got == pytest.approx(want, rel=1e-9), (c, key)
            else:
                assert got == want, (c, key)


def test_grid_centre_is_the_target_price_and_cells_recompute():
    m = build_model(parse(example()))
    a = parse(example())
    tp = m.value("VAL_target_price_hkd")
    mults = a.sensitivity.multiple_changes.values
    revs = a.sensitivity.revenue_changes.values
    fxs = a.sensitivity.fx_changes.values
    basis = m.value("VAL_basis_revenue")
    fx, shares, price, target = a.market.fx.value, a.market.shares_outstanding_m.value, a.market.price.value, 5
    centre_row, centre_col = mults.index(0), revs.index(0) + 1
    assert m.series(f"KPI_sens_tp_rev_{centre_row}")[centre_col] == pytest.approx(tp, rel=1e-12)
    for i, dm in enumerate(mults):
        row = m.series(f"KPI_sens_tp_rev_{i}")
        up = m.series(f"KPI_sens_up_rev_{i}")
        assert row[0] == target + dm
        for j, dr in enumerate(revs, start=1):
            expected = (target + dm) * basis * (1 + dr) * fx / shares
            assert row[j] == pytest.approx(expected, rel=1e-12)
            assert up[j] == pytest.approx(expected / price - 1, rel=1e-12)
        fx_row = m.series(f"KPI_sens_tp_fx_{i}")
        for j, df in enumerate(fxs, start=1):
            assert fx_row[j] == pytest.approx((target + dm) * basis * fx * (1 + df) / shares, rel=1e-12)


def test_base_cell_is_marked(wb_formulas):
    ws = wb_formulas["Valuation"]
    marked = [c for row in ws.iter_rows() for c in row
              if c.data_type == "f" and c.border.left.style == "medium"]
    assert len(marked) == 4  # two price grids, two upside grids


def test_scenario_override_errors(tmp_path):
    from builder.validation.loader import AssumptionsError
    data = example()
    data["scenarios"]["cases"][0]["overrides"]["revenue.segments.from_mars.growth"] = [0.1, 0.1, 0.1]
    data["scenarios"]["cases"][1]["overrides"]["valuation.target_multiple"] = [6, 7]
    data["scenarios"]["live"] = "sideways"
    with pytest.raises(AssumptionsError) as e:
        parse(data)
    text = str(e.value)
    assert "scenarios.cases[0].overrides.revenue.segments.from_mars.growth" in text
    assert "scenarios.cases[1].overrides.valuation.target_multiple: expected one number" in text
    assert "scenarios.live" in text
