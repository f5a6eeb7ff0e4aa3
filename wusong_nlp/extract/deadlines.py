"""Deadlines (时限): when a task is due, as written (6月底前, 2021年12月20日前, 每季度, 长期).

Street, town and district plans say which office does which task *by when*; the task
table needs that date. The forms are data (data/deadlines.tsv): literal words with slots
for years, months, days, quarters and word classes, each form with a kind (date, period,
relative, frequency, standing) and, for a relative one, how it is spelled out against the
plan year (6月底前 → 2021年6月底前). A task takes the deadline of its own text, else one of
its sentence outside other tasks (a note such as （5月底完成，牵头考核单位：…）), else one that
closes it (a following sentence that only dates it, 由…牵头，6月底前完成。), else its outline
heading's (（一）建立工作机制（2021年8月）). A relative deadline is resolved against the year
of its sentence, section or plan; a plan or section that spans several years
(2025年—2027年) gives no year, so its relative deadlines keep the text as written.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..offsets import Occupied
from ..outline import OutlineNode, Structure
from ..records import ActorMention, Deadline, Task
from ..resources import WordPlaces, alternation, data_lines, exceptions
from ..text import HAN_RE
from .notes import label_re, responsibility_notes

DATA = "deadlines.tsv"
KINDS = ("date", "period", "relative", "frequency", "standing")
# time limits first, then how often, then "for good": a task's deadline is its best kind
_RANK = {"date": 0, "period": 0, "relative": 0, "frequency": 1, "standing": 2}
_HEADING_KINDS = ("date", "period", "relative")

# numeral slots: the structure of dates, not words (Arabic, full-width, Chinese)
_NUMERALS = {
    "Y": r"(?:[12][0-9]{3}|[１２][０-９]{3}|[一二][〇零一二三四五六七八九]{3})",
    "M": r"(?:1[0-2]|0?[1-9]|１[０-２]|０?[１-９]|十[一二]|[一二三四五六七八九十])",
    "D": r"(?:3[01]|[12][0-9]|0?[1-9]|３[０１]|[１２][０-９]|０?[１-９]|三十一?|二?十[一-九]?|[一-九])",
    "Q": r"[一二三四1-4１-４]",
}
# the characters a numeral slot can start with: a lookahead on them lets the regex engine
# skip every other position fast (thirty times faster than the lookbehind alone)
_FIRST = {"Y": "12１２一二", "M": "0-9０-９一二三四五六七八九十", "D": "0-9０-９一二三四五六七八九十",
          "Q": "一二三四1-4１-４"}
_DASHES = "-‐‑–—－~～"  # punctuation that joins the two ends of a range
_NOT_AFTER_DIGIT = r"(?<![0-9０-９〇零一二三四五六七八九十百])"
_SLOT = re.compile(r"\{([A-Za-z_]+)\}")
_CLAUSE_OPEN = "。；;，,：:！？!?\n"
_OPEN, _CLOSE = "（(", "）)"
_QUOTED = re.compile(r"《[^《》\n]*》|“[^“”\n]*”")


@dataclass(frozen=True)
class Form:
    """One row of data/deadlines.tsv, compiled."""

    form: str
    kind: str
    resolved: str
    condition: str  # "", "bare" or "alone" (see data/deadlines.tsv)
    regex: re.Pattern[str]
    slots: tuple[str, ...]  # slot name of each numbered group, in order


@dataclass(frozen=True)
class Spec:
    forms: tuple[Form, ...]
    context: dict[str, tuple[str, ...]]
    exceptions: re.Pattern[str] | None


def _word_rows() -> tuple[dict[str, list[str]], dict[str, list[str]], list[tuple[str, ...]]]:
    slots: dict[str, list[str]] = {}
    context: dict[str, list[str]] = {}
    forms = []
    for ln in data_lines(DATA):
        if ln.startswith("-"):
            continue
        cols = [c.strip() for c in ln.split("\t")]
        flag = cols[1] if len(cols) > 1 else ""
        if flag.startswith("slot:"):
            slots.setdefault(flag[5:], []).append(cols[0])
        elif flag.startswith("context:"):
            context.setdefault(flag[8:], []).append(cols[0])
        else:
            forms.append(tuple(cols) + ("",) * (4 - len(cols)))
    return slots, context, forms


def _compile(form: str, slots: dict[str, list[str]]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    parts, names, pos = [], [], 0
    for m in _SLOT.finditer(form):
        parts.append(re.escape(form[pos:m.start()]))
        name = m.group(1)
        if name in _NUMERALS:
            body = _NUMERALS[name]
        elif name == "range":
            body = "[" + re.escape(_DASHES) + "]|" + alternation(slots.get("range", ()))
        elif name in slots:
            body = alternation(slots[name])
        else:
            raise ValueError(f"{DATA}: unknown slot {{{name}}} in {form!r}")
        parts.append(f"({body})")
        names.append(name)
        pos = m.end()
    parts.append(re.escape(form[pos:]))
    pattern = "".join(parts)
    if form.startswith("{") and _SLOT.match(form).group(1) in _NUMERALS:
        pattern = f"(?=[{_FIRST[_SLOT.match(form).group(1)]}])" + _NOT_AFTER_DIGIT + pattern
    return re.compile(pattern), tuple(names)


@functools.cache
def spec() -> Spec:
    """The compiled forms, context words and exceptions of data/deadlines.tsv."""
    slots, context, rows = _word_rows()
    forms = []
    for form, kind, resolved, condition in rows:
        if kind not in KINDS:
            raise ValueError(f"{DATA}: unknown kind {kind!r} for {form!r}")
        rx, names = _compile(form, slots)
        if condition not in ("", "bare", "alone"):
            raise ValueError(f"{DATA}: unknown condition {condition!r} for {form!r}")
        forms.append(Form(form, kind, resolved, condition, rx, names))
    exc = exceptions(DATA)
    return Spec(tuple(forms), {k: tuple(v) for k, v in context.items()},
                re.compile(alternation(exc)) if exc else None)


def relative_words() -> tuple[str, ...]:
    """The relative forms written as plain words (年内, 今年, 年底前), longest first."""
    words = {f.form for f in spec().forms if f.kind == "relative" and "{" not in f.form}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


# --- finding --------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _masked(text: str) -> str:
    """The text with exception words and quoted names (《…》, “…”) blanked out.

    Kept for the last text: a task table asks for the deadlines of each cell of one text,
    and masking the whole text per cell made a large plan quadratic."""
    def blank(m: re.Match[str]) -> str:
        return "＿" * len(m.group())

    sp = spec()
    if sp.exceptions is not None:
        text = sp.exceptions.sub(blank, text)
    return _QUOTED.sub(blank, text)


def _ends_with(text: str, end: int, words: Sequence[str]) -> bool:
    return any(text.endswith(w, 0, end) for w in words)


def _accepted(text: str, s: int, e: int, form: Form) -> bool:
    ctx = spec().context
    if _ends_with(text, s, ctx.get("not_before", ())):
        return False
    if any(text.startswith(w, e) for w in ctx.get("not_after", ())):
        return False
    if not form.condition:
        return True
    if s > 0 and text[s - 1] in _OPEN and text[e:e + 1] and text[e] in _CLOSE:
        return True  # （2021年8月）
    if form.condition == "alone":
        return ((s == 0 or text[s - 1] in _CLAUSE_OPEN + _OPEN)
                and (e == len(text) or text[e] in _CLAUSE_OPEN + _CLOSE))
    before = text[max(0, s - 8):s].rstrip(" \t\u3000")
    if any(before.endswith(w) for w in ctx.get("by", ())):
        return True  # 到2025年
    opens = not before or before[-1] in _CLAUSE_OPEN or (s < 8 and len(before) == s)
    return opens and text[e:e + 1] in ("，", ",")


@functools.cache
def _numeral_start() -> re.Pattern[str]:
    """Where a numeral slot may open a form: a numeral before 年, 月, 季 or a range dash."""
    first = "".join(_FIRST.values())
    numeral = "|".join(_NUMERALS.values())
    ranges = alternation(_word_rows()[0].get("range", ()))
    return re.compile(f"(?=[{first}]){_NOT_AFTER_DIGIT}(?:{numeral})"
                      f"(?=[年月季日{re.escape(_DASHES)}]|{ranges})")


@functools.cache
def _plain_words() -> WordPlaces:
    """The forms written as plain words (年底前, 长期), found by one scan: fifty of them
    were fifty scans of the text, and commitments ask about hundreds of phrases."""
    return WordPlaces(f.form for f in spec().forms if not f.slots)


def _word_places(text: str, start: int, end: int) -> dict[str, list[tuple[int, int]]]:
    """Where each plain-word form stands in text[start:end], as its own scan finds it."""
    return _plain_words().find(text, start, end)


def find_deadlines(text: str, start: int = 0, end: int | None = None) -> list[Deadline]:
    """Every deadline written in text[start:end], longest form first, in text order.

    Relative deadlines come with `resolved=None`: the year they need is the task's
    (see `attach_deadlines`); absolute ones are resolved as written.
    """
    end = len(text) if end is None else end
    masked = _masked(text)
    found: list[tuple[int, int, Form]] = []
    # forms that open with a numeral are tried only where a numeral stands before 年/月/季
    # (one scan), the others (literal words) by their own regex
    # and the forms that are plain words by one scan for all of them
    numeral_starts = [m.start() for m in _numeral_start().finditer(masked, start, end)]
    words = _word_places(masked, start, end)
    for form in spec().forms:
        if not form.slots:
            if form.form in words:
                found.extend((s, e, form) for s, e in words[form.form])
            continue
        if form.form.startswith("{") and form.slots[0] in _NUMERALS:
            matches = filter(None, (form.regex.match(masked, p, end) for p in numeral_starts))
        else:
            matches = form.regex.finditer(masked, start, end)
        for m in matches:
            if m.end() > m.start():
                found.append((m.start(), m.end(), form))
    # longest first, then leftmost; a form its context rejects (截至2020年底) still covers
    # its span, so no shorter form inside it (年底) is taken instead
    found.sort(key=lambda x: (x[0] - x[1], x[0]))
    taken: list[tuple[int, int, Form]] = []
    occupied = Occupied()
    for s, e, form in found:
        if not occupied.collides(s, e):
            occupied.add(s, e)
            taken.append((s, e, form))
    out = []
    for s, e, form in sorted(taken, key=lambda x: x[0]):
        if not _accepted(masked, s, e, form):
            continue
        phrase = text[s:e]
        out.append(Deadline(start=s, end=e, text=phrase, kind=form.kind,
                            resolved=None if form.kind == "relative" else _spell(form, phrase, None)))
    return out


def _spell(form: Form, phrase: str, year: int | None) -> str | None:
    """How the table writes `phrase` (which fully matches `form`) for a plan of `year`."""
    if form.kind in ("date", "period"):
        return phrase
    if form.kind == "frequency" or not form.resolved:
        return None
    if "{year}" in form.resolved or "{next}" in form.resolved:
        if year is None:
            return None
    m = form.regex.fullmatch(phrase)
    values = {name: m.group(i) for i, name in enumerate(form.slots, 1)} if m else {}
    return form.resolved.format(year=year, next=(year + 1) if year else None, text=phrase,
                                **values)


def resolve(phrase: str, year: int | None) -> str | None:
    """A deadline phrase spelled out for a plan of `year` (6月底前, 2021 → 2021年6月底前).

    Absolute phrases come back as written; relative ones need a year (None without);
    frequencies and phrases of no known form give None.
    """
    for form in sorted(spec().forms, key=lambda f: -len(f.form)):
        if form.regex.fullmatch(phrase):
            return _spell(form, phrase, year)
    return None


def absolute_horizon(horizon: str, year: int | None) -> str:
    """今年 → 2024年, 年底前 → 2024年底前: a table read later must not depend on "now".

    A horizon that opens with a relative word keeps the rest as written (今年内完成 →
    2024年内完成); anything else comes back unchanged.
    """
    if year is None:
        return horizon
    spelled = resolve(horizon, year)
    if spelled is not None:
        return spelled
    for word in relative_words():
        if horizon.startswith(word):
            head = resolve(word, year)
            if head is not None:
                return head + horizon[len(word):]
    return horizon


# --- the year a relative deadline counts from ----------------------------------------

_YEAR_RX = re.compile(f"(?=[{_FIRST['Y']}])" + _NOT_AFTER_DIGIT + "(" + _NUMERALS["Y"] + ")年")


def _year_value(raw: str) -> int | None:
    digits = raw.translate(str.maketrans("０１２３４５６７８９〇零一二三四五六七八九",
                                         "0123456789" "00123456789"))
    return int(digits) if digits.isdigit() else None


def _ranges(text: str) -> list[tuple[int, int]]:
    """The (first, last) years of every range of years in `text` (2025年—2027年)."""
    out = []
    for form in spec().forms:
        if form.kind != "period" or "range" not in form.slots:
            continue
        for m in form.regex.finditer(text):
            ys = [_year_value(m.group(i)) for i, n in enumerate(form.slots, 1) if n == "Y"]
            if len(ys) == 2 and None not in ys:
                out.append((ys[0], ys[1]))
    return out


def years_in(text: str) -> tuple[list[int], bool]:
    """The single years a phrase names, and whether it names a range (2025年—2027年)."""
    masked = _QUOTED.sub(lambda m: "＿" * len(m.group()), text)
    ranged = any(a != b for a, b in _ranges(masked))
    years: list[int] = []
    for m in _YEAR_RX.finditer(masked):
        if m.end() < len(masked) and masked[m.end()] in _DASHES:
            continue
        value = _year_value(m.group(1))
        if value is not None and value not in years:
            years.append(value)
    return years, ranged


def plan_period(structure: Structure) -> tuple[int, int] | None:
    """The years a plan covers: a range in its title (（2025年—2027年） → (2025, 2027)),
    else its year (2021 → (2021, 2021)); None when it names no year."""
    for title in (structure.title, structure.title_alt):
        for first, last in _ranges(title or ""):
            if first != last:
                return first, last
    return (structure.year, structure.year) if structure.year else None


def year_context(text: str, structure: Structure, offset: int) -> int | None:
    """The one year a relative deadline at `offset` counts from, or None where unclear.

    A year written earlier in its sentence (2019年…：一季度完成…), else the nearest heading
    that names one year (a heading or a plan with a range of years gives none), else the
    plan's year when the plan covers one year only.
    """
    sent = structure.sentence_at(offset)
    if sent is not None:
        years, ranged = years_in(text[sent.start:offset])
        if ranged:
            return None
        if years:
            return years[-1]
    node = structure.node_at(offset)
    while node is not None:
        years, ranged = years_in(node.heading)
        if ranged or len(years) > 1:
            return None
        if years:
            return years[0]
        node = node.parent
    period = plan_period(structure)
    if period is None or period[0] != period[1]:
        return None
    return period[0]


# --- tasks ----------------------------------------------------------------------------

def _best(cands: list[Deadline]) -> Deadline | None:
    """The deadline a task is held to: a time limit over a frequency over 长期; the last
    written of equals (…上半年完成10%，下半年完成20% is due 下半年)."""
    if not cands:
        return None
    rank = min(_RANK[d.kind] for d in cands)
    return [d for d in cands if _RANK[d.kind] == rank][-1]


def _only_dates(text: str, s: int, e: int, deadlines: list[Deadline],
                actors: Sequence[ActorMention], actor_starts: list[int]) -> bool:
    """Does text[s:e] say nothing but when (and by whom) the task before it is done?
    (`actors` sorted by start, `actor_starts` their starts.)"""
    keep = list(text[s:e])
    inside = []
    for i in range(bisect.bisect_left(actor_starts, s), len(actors)):
        if actors[i].start >= e:
            break
        if actors[i].end <= e:
            inside.append(actors[i])
    for span in list(deadlines) + inside:
        for i in range(max(s, span.start), min(e, span.end)):
            keep[i - s] = " "
    rest = "".join(keep)
    rest = label_re().sub(" ", rest)
    fillers = spec().context.get("filler", ())
    if fillers:
        rest = re.sub(alternation(fillers), " ", rest)
    return not HAN_RE.search(rest)


def _closers(text: str, structure: Structure, deadlines: list[Deadline],
             actors: Sequence[ActorMention]) -> list[tuple[int, int, Deadline]]:
    """Spans that date the tasks before them: responsibility notes and dating sentences,
    with the deadline each gives."""
    starts = [d.start for d in deadlines]

    def inside(s: int, e: int) -> list[Deadline]:
        i = bisect.bisect_left(starts, s)
        out = []
        while i < len(deadlines) and deadlines[i].start < e:
            if deadlines[i].end <= e:
                out.append(deadlines[i])
            i += 1
        return out

    by_start = sorted(actors, key=lambda a: a.start)
    actor_starts = [a.start for a in by_start]
    out = []
    for note in responsibility_notes(text):
        best = _best(inside(note["start"], note["end"]))
        if best is not None:
            out.append((note["start"], note["end"], best))
    for sent in structure.sentences:
        found = inside(sent.start, sent.end)
        if found and _only_dates(text, sent.start, sent.end, found, by_start, actor_starts):
            out.append((sent.start, sent.end, _best(found)))
    return sorted(out, key=lambda x: (x[0], x[1]))


def _heading_deadline(structure: Structure, node: OutlineNode | None,
                      by_start: list[int], deadlines: list[Deadline]) -> Deadline | None:
    while node is not None and node.kind != "group":
        # a group's heading is a plan's or annex's title: its years are the plan's, not a task's
        i = bisect.bisect_left(by_start, node.heading_start)
        cands = []
        while i < len(deadlines) and deadlines[i].start < node.heading_end:
            if deadlines[i].kind in _HEADING_KINDS and deadlines[i].end <= node.heading_end:
                cands.append(deadlines[i])
            i += 1
        if cands:
            return _best(cands)
        node = node.parent
    return None


def attach_deadlines(text: str, structure: Structure, tasks: list[Task],
                     actors: Sequence[ActorMention] = ()) -> None:
    """Set each task's `deadline` (or None): its own, its sentence's, a closing note's or
    sentence's, else its heading's; relative ones resolved against their year."""
    deadlines = find_deadlines(text)
    if not deadlines or not tasks:
        for t in tasks:
            t.deadline = None
        return
    starts = [d.start for d in deadlines]
    order = sorted(tasks, key=lambda t: (t.start, t.end))
    spans = [(t.start, t.end) for t in order]
    task_starts = [t.start for t in order]

    def in_span(s: int, e: int) -> list[Deadline]:
        i = bisect.bisect_left(starts, s)
        out = []
        while i < len(deadlines) and deadlines[i].start < e:
            if deadlines[i].end <= e:
                out.append(deadlines[i])
            i += 1
        return out

    def in_other_task(d: Deadline, own: Task) -> bool:
        i = bisect.bisect_right(task_starts, d.start) - 1
        for j in range(max(0, i - 1), min(len(spans), i + 2)):
            s, e = spans[j]
            if order[j] is not own and s <= d.start and d.end <= e:
                return True
        return False

    chosen: dict[int, Deadline] = {}
    for t in order:
        best = _best(in_span(t.start, t.end))
        if best is None:
            sent = structure.sentence_at(t.start)
            if sent is not None:
                best = _best([d for d in in_span(sent.start, sent.end)
                              if not in_other_task(d, t)])
        if best is not None:
            chosen[id(t)] = best

    # notes and dating sentences close the tasks of their paragraph before them (after the
    # previous closer), else the last task sentence before them in their outline node
    previous_end: dict[str, int] = {}
    by_sentence: dict[str | None, list[int]] = {}  # sentence → indices of its tasks in order
    for i, t in enumerate(order):
        by_sentence.setdefault(t.sentence, []).append(i)
    for s, e, d in _closers(text, structure, deadlines, actors):
        para = structure.paragraph_at(s)
        hi = bisect.bisect_left(task_starts, s)
        closes: list[Task] = []
        if para is not None:
            floor = max(para.start, previous_end.get(para.id, para.start))
            lo = bisect.bisect_left(task_starts, floor)
            closes = [t for t in order[lo:hi] if t.end <= s]
            previous_end[para.id] = e
        if not closes and hi > 0:
            last = order[hi - 1]
            node = structure.node_at(s)
            if last.end <= s and (node is None or last.goal == node.id):
                closes = [order[i] for i in by_sentence[last.sentence] if i < hi]
        for t in closes:
            if id(t) not in chosen:
                chosen[id(t)] = d

    by_goal: dict[str | None, Deadline | None] = {}  # the tasks of a goal share its heading's
    for t in order:
        d = chosen.get(id(t))
        if d is None:
            if t.goal not in by_goal:
                by_goal[t.goal] = _heading_deadline(structure, structure.node(t.goal), starts,
                                                    deadlines)
            d = by_goal[t.goal]
        t.deadline = None if d is None else resolved_deadline(text, structure, d)


def resolved_deadline(text: str, structure: Structure, d: Deadline) -> Deadline:
    """A copy of `d` with its relative text spelled out where its year is clear."""
    resolved = d.resolved
    if d.kind == "relative":
        resolved = resolve(d.text, year_context(text, structure, d.start))
    return Deadline(start=d.start, end=d.end, text=d.text, kind=d.kind, resolved=resolved)
