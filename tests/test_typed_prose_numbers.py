"""Numbers typed in prose (not placeholders) that the model contradicts: a warning at validate and build
time and a `prose-number` finding of the audit; figures about something else are left alone."""
from __future__ import annotations

import pytest
import yaml

from builder.audit import audit_workbook
from builder.commands.cli import main
from builder.validation.loader import default_example, load
from builder.labels.prose_numbers import claims, disagreements

# The report's printed total revenue, RMB m (Kingsoft Cloud, 2022A..2026E): the model reproduces them.
PRINTED_REVENUE = {2024: 7692, 2025: 9092, 2026: 10366}


@pytest.mark.parametrize("text, expected", [
    ("预计 24-26 年收入 76.92/90.92/103.66 亿元", [(2024, 76.92, "亿"), (2025, 90.92, "亿"), (2026, 103.66, "亿")]),
    ("We forecast revenue of RMB 7.69/9.09/10.37bn for 2024-26E (+18%/+18%/+14%)",
     [(2024, 7.69, "bn"), (2025, 9.09, "bn"), (2026, 10.37, "bn")]),
    ("FY2025 net income of US$1,234.5m", [(2025, 1234.5, "m")]),
    ("2025年每股收益 70.1 元", [(2025, 70.1, "")]),
    ("25E 归母净利润 -12.5 亿元", [(2025, -12.5, "亿")]),
])
def test_clauses_the_matcher_reads(text, expected):
    assert [(c.year, c.value, c.unit) for c in claims(text)] == expected


@pytest.mark.parametrize("text", [
    "25-27 年与金山软件、小米的云服务年度上限合计 28/37/48 亿元",  # caps, not revenue
    "the 2025-27 framework caps for cloud services total RMB 2.8/3.7/4.8bn, underpinning revenue growth",
    "cloud revenue of RMB 5bn in 2025",            # a part of revenue
    "2025年云服务收入 50 亿元",                      # likewise in Chinese
    "2025 revenue grows 18%",                        # a change, no amount
    "2025年收入同比增长 10 亿元",                     # a change in 亿
    "2024-26 revenue of RMB 7.69/9.09bn",            # two amounts for three years
    "2025 revenue of 9,092 and 2026 revenue of 10,366",  # no unit; two years
    "Kingsoft owns 37.4% and Xiaomi 12.25%",
    "2025E revenue from Xiaomi of RMB 3bn",
    "2025年净亏损 12 亿元",                           # a loss, whose sign is the reader's guess
])
def test_clauses_it_leaves_alone(text):
    assert claims(text) == []


def test_rounding_and_currency():
    lines = {"IS_revenue": {2025: 9092.4}}
    assert disagreements("2025 revenue of RMB 9.1bn", lines, "RMB") == []  # 9.05..9.15
    assert disagreements("2025 revenue of RMB 9bn", lines, "RMB") == []    # 8.5..9.5
    assert disagreements("2025 revenue of HK$ 20bn", lines, "RMB") == []   # another currency: not comparable
    assert disagreements("2025 revenue of RMB 9.2bn", lines, "RMB") == [
        "typed 9.2 bn for 2025 revenue, but the model has 9.1 bn (IS_revenue)"]
    assert disagreements("2030 revenue of RMB 9.2bn", lines, "RMB") == []  # a year the model has not


def _kingsoft_with(tmp_path, zh: str, en: str):
    data = load(default_example()).model_dump(mode="json", exclude_none=True)
    data["thesis"].append({"zh": zh, "en": en})
    path = tmp_path / "k.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, len(data["thesis"]) - 1


def test_a_wrong_typed_figure_warns_at_build_and_in_the_audit(tmp_path, capsys):
    right_yi = f"{PRINTED_REVENUE[2025] / 100:.1f}"     # 90.9: agrees within its rounding
    path, i = _kingsoft_with(tmp_path, f"预计 2025 年收入 {right_yi} 亿元", "We forecast 2025E revenue of RMB 9.50bn")
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    model_bn = f"{PRINTED_REVENUE[2025] / 1000:.2f}"  # 9.09
    assert f"thesis[{i}].en: warning: typed 9.50 bn for 2025 revenue, but the model has {model_bn} bn" in err[0]
    out = tmp_path / "out"
    out.mkdir()
    assert main(["build", str(path), "--out", str(out), "--no-charts"]) == 0
    printed = capsys.readouterr()
    assert "audit: 0 errors, 1 warning" in printed.out + printed.err
    assert f"thesis[{i}].en: warning: typed 9.50 bn" in printed.err
    found = [f for f in audit_workbook(out / "kingsoft_cloud.xlsx", recalc=False) if f.rule == "prose-number"]
    assert len(found) == 1 and found[0].severity == "warning", found
    assert found[0].message == f"typed 9.50 bn for 2025 revenue, but the model has {model_bn} bn (IS_revenue)"
    assert found[0].sheet == "Cover"


def test_right_typed_figures_pass(tmp_path, capsys):
    yi = "/".join(f"{PRINTED_REVENUE[y] / 100:.2f}" for y in (2024, 2025, 2026))
    bn = "/".join(f"{PRINTED_REVENUE[y] / 1000:.1f}" for y in (2024, 2025, 2026))
    path, _ = _kingsoft_with(tmp_path, f"预计 24-26 年收入 {yi} 亿元", f"Revenue of RMB {bn}bn in 2024-26E")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().err == ""
    out = tmp_path / "out"
    out.mkdir()
    assert main(["build", str(path), "--out", str(out), "--no-charts"]) == 0
    printed = capsys.readouterr()
    assert "audit: 0 errors, 0 warnings" in printed.out + printed.err and printed.err == ""
    assert not [f for f in audit_workbook(out / "kingsoft_cloud.xlsx", recalc=False) if f.rule == "prose-number"]
