"""Money units (issue 13): `units.money` (thousands, millions, billions) gives the money unit's words in
each language; a file's own money_zh / money_en still win, so older files keep theirs."""
import pytest

from builder.labels.money import money_words
from builder.validation.loader import AssumptionsError, parse
from builder.model.assemble import build_model
from other_company import acme


def scaled(scale: str, currency: str = "USD", languages=("zh", "en")) -> dict:
    d = acme()
    d["languages"] = list(languages)
    d["units"].update(money=scale, currency=currency)
    del d["units"]["money_zh"], d["units"]["money_en"]
    return d


@pytest.mark.parametrize("scale, currency, zh, en", [
    ("millions", "USD", "百万美元", "USD m"), ("thousands", "USD", "千美元", "USD k"),
    ("billions", "USD", "十亿美元", "USD bn"), ("millions", "RMB", "百万元", "RMB m"),
    ("millions", "EUR", "百万欧元", "EUR m"), ("millions", "BRL", "百万BRL", "BRL m")])
def test_words_of_each_scale(scale, currency, zh, en):
    words = money_words(parse(scaled(scale, currency)).units)
    assert (words["zh"], words["en"]) == (zh, en)


def test_the_workbook_shows_the_same_units_as_the_typed_words():
    typed, derived = build_model(parse(acme())), build_model(parse(scaled("millions")))
    for a, b in zip(typed.sheets, derived.sheets):
        assert [getattr(r, "unit", None) for r in a.rows] == [getattr(r, "unit", None) for r in b.rows]
    assert sum(getattr(r, "unit", None) == "USD m" for s in derived.sheets for r in s.rows) > 50
    assert derived.series("IS_revenue") == typed.series("IS_revenue")


def test_own_words_win_and_one_language_needs_neither():
    d = scaled("millions")
    d["units"]["money_en"] = "US$ mn"
    words = money_words(parse(d).units)
    assert (words["zh"], words["en"]) == ("百万美元", "US$ mn")
    parse(scaled("billions", languages=("en",)))  # no money_en needed


def test_without_money_the_words_are_required():
    d = scaled("millions")
    del d["units"]["money"]
    with pytest.raises(AssumptionsError) as e:
        parse(d)
    assert "units.money_zh: required, as zh is one of the file's languages" in str(e.value)
    d["units"]["money"] = "trillions"
    with pytest.raises(AssumptionsError) as e:
        parse(d)
    assert "units.money" in str(e.value)
