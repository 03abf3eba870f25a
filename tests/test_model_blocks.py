"""The model's structure: blocks return handles to real lines, one driver registry, valuation methods
behind one interface, immutable rows, and words from the label catalog."""
from __future__ import annotations

import dataclasses
import io
import re
import tokenize
from pathlib import Path

import pytest

from builder.labels import LANGUAGES, Words
from builder.labels import model_words
from builder.validation.loader import default_example, load, parse
from builder.model import Previous, build_model
from builder.model import valuation as valuation_methods
from builder.model.drivers import DRIVERS
from builder.model.valuation.ps import PriceToSales
from builder.assumptions.schema import DriverKind
from other_company import acme

MODEL_SOURCES = Path(__file__).resolve().parent.parent / "builder" / "model"


def _keys(handle) -> list[str]:
    """Every line or cell key a handle (a NamedTuple of keys, tuples, mappings and handles) names."""
    if handle is None:
        return []
    if isinstance(handle, str):
        return [handle]
    if isinstance(handle, dict):
        return [k for v in handle.values() for k in _keys(v)]
    return [k for v in handle for k in _keys(v)]


@pytest.mark.parametrize("case", ["kingsoft", "acme_with_previous"])
def test_every_handle_names_a_line_or_cell_of_the_model(case):
    if case == "kingsoft":
        model = build_model(load(default_example()))
    else:
        model = build_model(parse(acme()), Previous("old.yaml", {"IS_revenue": {"2022E": 200.0}}, 20.0, "Hold"))
    keys = _keys(model.handles)
    assert len(keys) > 80
    missing = [k for k in keys if k not in model.lines and k not in model.cells]
    assert not missing
    assert (model.handles.revisions is None) == (case == "kingsoft")


def test_handles_read_the_report_figures():
    """Read by handle, the default model gives the report's printed target price and upside."""
    model = build_model(load(default_example()))
    val = model.handles.valuation
    assert round(model.value(val.target_price), 2) == 12.98   # 申万宏源研究, 2025-02-11: HK$12.98
    assert round(model.value(val.upside), 2) == 0.39            # printed upside 39%
    assert model.value(model.handles.checks.master) is True


def test_every_driver_kind_has_one_registry_entry():
    assert set(DRIVERS) == set(DriverKind)


def test_each_driver_kind_gives_its_formula():
    """Acme's first estimate year (2022), computed by hand from its assumptions file."""
    model = build_model(parse(acme()))
    first = model.periods.index(next(p for p in model.periods if not p.actual))
    revenue = 150 * 1.2 + 55 * 1.1                      # segments: growth
    cost = revenue * (1 - 0.42)                          # gross margin
    expected = {
        "RB_sales": 25 * 1.05,                           # growth
        "RB_admin": 13,                                  # amount
        "BS_inventory": 0.2 * cost,                      # pct_of_cost_of_revenue
        "BS_goodwill": 10,                               # flat
        "IS_adjustments": 0.01 * revenue,                # pct_of_revenue
        "IS_net_interest": -3 * 1.0,                     # growth of zero
    }
    for key, value in expected.items():
        assert model.line_value(key, first) == pytest.approx(value), key


class _PriceToGrossProfit(PriceToSales):
    """A second method for the test: the target multiple applied to basis-year gross profit."""
    basis_slug = "gross_profit"

    def basis_line(self, income):
        return income.gross_profit


def test_a_valuation_method_is_one_class_and_the_model_follows_it(monkeypatch):
    monkeypatch.setitem(valuation_methods.METHODS, "P/S", _PriceToGrossProfit)
    model = build_model(parse(acme()))
    # By hand: 2023 revenue = 150 x 1.2 x 1.15 + 55 x 1.1 x 1.1; gross margin 43%; multiple 6.5; FX 1; 52m shares.
    gross_profit_2023 = (150 * 1.2 * 1.15 + 55 * 1.1 * 1.1) * 0.43
    target_price = 6.5 * gross_profit_2023 * 1.0 / 52
    val = model.handles.valuation
    assert val.basis == "VAL_basis_gross_profit"
    assert model.value(val.basis) == pytest.approx(gross_profit_2023)
    assert model.value(val.target_price) == pytest.approx(target_price)
    assert model.value("CHK_target_price") is True      # the check recomputes through the same method
    # The grid's base case: multiple change 0 (third of -2..+2), basis change 0 (column 3: column 0, then -10%..+10%).
    base_row = model.handles.sensitivity.target_price_rows["rev"][2]
    assert model.line_value(base_row, 3) == pytest.approx(target_price)
    assert model.value(model.handles.checks.master) is True


def test_rows_are_not_changed_after_construction():
    model = build_model(parse(acme()))
    line = model.lines["IS_revenue"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.source = "patched"
    cell = model.cells["IN_price"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        cell.origin = ("patched",)


def test_model_rows_carry_words_in_every_language():
    model = build_model(parse(acme()))
    robots = model.lines["RB_robots"]
    assert dict(robots.name) == {"zh": "机器人", "en": "Robots"}           # from the assumptions file
    assert (robots.name_zh, robots.name_en) == ("机器人", "Robots")
    growth = model.lines["IN_seg_robots_growth"]
    assert dict(growth.name) == {"zh": "机器人：同比增长", "en": "Robots: growth"}
    assert (model.sheets[0].title_zh, model.sheets[0].title) == ("封面", "Cover")


def test_words_format_fills_each_language_with_its_own_text():
    template = Words(zh="{name}（{unit}）", en="{name} ({unit})")
    filled = template.format(name=Words(zh="营业收入", en="Revenue"), unit="RMB m")
    assert dict(filled) == {"zh": "营业收入（RMB m）", "en": "Revenue (RMB m)"}


def test_every_two_column_word_has_every_language():
    one_column = ("source.", "unit.")  # the source and unit columns have one language
    incomplete = [k for k, texts in model_words.WORDS.items()
                  if not k.startswith(one_column) and set(texts) != set(LANGUAGES)]
    assert not incomplete


def _string_literals(path: Path) -> list[str]:
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    return [t.string for t in tokens if t.type == tokenize.STRING]


def test_the_model_code_holds_no_chinese_words():
    """Every Chinese word of the model lives in the label catalog, not in the blocks."""
    cjk = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
    found = [f"{p.relative_to(MODEL_SOURCES)}: {s}" for p in sorted(MODEL_SOURCES.rglob("*.py"))
             for s in _string_literals(p) if cjk.search(s)]
    assert not found
