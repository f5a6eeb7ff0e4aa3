"""Actor names: the gazetteer, what counts as a unit's name, lists of units, one name per actor.

The actor stage (`actors.py`) and the note parser (`notes.py`) ask the same questions
of a candidate name: is it in the gazetteer (data/actors_gazetteer.tsv), does it end like
an organisation (data/org_suffixes.txt) and not like a facility
(data/not_actor_suffixes.txt), how does a list 省财政厅、省商务厅和合肥海关 split into units,
and which surface forms name one actor (市审批服务局 = 审批服务局).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from ..records import ActorMention
from ..resources import alternation, data_lines, exceptions, words
from ..text import HAN

BOUNDARY = frozenset("，,。；;：:（()）\n！？!?“”\"《》【】[]　 \t．.")


SEPARATORS = "、，,与"


CONJ = "和及或"


ETC = re.compile(r"等(?:部门|单位|机构|方面|成员单位|有关单位|相关单位|相关部门|有关部门)?$")


_PREFIX = re.compile(r"(?:各|相关|有关)?(?:省|市|区|县|旗|镇|乡|街道|自治区|省级|市级|区级)?")


def _unless_exceptions(name: str) -> str:
    """The words of a word list as a regex, each refusing the exceptions that open with it
    (负责(?!人): 负责人 is no 负责). Literal words first keep the regex fast in a search."""
    excs = exceptions(name)
    alts = []
    for w in sorted(set(words(name)), key=lambda w: (-len(w), w)):
        rests = [e[len(w):] for e in excs if e.startswith(w) and len(e) > len(w)]
        alts.append(re.escape(w) + (f"(?!{alternation(rests)})" if rests else ""))
    return "|".join(alts)


# a word no name holds, unless it opens an exception the name may hold (负责人)
VERBISH = re.compile(f"{_unless_exceptions('actor_not_in_name.txt')}|[0-9０-９．.]")


LEADING = re.compile(f"(?:{_unless_exceptions('actor_not_first.txt')})")


PLACE_AS_GOV = re.compile(rf"^[{HAN}]{{1,6}}(?:省|市|区|县|旗|镇|乡|街道)$")


@dataclass(frozen=True)
class Gazetteer:
    entries: dict[str, str]  # surface form -> type
    canonical: dict[str, str]  # surface form -> canonical core
    pattern: re.Pattern[str]


@functools.cache
def gazetteer() -> Gazetteer:
    """The actor gazetteer, with every alias, as one longest-first regex."""
    entries: dict[str, str] = {}
    canonical: dict[str, str] = {}
    for line in data_lines("actors_gazetteer.tsv"):
        cols = line.split("\t")
        name, kind = cols[0].strip(), cols[1].strip()
        aliases = [a.strip() for a in cols[2].split("|")] if len(cols) > 2 and cols[2] else []
        body = cols[3].strip() if len(cols) > 3 and cols[3].strip() else name
        for form in [name, *aliases]:
            if form and form not in entries:
                entries[form] = kind
                canonical[form] = body
    return Gazetteer(entries, canonical, re.compile(alternation(entries)))


@functools.cache
def _suffix_index(name: str) -> tuple[tuple[int, ...], frozenset[str]]:
    """The lengths (longest first) and the set of a suffix list, for fast ending tests."""
    entries = words(name)
    return tuple(sorted({len(w) for w in entries}, reverse=True)), frozenset(entries)


def ending(name: str, suffix_file: str) -> str | None:
    """The longest suffix of `suffix_file` that `name` ends with."""
    lengths, words = _suffix_index(suffix_file)
    for k in lengths:
        if k <= len(name) and name[-k:] in words:
            return name[-k:]
    return None


@functools.cache
def head_pattern() -> re.Pattern[str]:
    """Endings of groups and institutions (data/actor_heads.txt), longest first."""
    return re.compile(alternation(words("actor_heads.txt")))


@functools.cache
def fillers() -> re.Pattern[str]:
    alts = alternation(words("actor_fillers.txt"))
    return re.compile(rf"(?:{alts})+$")


@functools.cache
def role_cues() -> list[tuple[str, str, str]]:
    """(cue, role, where) triples, longest cue first."""
    out = []
    for line in data_lines("role_cues.tsv"):
        if line.startswith("-"):
            continue  # an exception (role_cue_exceptions)
        cue, role, where = (c.strip() for c in line.split("\t")[:3])
        out.append((cue, role, where))
    return sorted(out, key=lambda c: len(c[0]), reverse=True)


@functools.cache
def role_cue_exceptions() -> tuple[str, ...]:
    """Words that hold a cue and are none (负责人 holds 负责): data/role_cues.tsv `-` lines."""
    return exceptions("role_cues.tsv")


def inside_exception(text: str, start: int, cue: str) -> bool:
    """Is the cue found at `start` part of an exception word (主要负责人是…)?"""
    for word, k in _exceptions_holding(cue):
        if start >= k and text.startswith(word, start - k):
            return True
    return False


@functools.cache
def _exceptions_holding(cue: str) -> tuple[tuple[str, int], ...]:
    """The exception words that hold `cue`, with where it first stands in each: asked at
    every place a cue is found, of a handful of cues."""
    return tuple((word, k) for word in role_cue_exceptions() if (k := word.find(cue)) >= 0)


_ALIAS = re.compile(rf"^(.*[{HAN}])[（(][{HAN}、]{{1,30}}[）)]$")


def strip_alias(name: str) -> str:
    """A unit written with its other name in brackets is judged by its first name:
    建管中心（房办）, 区委组织部（区公务员局）, 街镇（园区）."""
    m = _ALIAS.match(name)
    return m.group(1) if m else name


def bracket_forms(name: str) -> list[str]:
    """The names a bracketed unit stands for: 区委组织部（区公务员局） → 区委组织部, 区公务员局."""
    m = _ALIAS.match(name)
    if not m:
        return []
    inner = name[len(m.group(1)) + 1:-1]
    return [m.group(1), *(p for p in re.split("[、]", inner) if p)]


def gazetteer_type(name: str) -> str | None:
    """The gazetteer type of a name, allowing an admin prefix (市公安局 → 公安局?)."""
    name = strip_alias(name)
    gaz = gazetteer()
    if name in gaz.entries:
        return gaz.entries[name]
    core = split_prefix(name)[1]
    if core != name and core in gaz.entries:
        return gaz.entries[core]
    return None


@functools.lru_cache(maxsize=8192)
def is_org_name(name: str) -> bool:
    """An organisation by its ending (…厅, …局, …专班), and not a facility or a place.

    Memoised: a pure function of a short string, tried on every prefix of a candidate."""
    name = strip_alias(name)
    if not 2 <= len(name) <= 24 or VERBISH.search(name) or LEADING.match(name):
        return False
    if any(ch in BOUNDARY or ch in SEPARATORS for ch in name):
        return False
    if ending(name, "not_actor_suffixes.txt"):
        return False
    s = ending(name, "org_suffixes.txt")
    return bool(s) and (len(name) > len(s) or s in words("org_suffixes.txt", "whole"))


def is_head_name(name: str) -> bool:
    """A group, institution or person by its ending (上市公司, 创投基金, 政府工作人员).

    Only a context that makes it act turns such a name into an actor (data/actor_heads.txt).
    """
    if not 2 <= len(name) <= 16 or VERBISH.search(name) or LEADING.match(name) \
            or "的" in name or "等" in name:
        return False
    if any(ch in BOUNDARY or ch in SEPARATORS or ch in CONJ for ch in name.replace("及其", "")):
        return False
    if ending(name, "not_actor_suffixes.txt") or task_verbs().match(name):
        return False  # 降低企业(成本): a predicate, not a name
    head = ending(name, "actor_heads.txt")
    return bool(head) and len(name) > len(head)


@functools.cache
def task_verbs() -> re.Pattern[str]:
    """Verbs of doing (data/task_verbs.txt, shared with the task finder), longest first."""
    return re.compile(alternation(words("task_verbs.txt")))


# a quoted word inside a unit's name, with the name going on after it (区“两旧”专班)
_QUOTED_MODIFIER = re.compile(rf"“([{HAN}]{{1,8}})”(?=[{HAN}])")


def valid_item(item: str, free: bool, allow_place: bool) -> bool:
    """Is `item`, one unit of a list in a responsibility slot, an actor's name?

    `free`: a closed list (X、Y等部门) vouches for its members; `allow_place`: after 由 a
    place names its government (由罗店镇负责).
    """
    item = _QUOTED_MODIFIER.sub(r"\1", strip_alias(item))  # 区“两旧”专班
    if not item or len(item) > 24 or any(ch in BOUNDARY for ch in item):
        return False
    if LEADING.match(item) or VERBISH.search(item):
        return False
    if gazetteer_type(item) or is_org_name(item):
        return True
    k = final_entry(item, 4)
    if k and gazetteer().entries[item[k:]] != "short":
        mod = item[:k]  # 有实力的企业, 省属国有企业; not 吸引民间资本
        if not any(ch in SEPARATORS + CONJ + "等" for ch in mod) and not task_verbs().search(mod):
            return True
    if allow_place and PLACE_AS_GOV.match(item):
        return True
    if person_of(item):
        return True
    return free and 2 <= len(item) <= 8 and not VERBISH.search(item) and "的" not in item


def person_of(name: str) -> bool:
    """城运中心网格监督员, 市容第三方服务人员: a person named by a role of the gazetteer or a
    person's ending (data/actor_heads.txt, flag person) after a modifier of at most eight
    characters that names, not acts (no verb, list mark or 的)."""
    k = final_entry(name, 8)
    if k is not None and gazetteer().entries[name[k:]] == "role":
        mod = name[:k]
    else:
        head = ending(name, "actor_heads.txt")
        if not head or head not in words("actor_heads.txt", "person") or len(name) == len(head):
            return False
        mod = name[:-len(head)]
    return len(mod) <= 8 and "的" not in mod and not VERBISH.search(mod) \
        and not LEADING.match(mod) and not any(ch in SEPARATORS + CONJ + "等" for ch in mod) \
        and not task_verbs().search(mod)


# what makes split_units split or trim: a separator, a conjunction, 等, a bracket
_UNIT_MARKS = re.compile("[" + re.escape(SEPARATORS + CONJ + "等（()）") + "]")


def split_units(text: str, start: int) -> list[tuple[int, int]]:
    """Split a list of units on 、，, and on 和/及 where both sides are names.

    Returns (start, end) offsets of the units; 等/等单位 tails are trimmed.
    """
    if _UNIT_MARKS.search(text) is None:  # one unit, nothing to split or trim (most asks)
        lead = len(text) - len(text.lstrip(" \u3000"))
        return [(start + lead, start + lead + len(text))] if text else []
    out: list[tuple[int, int]] = []
    i = 0
    pieces: list[tuple[int, int]] = []
    depth = 0  # 区委宣传部（区文明办、区政府新闻办）is one unit
    for j, ch in enumerate(text + "、"):
        depth += (ch in "（(") - (ch in "）)")
        if ch in SEPARATORS and depth <= 0:
            pieces.append((i, j))
            i = j + 1
    for s, e in pieces:
        piece = text[s:e]
        m = ETC.search(piece)
        if m and m.start() > 0:
            e = s + m.start()
            piece = text[s:e]
        else:
            k = piece.rfind("等")  # 公安派出所等职能部门: the kind the list is of closes it
            if k > 0 and _names_a_kind(piece[k + 1:]):
                e = s + k
                piece = text[s:e]
        while s < e and text[s] in " \u3000":
            s += 1
        sub = split_conj(piece)
        for a, b in sub:
            if b > a:
                out.append((start + s + a, start + s + b))
    return out


def _names_a_kind(name: str) -> bool:
    """职能部门, 相关职能部门, 特殊工种作业人员: after 等, a kind of unit that closes a list."""
    if not 2 <= len(name) <= 12:
        return False
    core = split_prefix(name)[1] or name
    return bool(gazetteer_type(core) or is_org_name(core) or is_head_name(core))


def split_conj(piece: str) -> list[tuple[int, int]]:
    """省经济和信息化厅 stays whole; 专区监管部门和运营单位 splits."""
    for k, ch in enumerate(piece):
        if ch in CONJ and 0 < k < len(piece) - 1 and piece[k + 1] != "其":  # 市人大及其常委会
            left, right = piece[:k], piece[k + 1:]
            if (gazetteer_type(left) or is_org_name(left) or listed(left) or generic_unit(left)) and (
                    gazetteer_type(right) or is_org_name(right) or listed(right) or generic_unit(right)
                    or split_conj(right) != [(0, len(right))]):
                return [(0, k)] + [(k + 1 + a, k + 1 + b) for a, b in split_conj(right)]
    return [(0, len(piece))]


def generic_unit(name: str) -> bool:
    """A bare kind of unit (单位, 村: data/generic_units.txt), listed with named ones in
    各相关职能部门、单位、村及联席办."""
    return name in words("generic_units.txt")


def listed(name: str) -> bool:
    """A name the gazetteer knows, possibly after a short modifier (有条件的医疗机构)."""
    name = strip_alias(name)
    gaz = gazetteer()
    if gazetteer_type(name):
        return True
    k = final_entry(name, 5)
    return k is not None and gaz.entries[name[k:]] != "short"


def final_entry(name: str, max_start: int) -> int | None:
    """Where the gazetteer entry that ends `name` starts, at most `max_start` characters
    in (各村主要|负责人: the entry 各村 that opens it is not the one that names it)."""
    entries = gazetteer().entries
    n = len(name)
    for k in range(1, n if n <= max_start else max_start + 1):  # k = 0, the whole name, is gazetteer_type's question
        if name[k:] in entries:
            return k
    return None


@functools.lru_cache(maxsize=8192)
def known(name: str) -> bool:
    """A name the gazetteer or an organisation ending vouches for, without context.

    Memoised: a pure function of a short string, asked of the same candidates again and
    again (every clause opening tries its prefixes)."""
    return listed(name) or is_org_name(name)


def split_prefix(name: str) -> tuple[str, str]:
    """省经信厅 → (省, 经信厅); a gazetteer name or 市场… keeps its first character."""
    if name in gazetteer().canonical or name.startswith("市场"):
        return "", name
    pre = _PREFIX.match(name).group()
    return pre, name[len(pre):]


_QUALIFIED = re.compile(r"^(?:(?:有条件|符合条件|具备条件|有实力|有意愿|有能力)的|全体|各类)(?=.{2})")


def actor_key(name: str) -> str:
    """One key per body: admin prefix kept, core mapped to its gazetteer name, 部门 dropped."""
    gaz = gazetteer()
    name = _QUALIFIED.sub("", name)
    pre, core = split_prefix(name)
    if core.endswith("部门") and len(core) > 2 and core[:-2] in gaz.canonical:
        core = core[:-2]
    core = gaz.canonical.get(core, core)
    if pre in ("各", "相关", "有关"):
        pre = ""
    return pre + core


def canonical_names(names: list[str]) -> dict[str, str]:
    """Surface form -> display name of its actor.

    Forms with the same key are one actor; an unprefixed form (审批服务局) joins the one
    prefixed actor of the document with the same core (市审批服务局).
    """
    keys = {n: actor_key(n) for n in names}
    prefixed: dict[str, set[str]] = {}
    for k in set(keys.values()):
        pre, core = split_prefix(k)
        if pre:
            prefixed.setdefault(core, set()).add(k)
    for n, k in keys.items():
        if not split_prefix(k)[0] and len(prefixed.get(k, ())) == 1:
            keys[n] = next(iter(prefixed[k]))
    counts = Counter(names)
    display: dict[str, str] = {}
    for key in set(keys.values()):
        forms = [n for n in keys if keys[n] == key]
        if key in forms or any(_QUALIFIED.match(f) for f in forms):
            display[key] = key  # 有条件的医疗机构 is one of the 医疗机构
        else:
            display[key] = max(forms, key=lambda f: (counts[f], len(f)))
    return {n: display[keys[n]] for n in names}


def group_actors(mentions: list[ActorMention]) -> list[dict]:
    """One entry per actor with its aliases and mentions, ordered by first mention."""
    groups: dict[str, dict] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        g = groups.setdefault(m.name, {"name": m.name, "aliases": [], "mentions": []})
        for form in (m.text, *bracket_forms(m.text)):
            if form != m.name and form not in g["aliases"]:
                g["aliases"].append(form)
        g["mentions"].append({"start": m.start, "end": m.end, "text": m.text, "role": m.role,
                              "node": m.node, "sentence": m.sentence})
    return list(groups.values())
