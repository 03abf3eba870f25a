"""The Variance sheet, the summaries' results review and diff's estimate-vs-reported lines (issue 18, item 3).

Expected figures are worked out here from the fixture's inputs (Acme's 2021 actuals), never read back
from the model.
"""
from __future__ import annotations

import openpyxl
import pytest
import yaml

from builder.audit import audit_workbook
from builder.commands.build import build
from builder.commands.cli import main
from builder.commands.diff import compare, variance_lines
from builder.validation.loader import parse
from builder.model import build_model
from conftest import libreoffice_named_values, named_values, needs_libreoffice
from other_company import acme

ESTIMATES = {"IS_revenue": 240.5, "IS_net_profit_parent": 30.0, "KPI_eps": 0.0, "IS_gross_profit": 90.0}
# Acme's 2021 actuals, from the fixture's inputs: segments 150 + 55; cost of revenue 120; opex 25 + 12;
# net interest -3; tax -9; no minorities; 50m weighted shares.
REVENUE_2021 = 150 + 55
GROSS_PROFIT_2021 = REVENUE_2021 - 120
NET_PROFIT_2021 = GROSS_PROFIT_2021 - 25 - 12 - 3 - 9
EPS_2021 = NET_PROFIT_2021 / 50
REPORTED = {"IS_revenue": REVENUE_2021, "IS_net_profit_parent": NET_PROFIT_2021, "KPI_eps": EPS_2021,
            "IS_gross_profit": GROSS_PROFIT_2021}


def with_variance(estimates=None, period=2021) -> dict:
    data = acme()
    data["variance"] = {"period": period, "previous": "acme_2020-11.yaml",
                        "estimates": dict(ESTIMATES if estimates is None else estimates)}
    return data


@pytest.fixture(scope="module")
def variance_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("variance")
    result = build(parse(with_variance()), out, audit=True)
    return result, out


@pytest.fixture(scope="module")
def variance_named(variance_build):
    return named_values(openpyxl.load_workbook(variance_build[1] / "acme_robotics.xlsx", data_only=True))


def test_stored_values_are_the_reported_minus_the_estimate(variance_named):
    for key, estimate in ESTIMATES.items():
        assert variance_named[f"VAR_{key}_estimate"] == estimate
        assert variance_named[f"VAR_{key}_reported"] == pytest.approx(REPORTED[key])
        assert variance_named[f"VAR_{key}_difference"] == pytest.approx(REPORTED[key] - estimate)
        expected_pct = (REPORTED[key] - estimate) / abs(estimate) if estimate else "n.m."
        assert variance_named[f"VAR_{key}_difference_pct"] == pytest.approx(expected_pct)
    assert variance_named["VAR_IS_revenue_difference"] == pytest.approx(-35.5)
    # Beats: revenue 205 < 240.5 (miss); net profit 36 > 30 (beat); EPS 0.72 > 0 (beat).
    assert variance_named["VAR_beat_revenue"] is False
    assert variance_named["VAR_beat_net_profit"] is True
    assert variance_named["VAR_beat_eps"] is True


def test_estimates_are_inputs_noted_with_the_previous_file_and_reported_figures_link(variance_build):
    wb = openpyxl.load_workbook(variance_build[1] / "acme_robotics.xlsx")
    ws = wb["Variance"]
    sheet, ref = next(iter(wb.defined_names["VAR_IS_revenue_estimate"].destinations))
    assert sheet == "Variance"
    cell = ws[ref.replace("$", "")]
    assert cell.value == 240.5 and not cell.protection.locked  # an input, unlocked like every input
    assert "acme_2020-11.yaml" in " ".join(str(c.value) for c in ws[cell.row] if c.value is not None)
    _, reported = next(iter(wb.defined_names["VAR_IS_revenue_reported"].destinations))
    assert ws[reported.replace("$", "")].value.startswith("='P&L'!")
    _, pct = next(iter(wb.defined_names["VAR_KPI_eps_difference_pct"].destinations))
    assert "ABS(" in ws[pct.replace("$", "")].value


def test_workbook_audits_clean_and_checks_hold(variance_build):
    result, out = variance_build
    findings = audit_workbook(out / "acme_robotics.xlsx", recalc=False)
    assert [f for f in findings if f.severity in ("error", "warning")] == []
    assert result.model.value("CHK_master") is True


@needs_libreoffice
def test_libreoffice_agrees(variance_build, tmp_path):
    engine = libreoffice_named_values(variance_build[1] / "acme_robotics.xlsx", tmp_path)
    assert engine["VAR_IS_net_profit_parent_difference_pct"] == pytest.approx((NET_PROFIT_2021 - 30) / 30)
    assert engine["VAR_KPI_eps_difference_pct"] == "n.m."
    assert engine["VAR_beat_revenue"] is False


def test_results_review_in_every_summary_only_when_given(variance_build, tmp_path):
    _, out = variance_build
    en, zh = (out / "acme_robotics.en.md").read_text(), (out / "acme_robotics.zh.md").read_text()
    assert "## Results review: 2021A reported vs previous estimates" in en
    # Money in whole units, as the summaries print it; the difference as a share of the estimate to 0.1%.
    diff = REVENUE_2021 - 240.5
    assert f"| Revenue | {240.5:,.0f} | {REVENUE_2021:,.0f} | {diff:,.0f} | {diff / 240.5 * 100:.1f}% | Miss |" in en
    assert f"| Attributable to shareholders | 30 | {NET_PROFIT_2021:,.0f} | {NET_PROFIT_2021 - 30:,.0f} | " \
           f"{(NET_PROFIT_2021 - 30) / 30 * 100:.1f}% | Beat |" in en
    assert "| Basic EPS (attributable) | 0.00 | 0.72 | 0.72 | n.m. | Beat |" in en
    assert "## 业绩回顾：2021A 实际与上次预测" in zh
    plain = tmp_path / "plain"
    plain.mkdir()
    build(parse(acme()), plain)
    assert "Results review" not in (plain / "acme_robotics.en.md").read_text()
    assert "业绩回顾" not in (plain / "acme_robotics.zh.md").read_text()
    assert "Variance" not in openpyxl.load_workbook(plain / "acme_robotics.xlsx").sheetnames


def test_a_one_language_file_gets_its_language_only(tmp_path):
    data = with_variance()
    data["languages"] = ["en"]
    build(parse(data), tmp_path)
    assert "Results review" in (tmp_path / "acme_robotics.en.md").read_text()
    assert not (tmp_path / "acme_robotics.zh.md").exists()


@pytest.mark.parametrize("change, expected", [
    ({"period": 2022}, "variance.period: 2022 is an estimate period"),
    ({"period": 2030}, "variance.period: 2030 is not a period of the model"),
    ({"estimates": {"IS_revenu": 1.0}}, "variance.estimates.IS_revenu: the model defines no line IS_revenu; "
                                        "did you mean IS_revenue?"),
])
def test_bad_variance_refused_in_one_line(tmp_path, capsys, change, expected):
    data = with_variance()
    data["variance"].update(change)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["build", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {path}:") and expected in err[0], err
    assert "Traceback" not in err[0]
    assert not any(out.iterdir())


def test_diff_of_a_rolled_file_shows_estimate_against_reported():
    """The old file estimated 2021 (its years one earlier, the same drivers); the new one reports it."""
    old = acme()
    old["years"] = {"actual": [2018, 2019, 2020], "estimate": [2021, 2022, 2023, 2024]}
    new = with_variance()
    a_old, a_new = parse(old), parse(new)
    lines = {v.label.split(" (")[0]: v for v in variance_lines(a_old, a_new)}
    # The old model's 2021E revenue grows its last actuals (150, 55) by the first growth rates (20%, 10%).
    old_revenue = 150 * 1.2 + 55 * 1.1
    revenue = lines["Revenue"]
    assert (revenue.period, revenue.estimate, revenue.reported) == ("2021A", pytest.approx(old_revenue), REVENUE_2021)
    assert revenue.difference == pytest.approx(REVENUE_2021 - old_revenue)
    assert lines["Attributable to shareholders"].reported == pytest.approx(NET_PROFIT_2021)
    text = compare(a_old, a_new)
    assert "Results review (old estimate vs reported)" in text
    fields = [line.split()[0] for line in text.splitlines() if line.startswith("  ") and line.split()]
    assert "variance.period" in fields and "variance" not in fields  # the new section's fields, not a blank row
    assert f"{REVENUE_2021 - old_revenue:+,.2f} ({(REVENUE_2021 - old_revenue) / old_revenue * 100:+.1f}%)" in text


def test_no_results_review_in_diff_without_a_rolled_period():
    a = parse(acme())
    assert variance_lines(a, a) == []
    assert "Results review" not in compare(a, a)


def test_model_without_variance_has_no_variance_handles():
    assert build_model(parse(acme())).handles.variance is None


def test_a_quarterly_model_compares_the_quarter_just_reported():
    """12 actual quarters from 2021Q1: the last, 2023Q4, is index 11; its revenue is the two segments' actuals."""
    from quarterly_company import quarterly
    data = quarterly()
    data["variance"] = {"period": "2023Q4", "previous": "acme_q3.yaml", "estimates": {"IS_revenue": 60.0}}
    model = build_model(parse(data))
    revenue = round(25 + 1.5 * 11, 2) + round(10 + 0.4 * 11, 2)
    named = model.named()
    assert model.periods[model.handles.variance.period].label == "2023Q4A"
    assert named["VAR_IS_revenue_reported"] == pytest.approx(revenue)
    assert named["VAR_IS_revenue_difference_pct"] == pytest.approx((revenue - 60.0) / 60.0)
    assert named["VAR_beat_revenue"] is (revenue > 60.0)


@pytest.mark.parametrize("change, expected", [
    ({"estimates": {"IS_revenue": float("nan")}}, "variance.estimates.IS_revenue"),
    ({"previous": "x" * 40000}, "variance.previous"),
    ({"extra": 1}, "variance.extra"),
])
def test_variance_fields_are_as_strict_as_every_section(tmp_path, capsys, change, expected):
    data = with_variance()
    data["variance"].update(change)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and expected in err[0], err
