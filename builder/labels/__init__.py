"""The label catalog: every word the outputs print, by key and language.

Blocks, the report view, the workbook, the charts and the summaries take their words from
here, never from literals of their own. Words of the model's lines live in `model_words`,
words of the report's documents (summaries, charts, cover) in `report_words`; together they
are one catalog, and a key may be defined in only one of them. Text that comes from an
assumptions file (company, segment and peer names) is not catalogued: it reaches the outputs
as a `Words` built from the file's fields.
"""
from __future__ import annotations

from collections.abc import Mapping

from . import model_words, report_words

# The languages an output can be written in, in the order their columns and files appear.
LANGUAGES = ("zh", "en")


def single_language(languages) -> str:
    """The language of texts that have room for one only (units and sources, page headers, document
    properties, cell comments): English when the report has it, else its one language."""
    return "en" if "en" in languages else languages[0]


class Words(Mapping):
    """One text in several languages (language code -> text); immutable and hashable."""
    __slots__ = ("_texts",)

    def __init__(self, texts: Mapping[str, str] | None = None, **by_lang: str):
        object.__setattr__(self, "_texts", dict(texts or {}, **by_lang))

    def __getitem__(self, lang: str) -> str:
        return self._texts[lang]

    def __iter__(self):
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._texts.items())))

    def __setattr__(self, name, value):
        raise AttributeError("Words are immutable")

    def __repr__(self) -> str:
        return f"Words({self._texts!r})"

    def format(self, **fields) -> "Words":
        """The same words with `{field}` placeholders filled in every language; a field that is
        itself `Words` gives each language its own text."""
        by_lang = [k for k, v in fields.items() if type(v) is Words]
        texts = {}
        for lang, t in self._texts.items():
            values = fields
            if by_lang:
                values = dict(fields)
                for k in by_lang:
                    values[k] = fields[k]._texts[lang]
            texts[lang] = t.format_map(values)
        return Words(texts)


def given(zh: str | None, en: str | None) -> Words:
    """Words an assumptions file gives in one field per language. A model written in one language
    leaves the other's fields out; the model still holds a text in every language (the one given),
    and renderers show only the report's languages."""
    return Words(zh=zh if zh is not None else en or "", en=en if en is not None else zh or "")


def given_name(named, stem: str = "name") -> Words:
    """`given` for an object's `<stem>_zh` / `<stem>_en` fields (or `zh` / `en` when `stem` is empty)."""
    if not stem:
        return given(named.zh, named.en)
    return given(getattr(named, f"{stem}_zh"), getattr(named, f"{stem}_en"))


def _merge(*parts: dict[str, dict[str, str]]) -> dict[str, Words]:
    merged: dict[str, Words] = {}
    for part in parts:
        for key, texts in part.items():
            if key in merged:
                raise KeyError(f"label {key!r} is defined twice in the catalog")
            merged[key] = Words(texts)
    return merged


CATALOG: dict[str, Words] = _merge(model_words.WORDS, report_words.WORDS)


def words(key: str) -> Words:
    """The catalog entry for `key` (a KeyError names an unknown key)."""
    return CATALOG[key]


def text(key: str, lang: str) -> str:
    return CATALOG[key][lang]


_DEFAULT_SOURCES = {CATALOG[key]["en"]: CATALOG[key] for key in model_words.DEFAULT_SOURCES}


def localised_source(note: str, lang: str) -> str:
    """A source note the schema gave by default (its English words), in `lang`; any other note as it is."""
    entry = _DEFAULT_SOURCES.get(note)
    return entry[lang] if entry is not None else note
