"""Shared text helpers: character classes, stop sets, clause windows, overlap.

Extractors look at the words around a position (the clause before a number, the
sentence of a cue). The windows differ in where they stop and how far they reach, and
those differences are deliberate: each caller names its stops and its limit here
instead of keeping a copy of the loop. This module imports nothing of the package.
"""

from __future__ import annotations

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
    i = pos
    while i > 0 and text[i - 1] not in stops and pos - i < limit:
        i -= 1
    return i


def window_end(text: str, pos: int, stops: str | set[str] | frozenset[str],
               limit: int | None = None) -> int:
    """The end of the window that starts at `pos`: on to a stop or `limit` characters."""
    i, n = pos, len(text)
    while i < n and text[i] not in stops and (limit is None or i - pos < limit):
        i += 1
    return i


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
