"""The summary's EPS row and its note follow the model's basis (issue 13): basic EPS (profit attributable
to shareholders / weighted shares) unless the file says it reports adjusted EPS (report.eps_basis)."""
import pytest

from builder.commands.build import build
from builder.validation.loader import default_example, load, parse
from builder.model.assemble import build_model
from builder.report import make_report
from other_company import acme
from quarterly_company import quarterly

ACME_SHARES = [50, 50, 50, 52, 52, 52, 52]


def test_basic_eps_by_default():
    a = parse(acme())
    m = build_model(a)
    parent = m.series("IS_net_profit_parent")
    eps = make_report(m, a).financials.eps
    assert eps == pytest.approx([p / s for p, s in zip(parent, ACME_SHARES)])
    assert all(e > 0 for e in eps)
    assert make_report(m, a).financials.pe == pytest.approx([25 / e for e in eps])  # price / the EPS shown


def test_adjusted_eps_where_the_file_says_so():
    d = acme()
    d["report"]["eps_basis"] = "adjusted"
    a = parse(d)
    m = build_model(a)
    adjusted = m.series("IS_adj_net_profit")
    assert make_report(m, a).financials.eps == pytest.approx([p / s for p, s in zip(adjusted, ACME_SHARES)])


def test_the_note_says_which(tmp_path):
    (tmp_path / "basic").mkdir()
    build(parse(acme()), tmp_path / "basic", charts=False)
    text = (tmp_path / "basic" / "acme_robotics.en.md").read_text(encoding="utf-8")
    assert "EPS is profit attributable to shareholders / weighted average shares (basic EPS)" in text
    assert "EPS is adjusted net profit / shares" not in text
    zh = (tmp_path / "basic" / "acme_robotics.zh.md").read_text(encoding="utf-8")
    assert "每股收益为归属于母公司股东的净利润除以加权平均股本" in zh


def test_quarterly_basic_eps_uses_the_years_weighted_shares():
    a = parse(quarterly())
    m = build_model(a)
    view = make_report(m, a)
    ends = [t for t, p in enumerate(m.periods) if p.year_end and t >= 3]
    parent = m.series("IS_net_profit_parent")
    # a fiscal year's EPS: the year's attributable profit / the year's weighted shares (50 m every quarter)
    expected = [sum(parent[t - 3:t + 1]) / 50.0 for t in ends]
    assert view.financials.eps == pytest.approx(expected)


def test_kingsoft_keeps_its_printed_adjusted_eps():
    a = load(default_example())
    assert a.report.eps_basis == "adjusted"
    view = make_report(build_model(a), a)
    assert [round(x, 2) for x in view.financials.eps] == [-0.54, -0.36, -0.27, -0.15, -0.05]
