"""`roll`: the Kingsoft example rolled to its FY2024 actuals builds, audits clean and recalculates in
LibreOffice; drivers of later years stay; the previous estimates land in `variance`."""
from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
import yaml

from builder.commands.cli import main
from builder.validation.loader import default_example, load
from conftest import libreoffice_named_values, needs_libreoffice

EXAMPLE = default_example()
ACTUALS = EXAMPLE.with_name("kingsoft_cloud_actuals_2024.csv")


@pytest.fixture(scope="module")
def rolled(tmp_path_factory) -> tuple[Path, Path, str]:
    folder = tmp_path_factory.mktemp("roll")
    source = folder / "kingsoft_cloud.yaml"
    shutil.copy(EXAMPLE, source)
    return folder, source, folder / "kingsoft_cloud_rolled_2024A.yaml"


def _roll(capsys, *args) -> tuple[int, str, str]:
    code = main(["roll", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_kingsoft_rolls_to_2024_keeping_later_drivers_and_comments(rolled, capsys):
    folder, source, target = rolled
    code, out, err = _roll(capsys, source, "--actuals", ACTUALS)
    assert code == 0, err
    assert source.read_bytes() == EXAMPLE.read_bytes()  # the original is untouched
    old, new = yaml.safe_load(EXAMPLE.read_text("utf-8")), yaml.safe_load(target.read_text("utf-8"))
    assert new["years"] == {"actual": [2022, 2023, 2024], "estimate": [2025, 2026, 2027]}
    for i, seg in enumerate(old["revenue"]["segments"]):
        assert new["revenue"]["segments"][i]["growth"]["values"][:2] == seg["growth"]["values"][1:]  # 2025-26E
        assert new["revenue"]["segments"][i]["growth"]["values"][2] == seg["growth"]["values"][2]  # carried
    assert new["cost_of_revenue"]["gross_margin"]["values"] == [0.18, 0.20, 0.20]
    assert new["opex"][1]["driver"]["values"] == [0.11, 0.10, 0.10]
    assert new["revenue"]["segments"][1]["actuals"]["values"] == [879, 868, 1260]
    assert new["balance_sheet"][0]["actuals"]["values"] == [3419, 2255, 2000]
    assert new["eps_shares_m"]["values"] == [3600, 3600, 3805.28, 3805.28, 3805.28, 3805.28]
    cases = {c["key"]: c["overrides"] for c in new["scenarios"]["cases"]}
    assert cases["bear"]["revenue.segments.from_xiaomi.growth"] == [0.45, 0.25, 0.25]
    assert cases["bear"]["valuation.target_multiple"] == 4
    # Each reported value's filing is in its series' note; every YAML comment of the original survives.
    assert "2024A: Kingsoft Cloud annual report 2024" in new["cost_of_revenue"]["actuals"]["source"]
    text = target.read_text("utf-8")
    comments = [line.strip() for line in EXAMPLE.read_text("utf-8").splitlines() if line.strip().startswith("#")]
    assert comments and all(c in text for c in comments)
    assert "# the segments are customers" in text
    # stdout lists every carried value for review: line, field, period, value.
    assert re.search(r"^  from_xiaomi +revenue\.segments\[1\]\.growth +2027E  0\.358799$", out, re.M)
    printed = new["cash_flow"]["printed"]["cfo"]["values"]
    assert printed == old["cash_flow"]["printed"]["cfo"]["values"] + [None]  # the report printed no 2027E


def test_variance_holds_the_old_models_2024_estimates(rolled, capsys):
    folder, source, target = rolled
    if not target.exists():
        assert _roll(capsys, source, "--actuals", ACTUALS)[0] == 0
    old = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    variance = yaml.safe_load(target.read_text("utf-8"))["variance"]
    assert variance["period"] == 2024 and variance["previous"] == "kingsoft_cloud.yaml"
    est = variance["estimates"]
    # Independently: each segment's 2023 actual x (1 + its 2024E growth).
    segments = {s["key"]: s["actuals"]["values"][-1] * (1 + s["growth"]["values"][0])
                for s in old["revenue"]["segments"]}
    revenue = sum(segments.values())
    assert est["IS_revenue"] == pytest.approx(revenue, rel=1e-9)
    for key, value in segments.items():
        assert est[f"RB_{key}"] == pytest.approx(value, rel=1e-9)
    gross = revenue * old["cost_of_revenue"]["gross_margin"]["values"][0]
    assert est["IS_gross_profit"] == pytest.approx(gross, rel=1e-9)
    opex = sum(c["driver"]["values"][0] * revenue for c in old["opex"])
    impairment = old["impairment"]["driver"]["values"][0]
    assert est["IS_operating_profit"] == pytest.approx(gross - opex - impairment, rel=1e-9)
    nonop = sum(n["driver"]["values"][0] * (revenue if n["driver"]["kind"] == "pct_of_revenue" else 1)
                for n in old["non_operating"])
    pbt = gross - opex - impairment + nonop
    tax = -old["tax"]["effective_rate"]["values"][0] * pbt  # the rate is tax expense / profit before tax
    net = pbt + tax
    assert est["IS_net_profit"] == pytest.approx(net, rel=1e-9)
    parent = net * (1 - old["minority_share"]["values"][0])
    assert est["IS_net_profit_parent"] == pytest.approx(parent, rel=1e-9)
    assert est["KPI_eps"] == pytest.approx(parent / old["eps_shares_m"]["values"][2], rel=1e-9)
    assert {"BS_total_assets", "CF_cfo", "KPI_bvps"} <= set(est)
    assert not any(k.startswith(("CF_printed_", "CF_diff_")) for k in est)


@needs_libreoffice
def test_rolled_kingsoft_builds_audits_clean_and_libreoffice_agrees(rolled, capsys, tmp_path):
    folder, source, target = rolled
    if not target.exists():
        assert _roll(capsys, source, "--actuals", ACTUALS)[0] == 0
    out = tmp_path / "out"
    out.mkdir()
    code = main(["build", str(target), "--out", str(out), "--no-charts"])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "audit: 0 errors, 0 warnings" in printed.out
    named = libreoffice_named_values(out / "kingsoft_cloud.xlsx", tmp_path / "lo")
    labels = [c for c in named["IS_revenue"]]
    assert named["CHK_master"] is True
    assert labels[2] == pytest.approx(7785.2)  # 2024A: the reported revenue
    assert len(labels) == 6  # 2022A..2027E
    a = load(target)
    assert [p.year for p in a.years.periods() if not p.actual] == [2025, 2026, 2027]
    # The Variance sheet, recalculated: reported minus the old model's 2024E, the old figure by hand.
    old = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    old_revenue = sum(s["actuals"]["values"][-1] * (1 + s["growth"]["values"][0]) for s in old["revenue"]["segments"])
    assert named["VAR_IS_revenue_estimate"] == pytest.approx(old_revenue, rel=1e-9)
    assert named["VAR_IS_revenue_reported"] == pytest.approx(7785.2)
    assert named["VAR_IS_revenue_difference"] == pytest.approx(7785.2 - old_revenue, rel=1e-9)
    assert named["VAR_IS_revenue_difference_pct"] == pytest.approx((7785.2 - old_revenue) / old_revenue, rel=1e-9)
    assert named["VAR_beat_revenue"] is (7785.2 > old_revenue)
    # A source note that ends in a web address links to it (the newest filing); the audit stays clean.
    import openpyxl
    links = {c.hyperlink.target: str(c.value) for ws in openpyxl.load_workbook(out / "kingsoft_cloud.xlsx")
             for row in ws.iter_rows() for c in row if c.hyperlink is not None and c.hyperlink.target}
    with open(ACTUALS, encoding="utf-8") as f:
        urls = {re.search(r"https?://\S+", r["source"]).group(0) for r in csv.DictReader(f) if "http" in r["source"]}
    assert links and set(links) <= urls  # totals (revenue) are checked, not kept as a note
    assert "https://www.reportify.ai/filings/1109598149435068416" in links  # cost of revenue's 2024A source
    assert all(url in text and "2024A:" in text for url, text in links.items())
    reported_gross = 1340.9  # the filing's gross profit (CSV)
    old_gross = old_revenue * old["cost_of_revenue"]["gross_margin"]["values"][0]
    assert named["VAR_IS_gross_profit_difference"] == pytest.approx(reported_gross - old_gross, rel=1e-6)


def test_in_place_keeps_a_backup(tmp_path, capsys):
    source = tmp_path / "k.yaml"
    shutil.copy(EXAMPLE, source)
    code, out, err = _roll(capsys, source, "--actuals", ACTUALS, "--in-place")
    assert code == 0, err
    assert (tmp_path / "k.yaml.bak").read_bytes() == EXAMPLE.read_bytes()
    assert yaml.safe_load(source.read_text("utf-8"))["years"]["actual"] == [2022, 2023, 2024]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.yaml", "k.yaml.bak"]


# -- bad input: one line each, exit 2, nothing written ---------------------------------------------------
def _rows() -> list[list[str]]:
    with open(ACTUALS, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def _bad(tmp_path, capsys, rows, *extra) -> tuple[int, str, str]:
    source = tmp_path / "k.yaml"
    shutil.copy(EXAMPLE, source)
    bad = tmp_path / "bad.csv"
    with open(bad, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = _roll(capsys, source, "--actuals", bad, *extra)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written
    assert "Traceback" not in result[2]
    return result


def _edit(rows, line, column, value):
    out = [list(r) for r in rows]
    for r in out[1:]:
        if r[0] == line:
            r[column] = value
    return out


def test_wrong_period_names_the_next_one(tmp_path, capsys):
    code, _, err = _bad(tmp_path, capsys, _edit(_rows(), "cash", 1, "2025"))
    assert code == 2
    line = next(i for i, r in enumerate(_rows(), 1) if r[0] == "cash")
    assert err.strip() == (f"error: {tmp_path / 'bad.csv'}:{line}: cash: period 2025 is not the model's next "
                           f"period; the next one to report is 2024")


def test_unknown_line_suggests_the_key(tmp_path, capsys):
    code, _, err = _bad(tmp_path, capsys, _edit(_rows(), "receivables", 0, "recievables"))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "recievables: unknown line (did you mean 'receivables'?)" in lines[0]


def test_missing_line_is_named(tmp_path, capsys):
    rows = [r for r in _rows() if r[0] != "payables"]
    code, _, err = _bad(tmp_path, capsys, rows)
    assert code == 2
    assert err.strip() == (f"error: {tmp_path / 'bad.csv'}: payables: no reported value for 2024 "
                           f"(required: it fills balance_sheet[7].actuals.values)")


def test_balance_sheet_that_does_not_balance_names_the_check_and_difference(tmp_path, capsys):
    code, _, err = _bad(tmp_path, capsys, _edit(_rows(), "receivables", 2, "1750"))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1
    # Assets grow by 50 while liabilities and equity stay at 14,467.
    assert "balance_sheet: 2024A: assets 14,517 vs liabilities and equity 14,467 (difference 50" in lines[0]


def test_cash_flow_that_does_not_explain_cash_names_the_difference(tmp_path, capsys):
    rows = _edit(_edit(_rows(), "other_financing", 2, "-300"), "cfo", 2, "628.4")
    code, _, err = _bad(tmp_path, capsys, rows)
    assert code == 2
    # Cash and restricted cash 2,200 against 2,489 + net cash flow (22.4 more than before) + FX 5.
    assert "cash_flow.actuals: 2024A: cash 2,200 vs" in err and "(difference -22.4" in err


def test_total_that_contradicts_its_parts(tmp_path, capsys):
    code, _, err = _bad(tmp_path, capsys, _edit(_rows(), "revenue", 2, "7790"))
    assert code == 2
    assert "revenue: reported 7,790 but its parts sum to 7,785.2 (difference +4.8, tolerance 1)" in err


def test_unit_slip_warns_and_strict_refuses(tmp_path, capsys):
    rows = _edit(_rows(), "other_income_net", 2, "100000")  # estimate 100: reported in thousands
    rows = _edit(rows, "fx_gain_loss", 2, "-100060")  # keep the net loss as reported (500x its estimate: no warning)
    code, _, err = _bad(tmp_path, capsys, rows, "--strict")
    assert code == 2
    assert "other_income_net: reported 100,000 is 1,000 times the previous estimate 100 (a unit slip?)" in err
    source = tmp_path / "k.yaml"
    code = main(["roll", str(source), "--actuals", str(tmp_path / "bad.csv"), "-o", str(tmp_path / "new.yaml")])
    err = capsys.readouterr().err
    assert code == 0, err
    assert len(err.strip().splitlines()) == 1
    assert "warning: reported 100,000 is 1,000 times the previous estimate 100" in err


def test_csv_problems_name_the_file_and_line(tmp_path, capsys):
    rows = _edit(_rows(), "cash", 2, "lots")
    code, _, err = _bad(tmp_path, capsys, rows)
    line = next(i for i, r in enumerate(_rows(), 1) if r[0] == "cash")
    assert code == 2 and err.strip() == f"error: {tmp_path / 'bad.csv'}:{line}: cash: value 'lots' is not a number"
    code, _, err = _bad(tmp_path, capsys, [["line", "period", "amount", "source"]] + _rows()[1:])
    assert code == 2 and f"{tmp_path / 'bad.csv'}:1: " in err and "value is missing" in err


def test_only_the_rolled_lines_change(rolled, capsys):
    """Outside the series that roll moves, the years and the new variance, the rolled file is the original
    line for line."""
    folder, source, target = rolled
    if not target.exists():
        assert _roll(capsys, source, "--actuals", ACTUALS)[0] == 0
    old = EXAMPLE.read_text("utf-8").splitlines()
    new = target.read_text("utf-8").split("\n# Written by `roll`")[0].splitlines()
    assert len(new) == len(old)
    changed = [(a, b) for a, b in zip(old, new) if a != b]
    moved = ("values:", "  actual:", "  estimate:", ".growth:", ".gross_margin:")
    assert changed and all(any(m in a for m in moved) and a.split(":")[0] == b.split(":")[0] for a, b in changed)


def test_a_second_roll_replaces_the_variance(rolled, tmp_path, capsys):
    from roll_helpers import reported_from_estimates, write_csv
    folder, source, target = rolled
    if not target.exists():
        assert _roll(capsys, source, "--actuals", ACTUALS)[0] == 0
    first = load(target)
    reported = reported_from_estimates(first)
    actuals = write_csv(tmp_path / "2025.csv", "2025", reported)
    again = tmp_path / "again.yaml"
    code, _, err = _roll(capsys, target, "--actuals", actuals, "-o", again)
    assert code == 0, err
    data = yaml.safe_load(again.read_text("utf-8"))
    assert data["years"] == {"actual": [2022, 2023, 2024, 2025], "estimate": [2026, 2027, 2028]}
    assert data["variance"]["period"] == 2025 and data["variance"]["previous"] == target.name
    assert data["variance"]["estimates"]["IS_revenue"] == pytest.approx(
        sum(reported[s.key] for s in first.revenue.segments), rel=1e-9)
    assert again.read_text("utf-8").count("variance:") == 1


def test_a_variance_period_must_be_an_actual_one(tmp_path, capsys):
    text = EXAMPLE.read_text("utf-8") + "\nvariance:\n  period: 2025\n  previous: x.yaml\n  estimates: {IS_revenue: 1}\n"
    path = tmp_path / "v.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "variance.period: 2025 is an estimate period; the variance needs reported figures (the actual periods are 2022, 2023)" in err


def test_a_csv_for_the_wrong_year_is_one_line(tmp_path, capsys):
    rows = [rows_[:1] + ["2025"] + rows_[2:] for rows_ in _rows()[1:]]
    code, _, err = _bad(tmp_path, capsys, [_rows()[0]] + rows)
    assert code == 2
    assert err.strip() == (f"error: {tmp_path / 'bad.csv'}:2: from_kingsoft: period 2025 is not the model's next "
                           f"period; the next one to report is 2024 (and {len(rows) - 1} more rows for 2025)")


def test_diff_of_the_old_and_rolled_files_shows_the_moved_periods(rolled, capsys):
    folder, source, target = rolled
    if not target.exists():
        assert _roll(capsys, source, "--actuals", ACTUALS)[0] == 0
    capsys.readouterr()
    assert main(["diff", str(EXAMPLE), str(target)]) == 0
    out = capsys.readouterr().out
    old = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    revenue_2024e = sum(s["actuals"]["values"][-1] * (1 + s["growth"]["values"][0]) for s in old["revenue"]["segments"])
    assert re.search(rf"Revenue \(RMB m\) +2024E +{revenue_2024e:,.0f} +- *$", out, re.M)  # an actual now
    assert re.search(r"Revenue \(RMB m\) +2027E +- +[\d,]+ *$", out, re.M)  # the added period


def test_a_reported_share_count_replaces_the_estimate(tmp_path, capsys):
    rows = _rows() + [["eps_shares_m", "2024", "3790.5", "Annual report: weighted average shares"]]
    source = tmp_path / "k.yaml"
    shutil.copy(EXAMPLE, source)
    actuals = tmp_path / "a.csv"
    with open(actuals, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    code, _, err = _roll(capsys, source, "--actuals", actuals, "-o", tmp_path / "new.yaml")
    assert code == 0, err
    shares = yaml.safe_load((tmp_path / "new.yaml").read_text("utf-8"))["eps_shares_m"]
    assert shares["values"] == [3600, 3600, 3790.5, 3805.28, 3805.28, 3805.28]
    assert shares["source"].endswith("; 2024A: Annual report: weighted average shares")
