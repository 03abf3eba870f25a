"""Financing (issue 13): interest expense = rate x opening (or average) debt, interest income = rate x
opening cash, without circular references; debt drawn or repaid as a driver. Expected values are worked
out here from the fixture's inputs."""
import pytest

from builder.commands.build import build
from builder.validation.loader import AssumptionsError, parse
from builder.model.assemble import build_model
from conftest import libreoffice_named_values, needs_libreoffice
from other_company import acme, src

DRAWN = [5, -5, 0, -10]


def financed(expense_kind="interest_on_opening_debt") -> dict:
    d = acme()
    d["non_operating"] = [
        {"key": "interest_expense", "name_zh": "利息支出", "name_en": "Interest expense", "actuals": src([-2, -2, -3]),
         "driver": {"kind": expense_kind, "values": [0.05, 0.05, 0.06, 0.06], "source": "t"}},
        {"key": "interest_income", "name_zh": "利息收入", "name_en": "Interest income", "actuals": src([0, 0, 0]),
         "driver": {"kind": "interest_on_opening_cash", "values": [0.02, 0.02, 0.02, 0.02], "source": "t"}},
    ]
    for line in d["balance_sheet"]:
        if line["key"] == "loans":
            line["driver"] = {"kind": "change", "values": DRAWN, "source": "t"}
    return d


def test_debt_drawn_and_repaid_and_interest_on_opening_balances():
    m = build_model(parse(financed()))
    loans = [30, 35, 40]
    for x in DRAWN:
        loans.append(loans[-1] + x)
    assert m.series("BS_loans") == pytest.approx(loans)
    cash = m.series("BS_cash")
    rates, cash_rate = [0.05, 0.05, 0.06, 0.06], 0.02
    for p in range(3, 7):
        assert m.series("IS_interest_expense")[p] == pytest.approx(-rates[p - 3] * loans[p - 1])
        assert m.series("IS_interest_income")[p] == pytest.approx(cash_rate * cash[p - 1])
        assert m.series("CF_net_debt_change")[p] == pytest.approx(DRAWN[p - 3])
        assert m.series("BS_total_assets")[p] == pytest.approx(m.series("BS_total_liabilities_and_equity")[p])
    assert m.value("CHK_master") is True


def test_interest_on_average_debt():
    m = build_model(parse(financed("interest_on_average_debt")))
    loans = m.series("BS_loans")
    rates = [0.05, 0.05, 0.06, 0.06]
    for p in range(3, 7):
        assert m.series("IS_interest_expense")[p] == pytest.approx(-rates[p - 3] * (loans[p - 1] + loans[p]) / 2)


@pytest.mark.parametrize("change, message", [
    (lambda d: d["opex"][0].update(driver={"kind": "interest_on_opening_cash", "values": [0.1] * 4, "source": "t"}),
     "opex[0].driver.kind: interest_on_opening_cash applies to non_operating lines only"),
    (lambda d: d["opex"][0].update(driver={"kind": "change", "values": [1] * 4, "source": "t"}),
     "opex[0].driver.kind: change (prior + amount) applies to balance_sheet lines only"),
    (lambda d: d["non_operating"][0]["driver"].update(values=[0.05, 1.5, 0.05, 0.05]),
     "non_operating[0].driver.values[1]: 1.5 is outside the sane range 0.0..1.0"),
])
def test_bad_financing_input(change, message):
    d = financed()
    change(d)
    with pytest.raises(AssumptionsError) as e:
        parse(d)
    assert message in str(e.value)


@needs_libreoffice
def test_libreoffice_agrees_with_interest_on_balances(tmp_path):
    build(parse(financed("interest_on_average_debt")), tmp_path, charts=False)
    xlsx = tmp_path / "acme_robotics.xlsx"
    named = libreoffice_named_values(xlsx, tmp_path / "engine")
    assert named["CHK_master"] is True
