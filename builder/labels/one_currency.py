"""Words of a one-currency model: the catalog's texts without their FX clause.

When the share price and the accounts are in the same currency the model has no FX (no row, no
factor in any formula), so a text that multiplies by FX ("x FX / shares", "× 汇率 {fx} =") drops
that clause. The clauses are listed per language, longest first, so that the separator before a
clause goes with it.
"""
from __future__ import annotations

from . import Words

FX_CLAUSES = {
    "zh": ("；× 汇率 {fx}", " × 汇率 {fx}"),
    "en": ("; × FX {fx}", " × FX {fx}", ", x FX", " x FX"),
}


def text_without_fx(text: str, lang: str) -> str:
    for clause in FX_CLAUSES.get(lang, ()):
        text = text.replace(clause, "")
    return text


def without_fx(words: Words) -> Words:
    return Words({lang: text_without_fx(text, lang) for lang, text in words.items()})
