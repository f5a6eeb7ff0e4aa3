"""Numbered formulations: quoted slogans with a numeral (“四区融合”, “三区”, “1+X”, “十四五”).

A formulation is a quoted short phrase containing a numeral. Its value is the count it
names when the numeral reads as one number (四 → 4; 十四五 has none). When the text
lists exactly that many items right before the quote (园区、校区、街区、社区“四区融合”),
the items are its members.
"""

from __future__ import annotations

import re

from ..numerals import clean_value, is_canonical_chinese, parse_number
from ..offsets import SpanIndex
from ..records import Quantity
from ..resources import longest_first
from ..text import window_start

_CN = "零〇一二两三四五六七八九十百千万亿双"
_QUOTE = re.compile(r"[“\"‘'「『]([^“”\"‘’'「」『』\n]{1,12})[”\"’'」』]")
_NUMERAL = re.compile(rf"[0-9０-９]+(?:\.[0-9]+)?|[{_CN}]+")
_ITEM_SEP = re.compile(r"、|和|及|与")
_CLAUSE_END = "，。；：,;:！？（）()《》“”\"\n"


def _count(run: str) -> float | int | None:
    if run == "双":
        return 2
    if re.match(r"[0-9０-９]", run) or is_canonical_chinese(run):
        return clean_value(parse_number(run))
    return None


def _lead_verbs() -> tuple[str, ...]:
    """Verbs that may open a list (the commitments' actions.txt), longest first."""
    return longest_first("actions.txt")


def members_before(text: str, quote_start: int, count: int | float | None) -> list[str]:
    """Items listed right before a quote: 园区、校区、街区、社区“四区融合” → the four areas.

    Only a list of at least two items joined by 、/和/及 that ends at the quote counts,
    and when the formulation names a count, the list must have exactly that many items.
    """
    chunk = text[window_start(text, quote_start, _CLAUSE_END, 80):quote_start]
    if "、" not in chunk:
        return []
    items = [p.strip() for p in _ITEM_SEP.split(chunk)]
    if not items or any(not p for p in items[1:]):
        return []
    if isinstance(count, int) and count >= 2:
        if len(items) < count:
            return []
        items = items[-count:]
        # the first item may carry a verb before it (健全社区 → 社区)
        stripped = True
        while stripped:
            stripped = False
            for verb in _lead_verbs():
                if items[0].startswith(verb) and len(items[0]) - len(verb) >= 2:
                    items[0] = items[0][len(verb):]
                    stripped = True
                    break
        return items
    return []


def find_formulations(text: str) -> list[Quantity]:
    """Quoted numbered slogans as formulation quantities, with members where listed."""
    out = []
    for m in _QUOTE.finditer(text):
        inner = m.group(1)
        runs = _NUMERAL.findall(inner)
        if not runs or inner.strip() in runs and len(inner) > 4:
            continue
        if re.fullmatch(r"[0-9０-９.%％]+", inner):
            continue
        value = _count(runs[0])
        s, e = m.start(1), m.end(1)
        q = Quantity(start=s, end=e, text=text[s:e], value=value, unit=None,
                     qualifier="exact", kind="formulation", confidence=1.0)
        q.members = members_before(text, m.start(), value)
        out.append(q)
    return out


def find_repeated(text: str, quoted: list[Quantity]) -> list[Quantity]:
    """Unquoted mentions of slogans the document quotes elsewhere (两新, 一网通办).

    Only slogans of two or more characters that begin with a numeral are looked for,
    so that a quoted name does not turn its ordinary words into quantities.
    """
    names = sorted({q.text for q in quoted if len(q.text) >= 2 and _NUMERAL.match(q.text)},
                   key=lambda w: (-len(w), w))
    if not names:
        return []
    values = {q.text: q.value for q in quoted}
    rx = re.compile("|".join(re.escape(n) for n in names))
    inside = SpanIndex([(q.start, q.end) for q in quoted])
    out = []
    for m in rx.finditer(text):
        s, e = m.span()
        if inside.containing(s):
            continue
        out.append(Quantity(start=s, end=e, text=m.group(), value=values[m.group()],
                            unit=None, qualifier="exact", kind="formulation",
                            confidence=1.0))
    return out
