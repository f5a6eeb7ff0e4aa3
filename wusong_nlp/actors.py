"""Actors: the bodies, offices, roles and groups a plan assigns to its tasks.

Three sources, strongest first:
1. responsibility notes（责任单位：X、Y / 牵头考核单位：X / 牵头单位：X；配合单位：Y）;
2. cues around an actor list (X牵头，Y配合 / 由X负责 / 会同X / 配合X做 / 督促X / 为X提供);
3. the gazetteer (data/actors_gazetteer.tsv) swept over the whole text for bodies and roles.
Inside a responsibility slot an unknown name still counts when it ends like an
organisation (…厅, …局, …中心, …专班, data/org_suffixes.txt) and not like a facility
or place (data/not_actor_suffixes.txt). Groups (企业, 居民) count only in a cue context.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from .outline import Structure
from .pipeline import data_path
from .records import ActorMention
from .spans import Occupied

HAN = "\u4e00-\u9fff"
_BOUNDARY = set("，,。；;：:（()）\n！？!?“”\"《》【】[]　 \t．.")
_SEPARATORS = "、，,与"
_CONJ = "和及或"
_ETC = re.compile(r"等(?:部门|单位|机构|方面|成员单位|有关单位|相关单位|相关部门|有关部门)?$")
_PREFIX = re.compile(r"(?:各|相关|有关)?(?:省|市|区|县|旗|镇|乡|街道|自治区|省级|市级|区级)?")
_VERBISH = re.compile(r"做|开展|建立|加强|落实|完善|制定|实施|推动|实现|提升|打造|形成|进行|"
                      r"采取|审核|负责|牵头|配合|会同|督促|指导|纳入|将|把|对|[0-9０-９．.]")
_LEADING = re.compile(r"(?:由|交由|并由|以|对|在|从|向|经|探索|鼓励|引导|支持|推动|推进|督促|指导|"
                      r"组织|协调|积极|加快|建设|依托|发挥|激发|下|和|及|与|等)")
_PLACE_AS_GOV = re.compile(rf"^[{HAN}]{{1,6}}(?:省|市|区|县|旗|镇|乡|街道)$")


def _lines(name: str) -> list[str]:
    text = data_path(name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


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
    for line in _lines("actors_gazetteer.tsv"):
        cols = line.split("\t")
        name, kind = cols[0].strip(), cols[1].strip()
        aliases = [a.strip() for a in cols[2].split("|")] if len(cols) > 2 and cols[2] else []
        body = cols[3].strip() if len(cols) > 3 and cols[3].strip() else name
        for form in [name, *aliases]:
            if form and form not in entries:
                entries[form] = kind
                canonical[form] = body
    alts = "|".join(re.escape(f) for f in sorted(entries, key=len, reverse=True))
    return Gazetteer(entries, canonical, re.compile(alts))


@functools.cache
def _suffixes(name: str) -> tuple[str, ...]:
    return tuple(sorted(_lines(name), key=len, reverse=True))


@functools.cache
def _fillers() -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in _suffixes("actor_fillers.txt"))
    return re.compile(rf"(?:{alts})+$")


@functools.cache
def role_cues() -> list[tuple[str, str, str]]:
    """(cue, role, where) triples, longest cue first."""
    out = []
    for line in _lines("role_cues.tsv"):
        cue, role, where = (c.strip() for c in line.split("\t")[:3])
        out.append((cue, role, where))
    return sorted(out, key=lambda c: len(c[0]), reverse=True)


# --- what counts as an actor name --------------------------------------------------

def gazetteer_type(name: str) -> str | None:
    """The gazetteer type of a name, allowing an admin prefix (市公安局 → 公安局?)."""
    gaz = gazetteer()
    if name in gaz.entries:
        return gaz.entries[name]
    core = split_prefix(name)[1]
    if core != name and core in gaz.entries:
        return gaz.entries[core]
    return None


def is_org_name(name: str) -> bool:
    """An organisation by its ending (…厅, …局, …专班), and not a facility or a place."""
    if not 2 <= len(name) <= 24 or _VERBISH.search(name) or _LEADING.match(name):
        return False
    if any(ch in _BOUNDARY or ch in _SEPARATORS for ch in name):
        return False
    if any(name.endswith(s) for s in _suffixes("not_actor_suffixes.txt")):
        return False
    for s in _suffixes("org_suffixes.txt"):
        if name.endswith(s):
            return len(name) > len(s) or s in ("海关", "专班", "商会", "工会")
    return False


def _valid_item(item: str, free: bool, allow_place: bool) -> bool:
    if not item or len(item) > 24 or any(ch in _BOUNDARY for ch in item):
        return False
    if _LEADING.match(item) or _VERBISH.search(item):
        return False
    if gazetteer_type(item) or is_org_name(item):
        return True
    m = gazetteer().pattern.search(item)
    if m and m.end() == len(item) and 0 < m.start() <= 4 and gazetteer().entries[m.group()] != "short":
        mod = item[:m.start()]  # 有实力的企业, 省属国有企业
        if not any(ch in _SEPARATORS + _CONJ + "等" for ch in mod):
            return True
    if allow_place and _PLACE_AS_GOV.match(item):
        return True
    return free and 2 <= len(item) <= 8 and not _VERBISH.search(item) and "的" not in item


def split_units(text: str, start: int) -> list[tuple[int, int]]:
    """Split a list of units on 、，, and on 和/及 where both sides are names.

    Returns (start, end) offsets of the units; 等/等单位 tails are trimmed.
    """
    out: list[tuple[int, int]] = []
    i = 0
    pieces: list[tuple[int, int]] = []
    for j, ch in enumerate(text + "、"):
        if ch in _SEPARATORS:
            pieces.append((i, j))
            i = j + 1
    for s, e in pieces:
        piece = text[s:e]
        m = _ETC.search(piece)
        if m and m.start() > 0:
            e = s + m.start()
            piece = text[s:e]
        while s < e and text[s] in " \u3000":
            s += 1
        sub = _split_conj(piece)
        for a, b in sub:
            if b > a:
                out.append((start + s + a, start + s + b))
    return out


def _split_conj(piece: str) -> list[tuple[int, int]]:
    """省经济和信息化厅 stays whole; 专区监管部门和运营单位 splits."""
    for k, ch in enumerate(piece):
        if ch in _CONJ and 0 < k < len(piece) - 1:
            left, right = piece[:k], piece[k + 1:]
            if (gazetteer_type(left) or is_org_name(left)) and (
                    gazetteer_type(right) or is_org_name(right) or _split_conj(right) != [(0, len(right))]):
                return [(0, k)] + [(k + 1 + a, k + 1 + b) for a, b in _split_conj(right)]
    return [(0, len(piece))]


# --- finding mentions ---------------------------------------------------------------

def _clause_start(text: str, pos: int, limit: int = 40) -> int:
    i = pos
    while i > 0 and pos - i < limit and text[i - 1] not in _BOUNDARY:
        i -= 1
    return i


def _clause_end(text: str, pos: int, limit: int = 60) -> int:
    i = pos
    while i < len(text) and i - pos < limit and text[i] not in _BOUNDARY:
        i += 1
    return i


def _units_before(text: str, cue_start: int) -> list[tuple[int, int]]:
    """The actor list that ends right before a cue: the longest clause tail that parses."""
    cs = _clause_start(text, cue_start)
    end = cue_start
    m = _fillers().search(text, cs, end)
    if m and m.end() == end:
        end = m.start()
    starts = _token_starts(text, cs, end)
    for s in range(cs, end - 1):
        if s not in starts:
            continue
        seg = text[s:end]
        if seg[0] in _SEPARATORS + _CONJ + "等的":
            continue
        after_you = s > cs and text[s - 1] == "由"
        free = bool(_ETC.search(seg) and "等" in seg)
        units = split_units(seg, s)
        if units and all(_valid_item(text[a:b], free, after_you) for a, b in units):
            return units
    return []


def _token_starts(text: str, start: int, end: int) -> set[int]:
    """Where jieba's words begin in text[start:end]: an actor list starts at a word."""
    from .pipeline import policy_segmenter

    starts = {start + s for _w, s, _e in policy_segmenter().tokenize(text[start:end])}
    # jieba glues a preposition to a name (由省 经济…): a name may start after one
    starts |= {k + 1 for k in range(start, end) if text[k] in "由对在将向与和及或、"}
    return starts


def _units_after(text: str, pos: int, groups: bool, orgs: bool = True) -> list[tuple[int, int]]:
    """The actor list that starts right after a cue (会同X、Y等部门 / 督促物业公司)."""
    ce = _clause_end(text, pos)
    seg = text[pos:ce]
    # a closed list: X、Y等部门
    m = re.match(rf"((?:[{HAN}]{{2,12}}[、和及与])*[{HAN}]{{2,12}}?)等(?:部门|单位|机构)", seg)
    if m:
        units = split_units(m.group(1), pos)
        if units and all(_valid_item(text[a:b], True, False) for a, b in units):
            return units
    out: list[tuple[int, int]] = []
    i = pos
    while i < ce:
        span = _name_at(text, i, ce, groups, orgs)
        if span is None:
            break
        out.append(span)
        i = span[1]
        if i < ce and text[i] in _SEPARATORS + _CONJ:
            i += 1
            continue
        break
    return out


def _name_at(text: str, i: int, ce: int, groups: bool, orgs: bool) -> tuple[int, int] | None:
    """The actor name starting at i.

    A gazetteer form, possibly after a short modifier (有条件的医疗机构, 省属国有企业),
    or, where `orgs`, the longest organisation name (…厅, …局, …中心).
    """
    best = None
    gaz = gazetteer()
    for m in gaz.pattern.finditer(text, i, min(ce, i + 18)):
        kind = gaz.entries[m.group()]
        if kind == "short" or (kind == "group" and not groups):
            continue
        mod = text[i:m.start()]
        if len(mod) <= 5 and not _VERBISH.search(mod) and not (mod and _LEADING.match(mod)) \
                and not any(ch in _SEPARATORS + _CONJ + "等" for ch in mod):
            best = (i, m.end())
        break
    if orgs:
        for j in range(min(ce, i + 24), i + 1, -1):
            if is_org_name(text[i:j]):
                j = i + _split_conj(text[i:j])[0][1]  # 数据提供部门和运营单位: two units
                if best is None or j > best[1]:
                    best = (i, j)
                break
    return best


class _Collector:
    """Mentions keyed by span; the first (strongest) source of a span wins."""

    def __init__(self, text: str, structure: Structure):
        self.text = text
        self.structure = structure
        self.spans: dict[tuple[int, int], ActorMention] = {}
        self.occupied = Occupied()

    def covered(self, s: int, e: int) -> bool:
        return self.occupied.collides(s, e)

    def add(self, s: int, e: int, role: str) -> None:
        if e <= s or self.covered(s, e):
            return
        self.occupied.add(s, e)
        name = self.text[s:e]
        node = self.structure.node_at(s)
        sent = self.structure.sentence_at(s)
        self.spans[(s, e)] = ActorMention(s, e, name, name=name, role=role,
                                          node=node.id if node else None,
                                          sentence=sent.id if sent else None)


def _notes(text: str, col: _Collector) -> None:
    labels = [(c, r) for c, r, w in role_cues() if w == "note"]
    alts = "|".join(re.escape(c) for c, _ in labels)
    roles = dict(labels)
    for m in re.finditer(rf"({alts})[:：]", text):
        body_end = m.end()
        while body_end < len(text) and text[body_end] not in "）)；;。\n":
            body_end += 1
        for a, b in split_units(text[m.end():body_end], m.end()):
            name = text[a:b]
            if 2 <= len(name) <= 30 and not _VERBISH.search(name):
                col.add(a, b, roles[m.group(1)])


def _cues(text: str, col: _Collector) -> None:
    gaz_types = gazetteer().entries
    for cue, role, where in role_cues():
        if where == "note":
            continue
        for m in re.finditer(re.escape(cue), text):
            if where == "before":
                units = _units_before(text, m.start())
                if not units and role == "lead":
                    units = _subject_as(text, m.start())
                # X牵头，Y按职责分工负责 / （X牵头，Y配合）
                for a, b in units:
                    col.add(a, b, role)
            else:
                groups = role in ("urged", "beneficiary", "lead", "partner")
                units = _units_after(text, m.end(), groups, orgs=role in ("lead", "partner")
                                     and cue not in ("发挥", "激发"))
                if role == "beneficiary":
                    units = [(a, b) for a, b in units
                             if gaz_types.get(text[a:b]) == "group"
                             or gazetteer_type(text[a:b]) == "group"]
                    if cue == "为" and not _serves(text, units):
                        continue
                if cue == "与" and not re.match(r"(?:等[^，。；]{0,4})?(?:合作|联合|共建|协同|共同)",
                                               text[units[-1][1]:units[-1][1] + 8] if units else ""):
                    continue
                if cue == "配合" and units:
                    # 配合X做…: X leads, the subject partners
                    for a, b in _units_before(text, m.start()):
                        col.add(a, b, "partner")
                if cue == "会同" and units:
                    for a, b in _units_before(text, m.start()):
                        col.add(a, b, "lead")
                for a, b in units:
                    col.add(a, b, role)


def _subject_as(text: str, cue: int) -> list[tuple[int, int]]:
    """运营单位作为专区运营主体，负责…: the subject of 作为 leads the next clause."""
    if cue == 0 or text[cue - 1] not in "，,":
        return []
    m = re.search(r"([^，,。；;：:\n]{2,24})作为[^，,。；;\n]{1,24}$", text[max(0, cue - 60):cue - 1])
    if not m:
        return []
    base = max(0, cue - 60)
    cs = _clause_start(text, base + m.end(1))
    for s in range(cs, base + m.end(1) - 1):
        units = split_units(text[s:base + m.end(1)], s)
        if units and all(_valid_item(text[a:b], False, False) for a, b in units):
            return units
    return []


def _serves(text: str, units: list[tuple[int, int]]) -> bool:
    """为X提供/服务/创造…: the list after 为 is served, not a predicate (为平台)."""
    if not units:
        return False
    tail = text[units[-1][1]:units[-1][1] + 12]
    return bool(re.match(r"(?:等[^，。；]{0,4})?(?:提供|服务|创造|营造|办理|解决|搭建|打造|量身)", tail))


def _sweep(text: str, col: _Collector) -> None:
    """Gazetteer bodies and roles anywhere; a role keeps its modifier (专职人民调解员)."""
    gaz = gazetteer()
    for m in gaz.pattern.finditer(text):
        kind = gaz.entries[m.group()]
        if kind in ("group", "short"):
            continue
        s, e = m.start(), m.end()
        if e < len(text) and re.match(rf"[{HAN}]", text[e]) and kind == "body" \
                and len(m.group()) <= 2 and text[e] not in "等和及与在的为是要":
            continue  # 商会馆, 工会费: part of a longer word
        if kind == "role":
            s = _role_modifier(text, s)
        elif kind == "body":
            p = _admin_before(text, s)
            s = p
        col.add(s, e, "partner")


def _admin_before(text: str, s: int) -> int:
    """Extend a body name left over an admin prefix written with it (街道党工委, 市税务局)."""
    for pre in ("街道", "自治区", "省", "市", "区", "县", "旗", "各"):
        if text.startswith(pre, s - len(pre)) and (s - len(pre) == 0 or text[s - len(pre) - 1]
                                                   in _BOUNDARY | set("、和及与由对在将的")):
            return s - len(pre)
    return s


def _role_modifier(text: str, s: int) -> int:
    """Keep up to four modifier characters before a role noun (专职人民调解员, 平安志愿者).

    jieba's tags are a weak signal, but enough to stop at a verb or an adverb.
    """
    cs = _clause_start(text, s, 6)
    tokens = list(_pos_tokenizer().cut(text[cs:s]))
    start = s
    for tok in reversed(tokens):
        if tok.flag[:1] not in ("n", "a", "b", "j") or s - (start - len(tok.word)) > 4:
            break
        start -= len(tok.word)
    return start


@functools.cache
def _pos_tokenizer():
    import jieba.posseg

    from .pipeline import policy_segmenter

    return jieba.posseg.POSTokenizer(policy_segmenter())


def _role_siblings(text: str, col: _Collector) -> None:
    """党建指导员、网格红帆员等: a role's list siblings ending like roles are roles too."""
    for (_s, e), m in list(col.spans.items()):
        if gazetteer_type(m.text) != "role" and gazetteer().pattern.search(m.text) is None:
            continue
        for mm in re.finditer(rf"(?<=[、和及])([{HAN}]{{2,6}}?(?:员|师|者|顾问))(?=[、和及等])",
                              text[e:e + 30]):
            if mm.start() != 1:
                break
            a, b = e + mm.start(1), e + mm.end(1)
            if not _VERBISH.search(text[a:b]):
                col.add(a, b, m.role)
            break


def find_actor_mentions(text: str, structure: Structure) -> list[ActorMention]:
    """Every actor mention of the text with its role, in text order."""
    col = _Collector(text, structure)
    _notes(text, col)
    _cues(text, col)
    _sweep(text, col)
    _role_siblings(text, col)
    mentions = sorted(col.spans.values(), key=lambda m: (m.start, m.end))
    keys = canonical_names([m.text for m in mentions])
    for m in mentions:
        m.name = keys[m.text]
    return mentions


# --- grouping -----------------------------------------------------------------------

def split_prefix(name: str) -> tuple[str, str]:
    """省经信厅 → (省, 经信厅); a gazetteer name or 市场… keeps its first character."""
    if name in gazetteer().canonical or name.startswith("市场"):
        return "", name
    pre = _PREFIX.match(name).group()
    return pre, name[len(pre):]


def actor_key(name: str) -> str:
    """One key per body: admin prefix kept, core mapped to its gazetteer name, 部门 dropped."""
    gaz = gazetteer()
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
        if key in forms:
            display[key] = key
        else:
            display[key] = max(forms, key=lambda f: (counts[f], len(f)))
    return {n: display[keys[n]] for n in names}


def group_actors(mentions: list[ActorMention]) -> list[dict]:
    """One entry per actor with its aliases and mentions, ordered by first mention."""
    groups: dict[str, dict] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        if m.implicit:
            continue
        g = groups.setdefault(m.name, {"name": m.name, "aliases": [], "mentions": []})
        if m.text != m.name and m.text not in g["aliases"]:
            g["aliases"].append(m.text)
        g["mentions"].append({"start": m.start, "end": m.end, "text": m.text, "role": m.role,
                              "node": m.node, "sentence": m.sentence})
    return list(groups.values())


# --- scoring against a gold file ----------------------------------------------------

def score_actors(analysis: dict, gold: dict) -> dict:
    """Recall of gold required actors and not_actors reported, from an analysis dict.

    A gold actor is found when it is the name or an alias of a predicted actor.
    """
    forms = set()
    for a in analysis.get("actors", []):
        forms.add(a["name"])
        forms.update(a["aliases"])
    spec = gold.get("actors", {})
    required = spec.get("required", [])
    found = [a for a in required if a in forms]
    false_pos = [a for a in spec.get("not_actors", []) if a in forms]
    known = set(required) | set(spec.get("optional", [])) | set(spec.get("not_actors", []))
    return {
        "required": len(required),
        "found": len(found),
        "recall": len(found) / len(required) if required else 1.0,
        "missing": [a for a in required if a not in forms],
        "not_actor_hits": false_pos,
        "unlisted": sorted(f for f in forms if f not in known),
    }
