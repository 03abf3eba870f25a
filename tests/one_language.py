"""Turn a two-language assumptions dict into a one-language one, as an analyst writing in one language
would write it: the other language's text fields left out, and `languages` naming the one kept."""
from __future__ import annotations

# Fields that come in one per language: name_zh / name_en, money_*, description_*, base_* and bare zh / en.
PER_LANGUAGE_STEMS = ("name", "money", "description", "base")


def _other_language_field(key, drop: str) -> bool:
    if not isinstance(key, str):
        return False
    return key == drop or (key.endswith("_" + drop) and key[:-len(drop) - 1] in PER_LANGUAGE_STEMS)


def strip_language(node, drop: str):
    if isinstance(node, dict):
        return {k: strip_language(v, drop) for k, v in node.items() if not _other_language_field(k, drop)}
    if isinstance(node, list):
        return [strip_language(x, drop) for x in node]
    return node


def one_language(data: dict, lang: str) -> dict:
    out = strip_language(data, "zh" if lang == "en" else "en")
    out["languages"] = [lang]
    return out
