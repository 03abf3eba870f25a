"""`validate` reports every problem of a file in one run: an unknown field or a duplicate key does not
hide the value errors elsewhere in the file."""
from __future__ import annotations

import pytest

from builder.commands.cli import main
from builder.validation.loader import default_example

NEGATIVE_MULTIPLE = ("  target_multiple: {value: 5,", "  target_multiple: {value: -5,")


def _variant(tmp_path, *edits) -> tuple:
    text = default_example().read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    return path, lambda fragment: 1 + next(i for i, line in enumerate(lines) if fragment in line)


@pytest.mark.parametrize("edit, first", [
    (("\nvaluation:\n", "\nvaluaton_x: 1\nvaluation:\n"), "valuaton_x: unknown field (did you mean 'valuation'?)"),
    (("\ncompany:\n", "\ncompany:\n  ticker: X\n"), "company.ticker: duplicate key (first given on line"),
])
def test_an_unknown_field_or_duplicate_key_and_a_value_error_are_both_reported(tmp_path, capsys, edit, first):
    path, line_of = _variant(tmp_path, edit, NEGATIVE_MULTIPLE)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2, err
    assert first in err[0]
    assert err[1] == (f"error: {path}:{line_of('target_multiple: {value: -5')}: "
                      "valuation.target_multiple.value: target multiple must be positive")


def test_two_unknown_fields_in_different_places_and_a_cross_field_error(tmp_path, capsys):
    path, line_of = _variant(tmp_path, ("\nvaluation:\n", "\nvaluaton_x: 1\nvaluation:\n  extra_thing: 2\n"),
                             NEGATIVE_MULTIPLE)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:{line_of('valuaton_x')}: valuaton_x: unknown field" in err
    assert f"{path}:{line_of('extra_thing')}: valuation.extra_thing: unknown field" in err
    assert "valuation.target_multiple.value: target multiple must be positive" in err
    assert len(err.strip().splitlines()) == 3
