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

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Iterator, Sequence

from ..offsets import Occupied, SpanIndex, WordStarts
from ..outline import OutlineNode, Structure
from ..records import ActorMention
from ..resources import (
    LazyWordStarts,
    WordPlaces,
    alternation,
    longest_first,
    policy_segmenter,
    words,
)
from ..text import HAN, HAN_RE, window_start
from .actor_names import (
    BOUNDARY,
    CONJ,
    ETC,
    LEADING,
    PLACE_AS_GOV,
    SEPARATORS,
    VERBISH,
    canonical_names,
    ending,
    fillers,
    gazetteer,
    gazetteer_type,
    generic_unit,
    head_pattern,
    inside_exception,
    is_head_name,
    is_org_name,
    known,
    listed,
    person_of,
    role_cues,
    split_conj,
    split_prefix,
    split_units,
    task_verbs,
    valid_item,
)
from .notes import label_re, note_actors, responsibility_notes

# words before a name that count or place it without naming it (更多文创企业, 在京国家实验室)
_QUANTIFIER = re.compile(rf"(?:更多|一批|各类|所有|全体|多元|在[{HAN}](?=[{HAN}]{{2}}))")
# the subject of a modal at the start of a sentence (各地区各部门要…, 政府工作人员要…)
# (the lookahead, true of every match, lets the engine pass a clause with no modal
# at a glance, instead of trying each of its lengths up to 60)
_SUBJECT = re.compile(rf"(?:^|(?<=[。；;！？!?\n，,]))(?=[^。；;！？!?\n，,]*[要须必应务])[ \u3000\t]*"
                      r"(?:[一二三四五六七八九十]{1,3}[是、]|[①-⑳]|[（(][0-9一二三四五六七八九十]{1,2}[）)]"
                      r"|[0-9]{1,2}[.．、])?(?:请)?"  # 请各牵头单位要…: a request, its subject after 请
                      rf"((?:[{HAN}、]|[（(][{HAN}、]{{1,14}}[）)]){{2,60}}?)"
                      r"(?:都|也|均|还|更)?(?:(?<![主重纲摘提])要(?![求素点闻件])|须(?!知)|必须|应当"
                      r"|应(?![用急对变])|务必)", re.M)  # 主要/重要 hold no modal 要
_SUBJECT_STOPS = "。；;！？!?\n，,"  # where _SUBJECT's clause starts and ends
_MODAL = re.compile("[要须必应务]")  # a character every modal of _SUBJECT holds
_ESPECIALLY = re.compile(r"特别是|尤其是")
# bodies named by a pattern: party committees (中共上海市委) and bodies a government owns
# (the lookahead, true of every match, lets the engine skip in C to where one can start:
# a pattern that opens with a lookbehind is tried at every character)
_PATTERN_BODIES = re.compile(
    rf"(?=[中自省市区县])(?:中共[{HAN}]{{1,10}}?(?:自治区|省|市|区|县|旗)委(?:员会)?"
    r"|(?<![社小园景校街镇厂])(?:自治区|省|市|区|县)(?:党委(?!员)|委(?=[、，,。；和及与的在对省市区县）)]))"
    r"|(?<![省市区县])(?:省|市|区|县)属(?:国有企业|国企|企业|医院|高校|院校|单位|公司|集团))")
# a verb-like word that only names the thing (支持园区建设): no act of the group before it
_NOMINAL = frozenset(("建设", "发展", "改革", "管理", "布局", "规划", "体系", "能力", "水平", "作用"))
_ACT_PREPOSITIONS = frozenset(("在", "与", "向", "到", "对", "按", "从", "为", "同", "合作"))


# --- what counts as an actor name --------------------------------------------------


def _acts_after(text: str, pos: int) -> bool:
    """支持上市公司|并购重组: the list is followed by what its members do."""
    m = _etc_class().match(text, pos) if text.startswith("等", pos) else None
    if m:
        pos = m.end()
    tokens = policy_segmenter().tag(text[pos:pos + 12], hmm=False)
    while tokens and tokens[0][1].startswith("d"):  # 积极参与, 更好发挥
        tokens.pop(0)
    if not tokens:
        return False
    word, flag = tokens[0]
    rest = text[pos:pos + 12]
    if word == "在":  # 在皖落地: a thing placed, not a group acting
        return not _PLACED.match(rest)
    if word in _ACT_PREPOSITIONS:
        return True
    if len(tokens) > 1 and _NOUN_AFTER.match(tokens[1][0]):
        return False  # 扶持政策, 奖励资金: a verb inside a noun
    if word in _NOMINAL and flag.startswith("v") and len(tokens) > 1 \
            and tokens[1][1].startswith("n") and tokens[1][1] != "vn":
        return True  # 深圳大学建设高水平综合性大学: the verb has an object, it acts
    verb = task_verbs().match(rest)
    if verb and verb.group() not in _NOMINAL:  # 深化改革 is tagged j, yet a verb leads it
        return True
    return flag.startswith("v") and (flag != "vn" or len(word) == 1) and word not in _NOMINAL


@functools.cache
def _etc_class() -> re.Pattern[str]:
    """等 closing a list, with its count and class (等7家企业, 等头部企业, 等高校院所):
    what the members do comes after it (data/list_classes.txt)."""
    classes = alternation((*words("list_classes.txt"), "主体"))
    return re.compile(rf"等(?:[0-9０-９]+[家个所名])?(?:[{HAN}]{{0,6}}?(?:{classes}))?")


# a modifier that is a verb's complement or a pointer, not part of a name (发挥好高校, 这些企业)
_BAD_MODIFIER = re.compile(r"好|这|那|该|其")
# characters that end a word with 市/区/县/省 (城市, 社区, 郊县): the prefix belongs to it
_PLACE_WORD_ENDS = frozenset("全本城都地社小辖郊景园湾新老市区县省")
_PLACED = re.compile(r"在[^，。；]{1,8}?(?:落地|落户|建成|投运|布局|建设|选址|开工)")
_NOUN_AFTER = re.compile(r"政策|资金|措施|办法|体系|机制|项目|标准")


# --- finding mentions ---------------------------------------------------------------

def _clause_start(text: str, pos: int, limit: int = 40) -> int:
    return window_start(text, pos, BOUNDARY, limit)


def _clause_end(text: str, pos: int, limit: int = 60) -> int:
    return _run_end(_NOT_BOUNDARY, text, pos, limit)


def _not_one_of(stops: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[^" + "".join(re.escape(ch) for ch in sorted(stops)) + "]*")


# the runs `window_end` would find with these stops, compiled once: it looks its pattern
# up at each call, and the actor stage asks for a few thousand clause ends
_NOT_BOUNDARY = _not_one_of(BOUNDARY)
_CLAUSE_STOPS = BOUNDARY - frozenset("（）()")  # holds the line break: a clause stays in its line
_NOT_CLAUSE_STOP = _not_one_of(_CLAUSE_STOPS)


def _run_end(run: re.Pattern[str], text: str, pos: int, limit: int) -> int:
    """`window_end(text, pos, stops, limit)`, for a `pos` >= 0 and the stops `run` stays
    clear of."""
    end = min(len(text), pos + limit)
    return run.match(text, pos, end).end() if pos < end else pos


def _units_before(text: str, cue_start: int, words: WordStarts | LazyWordStarts) -> list[tuple[int, int]]:
    """The actor list that ends right before a cue: the longest clause tail that parses."""
    cs = _clause_start(text, cue_start)
    m = _BRACKET_BEFORE.search(text, max(0, cs - 18), cs)
    if m and m.end() == cs and all(valid_item(text[a:b], True, False)  # not （包括牵头单位自身）
                                   for a, b in split_units(text[m.start() + 1:cs - 1], m.start() + 1)):
        cs = _clause_start(text, m.start())  # …属地居委及开发公司（厂区）负责: a unit's other name
    end = cue_start
    m = fillers().search(text, cs, end)
    if m and m.end() == end:
        end = m.start()
    if cs > 0 and text[cs - 1] not in BOUNDARY:  # the clause is longer than the window
        units = _long_list(text, _clause_start(text, cue_start, 240), end)
        if units:
            return units
    starts = _token_starts(text, cs, end, words)
    for s in range(cs, end - 1):
        if s not in starts:
            continue
        seg = text[s:end]
        if seg[0] in SEPARATORS + CONJ + "等的" or (text[s - 1] == "在" and s + 1 in starts):
            continue  # 支持在京国家实验室承担…: 京 places the name, it is not part of it
        after_you = s > cs and text[s - 1] == "由"
        free = bool(ETC.search(seg) and "等" in seg)
        units = split_units(seg, s)
        if units and all(valid_item(text[a:b], free, after_you) for a, b in units):
            return _closed_list_before(text, cs) + units
    return []


def _closed_list_before(text: str, cs: int) -> list[tuple[int, int]]:
    """A closed list that ends the clause before, its comma right before `cs`: one list of
    units over two clauses (区财政局、区交运局等部门，区国投公司、各街道办事处配合)."""
    if cs < 2 or text[cs - 1] not in "，," or not _ETC_BODIES.search(text, max(0, cs - 9), cs - 1):
        return []
    prev = _clause_start(text, cs - 1)
    m = _closed_list().fullmatch(text, prev, cs - 1)
    if m is None:
        return []
    units = split_units(m.group(1), prev)
    return units if units and all(is_org_name(text[a:b]) for a, b in units) else []


_ETC_BODIES = re.compile(r"等(?:有关|相关)?(?:部门|单位)$")


_BRACKET_BEFORE = re.compile(rf"(?<=[{HAN}])[（(][{HAN}、]{{1,14}}[）)]")


def _long_list(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A whole clause that is a list of four or more units (镇经发办、平安办、城运中心、…、
    水务站、规建生态办负责人为…): the list vouches for one short member that no ending
    names (水务站)."""
    if text.count("、", start, end) < 3:
        return []
    units = split_units(text[start:end], start)
    if len(units) < 4:
        return []
    bad = None
    for a, b in units:
        if not valid_item(text[a:b], False, False):
            if bad is not None or b - a > 5 or not valid_item(text[a:b], True, False):
                return []
            bad = (a, b)
    return units


def _token_starts(text: str, start: int, end: int, words: WordStarts | LazyWordStarts) -> set[int]:
    """Where the segmenter's words begin in text[start:end]: an actor list starts at a word."""
    starts = words.within(start, end)
    # jieba glues a preposition to a name (由省 经济…): a name may start after one
    starts |= {k + 1 for k in range(start, end) if text[k] in "由对在将向与和及或、"}
    return starts


@functools.cache
def _closed_list() -> re.Pattern[str]:
    """X、Y等部门 / 京东、抖音等平台企业 / 银行、担保、保险等27家专业机构: a list closed by
    等, an optional count and a class of bodies."""
    classes = alternation(words("list_classes.txt"))
    return re.compile(rf"((?:[{HAN}A-Za-z（）()]{{2,16}}[、和及与])*[{HAN}A-Za-z（）()]{{2,16}}?)"
                      rf"等(?:[0-9０-９]+[家个所])?[{HAN}]{{0,4}}?(?:{classes})")


def _closed_units(text: str, pos: int, far: int) -> list[tuple[int, int]]:
    """The members of a closed list right at `pos`, within the clause up to `far`
    (X、Y等部门), or none."""
    seg = text[pos:far]
    m = _closed_list().match(seg) if "等" in seg else None  # most clauses hold no 等
    if m:
        units = split_units(m.group(1), pos)
        if units and all(valid_item(text[a:b], True, False) for a, b in units):
            return units
    return []


def _list_stands(text: str, pos: int, far: int) -> bool:
    """A closed list at `pos` that ends its clause or is followed by its members' act
    (依托清华研究院、力合科创等专业机构，… / 联合京东、抖音等平台企业开展…), not one
    that modifies the noun after it (依托虾皮、九米等头部企业先发优势)."""
    m = _closed_list().match(text[pos:far])
    if m is None:
        return False
    end = pos + m.end()
    if end >= len(text) or text[end] in BOUNDARY or task_verbs().match(text, end):
        return True
    tokens = policy_segmenter().tag(text[end:end + 8], hmm=False)
    return bool(tokens) and tokens[0][1].startswith("v") and len(tokens[0][0]) > 1


def _units_after(text: str, pos: int, groups: bool, orgs: bool = True,
                 heads: bool = False, persons: bool = False,
                 named: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """The actor list that starts right after a cue (会同X、Y等部门 / 督促物业公司)."""
    # a closed list: X、Y等部门 (as long as it goes: 会同区发展改革委、区经委、…等部门)
    far = _clause_end(text, pos, 400)
    ce = min(far, pos + 60)  # _clause_end(text, pos): the same stops, a shorter reach
    units = _closed_units(text, pos, far)
    if units:
        return units
    out: list[tuple[int, int]] = []
    i = pos
    while i < ce:
        q = _QUANTIFIER.match(text, i)
        if q and heads:
            i = q.end()
        span = _name_at(text, i, ce, groups, orgs, heads, persons, named)
        if span is None and not out:
            span = _shared_head(text, i, ce, groups, orgs, heads, persons, named)
        if span is None:
            break
        out.append(span)
        i = span[1]
        if i < ce and text[i] in SEPARATORS + CONJ:
            i += 1
            continue
        break
    return out


_SHORT_CONJUNCT = re.compile(rf"[{HAN}]{{2,4}}、")


def _shared_head(text: str, i: int, ce: int, groups: bool, orgs: bool, heads: bool,
                 persons: bool, named: frozenset[str]) -> tuple[int, int] | None:
    """督促厂区、园区宿舍管理方落实…: places that name no unit, listed before the name
    they share (园区宿舍管理方), are one actor with it."""
    m = _SHORT_CONJUNCT.match(text, i)
    if m is None or m.end() >= ce or not all(
            flag[:1] in ("n", "s") for _w, flag in policy_segmenter().tag(text[i:m.end() - 1], hmm=False)):
        return None  # 市带区县、…: a clause, not a place
    span = _name_at(text, m.end(), ce, groups, orgs, heads, persons, named)
    if span is None or span[1] - m.end() <= 4 or gazetteer_type(text[m.end():span[1]]):
        return None  # 园区宿舍管理方 modifies its head; a bare known name (居委) is a member of its own
    return i, span[1]


def _name_at(text: str, i: int, ce: int, groups: bool, orgs: bool,
             heads: bool = False, persons: bool = False,
             named: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The actor name starting at i.

    A gazetteer form, possibly after a short modifier (有条件的医疗机构, 省属国有企业),
    or, where `orgs`, the longest organisation name (…厅, …局, …中心), or, where `heads`,
    the longest name ending like a group (上市公司, 创投基金); where `persons`, a person
    of a body goes beyond it (由居委主任担任, 由小区经理负责); a name the document gave a
    unit (`named`: 各居民区 → 由居民区自行规定) wins over a shorter one.
    """
    best = None
    gaz = gazetteer()
    for m in gaz.pattern.finditer(text, i, min(ce, i + 18)):
        kind = gaz.entries[m.group()]
        if (kind == "short" and not orgs) or (kind == "group" and not groups):
            continue  # a short form (物业, 城管) counts in a responsibility slot only
        mod = text[i:m.start()]
        if len(mod) <= 5 and not VERBISH.search(mod) and not (mod and LEADING.match(mod)) \
                and not any(ch in SEPARATORS + CONJ + "等向为从被" for ch in mod) \
                and not _BAD_MODIFIER.match(mod) and not task_verbs().search(mod):
            best = (i, m.end())
        break
    if orgs:
        last = _org_last_chars()
        for j in range(min(ce, i + 24), i + 1, -1):
            if text[j - 1] in last and is_org_name(text[i:j]) and not _cuts_a_name(text, i, j):
                j = i + split_conj(text[i:j])[0][1]  # 数据提供部门和运营单位: two units
                if best is None or j > best[1]:
                    best = (i, j)
                break
    if heads and best is None or persons:
        ends = sorted({h.end() for h in head_pattern().finditer(text, i + 1, min(ce, i + 16))}, reverse=True)
        for j in ends:
            if best is not None and (j <= best[1] or not persons or not _person(text[i:j])):
                continue
            if any(k < j and task_verbs().match(text, k) for k in ends):
                continue  # 支持深圳大学|建设高水平综合性大学: a name ends where its act begins
            if is_head_name(text[i:j]):
                best = (i, i + split_conj(text[i:j])[0][1])
                break
    if best is None and orgs:
        m = _determined_unit().match(text, i, ce)  # 协助相关村做好看护工作
        if m and (m.end() == ce or text[m.end()] in SEPARATORS + CONJ or task_verbs().match(text, m.end())):
            best = (i, m.end())
    if named and orgs:
        top, low = min(ce, i + 24), (best[1] if best else i + 1)
        for n in _lengths(named):  # the longest name the document gave a unit, by lookups
            if low < i + n <= top and text[i:i + n] in named:
                best = (i, i + n)
                break
    if best is not None and text[best[1]:best[1] + 1] in ("（", "("):
        m = _OTHER_NAME.match(text, best[1])  # 由街镇（园区）牵头: the other name goes with it
        if m and all(known(p) or generic_unit(p) for p in m.group(1).split("、")):
            best = (i, m.end())
    return best


@functools.cache
def _org_last_chars() -> frozenset[str]:
    """The characters an organisation's name can end with: the last of an ending
    (data/org_suffixes.txt) or the bracket of its other name (建管中心（房办）). Most ends
    a name is tried at have none, and a set lookup is cheaper than `is_org_name`."""
    return frozenset({w[-1] for w in words("org_suffixes.txt") if w} | {"）", ")"})


@functools.lru_cache(maxsize=16)
def _lengths(names: frozenset[str]) -> tuple[int, ...]:
    """The lengths of a set of names, longest first: `_name_at` looks up a name of each
    length instead of every prefix of the clause (one set per document's cues)."""
    return tuple(sorted({len(n) for n in names}, reverse=True))


@functools.cache
def _determined_unit() -> re.Pattern[str]:
    """相关村, 各居, 有关单位: a determiner (data/unit_determiners.txt) and a bare kind of
    unit (data/generic_units.txt)."""
    return re.compile(f"(?:{alternation(words('unit_determiners.txt'))})"
                      f"(?:{alternation(words('generic_units.txt'))})")


def _person(name: str) -> bool:
    """居委主任, 专职卫生干部: a name that ends like a person (data/actor_heads.txt, flag person)."""
    return any(name.endswith(h) for h in words("actor_heads.txt", "person"))


_OTHER_NAME = re.compile(rf"[（(]([{HAN}、]{{2,30}})[）)]")


def _cuts_a_name(text: str, i: int, j: int) -> bool:
    """居委协调业委|会: the end j falls inside a name the gazetteer knows."""
    return any(m.start() < j < m.end()
               for m in gazetteer().pattern.finditer(text, max(i, j - 8), min(len(text), j + 8)))


_HAN_WORD = re.compile(f"[{HAN}]+")


class _Collector:
    """Mentions keyed by span; the first (strongest) source of a span wins."""

    def __init__(self, text: str, structure: Structure, words: WordStarts | LazyWordStarts):
        self.text = text
        self.structure = structure
        self.words = words
        self.spans: dict[tuple[int, int], ActorMention] = {}
        self.names: set[str] = set()  # what the document already named as actors
        self.name_ends: set[str] = set()  # the last characters of those names
        self.occupied = Occupied()
        # the words are the tagger's cut with HMM, same dictionary (see `starts_a_word`)
        self._tagger_cut = isinstance(words, LazyWordStarts) and words.segmenter is policy_segmenter()

    def starts_a_word(self, start: int, token: str) -> bool:
        """Does one of `words` begin where the tagger (no HMM) has `token` begin?

        The cut with HMM keeps every word of two or more Chinese characters the cut
        without finds (HMM only regroups runs of single characters), so with the same
        dictionary only a single character needs the cut asked: most verbs are two
        characters long, and asking about each of them cut most pieces of a plan a
        second time."""
        if self._tagger_cut and len(token) > 1 and _HAN_WORD.fullmatch(token):
            return True
        return self.words.starts_at(start)

    def named(self) -> frozenset[str]:
        """The names the document gave its units so far."""
        return frozenset(self.names)

    def tags(self, start: int, end: int) -> tuple[list[int], list[tuple[str, str]]]:
        """(word, part-of-speech) pairs of text[start:end], a line, and where each word
        starts, the end of the last word after them: the segmenter never joins words
        across a line break, so lines tagged one by one give the words of the whole
        text, without holding millions of them at once."""
        pairs = policy_segmenter().tag(self.text[start:end], hmm=False)
        return list(itertools.accumulate(map(len, map(operator.itemgetter(0), pairs)),
                                         initial=start)), pairs

    def covered(self, s: int, e: int) -> bool:
        return self.occupied.collides(s, e)

    def add(self, s: int, e: int, role: str) -> None:
        if e <= s or self.covered(s, e):
            return
        self.occupied.add(s, e)
        name = self.text[s:e]
        if role in ("lead", "partner"):  # 各居民区 also names 居民区, 街道消委办 消委办
            core = split_prefix(name)[1]
            self.names.update((name, core) if len(core) >= 2 else (name,))
            self.name_ends.add(name[-1])  # core, a suffix of name, ends with it too
        node = self.structure.node_at(s)
        sent = self.structure.sentence_at(s)
        self.spans[(s, e)] = ActorMention(s, e, name, name=name, role=role,
                                          node=node.id if node else None,
                                          sentence=sent.id if sent else None)


# --- responsibility notes (one parser, shared with the task stage) ------------------------


@functools.cache
def _lead_first_cue() -> re.Pattern[str]:
    return re.compile(alternation(words("lead_first_cues.txt")))


def states_lead_first(text: str) -> bool:
    """Does the text say that the first unit listed leads (列第一位的为牵头单位)?"""
    return _lead_first_cue().search(text) is not None


def first_leads(text: str, units: list[dict]) -> list[dict]:
    """列第一位的为牵头单位: where the plan says so (data/lead_first_cues.txt), the first
    unit a note's lead label lists leads and the others partner (the dicts are changed)."""
    leads = [u for u in units if u["role"] == "lead"]
    if len(leads) > 1 and states_lead_first(text):
        for u in leads[1:]:
            u["role"] = "partner"
    return units


def _notes(text: str, col: _Collector) -> None:
    """Units of responsibility notes lead or partner by their label.

    A label outside parentheses (a line 牵头单位：X；配合单位：Y) lists units too, up to the
    end of its line or sentence.
    """
    notes = responsibility_notes(text)
    found = [a for n in notes for a in first_leads(text, n["actors"])]
    inside = SpanIndex(notes, lambda n: (n["start"], n["end"]))
    pos, lead_line = 0, False
    for lm in label_re().finditer(text):
        if lm.start() < pos or inside.containing(lm.start()):
            continue
        # 牵头单位：X on one line, 责任单位：Y on the next: Y works with X (a partner)
        led = lead_line and not text[pos:lm.start()].strip(" \t\u3000\n。；;")
        lead_line = (lm.group(1).startswith("牵头") and not lm.group(1).endswith("领导")) or led
        pos, depth = lm.end(), 0
        while pos < len(text) and text[pos] not in "。\n":
            if text[pos] in "（(":
                depth += 1
            elif text[pos] in "）)":
                if depth == 0:
                    break  # the bracket the label stood in closes
                depth -= 1
            pos += 1
        found += first_leads(text, note_actors(text, lm.start(), pos, led=led))
    for a in found:
        if 2 <= len(a["name"]) <= 30 and not VERBISH.search(a["name"]):
            col.add(a["start"], a["end"], a["role"])


def _cues(text: str, col: _Collector) -> None:
    gaz_types = gazetteer().entries
    named = col.named()  # the units of notes, tables, duty lists and addressees
    places = _cue_places().find(text)
    for cue, role, where in role_cues():
        if where == "note":
            continue
        if where == "list":
            for _start, cue_end in places.get(cue, ()):
                far = _clause_end(text, cue_end, 400)
                units = _closed_units(text, cue_end, far)
                if units and not _list_stands(text, cue_end, far):
                    continue  # 依托虾皮、九米等头部企业先发优势: the list modifies a noun
                for a, b in units:
                    col.add(a, b, role)
            continue
        for cue_start, cue_end in places.get(cue, ()):
            if inside_exception(text, cue_start, cue):
                continue
            if where == "after" and len(cue) > 1 and cue_start > 0 and HAN_RE.match(text[cue_start - 1]) \
                    and _cuts_a_name(text, cue_start - 8, cue_start):
                continue  # 物业服务企业, 党建指导员: the cue is inside a name
            if where == "before":
                units = _units_before(text, cue_start, col.words)
                if not units and role == "lead":
                    units = _subject_as(text, cue_start) or _placed_before(text, cue_start)
                # X牵头，Y按职责分工负责 / （X牵头，Y配合）
                for a, b in units:
                    col.add(a, b, role)
            else:
                groups = role in ("urged", "beneficiary", "lead", "partner")
                heads = role == "urged" or cue == "与"
                units = _units_after(text, cue_end, groups, orgs=role in ("lead", "partner")
                                     and cue not in ("发挥", "激发"), heads=heads,
                                     persons=cue == "由", named=named)
                if role == "urged" and cue in _enabling():
                    bodies = _units_after(text, cue_end, groups, orgs=True, heads=heads, named=named)
                    if bodies and (not units or bodies[-1][1] > units[-1][1]) \
                            and _acts_after(text, bodies[-1][1]):
                        units = bodies  # 推动清华大学深圳国际研究生院…迈向世界一流: an organisation acts
                if cue == "发挥":
                    bodies = _units_after(text, cue_end, False, orgs=True)
                    if bodies and _ITS_ROLE.match(text, bodies[-1][1]) and all(
                            _office(text[a:b]) for a, b in bodies):
                        for a, b in bodies:  # 发挥联席办综合协调推进作用: the unit plays it, it leads
                            col.add(a, b, "lead")
                if heads and units and not all(listed(text[a:b]) for a, b in units) \
                        and not _acts_after(text, units[-1][1]):
                    units = [u for u in units if listed(text[u[0]:u[1]])]
                if role == "beneficiary":
                    units = [(a, b) for a, b in units
                             if gaz_types.get(text[a:b]) == "group"
                             or gazetteer_type(text[a:b]) == "group"]
                    if cue == "为" and not _serves(text, units):
                        continue
                if cue == "与":
                    if not units or not _COOPERATE.match(text, units[-1][1]):
                        continue
                    # 省实验室、省技术创新中心均与高校建立合作关系: both sides are partners
                    for a, b in _units_before(text, cue_start, col.words):
                        col.add(a, b, "partner")
                if cue in words("assist_cues.txt") and units:
                    # 配合X做…, 协助居委开展…, 协同派出所做好…: X leads, the subject partners
                    for a, b in _units_before(text, cue_start, col.words):
                        col.add(a, b, "partner")
                if cue == "会同" and units:
                    for a, b in _units_before(text, cue_start, col.words):
                        col.add(a, b, "lead")
                if role == "urged" and units and cue in _enabling() \
                        and _acts_after(text, units[-1][1]):
                    role_here = "lead"  # 支持深圳大学建设…: the body supported does it
                else:
                    role_here = role
                for a, b in units:
                    col.add(a, b, role_here)


@functools.cache
def _cue_places() -> WordPlaces:
    """The role cues (data/role_cues.tsv), found by one scan of the text for all seventy."""
    return WordPlaces(cue for cue, _role, _where in role_cues())


@functools.cache
def _enabling() -> frozenset[str]:
    return frozenset(words("enabling_cues.txt"))


_LEVEL = re.compile("[一二两三四五六七八九十]级")  # 二级, 三级: a rank, not a body's name


def _office(name: str) -> bool:
    """联席办, 城管社区工作室, 基层党组织: a body by its ending or the gazetteer, one name (no
    和/及 inside, no modifier like 好), not a role or a group (律师, 高校)."""
    return not any(ch in CONJ or ch.isdigit() for ch in name) and not _BAD_MODIFIER.match(name) \
        and gazetteer_type(name) not in ("role", "group", "short") \
        and (is_org_name(name) or gazetteer_type(name) == "body") \
        and not _LEVEL.search(name)


# what a unit is called on to play after 发挥X: (的)…作用, within the clause
_ITS_ROLE = re.compile(rf"的?[{HAN}]{{0,10}}?作用")
_COOPERATE = re.compile(r"(?:等[^，。；]{0,4})?(?:(?:建立|开展|加强|深化|推进)[^，。；]{0,4}?)?"
                        r"(?:合作|联合|共建|协同|共同)")


def _subjects(text: str, col: _Collector) -> None:
    """各地区各部门要…, 政府工作人员要…, 各市要…: the subject of a modal leads.

    Every unit of the subject must name an actor (gazetteer, organisation or group
    ending), so 我们要…, 经济要… and 改革要… stay out.
    """
    for m in _at_clause_starts(_SUBJECT, _MODAL, _SUBJECT_STOPS, text):
        s, e = m.start(1), m.end(1)
        units: list[tuple[int, int]] = []
        parts = [s] + [p.end() for p in _ESPECIALLY.finditer(text, s, e)]
        for a, b in zip(parts, [p.start() for p in _ESPECIALLY.finditer(text, s, e)] + [e], strict=True):
            units += [_past_distributive(text, x, y) for x, y in split_units(text[a:b], a)]
        named = [known(text[a:b]) or is_head_name(text[a:b]) or _governs(text[a:b])
                 or _generic_member(text[a:b], units, text) for a, b in units]
        if units and (all(named) or _vouched(text, units, named)):
            for a, b in units:
                col.add(a, b, "lead")


def _at_clause_starts(pattern: re.Pattern[str], cue: re.Pattern[str], stops: str,
                      text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern that matches only where a clause starts
    (after one of `stops`, or where a line does) and within that clause, and only in
    a clause that holds a `cue`: tried only at the starts of the clauses holding one.

    A pattern that opens with a lookbehind is tried at every character of the text;
    the cues (a character class, a word list) are found in a scan that skips in C."""
    tried = -1
    for c in cue.finditer(text):
        start = window_start(text, c.start(), stops, c.start() + 1)  # no limit: to the stop
        if start > tried:
            tried = start
            m = pattern.match(text, start)
            if m is not None:
                yield m


def _past_distributive(text: str, a: int, b: int) -> tuple[int, int]:
    """每小区物业服务企业 → 物业服务企业: after 每 and a place of one or two characters
    (data/distributives.txt), the gazetteer's name is the unit."""
    for w in longest_first("distributives.txt"):
        if text.startswith(w, a):
            for k in range(a + len(w) + 1, min(b - 1, a + len(w) + 3)):
                if text[k:b] in gazetteer().entries:
                    return k, b
            break
    return a, b


def _generic_member(name: str, units: list[tuple[int, int]], text: str) -> bool:
    """单位 and 村 in 各相关职能部门、单位、村及联席办要…, 各居民区 in …与各居民区、经济开发公司等应…:
    a bare kind of unit, after a determiner or not, listed with named ones
    (data/generic_units.txt, data/unit_determiners.txt)."""
    return (name in words("generic_units.txt") or _determined_unit().fullmatch(name) is not None) \
        and any(known(text[a:b]) for a, b in units)


def _vouched(text: str, units: list[tuple[int, int]], named: list[bool]) -> bool:
    """A list of four or more units, all named but one short member (…、各居民区、厂区、经济开发公司等应…):
    the list vouches for that member, as `_long_list` does."""
    bad = [u for u, ok in zip(units, named, strict=True) if not ok]
    return len(units) >= 4 and len(bad) == 1 and bad[0][1] - bad[0][0] <= 3 \
        and valid_item(text[bad[0][0]:bad[0][1]], True, False)


# where a clause opens, after a run-in marker (一是, ①, （1）) if any: at a line's start
# or after a stop
_CLAUSE_OPEN_BODY = (r"[ \u3000\t]*(?:[一二三四五六七八九十]{1,3}是|[①-⑳]"
                     r"|[（(][0-9一二三四五六七八九十]{1,2}[）)]|[0-9]{1,2}[.．、])?[ \u3000\t]*"
                     r"(?=[\u4e00-\u9fff])")
_CLAUSE_OPEN = re.compile(rf"(?:^|(?<=[。；;！？!?\n：:，,])){_CLAUSE_OPEN_BODY}", re.M)
_OPEN_AT_START = re.compile(_CLAUSE_OPEN_BODY)
_OPEN_AFTER_STOP = re.compile(rf"[。；;！？!?：:，,]({_CLAUSE_OPEN_BODY})")


def _clause_opens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of `_CLAUSE_OPEN.finditer(text, start, end)` in a line [start, end): the
    one at its start, then those after a stop, found by a pattern that opens with the
    stop (the engine skips in C to one) instead of a lookbehind tried at every
    character."""
    m = _OPEN_AT_START.match(text, start, end)
    out = [m.span()] if m is not None else []
    out += [m.span(1) for m in _OPEN_AFTER_STOP.finditer(text, start, end)]
    return out


@functools.cache
def _acting_verbs() -> re.Pattern[str]:
    """Task verbs (data/task_verbs.txt) after optional adverbs (data/subject_adverbs.txt)."""
    adverbs = alternation(words("subject_adverbs.txt"))
    return re.compile(rf"(?:{adverbs})*(?:{alternation(words('task_verbs.txt'))})")


_DUTY_PART = re.compile(r"职责|分工|责任|主体|任务分解")


def _verb_phrase(name: str) -> bool:
    """整合街道内设机构: a task verb, its object, an organisation ending — an item's task,
    not a unit (建设单位 is verb + ending, 发展改革委 is listed: names)."""
    verb = task_verbs().match(name)
    if verb is None or listed(name):
        return False
    return len(name) - verb.end() > len(ending(name, "org_suffixes.txt") or "")


# a heading that groups the items a unit leads: 县示范区管委会牵头工作（8项）, 区发改委负责的任务
_LED_GROUP = re.compile(r"(\S{2,30}?)(?:牵头|负责)的?(?:工作|任务|事项)"
                        r"(?:[（(][0-9０-９一二三四五六七八九十]+项[）)])?")


def duty_holder(node: OutlineNode, structure: Structure) -> str | None:
    """The unit a duty-list item belongs to (`1.街道消委办。牵头开展…`, `2．各居民区：…`):
    an item whose heading is a unit's name, known as one, or under a part about duties
    (职责分工), or a heading of the items a unit leads (`一、县示范区管委会牵头工作（8项）`).
    None for other items (`1.定时投放点设置`)."""
    if not node.heading:
        return None
    group = _LED_GROUP.fullmatch(node.heading.strip())
    if group and all(is_org_name(group.group(1)[a:b]) or known(group.group(1)[a:b])
                     for a, b in split_units(group.group(1), 0)):
        return group.group(1)  # 一、县示范区管委会牵头工作（8项）: the unit leads the group's items
    if node.kind not in ("num", "paren_num", "circled"):
        return None
    name = node.heading.strip()
    units = split_units(name, 0)
    if not units or any(b - a > 24 or "的" in name[a:b] for a, b in units):
        return None  # 1.主要指标的责任部门。: a heading about units, not one unit
    if all((known(name[a:b]) or is_head_name(name[a:b])) and not _verb_phrase(name[a:b])
           for a, b in units):
        return name
    parent = node.parent
    if parent is not None and _DUTY_PART.search(parent.heading) and all(
            valid_item(name[a:b], True, False) and not task_verbs().search(name[a:b])
            for a, b in units):
        return name
    return None


def _duty_heads(text: str, col: _Collector) -> None:
    """The unit heading a duty-list item leads its duties (ANNOTATION.md §2)."""
    for node in col.structure.nodes():
        name = duty_holder(node, col.structure)
        if name is not None:
            for a, b in split_units(name, node.heading_start):
                col.add(a, b, "lead")


@functools.cache
def _named_responsible() -> re.Pattern[str]:
    """X为/是/作为…责任主体 (data/lead_predicates.txt), X at the clause start."""
    return re.compile(rf"(?:^|(?<=[。；;，,\n]))[ \u3000\t]*([{HAN}、（）()]{{2,30}}?)"
                      rf"(?:为|是|作为)[^，,。；;\n]{{0,16}}?(?:{_lead_predicates().pattern})",
                      re.M)


_RESPONSIBLE_STOPS = "。；;，,\n"  # where _named_responsible's clause starts and ends


@functools.cache
def _lead_predicates() -> re.Pattern[str]:
    return re.compile(alternation(words("lead_predicates.txt")))


def _responsible_subjects(text: str, col: _Collector) -> None:
    """各村为减量化工作的责任主体: the unit said to be responsible leads."""
    for m in _at_clause_starts(_named_responsible(), _lead_predicates(), _RESPONSIBLE_STOPS, text):
        units = split_units(m.group(1), m.start(1))
        if units and all(known(text[a:b]) or is_head_name(text[a:b]) for a, b in units):
            for a, b in units:
                col.add(a, b, "lead")


@functools.cache
def _duty_phrase() -> re.Pattern[str]:
    """压实…责任、…责任和…责任: a responsibility verb (data/lead_duties.txt) and the run
    of responsibilities it lays on, within the clause."""
    verbs = alternation(words("lead_duties.txt", "verb"))
    return re.compile(rf"(?:{verbs})((?:[{HAN}、（）()“”]{{2,40}}?责任(?:[、和及与]|$|(?=[，,。；;\n])))+)")


def _duty_owner(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The bodies that own one responsibility text[a:b] (…责任 stripped): the longest
    list of named units at its start, right before a kind of responsibility
    (地方属地, 行业主管部门、相关部门监管, 政府全面从严治党主体)."""
    kinds = words("lead_duties.txt", "kind")
    if not any(text.endswith(k, a, b) for k in kinds):
        return []
    owners = words("lead_duties.txt", "owner")
    for e in range(min(b - 2, a + 24), a + 1, -1):
        units = split_units(text[a:e], a)
        if units and all(known(text[x:y]) or text[x:y] in owners for x, y in units) \
                and not _cuts_a_name(text, a, e) and text[e] != "的":
            return units
    return []


def _duty_owners(text: str, col: _Collector) -> None:
    """压实地方属地责任、部门监管责任和企业主体责任: each body that is to carry its
    responsibility leads the task (data/lead_duties.txt)."""
    for m in _duty_phrase().finditer(text):
        pos = m.start(1)
        for part in re.finditer(r"(.+?)责任(?:[、和及与]|$)", m.group(1)):
            a, b = pos + part.start(1), pos + part.end(1)
            for x, y in _duty_owner(text, a, b):
                col.add(x, y, "lead")


def addressees(text: str, structure: Structure) -> list[tuple[int, int]]:
    """The units a notice is sent to: a line near its top that lists units and ends with
    a colon (各办、中心、综合行政执法队、各村：)."""
    head = text[:structure.outline[0].start] if structure.outline else text[:600]
    for m in re.finditer(r"^[ \u3000\t]*([^\n：:]{2,80})[：:][ \u3000\t]*$", head[:1200], re.M):
        line, base = m.group(1), m.start(1)
        if "，" in line or "," in line:  # 各乡、镇人民政府，区政府各委、办、局: a comma parts units
            units = []
            for p in re.finditer(r"[^，,]+", line):
                a, b = base + p.start(), base + p.end()
                parts = split_units(text[a:b], a)  # 各街道办事处、彭浦镇政府: two named units
                named = len(parts) > 1 and all(known(text[x:y]) for x, y in parts)
                units += parts if named else [(a, b)]
            ok = all(b - a <= 20 and not VERBISH.search(text[a:b]) for a, b in units)
        else:
            units = split_units(line, base)
            ok = bool(units) and all(valid_item(text[a:b], True, False) for a, b in units)
        if ok:
            return units
    return []


def _addressees(text: str, col: _Collector) -> None:
    for a, b in addressees(text, col.structure):
        col.add(a, b, "lead")


def _table_cells(text: str, col: _Collector) -> None:
    """The units of a task table's lead and partner columns (牵头部门 | 配合部门)."""
    for table in col.structure.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell.role not in ("lead", "partner"):
                    continue
                for a, b in split_units(cell.text, cell.start):
                    if valid_item(text[a:b], True, True):
                        col.add(a, b, cell.role)


def _acting_subjects(text: str, col: _Collector) -> None:
    """区商务委对接企业…, 派出所民警要…, 各街镇（园区）完成…: a unit list that opens a
    sentence or clause, right before what it does, leads that task (ANNOTATION.md §2).

    Every unit must be a body by the gazetteer or an organisation's ending; after a
    comma, where a clause often opens with its object, a group ending is not enough
    unless 各 marks the name as the units addressed (各推进主体).
    """
    verbs = _acting_verbs()
    adverbs = re.compile(alternation(words("subject_adverbs.txt")))
    # the characters a match can open with: most words open with none, and a set lookup
    # is much cheaper than a failed match
    adverb_first = {w[0] for w in words("subject_adverbs.txt") if w}
    verb_first = adverb_first | {w[0] for w in words("task_verbs.txt") if w}
    for line in _LINE.finditer(text):
        opens = _clause_opens(text, line.start(), line.end())
        if opens:
            _line_subjects(text, col, opens, *col.tags(line.start(), line.end()),
                           verbs, adverbs, adverb_first, verb_first)


_LINE = re.compile(r"[^\n]+")


def _line_subjects(text: str, col: _Collector, opens: list[tuple[int, int]],
                   starts: list[int], pairs: list[tuple[str, str]], verbs: re.Pattern[str], adverbs: re.Pattern[str], adverb_first: set[str],
                   verb_first: set[str]) -> None:
    """`_acting_subjects` over the clause openings of one line and its words (`pairs`,
    each starting at `starts`, which ends with where the last word ends)."""
    for open_start, s in opens:
        first = bisect.bisect_left(starts, s)
        if first >= len(pairs) or starts[first] != s:
            continue  # a subject opens a word
        word, tag = pairs[first]
        if tag in ("v", "vd") and not _determiner(word) or tag[:1] in ("p", "c", "d"):
            continue  # 出现居民…, 根据环卫公司…: the clause opens with a verb, not a subject
            # (相关职能部门公示…: jieba tags the determiner 相关 a verb)
        after_comma = open_start > 0 and text[open_start - 1] in "，,"
        limit = _run_end(_NOT_CLAUSE_STOP, text, s, 48)
        if limit - s < 3:
            continue
        # the clause's words (start, word, tag): those that end by the limit (a word
        # ends where the next starts), made only for the clauses that get this far
        last = bisect.bisect_right(starts, limit, first + 1) - 1
        ends = [(starts[x], *pairs[x]) for x in range(first, last)]
        if not ends:
            continue
        n = len(ends)
        closed = limit < len(text) and text[limit] in "，,。；;"  # the clause ends at a stop
        for i, (k, token, tag) in enumerate(ends):
            if k - s < 2 or not (tag[:1] in "dvp" or text[k] in verb_first
                                 or tag in ("i", "l") and len(token) >= 4):
                continue  # a word that is no adverb, verb, preposition or idiom: not what
                # stops a subject (the tests below), and two words in three are none
            j = i
            while j < n:
                if ends[j][2] == "d":
                    j += 1
                    continue
                at = ends[j][0]  # 按要求, 按照职责: an adverb may span tokens
                adv = adverbs.match(text, at) if text[at] in adverb_first else None
                if adv is None:
                    break
                while j < n and ends[j][0] < adv.end():
                    j += 1
            if j == n:
                # 各职能部门按照职责，分别牵头完成…: only adverbs before the comma, the act after it
                if not (limit < len(text) and text[limit] in "，," and verbs.match(text, limit + 1)):
                    break
                acts, ruled, alone = True, False, False
            else:
                nxt = ends[j]
                acts = (text[nxt[0]] in verb_first and verbs.match(text, nxt[0])
                        and col.starts_a_word(nxt[0], nxt[1])
                        or nxt[2].startswith("v") and nxt[2] != "vn" and len(nxt[1]) > 1
                        # 各职能部门各司其职: units addressed one by one act by an idiom
                        or text[s] == "各" and nxt[2] in ("i", "l") and len(nxt[1]) >= 4)
                # 镇财政所、镇规建办对相关费用进行审核: a body, a prepositional phrase, its act;
                # 建管中心将根据违法事项和项目特征，牵头组织…: the act after the comma
                ruled = nxt[2] == "p" and (any(text[t[0]] in verb_first and verbs.match(text, t[0])
                                               or t[2] == "v" and len(t[1]) > 1
                                               for t in ends[j + 1:])
                                           or limit < len(text) and text[limit] in "，,"
                                           and verbs.match(text, limit + 1) is not None)
                # 主要领导抓，分管领导具体抓: a one-character verb that ends the clause
                alone = not (acts or ruled) and nxt[2] == "v" and j == n - 1 \
                    and len(nxt[1]) == 1 and limit < len(text) and text[limit] in "，,。；;、"
                if not (acts or ruled or alone):
                    continue
            if j < n and closed and all(t[2][:1] in ("v", "d") or verbs.fullmatch(t[1])  # 落地 is tagged n
                                        for t in ends[j:]) and not (alone and all(
                        gazetteer_type(text[a:b]) == "role" for a, b in split_units(text[s:k], s))):
                break  # 中欧班列集结中心加快建设，: the thing built, not one who acts (a role acts)
            if _ends_no_name(text, s, k, col.name_ends):
                continue
            units = [(s + a, s + b) for a, b in _subject_units(
                text[s:k], text[k:k + _distributive_reach()])]
            if units and all(known(text[a:b]) or text[a:b] in col.names  # 水务站负责… after a list
                             or (not after_comma or text[a] == "各") and not ruled
                             and is_head_name(text[a:b])  # ，各推进主体加快开展…
                             or not after_comma and _governs(text[a:b]) for a, b in units) \
                    and not col.covered(s, k):
                for a, b in units:
                    col.add(a, b, "lead")
                break
            kind = _kind_of_list(text, s, k)
            if kind is not None and not col.covered(*kind):
                col.add(*kind, "lead")  # 电工、电焊工…等特殊工种作业人员按照有关规定接受…
                break


def _ends_no_name(text: str, s: int, k: int, name_ends: set[str]) -> bool:
    """Can no unit list text[s:k] (a clause's candidate subject) pass the test of
    `_line_subjects`, nor close a list of kinds? Its last unit ends at k (no 等, no
    service point, no separator to trim, no bracket left open), and a name that the
    gazetteer, an ending, a town's government or the document vouches for ends with
    one of their last characters. Asked before splitting the subject: three candidates
    in four end with none, and splitting them cost more than the rest of the loop."""
    end = text[k - 1]
    return end not in _name_ends() and end not in name_ends and end not in SEPARATORS \
        and not text.endswith(_unit_points(), s, k) and _TRIMMED.search(text, s, k) is None


_TRIMMED = re.compile("[等（(]")  # what split_units trims a list at, or leaves open


@functools.cache
def _name_ends() -> frozenset[str]:
    """The characters a name `known`, `is_head_name` or `_governs` takes can end with: the
    last of a gazetteer form, an organisation's or a group's ending, 镇/街道/乡, or the
    bracket of a unit's other name."""
    forms = (*gazetteer().entries, *words("org_suffixes.txt"), *words("actor_heads.txt"))
    return frozenset({w[-1] for w in forms if w} | set("镇道乡）)"))


@functools.cache
def _unit_points() -> tuple[str, ...]:
    return words("unit_points.txt")


@functools.lru_cache(maxsize=8192)
def _subject_units(subject: str, after: str) -> tuple[tuple[int, int], ...]:
    """The units of a clause's candidate subject, offsets into it: its list split, each
    past a distributive and without a service point. Memoised: every clause opening
    tries each of its prefixes. `after`, the text that follows, as far as a distributive
    reaches, is all `_past_distributive` may read beyond the subject."""
    text = subject + after
    return tuple(_without_point(text, *_past_distributive(text, a, b))
                 for a, b in split_units(subject, 0))


@functools.cache
def _distributive_reach() -> int:
    return max(map(len, longest_first("distributives.txt")), default=0)


def _without_point(text: str, a: int, b: int) -> tuple[int, int]:
    """综合行政执法队窗口 → 综合行政执法队: a known unit before its service point
    (data/unit_points.txt) is who acts."""
    for point in sorted(words("unit_points.txt"), key=len, reverse=True):
        if text.endswith(point, a, b) and known(text[a:b - len(point)]):
            return a, b - len(point)
    return a, b


def _kind_of_list(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The kind that closes a list of three or more members (电工、电焊工、气焊工、…等特殊工种作业人员):
    a name the gazetteer or an ending vouches for, or a person's (the members may be none)."""
    k = text.rfind("等", s, e)
    if k < 0 or text.count("、", s, k) < 2:
        return None
    name = text[k + 1:e]
    if 2 <= len(name) <= 12 and (known(name) or person_of(name)):
        return k + 1, e
    return None


@functools.cache
def _determiner(word: str) -> bool:
    """相关, 有关, 各: a word that only opens a unit's name (jieba may tag it a verb)."""
    return not split_prefix(word)[1]


def _governs(name: str) -> bool:
    """吴泾镇会同…, 街道将…: a town or street named as a sentence's subject is its
    government (not 全省, 本区: a whole place)."""
    return (len(name) >= 3 and name.endswith(("镇", "街道", "乡")) and name[0] not in "全本我该各"
            and not name.endswith(("城镇", "乡镇", "村镇", "集镇", "城乡", "小镇", "特色镇"))
            and bool(PLACE_AS_GOV.match(name)))


def _reads_as_clause(name: str) -> bool:
    """考评结果全市通报并上报市委 is a clause that ends like a body: it opens with a verb
    (jieba's tag, not the task verbs: 通报, 上报 are verbs of no task) or joins two.
    区住房保障房屋管理局 holds a verb inside its name and is none, nor is 戴家村村委会."""
    tags = policy_segmenter().tag(name, hmm=False)
    # a one-character "verb" opens a place's name as often (戴家村村委会: 戴 is no act)
    return bool(tags) and tags[0][1].startswith("v") and len(tags[0][0]) > 1 or "并" in name


def _actor_lines(text: str, col: _Collector) -> None:
    """A line that is nothing but a list of bodies (addressees of a notice, 考评对象) names actors.

    Units are taken while they are organisation names; at least two must be.
    """
    for m in _line_matches(_UNIT_LINE, text, 121):
        line_start = m.start(1)
        units = split_units(m.group(1).replace("，", "、"), line_start)
        good = []
        for a, b in units:
            if not (is_org_name(text[a:b]) or gazetteer_type(text[a:b]) == "body") or \
                    _reads_as_clause(text[a:b]):
                break  # 考评结果全市通报并上报市委: a sentence, not a name
            good.append((a, b))
        if len(good) >= 2:
            for a, b in good:
                col.add(a, b, "lead")
    _name_columns(text, col)


_UNIT_LINE = re.compile(r"^[ \u3000\t]*([^\n]{4,120}?)[：:。]?[ \u3000\t]*$", re.M)
_LINE_SPACE = " \u3000\t"


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of text[start:end] without the spaces at its ends (" ", "\u3000", tab)."""
    line = text[start:end]
    core = line.strip(_LINE_SPACE)
    if not core:
        return start, start
    a = start + len(line) - len(line.lstrip(_LINE_SPACE))
    return a, a + len(core)


def _line_matches(pattern: re.Pattern[str], text: str, longest: int) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern that spans a whole line (re.M ^…$, no line
    break inside) and cannot take one whose stripped length passes `longest`, but the
    empty lines' matches: a plan's lines are mostly paragraphs, which the scan tried
    at every length its lazy group allows."""
    for line in _LINE.finditer(text):
        a, b = _stripped(text, line.start(), line.end())
        if b - a <= longest:
            m = pattern.match(text, line.start(), line.end())
            if m is not None:
                yield m


def _name_columns(text: str, col: _Collector) -> None:
    """A run of three or more lines that each name one body is a list of units (the
    成员单位 of a 领导小组 or 联席会议, a table column): each is an actor."""
    run: list[tuple[int, int]] = []

    def flush() -> None:
        if len(run) >= 3:
            for a, b in run:
                col.add(a, b, "partner")
        run.clear()

    for line in _LINE.finditer(text):
        a, b = _stripped(text, line.start(), line.end())
        if a == b:
            continue
        line = text[a:b]
        if 2 <= len(line) <= 24 and (is_org_name(line) or gazetteer_type(line) == "body") \
                and not _reads_as_clause(line):
            run.append((a, b))
        else:
            flush()
    flush()


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
        if units and all(valid_item(text[a:b], False, False) for a, b in units):
            return units
    return []


_COUNT_OF_PERSONS = re.compile(r"[0-9０-９一二三四五六七八九十两]{1,3}名$")


def _placed_before(text: str, cue: int) -> list[tuple[int, int]]:
    """每个点位安排分拣员1名，主要负责…: a clause that ends by placing a person of the gazetteer
    (with a count) is followed by what that person does."""
    comma = cue
    while comma > 0 and text[comma - 1] not in BOUNDARY:
        comma -= 1
    if comma == 0 or text[comma - 1] not in "，," or (comma < cue and not fillers().fullmatch(text, comma, cue)):
        return []
    end = comma - 1
    count = _COUNT_OF_PERSONS.search(text, max(0, end - 6), end)
    if count:
        end = count.start()
    found = [g for g in gazetteer().pattern.finditer(text, max(0, end - 10), end)
             if g.end() == end and gazetteer().entries[g.group()] == "role"]
    return [(found[0].start(), end)] if found else []


def _serves(text: str, units: list[tuple[int, int]]) -> bool:
    """为X提供/服务/创造…: the list after 为 is served, not a predicate (为平台)."""
    if not units:
        return False
    tail = text[units[-1][1]:units[-1][1] + 12]
    return bool(re.match(r"(?:等[^，。；]{0,4})?(?:提供|服务|创造|营造|办理|解决|搭建|打造|量身)", tail))


def _sweep(text: str, col: _Collector, extra_names: Sequence[str] = ()) -> None:
    """Gazetteer bodies and roles anywhere; a role keeps its modifier (专职人民调解员)."""
    for m in _PATTERN_BODIES.finditer(text):
        col.add(m.start(), m.end(), "partner")
    if extra_names:
        for m in re.finditer(alternation(extra_names), text):
            col.add(m.start(), m.end(), "partner")
    gaz = gazetteer()
    for m in gaz.pattern.finditer(text):
        kind = gaz.entries[m.group()]
        if kind in ("group", "short"):
            continue
        s, e = m.start(), m.end()
        if e < len(text) and HAN_RE.match(text[e]) and kind == "body" \
                and len(m.group()) <= 2 and text[e] not in "等和及与在的为是要":
            continue  # 商会馆, 工会费: part of a longer word
        if m.group().endswith("部") and text[e:e + 1] == "门":
            continue  # 商务部门 is not 商务部
        if kind == "role":
            s = _role_modifier(text, s)
        elif kind == "body":
            p = _admin_before(text, s)
            s = p
        col.add(s, e, "partner")


def _admin_before(text: str, s: int) -> int:
    """Extend a body name left over an admin prefix written with it (街道党工委, 市税务局)."""
    for pre in ("街道", "自治区", "国家", "省", "市", "区", "县", "旗", "各"):
        if not text.startswith(pre, s - len(pre)):
            continue
        before = text[s - len(pre) - 1] if s > len(pre) else "\n"
        if before in BOUNDARY | set("、和及与由对在将的") or (
                len(pre) == 1 and before not in _PLACE_WORD_ENDS):
            return s - len(pre)  # 提请市人大常委会审议: 市 names the body's level
    return s


def _role_modifier(text: str, s: int) -> int:
    """Keep up to four modifier characters before a role noun (专职人民调解员, 平安志愿者).

    jieba's tags are a weak signal, but enough to stop at a verb or an adverb.
    """
    cs = _clause_start(text, s, 6)
    tokens = policy_segmenter().tag(text[cs:s])
    start = s
    for word, flag in reversed(tokens):
        if flag[:1] not in ("n", "a", "b", "j") or s - (start - len(word)) > 4 \
                or task_verbs().match(word):  # 深化律师(调解): jieba tags 深化 j
            break
        start -= len(word)
    return start


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
            if not VERBISH.search(text[a:b]):
                col.add(a, b, m.role)
            break


_TITLE = re.compile(r"《([^《》\n]{1,120})》")
_CONSULT = re.compile(r"征求[^，,。；;\n]{0,30}$")
_OPINION = re.compile(r"[^，,。；;\n]{0,4}?意见")


_ACCORDING = re.compile(r"(?:根据|按照|依照|遵照)[^，,。；;\n]{0,12}$")
_INSTRUCTION = re.compile(r"[^，,。；;\n]{0,8}?(?:安排|部署|要求|精神|指示|决策)")


def _instructing(text: str, start: int, end: int) -> bool:
    """按照市委市政府部署要求, 根据区委统一安排: the body whose instruction a task follows gave it,
    it takes no part in it."""
    return (_ACCORDING.search(text, max(0, start - 12), start) is not None
            and _INSTRUCTION.match(text, end) is not None)


def _consulted(text: str, start: int, end: int) -> bool:
    """在充分征求区政府、…区农垦集团主要领导意见后: those asked for their views take no part in the task."""
    return (_CONSULT.search(text, max(0, start - 30), start) is not None
            and _OPINION.match(text, end) is not None)


# the issuer's own scope (推动全街道基层党建, 今年全街道发展的预期目标): where, not who
_SCOPE = re.compile(r"(?:今年|明年|当年)?全(?:街道|镇|乡|区|市|县|省)")


@functools.cache
def _official_label_re() -> re.Pattern[str]:
    """A label of the official in charge right before a mention (牵头领导：省政府分管领导同志):
    role `none` in data/role_cues.tsv; the official is in charge, no unit of the task."""
    labels = [cue for cue, role, where in role_cues() if role == "none" and where == "note"]
    return re.compile(f"(?:{alternation(labels)})\\s*[:：]\\s*$" if labels else "(?!)")


def _title_line(text: str, structure: Structure) -> list[tuple[int, int]]:
    """The plan's title line (城东街道2025年工作谋划): it names the issuer, who leads by default."""
    title = structure.title
    if not title or "：" in title or ":" in title:
        return []  # 牵头单位：X；配合单位：Y alone on a line is a note, no title
    at = text.find(title, 0, 400)
    if at < 0 or not text[at + len(title):].strip():
        return []  # a text of one line is all body
    return [(at, at + len(title))]


@functools.cache
def _titled_re() -> re.Pattern[str]:
    """A verb of receiving a title right after a body (入列, 获评: data/title_verbs.txt)."""
    return re.compile(f"(?:成功)?(?:{alternation(words('title_verbs.txt'))})")


@functools.cache
def _authored_re() -> re.Pattern[str]:
    """A verb of authorship and 的 right after a body (印发的, 确定的: data/author_verbs.txt)."""
    # also the first of a list of authors (市委、市政府下达的…目标任务)
    return re.compile(rf"(?:[、和与及][{HAN}]{{2,10}}?)*?(?:{alternation(words('author_verbs.txt'))})的")


def find_actor_mentions(text: str, structure: Structure, *,
                        word_starts: Sequence[int] | None = None,
                        extra_names: Sequence[str] = ()) -> list[ActorMention]:
    """Every actor mention of the text with its role, in text order.

    `word_starts` are where the segmenter's words begin (a Doc's token offsets); without
    them the text is segmented here, where words are asked about. `extra_names` are bodies to find anywhere,
    like the gazetteer's.
    """
    # without a Doc's tokens, a piece of the text is segmented only when a question
    # about its words comes (a fifth of the text is ever asked about)
    words = policy_segmenter().word_starts(text) if word_starts is None else WordStarts(word_starts)
    col = _Collector(text, structure, words)
    _notes(text, col)
    _table_cells(text, col)
    _duty_heads(text, col)
    _addressees(text, col)
    _responsible_subjects(text, col)
    _duty_owners(text, col)
    _cues(text, col)
    _subjects(text, col)
    _acting_subjects(text, col)
    _actor_lines(text, col)
    _sweep(text, col, extra_names)
    _role_siblings(text, col)
    titles = SpanIndex(([m.span(1) for m in _TITLE.finditer(text)] if "《" in text else [])
                       + _title_line(text, structure))
    authored, official, titled = _authored_re(), _official_label_re(), _titled_re()
    labels = {cue for cue, _, where in role_cues() if where == "note"}  # 牵头责任单位：names none
    # a body named inside a document's title (《中共北京市委…关于…的意见》) names the title; one
    # that wrote or decided what the task carries out (国家发展改革委印发的《…》) acts elsewhere
    mentions = sorted((m for m in col.spans.values()
                       if not any(s <= m.start and m.end <= e
                                  for s, e in titles.overlapping(m.start, m.end))
                       and not authored.match(text, m.end)
                       and not official.search(text, max(0, m.start - 8), m.start)
                       and not (text[m.end:m.end + 1] in "：:|｜" and m.text in labels)
                       and not _SCOPE.fullmatch(m.text)
                       and not _consulted(text, m.start, m.end)
                       and not _instructing(text, m.start, m.end)
                       and not titled.match(text, m.end)),
                      key=lambda m: (m.start, m.end))
    keys = canonical_names([m.text for m in mentions])
    for m in mentions:
        m.name = keys[m.text]
    return mentions


# --- grouping -----------------------------------------------------------------------


