"""Broken and hostile values of the fields added by the last merges (segment `driver`, `parts`, `cost`,
`units.money`, no `market.fx`, `market.week52`, `consensus`, `variance`, `report.eps_basis`, a peer's
`unit`): each is `error: FILE:LINE: field: problem` on stderr, exit 2, no traceback, nothing written,
for `validate` and `build` alike."""
from __future__ import annotations

import re

import pytest
import yaml

from builder.commands.cli import main
from matrix_company import Combo, company

GROWTH = Combo("hk", "ps", ("zh", "en"))
PV = Combo("us", "ps", ("en",), revenue="price_volume")
ARPU = Combo("us", "ps", ("en",), revenue="users_arpu")
PARTS = Combo("hk", "ps", ("zh", "en"), revenue="parts")
COSTS = Combo("hk", "ps", ("zh", "en"), revenue="costs")
PB = Combo("us", "pb", ("en",))
EXTRAS = Combo("us", "pe", ("en",), extras=True)
ONE = Combo("us", "pe", ("en",), two_currencies=False)


def _segment(d, i=0):
    return d["revenue"]["segments"][i]


# case -> (base company, edit of its data, field the error names)
CASES = {
    "segment_driver_unknown_kind": (GROWTH, lambda d: _segment(d).update(
        driver={"kind": "magic", "values": [1, 1, 1, 1], "source": "t"}) or _segment(d).pop("growth"),
                                    "revenue.segments[0].driver.kind"),
    "segment_share_of_unknown_segment": (Combo("hk", "ps", ("zh", "en"), revenue="share_of"), lambda d: _segment(
        d, 1)["driver"].update(of="nowhere"), "revenue.segments[1].driver"),
    "segment_share_of_itself": (Combo("hk", "ps", ("zh", "en"), revenue="share_of"), lambda d: _segment(
        d, 1)["driver"].update(of="services"), "revenue.segments[1].driver"),
    "segment_growth_and_driver": (PV, lambda d: _segment(d).update(growth={"values": [0.1] * 4, "source": "t"}),
                                  "revenue.segments[0]"),
    "price_volume_without_volume": (PV, lambda d: _segment(d)["driver"].pop("volume"),
                                    "revenue.segments[0].driver"),
    "factor_growth_and_amounts": (ARPU, lambda d: _segment(d, 1)["driver"]["users"].update(
        amounts={"values": [1, 1, 1, 1], "source": "t"}), "revenue.segments[1].driver.users"),
    "factor_short_actuals": (PV, lambda d: _segment(d)["driver"]["price"]["actuals"]["values"].pop(),
                             "revenue.segments[0].driver.price.actuals"),
    "factor_scale_zero": (ARPU, lambda d: _segment(d, 1)["driver"].update(scale=0),
                          "revenue.segments[1].driver.scale"),
    "parts_and_segment_actuals": (PARTS, lambda d: _segment(d).update(
        actuals={"values": [100, 120, 150], "source": "t"}), "revenue.segments[0]"),
    "part_key_repeats_a_segment": (PARTS, lambda d: _segment(d)["parts"][0].update(key="services"),
                                   "revenue.segments[0].parts[0].key"),
    "part_without_growth_or_driver": (PARTS, lambda d: _segment(d)["parts"][0].pop("growth"),
                                      "revenue.segments[0].parts[0]"),
    "cost_and_company_margin": (COSTS, lambda d: d["cost_of_revenue"].update(
        gross_margin={"values": [0.4] * 4, "source": "t"}), "cost_of_revenue.gross_margin"),
    "cost_on_one_segment_only": (COSTS, lambda d: _segment(d, 1).pop("cost"), "revenue.segments[1]"),
    "cost_margin_and_amounts": (COSTS, lambda d: _segment(d)["cost"].update(
        amounts={"values": [1, 1, 1, 1], "source": "t"}), "revenue.segments[0].cost"),
    "cost_margin_over_one": (COSTS, lambda d: _segment(d)["cost"]["gross_margin"].update(values=[1.5] * 4),
                             "revenue.segments[0].cost.gross_margin"),
    "money_unit_unknown": (EXTRAS, lambda d: d["units"].update(money="trillions"), "units.money"),
    "money_unit_a_number": (EXTRAS, lambda d: d["units"].update(money=1000000), "units.money"),
    "no_fx_between_two_currencies": (ONE, lambda d: d["units"].update(market_currency="HKD"), "market.fx"),
    "week52_low_above_high": (EXTRAS, lambda d: d["market"]["week52"].update(low=50, high=10), "market.week52"),
    "week52_negative": (EXTRAS, lambda d: d["market"]["week52"].update(low=-1), "market.week52.low"),
    "week52_text": (EXTRAS, lambda d: d["market"]["week52"].update(high="high"), "market.week52.high"),
    "week52_infinite": (EXTRAS, lambda d: d["market"]["week52"].update(high=float("inf")), "market.week52.high"),
    "consensus_unknown_metric": (EXTRAS, lambda d: d["consensus"][0].update(metric="sales"),
                                 "consensus[0].metric"),
    "consensus_period_not_in_model": (EXTRAS, lambda d: d["consensus"][0].update(period=2040), "consensus[0]"),
    "consensus_twice": (EXTRAS, lambda d: d["consensus"].append(dict(d["consensus"][0])), "consensus[2]"),
    "consensus_value_nan": (EXTRAS, lambda d: d["consensus"][0].update(value=float("nan")), "consensus[0].value"),
    "consensus_empty_source": (EXTRAS, lambda d: d["consensus"][0].update(source=""), "consensus[0].source"),
    "variance_period_an_estimate": (GROWTH, lambda d: d.update(variance={
        "period": 2023, "previous": "old.yaml", "estimates": {"IS_revenue": 100.0}}), "variance.period"),
    "variance_unknown_line": (GROWTH, lambda d: d.update(variance={
        "period": 2021, "previous": "old.yaml", "estimates": {"IS_nothing": 1.0}}), "variance.estimates"),
    "variance_estimate_text": (GROWTH, lambda d: d.update(variance={
        "period": 2021, "previous": "old.yaml", "estimates": {"IS_revenue": "a lot"}}), "variance.estimates"),
    "eps_basis_unknown": (EXTRAS, lambda d: d["report"].update(eps_basis="diluted"), "report.eps_basis"),
    "peer_unit_unknown": (PB, lambda d: d["valuation"]["peers"][0].update(unit="k"),
                          "valuation.peers[0].unit"),
    # Hostile shapes: the wrong container, nesting, empty lists, booleans and nulls where numbers go.
    "consensus_a_mapping": (EXTRAS, lambda d: d.update(consensus={"revenue": 100}), "consensus"),
    "week52_a_list": (EXTRAS, lambda d: d["market"].update(week52=[1, 2]), "market.week52"),
    "week52_boolean": (EXTRAS, lambda d: d["market"]["week52"].update(low=True), "market.week52.low"),
    "parts_empty": (PARTS, lambda d: _segment(d).update(parts=[]), "revenue.segments[0]"),
    "parts_within_parts": (PARTS, lambda d: _segment(d)["parts"][0].update(parts=[]),
                           "revenue.segments[0].parts[0].parts"),
    "share_of_loop_through_parts": (PARTS, lambda d: _segment(d)["parts"][0].update(
        driver={"kind": "share_of", "of": "spares", "values": [0.5] * 4, "source": "t"}) or _segment(
        d)["parts"][0].pop("growth"), "revenue.segments[0].parts"),
    "segment_driver_a_list": (GROWTH, lambda d: _segment(d).update(driver=[1, 2]) or _segment(d).pop("growth"),
                              "revenue.segments[0].driver"),
    "variance_estimates_boolean": (GROWTH, lambda d: d.update(variance={
        "period": 2021, "previous": "old.yaml", "estimates": {"IS_revenue": True}}), "variance.estimates"),
    "variance_period_garbage": (GROWTH, lambda d: d.update(variance={
        "period": "last year", "previous": "old.yaml", "estimates": {"IS_revenue": 1.0}}), "variance.period"),
    "eps_basis_null": (EXTRAS, lambda d: d["report"].update(eps_basis=None), "report.eps_basis"),
    "peer_unit_number": (PB, lambda d: d["valuation"]["peers"][0].update(unit=1000), "valuation.peers[0].unit"),
    "consensus_eps_period_quarter_of_annual": (EXTRAS, lambda d: d["consensus"][1].update(period="2023Q1"),
                                               "consensus[1]"),
    "price_yes": (GROWTH, lambda d: d["market"]["price"].update(value=True), "market.price.value"),
    "growth_off": (GROWTH, lambda d: _segment(d)["growth"]["values"].__setitem__(1, False),
                   "revenue.segments[0].growth.values"),
    "override_factor_wrong_length": (PV, lambda d: d.update(scenarios={"cases": [{
        "key": "bear", "name_zh": "悲观", "name_en": "Bear", "source": "t",
        "overrides": {"revenue.segments.robots.price": [0.1, 0.1]}}]}), "scenarios.cases[0].overrides"),
    "override_cost_without_segment_costs": (GROWTH, lambda d: d.update(scenarios={"cases": [{
        "key": "bear", "name_zh": "悲观", "name_en": "Bear", "source": "t",
        "overrides": {"revenue.segments.robots.cost": [0.4] * 4}}]}), "scenarios.cases[0].overrides"),
    "override_unknown_part": (PARTS, lambda d: d.update(scenarios={"cases": [{
        "key": "bear", "name_zh": "悲观", "name_en": "Bear", "source": "t",
        "overrides": {"revenue.segments.legs.growth": [0.1] * 4}}]}), "scenarios.cases[0].overrides"),
    "share_of_too_large": (Combo("hk", "ps", ("zh", "en"), revenue="share_of"), lambda d: _segment(
        d, 1)["driver"].update(values=[50, 0.3, 0.3, 0.3]), "revenue.segments[1].driver"),
    "factor_negative": (PV, lambda d: _segment(d)["driver"]["volume"]["amounts"].update(values=[-1, 1, 1, 1]),
                        "revenue.segments[0].driver.volume"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_bad_value_is_one_line_naming_file_line_and_field(case, tmp_path, capsys):
    combo, edit, field = CASES[case]
    d = company(combo)
    edit(d)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for argv in (["validate", str(path)], ["build", str(path), "--out", str(out), "--no-charts"]):
        code = main(argv)
        captured = capsys.readouterr()
        assert code == 2, (case, captured.err)
        lines = captured.err.strip().splitlines()
        assert "Traceback" not in captured.err and captured.out == ""
        assert lines and all(re.match(rf"error: {re.escape(str(path))}:\d+: ", line) for line in lines), captured.err
        assert any(f": {field}" in line for line in lines), (field, captured.err)
    assert list(out.iterdir()) == []


def test_segment_costs_that_miss_the_company_cost_are_a_warning_with_the_line(tmp_path, capsys):
    """As the README says: the actual years keep cost_of_revenue.actuals, with a warning (not a refusal)."""
    d = company(COSTS)
    _segment(d)["cost"]["actuals"]["values"] = [1.0, 1.0, 1.0]
    path = tmp_path / "gap.yaml"
    path.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    services = d["revenue"]["segments"][1]["cost"]["actuals"]["values"][2]
    company_cost = d["cost_of_revenue"]["actuals"]["values"][2]
    assert re.search(rf"^{re.escape(str(path))}:\d+: cost_of_revenue\.actuals\.values\[2\]: warning: segments' costs "
                     rf"sum to {1 + services:.2f} but reported cost of revenue is {company_cost:.2f}", err, re.M), err


def test_factors_that_contradict_the_reported_revenue_are_a_warning_with_the_line(tmp_path, capsys):
    """Price 5 x volume 50 = 250 against a reported 100 in the first actual year: a warning on that value's
    line (a gap within 1%, a rounded average price, is not one)."""
    d = company(PV)
    d["revenue"]["segments"][0]["driver"]["price"]["actuals"]["values"] = [5.0, 2.0, 2.01]
    volume = d["revenue"]["segments"][0]["driver"]["volume"]["actuals"]["values"]
    assert volume[0] == 50 and d["revenue"]["segments"][0]["actuals"]["values"][0] == 100
    path = tmp_path / "factors.yaml"
    path.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert len(lines) == 1
    assert re.match(rf"{re.escape(str(path))}:\d+: revenue\.segments\[0\]\.actuals\.values\[0\]: warning: the factors "
                    r"give 250\.00 \(x scale 1\) but reported revenue is 100\.00 \(gap \+150\.00\)$", lines[0]), lines
