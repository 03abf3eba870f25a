"""Validate is the contract: every file it accepts builds (exit 0, every check TRUE); every file it refuses
is refused with exit 2 and a named field, never a traceback, and nothing is written."""
from __future__ import annotations

import copy
import io
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.commands import build as build_module
from builder.commands.cli import main
from conftest import named_values
from other_company import acme
from quarterly_company import quarterly
from whole_files import rebalance, whole_files


def run(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def write(d: dict, folder: Path, name: str = "model.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(whole_files())
def test_every_file_validate_accepts_builds_with_every_check_true(d):
    """Validate is the contract: a file it accepts builds with every check TRUE; a file it refuses (drawn
    figures can make a ratio's base zero, e.g. a year with no adjusted profit) is refused by build the same
    way, one line a problem, exit 2, nothing written."""
    with tempfile.TemporaryDirectory() as tmp:
        src = write(d, Path(tmp))
        code, _, err = run("validate", str(src))
        out = Path(tmp, "out")
        out.mkdir()
        if code != 0:
            assert code == 2 and "Traceback" not in err, err
            assert all(line.startswith(f"error: {src}") for line in err.strip().splitlines()), err
            assert run("build", str(src), "--out", str(out), "--no-charts")[0] == 2
            assert not any(out.iterdir())
            return
        code, stdout, err = run("build", str(src), "--out", str(out), "--no-charts")
        assert code == 0, err
        assert "Traceback" not in err
        assert "audit: 0 errors" in stdout
        named = named_values(openpyxl.load_workbook(out / f"{d['company']['id']}.xlsx", data_only=True))
        assert named["CHK_master"] is True


def _shift_asset(d: dict, p: int, delta: float) -> str:
    """Add delta to a non-cash asset's actual in period p (the balance sheet no longer balances)."""
    line = next(b for b in d["balance_sheet"] if "assets" in b["section"] and b["role"] not in
                ("cash", "restricted_cash"))
    line["actuals"]["values"][p] += delta
    return line["key"]


def _money(x: float) -> str:
    """The message's number format: thousands separated, at most two decimals, no trailing zeros."""
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def _label(d: dict, p: int) -> str:
    years = d["years"]
    if years.get("frequency") == "quarterly":
        first_year, first_q = int(years["first"][:4]), int(years["first"][5])
        q = first_q - 1 + p
        return f"{first_year + q // 4}Q{q % 4 + 1}A"
    return f"{years['actual'][p]}A"


@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(whole_files(), st.data())
def test_a_balance_sheet_that_does_not_balance_is_refused_naming_year_sides_and_difference(d, data):
    n_act = len(d["balance_sheet"][0]["actuals"]["values"])
    p = data.draw(st.integers(0, n_act - 1))
    assets = sum(b["actuals"]["values"][p] for b in d["balance_sheet"] if "assets" in b["section"])
    claims = sum(b["actuals"]["values"][p] for b in d["balance_sheet"] if "assets" not in b["section"])
    _shift_asset(d, p, 50)
    with tempfile.TemporaryDirectory() as tmp:
        src = write(d, Path(tmp))
        code, _, err = run("validate", str(src))
        assert code == 2
        expected = (f"balance_sheet: {_label(d, p)}: assets {_money(assets + 50)} vs liabilities and equity "
                    f"{_money(claims)} (difference 50, tolerance")
        assert any(expected in line for line in err.splitlines()), err
        assert all(line.startswith(f"error: {src}:") for line in err.splitlines()), err


def test_cash_flow_that_does_not_explain_the_change_in_cash_is_refused(tmp_path):
    d = acme()
    d["cash_flow"]["actuals"]["capex"]["values"][2] -= 50  # 2021: 50 more spent than the cash shows
    src = write(d, tmp_path)
    code, _, err = run("validate", str(src))
    assert code == 2
    # By hand: 2021 net profit 205-120-37-3-9 = 36; net cash flow 36+10-16+0-65+0+5+0 = -30; cash 40 -> 60.
    assert err.strip() == (f"error: {src}:{_line_of(src, 'actuals:', after='cash_flow:')}: cash_flow.actuals: 2021A: "
                           "cash 60 vs prior cash 40 + net cash flow -30 + FX effect 0 = 10 (difference 50, tolerance 0.5)")


def _line_of(path: Path, text: str, after: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(after))
    return next(i for i in range(start, len(lines)) if lines[i].strip() == text) + 1


def test_contradictory_actuals_leave_earlier_outputs_as_they_were(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    good = write(acme(), tmp_path, "good.yaml")
    assert run("build", str(good), "--out", str(out), "--no-charts")[0] == 0
    before = snapshot(out)
    bad = acme()
    bad["balance_sheet"][1]["actuals"]["values"][1] += 50  # 2020 inventory 22 -> 72
    code, stdout, err = run("build", str(write(bad, tmp_path, "bad.yaml")), "--out", str(out), "--no-charts")
    assert code == 2 and stdout == ""
    # By hand: 2020 assets 40 + 72 + 55 + 10 = 177; liabilities and equity 17 + 35 + 50 + 25 = 127.
    assert "balance_sheet: 2020A: assets 177 vs liabilities and equity 127 (difference 50, tolerance 0.5)" in err
    assert snapshot(out) == before


def test_a_company_without_current_liabilities_builds(tmp_path):
    d = acme()
    for line in d["balance_sheet"]:
        if line["section"] == "current_liabilities":
            line["section"] = "non_current_liabilities"
    src = write(d, tmp_path)
    assert run("validate", str(src))[0] == 0
    code, _, err = run("build", str(src), "--out", str(tmp_path), "--no-charts")
    assert code == 0, err
    named = named_values(openpyxl.load_workbook(tmp_path / "acme_robotics.xlsx", data_only=True))
    assert named["BS_current_liabilities"] == [0] * 7
    assert named["CHK_master"] is True


def test_a_quarterly_company_with_one_segment_and_no_peers_builds(tmp_path):
    d = quarterly()
    d["revenue"]["segments"] = d["revenue"]["segments"][:1]
    d["valuation"]["peers"], d["valuation"]["peer_years"] = [], []
    rebalance(d)
    src = write(d, tmp_path)
    code, _, err = run("build", str(src), "--out", str(tmp_path))
    assert code == 0, err
    assert not (tmp_path / "acme_quarterly.en.peers.png").exists()  # no peers, no peer chart


def test_an_audit_error_in_the_staged_workbook_writes_nothing(tmp_path, monkeypatch):
    """A writer fault (a check cell stored FALSE) is caught on the staged file; earlier outputs stay."""
    out = tmp_path / "out"
    out.mkdir()
    src = write(acme(), tmp_path)
    assert run("build", str(src), "--out", str(out), "--no-charts")[0] == 0
    before = snapshot(out)
    real = build_module.write_workbook

    def faulty(model, a, path, protect=None):
        model = copy.copy(model)
        model._cell_values = dict(model._cell_values, CHK_master=False)
        real(model, a, path, protect)

    monkeypatch.setattr(build_module, "write_workbook", faulty)
    code, stdout, err = run("build", str(src), "--out", str(out), "--no-charts")
    assert code == 1 and stdout == ""
    assert "check-false" in err and "nothing written" in err
    assert "CHK_master" in err or "Checks!" in err
    assert snapshot(out) == before


@pytest.mark.parametrize("case", ["bear"])
def test_validate_refuses_only_with_named_fields(tmp_path, case):
    d = acme()
    d["scenarios"] = {"live": case, "cases": []}  # a live case that does not exist
    code, _, err = run("validate", str(write(d, tmp_path)))
    assert code == 2
    assert "scenarios.live" in err and "Traceback" not in err


def test_minority_profit_without_a_minority_line_is_refused_naming_the_field(tmp_path):
    d = acme()
    d["minority_share"]["values"] = [0.0, 0.1, 0.1, 0.1]  # acme has no minority_interest line
    code, _, err = run("validate", str(write(d, tmp_path)))
    assert code == 2
    assert "minority_share.values[1]: 0.1 of net profit goes to minority interests" in err


def test_zero_actual_revenue_is_refused_naming_the_segments(tmp_path):
    d = acme()
    for s in d["revenue"]["segments"]:
        s["actuals"]["values"][0] = 0
    d["cost_of_revenue"]["actuals"]["values"][0] = 0
    rebalance(d)
    src = write(d, tmp_path)
    code, _, err = run("validate", str(src))
    assert code == 2
    assert err.splitlines() == [f"error: {src}:{_line_of(src, 'segments:', after='revenue:')}: revenue.segments: "
                                "revenue is 0 in 2019A, so margins, cost ratios and growth divide by zero "
                                "(#DIV/0!); give the segments' actual revenue"]


def test_a_formula_past_excels_limits_is_refused_at_validation(tmp_path):
    """250 working-capital lines would make the cash-flow formula longer than Excel's 8,192 characters;
    300 scenarios a CHOOSE of more than 255 arguments. Both are refused with the field, not written."""
    d = acme()
    inventory = next(b for b in d["balance_sheet"] if b["key"] == "inventory")
    for i in range(250):
        line = copy.deepcopy(inventory)
        line.update(key=f"wc{i}", name_en=f"WC {i}")
        line["actuals"] = {"values": [0.1, 0.1, 0.1], "source": "t"}
        d["balance_sheet"].insert(1, line)
    rebalance(d)
    code, _, err = run("validate", str(write(d, tmp_path, "lines.yaml")))
    assert code == 2
    assert "balance_sheet: Change in working capital (CF_working_capital_change) would need a formula of " in err
    assert "characters (Excel's limit is 8,192)" in err
    d = acme()
    d["scenarios"] = {"cases": [{"key": f"c{i}", "name_zh": f"情景{i}", "name_en": f"Case {i}", "source": "t",
                                 "overrides": {"valuation.target_multiple": 5 + i / 100}} for i in range(300)]}
    code, _, err = run("validate", str(write(d, tmp_path, "cases.yaml")))
    assert code == 2
    assert "scenarios.cases: Target P/S (IN_target_multiple) would need CHOOSE with 302 arguments" in err


def test_a_number_beyond_excels_range_is_refused(tmp_path):
    d = acme()
    d["market"]["price"]["value"] = 1e300
    d["market"]["shares_outstanding_m"]["value"] = 1e300  # market cap overflows to infinity
    code, _, err = run("validate", str(write(d, tmp_path)))
    assert code == 2
    assert "model: Market cap (VAL_market_cap_usd_m) evaluates to inf (a number beyond Excel's range)" in err


def test_a_company_without_operating_expenses_builds(tmp_path):
    d = acme()
    d["opex"] = []
    d.pop("impairment", None)
    rebalance(d)
    src = write(d, tmp_path)
    code, _, err = run("build", str(src), "--out", str(tmp_path), "--no-charts")
    assert code == 0, err
    named = named_values(openpyxl.load_workbook(tmp_path / "acme_robotics.xlsx", data_only=True))
    assert named["IS_operating_profit"] == named["IS_gross_profit"]
