"""Working capital by days (issue 13): receivables on revenue, inventory and payables on cost of
revenue, each days / days in the period; expected values worked out here."""
import pytest

from builder.commands.build import build
from builder.commands.extract import extract
from builder.validation.loader import AssumptionsError, parse
from builder.model.assemble import build_model
from conftest import libreoffice_named_values, needs_libreoffice
from other_company import acme, src
from quarterly_company import N_EST, quarterly


def by_days(d=None) -> dict:
    d = d or acme()
    n_est = len(d["years"]["estimate"]) if "estimate" in d["years"] else N_EST
    d["balance_sheet"].insert(1, {"key": "receivables", "name_zh": "应收", "name_en": "Receivables",
                                  "section": "current_assets", "role": "working_capital", "actuals": src([0, 0, 5]),
                                  "driver": {"kind": "receivable_days", "values": [30] * n_est, "source": "t"}})
    for line in d["balance_sheet"]:
        if line["key"] == "inventory":
            line["driver"] = {"kind": "inventory_days", "values": [60] * n_est, "source": "t"}
        if line["key"] == "payables":
            line["driver"] = {"kind": "payable_days", "values": [45] * n_est, "source": "t"}
        if line["key"] == "retained":
            line["actuals"]["values"][-1] += 5  # the new receivables are funded by equity in the last actual year
    return d


def test_days_of_revenue_and_cost():
    m = build_model(parse(by_days()))
    revenue, cost = m.series("IS_revenue"), [-c for c in m.series("IS_cost_of_revenue")]
    for p in range(3, 7):
        assert m.series("BS_receivables")[p] == pytest.approx(revenue[p] * 30 / 365)
        assert m.series("BS_inventory")[p] == pytest.approx(cost[p] * 60 / 365)
        assert m.series("BS_payables")[p] == pytest.approx(cost[p] * 45 / 365)
    assert m.value("CHK_master") is True


def test_quarterly_days_use_a_quarter_of_the_year():
    q = quarterly()
    for line in q["balance_sheet"]:
        if line["key"] == "payables":
            line["driver"] = {"kind": "payable_days", "values": [45] * N_EST, "source": "t"}
    m = build_model(parse(q))
    cost = [-c for c in m.series("IS_cost_of_revenue")]
    assert m.series("BS_payables")[-1] == pytest.approx(cost[-1] * 45 / (365 / 4))
    assert m.value("CHK_master") is True


def test_days_outside_0_to_365_are_refused():
    d = by_days()
    d["balance_sheet"][1]["driver"]["values"][2] = 400
    with pytest.raises(AssumptionsError) as e:
        parse(d)
    assert "balance_sheet[1].driver.values[2]: 400.0 is outside the sane range 0..365" in str(e.value)
    d = acme()
    d["opex"][0]["driver"] = {"kind": "payable_days", "values": [30] * 4, "source": "t"}
    with pytest.raises(AssumptionsError) as e:
        parse(d)
    assert "opex[0].driver.kind: payable_days applies to balance_sheet lines only" in str(e.value)


def test_extract_round_trip(tmp_path):
    a = parse(by_days())
    build(a, tmp_path, charts=False)
    assert parse(extract(tmp_path / "acme_robotics.xlsx")) == a


@needs_libreoffice
def test_libreoffice_agrees_on_days(tmp_path):
    build(parse(by_days()), tmp_path, charts=False)
    xlsx = tmp_path / "acme_robotics.xlsx"
    assert libreoffice_named_values(xlsx, tmp_path / "engine")["CHK_master"] is True
