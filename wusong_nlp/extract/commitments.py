"""Targets as commitments: what is to be done (action, object), how much, by when.

The object of a count stands after the number (完成近30家社区微菜场) or, for amounts and
rates, before it (新划定非机动车停放区域150个, 国内生产总值增长5%左右). The action is the
last action verb (data/actions.txt) of the clause before the number; the horizon is a
time phrase of the sentence (年内, 今年, 三年, 到2027年). A staged plan written as
“一年试点、三年扩容至10个小区、五年全面覆盖” becomes ordered stages.
"""

from __future__ import annotations

import bisect
import copy
import functools
import re

from ..offsets import SpanIndex
from ..outline import Structure
from ..records import Commitment, Quantity, Stage
from ..resources import alternation, longest_first, policy_segmenter, words
from ..text import window_end, window_start
from .deadlines import find_deadlines, relative_words

_CLAUSE_STOP = "，,。；;：:！？\n（）()"
_SENT_STOP = "。！？!?\n"
_WORD_AFTER = re.compile(r"[\u4e00-\u9fff“]")  # a word after the number: the count names it
_CN = "一二两三四五六七八九十"


@functools.cache
def _object_words(flag: str) -> str:
    """The words of data/object_words.tsv with `flag`, as one alternation."""
    return alternation(words("object_words.tsv", flag))


@functools.cache
def _lead_re() -> re.Pattern[str]:
    """Markers and words that open a clause before its object (①, （二）, 力争, 全市)."""
    return re.compile(rf"^(?:[①-⑳]|[（(][0-9０-９一二三四五六七八九十]{{1,3}}[）)]|"
                      rf"[0-9０-９]{{1,2}}[.．、﹒]|[一二三四五六七八九十]是|{_object_words('lead')})+")


@functools.cache
def _object_nouns() -> frozenset[str]:
    """Action verbs that end an object as its noun (便民便企服务200项)."""
    return frozenset(words("object_words.tsv", "noun"))


@functools.cache
def _trail_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{_object_words('trail')})+$")


@functools.cache
def _modifier_re() -> re.Pattern[str]:
    return re.compile(_object_words("modifier"))


@functools.cache
def _right_end_re() -> re.Pattern[str]:
    return re.compile(rf"[等和及与、“，]|(?:{_object_words('end')})")


@functools.cache
def _horizon_re() -> re.Pattern[str]:
    """A time phrase: a year (到2025年底前), a word relative to the plan year (年内, 今年:
    the relative forms of data/deadlines.tsv, one list with the tasks' deadlines) or a
    duration (三年, 6个月内)."""
    return re.compile(
        rf"(?:到|至|在)?(?:20[0-9]{{2}})年(?:底|末)?(?:前|以前)?"
        rf"|(?:{alternation(relative_words())})"
        rf"|[{_CN}0-9]+(?:年|个月)(?:内|左右)?"
    )


_STAGE = re.compile(rf"([{_CN}0-9]+(?:年|个月))([^、，。；”\"]{{2,30}})")


def action_verbs() -> tuple[str, ...]:
    """Action verbs of commitments (data/actions.txt), longest first."""
    return longest_first("actions.txt")


@functools.lru_cache(maxsize=1)
def _verb_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(v) for v in action_verbs()))


@functools.cache
def _comparison_re() -> re.Pattern[str]:
    return re.compile(alternation(words("object_comparisons.txt")))


_OBJ_LEAD = re.compile(r"^[\s．.、，,·:：;；）)的]+")
_AGE = re.compile(r"[0-9０-９一二三四五六七八九十]*周?岁(?:及以上|以上|以下)?")


def _clean_object(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """The object as a noun phrase: no dangling punctuation (．新引进企业), no comparison
    (比上年增加), no age (65岁); None when nothing of a noun phrase is left."""
    if span is None:
        return None
    s, e = span
    lead = _OBJ_LEAD.match(text, s, e)
    if lead:
        s = lead.end()
    cmp = _comparison_re().search(text, s, e)
    if cmp:
        e = cmp.start()
    age = _AGE.search(text, s, e)
    if age:
        if age.start() - s >= 2:
            e = age.start()
        else:
            s = age.end()
    while e > s and text[e - 1] in "，,、的和及与":
        e -= 1
    return (s, e) if e - s >= 2 else None


def _is_time(phrase: str) -> bool:
    """Is the phrase only a time (上半年, 年内, 2025年)?"""
    return _horizon_re().fullmatch(phrase) is not None or any(
        d.start == 0 and d.end == len(phrase) for d in find_deadlines(phrase))


def _word_edges(text: str, start: int, end: int) -> set[int]:
    """Word boundaries of text[start:end] by the policy segmenter, as text offsets."""
    edges = {start, end}
    pos = start
    for w in policy_segmenter().cut(text[start:end]):
        pos += len(w)
        edges.add(pos)
    return edges


def _whole_word(edges: set[int], m: re.Match[str]) -> bool:
    """Is the verb a word of its own, not the first characters of a noun (服务中心)?"""
    return m.start() in edges and m.end() in edges


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    return window_start(text, start, _CLAUSE_STOP, 60), window_end(text, end, _CLAUSE_STOP, 40)


def _sentence_bounds(text: str, start: int) -> tuple[int, int]:
    return window_start(text, start, _SENT_STOP, len(text)), window_end(text, start, _SENT_STOP)


_EARLIER = re.compile(r"[0-9０-９%％、]")


def _object(text: str, q: Quantity, c_start: int, c_end: int,
            verb: re.Match[str] | None) -> tuple[int, int] | None:
    """Object span: the noun after a count (完成近30家社区微菜场), else the words of the
    clause before the number (国内生产总值增长5%左右, 新划定非机动车停放区域150个)."""
    right = text[q.end:c_end]
    if q.unit not in ("%", "个百分点", None) and _WORD_AFTER.match(right):
        m = _right_end_re().search(right, 1)
        piece = right[:m.start() if m else len(right)]
        k = piece.find("的")
        off = 0
        if k >= 0:
            if _modifier_re().match(piece) and k < len(piece) - 2:
                off = k + 1  # 在国内具有较强影响力的平台: the noun follows 的
                piece = piece[off:]
            else:
                piece = piece[:k]  # 沿街店铺的门责管理: the counted thing precedes 的
        if len(piece) >= 2:
            return q.end + off, q.end + off + len(piece)
    seg_start = c_start
    marks = [m.end() for m in _EARLIER.finditer(text, c_start, q.start)]
    if marks:
        seg_start = marks[-1]  # after an earlier number of the clause
    seg = text[seg_start:q.start]
    lead = _lead_re().match(seg)
    if lead:
        seg_start += lead.end()
        seg = seg[lead.end():]
    if verb is not None and verb.start() <= seg_start < verb.end() < q.start:
        seg_start = verb.end()  # 新划定非机动车停放区域: the verb opens the clause
        seg = text[seg_start:q.start]
    for _ in range(2):  # 新增养老床位100张, 实现湿垃圾分出量…: verbs that open the object
        v = _verb_re().match(seg)
        if v is None or len(seg) - v.end() < 2:
            break
        seg_start += v.end()
        seg = seg[v.end():]
    when = _horizon_re().match(seg)
    if when is not None and len(seg) - when.end() >= 2:
        seg_start += when.end()  # 上半年完成…: a time opens the clause, it is no object
        seg = seg[when.end():]
    seg = _trail_re().sub("", seg)
    if verb is not None and seg_start < verb.start() and verb.end() == seg_start + len(seg) \
            and verb.group() not in _object_nouns() \
            and _verb_re().search(text, c_start, verb.start()) is None:
        # 国内生产总值增长5%: the object stands before its verb (but 完成…建设 names a work)
        seg = _trail_re().sub("", seg[:verb.start() - seg_start])
        if _is_time(seg):
            seg = ""  # 上半年完成10%: a time, no object
    if len(seg) >= 2:
        return seg_start, seg_start + len(seg)
    if right:
        m = _right_end_re().search(right, 1)
        stop = m.start() if m else len(right)
        if stop >= 2:
            return q.end, q.end + stop
    return None


def _stages(text: str, s_start: int, s_end: int, targets: SpanIndex) -> list[Stage]:
    """Ordered stages of a plan such as 一年试点、三年扩容至10个小区、五年全面覆盖."""
    sent = text[s_start:s_end]
    found = []
    for m in _STAGE.finditer(sent):
        found.append(m)
    # keep a run of at least two stages joined by 、
    runs, run = [], []
    for m in found:
        if run and sent[run[-1].end():m.start()] not in ("、", "，", ",", ""):
            if len(run) >= 2:
                runs.append(run)
            run = []
        run.append(m)
    if len(run) >= 2:
        runs.append(run)
    if not runs:
        return []
    out = []
    for m in runs[0]:
        s = s_start + m.start()
        e = s_start + m.end()
        lo = s + len(m.group(1))
        qid = next((q.id for q in targets.overlapping(lo, e) if lo <= q.start < e), None)
        out.append(Stage(horizon=m.group(1), action=m.group(2), start=s, end=e,
                         text=text[s:e], quantity=qid))
    return out


class _SentenceHorizons:
    """The horizon phrases of one sentence, matched once and shared by all its targets.

    Matching each target's sentence again made a long run-on sentence quadratic; the
    answers are those of a scan cut at the target (a match that crosses the target is
    rescanned over its few characters, so the result is exactly the same).
    """

    def __init__(self, text: str, start: int, end: int, pattern: re.Pattern[str]) -> None:
        self.text, self.start, self.pattern = text, start, pattern
        self.matches = list(pattern.finditer(text, start, end))
        self.ends = [m.end() for m in self.matches]

    def before(self, pos: int) -> re.Match[str] | None:
        """The last horizon of a scan from the sentence start that stops at `pos`."""
        i = bisect.bisect_right(self.ends, pos)
        last = self.matches[i - 1] if i else None
        if i < len(self.matches) and self.matches[i].start() < pos:  # crosses pos
            for m in self.pattern.finditer(self.text, self.matches[i].start(), pos):
                last = m
        return last

    def first_apart(self, start: int, end: int) -> re.Match[str] | None:
        """The first horizon of the sentence that does not overlap [start, end)."""
        return next((m for m in self.matches if not (m.start() < end and start < m.end())),
                    None)


def find_commitments(text: str, structure: Structure,
                     quantities: list[Quantity]) -> list[Commitment]:
    """One commitment per target quantity, with object, action, horizon and stages."""
    out: list[Commitment] = []
    verb_re = _verb_re()
    horizon_re = _horizon_re()
    targets = SpanIndex([q for q in quantities if q.kind == "target"])
    horizons: dict[tuple[int, int], _SentenceHorizons] = {}
    stages: dict[tuple[int, int], list[Stage]] = {}
    for q in quantities:
        if q.kind != "target":
            continue
        c_start, c_end = _clause_bounds(text, q.start, q.end)
        sent = structure.sentence_at(q.start)
        s_start, s_end = (sent.start, sent.end) if sent else _sentence_bounds(text, q.start)
        edges = _word_edges(text, c_start, c_end)
        verbs = [v for v in verb_re.finditer(text, c_start, q.start) if _whole_word(edges, v)]
        if len(verbs) > 1 and verbs[-1].group() in _object_nouns():
            verbs.pop()  # 新增“京通”便民便企服务200项: 服务 names what is added
        verb = verbs[-1] if verbs else None
        if verb is None:
            # a verb right after the number: 10个小区改造
            after = verb_re.match(text, q.end)
            verb = after if after is not None and _whole_word(edges, after) else None
        obj = _clean_object(text, _object(text, q, c_start, c_end,
                                          verb if verb is not None and verb.end() <= q.start
                                          else None))
        key = (s_start, s_end)
        if key not in horizons:
            horizons[key] = _SentenceHorizons(text, s_start, s_end, horizon_re)
        horizon = horizons[key].before(q.start) or horizons[key].first_apart(q.start, q.end)
        c = Commitment(start=q.start, end=q.end, text=q.text, quantity=q.id, value=q.value,
                       unit=q.unit, qualifier=q.qualifier, node=q.node, sentence=q.sentence,
                       frequency=q.frequency)
        if obj:
            c.object_start, c.object_end = obj
            c.object = text[obj[0]:obj[1]]
        if verb is not None:
            c.action, c.action_start, c.action_end = verb.group(), verb.start(), verb.end()
        if horizon is not None:
            c.horizon, c.horizon_start, c.horizon_end = (horizon.group(), horizon.start(),
                                                          horizon.end())
        if key not in stages:  # the stages of a sentence do not depend on the target
            stages[key] = _stages(text, s_start, s_end, targets)
        c.stages = [copy.copy(st) for st in stages[key]]
        if c.stages:
            own = next((st for st in c.stages if st.quantity == q.id), None)
            if own is not None:
                c.horizon = own.horizon
                c.horizon_start = own.start
                c.horizon_end = own.start + len(own.horizon)
        out.append(c)
    for i, c in enumerate(out, 1):
        c.id = f"c{i}"
    return out
