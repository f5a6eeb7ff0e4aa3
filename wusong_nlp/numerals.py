"""Values of numerals as written: Arabic, full-width, Chinese and mixed (3万, 1.5亿).

These functions only compute values of spans that were already found in the text;
the text itself is never rewritten.
"""

from __future__ import annotations

import re

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
          "陆": 6, "柒": 7, "捌": 8, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000, "万亿": 1_000_000_000_000}
FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "万亿"


def chinese_to_int(s: str) -> int | None:
    """Value of a Chinese numeral (十九 → 19, 一百二十 → 120, 三千五百 → 3500, 二〇二一 → 2021)."""
    if not s:
        return None
    if all(ch in DIGITS for ch in s) and len(s) > 1:
        # digit by digit: 二〇二一
        return int("".join(str(DIGITS[ch]) for ch in s))
    total = 0
    section = 0
    number = None
    for ch in s:
        if ch in DIGITS:
            number = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if number is None else number) * SMALL_UNITS[ch]
            number = None
        elif ch in ("万", "亿"):
            section += number or 0
            if section == 0:
                section = 1
            total = (total + section) * BIG_UNITS[ch] if ch == "亿" else total + section * BIG_UNITS[ch]
            section, number = 0, None
        else:
            return None
    return total + section + (number or 0)


_ARABIC = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(万亿|亿|万|千|百)?$")


def parse_number(s: str) -> float | None:
    """Value of a number token: 150, 1.5亿, 2.67万亿, 三千五百, 十九, 半 (0.5)."""
    s = s.translate(FULLWIDTH).replace(",", "")
    if not s:
        return None
    if s == "半":
        return 0.5
    if s == "双":
        return 2
    m = _ARABIC.match(s)
    if m:
        value = float(m.group(1))
        mult = m.group(2)
        if mult:
            value *= BIG_UNITS.get(mult) or SMALL_UNITS[mult]
        return value
    # Arabic digits followed by Chinese big units beyond the simple pattern
    m = re.match(r"^([0-9]+(?:\.[0-9]+)?)(.+)$", s)
    if m:
        rest = chinese_to_int("一" + m.group(2)) if m.group(2) else 1
        return float(m.group(1)) * rest if rest else None
    if s.endswith("半"):
        base = chinese_to_int(s[:-1])
        return None if base is None else base + 0.5
    value = chinese_to_int(s)
    return float(value) if value is not None else None


def clean_value(value: float | None) -> float | int | None:
    """Integers as int, other values rounded to remove float noise."""
    if value is None:
        return None
    if abs(value - round(value)) < 1e-9:
        return int(round(value))
    return round(value, 10)
