"""Another company, other years, segments and drivers: the same guarantees hold."""
import openpyxl
import pytest

from builder.commands.build import build
from builder.validation.loader import parse
from builder.audit.recalc import recalculate
from conftest import engine_mismatches, named_values, needs_libreoffice
from other_company import acme


@pytest.fixture(scope="module")
def acme_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("acme")
    result = build(parse(acme()), out)
    return result, out / "acme_robotics.xlsx"


def test_names_follow_the_company_line_keys(acme_build):
    _, xlsx = acme_build
    named = named_values(openpyxl.load_workbook(xlsx, data_only=True))
    for name in ("RB_robots", "RB_services_yoy_pct", "IS_sales", "IS_admin", "IS_net_interest", "BS_inventory",
                 "BS_goodwill", "CF_net_cash_flow", "KPI_eps_usd", "VAL_target_price_usd", "VAL_peer_avg_ps_2023e",
                 "VAL_peer_avg_ps_2024e", "CHK_master"):
        assert name in named, name
    assert len(named["RB_robots"]) == 7
    assert named["CHK_master"] is True


def test_balances_and_ties(acme_build):
    result, _ = acme_build
    m = result.model
    ta, tle = m.series("BS_total_assets"), m.series("BS_total_liabilities_and_equity")
    for p in range(3, 7):
        assert ta[p] == pytest.approx(tle[p], abs=1e-9)
    revenue_2023 = m.series("IS_revenue")[4]
    assert revenue_2023 == pytest.approx(150 * 1.2 * 1.15 + 55 * 1.1 * 1.1)
    assert m.value("VAL_target_price_usd") == pytest.approx(6.5 * revenue_2023 / 52)
    # Beta has no 2024 revenue: the 2024 peer average is Alpha's alone.
    assert m.named()["VAL_peer_avg_ps_2023e"] == pytest.approx((1000 / 200 + 600 / 100) / 2)
    assert m.named()["VAL_peer_avg_ps_2024e"] == pytest.approx(1000 / 230)


@needs_libreoffice
def test_libreoffice_agrees(acme_build, tmp_path):
    _, xlsx = acme_build
    [out] = recalculate([xlsx], tmp_path)
    assert not engine_mismatches(xlsx, out)
