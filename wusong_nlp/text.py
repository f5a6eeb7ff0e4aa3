"""Shared text helpers: character classes, stop sets, clause windows, overlap.

Extractors look at the words around a position (the clause before a number, the
sentence of a cue). The windows differ in where they stop and how far they reach, and
those differences are deliberate: each caller names its stops and its limit here
instead of keeping a copy of the loop. This module imports nothing of the package.
"""

from __future__ import annotations

import functools
import re

HAN = "\u4e00-\u9fff"  # the CJK Unified Ideographs block, inside a character class
HAN_RE = re.compile(f"[{HAN}]")
DIGITS = "0-9０-９"  # Arabic digits, half and full width, inside a character class
CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"  # Chinese numeral characters

# what XML 1.0 cannot hold (C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF)
XML_ILLEGAL_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# the first characters that make a spreadsheet read a cell as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

SENT_STOP = "。；;！？\n"  # where a sentence (or a run-on sentence's part) ends
CLAUSE_STOP = "，,。；;：:！？\n"  # where a clause ends


def window_start(text: str, pos: int, stops: str | set[str] | frozenset[str],
                 limit: int) -> int:
    """The start of the window that ends at `pos`: back to a stop or `limit` characters."""
    if not _compiles(stops) or not 0 <= pos <= len(text) or limit <= 0:
        i = pos
        while i > 0 and text[i - 1] not in stops and pos - i < limit:
            i -= 1
        return i
    # the last stop in [lo, pos), looked for in growing chunks: a stop is usually near
    lo, last_stop = max(0, pos - limit), _stop_patterns(stops)[1]
    hi, step = pos, 64
    while hi > lo:
        a = max(lo, hi - step)
        m = last_stop.search(text, a, hi)
        if m:
            return m.start() + 1
        hi, step = a, step * 4
    return lo


def window_end(text: str, pos: int, stops: str | set[str] | frozenset[str],
               limit: int | None = None) -> int:
    """The end of the window that starts at `pos`: on to a stop or `limit` characters."""
    n = len(text)
    if not _compiles(stops) or pos < 0:
        i = pos
        while i < n and text[i] not in stops and (limit is None or i - pos < limit):
            i += 1
        return i
    end = n if limit is None else min(n, pos + limit)
    return _stop_patterns(stops)[0].match(text, pos, end).end() if pos < end else pos


def _compiles(stops) -> bool:
    """Stops that `_stop_patterns` can cache: a str or a frozenset (a set may change)."""
    return isinstance(stops, (str, frozenset))


@functools.lru_cache(maxsize=64)
def _stop_patterns(stops: str | frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a run of non-stops, the last stop of a string) for a window's stop characters:
    the windows scan in C what a character loop did in Python."""
    chars = sorted({ch for ch in stops if len(ch) == 1})  # a longer string is no character
    if not chars:  # no stops: every character is inside the window
        return re.compile(r"[\s\S]*"), re.compile(r"(?!)")
    cls = "".join(re.escape(ch) for ch in chars)
    return re.compile(f"[^{cls}]*"), re.compile(f"[{cls}][^{cls}]*\\Z")


def overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    """How many characters the spans [a0, a1) and [b0, b1) share."""
    return max(0, min(a1, b1) - max(a0, b0))


def short(text: str, n: int) -> str:
    """`text` cut to at most `n` characters, with an ellipsis where it was cut."""
    return text if len(text) <= n else text[: n - 1] + "…"


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 (GraphML, GEXF, XLSX) cannot hold; exports
    only: the JSON keeps the analysed text and its offsets as they are."""
    return XML_ILLEGAL_RE.sub("", text)
