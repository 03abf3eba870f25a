"""The three statements tie: the balance sheet balances and cash comes from the cash-flow statement."""
import pytest

ACTUAL, ESTIMATE = range(0, 2), range(2, 5)


def test_forecast_balance_sheet_balances_exactly(named):
    for p in ESTIMATE:
        assert named["BS_total_assets"][p] == pytest.approx(named["BS_total_liabilities_and_equity"][p], abs=1e-6)


def test_actual_balance_sheet_within_report_rounding(named):
    for p in ACTUAL:
        assert abs(named["BS_total_assets"][p] - named["BS_total_liabilities_and_equity"][p]) <= 1


def test_cash_rolls_forward_from_the_cash_flow_statement(named):
    """Cash and restricted cash = last year's + net cash flow + FX effect (US GAAP cash pool)."""
    pool = [c + r for c, r in zip(named["BS_cash"], named["BS_restricted_cash"])]
    fx = [v or 0 for v in named["CF_fx_effect_on_cash"]]
    for p in ESTIMATE:
        assert pool[p] == pytest.approx(pool[p - 1] + named["CF_net_cash_flow"][p] + fx[p], abs=1e-6)
    assert abs(pool[1] - (pool[0] + named["CF_net_cash_flow"][1] + fx[1])) <= 1  # 2023A, report rounding


def test_net_cash_flow_is_the_sum_of_its_sections(named):
    for p in range(5):
        assert named["CF_net_cash_flow"][p] == pytest.approx(
            named["CF_cfo"][p] + named["CF_cfi"][p] + named["CF_cff"][p], abs=1e-9)


def test_equity_rolls_forward_with_profit_split(named):
    for p in ESTIMATE:
        parent, minority = named["IS_net_profit_parent"][p], named["IS_net_profit_minority"][p]
        assert parent + minority == pytest.approx(named["IS_net_profit"][p], abs=1e-9)
        fx = named["CF_fx_effect_on_cash"][p]  # translation difference through OCI (0 in the example)
        assert named["BS_accumulated_deficit"][p] == pytest.approx(named["BS_accumulated_deficit"][p - 1] + parent + fx)
        assert named["BS_minority_interests"][p] == pytest.approx(named["BS_minority_interests"][p - 1] + minority)


def test_fixed_assets_roll_forward(named):
    for p in ESTIMATE:
        assert named["BS_fixed_assets"][p] == pytest.approx(
            named["BS_fixed_assets"][p - 1] + named["BS_capex"][p] - named["BS_depreciation"][p])
        assert named["CF_capex"][p] == pytest.approx(-named["BS_capex"][p])


def test_printed_cash_flow_lines_are_shown_beside_the_model(wb_values, reference):
    ws = wb_values["Cash Flow"]
    labels = {row[1].value: [c.value for c in row[3:8]] for row in ws.iter_rows(min_row=5) if row[1].value}
    printed = reference["cash_flow"]
    report_rows = {k: v for k, v in labels.items() if k.startswith("Report: ")}
    diff_rows = {k: v for k, v in labels.items() if k.startswith("Difference: ")}
    assert len(report_rows) >= 11 and len(diff_rows) == len(report_rows)
    assert report_rows["Report: D&A and impairment"] == printed["dep_amort_impairment"]
    assert report_rows["Report: Net cash flow"] == printed["net_cash_flow"]


def test_checks_sheet_shows_each_check_by_year(wb_values):
    ws = wb_values["Checks"]
    rows = {row[1].value: [c.value for c in row[3:8]] for row in ws.iter_rows(min_row=5) if row[1].value}
    assert rows["Assets = liabilities + equity"] == [True] * 5
    assert rows["Assets = liabilities + equity: difference"][2:] == pytest.approx([0, 0, 0], abs=1e-9)
    assert rows["Cash = prior cash + net cash flow + FX effect"][1:] == [True] * 4
