"""Responsibility notes: （责任单位：X、Y）, 牵头单位：X；配合单位：Y, 牵头考核单位：X.

One parser, used by the actor stage (the units become mentions) and by the task stage
(a note attaches to the task before it).
"""

from __future__ import annotations

import functools
import re

from ..resources import alternation
from .actor_names import is_org_name, role_cues, split_units


@functools.cache
def _note_roles() -> dict[str, str]:
    """Note label -> role (data/role_cues.tsv, rows marked "note")."""
    return {cue: role for cue, role, where in role_cues() if where == "note"}


def note_role(label: str) -> str | None:
    """The role a note label gives its units (`none`: the label of an official in charge)."""
    return _note_roles().get(label)


@functools.cache
def label_re() -> re.Pattern[str]:
    """A note label with its colon (责任单位：, 牵头考核单位：), longest label first."""
    return re.compile(rf"({alternation(_note_roles())})\s*[:：]")


@functools.cache
def _note_re() -> re.Pattern[str]:
    """A note in brackets: （[时限，]责任单位：X、Y[；配合单位：Z]）, [牵头单位:X;责任单位:Y]."""
    labels = alternation(_note_roles())
    paren, square = r"[^（）()\n]", r"[^\[\]［］【】\n]"  # a square note may name 各街办(新区)
    return re.compile(
        rf"[（(](?P<body>{paren}{{0,60}}?(?:{labels})\s*[:：]{paren}*)[）)]"
        rf"|[\[［【](?P<sbody>{square}{{0,60}}?(?:{labels})\s*[:：]{square}*)[\]］】]")


_NOTE_STOP = re.compile(r"[；;。]")
_LEAD_IN_LIST = re.compile(r"牵头[，,、]")
_CUE_AFTER = re.compile(r"(?:等(?:有关|相关)?(?:部门|单位))?(?:牵头|参加|参与|配合|落实)$")


def note_actors(text: str, start: int, end: int, led: bool = False) -> list[dict]:
    """The (name, role, start, end) units the labels of text[start:end] list.

    A label's units run to the next label, or to ；/。 (a deadline after them is no unit).
    `led`: a lead's own label (牵头单位：) stands just before, on the line above.
    """
    roles = _note_roles()
    labels = list(label_re().finditer(text, start, end))
    # 牵头单位：X；责任单位：Y — beside a lead's own label the units responsible carry the work
    # out with X: partners, as in X牵头，Y按职责分工负责 (ANNOTATION.md §5)
    led = led or any(lm.group(1).startswith("牵头") for lm in labels)
    actors = []
    for i, lm in enumerate(labels):
        if roles[lm.group(1)] == "none":
            continue  # 牵头领导：省政府分管领导同志: the official in charge, no unit
        stop = labels[i + 1].start() if i + 1 < len(labels) else end
        cut = _NOTE_STOP.search(text, lm.end(), stop)
        seg = text[lm.end():cut.start() if cut else stop].rstrip(" \t\u3000。，,；;：:、")
        # 责任单位：X牵头，Y参加，各镇街落实: inside the list, the units after X's 牵头 assist it
        lead_end = _LEAD_IN_LIST.search(text, lm.end(), lm.end() + len(seg))
        for a, b in split_units(seg, lm.end()):
            cue = _CUE_AFTER.search(text, a, b)
            if cue and cue.start() > a:
                b = cue.start()  # 县医保局参加: the unit before its verb
            if text[b - 1] in "）)" and not _named_before_bracket(text, a, b):
                continue  # （牵头）, （试行）: no unit
            role = roles[lm.group(1)]
            if led and role == "lead" and not lm.group(1).startswith("牵头"):
                role = "partner"
            if role == "lead" and lead_end is not None and a >= lead_end.end():
                role = "partner"
            actors.append({"name": text[a:b], "role": role, "start": a, "end": b})
    return actors


def _named_before_bracket(text: str, a: int, b: int) -> bool:
    """区民政局（区委社会工委）: a body named before its other name in brackets is one unit."""
    open_ = max(text.rfind("（", a, b), text.rfind("(", a, b))
    return open_ > a and is_org_name(text[a:open_]) and is_org_name(text[open_ + 1:b - 1])


def responsibility_notes(text: str, start: int = 0, end: int | None = None) -> list[dict]:
    """Responsibility notes in text[start:end]: spans and the (name, role) pairs they list.

    `（责任单位：省经济和信息化厅、省财政厅）` → leads 省经济和信息化厅, 省财政厅;
    `（5月底完成，牵头考核单位：市住建局）` → lead 市住建局 (the deadline is not an actor).
    """
    out = []
    for m in _note_re().finditer(text, start, len(text) if end is None else end):
        body = "body" if m.group("body") is not None else "sbody"
        out.append({"start": m.start(), "end": m.end(),
                    "actors": note_actors(text, m.start(body), m.end(body))})
    return out
