"""Shareholder returns (issue 13): dividends by payout ratio or DPS, paid in the year or a year later,
and buybacks that retire shares, through cash flow, retained earnings and EPS. Expected values are
worked out here in plain Python from the fixture's inputs."""
import pytest

from builder.commands.build import build
from builder.validation.loader import AssumptionsError, parse
from builder.model.assemble import build_model
from conftest import libreoffice_named_values, needs_libreoffice
from other_company import acme, src
from quarterly_company import N_ACT, N_EST, quarterly

DIVIDENDS_ACT, BUYBACKS_ACT = [1.0, 1.5, 2.0], [0.0, 3.0, 4.0]


def returning(kind="payout_ratio", values=(0.3, 0.3, 0.4, 0.4), paid="same_year", buybacks=True) -> dict:
    """Acme paying dividends and buying back shares; its reported other financing excludes them."""
    d = acme()
    r = {"dividends": {"kind": kind, "values": list(values), "paid": paid, "source": "t",
                       "actuals": src(DIVIDENDS_ACT)}}
    other_financing = DIVIDENDS_ACT[:]
    if buybacks:
        r["buybacks"] = {"amounts": src([10, 10, 12, 12]), "average_price": src([20, 25, 25, 30]),
                         "actuals": src(BUYBACKS_ACT)}
        other_financing = [x + y for x, y in zip(DIVIDENDS_ACT, BUYBACKS_ACT)]
        d["eps_shares_m"] = src([50, 50, 50])
        d["per_share"] = {"year_end_shares_m": src([50, 50, 52])}
    d["shareholder_returns"] = r
    d["cash_flow"]["actuals"]["other_financing"] = src(other_financing)
    return d


def test_payout_dividends_and_buybacks_flow_through_cash_and_equity():
    m = build_model(parse(returning()))
    parent = m.series("IS_net_profit_parent")
    declared = DIVIDENDS_ACT + [max(p, 0) * x for p, x in zip(parent[3:], (0.3, 0.3, 0.4, 0.4))]
    assert m.series("KPI_dividends") == pytest.approx(declared)
    assert m.series("CF_dividends_paid") == pytest.approx([-x for x in declared])
    assert m.series("CF_buybacks") == pytest.approx([-x for x in BUYBACKS_ACT + [10, 10, 12, 12]])
    retained = m.series("BS_retained")
    fx = m.series("CF_fx_effect_on_cash")
    amounts = [10, 10, 12, 12]
    for p in range(3, 7):
        expected = retained[p - 1] + parent[p] + fx[p] - declared[p] - amounts[p - 3]
        assert retained[p] == pytest.approx(expected)
        assert m.series("BS_total_assets")[p] == pytest.approx(m.series("BS_total_liabilities_and_equity")[p])
    assert m.value("CHK_master") is True


def test_buybacks_reduce_shares_and_raise_eps():
    m = build_model(parse(returning()))
    year_end = [50, 50, 52]
    for amount, price in zip([10, 10, 12, 12], [20, 25, 25, 30]):
        year_end.append(year_end[-1] - amount / price)
    weighted = [50, 50, 50] + [(year_end[p - 1] + year_end[p]) / 2 for p in range(3, 7)]
    assert m.series("KPI_shares_year_end") == pytest.approx(year_end)
    assert m.series("KPI_shares_weighted") == pytest.approx(weighted)
    parent = m.series("IS_net_profit_parent")
    assert m.series("KPI_eps") == pytest.approx([p / s for p, s in zip(parent, weighted)])
    dps = [dv / s for dv, s in zip(m.series("KPI_dividends"), weighted)]
    assert m.series("KPI_dps") == pytest.approx(dps)
    assert m.series("KPI_dividend_yield") == pytest.approx([x / 25.0 for x in dps])


def test_dps_dividends_paid_a_year_later():
    m = build_model(parse(returning(kind="dps", values=(0.1, 0.12, 0.14, 0.16), paid="next_year",
                                    buybacks=False)))
    shares = [50, 50, 50, 52, 52, 52, 52]
    declared = DIVIDENDS_ACT + [x * s for x, s in zip((0.1, 0.12, 0.14, 0.16), shares[3:])]
    assert m.series("KPI_dividends") == pytest.approx(declared)
    assert m.series("KPI_dps")[3:] == pytest.approx([0.1, 0.12, 0.14, 0.16])
    paid = DIVIDENDS_ACT + declared[2:6]  # each year pays the year before's dividend
    assert m.series("KPI_dividends_paid") == pytest.approx(paid)
    assert m.series("CF_dividends_paid") == pytest.approx([-x for x in paid])
    assert m.value("CHK_master") is True


def test_quarterly_dividends_and_buybacks_balance():
    d = quarterly()
    d["shareholder_returns"] = {
        "dividends": {"kind": "payout_ratio", "values": [0.25] * N_EST, "paid": "next_year", "source": "t",
                      "actuals": src([0.0] * N_ACT)},
        "buybacks": {"amounts": src([1.0] * N_EST), "average_price": src([30.0] * N_EST),
                     "actuals": src([0.0] * N_ACT)}}
    d["eps_shares_m"] = src([50.0] * N_ACT)
    d["per_share"] = {"year_end_shares_m": src([50.0] * N_ACT)}
    m = build_model(parse(d))
    assert m.series("KPI_shares_year_end")[-1] == pytest.approx(50 - N_EST / 30)
    ta, tle = m.series("BS_total_assets"), m.series("BS_total_liabilities_and_equity")
    assert ta[N_ACT:] == pytest.approx(tle[N_ACT:])
    assert m.value("CHK_master") is True


@pytest.mark.parametrize("change, message", [
    (lambda d: d["shareholder_returns"]["dividends"].update(values=[0.3, -0.1, 0.3, 0.3]),
     "shareholder_returns.dividends.values[1]: a payout ratio below 0"),
    (lambda d: d["shareholder_returns"]["buybacks"].update(amounts=src([10, 10, 2000, 12])),
     "shareholder_returns.buybacks.amounts.values[2]: buybacks take the share count to "),
    (lambda d: d["per_share"].pop("year_end_shares_m"), "per_share.year_end_shares_m: buybacks need"),
    (lambda d: d.update(eps_shares_m=src([50] * 7)), "eps_shares_m.values: expected 3 values"),
])
def test_bad_returns_input(change, message):
    d = returning()
    change(d)
    with pytest.raises(AssumptionsError) as e:
        parse(d)
    assert message in str(e.value)


def test_buybacks_to_zero_name_the_year():
    d = returning()
    d["shareholder_returns"]["buybacks"]["amounts"] = src([10, 10, 2000, 12])
    with pytest.raises(AssumptionsError) as e:
        parse(d)
    assert "in 2024E (zero or below)" in str(e.value)


@needs_libreoffice
def test_libreoffice_agrees_with_returns(tmp_path):
    build(parse(returning(paid="next_year")), tmp_path)
    xlsx = tmp_path / "acme_robotics.xlsx"
    named = libreoffice_named_values(xlsx, tmp_path / "engine")
    assert named["CHK_master"] is True
    for p in range(7):
        assert named["BS_total_assets"][p] == pytest.approx(named["BS_total_liabilities_and_equity"][p], abs=1)


def test_extract_gives_back_the_returns_and_diff_lists_their_changes(tmp_path):
    from builder.commands.diff import input_changes, output_changes
    from builder.commands.extract import extract
    a = parse(returning(paid="next_year"))
    build(a, tmp_path, charts=False)
    assert parse(extract(tmp_path / "acme_robotics.xlsx")) == a
    changed = returning(paid="next_year")
    changed["shareholder_returns"]["buybacks"]["amounts"]["values"][1] = 20
    b = parse(changed)
    assert [(c.field, c.old, c.new) for c in input_changes(a, b)] == [
        ("shareholder_returns.buybacks.amounts.values[1]", 10, 20)]
    eps = {o.period: o for o in output_changes(a, b) if o.label.startswith("Basic EPS")}
    # 2023E: 10 more cash on buybacks at 25 retires 0.4m more shares by year end, 0.2m on average.
    old_shares = build_model(a).series("KPI_shares_weighted")[4]
    parent = build_model(b).series("IS_net_profit_parent")[4]
    assert eps["2023E"].new == pytest.approx(parent / (old_shares - 0.2))


def test_a_scenario_overrides_the_payout_and_the_buybacks():
    d = returning()
    d["scenarios"] = {"live": "generous", "cases": [{
        "key": "generous", "name_zh": "慷慨", "name_en": "Generous", "source": "t",
        "overrides": {"shareholder_returns.dividends": [0.9, 0.9, 0.9, 0.9],
                      "shareholder_returns.buybacks.amounts": [0, 0, 0, 0]}}]}
    m = build_model(parse(d))
    parent = m.series("IS_net_profit_parent")
    assert m.series("KPI_dividends")[3:] == pytest.approx([0.9 * max(p, 0) for p in parent[3:]])
    assert m.series("KPI_shares_year_end")[3:] == pytest.approx([52] * 4)
    assert m.value("CHK_master") is True


def test_summaries_show_dps_and_yield_from_the_model(tmp_path):
    a = parse(returning())
    build(a, tmp_path, charts=False)
    m = build_model(a)
    en = (tmp_path / "acme_robotics.en.md").read_text(encoding="utf-8")
    row = next(line for line in en.splitlines() if line.startswith("| DPS (USD)"))
    cells = [c.strip() for c in row.strip("|").split("|")][1:]
    dps = [dv / s for dv, s in zip(m.series("KPI_dividends"), m.series("KPI_shares_weighted"))]
    assert cells == [f"{x:.2f}" for x in dps]
    assert "| Dividend yield |" in en


def test_no_dividends_no_dps_row(tmp_path):
    build(parse(acme()), tmp_path, charts=False)
    assert "DPS" not in (tmp_path / "acme_robotics.en.md").read_text(encoding="utf-8")
