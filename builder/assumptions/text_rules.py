"""Cross-field rules of the assumptions' text: the `languages` choice with the text fields it requires,
and the placeholders for model numbers in prose (prose.py). Kept apart from schema.py, which runs them."""
from __future__ import annotations

from pydantic import BaseModel

from . import prose
from ..labels.prose_numbers import candidate_names, claims, disagreements

LANGUAGE_CHOICES = (["en"], ["zh"], ["zh", "en"])


def _prose_texts(a):
    texts = [("valuation.method", a.valuation.method)]
    return texts + [(f"thesis[{i}]", t) for i, t in enumerate(a.thesis)] + [(f"risks[{i}]", r)
                                                                           for i, r in enumerate(a.risks)]


def prose_problems(a):
    """Placeholders for model numbers in thesis, method and risk text (prose.py) name known values."""
    for path, bilingual in _prose_texts(a):
        for lang in ("zh", "en"):
            text = getattr(bilingual, lang)
            for problem in prose.problems(text, a.years.all) if text else ():
                yield f"{path}.{lang}: {problem}"


def typed_number_warnings(a, model):
    """Numbers typed (not placeholders) in thesis, method and risk text of the chosen languages that the
    model contradicts beyond their printed rounding (prose_numbers.py); annual models only."""
    years = [p.year for p in model.periods]
    texts = [(f"{path}.{lang}", prose.PLACEHOLDER.sub("{}", getattr(bilingual, lang)))
             for path, bilingual in _prose_texts(a) for lang in a.languages if getattr(bilingual, lang, None)]
    texts = [(path, text) for path, text in texts if claims(text)]
    if len(set(years)) != len(years) or not texts:  # quarterly, or no typed figure to compare
        return
    named = model.named()
    currency = a.units.currency
    lines = {name: dict(zip(years, named[name])) for names in candidate_names(currency).values()
             for name in names if isinstance(named.get(name), list)}
    for path, text in texts:
        for problem in disagreements(text, lines, currency):
            yield f"{path}: {problem}"


# Pairs of per-language text fields: (zh field, en field). Only these are required per language;
# descriptions and the base case's name have defaults.
_TEXT_PAIRS = (("name_zh", "name_en"), ("money_zh", "money_en"), ("zh", "en"))


def language_problems(a):
    """The file's `languages` choice, and every text field of a chosen language given."""
    if a.languages not in LANGUAGE_CHOICES:
        yield (f"languages: {a.languages} is not a choice; use one of "
               + ", ".join("[" + ", ".join(c) + "]" for c in LANGUAGE_CHOICES))
        return
    yield from _missing_texts(a, "", set(a.languages))


def _missing_texts(node, path: str, chosen: set[str]):
    if isinstance(node, BaseModel):
        fields = type(node).model_fields
        for zh, en in _TEXT_PAIRS:
            if zh == "money_zh" and getattr(node, "money", None):
                continue  # units.money gives the money unit's words
            if zh in fields and en in fields:
                for lang, name in (("zh", zh), ("en", en)):
                    if lang in chosen and getattr(node, name) is None:
                        yield f"{path}{name}: required, as {lang} is one of the file's languages"
        for name in fields:
            yield from _missing_texts(getattr(node, name), f"{path}{name}.", chosen)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _missing_texts(item, f"{path[:-1]}[{i}].", chosen)
    elif isinstance(node, dict):
        for k, item in node.items():
            yield from _missing_texts(item, f"{path}{k}.", chosen)
