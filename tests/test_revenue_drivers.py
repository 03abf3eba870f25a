"""Revenue driver kinds (issue 13): price x volume, users x ARPU (each factor grown or typed) and a share
of another line, in the model, scenarios, extract, diff, quarterly models, LibreOffice and bad input.
Expected values are worked out here in plain Python."""
import pytest
import yaml

from builder.commands.build import build
from builder.commands.cli import main
from builder.commands.diff import input_changes
from builder.commands.extract import extract
from builder.validation.loader import AssumptionsError, parse
from builder.model.assemble import build_model
from conftest import libreoffice_named_values, needs_libreoffice
from other_company import src
from quarterly_company import N_ACT, N_EST, quarterly
from revenue_driver_company import (ROBOTS_MARGIN, SALES_SHARE, SERVICES_COST, costed_company, parted_company, VOLUME_AMOUNTS, driven_company, expected_robots,
                                    expected_services, factor)

EST = slice(3, 7)


def test_price_volume_users_arpu_and_share_of_values():
    m = build_model(parse(driven_company()))
    assert m.series("RB_robots")[EST] == pytest.approx(expected_robots())
    assert m.series("RB_services")[EST] == pytest.approx(expected_services())
    assert m.series("RB_robots")[:3] == [100, 120, 150]  # actual years: the reported segment revenue
    sales = [share * r for share, r in zip(SALES_SHARE, expected_robots())]
    assert m.series("RB_sales")[EST] == pytest.approx(sales)
    total = [r + s for r, s in zip(expected_robots(), expected_services())]
    assert m.series("IS_revenue")[EST] == pytest.approx(total)
    assert m.value("CHK_master") is True


def test_scale_makes_the_product_money():
    d = driven_company()
    d["revenue"]["segments"][0]["driver"]["scale"] = 0.001
    d["revenue"]["segments"][0]["driver"]["volume"] = factor([5e4, 6e4, 6e4], amounts=[v * 1000 for v in VOLUME_AMOUNTS])
    m = build_model(parse(d))
    assert m.series("RB_robots")[EST] == pytest.approx(expected_robots())


def test_segment_share_of_another_segment_and_amounts():
    d = driven_company()
    d["revenue"]["segments"][1]["driver"] = {"kind": "share_of", "of": "robots", "values": [0.3, 0.3, 0.4, 0.4],
                                             "source": "t"}
    d["opex"][1]["driver"] = {"kind": "share_of", "of": "revenue", "values": [0.05] * 4, "source": "t"}
    m = build_model(parse(d))
    robots = expected_robots()
    services = [s * r for s, r in zip([0.3, 0.3, 0.4, 0.4], robots)]
    assert m.series("RB_services")[EST] == pytest.approx(services)
    assert m.series("RB_admin")[EST] == pytest.approx([0.05 * (r + s) for r, s in zip(robots, services)])
    assert m.value("CHK_master") is True


def quarterly_priced() -> dict:
    q = quarterly()
    seg = q["revenue"]["segments"][0]
    del seg["growth"]
    prices = [10 + 0.5 * i for i in range(N_ACT)]
    volumes = [seg["actuals"]["values"][i] / prices[i] for i in range(N_ACT)]
    seg["driver"] = {"kind": "price_volume", "source": "t", "price": factor(prices, growth=[0.1] * N_EST),
                     "volume": factor([round(v, 6) for v in volumes], amounts=[3.0] * N_EST)}
    return q


def test_quarterly_factor_growth_is_year_on_year():
    m = build_model(parse(quarterly_priced()))
    price = [10 + 0.5 * i for i in range(N_ACT)]
    for p in range(N_ACT, N_ACT + N_EST):
        price.append(price[p - 4] * 1.1)
        assert m.series("RB_robots")[p] == pytest.approx(price[p] * 3.0)
    assert m.value("CHK_master") is True


@needs_libreoffice
def test_libreoffice_agrees_on_a_quarterly_priced_model(tmp_path):
    build(parse(quarterly_priced()), tmp_path, charts=False, audit=True)
    named = libreoffice_named_values(tmp_path / "acme_quarterly.xlsx", tmp_path / "engine")
    assert named["CHK_master"] is True
    assert named["RB_robots"][-1] == pytest.approx((10 + 0.5 * 11) * 1.1 ** 7 * 3.0)  # Q4 2030: 7 years of 10%


def with_scenario(d: dict) -> dict:
    d["scenarios"] = {"live": "bull", "cases": [{
        "key": "bull", "name_zh": "乐观", "name_en": "Bull", "source": "t",
        "overrides": {"revenue.segments.robots.price": [0.2, 0.2, 0.2, 0.2],
                      "revenue.segments.services.users": [0.3, 0.3, 0.3, 0.3],
                      "opex.sales.driver": [0.2, 0.2, 0.2, 0.2]}}]}
    return d


def test_scenario_overrides_a_factor_and_ps_cases_rebuild_revenue():
    m = build_model(parse(with_scenario(driven_company())))
    price, bull = 2.5, []
    for volume in VOLUME_AMOUNTS:
        price *= 1.2
        bull.append(price * volume)
    assert m.series("RB_robots")[EST] == pytest.approx(bull)  # the live case is bull
    assert m.series("RB_sales")[EST] == pytest.approx([0.2 * r for r in bull])
    assert m.series("KPI_scn_base_robots")[EST] == pytest.approx(expected_robots())
    assert m.series("KPI_scn_bull_robots")[EST] == pytest.approx(bull)
    users, services = 14, []
    for arpu in [4.0, 4.2, 4.4, 4.6]:
        users *= 1.3
        services.append(users * arpu)
    assert m.series("KPI_scn_bull_revenue")[EST] == pytest.approx([r + s for r, s in zip(bull, services)])
    assert m.series("KPI_scn_base_revenue")[EST] == pytest.approx(
        [r + s for r, s in zip(expected_robots(), expected_services())])
    assert m.value("CHK_master") is True


def test_extract_round_trip_and_diff(tmp_path):
    a = parse(with_scenario(driven_company()))
    build(a, tmp_path, charts=False, audit=True)
    assert parse(extract(tmp_path / "acme_robotics.xlsx")) == a
    changed = driven_company()
    changed["revenue"]["segments"][0]["driver"]["volume"]["amounts"]["values"][1] = 85
    changes = {c.field: (c.old, c.new) for c in input_changes(parse(driven_company()), parse(changed))}
    assert changes == {"revenue.segments[0].driver.volume.amounts.values[1]": (80, 85)}


@needs_libreoffice
def test_libreoffice_agrees(tmp_path):
    build(parse(with_scenario(driven_company())), tmp_path, charts=False, audit=True)
    named = libreoffice_named_values(tmp_path / "acme_robotics.xlsx", tmp_path / "engine")
    assert named["CHK_master"] is True
    price, bull = 2.5, []
    for volume in VOLUME_AMOUNTS:
        price *= 1.2
        bull.append(price * volume)
    assert named["RB_robots"][3:7] == pytest.approx(bull)


def refused(d: dict) -> str:
    with pytest.raises(AssumptionsError) as e:
        parse(d)
    return str(e.value)


def test_a_price_volume_segment_missing_a_row():
    d = driven_company()
    del d["revenue"]["segments"][0]["driver"]["volume"]
    assert ("revenue.segments[0].driver.volume: a price_volume segment needs both price and volume rows; "
            "volume is missing") in refused(d)
    d = driven_company()
    d["revenue"]["segments"][0]["driver"]["price"]["amounts"] = src([1, 1, 1, 1])
    assert "revenue.segments[0].driver.price: give either growth or amounts" in refused(d)
    d = driven_company()
    d["revenue"]["segments"][0]["growth"] = src([0.1] * 4)
    assert "revenue.segments[0]: give either growth or a driver, not both" in refused(d)


def test_share_of_an_unknown_line_itself_or_a_loop():
    d = driven_company()
    d["opex"][0]["driver"]["of"] = "robot"
    assert "opex[0].driver.of: 'robot' is not a segment or opex key; did you mean 'robots'?" in refused(d)
    d = driven_company()
    d["opex"][0]["driver"]["of"] = "sales"
    assert "opex[0].driver.of: 'sales' is a share of itself through the loop sales -> sales" in refused(d)
    d = driven_company()
    d["revenue"]["segments"][0]["driver"] = {"kind": "share_of", "of": "services", "values": [1] * 4, "source": "t"}
    d["revenue"]["segments"][1]["driver"] = {"kind": "share_of", "of": "robots", "values": [1] * 4, "source": "t"}
    assert "revenue.segments[0].driver.of: 'robots' is a share of itself through the loop " \
           "robots -> services -> robots" in refused(d)
    d["revenue"]["segments"][1]["driver"]["of"] = "revenue"
    assert "through the loop services -> revenue -> services" in refused(d)


def test_new_kinds_only_where_they_apply():
    d = driven_company()
    d["non_operating"][0]["driver"] = {"kind": "share_of", "of": "robots", "values": [0.1] * 4, "source": "t"}
    assert "non_operating[0].driver.kind: share_of applies to revenue segments and opex lines only" in refused(d)
    d = driven_company()
    d["opex"][1]["driver"] = {"kind": "price_volume", "values": [], "source": "t"}
    assert "opex[1].driver.kind: price_volume applies to revenue segments only" in refused(d)


def test_bad_file_exit_2_with_its_line_and_nothing_written(tmp_path, capsys):
    d = driven_company()
    d["opex"][0]["driver"]["of"] = "robotz"
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["build", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "of: robotz" in text)
    assert err == [f"error: {path}:{line}: opex[0].driver.of: 'robotz' is not a segment or opex key; "
                   f"did you mean 'robots'?"]
    assert list(out.iterdir()) == []



def test_segment_costs_sum_to_cost_of_revenue():
    m = build_model(parse(costed_company()))
    robots_cost = [r * (1 - gm) for r, gm in zip(expected_robots(), ROBOTS_MARGIN)]
    assert m.series("RB_robots_cost")[EST] == pytest.approx(robots_cost)
    assert m.series("RB_services_cost")[EST] == pytest.approx(SERVICES_COST)
    assert m.series("RB_robots_cost")[:3] == [60, 70, 85]
    expected = [-(r + s) for r, s in zip(robots_cost, SERVICES_COST)]
    assert m.series("IS_cost_of_revenue")[EST] == pytest.approx(expected)
    assert m.series("IS_cost_of_revenue")[:3] == [-90, -100, -120]  # the reported total in actual years
    revenue = [r + s for r, s in zip(expected_robots(), expected_services())]
    assert m.series("RB_gross_margin_pct")[EST] == pytest.approx([(r + c) / r for r, c in zip(revenue, expected)])
    assert m.value("CHK_master") is True


def test_segment_costs_every_segment_or_none_and_not_with_a_company_margin():
    d = costed_company()
    del d["revenue"]["segments"][1]["cost"]
    assert "revenue.segments[1].cost: give every segment its cost of revenue or none (missing: services)" in refused(d)
    d = costed_company()
    d["cost_of_revenue"]["gross_margin"] = src([0.4] * 4)
    assert "cost_of_revenue.gross_margin: the segments give their own costs" in refused(d)
    d = driven_company()
    del d["cost_of_revenue"]["gross_margin"]
    assert "cost_of_revenue.gross_margin: give the gross margin of each estimate period" in refused(d)
    d = costed_company()
    d["revenue"]["segments"][0]["cost"]["amounts"] = src([1, 1, 1, 1])
    assert "revenue.segments[0].cost: give either gross_margin or amounts, not both" in refused(d)


def costed_with_scenario() -> dict:
    d = with_scenario(costed_company())
    d["scenarios"]["cases"][0]["overrides"]["revenue.segments.robots.cost"] = [0.5] * 4
    return d


def test_segment_costs_in_scenarios_and_extract(tmp_path):
    a = parse(costed_with_scenario())
    build(a, tmp_path, charts=False, audit=True)
    assert parse(extract(tmp_path / "acme_robotics.xlsx")) == a
    m = build_model(a)
    robots = m.series("RB_robots")
    assert m.series("RB_robots_cost")[EST] == pytest.approx([r * 0.5 for r in robots[EST]])  # bull is live


@needs_libreoffice
def test_libreoffice_agrees_on_segment_costs(tmp_path):
    a = parse(costed_with_scenario())
    build(a, tmp_path, charts=False, audit=True)
    named = libreoffice_named_values(tmp_path / "acme_robotics.xlsx", tmp_path / "engine")
    assert named["CHK_master"] is True
    robots = build_model(a).series("RB_robots")[EST]
    assert named["IS_cost_of_revenue"][3:7] == pytest.approx([-(r * 0.5 + s) for r, s in zip(robots, SERVICES_COST)])


def test_a_segment_made_of_parts():
    m = build_model(parse(parted_company()))
    arms = expected_robots()  # the price x volume driver moved to the part
    spares = [x * a for x, a in zip([0.5, 0.5, 0.4, 0.4], arms)]
    assert m.series("RB_arms")[EST] == pytest.approx(arms)
    assert m.series("RB_spares")[EST] == pytest.approx(spares)
    assert m.series("RB_robots")[:3] == [100, 120, 150]  # 70 + 30, 80 + 40, 100 + 50
    assert m.series("RB_robots")[EST] == pytest.approx([x + y for x, y in zip(arms, spares)])
    assert m.series("IS_revenue")[EST] == pytest.approx([x + y + s for x, y, s in
                                                         zip(arms, spares, expected_services())])
    assert m.value("CHK_master") is True


@needs_libreoffice
def test_parts_in_scenarios_extract_and_libreoffice(tmp_path):
    d = parted_company()
    d["scenarios"] = {"live": "base", "cases": [{
        "key": "bull", "name_zh": "乐观", "name_en": "Bull", "source": "t",
        "overrides": {"revenue.segments.spares.driver": [1.0] * 4, "revenue.segments.arms.price": [0.2] * 4}}]}
    a = parse(d)
    m = build_model(a)
    price, arms = 2.5, []
    for volume in VOLUME_AMOUNTS:
        price *= 1.2
        arms.append(price * volume)
    assert m.series("KPI_scn_bull_arms")[EST] == pytest.approx(arms)
    assert m.series("KPI_scn_bull_robots")[EST] == pytest.approx([2 * x for x in arms])
    assert m.series("KPI_scn_base_robots")[EST] == pytest.approx(m.series("RB_robots")[EST])
    build(a, tmp_path, charts=False, audit=True)
    assert parse(extract(tmp_path / "acme_robotics.xlsx")) == a
    named = libreoffice_named_values(tmp_path / "acme_robotics.xlsx", tmp_path / "engine")
    assert named["CHK_master"] is True
    assert named["RB_robots"][3:7] == pytest.approx(m.series("RB_robots")[EST])


def test_parts_refused_when_the_segment_gives_its_own_or_a_loop():
    d = parted_company()
    d["revenue"]["segments"][0]["growth"] = src([0.1] * 4)
    assert "revenue.segments[0].growth: a segment with parts is their sum; give growth to each part instead" \
        in refused(d)
    d = parted_company()
    d["revenue"]["segments"][0]["parts"][1]["driver"]["of"] = "robots"
    assert "through the loop spares -> robots -> spares" in refused(d)
    d = parted_company()
    d["revenue"]["segments"][0]["parts"][1]["key"] = "services"
    assert "revenue.segments[0].parts[1].key: 'services' is already the key of revenue.segments[1]" in refused(d)


def test_a_segment_falling_to_zero_shows_growth_as_not_meaningful():
    d = driven_company()
    d["revenue"]["segments"][1]["driver"] = {"kind": "share_of", "of": "robots", "values": [0.3, 0.0, 0.0, 0.2],
                                             "source": "t"}
    m = build_model(parse(d))  # validates: no #DIV/0! anywhere
    yoy = m.series("RB_services_yoy_pct")
    robots = expected_robots()
    assert yoy[3] == pytest.approx(0.3 * robots[0] / 55 - 1)
    assert yoy[4] == pytest.approx(-1.0)
    assert yoy[5] == "n.m." and yoy[6] == "n.m."
