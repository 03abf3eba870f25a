"""A tiny formula language: one expression gives both an Excel formula and its value.

Every non-input cell of the workbook is an `Expr`. `Expr.evaluate(ctx)` computes the
value in Python; `Expr.render(ctx)` writes the Excel formula. Both walk the same tree,
so a formula and its stored value cannot drift apart.

References are symbolic: `Line("revenue", lag=1)` means "the revenue row, one period
earlier than the cell being written"; `Cell("target_ps")` is a single-cell item.
The renderer's context turns keys into addresses; the evaluator's context turns them
into numbers.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence

from .limits import MAX_ARGS, nested_sum
from .xlfunctions import FUNCTION_NAMES, FUNCTIONS  # noqa: F401 (FUNCTION_NAMES re-exported)
# Error values are re-exported: the model and the renderers import them from here.
from .xlvalues import DIV0, NA, REF_ERR, VALUE_ERR, XLError, Propagate as _Propagate, num as _num, text as _text

# Numbers allowed inside formulas (modelling standards rule 9); anything else is an input.
ALLOWED_LITERALS = (0, 1, -1)


class EvalContext(Protocol):
    def line_value(self, key: str, period: int): ...
    def cell_value(self, key: str): ...
    def period(self) -> int: ...
    def period_count(self) -> int: ...


class RenderContext(Protocol):
    def line_ref(self, key: str, period: int) -> str: ...
    def line_at(self, key: str, period: int) -> str: ...
    def line_range(self, key: str, first: int) -> str: ...
    def cell_ref(self, key: str) -> str: ...
    def cells_range(self, keys: Sequence[str]) -> str: ...
    def rows_range(self, keys: Sequence[str], period: int) -> str | None: ...
    def grid_range(self, keys: Sequence[str], first: int, last: int) -> str: ...
    def period(self) -> int: ...


def wrap(x) -> "Expr":
    if isinstance(x, Expr):
        return x
    if isinstance(x, str):
        return Text(x)
    if isinstance(x, bool) or x not in ALLOWED_LITERALS:
        raise ValueError(f"literal {x!r} may not be typed into a formula; make it an input")
    return Num(x)


class Expr:
    precedence = 9  # atoms bind tightest

    def __add__(self, o): return BinOp("+", self, wrap(o))
    def __radd__(self, o): return BinOp("+", wrap(o), self)
    def __sub__(self, o): return BinOp("-", self, wrap(o))
    def __rsub__(self, o): return BinOp("-", wrap(o), self)
    def __mul__(self, o): return self if isinstance(o, One) else BinOp("*", self, wrap(o))
    def __rmul__(self, o): return self if isinstance(o, One) else BinOp("*", wrap(o), self)
    def __truediv__(self, o): return self if isinstance(o, One) else BinOp("/", self, wrap(o))
    def __rtruediv__(self, o): return BinOp("/", wrap(o), self)
    def __neg__(self): return Neg(self)

    def concat(self, o): return BinOp("&", self, wrap(o))
    def lt(self, o): return BinOp("<", self, wrap(o))
    def le(self, o): return BinOp("<=", self, wrap(o))
    def gt(self, o): return BinOp(">", self, wrap(o))
    def ge(self, o): return BinOp(">=", self, wrap(o))

    def evaluate(self, ctx: EvalContext):
        raise NotImplementedError

    def render(self, ctx: RenderContext) -> str:
        raise NotImplementedError

    def refs(self) -> list["Expr"]:
        """Direct references (Line/Cell/LineRange/Rows) inside this expression."""
        return []

    def is_link(self) -> bool:
        """True when the formula only points at one other cell (styled as a link)."""
        return False


@dataclass(frozen=True, eq=False)
class Num(Expr):
    value: float

    def evaluate(self, ctx):
        return self.value

    def render(self, ctx):
        return str(self.value)


@dataclass(frozen=True, eq=False)
class One(Expr):
    """The factor 1 where a model has no such input (one currency: no FX): multiplying or dividing by it
    writes nothing, so the formula does not mention a factor the workbook does not have."""

    def evaluate(self, ctx):
        return 1

    def render(self, ctx):
        return "1"

    def __mul__(self, o): return wrap(o)
    def __rmul__(self, o): return wrap(o)


ONE = One()


def cell_or_one(key: str | None) -> Expr:
    """The cell `key`, or the factor 1 where the model has no such cell."""
    return Cell(key) if key else ONE


@dataclass(frozen=True, eq=False)
class Text(Expr):
    value: str

    def evaluate(self, ctx):
        return self.value

    def render(self, ctx):
        return '"' + self.value.replace('"', '""') + '"'


@dataclass(frozen=True, eq=False)
class Line(Expr):
    """A time-series line at the current period minus `lag`."""
    key: str
    lag: int = 0

    def evaluate(self, ctx):
        return ctx.line_value(self.key, ctx.period() - self.lag)

    def render(self, ctx):
        return ctx.line_ref(self.key, ctx.period() - self.lag)

    def refs(self):
        return [self]

    def is_link(self):
        return self.lag == 0


@dataclass(frozen=True, eq=False)
class Cell(Expr):
    """A single-cell item (market data, valuation); rendered absolute."""
    key: str

    def evaluate(self, ctx):
        return ctx.cell_value(self.key)

    def render(self, ctx):
        return ctx.cell_ref(self.key)

    def refs(self):
        return [self]

    def is_link(self):
        return True


@dataclass(frozen=True, eq=False)
class LineAt(Expr):
    """A line at a fixed column, rendered with an absolute column (e.g. a grid row's axis value)."""
    key: str
    period: int

    def evaluate(self, ctx):
        return ctx.line_value(self.key, self.period)

    def render(self, ctx):
        return ctx.line_at(self.key, self.period)

    def refs(self):
        return [self]


@dataclass(frozen=True, eq=False)
class LineSpan(Expr):
    """The last `back` + 1 periods of a line up to the current one (a fiscal year's quarters)."""
    key: str
    back: int

    def evaluate(self, ctx):
        p = ctx.period()
        return [ctx.line_value(self.key, q) for q in range(p - self.back, p + 1)]

    def render(self, ctx):
        p = ctx.period()
        first = ctx.line_ref(self.key, p - self.back)
        last = ctx.line_ref(self.key, p)
        return f"{first}:{last.split('!')[-1]}"

    def refs(self):
        return [self]


@dataclass(frozen=True, eq=False)
class LineRange(Expr):
    """Periods `first`.. of a line as one absolute row range (for INDEX/MATCH, AND)."""
    key: str
    first: int = 0

    def evaluate(self, ctx):
        return [ctx.line_value(self.key, p) for p in range(self.first, ctx.period_count())]

    def render(self, ctx):
        return ctx.line_range(self.key, self.first)

    def refs(self):
        return [self]


@dataclass(frozen=True, eq=False)
class CellRange(Expr):
    """Several single cells in one column, rendered as one absolute range."""
    keys: tuple[str, ...]

    def evaluate(self, ctx):
        return [ctx.cell_value(k) for k in self.keys]

    def render(self, ctx):
        return ctx.cells_range(self.keys)

    def refs(self):
        return [self]


@dataclass(frozen=True, eq=False)
class Grid(Expr):
    """Contiguous grid rows over columns `first`..`last` as one absolute block (for MIN, MAX)."""
    keys: tuple[str, ...]
    first: int
    last: int

    def evaluate(self, ctx):
        return [ctx.line_value(k, c) for k in self.keys for c in range(self.first, self.last + 1)]

    def render(self, ctx):
        return ctx.grid_range(self.keys, self.first, self.last)

    def refs(self):
        return [self]


@dataclass(frozen=True, eq=False)
class Rows(Expr):
    """Several lines at the current period minus `lag`: a range when contiguous (for SUM, AVERAGE)."""
    keys: tuple[str, ...]
    lag: int = 0

    def evaluate(self, ctx):
        return [ctx.line_value(k, ctx.period() - self.lag) for k in self.keys]

    def render(self, ctx):
        return ",".join(self.parts(ctx))

    def parts(self, ctx) -> list[str]:
        """One range when the rows are contiguous, else one per contiguous run (fewer arguments than rows)."""
        period = ctx.period() - self.lag
        rng = ctx.rows_range(self.keys, period)
        if rng is not None:
            return [rng]
        runs, run = [], [self.keys[0]]
        for prev, key in zip(self.keys, self.keys[1:]):
            if ctx.rows_range((prev, key), period) is not None:
                run.append(key)
            else:
                runs.append(run)
                run = [key]
        runs.append(run)
        return [ctx.line_ref(r[0], period) if len(r) == 1 else ctx.rows_range(tuple(r), period) for r in runs]

    def refs(self):
        return [self]


@dataclass(frozen=True, eq=False)
class Neg(Expr):
    operand: Expr
    precedence = 7

    def evaluate(self, ctx):
        v = self.operand.evaluate(ctx)
        return v if isinstance(v, XLError) else -_num(v)

    def render(self, ctx):
        inner = self.operand.render(ctx)
        if self.operand.precedence < self.precedence:
            inner = f"({inner})"
        return "-" + inner

    def refs(self):
        return self.operand.refs()


_PRECEDENCE = {"=": 1, "<": 1, "<=": 1, ">": 1, ">=": 1, "&": 2, "+": 3, "-": 3, "*": 5, "/": 5}


_APPROX = 2.0 ** -48  # LibreOffice's rtl::math::approxEqual: numbers this close (relative) compare equal


def _approx_equal(a, b) -> bool:
    """Two numbers a spreadsheet compares as equal: 1234.0000000000007 = 1234 (a sum's rounding)."""
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)) or a == b:
        return False
    d = abs(a - b)
    return d < abs(a) * _APPROX and d < abs(b) * _APPROX


@dataclass(frozen=True, eq=False)
class BinOp(Expr):
    op: str
    left: Expr
    right: Expr

    @property
    def precedence(self):
        return _PRECEDENCE[self.op]

    def evaluate(self, ctx):
        a, b = self.left.evaluate(ctx), self.right.evaluate(ctx)
        for v in (a, b):
            if isinstance(v, XLError):
                return v
        op = self.op
        if op == "&":
            return _text(a) + _text(b)
        if op in ("<", "<=", ">", ">=", "="):
            a, b = _num(a), _num(b)
            if _approx_equal(a, b):  # as the engines compare: equal to within the last bits
                a = b
            return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "=": a == b}[op]
        a, b = _num(a), _num(b)
        if isinstance(a, XLError) or isinstance(b, XLError):
            return VALUE_ERR
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if b == 0:
            return DIV0
        return a / b

    def render(self, ctx):
        left = self.left.render(ctx)
        right = self.right.render(ctx)
        if self.left.precedence < self.precedence:
            left = f"({left})"
        # Right operand of - and / (and same-level comparisons) must keep its grouping.
        if self.right.precedence < self.precedence or (
            self.right.precedence == self.precedence and self.op in ("-", "/", "<", "<=", ">", ">=", "=")
        ):
            right = f"({right})"
        return f"{left}{self.op}{right}"

    def refs(self):
        return self.left.refs() + self.right.refs()


@dataclass(frozen=True, eq=False)
class EngineDifference(BinOp):
    """`left - right` valued as the spreadsheet engines store it: two numbers of one sign that agree to
    within their last digits (2**-48 relative, LibreOffice's approxSub) differ by exactly 0, so a flag on
    the difference's sign (a beat) agrees with the engine's when a reported figure equals its estimate."""

    def evaluate(self, ctx):
        a, b = _num(self.left.evaluate(ctx)), _num(self.right.evaluate(ctx))
        if isinstance(a, float | int) and isinstance(b, float | int) and (a < 0) == (b < 0) and a and b \
                and abs(a - b) < abs(a) * 2.0 ** -48:
            return 0.0
        return super().evaluate(ctx)


def engine_difference(left, right) -> EngineDifference:
    return EngineDifference("-", wrap(left), wrap(right))


@dataclass(frozen=True, eq=False)
class Func(Expr):
    name: str
    args: tuple[Expr, ...]

    def render(self, ctx):
        parts = [p for a in self.args for p in (a.parts(ctx) if isinstance(a, Rows) else [a.render(ctx)])]
        if self.name == "SUM":
            return nested_sum(parts)
        if len(parts) > MAX_ARGS:
            raise ValueError(f"{self.name} with {len(parts)} arguments; Excel allows {MAX_ARGS}")
        return f"{self.name}({','.join(parts)})"

    def refs(self):
        return [r for a in self.args for r in a.refs()]

    def evaluate(self, ctx):
        try:
            return FUNCTIONS[self.name](ctx, self.args)
        except _Propagate as p:
            return p.err


def fn(name: str, *args) -> Func:
    return Func(name, tuple(wrap(a) for a in args))


def SUM(*a): return fn("SUM", *a)
def AVERAGE(*a): return fn("AVERAGE", *a)
def MEDIAN(*a): return fn("MEDIAN", *a)
def MIN(*a): return fn("MIN", *a)
def MAX(*a): return fn("MAX", *a)
def POWER(base, exponent): return fn("POWER", base, exponent)
def ABS(a): return fn("ABS", a)
def AND(*a): return fn("AND", *a)
def IF(c, t, f): return fn("IF", c, t, f)
def ISNUMBER(a): return fn("ISNUMBER", a)
def MATCH(needle, hay, mode): return fn("MATCH", needle, hay, mode)
def INDEX(hay, i): return fn("INDEX", hay, i)
def SUMIF(keys, wanted, values): return fn("SUMIF", keys, wanted, values)
def INDEX_ROW(hay, k): return fn("INDEX", hay, 1, k)  # Gnumeric: INDEX(one-row range, k) is #REF!
def CHOOSE(i, *options): return fn("CHOOSE", i, *options)


def growth(this: Expr, prior: Expr) -> Expr:
    """YoY growth as the report defines it: (this - prior) / ABS(prior)."""
    return (this - prior) / ABS(prior)
