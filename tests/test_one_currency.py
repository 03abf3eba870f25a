"""One-currency models (issue 13): when the share price and the accounts are in the same currency,
`market.fx` may be left out; then no FX row is written and no formula multiplies by FX."""
import datetime as dt

import openpyxl
import pytest
import yaml

from builder.commands.batch import Price, refresh
from builder.commands.build import build
from builder.commands.cli import main
from builder.commands.extract import extract
from builder.validation.loader import AssumptionsError, load, parse
from builder.model.assemble import build_model
from conftest import libreoffice_named_values, needs_libreoffice
from other_company import acme


def one_currency() -> dict:
    d = acme()
    del d["market"]["fx"]
    return d


def refused(d: dict) -> str:
    with pytest.raises(AssumptionsError) as e:
        parse(d)
    return str(e.value)


def test_no_fx_row_and_the_target_price_without_fx():
    m = build_model(parse(one_currency()))
    assert not [k for k in list(m.lines) + list(m.cells) if k.endswith("_fx") or "_fx_" in k
                and "fx_effect" not in k]
    revenue_2023 = m.series("IS_revenue")[4]
    assert m.named()["VAL_target_price"] == pytest.approx(6.5 * revenue_2023 / 52)  # multiple x revenue / shares
    assert m.named()["VAL_target_price"] == pytest.approx(build_model(parse(acme())).named()["VAL_target_price"])
    assert m.value("CHK_master") is True


def test_workbook_and_summaries_never_mention_fx(tmp_path):
    a = parse(one_currency())
    build(a, tmp_path, charts=False, audit=True)
    wb = openpyxl.load_workbook(tmp_path / "acme_robotics.xlsx")
    texts = [c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [t for t in texts if ("FX" in t or "汇率" in t) and "effect" not in t and "汇率变动" not in t and "汇率影响" not in t]
    assert not [n for n in wb.defined_names if n.lower().endswith("_fx")]
    for lang in ("en", "zh"):
        text = (tmp_path / f"acme_robotics.{lang}.md").read_text(encoding="utf-8")
        assert "FX" not in text and "汇率" not in text
    assert "Target P/S of 6.5x × 2023E revenue of 274 (USD m) = target market cap" in \
        (tmp_path / "acme_robotics.en.md").read_text(encoding="utf-8")
    assert parse(extract(tmp_path / "acme_robotics.xlsx")) == a


@pytest.mark.parametrize("method", ["pe", "ev_ebitda", "dcf", "blend"])
def test_every_method_without_fx(tmp_path, method):
    path = tmp_path / f"{method}.yaml"
    assert main(["init", f"co_{method}", "--method", method, "-o", str(path)]) == 0
    d = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "fx" not in d["market"]  # the USD/USD starter is a one-currency model
    m = build_model(parse(d))
    d["market"]["fx"] = {"value": 1.0, "source": "t"}
    with_fx = build_model(parse(d))
    assert "VAL_fx" not in m.cells and "VAL_fx" in with_fx.cells
    assert m.named()["VAL_target_price"] == pytest.approx(with_fx.named()["VAL_target_price"])
    assert m.value("CHK_master") is True


def test_fx_required_between_two_currencies_and_not_overridable_without_it():
    d = one_currency()
    d["units"]["market_currency"] = "HKD"
    assert "market.fx: required when the share price (HKD) and the accounts (USD) are in different currencies" \
        in refused(d)
    d = one_currency()
    d["scenarios"] = {"cases": [{"key": "bear", "name_zh": "悲观", "name_en": "Bear", "source": "t",
                                 "overrides": {"market.fx": 1.1}}]}
    assert "scenarios.cases[0].overrides.market.fx: not a driver a scenario can override" in refused(d)


def test_a_bad_file_gives_its_line(tmp_path, capsys):
    d = one_currency()
    d["units"]["market_currency"] = "HKD"
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}:") and "market.fx: required" in err and "Traceback" not in err


def test_price_file_refresh_of_a_one_currency_model(tmp_path):
    path = tmp_path / "one.yaml"
    path.write_text(yaml.safe_dump(one_currency(), allow_unicode=True), encoding="utf-8")
    a = load(path)
    fresh = refresh(a, Price("ACME.US", 30.0, dt.date(2022, 3, 1), 1.0, "prices.csv:2"))
    assert fresh.market.fx is None and fresh.market.price.value == 30.0
    with pytest.raises(AssumptionsError) as e:
        refresh(a, Price("ACME.US", 30.0, dt.date(2022, 3, 1), 7.8, "prices.csv:2"))
    assert "market.fx: the model has one currency (USD) and no FX; the price file's fx 7.8 (prices.csv:2) " \
           "does not apply" in str(e.value)


@needs_libreoffice
def test_libreoffice_agrees(tmp_path):
    build(parse(one_currency()), tmp_path, charts=False, audit=True)
    named = libreoffice_named_values(tmp_path / "acme_robotics.xlsx", tmp_path / "engine")
    assert named["CHK_master"] is True
    assert named["VAL_target_price"] == pytest.approx(6.5 * named["IS_revenue"][4] / 52)
