"""Intangible assets beside PP&E (issue 13): prior + additions - amortisation (rate x opening), the
amortisation added back in operating cash flow and the additions in investing; worked out here."""
import pytest

from builder.commands.build import build
from builder.validation.loader import AssumptionsError, parse
from builder.model.assemble import build_model
from conftest import libreoffice_named_values, needs_libreoffice
from other_company import acme, src

ADDITIONS, RATE = [4, 5, 6, 7], [0.1, 0.1, 0.2, 0.2]


def with_intangibles() -> dict:
    d = acme()
    d["balance_sheet"].insert(3, {"key": "software", "name_zh": "软件", "name_en": "Software",
                                  "section": "non_current_assets", "role": "intangibles", "actuals": src([0, 0, 20])})
    d["balance_sheet"][-1]["actuals"]["values"][-1] += 20  # funded by equity in the last actual year
    d["cash_flow"]["intangibles_additions"] = {"kind": "amount", "values": ADDITIONS, "source": "t"}
    d["cash_flow"]["amortisation_rate"] = src(RATE)
    return d


def test_intangibles_roll_forward_and_flow_through_cash():
    m = build_model(parse(with_intangibles()))
    software = [20.0]
    for add, rate in zip(ADDITIONS, RATE):
        software.append(software[-1] + add - rate * software[-1])
    assert m.series("BS_software")[2:] == pytest.approx(software)
    amortisation = [r * s for r, s in zip(RATE, software)]
    assert m.series("BS_amortisation")[3:] == pytest.approx(amortisation)
    for p in range(3, 7):
        assert m.series("CF_dep_amort_impairment")[p] == pytest.approx(
            m.series("BS_depreciation")[p] + amortisation[p - 3])
        assert m.series("CF_intangibles_additions")[p] == -ADDITIONS[p - 3]
        # EBITDA adds back the intangibles' amortisation too, not depreciation alone
        assert m.series("IS_da")[p] == pytest.approx(m.series("BS_depreciation")[p] + amortisation[p - 3])
        assert m.series("BS_total_assets")[p] == pytest.approx(m.series("BS_total_liabilities_and_equity")[p])
    assert m.value("CHK_master") is True


def test_intangibles_need_their_drivers():
    d = with_intangibles()
    del d["cash_flow"]["amortisation_rate"]
    with pytest.raises(AssumptionsError) as e:
        parse(d)
    assert "cash_flow: an intangibles line needs cash_flow.intangibles_additions and cash_flow.amortisation_rate" \
        in str(e.value)


@needs_libreoffice
def test_libreoffice_agrees_with_intangibles(tmp_path):
    build(parse(with_intangibles()), tmp_path, charts=False)
    xlsx = tmp_path / "acme_robotics.xlsx"
    assert libreoffice_named_values(xlsx, tmp_path / "engine")["CHK_master"] is True
