"""The default workbook reproduces the report's printed figures, read from stored values by defined name."""
import pytest

SECTIONS = {"revenue_build": "RB", "income_statement": "IS", "balance_sheet": "BS", "summary_table": "KPI"}
YEARS = [2022, 2023, 2024, 2025, 2026]


def printed_figures(reference, sections):
    for section, prefix in sections.items():
        for key, values in reference[section].items():
            for year, printed in zip(YEARS, values):
                if printed is not None:
                    yield section, f"{prefix}_{key}", key, year, printed


def assert_matches(key, value, printed, where):
    assert isinstance(value, (int, float)) and not isinstance(value, bool), f"{where}: stored {value!r}"
    if key.endswith("_pct"):
        # Fractions in the workbook; the report prints whole percents.
        assert abs(value * 100 - printed) <= 0.5 + 1e-9, f"{where}: {value:.4%} vs printed {printed}%"
    elif key.startswith("eps"):
        assert abs(value - printed) <= 0.005 + 1e-9, f"{where}: {value} vs printed {printed}"
    elif key == "pb":
        assert abs(value - printed) <= 0.05 + 1e-9, f"{where}: {value} vs printed {printed}"
    else:
        assert abs(value - printed) <= 2, f"{where}: {value} vs printed {printed} (RMB m)"


def test_every_printed_figure_is_reproduced(reference, named):
    checked = 0
    for section, name, key, year, printed in printed_figures(reference, SECTIONS):
        assert name in named, f"defined name {name} missing"
        values = named[name]
        assert isinstance(values, list) and len(values) == 5, f"{name} should be 5 cells, 2022..2026"
        assert_matches(key, values[YEARS.index(year)], printed, f"{name} {year}")
        checked += 1
    assert checked > 300  # every printed figure of four tables


@pytest.mark.parametrize("key", ["net_profit", "capex", "net_cash_flow"])
def test_cash_flow_lines_that_a_balanced_model_can_match(reference, named, key):
    for year, printed, value in zip(YEARS, reference["cash_flow"][key], named[f"CF_{key}"]):
        assert abs(value - printed) <= 2, f"CF_{key} {year}: {value} vs {printed}"


def test_every_printed_cash_flow_line_has_a_name(reference, named):
    for key, values in reference["cash_flow"].items():
        if any(v is not None for v in values):
            assert len(named[f"CF_{key}"]) == 5


def test_valuation(named):
    assert round(named["VAL_target_price_hkd"], 2) == 12.98
    assert round(named["VAL_target_market_cap_hkd_m"] / 100) == 494  # 亿 HK$
    assert round(named["VAL_upside"] * 100) == 39
    assert round(named["VAL_peer_avg_ps_2025e"]) == 5
    assert round(named["VAL_peer_avg_ps_2026e"]) == 5
    assert named["VAL_target_ps"] == 5
    assert "Buy" in named["VAL_rating"] and "买入" in named["VAL_rating"]
    assert named["CHK_master"] is True


def test_peer_ps_is_market_cap_over_revenue_without_currency_conversion(reference, named):
    peers = [p for p in reference["peer_valuation"]["peers"] if p["market_cap"]]
    ps_2025 = [p["market_cap"] / p["rev_2025e"] for p in peers]
    ps_2026 = [p["market_cap"] / p["rev_2026e"] for p in peers]
    assert named["VAL_peer_avg_ps_2025e"] == pytest.approx(sum(ps_2025) / len(ps_2025), rel=1e-12)
    assert named["VAL_peer_avg_ps_2026e"] == pytest.approx(sum(ps_2026) / len(ps_2026), rel=1e-12)


def test_target_price_arithmetic(reference, named):
    r, m = reference["rating"], reference["market_data"]
    revenue_2025 = named["IS_revenue"][3]
    expected_cap = r["target_ps_2025e"] * revenue_2025 * m["fx_hkd_per_rmb"]
    assert named["VAL_target_market_cap_hkd_m"] == pytest.approx(expected_cap, rel=1e-12)
    assert named["VAL_target_price_hkd"] == pytest.approx(expected_cap / m["float_h_shares_m"], rel=1e-12)
    assert named["VAL_upside"] == pytest.approx(named["VAL_target_price_hkd"] / m["close_price_hkd"] - 1, rel=1e-12)


def test_percentages_are_stored_as_fractions(named):
    assert 0.17 < named["RB_gross_margin_pct"][3] < 0.19
    assert 0.17 < named["KPI_revenue_yoy_pct"][3] < 0.19
