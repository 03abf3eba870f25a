"""The CSV files commands take (prices, consensus, reported actuals), read one way: bounded in size, a
regular file, UTF-8 text (a BOM allowed), no NUL bytes; blank lines skipped, each row with its line number.
Each caller words the problem as its own file's (`price file not found`, `consensus file is binary ...`)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..assumptions.input_limits import LimitError, read_bounded


class CsvInputError(Exception):
    """The file cannot be read as CSV text; str() is the problem, worded with the file's kind."""


def numbered_rows(path: Path, what: str) -> list[tuple[int, list[str]]]:
    """The non-blank rows of the CSV at `path` with their line numbers; `what` names the file's kind in
    problems ("price file")."""
    try:
        raw = read_bounded(Path(path))
    except FileNotFoundError:
        raise CsvInputError(f"{what} not found") from None
    except IsADirectoryError:
        raise CsvInputError(f"{what} is a directory") from None
    except LimitError as e:
        raise CsvInputError(f"{what}: {e}") from None
    except OSError as e:
        raise CsvInputError(f"cannot read {what}: {e.strerror or e}") from None
    if b"\0" in raw:
        raise CsvInputError(f"{what} is binary, expected CSV text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CsvInputError(f"{what} is not UTF-8 text (byte {e.start})") from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as e:
        raise CsvInputError(f"not a CSV file: {e}") from None
    return [(i, row) for i, row in enumerate(rows, 1) if any(cell.strip() for cell in row)]
