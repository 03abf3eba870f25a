"""The assumptions schema for people and editors: a JSON Schema and a Markdown reference.

Both are generated from the pydantic models in `schema.py`, so they cannot drift from what
`validate` accepts; `docs/assumptions-reference.md` is this module's output, checked by a test.
"""
from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from dataclasses import dataclass

import yaml
from pydantic import BaseModel

from ..validation.loader import default_example
from ..assumptions.schema import Assumptions

SCHEMA_ID = "https://github.com/research-model-builder/assumptions.schema.json"
EXAMPLE_WIDTH = 60  # characters of an example value shown in the reference


def json_schema() -> dict:
    """JSON Schema (draft 2020-12) of an assumptions file, for editor completion and checks."""
    schema = Assumptions.model_json_schema()
    schema["title"] = "Assumptions of a research-model-builder model"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class FieldRow:
    name: str
    type: str
    required: str
    meaning: str
    example: str


def reference_markdown() -> str:
    """The reference: one table per object type, top level first, each field once."""
    example = yaml.safe_load(default_example().read_text(encoding="utf-8"))
    models = _models_in_order(Assumptions)
    paths = _first_paths(Assumptions)
    out = [
        "# Assumptions file reference",
        "",
        "Generated from the schema by `python -m builder schema --markdown`; do not edit by hand.",
        "Every object below rejects unknown fields. Money is in the file's reporting currency and",
        "unit (`units`); ratios, growth rates and margins are fractions (0.18 means 18%); every input",
        "carries a `source` note. Examples come from the shipped example (`builder/examples/`).",
        "",
    ]
    for model in models:
        title = "Top level" if model is Assumptions else model.__name__
        out += [f"## {title}", ""]
        doc = _first_paragraph(model.__doc__)
        if doc:
            out += [doc, ""]
        out += ["| Field | Type | Required | Meaning | Example |", "|---|---|---|---|---|"]
        for row in _rows(model, _value_at(example, paths.get(model, ()))):
            out.append(f"| `{row.name}` | {row.type} | {row.required} | {row.meaning} | {row.example} |")
        out.append("")
    enums = [t for t in _enums_in_order(models)]
    for e in enums:
        out += [f"## {e.__name__}", "", "One of: " + ", ".join(f"`{m.value}`" for m in e), ""]
    return "\n".join(out)


def _rows(model: type[BaseModel], sample) -> typing.Iterator[FieldRow]:
    for name, field in model.model_fields.items():
        if field.is_required():
            required = "yes"
        else:
            default = field.get_default(call_default_factory=True)
            required = "no" if default in (None, [], {}) or isinstance(default, BaseModel) else \
                f"no (default `{_short(default)}`)"
        meaning = _cell(field.description or "")
        value = sample.get(name) if isinstance(sample, dict) else None
        shown = value is not None and not isinstance(value, dict) and not (
            isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value))
        yield FieldRow(name, _type_text(field.annotation), required, meaning,
                       f"`{_cell(_short(value))}`" if shown else "")


def _type_text(tp) -> str:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        parts = [a for a in args if a is not type(None)]
        return " or ".join(_type_text(a) for a in parts)
    if origin is list:
        return f"list of {_type_text(args[0])}"
    if origin is dict:
        return f"mapping of {_type_text(args[0])} to {_type_text(args[1])}"
    if origin is typing.Literal:
        return " or ".join(f"`{a}`" for a in args)
    if _is_model(tp) or (isinstance(tp, type) and issubclass(tp, enum.Enum)):
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    return {str: "text", float: "number", int: "integer", bool: "true/false", dt.date: "date (YYYY-MM-DD)"}.get(
        tp, getattr(tp, "__name__", str(tp)))


def _models_in_order(root: type[BaseModel]) -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []

    def visit(model):
        if model in seen:
            return
        seen.append(model)
        for field in model.model_fields.values():
            for inner in _leaves(field.annotation):
                if _is_model(inner):
                    visit(inner)
    visit(root)
    return seen


def _enums_in_order(models) -> list[type[enum.Enum]]:
    found = []
    for model in models:
        for field in model.model_fields.values():
            for inner in _leaves(field.annotation):
                if isinstance(inner, type) and issubclass(inner, enum.Enum) and inner not in found:
                    found.append(inner)
    return found


def _first_paths(root: type[BaseModel]) -> dict[type[BaseModel], tuple]:
    """Where each model first appears (breadth first), to show an example of its fields."""
    paths, queue = {root: ()}, [(root, ())]
    while queue:
        model, path = queue.pop(0)
        for name, field in model.model_fields.items():
            is_list = typing.get_origin(_strip_optional(field.annotation)) is list
            for inner in _leaves(field.annotation):
                if _is_model(inner) and inner not in paths:
                    paths[inner] = path + (name,) + ((0,) if is_list else ())
                    queue.append((inner, paths[inner]))
    return paths


def _value_at(data, path: tuple):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _leaves(tp) -> list:
    args = typing.get_args(tp)
    if not args or typing.get_origin(tp) is typing.Literal:
        return [tp]
    return [leaf for a in args for leaf in _leaves(a)]


def _strip_optional(tp):
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        parts = [a for a in typing.get_args(tp) if a is not type(None)]
        return parts[0] if len(parts) == 1 else tp
    return tp


def _is_model(tp) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _first_paragraph(doc: str | None) -> str:
    return " ".join((doc or "").strip().split("\n\n")[0].split())


def _short(value) -> str:
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= EXAMPLE_WIDTH else text[:EXAMPLE_WIDTH - 1] + "…"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")
