"""The formula language: one expression, one formula and one value."""
import pytest

from builder.formula.expr import ABS, AVERAGE, DIV0, IF, Cell, Line, Rows, growth, wrap


class Ctx:
    def __init__(self, period=1):
        self.values = {"a": [10.0, 12.0], "b": [4.0, -5.0], "t": ["x", "n.a."]}
        self._period = period

    def period(self): return self._period
    def period_count(self): return 2
    def line_value(self, k, p): return self.values[k][p]
    def cell_value(self, k): return {"c": 2.0, "z": 0.0}[k]
    def line_ref(self, k, p): return f"{'DE'[p]}{ {'a': 5, 'b': 6, 't': 7}[k] }"
    def cell_ref(self, k): return "$D$9"
    def rows_range(self, keys, p): return f"{'DE'[p]}5:{'DE'[p]}6" if keys == ("a", "b") else None


def test_precedence_keeps_meaning():
    e = Line("a") - (Line("b") - Line("a", 1))
    assert e.render(Ctx()) == "E5-(E6-D5)"
    assert e.evaluate(Ctx()) == 12 - (-5 - 10)
    e = (Line("a") + Line("b")) * Cell("c")
    assert e.render(Ctx()) == "(E5+E6)*$D$9"
    assert e.evaluate(Ctx()) == 14.0
    e = -(Line("a") * (1 - Line("b")))
    assert e.render(Ctx()) == "-(E5*(1-E6))"


def test_growth_uses_abs_of_prior():
    g = growth(Line("b"), Line("b", 1))
    assert g.render(Ctx()) == "(E6-D6)/ABS(D6)"
    assert g.evaluate(Ctx()) == pytest.approx((-5 - 4) / 4)


def test_functions_evaluate_like_a_spreadsheet():
    assert AVERAGE(Rows(("a", "b"))).render(Ctx()) == "AVERAGE(E5:E6)"
    assert AVERAGE(Rows(("a", "t"))).evaluate(Ctx()) == 12.0  # text is skipped
    assert IF(Line("b").gt(0), "up", "down").evaluate(Ctx()) == "down"
    assert ABS(Line("b")).evaluate(Ctx()) == 5
    assert (Line("a") / Cell("z")).evaluate(Ctx()) == DIV0
    assert ((Line("a") / Cell("z")) + 1).evaluate(Ctx()) == DIV0


def test_text_is_quoted_and_numbers_other_than_0_1_refused():
    assert wrap('say "hi"').render(Ctx()) == '"say ""hi"""'
    with pytest.raises(ValueError):
        Line("a") * 12


def test_engine_difference_is_zero_where_the_operands_agree_to_their_last_digits():
    from builder.formula.expr import engine_difference
    ctx = Ctx()
    ctx.values.update(r=[245.35000000000002, 245.35], e=[245.35, 245.3], n=[-1.0, 1.0])
    tie = engine_difference(Line("r", 1), Line("e", 1))  # 245.35000000000002 - 245.35: one ulp apart
    assert Line("r", 1).evaluate(ctx) - Line("e", 1).evaluate(ctx) > 0  # plain float subtraction: not 0
    assert tie.evaluate(ctx) == 0.0
    assert engine_difference(Line("r"), Line("e")).evaluate(ctx) == pytest.approx(0.05)  # a real difference
    assert engine_difference(Line("n", 1), Line("n")).evaluate(ctx) == -2.0  # opposite signs: never snapped


def test_numbers_equal_to_within_the_last_bits_compare_equal_as_in_the_engines():
    """LibreOffice (rtl::math::approxEqual) and Excel take 1234 + 7e-13 as 1234: a comparison that
    stored TRUE where the engine computes FALSE would disagree with every recalculation."""
    from builder.formula.expr import BinOp, Num
    near = 1234 * (1 + 2 ** -50)
    assert near != 1234
    assert BinOp(">", Num(near), Num(1234)).evaluate(None) is False
    assert BinOp("=", Num(near), Num(1234)).evaluate(None) is True
    assert BinOp(">=", Num(1234), Num(near)).evaluate(None) is True
    assert BinOp(">", Num(1234 * (1 + 2 ** -40)), Num(1234)).evaluate(None) is True  # a real difference
    assert BinOp(">", Num(1e-15), Num(0)).evaluate(None) is True  # nothing is near zero but zero
