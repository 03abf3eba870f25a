"""One CSV reader for the price, consensus and actuals files: the same bad input is refused the same way."""
from __future__ import annotations

import pytest

from builder.assumptions.input_limits import MAX_BYTES
from builder.commands.batch import PriceFileError, read_prices
from builder.commands.csv_input import CsvInputError, numbered_rows


def test_rows_keep_their_line_numbers_and_skip_blank_lines(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("\ufeffa,b\n\n , \n1,2\n".encode("utf-8"))
    assert numbered_rows(path, "test file") == [(1, ["a", "b"]), (4, ["1", "2"])]


@pytest.mark.parametrize("content, problem", [
    (b"a,b\n\x00\x01", "test file is binary, expected CSV text"),
    ("a,b\nCaf\u00e9,1\n".encode("latin-1"), "test file is not UTF-8 text (byte 7)"),
])
def test_bad_bytes_are_one_line(tmp_path, content, problem):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(CsvInputError) as e:
        numbered_rows(path, "test file")
    assert str(e.value) == problem


def test_missing_and_directory(tmp_path):
    with pytest.raises(CsvInputError, match="^test file not found$"):
        numbered_rows(tmp_path / "nope.csv", "test file")
    with pytest.raises(CsvInputError):
        numbered_rows(tmp_path, "test file")


def test_a_price_file_past_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "prices.csv"
    with open(path, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: nothing to read, only its size to refuse
    with pytest.raises(PriceFileError) as e:
        read_prices(path)
    assert str(e.value).startswith(f"{path}: price file: ") and "limit" in str(e.value)
