"""The model's money unit in words: from `units.money` (thousands, millions or billions of the reporting
currency) by the catalog's `unit.money.<scale>`, or the file's own `money_zh` / `money_en` (which win
where given, so older files keep their words)."""
from __future__ import annotations

from . import CATALOG, Words, given, words

# Currency code -> its words in each language (report_words: currency.*); other codes keep the code.
CURRENCY_WORDS = {"USD": "currency.USD", "HKD": "currency.HKD", "RMB": "currency.RMB", "CNY": "currency.CNY",
                  "EUR": "currency.EUR", "GBP": "currency.GBP", "JPY": "currency.JPY", "TWD": "currency.TWD",
                  "SGD": "currency.SGD", "KRW": "currency.KRW", "INR": "currency.INR", "CHF": "currency.CHF",
                  "AUD": "currency.AUD", "CAD": "currency.CAD", "MOP": "currency.MOP"}


def currency_in_chinese(code: str) -> str:
    known = CATALOG.get(CURRENCY_WORDS.get(code.upper(), ""))
    return known["zh"] if known else code


def money_words(units) -> Words:
    """The money unit in every language: the file's own words where it gives them, else its scale's."""
    if units.money is None:
        return given(units.money_zh, units.money_en)
    scaled = words(f"unit.money.{units.money}").format(currency=currency_in_chinese(units.currency),
                                                       code=units.currency)
    return Words(zh=units.money_zh or scaled["zh"], en=units.money_en or scaled["en"])
