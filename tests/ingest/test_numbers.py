"""Numbers as reports write them become exact values in base units."""

import doctest
from decimal import Decimal

import pytest

from reports.ingest import numbers
from reports.ingest.numbers import parse_number, scale


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("325", "325"),
        ("1.39万", "13900"),
        ("2,022", "2022"),
        ("27.74", "27.74"),
        ("1万亿", "1000000000000"),
        ("三千", "3000"),
        ("两", "2"),
        ("十", "10"),
        ("二十五", "25"),
        ("一百零五", "105"),
        ("两万", "20000"),
        ("三点五", "3.5"),
        ("百分之九十", "90"),
        ("百分之27.5", "27.5"),
    ],
)
def test_parse_number(written, value):
    assert parse_number(written) == Decimal(value)


@pytest.mark.parametrize(
    ("number", "multiplier", "value"),
    [
        ("241.97", "亿", "24197000000"),  # issue 2: 241.97亿元 → 24,197,000,000 元
        ("11.03", "亿", "1103000000"),
        ("3119", "万", "31190000"),
        ("1.39", "万", "13900"),
        ("800", "万", "8000000"),
        ("12.7", "", "12.7"),
    ],
)
def test_scale_is_exact(number, multiplier, value):
    result = scale(number, multiplier)
    assert result == Decimal(value)
    # No float residue or exponent: what an editor reads back is the plain number.
    assert str(result) == value


@pytest.mark.parametrize("text", ["", "件", "abc", "万"])
def test_not_a_number(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_docstring_examples_hold():
    assert doctest.testmod(numbers).failed == 0
