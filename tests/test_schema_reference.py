"""The JSON Schema and the Markdown reference say what `validate` accepts, and the checked-in reference
is current with the code."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from builder.commands.cli import main
from builder.validation.loader import default_example
from builder.commands.schema_doc import reference_markdown

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    path = tmp_path_factory.mktemp("schema") / "assumptions.schema.json"
    assert main(["schema", "-o", str(path)]) == 0
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def example() -> dict:
    # Dates as text, as in the file (JSON has no date type; the schema says format "date").
    return json.loads(json.dumps(yaml.safe_load(default_example().read_text(encoding="utf-8")), default=str))


def test_the_example_is_valid_against_the_json_schema(schema, example):
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(example)


@pytest.mark.parametrize("path, value, complaint", [
    (("valuaton",), 1, "Additional properties"),
    (("company", "id"), "Has Spaces", "does not match"),
    (("market", "price"), {"value": "cheap", "source": "x"}, "is not of type 'number'"),
    (("years", "frequency"), "monthly", "is not one of"),
])
def test_the_json_schema_rejects_what_validate_rejects(schema, example, path, value, complaint, tmp_path, capsys):
    bad = copy.deepcopy(example)
    node = bad
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert any(complaint in e.message for e in errors), [e.message for e in errors]
    file = tmp_path / "bad.yaml"
    file.write_text(yaml.safe_dump(bad, allow_unicode=True), encoding="utf-8")
    assert main(["validate", str(file)]) == 2
    assert ".".join(path) in capsys.readouterr().err


def test_the_checked_in_reference_is_current():
    assert (ROOT / "docs" / "assumptions-reference.md").read_text(encoding="utf-8") == reference_markdown(), \
        "run: python -m builder schema --markdown -o docs/assumptions-reference.md"


def test_the_reference_lists_every_field_of_every_object():
    text = reference_markdown()
    for section, fields in [("Top level", ["company", "valuation", "thesis"]),
                            ("Units", ["currency", "money_zh", "money_en", "market_currency", "market_symbol"]),
                            ("CashFlowActuals", ["dep_amort_impairment", "fx_effect_on_cash"])]:
        body = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
        for field in fields:
            assert f"| `{field}` |" in body, (section, field)
    assert "| `price` | [Scalar](#scalar) | yes |" in text
    assert "## DriverKind\n\nOne of: `pct_of_revenue`, `pct_of_cost_of_revenue`, `growth`, `amount`, `flat`" in text
