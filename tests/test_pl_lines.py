"""P&L lines for any business (issue 13): any number of impairments, each written down on its own
balance-sheet line, added back in cash flow and (when flagged) in adjusted profit."""
import pytest

from builder.commands.build import build
from builder.validation.loader import AssumptionsError, parse
from builder.model.assemble import build_model
from conftest import libreoffice_named_values, needs_libreoffice
from other_company import acme, src


def impaired() -> dict:
    d = acme()
    d["impairment"] = {"key": "ppe_impairment", "name_zh": "固定资产减值", "name_en": "PP&E impairment",
                       "actuals": src([0, 0, 0]), "charged_to": "ppe",
                       "driver": {"kind": "amount", "values": [1, 2, 0, 0], "source": "t"}}
    d["impairments"] = [
        {"key": "goodwill_impairment", "name_zh": "商誉减值", "name_en": "Goodwill impairment",
         "actuals": src([0, 0, 0]), "charged_to": "goodwill", "add_back_in_adjusted_profit": False,
         "driver": {"kind": "amount", "values": [3, 0, 0, 0], "source": "t"}},
        {"key": "other_impairment", "name_zh": "其他减值", "name_en": "Other impairment",
         "actuals": src([0, 0, 0]), "charged_to": "goodwill",
         "driver": {"kind": "pct_of_revenue", "values": [0.01, 0, 0, 0], "source": "t"}}]
    return d


def test_every_impairment_is_a_line_that_writes_down_its_asset_and_is_added_back():
    m = build_model(parse(impaired()))
    revenue = m.series("IS_revenue")
    ppe_imp, gw_imp, other_imp = [1, 2, 0, 0], [3, 0, 0, 0], [0.01 * revenue[3], 0, 0, 0]
    assert m.series("IS_ppe_impairment")[3:] == pytest.approx([-x for x in ppe_imp])
    assert m.series("IS_goodwill_impairment")[3:] == pytest.approx([-x for x in gw_imp])
    assert m.series("IS_other_impairment")[3:] == pytest.approx([-x for x in other_imp])
    ppe, capex, dep = m.series("BS_ppe"), m.series("BS_capex"), m.series("BS_depreciation")
    for p in range(3, 7):
        k = p - 3
        assert ppe[p] == pytest.approx(ppe[p - 1] + capex[p] - dep[p] - ppe_imp[k])  # written down
        # Goodwill follows its own (flat) driver, a balance after any write-down, so the cash flow adds the
        # write-downs back and counts only the rest of its change as investment.
        assert m.series("BS_goodwill")[p] == 10
        assert m.series("CF_other_investing")[p] == pytest.approx(-(gw_imp[k] + other_imp[k]))
        assert m.series("CF_dep_amort_impairment")[p] == pytest.approx(dep[p] + ppe_imp[k] + gw_imp[k] + other_imp[k])
        # Adjusted profit adds back the flagged impairments only (not the goodwill one).
        assert m.series("IS_adjustments")[p] == pytest.approx(
            0.01 * revenue[p] + ppe_imp[k] + other_imp[k])
    assert m.value("CHK_master") is True


@pytest.mark.parametrize("change, message", [
    (lambda d: d["impairments"][0].update(charged_to="nowhere"),
     "impairments[0].charged_to: 'nowhere' is not a balance_sheet key"),
    (lambda d: d["impairments"][1].update(key="ppe_impairment"),
     "impairments[1].key: 'ppe_impairment' is already the key of impairment"),
])
def test_bad_impairments(change, message):
    d = impaired()
    change(d)
    with pytest.raises(AssumptionsError) as e:
        parse(d)
    assert message in str(e.value)


def test_a_scenario_overrides_one_impairment():
    d = impaired()
    d["scenarios"] = {"live": "hit", "cases": [{"key": "hit", "name_zh": "减值", "name_en": "Hit", "source": "t",
                                                 "overrides": {"impairments.goodwill_impairment.driver": [5, 5, 0, 0]}}]}
    m = build_model(parse(d))
    assert m.series("IS_goodwill_impairment")[3:] == pytest.approx([-5, -5, 0, 0])


@needs_libreoffice
def test_libreoffice_agrees_with_several_impairments(tmp_path):
    build(parse(impaired()), tmp_path, charts=False)
    xlsx = tmp_path / "acme_robotics.xlsx"
    assert libreoffice_named_values(xlsx, tmp_path / "engine")["CHK_master"] is True


def test_add_backs_are_lines_of_their_own_summed_into_the_adjustments():
    d = acme()
    d["adjustments"]["add_backs"] = [
        {"key": "sbc", "name_zh": "股权激励", "name_en": "Share-based pay", "actuals": src([2, 3, 4]),
         "driver": {"kind": "pct_of_revenue", "values": [0.02] * 4, "source": "t"}},
        {"key": "acquired_amortisation", "name_zh": "并购无形资产摊销", "name_en": "Amortisation of acquired intangibles",
         "actuals": src([1, 1, 1]), "driver": {"kind": "amount", "values": [1, 1, 0.5, 0.5], "source": "t"}}]
    m = build_model(parse(d))
    revenue, net = m.series("IS_revenue"), m.series("IS_net_profit")
    sbc = [2, 3, 4] + [0.02 * r for r in revenue[3:]]
    amort = [1, 1, 1, 1, 1, 0.5, 0.5]
    assert m.series("IS_sbc") == pytest.approx(sbc)
    assert m.series("IS_acquired_amortisation") == pytest.approx(amort)
    other = [1, 1, 2] + [0.01 * r for r in revenue[3:]]  # acme's own adjustments
    expected = [o + s + a for o, s, a in zip(other, sbc, amort)]
    assert m.series("IS_adjustments") == pytest.approx(expected)
    assert m.series("IS_adj_net_profit") == pytest.approx([n + e for n, e in zip(net, expected)])


def test_no_adjustments_no_line_and_adjusted_profit_is_net_profit_plus_flagged_impairments():
    d = acme()
    del d["adjustments"]
    m = build_model(parse(d))
    assert "IS_adjustments" not in m.named()
    assert m.series("IS_adj_net_profit") == m.series("IS_net_profit")
    d = impaired()
    del d["adjustments"]
    m = build_model(parse(d))
    flagged = [-(a + b) for a, b in zip(m.series("IS_ppe_impairment"), m.series("IS_other_impairment"))]
    assert m.series("IS_adj_net_profit") == pytest.approx([n + f for n, f in zip(m.series("IS_net_profit"), flagged)])
    assert m.value("CHK_master") is True
