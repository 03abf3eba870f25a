"""The Markdown summaries carry the workbook's numbers."""
import re

import pytest


@pytest.fixture(scope="module")
def summaries(built):
    return {lang: (built / f"kingsoft_cloud.{lang}.md").read_text(encoding="utf-8") for lang in ("zh", "en")}


def table_row(text, label):
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] == label:
            return cells[1:]
    raise AssertionError(f"no table row {label!r}")


def number(cell):
    s = cell.replace(",", "")
    return float(s[:-1]) / 100 if s.endswith("%") else float(s)


@pytest.mark.parametrize("lang,labels", [
    ("zh", {"营业收入": ("KPI_revenue", 0.5), "调整后净利润": ("KPI_adj_net_profit", 0.5),
            "调整后每股收益（元/股）": ("KPI_eps_rmb", 0.005), "净资产收益率": ("KPI_roe_pct", 0.005),
            "市净率": ("KPI_pb", 0.05)}),
    ("en", {"Revenue": ("KPI_revenue", 0.5), "Adjusted net profit": ("KPI_adj_net_profit", 0.5),
            "Adjusted EPS (RMB)": ("KPI_eps_rmb", 0.005), "ROE": ("KPI_roe_pct", 0.005), "P/B (x)": ("KPI_pb", 0.05)}),
])
def test_key_financials_equal_the_workbook(summaries, named, lang, labels):
    for label, (name, tol) in labels.items():
        cells = table_row(summaries[lang], label)
        assert len(cells) == 5
        for cell, stored in zip(cells, named[name]):
            assert abs(number(cell) - stored) <= tol + 1e-12, f"{lang} {label}: {cell} vs {stored}"


def test_growth_rows_equal_the_workbook(summaries, named):
    rows = [r for r in summaries["zh"].splitlines() if r.startswith("| 同比增长率")]
    assert len(rows) == 2
    for row, name in zip(rows, ("KPI_revenue_yoy_pct", "KPI_adj_net_profit_yoy_pct")):
        cells = [c.strip() for c in row.strip("|").split("|")][1:]
        for cell, stored in zip(cells, named[name]):
            assert abs(number(cell) - stored) <= 0.005 + 1e-12


def test_headline_valuation(summaries, named):
    zh, en = summaries["zh"], summaries["en"]
    tp = f"{named['VAL_target_price_hkd']:.2f}"
    assert tp == "12.98"
    for text in (zh, en):
        assert tp in text and "39%" in text and "9.33" in text and "2025-02-10" in text
        assert "3896.HK" in text
    assert "买入" in zh and "Buy" in en
    assert f"{named['VAL_target_market_cap_hkd_m'] / 100:.0f}" in zh  # 494 亿
    assert f"{named['VAL_target_market_cap_hkd_m']:,.0f}" in en


def test_peer_table_and_risks(summaries, reference):
    en = summaries["en"]
    # Multiples print with one decimal (as the peer chart shows them); rounded to whole numbers they
    # are the report's printed ones.
    msft = next(p for p in reference["peer_valuation"]["peers"] if "Microsoft" in p["name"])
    expected = [msft["market_cap"] / msft["rev_2025e"], msft["market_cap"] / msft["rev_2026e"]]
    assert table_row(en, "Microsoft")[-2:] == [f"{x:.1f}x" for x in expected] == ["11.0x", "9.7x"]
    assert [round(x) for x in expected] == [msft["ps_2025e"], msft["ps_2026e"]]
    average = [float(x.rstrip("x")) for x in table_row(en, "Average")[-2:]]
    assert round(average[0]) == reference["rating"]["peer_average_ps_2025e"] == 5
    assert table_row(en, "Amazon")[-1] == "-"
    for risk in reference["risks"]:
        assert risk.split(" (")[0] in summaries["zh"]
    assert re.search(r"^## Risks$", en, re.M) and re.search(r"^## 风险提示$", summaries["zh"], re.M)
