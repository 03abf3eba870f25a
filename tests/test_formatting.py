"""Printed numbers: a value that rounds to zero never carries a minus sign; real negatives keep theirs."""
import pytest

from builder.render import formatting as f


@pytest.mark.parametrize("call, expected", [
    (lambda: f.pct(-0.001), "0%"),            # an upside of -0.1% prints as 0%, not -0%
    (lambda: f.pct(-0.006), "-1%"),
    (lambda: f.pct(-0.0004, 1), "0.0%"),
    (lambda: f.pct(-0.0006, 1), "-0.1%"),
    (lambda: f.money(-0.4), "0"),
    (lambda: f.money(-1234.6), "-1,235"),
    (lambda: f.num(-0.004), "0.00"),
    (lambda: f.num(-0.006), "-0.01"),
    (lambda: f.chart_pct(-0.002), "0%"),
    (lambda: f.chart_multiple(-0.04), "0x"),
    (lambda: f.chart_multiple(-0.6), "-1x"),
    (lambda: f.chart_amount(-0.3), "0"),
    (lambda: f.pct(True), "-"),               # a flag is not a number
])
def test_no_negative_zero(call, expected):
    assert call() == expected
