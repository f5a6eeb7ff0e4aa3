"""Values of numeral spans as written (numerals.py)."""

from __future__ import annotations

import pytest

from wusong_nlp.numerals import chinese_to_int, clean_value, is_canonical_chinese, parse_number


@pytest.mark.parametrize("raw, value", [
    ("十九", 19), ("一百二十", 120), ("三千五百", 3500), ("两", 2), ("零", 0), ("半", 0.5),
    ("二〇二一", 2021), ("一百零五", 105), ("二十万", 200_000), ("千亿", 100_000_000_000),
    ("万亿", 1_000_000_000_000),
])
def test_chinese_numerals(raw, value):
    assert clean_value(parse_number(raw)) == value


@pytest.mark.parametrize("raw, value", [
    ("150", 150), ("３０", 30), ("3万", 30_000), ("1.5亿", 150_000_000),
    ("2.67万亿", 2_670_000_000_000), ("4.06万亿", 4_060_000_000_000), ("6600多万", 66_000_000),
    ("3.2万余", 32_000), ("1,200", 1200),
])
def test_arabic_and_mixed(raw, value):
    assert clean_value(parse_number(raw)) == value


def test_juxtaposed_numerals_are_not_one_number():
    # “十四五” names the 14th five-year plan; 四五 is two numbers side by side
    assert not is_canonical_chinese("十四五")
    assert not is_canonical_chinese("四五")
    assert is_canonical_chinese("十九") and is_canonical_chinese("二〇二一")
    assert chinese_to_int("十四五") is not None  # a value, but not canonical


def test_clean_value_removes_float_noise():
    assert clean_value(1.3 * 1e12) == 1_300_000_000_000
    assert clean_value(5.5) == 5.5
    assert isinstance(clean_value(30.0), int)
