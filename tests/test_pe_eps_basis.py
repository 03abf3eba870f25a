"""P/E values on the model's one EPS (report.eps_basis): the Moutai example (minority interests) on
attributable EPS by default, on adjusted net profit (incl. minorities) / shares where the file says so.
Target prices are computed here in plain Python from the file's inputs; LibreOffice agrees."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml

from builder.commands.cli import main
from builder.audit.recalc import recalculate
from builder.model.assemble import build_model
from builder.report import make_report
from builder.validation.loader import parse
from conftest import engine_mismatches, named_values, needs_libreoffice

EXAMPLES = Path(__file__).resolve().parent.parent / "builder" / "examples"


def moutai() -> dict:
    return yaml.safe_load((EXAMPLES / "moutai_pe.yaml").read_text(encoding="utf-8"))


def moutai_profits(d: dict, year_index: int) -> tuple[float, float]:
    """(net profit incl. minorities, attributable profit) of an estimate year, from the file's drivers:
    segment revenue grown, x (gross margin - opex ratios), + finance income, less tax, less minorities."""
    revenue = 0.0
    for s in d["revenue"]["segments"]:
        value = s["actuals"]["values"][-1]
        for g in s["growth"]["values"][:year_index + 1]:
            value *= 1 + g
        revenue += value
    margin = d["cost_of_revenue"]["gross_margin"]["values"][year_index] \
        - sum(c["driver"]["values"][year_index] for c in d["opex"])
    pretax = revenue * margin + d["non_operating"][0]["driver"]["values"][year_index]
    net = pretax * (1 - d["tax"]["effective_rate"]["values"][year_index])
    return net, net * (1 - d["minority_share"]["values"][year_index])


def moutai_target(d: dict, basis: str) -> float:
    year_index = d["years"]["estimate"].index(d["valuation"]["basis_year"])
    net, parent = moutai_profits(d, year_index)
    shares = d["eps_shares_m"]["values"][len(d["years"]["actual"]) + year_index]
    eps = (net if basis == "adjusted" else parent) / shares
    return d["valuation"]["target_multiple"]["value"] * eps * d["market"]["fx"]["value"]


def build_named(d: dict, out: Path) -> tuple[Path, dict]:
    path = out / "moutai.yaml"
    path.write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    assert main(["build", str(path), "--out", str(out), "--no-charts"]) == 0
    xlsx = out / "moutai.xlsx"
    return xlsx, named_values(openpyxl.load_workbook(xlsx, data_only=True))


@pytest.fixture(scope="module", params=["basic", "adjusted"])
def built(request, tmp_path_factory):
    d = moutai()
    if request.param == "adjusted":
        d["report"]["eps_basis"] = "adjusted"
    xlsx, named = build_named(d, tmp_path_factory.mktemp(f"moutai_{request.param}"))
    return request.param, d, xlsx, named


def test_target_price_on_the_files_eps_basis(built):
    basis, d, _, named = built
    target = moutai_target(d, basis)
    assert named["VAL_method"] == "P/E"
    assert named["VAL_target_price"] == pytest.approx(target, rel=1e-12)
    assert named["VAL_upside"] == pytest.approx(target / d["market"]["price"]["value"] - 1, abs=1e-12)
    assert named["CHK_master"] is True


def test_minorities_make_the_two_bases_differ():
    d = moutai()
    assert moutai_target(d, "basic") == pytest.approx(moutai_target(d, "adjusted") * (1 - 0.035))


def test_key_financials_pe_rows_and_basis_are_one_eps(built):
    basis, d, _, named = built
    price, shares = d["market"]["price"]["value"], d["eps_shares_m"]["values"]
    for i in range(len(d["years"]["estimate"])):
        net, parent = moutai_profits(d, i)
        eps = (net if basis == "adjusted" else parent) / shares[len(d["years"]["actual"]) + i]
        t = len(d["years"]["actual"]) + i
        assert named["KPI_eps_cny"][t] == pytest.approx(eps, rel=1e-12)
        assert named["KPI_pe"][t] == pytest.approx(price / eps, rel=1e-12)
    year_index = d["years"]["estimate"].index(d["valuation"]["basis_year"])
    assert named["VAL_basis_eps"] == pytest.approx(named["KPI_eps_cny"][len(d["years"]["actual"]) + year_index])


@pytest.mark.parametrize("basis", ["basic", "adjusted"])
def test_scenarios_and_sensitivity_follow_the_basis(basis):
    d = moutai()
    d["report"]["eps_basis"] = basis
    d["scenarios"] = {"live": "base", "cases": [{"key": "bull", "name_zh": "乐观", "source": "test",
                                                 "overrides": {"cost_of_revenue.gross_margin": [0.93] * 3}}]}
    d["sensitivity"] = {"multiple_changes": {"values": [-2, 0, 2], "source": "test"},
                        "metric_changes": {"values": [-0.1, 0, 0.1], "source": "test"},
                        "fx_changes": {"values": [0], "source": "test"}}
    m = build_model(parse(d))
    base = moutai_target(d, basis)
    assert m.value("VAL_scenario_base_target_price_cny") == pytest.approx(base, rel=1e-12)
    d["cost_of_revenue"]["gross_margin"]["values"] = [0.93] * 3
    assert m.value("VAL_scenario_bull_target_price_cny") == pytest.approx(moutai_target(d, basis), rel=1e-12)
    # the grid: (22 + step) x EPS x (1 + change); row i is the multiple 20, 22, 24
    for i, step in enumerate((-2, 0, 2)):
        row = m.series(f"KPI_sens_tp_eps_{i}")
        assert row[1:] == pytest.approx([base / 22 * (22 + step) * (1 + c) for c in (-0.1, 0, 0.1)], rel=1e-12)


def test_summary_eps_and_pe_are_the_same_eps():
    for basis in ("basic", "adjusted"):
        d = moutai()
        d["report"]["eps_basis"] = basis
        a = parse(d)
        m = build_model(a)
        f = make_report(m, a).financials
        assert f.eps == pytest.approx(m.series("KPI_eps_cny"))
        assert f.pe == pytest.approx([1550.0 / e for e in f.eps])
        key = "VAL_basis_eps"
        assert m.value(key) == pytest.approx(f.eps[f.years.index("2026E")])


@needs_libreoffice
def test_libreoffice_agrees(built, tmp_path):
    _, _, xlsx, _ = built
    [out] = recalculate([xlsx], tmp_path)
    assert not engine_mismatches(xlsx, out)


def test_previous_is_read_on_the_new_models_eps_basis(tmp_path, reference):
    """Kingsoft reports adjusted EPS; an earlier file without eps_basis (basic) but the same estimates
    shows no EPS revision: its EPS is read on the new basis, the report's printed adjusted EPS."""
    from builder.validation.loader import default_example
    old = yaml.safe_load(default_example().read_text(encoding="utf-8"))
    del old["report"]["eps_basis"]
    old_path = tmp_path / "old.yaml"
    old_path.write_text(yaml.safe_dump(old, allow_unicode=True), encoding="utf-8")
    assert main(["build", str(default_example()), "--out", str(tmp_path), "--no-charts",
                 "--previous", str(old_path)]) == 0
    ws = openpyxl.load_workbook(tmp_path / "kingsoft_cloud.xlsx", data_only=True)["Revisions"]
    rows = {r[1].value: [c.value for c in r[3:8]] for r in ws.iter_rows() if r[1].value}
    printed = reference["summary_table"]["eps_rmb"]
    estimates = [i for i, v in enumerate(rows["EPS (adjusted): previous"]) if v is not None]
    assert estimates == [2, 3, 4]  # 2024E-2026E
    for i in estimates:
        assert rows["EPS (adjusted): previous"][i] == pytest.approx(printed[i], abs=0.005)
        assert rows["EPS (adjusted): change"][i] == pytest.approx(0, abs=1e-12)


@pytest.mark.parametrize("basis, zh_row, zh_line", [
    ("basic", "基本每股收益（元/股）", "市盈率估值所用每股收益为基本每股收益：归属于母公司股东的净利润除以加权平均股本。"),
    ("adjusted", "调整后每股收益（元/股）", "市盈率估值所用每股收益为调整后每股收益：调整后净利润除以加权平均股本。")])
def test_the_summary_says_which_eps(basis, zh_row, zh_line, tmp_path):
    d = moutai()
    d["report"]["eps_basis"] = basis
    build_named(d, tmp_path)
    md = (tmp_path / "moutai.zh.md").read_text(encoding="utf-8")
    assert f"| {zh_row} |" in md
    assert zh_line in md


def test_diff_names_the_basis_and_shows_that_eps():
    from builder.commands.diff import key_outputs
    for basis in ("basic", "adjusted"):
        d = moutai()
        d["report"]["eps_basis"] = basis
        a = parse(d)
        rows = [r for r in key_outputs(build_model(a), a) if r[0] == f"EPS ({basis})"]
        assert [r[1] for r in rows] == ["2025E", "2026E", "2027E"]
        for i, (_, _, unit, value) in enumerate(rows):
            net, parent = moutai_profits(d, i)
            assert unit == "CNY"
            assert value == pytest.approx((net if basis == "adjusted" else parent) / 1256.1978, rel=1e-12)
