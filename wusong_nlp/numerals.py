"""Values of numerals as written: Arabic, full-width, Chinese and mixed (3万, 1.5亿).

These functions only compute values of spans that were already found in the text;
the text itself is never rewritten.
"""

from __future__ import annotations

import functools
import re

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
          "陆": 6, "柒": 7, "捌": 8, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000, "万亿": 1_000_000_000_000}
FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")


def chinese_to_int(s: str) -> int | None:
    """Value of a Chinese numeral (十九 → 19, 一百二十 → 120, 三千五百 → 3500, 二〇二一 → 2021)."""
    if not s:
        return None
    if all(ch in DIGITS for ch in s) and len(s) > 1:
        # digit by digit: 二〇二一
        return int("".join(str(DIGITS[ch]) for ch in s))
    s = s.replace("万亿", "兆")  # 万亿 is one unit (1e12), not 万 then 亿
    total = 0
    section = 0
    number = None
    for ch in s:
        if ch in DIGITS:
            number = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if number is None else number) * SMALL_UNITS[ch]
            number = None
        elif ch in ("万", "亿", "兆"):
            section += number or 0
            if section == 0:
                section = 1
            if ch == "万":
                total += section * 10_000
            else:
                total = (total + section) * (100_000_000 if ch == "亿" else 10**12)
            section, number = 0, None
        else:
            return None
    return total + section + (number or 0)


_ARABIC = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(万亿|亿|万|千|百)?$")


@functools.lru_cache(maxsize=4096)
def parse_number(s: str) -> float | None:
    """Value of a number token: 150, 1.5亿, 2.67万亿, 三千五百, 十九, 半 (0.5), 6600多万.

    多/余 (“more than”) are dropped here; the caller turns them into a qualifier.
    Cached: a plan writes the same few hundred numerals thousands of times.
    """
    s = s.translate(FULLWIDTH).replace(",", "").replace("多", "").replace("余", "")
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
    m = _ARABIC_REST.match(s)
    if m:
        rest = chinese_to_int("一" + m.group(2)) if m.group(2) else 1
        return float(m.group(1)) * rest if rest else None
    if s.endswith("半"):
        base = chinese_to_int(s[:-1])
        return None if base is None else base + 0.5
    value = chinese_to_int(s)
    return float(value) if value is not None else None


_ARABIC_REST = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(.+)$")
_CANONICAL_CN = re.compile(
    r"^(?:[一二两三四五六七八九]?[千百十]?)+(?:零?[一二三四五六七八九])?[万亿]?$|^[〇零一二三四五六七八九]{4}$"
)


@functools.lru_cache(maxsize=1024)
def is_canonical_chinese(s: str) -> bool:
    """Whether a run of Chinese numerals reads as one number (十九, 三千五百, 二〇二一).

    Runs such as 十四五 (“14th-15th”) or 四五 are juxtaposed numbers, not one value.
    """
    if not s or _CANONICAL_CN.match(s) is None:
        return False
    # two plain digits side by side (四五, 一二) only count as a year written digit by digit
    plain = "一二两三四五六七八九〇零"
    for a, b in zip(s, s[1:], strict=False):
        if a in plain and b in plain and len(s) != 4 and not (a == "零" or b == "零"):
            return False
    return True


def clean_value(value: float | None) -> float | int | None:
    """Integers as int, other values rounded to remove float noise."""
    if value is None:
        return None
    if abs(value - round(value)) < 1e-9 * max(1.0, abs(value)):
        return int(round(value))
    return float(f"{value:.12g}")
