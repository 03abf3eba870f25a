"""What a formula contains: references, number literals, functions, IF nesting, error tokens.

Every formula is read with openpyxl's Tokenizer. Tokenizing costs 40-120 us a formula, so the
result is kept as a *shape*: the token stream with each cell reference stored relative to the
formula's own cell (absolute parts stay absolute), which is the formula in R1C1 terms. A row of
forecast formulas copied across the years is one shape, tokenized once.

Shapes are looked up by a cheap key (`_shape_key`: the formula text with its cell references
rewritten relative to the cell). The key only finds a candidate; a candidate is used only if
rendering it at the new cell gives back exactly the formula's text, so what the rules see always
comes from the tokenizer, whatever the key does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from openpyxl.formula import Tokenizer
from openpyxl.formula.tokenizer import Token, TokenizerError
from openpyxl.utils.cell import column_index_from_string, get_column_letter

MAX_COL, MAX_ROW = 16384, 1048576

# Numbers a formula may contain: 0, 1 (and -1, a prefix minus on 1) and the unit conversions.
ALLOWED_LITERALS = frozenset({0.0, 1.0, 12.0, 100.0, 1000.0})
VOLATILE = frozenset({"OFFSET", "INDIRECT", "NOW", "TODAY", "RAND", "RANDBETWEEN", "RANDARRAY"})
# Functions whose reference argument is read for its address or shape, not its value: no dependency.
ADDRESS_ONLY = frozenset({"CELL", "ROW", "COLUMN", "ROWS", "COLUMNS", "ISREF", "ISFORMULA", "FORMULATEXT",
                          "SHEET", "SHEETS"})
MAX_IF_DEPTH = 2
# Arguments where a typed number is a setting, not a hidden input: ROUND's digits, a lookup's column
# and match type. (function, 1-based argument position)
SETTING_ARGS = frozenset({("ROUND", 2), ("ROUNDUP", 2), ("ROUNDDOWN", 2), ("VLOOKUP", 3), ("VLOOKUP", 4),
                          ("HLOOKUP", 3), ("HLOOKUP", 4), ("MATCH", 3), ("XLOOKUP", 5), ("XLOOKUP", 6),
                          ("XMATCH", 3), ("XMATCH", 4), ("WEEKDAY", 2), ("WEEKNUM", 2)})
_PREFIXES = ("_XLFN._XLWS.", "_XLFN.", "_XLWS.")

# One corner of an A1 reference: $A$1, A1, $A, 1 ...
_CORNER = re.compile(r"^(\$?)([A-Za-z]{1,3})?(\$?)([0-9]{1,7})?$")


@dataclass(frozen=True)
class Corner:
    """Row and column of one corner; relative parts are offsets from the formula's cell."""
    row: int | None
    row_abs: bool
    col: int | None
    col_abs: bool

    def at(self, row: int, col: int) -> tuple[int | None, int | None]:
        r = None if self.row is None else (self.row if self.row_abs else row + self.row)
        c = None if self.col is None else (self.col if self.col_abs else col + self.col)
        return r, c

    def a1(self, row: int, col: int) -> str | None:
        if self.row is not None and self.col is not None:  # a whole cell reference, the common case
            r = self.row if self.row_abs else row + self.row
            c = self.col if self.col_abs else col + self.col
            if not (1 <= r <= MAX_ROW and 1 <= c <= MAX_COL):
                return None
            return f"{'$' if self.col_abs else ''}{get_column_letter(c)}{'$' if self.row_abs else ''}{r}"
        r, c = self.at(row, col)
        if (r is not None and not 1 <= r <= MAX_ROW) or (c is not None and not 1 <= c <= MAX_COL):
            return None
        text = ""
        if c is not None:
            text += ("$" if self.col_abs else "") + get_column_letter(c)
        if r is not None:
            text += ("$" if self.row_abs else "") + str(r)
        return text

    def r1c1(self) -> str:
        text = ""
        if self.row is not None:
            text += f"R{self.row}" if self.row_abs else f"R[{self.row}]"
        if self.col is not None:
            text += f"C{self.col}" if self.col_abs else f"C[{self.col}]"
        return text


@dataclass(frozen=True)
class RefShape:
    """A reference operand: `prefix` is its sheet part as written (`'P&L'!`, `[1]Sheet1!` or "")."""
    prefix: str
    sheet: str | None  # None: the formula's own sheet
    corners: tuple[Corner, ...] = ()  # one (a cell) or two (a range); empty for a defined name
    name: str | None = None
    external: bool = False

    def render(self, row: int, col: int) -> str | None:
        if self.name is not None:
            return self.prefix + self.name
        parts = [c.a1(row, col) for c in self.corners]
        if any(p is None for p in parts):
            return None
        return self.prefix + ":".join(parts)

    def bounds(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        """(min_row, min_col, max_row, max_col) at a cell; None when it falls off the sheet."""
        if len(self.corners) == 1:  # a single cell, the common case: no lists
            k = self.corners[0]
            r = k.row if k.row_abs else row + k.row
            c = k.col if k.col_abs else col + k.col
            return (r, c, r, c) if 1 <= r <= MAX_ROW and 1 <= c <= MAX_COL else None
        points = [c.at(row, col) for c in self.corners]
        rows = [r for r, _ in points if r is not None]
        cols = [c for _, c in points if c is not None]
        min_row, max_row = (min(rows), max(rows)) if rows else (1, MAX_ROW)
        min_col, max_col = (min(cols), max(cols)) if cols else (1, MAX_COL)
        if min_row < 1 or min_col < 1 or max_row > MAX_ROW or max_col > MAX_COL:
            return None
        return min_row, min_col, max_row, max_col


@dataclass
class Shape:
    """A tokenized formula in R1C1 terms, shared by every cell holding the same formula."""
    pieces: tuple  # str (text as written) or int (index into refs)
    refs: tuple[RefShape, ...]
    r1c1: str
    literals: tuple[str, ...] = ()  # numbers other than the allowed ones, as written (with % if any)
    functions: frozenset[str] = frozenset()
    if_depth: int = 0
    error_tokens: tuple[str, ...] = ()
    syntax_error: str | None = None
    ref_funcs: tuple[str, ...] = ()  # per reference: the function whose argument it is ("" at top level)
    max_args: int = 0  # the most arguments any one function call has
    depth: int = 0  # the deepest nesting of function calls

    def render(self, row: int, col: int) -> str | None:
        out = ["="]
        for p in self.pieces:
            if isinstance(p, str):
                out.append(p)
            else:
                text = self.refs[p].render(row, col)
                if text is None:
                    return None
                out.append(text)
        return "".join(out)

    @property
    def volatile(self) -> list[str]:
        return sorted(self.functions & VOLATILE)


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _split_sheet(text: str) -> tuple[str, str]:
    """('Sheet'! prefix as written, rest) of a range operand."""
    if "!" not in text:
        return "", text
    if text.startswith("'"):
        i = 1
        while i < len(text):
            if text[i] == "'":
                if i + 1 < len(text) and text[i + 1] == "'":
                    i += 2
                    continue
                break
            i += 1
        if text[i + 1:i + 2] == "!":
            return text[:i + 2], text[i + 2:]
    head, _, tail = text.rpartition("!")
    return head + "!", tail


def _sheet_name(prefix: str) -> tuple[str | None, bool]:
    """Sheet title and whether it is in another workbook (`[1]Sheet1!`, `'C:\\x\\[Book.xlsx]S'!`)."""
    if not prefix:
        return None, False
    body = prefix[:-1]
    if body.startswith("'") and body.endswith("'"):
        body = body[1:-1].replace("''", "'")
    external = "[" in body
    if external:
        body = body.rsplit("]", 1)[-1]
    if ":" in body:  # a 3-D reference Sheet1:Sheet3!A1: take the first sheet
        body = body.split(":", 1)[0]
    return body, external


def _corner(text: str, row: int, col: int) -> Corner | None:
    m = _CORNER.match(text)
    if not m or (m.group(2) is None and m.group(4) is None):
        return None
    col_abs, letters, row_abs, digits = m.groups()
    if letters is None and col_abs:  # "$" then digits: the $ belongs to the row
        row_abs, col_abs = col_abs, ""
    c = r = None
    if letters is not None:
        c = column_index_from_string(letters.upper())
        if c > MAX_COL:
            return None
        if not col_abs:
            c -= col
    if digits is not None:
        r = int(digits)
        if not 1 <= r <= MAX_ROW:
            return None
        if not row_abs:
            r -= row
    return Corner(r, bool(row_abs), c, bool(col_abs))


def parse_ref(text: str, row: int, col: int) -> RefShape:
    """A RANGE operand as written in the cell at (row, col)."""
    prefix, body = _split_sheet(text)
    sheet, external = _sheet_name(prefix)
    parts = body.split(":")
    if len(parts) in (1, 2):
        corners = [_corner(p, row, col) for p in parts]
        if all(c is not None for c in corners):
            kinds = {(c.row is None, c.col is None) for c in corners}
            single_ok = len(parts) == 2 or kinds == {(False, False)}
            if single_ok and len(kinds) == 1:
                return RefShape(prefix, sheet, tuple(corners), external=external)
    return RefShape(prefix, sheet, (), name=body, external=external)


def tokenize(formula: str, row: int, col: int) -> Shape:
    """Tokenize a formula written in the cell at (row, col)."""
    try:
        items = Tokenizer(formula).items
    except TokenizerError as e:
        return Shape((formula[1:],), (), formula, syntax_error=str(e))
    except Exception as e:  # noqa: BLE001 - the tokenizer's other failures on odd text
        return Shape((formula[1:],), (), formula, syntax_error=f"cannot parse: {e}")
    pieces, refs, r1c1 = [], [], []
    literals, functions, errors, ref_funcs = [], set(), [], []
    stack: list[list] = []  # [function name ("" for a parenthesis), arguments so far]
    if_depth = depth = max_args = 0
    depth_error = None
    for i, t in enumerate(items):
        if t.type == Token.OPERAND and t.subtype == Token.RANGE:
            ref = parse_ref(t.value, row, col)
            pieces.append(len(refs))
            refs.append(ref)
            ref_funcs.append(stack[-1][0] if stack else "")
            r1c1.append(ref.prefix + (ref.name if ref.name is not None else ":".join(c.r1c1() for c in ref.corners)))
            continue
        pieces.append(t.value)
        r1c1.append(t.value)
        if t.type == Token.OPERAND and t.subtype == Token.NUMBER:
            value = _number(t.value)
            setting = bool(stack) and (stack[-1][0], stack[-1][1]) in SETTING_ARGS and _alone(items, i)
            if (value is None or value not in ALLOWED_LITERALS) and not setting:
                nxt = items[i + 1] if i + 1 < len(items) else None
                percent = nxt is not None and nxt.type == Token.OP_POST and nxt.value == "%"
                literals.append(t.value + ("%" if percent else ""))
        elif t.type == Token.OPERAND and t.subtype == Token.ERROR:
            errors.append(t.value)
        elif t.subtype == Token.OPEN and t.type in (Token.FUNC, Token.PAREN, Token.ARRAY):
            name = _function_name(t.value) if t.type == Token.FUNC else ""
            if name:
                functions.add(name)
            stack.append([name, 1 if items[i + 1:i + 2] and items[i + 1].subtype != Token.CLOSE else 0])
            depth = max(depth, sum(1 for f, _ in stack if f))
            if name == "IF":
                if_depth = max(if_depth, sum(1 for f, _ in stack if f == "IF"))
        elif t.type == Token.SEP and t.subtype == Token.ARG and stack:
            stack[-1][1] += 1
        elif t.subtype == Token.CLOSE:
            if not stack:
                depth_error = "unbalanced parentheses"
            else:
                max_args = max(max_args, stack.pop()[1])
    if stack and depth_error is None:
        depth_error = "unbalanced parentheses"
    return Shape(tuple(pieces), tuple(refs), "=" + "".join(r1c1), tuple(literals), frozenset(functions),
                 if_depth, tuple(errors), depth_error, tuple(ref_funcs), max_args, depth)


def _alone(items: list, i: int) -> bool:
    """Whether the token at i is a whole argument on its own (between separators or parentheses)."""
    before, after = items[i - 1] if i else None, items[i + 1] if i + 1 < len(items) else None
    return (before is not None and (before.type == Token.SEP or before.subtype == Token.OPEN)
            and after is not None and (after.type == Token.SEP or after.subtype == Token.CLOSE))


def _function_name(value: str) -> str:
    name = value[:-1].upper()
    for p in _PREFIXES:
        if name.startswith(p):
            return name[len(p):]
    return name


# The cache key: cell references (outside quoted text and quoted sheet names) made relative.
_KEY_RE = re.compile(r"\"(?:[^\"]|\"\")*\""  # quoted text, kept as is
                     r"|'(?:[^']|'')*'"  # a quoted sheet name, kept as is
                     r"|(?<![\w.$\\\]])(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)(?![\w.(!\[])")  # a cell reference
_COLS: dict[str, int] = {}


def _shape_key(formula: str, row: int, col: int) -> str:
    def rel(m: re.Match) -> str:
        letters = m.group(2)
        if letters is None:
            return m.group(0)
        c = _COLS.get(letters)
        if c is None:
            c = _COLS[letters] = column_index_from_string(letters.upper())
        r = int(m.group(4))
        return (f"C{c}" if m.group(1) else f"C[{c - col}]") + (f"R{r}" if m.group(3) else f"R[{r - row}]")
    return _KEY_RE.sub(rel, formula)


@dataclass
class ShapeCache:
    """Tokenize each distinct formula shape once; counts hits and misses for the benchmark."""
    shapes: dict[str, list[Shape]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    def get(self, formula: str, row: int, col: int) -> Shape:
        key = _shape_key(formula, row, col)
        candidates = self.shapes.setdefault(key, [])
        for shape in candidates:
            if shape.render(row, col) == formula:
                self.hits += 1
                return shape
        self.misses += 1
        shape = tokenize(formula, row, col)
        if len(candidates) < 8:
            candidates.append(shape)
        return shape
