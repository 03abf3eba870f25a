"""`init`: a commented starter assumptions file that validates and builds as it is."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jinja2

from ..labels.starter_words import STARTER_SOURCES_ZH

from ..assumptions.schema import KEY_PATTERN
from ..render.summary import templates_dir


class StarterError(Exception):
    pass


STARTER_METHODS = ("ps", "pe", "pb", "ev_ebitda", "ev_sales", "dcf", "blend")  # templates/valuation/<slug>
LANGUAGE_CHOICES = {"en": ("en",), "zh": ("zh",), "zh,en": ("zh", "en")}  # --languages


def starter_text(company_id: str, name: str | None = None, ticker: str | None = None,
                 today: dt.date | None = None, method: str = "ps", languages: tuple[str, ...] = ("zh", "en")) -> str:
    """The starter for one company: three actual and three estimate years ending around `today`, valued by
    `method`, with the text fields of `languages` only."""
    if method not in STARTER_METHODS:
        raise StarterError(f"--method {method!r}: use one of {', '.join(STARTER_METHODS)}")
    if not re.fullmatch(KEY_PATTERN, company_id):
        raise StarterError(f"company id {company_id!r}: use lower-case letters, digits and _ "
                           "(starting with a letter, at most 41 characters)")
    today = today or dt.date.today()
    first = today.year - 3
    name = name or company_id.replace("_", " ").title()
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir()), keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    quoted = json.dumps  # a JSON string is a YAML double-quoted scalar: any name stays text
    text = env.get_template("starter.yaml.j2").render(
        id=company_id, name=quoted(name), name_zh=quoted(name), ticker=quoted(ticker or company_id.upper()),
        today=today.isoformat(), years=list(range(first, first + 6)), method=method,
        languages="[" + ", ".join(languages) + "]")
    for lang in {"zh", "en"} - set(languages):
        text = without_language(text, lang)
    return text if "en" in languages else sources_in_chinese(text)


_SOURCE = re.compile(r'source: "([^"]*)"')
_CLOSE = re.compile(r"Close on (\d{4}-\d{2}-\d{2})")


def sources_in_chinese(text: str) -> str:
    """A Chinese-only starter's source notes in Chinese (the workbook shows them in its one language)."""
    def one(m: re.Match) -> str:
        close = _CLOSE.fullmatch(m.group(1))
        if close:
            return f'source: "{STARTER_SOURCES_ZH["Close on {date}"].format(date=close.group(1))}"'
        return f'source: "{STARTER_SOURCES_ZH.get(m.group(1), m.group(1))}"'
    return _SOURCE.sub(one, text)


# A per-language text field (`name_zh`, `money_en`, `zh` ...) and its value, plain or double-quoted.
_STEMS = r"(?:name_|money_|description_)?"
_VALUE = r'(?:"(?:[^"\\]|\\.)*"|[^,}\n]*)'


def without_language(text: str, lang: str) -> str:
    """The starter without `lang`'s text fields: their block lines, and their entries in flow mappings
    (`{zh: 买入, en: Buy, ...}`), comments kept."""
    block = re.compile(rf"^\s*{_STEMS}{lang}: .*\n", re.M)
    text = block.sub("", text)
    flow = re.compile(rf"(\{{|, ){_STEMS}{lang}: {_VALUE}(, |(?=\}}))")
    return flow.sub(lambda m: m.group(1) if m.group(1) == "{" else (", " if m.group(2) else ""), text)


def write_starter(path: Path, text: str) -> None:
    """Write a new file; an existing one is never overwritten."""
    try:
        with open(path, "x", encoding="utf-8") as f:
            f.write(text)
    except FileExistsError:
        raise StarterError(f"{path}: already exists; not overwritten") from None
    except OSError as e:
        raise StarterError(f"{path}: cannot write: {e.strerror or e}") from None
