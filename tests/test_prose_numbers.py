"""Numbers in prose come from the model: placeholders in thesis, method and risk text."""
from __future__ import annotations

import pytest
import yaml

from builder.commands.cli import main
from builder.validation.loader import default_example, load, parse
from builder.model import build_model
from builder.assumptions.prose import fill, format_value
from builder.report import make_report
from other_company import acme


def test_formats():
    assert format_value(9092.4, "revenue", "yi", "2") == "90.92"
    assert format_value(9092.4, "revenue", "bn", "2") == "9.09"
    assert format_value(9092.4, "revenue", None, None) == "9,092"
    assert format_value(0.1776, "revenue_yoy", None, None) == "18%"
    assert format_value(0.1776, "revenue_yoy", None, "1") == "17.8%"
    assert format_value(5.0, "target_multiple", None, "0") == "5"
    assert format_value(None, "target_price", None, None) == "-"
    assert fill("no {placeholder here} or {x", lambda k, y: 1) == "no {placeholder here} or {x"


def test_kingsoft_thesis_figures_are_the_printed_ones(built, reference):
    """The example's thesis quotes its forecasts through placeholders; rendered, they are the report's
    printed figures (revenue in 亿元 and RMB bn, growth, the target multiple)."""
    revenue = reference["revenue_build"]["revenue_total"][2:]   # 2024-26, RMB m as printed
    growth = reference["revenue_build"]["revenue_total_yoy_pct"][2:]
    zh = (built / "kingsoft_cloud.zh.md").read_text(encoding="utf-8")
    en = (built / "kingsoft_cloud.en.md").read_text(encoding="utf-8")
    yi = "/".join(f"{r / 100:.2f}" for r in revenue)
    assert f"预计 24-26 年收入 {yi} 亿元，同比增长 {'/'.join(f'{g}%' for g in growth)}" in zh
    assert yi == "76.92/90.92/103.66"  # the report's words
    bn = "/".join(f"{r / 1000:.2f}" for r in revenue)
    assert f"RMB {bn}bn for 2024-26E (+{'/+'.join(f'{g}%' for g in growth)})" in en
    target = reference["rating"]["target_ps_2025e"]
    assert f"给予 25 年目标 PS {target}x，首次覆盖" in zh and f"target {target}x 2025E P/S; initiate" in en
    assert "{" not in zh and "{" not in en


def test_prose_follows_a_changed_driver():
    a = load(default_example())
    data = a.model_dump(mode="json")
    data["revenue"]["segments"][0]["growth"]["values"] = [g + 0.5 for g in data["revenue"]["segments"][0]["growth"]["values"]]
    changed = parse(data)
    model = build_model(changed)
    view = make_report(model, changed)
    revenue_2025 = model.series("IS_revenue")[[p.year for p in model.periods].index(2025)]
    assert f"{revenue_2025 / 100:.2f}" in view.thesis[-1]["zh"]
    assert f"{revenue_2025 / 100:.2f}" != "90.92"


def _write(tmp_path, data) -> str:
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("text, problem", [
    ("Revenue {revenue} next year", "thesis[0].en: placeholder {revenue} needs a year, e.g. {revenue@2025}"),
    ("Revenue {revenue@2031}", "thesis[0].en: placeholder {revenue@2031}: 2031 is not one of the model's years"),
    ("Price {target_prize}", "thesis[0].en: placeholder {target_prize}: unknown; use one of"),
])
def test_a_bad_placeholder_is_a_validation_error(tmp_path, capsys, text, problem):
    data = acme()
    data["thesis"] = [{"zh": "要点", "en": text}]
    assert main(["validate", _write(tmp_path, data)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and problem in err[0], err
