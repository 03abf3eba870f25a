"""Read an edited workbook back into assumptions: the analyst's blue cells become the new source of truth.

The workbook carries the assumptions it was built from (see workbook.embed_assumptions). We rebuild
that model, check the workbook still has its structure (same labels, same formulas in the same
cells) and copy every input cell's value back to the field it came from.
"""
from __future__ import annotations

import copy
import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import yaml

from .embedded import decode, payload_chunks
from ..formula.expr import Expr
from ..labels import given, single_language
from ..model.layout import COL_FIRST_PERIOD, HEADER_ROWS, Layout, RenderCtx, name_column
from ..validation.loader import AssumptionsError, parse
from ..model import CellItem, LineItem
from ..model import NA_TEXT, build_model
from .outputs import staged
from ..render.workbook import EMBED_PREFIX
from ..safety.xlsx_guard import check_xlsx

MAX_LISTED = 12
LINE_MAX = 300  # characters of one listed cell (a label may be 10,000)


class ExtractError(Exception):
    """A workbook that cannot be read back; str() is one line (plus the listed cells, one per line)."""


def open_workbook(path: Path):
    check_xlsx(path, ExtractError)  # every part streamed (DTDs, nesting, cells) before openpyxl parses it
    try:
        return openpyxl.load_workbook(path)
    except FileNotFoundError:
        raise ExtractError(f"{path}: file not found") from None
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise ExtractError(f"{path}: not a readable .xlsx workbook ({type(e).__name__})") from None
    except Exception as e:  # openpyxl raises a variety of errors on corrupt parts
        raise ExtractError(f"{path}: not a readable .xlsx workbook ({type(e).__name__})") from None


def embedded_assumptions(path: Path) -> dict:
    """The assumptions the workbook was built from, read from its document properties alone: the zip is
    checked for bombs and the tool's signature found before any sheet is parsed."""
    check_xlsx(path, ExtractError, scan=False)  # sizes, ratios, methods: nothing inflated yet
    chunks = payload_chunks(path, EMBED_PREFIX, ExtractError)
    if not chunks:
        raise ExtractError(f"{path}: not a workbook built by this tool (no embedded assumptions)")
    return decode(chunks, path, ExtractError)


def extract(path: Path) -> dict:
    """Assumptions data (a dict for the schema) with the workbook's input values."""
    path = Path(path)
    original = embedded_assumptions(path)
    wb = open_workbook(path)
    try:
        a = parse(copy.deepcopy(original), str(path))
    except AssumptionsError as e:
        raise ExtractError(f"{path}: the embedded assumptions no longer validate: {e}") from None
    model = build_model(a)
    layout = Layout(model)
    data = copy.deepcopy(original)
    changed_structure: list[str] = []
    bad_inputs: list[str] = []
    # The selector holds each case's English name, or its Chinese one in a model without English.
    one = single_language(a.languages)
    case_key = {given(a.scenarios.base_zh, a.scenarios.base_en)[one]: "base",
                **{given(c.name_zh, c.name_en)[one]: c.key for c in a.scenarios.cases}}
    name_col = name_column(a.languages)

    for sheet in model.sheets:
        if sheet.title not in wb.sheetnames:
            raise ExtractError(f"{path}: sheet '{sheet.title}' is missing; the workbook's structure was changed")
        ws = wb[sheet.title]
        for i, row in enumerate(sheet.rows):
            if not isinstance(row, (LineItem, CellItem)):
                continue
            r = HEADER_ROWS + i
            label = ws.cell(r + 1, name_col + 1).value
            if label != row.name[one]:
                changed_structure.append(f"{sheet.title}!{ws.cell(r + 1, name_col + 1).coordinate}: expected the row "
                                         f"'{row.name[one]}', found '{label}' (rows inserted or deleted?)")
                continue
            _read_row(ws, r, sheet.title, row, layout, case_key, one, data, changed_structure, bad_inputs)

    if changed_structure:
        listed = "\n".join(line[:LINE_MAX] for line in changed_structure[:MAX_LISTED])
        more = f"\n... and {len(changed_structure) - MAX_LISTED} more" if len(changed_structure) > MAX_LISTED else ""
        raise ExtractError(f"{path}: the workbook's structure was changed beyond input edits; "
                           f"rebuild it instead. Changed cells:\n{listed}{more}")
    if bad_inputs:
        raise ExtractError(f"{path}: some inputs cannot be read back:\n" + "\n".join(bad_inputs[:MAX_LISTED]))
    try:
        parse(copy.deepcopy(data), str(path))  # the edited values must still make a valid model
    except AssumptionsError as e:
        raise ExtractError(f"{path}: the edited inputs are not valid assumptions:\n{e}") from None
    return data


def _read_row(ws, r: int, sheet_title: str, row, layout, case_key: dict, one: str, data: dict,
              changed_structure: list[str], bad_inputs: list[str]) -> None:
    """Copy one row's edited inputs into `data`; list formulas that changed and inputs that cannot be read."""
    entries = row.entries if isinstance(row, LineItem) else [row.entry]
    for p, entry in enumerate(entries):
        if entry is None:
            continue
        cell = ws.cell(r + 1, COL_FIRST_PERIOD + p + 1)
        where = f"{sheet_title}!{cell.coordinate}"
        if isinstance(entry, Expr):
            expected = "=" + entry.render(RenderCtx(layout, sheet_title, p))
            found = cell.value
            if found != expected:
                what = "overwritten by a value" if not (isinstance(found, str) and found.startswith("=")) \
                    else f"changed to {found}"
                changed_structure.append(f"{where}: formula {expected} {what}")
            continue
        origin = row.origin_at(p)
        value = _input_value(cell.value, entry)
        if value is _UNCHANGED:
            continue
        if origin is None:
            changed_structure.append(f"{where}: {row.name[one]} is part of the model's structure and was changed")
            continue
        if row.input_kind == "scenario":
            if value not in case_key:
                bad_inputs.append(f"{where}: '{value}' is not a scenario ({', '.join(case_key)})")
                continue
            value = case_key[value]
        if isinstance(value, _Bad):
            bad_inputs.append(f"{where}: {value.why}")
            continue
        _set(data, origin, value)


class _Bad:
    def __init__(self, why):
        self.why = why


_UNCHANGED = object()


def _input_value(found, original):
    """The edited cell's value in the schema's terms, or _UNCHANGED."""
    if isinstance(original, dt.date):
        if isinstance(found, dt.datetime):
            found = found.date()
        if found == original:
            return _UNCHANGED
        return found.isoformat() if isinstance(found, dt.date) else _Bad(f"expected a date, found {found!r}")
    if isinstance(original, str):
        if found == original:
            return _UNCHANGED
        if original == NA_TEXT or found in (None, NA_TEXT):
            if found in (None, NA_TEXT):
                return None
            return found if isinstance(found, (int, float)) and not isinstance(found, bool) else \
                _Bad(f"expected a number or {NA_TEXT}, found {found!r}")
        return _Bad("a text input was cleared") if found is None else str(found)
    if isinstance(found, bool) or not isinstance(found, (int, float)):
        return _Bad(f"expected a number, found {found!r}" if found is not None else "an input was cleared")
    return _UNCHANGED if found == original or found == _as_written(original) else found


def _as_written(number) -> float:
    """A number as the workbook stores it: xlsxwriter writes 16 significant digits, so an input of 17
    (39.099999999999994, a sum's rounding) reads back one unit in the last place away, unedited."""
    return float(f"{number:.16G}")


def _set(data, path: tuple, value):
    node = data
    for part in path[:-1]:
        node = node[_key(node, part)]
    node[_key(node, path[-1], create=True)] = value


def _key(node, part, create=False):
    if isinstance(node, dict) and part not in node and str(part) in node:
        return str(part)  # JSON turned integer keys (peer revenue years) into text
    if isinstance(node, dict) and part not in node and not create:
        raise ExtractError(f"internal: no field {part!r} in the embedded assumptions")
    return part


def write_assumptions(data: dict, source: Path, out: Path) -> None:
    header = (f"# Assumptions extracted from {source.name} by `python -m builder extract`.\n"
              f"# Building this file gives the values a spreadsheet engine computes for that workbook.\n")
    text = header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    with staged(out.parent, [out.name]) as temps:  # all or nothing, as a build's outputs
        temps[out.name].write_text(text, encoding="utf-8")
