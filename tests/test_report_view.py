"""The report view: its facts against figures computed here by hand or printed in the report, the
language list as a real parameter, the label catalog against the template, and renderers that read
only the view."""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

from builder.commands.build import build
from builder.labels import CATALOG, LANGUAGES
from builder.labels import report_words
from builder.validation.loader import default_example, load, parse
from builder.report import make_report
from builder.model import build_model
from builder.model.valuation import METHODS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quarterly_company import quarterly  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def kingsoft():
    a = load(default_example())
    return a, make_report(build_model(a), a)


def test_headline_is_the_report_s_printed_figures(kingsoft):
    _, view = kingsoft
    h = view.headline
    assert round(h.target_price, 2) == 12.98           # printed: target price HK$12.98
    assert round(h.target_market_cap / 100) == 494      # printed: target market cap HK$494亿
    assert round(h.upside, 2) == 0.39                   # printed: upside 39%
    assert h.rating_words["en"] == "Buy" and h.rating_words["zh"] == "买入"


def test_valuation_bridge_recomputed_by_hand(kingsoft):
    a, view = kingsoft
    v = view.valuation
    assert v.target_multiple == 5 and v.basis_year == 2025
    assert v.fx == a.market.fx.value and v.shares == a.market.shares_outstanding_m.value
    market_cap = 5 * v.basis_metric * a.market.fx.value
    assert view.headline.target_market_cap == pytest.approx(market_cap)
    assert view.headline.target_price == pytest.approx(market_cap / a.market.shares_outstanding_m.value)
    # an annual model: the basis year is one column, 2025E, the fourth (2022A 2023A 2024E 2025E 2026E)
    assert (v.basis_column, v.basis_first_column) == (3, 3)
    assert view.charts.periods[v.basis_column] == "2025E"


def test_peer_multiples_are_market_cap_over_revenue(kingsoft):
    a, view = kingsoft
    for peer, rows in zip(a.valuation.peers, view.peers.rows):
        for year, multiple in rows.multiples:
            if peer.market_cap is None or peer.revenue.get(year) is None:
                assert not isinstance(multiple, (int, float)), (peer.name_en, year)
            else:
                assert multiple == pytest.approx(peer.market_cap / peer.revenue[year])
    with_figures = [p.market_cap / p.revenue[2025] for p in a.valuation.peers if p.market_cap]
    assert dict(view.peers.average)[2025] == pytest.approx(sum(with_figures) / len(with_figures))
    assert view.peers.years == (2025, 2026) and view.peers.revenue_years == (2024, 2025, 2026)


def test_sensitivity_grid_recomputed_by_hand(kingsoft):
    a, view = kingsoft
    grid, v = view.sensitivity, view.valuation
    steps, changes = a.sensitivity.multiple_changes.values, a.sensitivity.revenue_changes.values
    assert grid.changes == tuple(changes) and grid.base_column == changes.index(0)
    for step, row in zip(steps, grid.rows):
        assert row.multiple == pytest.approx(5 + step) and row.base == (step == 0)
        for change, price in zip(changes, row.prices):
            expected = (5 + step) * v.basis_metric * (1 + change) * v.fx / v.shares
            assert price == pytest.approx(expected)


def test_base_scenario_is_the_headline(kingsoft):
    _, view = kingsoft
    base = next(s for s in view.scenarios if s.key == "base")
    assert base.target_price == pytest.approx(view.headline.target_price)
    assert [s.live for s in view.scenarios].count(True) == 1


def test_quarterly_facts_are_computed_once_from_the_periods():
    a = parse(quarterly())
    view = make_report(build_model(a), a)
    # 2021Q1 is column 0, so 2025Q1 is column 16 and 2025Q4, the basis year's year end, column 19
    assert (view.valuation.basis_column, view.valuation.basis_first_column) == (19, 16)
    assert view.charts.periods[19] == "2025Q4E"
    # key financials by fiscal year: each year-end quarter with a full year behind it
    assert view.financials.years == ("FY2021A", "FY2022A", "FY2023A", "FY2024E", "FY2025E", "FY2026E",
                                     "FY2027E", "FY2028E", "FY2029E", "FY2030E")
    # peer multiples are read at year-end columns, as the Valuation sheet computes them
    peer = a.valuation.peers[0]
    assert dict(view.peers.rows[0].multiples)[2025] == pytest.approx(peer.market_cap / peer.revenue[2025])


def test_languages_are_a_parameter_from_the_view_to_the_files(tmp_path):
    a = load(default_example())
    both, english = tmp_path / "both", tmp_path / "en"
    both.mkdir()
    english.mkdir()
    build(a, both)
    result = build(a, english, languages=("en",))
    names = sorted(p.name for p in result.paths)
    assert names == sorted(["kingsoft_cloud.xlsx", "kingsoft_cloud.en.md", "kingsoft_cloud.en.revenue.png",
                            "kingsoft_cloud.en.margins.png", "kingsoft_cloud.en.peers.png",
                            "kingsoft_cloud.en.football.png"])
    assert sorted(p.name for p in english.iterdir()) == names
    for name in names[1:]:  # an English-only build writes the same English files
        if name.endswith((".md", ".png")):
            assert (english / name).read_bytes() == (both / name).read_bytes(), name


def test_every_word_of_the_template_is_in_the_catalog_in_every_language():
    template = (ROOT / "templates" / "summary.md.j2").read_text(encoding="utf-8")
    used = set(re.findall(r'\bt\("([^"]+)"', template))
    # Words the valuation method chooses: t(m ~ ".part") reads summary.<part> (P/S) or
    # valuation.<slug>.summary.<part> (every other method), which must all exist; t(pm ~ ".part") the same
    # for the method whose multiple the peer table shows.
    by_method = set(re.findall(r'\bt\(p?m ~ "\.([^"]+)"', template))
    assert {"method.bridge", "peers", "sensitivity"} <= by_method
    for part in by_method:
        used.add(f"summary.{part}")
        used.update(f"valuation.{m.slug}.summary.{part}" for m in METHODS.values() if m.slug != "ps")
    assert len(used) > 40
    for key in used:
        assert set(LANGUAGES) <= set(CATALOG[key]), key
    # and no word of the report is left unused
    sources = template + "".join(p.read_text(encoding="utf-8") for p in (ROOT / "builder").rglob("*.py")
                                 if p.name != "report_words.py")
    unused = [k for k in report_words.WORDS if k not in used and f'"{k}"' not in sources and f"'{k}'" not in sources]
    assert unused == []


RENDERERS = sorted(p.name for p in (ROOT / "builder" / "render").glob("*.py"))


def _imported_modules(path):
    """Absolute dotted names of everything a module imports, relative imports resolved."""
    package = ["builder", path.parent.name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            yield ".".join(base + ([node.module] if node.module else []))


@pytest.mark.parametrize("module", RENDERERS)
def test_renderers_do_not_read_the_assumptions(module):
    path = ROOT / "builder" / "render" / module
    imported = set(_imported_modules(path))
    assert not {m for m in imported if m.startswith("builder.assumptions")}, imported
    assert "Assumptions" not in path.read_text(encoding="utf-8")


def test_the_report_view_imports_no_renderer():
    for path in (ROOT / "builder" / "report").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not {m.lstrip(".") for m in modules} & {"workbook", "charts", "summary", "chart_specs",
                                                       "summary_charts", "build"}, path.name
