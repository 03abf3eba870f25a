"""Per share (issue 13): attributable EPS on weighted shares, diluted and adjusted EPS, book value per
share, P/E = price / EPS and P/B = price / BVPS; expected values are worked out here in plain Python."""
import pytest

from builder.commands.build import build
from builder.validation.loader import AssumptionsError, parse
from builder.model.assemble import build_model
from conftest import libreoffice_named_values, needs_libreoffice
from other_company import acme, src
from quarterly_company import N_ACT, N_EST, quarterly


def company(**changes) -> dict:
    d = acme()
    d.update(changes)
    return d


def with_minorities() -> dict:
    """Acme with 10% minorities (a minority-interest line in equity) and reported minorities' profit."""
    d = acme()
    d["minority_share"] = src([0.1, 0.1, 0.1, 0.1])
    d["minority_actuals"] = src([0.5, 0.6, 0.7])
    for line in d["balance_sheet"]:
        if line["key"] == "share_capital":
            line["actuals"] = src([45, 45, 45])
    d["balance_sheet"].append({"key": "minorities", "name_zh": "少数股东权益", "name_en": "Minority interests",
                               "section": "equity", "role": "minority_interest", "actuals": src([5, 5, 5])})
    d["eps_shares_m"] = src([50, 50, 50, 52, 53, 54, 55])
    d["per_share"] = {"diluted_shares_m": src([51, 51, 52, 53, 54, 55, 56]),
                      "year_end_shares_m": src([50, 50, 51, 52, 53, 54, 55])}
    return d


def test_attributable_eps_every_year_with_minorities():
    m = build_model(parse(with_minorities()))
    net, shares = m.series("IS_net_profit"), [50, 50, 50, 52, 53, 54, 55]
    minority = [0.5, 0.6, 0.7] + [0.1 * x for x in net[3:]]
    parent = [n - mi for n, mi in zip(net, minority)]
    assert m.series("IS_net_profit_parent") == pytest.approx(parent)  # actual years too
    assert m.series("KPI_shares_weighted") == [50, 50, 50, 52, 53, 54, 55]
    assert m.series("KPI_eps") == pytest.approx([p / s for p, s in zip(parent, shares)])
    diluted = [51, 51, 52, 53, 54, 55, 56]
    assert m.series("KPI_eps_diluted") == pytest.approx([p / s for p, s in zip(parent, diluted)])
    adjustments = m.series("IS_adjustments")
    assert m.series("KPI_eps_adjusted") == pytest.approx(
        [(p + a) / s for p, a, s in zip(parent, adjustments, shares)])


def test_book_value_per_share_pe_and_pb():
    m = build_model(parse(with_minorities()))
    equity, minorities = m.series("BS_total_equity"), m.series("BS_minorities")
    year_end = [50, 50, 51, 52, 53, 54, 55]
    bvps = [(e - mi) / s for e, mi, s in zip(equity, minorities, year_end)]
    assert m.series("KPI_bvps") == pytest.approx(bvps)
    price = 25.0 / 1.0
    eps = m.series("KPI_eps")
    assert m.series("KPI_pe") == [pytest.approx(price / e) if e > 0 else "n.m." for e in eps]
    assert m.series("KPI_pb") == [pytest.approx(price / b) if b > 0 else "n.m." for b in bvps]


def test_price_is_converted_to_the_reporting_currency_and_losses_are_not_meaningful():
    d = with_minorities()
    d["market"]["fx"]["value"] = 8.0  # market currency per reporting currency
    d["tax"]["effective_rate"] = src([0.0] * 4)
    d["opex"][1]["driver"]["values"] = [500, 14, 15, 16]  # a loss in 2022
    m = build_model(parse(d))
    eps = m.series("KPI_eps")
    assert eps[3] < 0
    assert m.series("KPI_pe")[3] == "n.m."
    assert m.series("KPI_pe")[4] == pytest.approx(25.0 / 8.0 / eps[4])


def test_no_minorities_means_no_minority_lines_and_profit_is_all_attributable():
    d = acme()
    del d["minority_share"]
    m = build_model(parse(d))
    names = m.named()
    assert "IS_net_profit_minority" not in names and "CHK_profit_split" not in names
    assert m.series("IS_net_profit_parent") == m.series("IS_net_profit")
    assert m.series("KPI_eps") == pytest.approx([n / s for n, s in zip(m.series("IS_net_profit"),
                                                                          [50, 50, 50, 52, 52, 52, 52])])
    assert "KPI_eps_diluted" not in names
    # Without year-end shares, book value per share uses today's share count (52m).
    assert m.series("KPI_bvps") == pytest.approx([e / 52 for e in m.series("BS_total_equity")])


def test_book_value_total_keeps_minorities_in():
    d = with_minorities()
    d["per_share"]["book_value"] = "total"
    m = build_model(parse(d))
    year_end = [50, 50, 51, 52, 53, 54, 55]
    assert m.series("KPI_bvps") == pytest.approx([e / s for e, s in zip(m.series("BS_total_equity"), year_end)])


def test_kingsoft_attributable_eps_and_pe(named, reference):
    net = reference["income_statement"]["net_profit"]
    parent = named["IS_net_profit_parent"]
    assert parent[:2] == pytest.approx([net[0] + 9.2, net[1] + 7.4], abs=1)  # the file's minorities estimate
    shares = [3600, 3600, 3805.28, 3805.28, 3805.28]
    assert named["KPI_eps"] == pytest.approx([p / s for p, s in zip(parent, shares)])
    assert named["KPI_pe"] == ["n.m."] * 5  # loss-making every year
    assert named["KPI_eps_rmb"] == pytest.approx(reference["summary_table"]["eps_rmb"], abs=0.005)


def test_quarterly_full_year_eps_uses_the_years_weighted_shares():
    d = quarterly()
    shares = [50.0 + 0.5 * i for i in range(N_ACT + N_EST)]  # shares move every quarter
    d["eps_shares_m"] = src(shares)
    m = build_model(parse(d))
    parent = m.series("IS_net_profit_parent")
    eps_fy, pe_fy = m.series("KPI_eps_fy"), m.series("KPI_pe_fy")
    for t in range(3, N_ACT + N_EST, 4):  # each fiscal year's last quarter
        year_shares = sum(shares[t - 3:t + 1]) / 4
        assert m.series("KPI_shares_weighted_fy")[t] == pytest.approx(year_shares)
        assert eps_fy[t] == pytest.approx(sum(parent[t - 3:t + 1]) / year_shares)
        assert pe_fy[t] == pytest.approx(25.0 / eps_fy[t])
        # the key financials' EPS is on the default basic basis: the same attributable EPS
        assert m.series("KPI_eps_usd_fy")[t] == pytest.approx(sum(parent[t - 3:t + 1]) / year_shares)
    assert "KPI_pe" not in m.named()  # a quarter's P/E would be meaningless


def test_quarterly_adjusted_basis_eps_and_pe():
    d = quarterly()
    shares = [50.0 + 0.5 * i for i in range(N_ACT + N_EST)]
    d["eps_shares_m"] = src(shares)
    d["report"]["eps_basis"] = "adjusted"
    m = build_model(parse(d))
    adj = m.series("IS_adj_net_profit")
    for t in range(3, N_ACT + N_EST, 4):
        eps = sum(adj[t - 3:t + 1]) / (sum(shares[t - 3:t + 1]) / 4)
        assert m.series("KPI_eps_usd_fy")[t] == pytest.approx(eps)
        assert m.series("KPI_pe_fy")[t] == (pytest.approx(25.0 / eps) if eps > 0 else "n.m.")


@pytest.mark.parametrize("change, message", [
    (lambda d: d["per_share"].update(diluted_shares_m=src([49] + [60] * 6)),
     "per_share.diluted_shares_m.values[0]: 49 is below the basic shares 50"),
    (lambda d: d["per_share"].update(year_end_shares_m=src([50, 0, 51, 52, 53, 54, 55])),
     "per_share.year_end_shares_m.values[1]: share count must be positive"),
    (lambda d: d.pop("minority_share"),
     "minority_share: a balance sheet with a minority_interest line needs minority_share"),
    (lambda d: d.update(minority_actuals=src([1, 2])), "minority_actuals.values: expected 3 values"),
])
def test_bad_per_share_input(change, message):
    d = with_minorities()
    change(d)
    with pytest.raises(AssumptionsError) as e:
        parse(d)
    assert message in str(e.value)


@needs_libreoffice
def test_libreoffice_agrees_on_per_share_lines(tmp_path):
    build(parse(with_minorities()), tmp_path)
    xlsx = tmp_path / "acme_robotics.xlsx"
    named = libreoffice_named_values(xlsx, tmp_path / "engine")
    for key in ("KPI_eps", "KPI_eps_diluted", "KPI_bvps", "KPI_pe", "KPI_pb", "IS_net_profit_parent"):
        assert len(named[key]) == 7
    assert named["CHK_master"] is True

