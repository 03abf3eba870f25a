"""Revisions between two versions of a model: exactly the changed inputs, and what they move."""
from __future__ import annotations

import pytest
import yaml

from builder.commands.diff import input_changes, load_any, output_changes, render
from builder.validation.loader import default_example, parse


def example():
    return yaml.safe_load(default_example().read_text(encoding="utf-8"))


def revised():
    data = example()
    data["market"]["price"]["value"] = 10.0
    data["revenue"]["segments"][1]["growth"]["values"][1] = 0.80
    data["cost_of_revenue"]["gross_margin"]["values"][2] = 0.21
    return data


def test_lists_exactly_the_changed_inputs():
    changes = input_changes(parse(example()), parse(revised()))
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("revenue.segments[1].growth.values[1]", 0.70797, 0.80),
        ("cost_of_revenue.gross_margin.values[2]", 0.2, 0.21),
        ("market.price.value", 9.33, 10.0),
    ]


def test_output_changes_follow_from_the_inputs():
    old, new = parse(example()), parse(revised())
    out = {(o.label, o.period): o for o in output_changes(old, new)}
    rev_2025 = out[("Revenue", "2025E")]
    from builder.model import build_model
    xiaomi_2024 = build_model(old).series("RB_from_xiaomi")[2]
    expected_gain = xiaomi_2024 * (0.80 - 0.70797)  # Xiaomi 2025E revenue on its 2024E base
    assert rev_2025.change == pytest.approx(expected_gain, rel=1e-9)
    assert out[("Revenue", "2024E")].change == 0
    tp = out[("Target price", "")]
    assert tp.change == pytest.approx(5 * expected_gain * 1.0863 / 3805.28, rel=1e-9)
    upside = out[("Upside", "")]
    assert upside.new == pytest.approx(tp.new / 10.0 - 1)
    assert out[("Rating", "")].old == out[("Rating", "")].new == "买入 (Buy)"
    assert out[("Adjusted net profit", "2026E")].change != 0  # margin moved 2026E profit


def test_render_shows_old_new_change():
    text = render(input_changes(parse(example()), parse(revised())),
                  output_changes(parse(example()), parse(revised())))
    assert "market.price.value" in text and "9.33 -> 10" in text
    assert "Target price (HK$)" in text and "Revenue (RMB m)" in text
    assert "Rating" not in text.split("Changed outputs")[1]  # unchanged outputs are left out


def test_workbook_and_file_are_interchangeable(xlsx):
    assert load_any(xlsx) == load_any(default_example())
    assert input_changes(load_any(xlsx), load_any(default_example())) == []
