"""Programmes: the named platforms, mechanisms, campaigns, projects and documents of a plan.

A plan names its programmes in four ways, found here in this order:
1. in quotes, Chinese, ASCII or mixed (“美丽街区”, "一网通办", “应接尽接");
2. as 《document titles》;
3. unquoted, by their ending (河长制, 物业管理提升工程, 网络体系强基行动) or by a slot
   (以区域化党建和网格化党建为平台);
4. again, unquoted, once the document has named them: every later occurrence counts.
Quoted numbered slogans (“十四五”, “三个吴淞”) are kept but marked `formulation`; quoted
words of emphasis (“比学赶超”的冲劲) are dropped. Political slogans and principles are no
programmes (ANNOTATION.md §3): a name made of coordinated short clauses (不忘初心、牢记使命,
感党恩、听党话、跟党走) or of a copula clause (绿水青山就是金山银山) is a `slogan`, left out
unless asked for (`slogans=True`); coordinated chunks that count or schedule
(一年试点、三年扩容至10个小区) are phrases and dropped; generic policy nouns
(data/program_not_names.txt) are dropped.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

from ..offsets import Occupied, SpanIndex
from ..outline import Structure
from ..records import ProgramMention, Task
from ..resources import (
    alternation,
    at_every_position,
    data_lines,
    exceptions,
    flagged,
    policy_segmenter,
    rows,
    words,
)
from ..text import HAN, window_start
from .program_model import ProgramModel, name_features, resolve_program_model

_OPEN = "“\"「『"
_CLOSE = "”\"」』"
_NUM = "一二三四五六七八九十两双百千万0-9０-９"
_NUM_START = re.compile(f"[{_NUM}]")
_FORMULATION = re.compile(rf"^(?:[{_NUM}]+"
                          rf"|[{_NUM}]+[个大项张类条种批][{HAN}]{{1,4}}"
                          rf"|(?:[{_NUM}]+[{HAN}]{{1,2}}){{1,3}}[{_NUM}]?"
                          rf"|[0-9０-９]+[+＋][0-9０-９XxN]+)$")
# a frozenset: text.window_start scans for it with a regex (a set would be looped over)
_BOUNDARY = frozenset("，,。；;：:（()）\n！？!?“”\"《》「」『』【】[]、　 \t\u2002\u2003\u00a0\r")
# endings that need a specific name before them (完善体系 and 创新机制 are not names)
_LONG_CORE = frozenset(("机制", "模式", "平台", "制度", "体系", "战略", "基金", "试点", "条例", "政策"))
# heads that need a specific field before them once a generic adjective is set aside
_GROUPING = ("体系", "机制", "制度", "模式", "平台")
# a name that opens with a count is a fragment (6个区域消费中心城市, 新建7家…平台)
_COUNT = re.compile(rf"[{_NUM}]+(?:个|家|项|批|座|条|所|名|支|组|批次)")
# a document named inside a title (《关于印发<…工作方案>的函》, 〈…试行办法〉)
_INNER_TITLE = re.compile(r"[<〈＜]([^<>〈〉＜＞\n]{4,60})[>〉＞]")
# the session of an event, the batch of a programme or the edition of a list (第七届, 第48届,
# 第二批, 2024年版, the year of 2024长江文明论坛); a round stays (第二轮回天行动计划, 第二轮土地承包…试点)
_SESSION = re.compile(rf"第[{_NUM}]+[届批]|首届|[0-9０-９]{{4}}年版|(?:19|20)[0-9]{{2}}(?:年度?|(?=[{HAN}]))")
_INNER_YEAR = re.compile(rf"(?<=[{HAN}])(?:19|20)[0-9]{{2}}年")
# a quoted number code (“33618”, “1+3+8”, “415X”); a lone digit (“1”是…) explains a code
_CODE = re.compile(r"^(?:[0-9０-９]{2,}[XxＸ]?|[0-9０-９]{1,2}(?:[+＋][0-9０-９XxＸN]{1,2})+)$")
# a quoted plan period (“十五五”碳达峰实施方案): it dates the name after it, names no kind of it
_PERIOD_QUOTE = re.compile(rf"[{_OPEN}]十[一二三四五六七八九]五[{_CLOSE}]$")
# a quoted sentence or an ordinary phrase (“盼的事”) is no name
_SENTENCE = re.compile(r"[，。；！？,;!?]|的[事人话物]$|^(?=.{14,}).*的")
# a list of quotes after a quote, and the 等 closing it: “贝碧嘉”、“普拉桑”等台风
_QUOTE_LIST = re.compile(r"(?:[、和与及]?[“\"「『][^”\"」』\n]{1,20}[”\"」』])*等?")
# the slot holds no second 以…为 (以企业为主导、以项目为载体)
_SLOT = re.compile(rf"以((?:(?![以为])[{HAN}、和]){{3,24}}?)为(?:平台|载体|抓手|依托|纽带|牵引|主线)")


@functools.cache
def _suffixes() -> list[tuple[str, str, frozenset[str]]]:
    """(ending, kind, uses) of data/program_suffixes.tsv, longest ending first."""
    table = [(r[0].strip(), r[1].strip(), frozenset(r[2].split()))
             for r in rows("program_suffixes.tsv")]
    return sorted(table, key=lambda r: len(r[0]), reverse=True)


@functools.cache
def _heads() -> tuple[re.Pattern[str], dict[str, str]]:
    """Head nouns after a quote that give the quoted name its kind (“美丽街区”建设)."""
    kinds = {s: kind for s, kind, uses in _suffixes() if "head" in uses}
    return re.compile(rf"[{HAN}]{{0,8}}?({alternation(kinds)})"), kinds


@functools.cache
def _verbs() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Strong verbs (always a left edge) and weak ones (only at a clause start)."""
    return (words("program_verbs.txt", "") + words("program_verbs.txt", "conj")
            + words("program_verbs.txt", "list") + words("program_verbs.txt", "convene"),
            words("program_verbs.txt", "weak"))


@functools.cache
def _list_ends() -> tuple[str, ...]:
    """Words closing a list (等): the unquoted name after them names the class of the list."""
    return words("program_verbs.txt", "list")


@functools.cache
def _conjunctions() -> frozenset[str]:
    return frozenset(words("program_verbs.txt", "conj"))


@functools.cache
def _conj_heads() -> frozenset[str]:
    """Endings whose names keep 和/与/及 inside (events name their themes)."""
    return frozenset(s for s, _, uses in _suffixes() if "conj" in uses)


@functools.cache
def _not_after() -> dict[str, tuple[str, ...]]:
    """Words after an ending that make it a modifier (战略性, 制度型, 运动会, 工程师)."""
    rows = (ln.split("\t") for ln in data_lines("program_not_after.tsv"))
    return {r[0].strip(): tuple(r[1].split()) for r in rows if len(r) > 1}


@functools.cache
def _bad_starts() -> tuple[tuple[str, bool], ...]:
    """(word, rejects) pairs an unquoted name never opens with, longest first."""
    table = [(w, f == "reject") for w, f in flagged("program_bad_starts.txt")]
    return tuple(sorted(table, key=lambda r: len(r[0]), reverse=True))


@functools.cache
def _gazetteer_re() -> re.Pattern[str]:
    """The programme gazetteer as one pattern, longest name first (compiled once)."""
    names = sorted(program_gazetteer(), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names))


@functools.cache
def _bad_start_re() -> tuple[re.Pattern[str], dict[str, bool]]:
    """The bad starts as one anchored pattern (first listed, i.e. longest, wins)."""
    rows = _bad_starts()
    rejects: dict[str, bool] = {}
    for w, r in rows:
        rejects.setdefault(w, r)
    return re.compile("|".join(re.escape(w) for w, _ in rows)), rejects


@functools.cache
def _strong_verb_re() -> re.Pattern[str]:
    """Every strong verb at every position, longest first (a lookahead lets them overlap)."""
    return re.compile(at_every_position(_verbs()[0]))


@functools.cache
def _inner_verbs() -> re.Pattern[str]:
    """Verbs that make a clause of a would-be name (数据专区作为市大数据平台)."""
    return re.compile("|".join(re.escape(w) for w in data_lines("program_inner_verbs.txt")))


@functools.cache
def _generic_modifiers() -> tuple[str, ...]:
    return tuple(sorted(data_lines("program_generic_modifiers.txt"), key=len, reverse=True))


@functools.cache
def _quote_heads() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{ln})" for ln in data_lines("program_quote_heads.txt")))


@functools.cache
def _quote_before() -> re.Pattern[str]:
    """Words right before a quote that name what it is, something no programme is."""
    return re.compile("(?:" + "|".join(data_lines("program_quote_before.txt")) + ")$")


@functools.cache
def program_gazetteer() -> dict[str, str]:
    return dict(ln.split("\t")[:2] for ln in data_lines("program_gazetteer.tsv"))


@functools.cache
def _gazetteer_programme() -> dict[str, str]:
    """Form → the programme it names, for the gazetteer forms of a third column: one node for
    长三角一体化 and 长三角一体化发展, as for any programme however it is named."""
    return {r[0]: r[2].strip() for r in rows("program_gazetteer.tsv")
            if len(r) > 2 and r[2].strip()}


@functools.cache
def _national() -> tuple[str, ...]:
    """Words of national scope: a long name they open names a national system at once."""
    return words("program_national.txt")


@functools.cache
def _generic() -> tuple[str, ...]:
    return words("program_generic.txt")


@functools.cache
def _field_words() -> tuple[str, ...]:
    """Class modifiers that a long field before them turns into part of a name."""
    return words("program_generic.txt", "field")


@functools.cache
def _class_words() -> tuple[str, ...]:
    """Generic endings that make a class noun of any core (重大工程, 国家重大战略)."""
    return words("program_generic.txt", "class")


@functools.cache
def _repeat_heads() -> frozenset[str]:
    """Generic heads (体系, 机制, 制度…): an unquoted name so ending must recur to count."""
    return frozenset(s for s, _, uses in _suffixes() if "repeat" in uses)


@functools.cache
def _short_heads() -> frozenset[str]:
    """Endings after which a two-character core names a programme at once (田长制, 脱贫攻坚战)."""
    return frozenset(s for s, _, uses in _suffixes() if "short" in uses)


@functools.cache
def _site_heads() -> frozenset[str]:
    """Endings that name a programme only after a site (…路…弄项目, …小区…改造项目)."""
    return frozenset(s for s, _, uses in _suffixes() if "site" in uses)


@functools.cache
def _site_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{w})" for w in words("program_sites.txt")))


@functools.cache
def _name_pattern() -> re.Pattern[str]:
    alts = "|".join(re.escape(s) for s, _, uses in _suffixes() if "name" in uses)
    return re.compile(rf"(?:{alts})")


@functools.cache
def _ending_kinds() -> tuple[tuple[int, ...], dict[str, str]]:
    """(ending lengths, longest first; ending → kind) of the name and kind endings."""
    kinds: dict[str, str] = {}
    for s, kind, uses in _suffixes():
        if uses & {"name", "kind"}:
            kinds.setdefault(s, kind)
    return tuple(sorted({len(s) for s in kinds}, reverse=True)), kinds


@functools.lru_cache(maxsize=8192)  # asked for every candidate; names repeat within a plan
def kind_of(name: str, after: str = "") -> str:
    """The kind a name's ending (or the head noun after a quote) gives it."""
    lengths, kinds = _ending_kinds()
    for n in lengths:  # the longest ending wins, as in the ordered table
        kind = kinds.get(name[-n:]) if len(name) >= n else None
        if kind is not None:
            return kind
    pattern, kinds = _heads()
    head = pattern.match(after)
    return kinds[head.group(1)] if head else "brand"


_CHUNKS = re.compile(r"[、，,；;]")
_COPULA = re.compile(rf"[{HAN}]{{2,}}(?:就是|即是|才是)[{HAN}]{{2,}}")
_DIGIT = re.compile(r"[0-9０-９]")
_CENTRE = re.compile(rf"(?:坚持)?以[{HAN}]{{1,8}}为(?:中心|导向|根本|主线)")


def phrase_kind(name: str) -> str | None:
    """"slogan" for a slogan or principle, "phrase" for a schedule or an action written as
    coordinated chunks, None for a possible name. Judged by the phrase's structure."""
    if name in _slogan_names() or _is_must_clause(name):
        return "slogan"  # 两个确立 (data/slogans.txt); 疫情要防住、经济要稳住
    if is_formulation(name):
        return None
    chunks = [c for c in _CHUNKS.split(name) if c]
    if len(chunks) >= 2 and any(_DIGIT.search(c) or _COUNT.search(c) for c in chunks):
        return "phrase"  # 一年试点、三年扩容至10个小区、五年全面覆盖
    if len(chunks) >= 2 and all(1 <= len(c) <= 9 for c in chunks):
        if not _name_pattern().search(chunks[-1][-3:]):
            return "slogan"  # 不忘初心、牢记使命; 感党恩、听党话、跟党走
    if _COPULA.fullmatch(name):
        return "slogan"  # 绿水青山就是金山银山
    if _CENTRE.fullmatch(name):
        return "slogan"  # 坚持以人民为中心: what work is centred on, a principle
    return None


@functools.cache
def _slogan_names() -> frozenset[str]:
    return frozenset(words("slogans.txt"))


def _is_must_clause(name: str) -> bool:
    """疫情要防住: a subject, 要 as a word of its own, a verb — a watchword (not 数据要素市场)."""
    if not 4 <= len(name) <= 8 or "要" not in name:
        return False
    tags = policy_segmenter().tag(name, hmm=False)
    return len(tags) >= 3 and tags[0][1][:1] in ("n", "v") and tags[1][0] == "要" \
        and tags[2][1][:1] in ("v", "a")


@functools.cache
def _not_names() -> frozenset[str]:
    return frozenset(words("program_not_names.txt"))


def is_formulation(name: str) -> bool:
    """A numbered slogan: 十四五, 三个吴淞, 两带四区, 5+1, 六个规范化."""
    return bool(_FORMULATION.match(name) or _CODE.match(name))


# --- 1. quotes and 2. titles ------------------------------------------------------

_QUOTE_EVENT = re.compile("[" + re.escape(_OPEN + _CLOSE + "\n。；;") + "]")


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans inside quotes, pairing any opener with the next closer on the same line."""
    out = []
    open_at = None
    for hit in _QUOTE_EVENT.finditer(text):  # the only characters that change the state
        i, ch = hit.start(), hit.group()
        if ch == "\n":
            open_at = None
        elif open_at is None and ch in _OPEN:
            open_at = i
        elif open_at is not None and ch in _CLOSE:
            out.append((open_at + 1, i))
            open_at = None
        elif open_at is not None and ch in "。；;" :
            open_at = None
    return out


_NAME_CHAR = re.compile(rf"[{HAN}A-Za-z]")  # compiled once: asked of every quote


def _is_emphasis(text: str, s: int, e: int) -> bool:
    """“比学赶超”的冲劲, “停车难”矛盾: quoted for emphasis, not a programme."""
    name = text[s:e]
    if _CODE.match(name):
        return False  # “33618”现代制造业集群, “1+3+8”政策体系: a numbered formulation
    if len(name) < 2 or not _NAME_CHAR.search(name):
        return True
    if _SENTENCE.search(name):
        return True
    if (is_formulation(name) or _name_pattern().search(name)
            or name.endswith(tuple(_heads()[1]))):  # “爱心驿站”的公益服务: a head ends it
        return False  # “四稳”要求, “三张清单”作用: numbered slogans stay
    if name in _generic_modifiers():
        return True  # 基础教育“高品质”校园: a quality, not a name
    if _quote_before().search(text, max(0, s - 6), s - 1):
        return True  # 超强台风“摩羯”
    after = _QUOTE_LIST.match(text, e + 1).end()
    return bool(_quote_heads().match(text, after))


def _clean_start(text: str, s: int, e: int) -> int | None:
    """Where an unquoted name really starts, or None when it is no name.

    Governing verbs, prepositions and pronouns left at the edge are stripped
    (畅通货币政策传导机制 → 货币政策传导机制); determiners, counts and clause subjects
    make a fragment, not a name (各类工业互联网平台, 6个区域消费中心城市, 我们要…).
    """
    pattern, rejects = _bad_start_re()
    while True:
        session = _SESSION.match(text, s, e)
        if session:  # 第七届中阿博览会 → 中阿博览会, 布局第12批…计划: one name over its batches
            s = session.end()
        m = pattern.match(text, s)
        if m is None:
            break
        if rejects[m.group()]:
            return None  # also when it is the whole core: 提交大会审查
        if m.end() >= e:
            break
        s = m.end()
    if _COUNT.match(text, s, e) or _inner_verbs().search(text, s, e) \
            or _INNER_YEAR.search(text, s, e):
        return None  # 云塑小镇项目2021年二期计划投资: a year inside makes a clause of it
    return s


def _is_grouping(core: str, suffix: str) -> bool:
    """现代化产业体系, 完整内需体系: a generic adjective and a bare field before a generic head."""
    if suffix not in _GROUPING:
        return False
    for mod in _generic_modifiers():
        if core.startswith(mod):
            return len(core) - len(mod) <= 2
    return False


@functools.cache
def _quote_head_re() -> re.Pattern[str]:
    """A few characters and a name's ending right after a closing quote (“三北”工程)."""
    return re.compile(rf"[{HAN}]{{0,6}}?(?:{_name_pattern().pattern})")


def _quote_head(text: str, close: int) -> int | None:
    """Where the programme head after the quote closing at `close` ends, or None: a quote and
    the ending that names its kind are one mention (“皖企登云”提质扩面工程, “揭榜挂帅”机制)."""
    if text[close:close + 1] not in _CLOSE or _PERIOD_QUOTE.search(text, max(0, close - 4),
                                                                      close + 1):
        return None
    m = _quote_head_re().match(text, close + 1)
    if m is None or m.group().startswith(_list_ends() + tuple(_conjunctions())):
        return None  # “模力社区”等创新生态示范区: the class of a list
    suffix = next(s for s, _, _ in _suffixes() if m.group().endswith(s))
    if text.startswith(_not_after().get(suffix, ()), m.end()):
        return None  # “卓越”工程师
    return m.end()


# --- 3. unquoted names by their ending -------------------------------------------

@functools.cache
def _not_verbs() -> tuple[str, ...]:
    """Words holding a one-character verb (高等教育's 等, 行为's 为): no left edge there."""
    return exceptions("program_verbs.txt")


@functools.cache
def _not_verb_re() -> re.Pattern[str]:
    return re.compile(at_every_position(_not_verbs()))


@functools.lru_cache(maxsize=4)
def _covered(text: str) -> frozenset[int]:
    """Offsets inside a word that holds a verb but is none (高等, 持续改善), once per text."""
    return frozenset(i for m in _not_verb_re().finditer(text)
                     for i in range(m.start(), m.start() + len(m.group(1))))


def _in_word(text: str, k: int) -> bool:
    return k in _covered(text)


def _ends_as_name(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends with a programme ending (准入清单和…制度: two names)."""
    lengths, kinds = _ending_kinds()
    return any(end - n >= start and text[end - n:end] in kinds for n in lengths)


def _left_edge(text: str, end_core: int, limit: int = 18,
               conj_inside: bool = False) -> tuple[int, int]:
    """Where an unquoted name starts: after the nearest governing verb or punctuation
    (a conjunction too, unless `conj_inside` and only two characters follow it).

    Returns (clause start, name start).
    """
    i = window_start(text, end_core, _BOUNDARY, limit)
    _, weak = _verbs()
    best = i
    for m in _strong_verb_re().finditer(text, i, end_core):
        v = m.group(1)
        k = m.start()
        if k + len(v) > end_core or _in_word(text, k):
            continue  # 高等教育's 等, 空气质量持续改善's 持续: inside a word
        if conj_inside and v in _conjunctions() and end_core - k - len(v) <= 2:
            continue  # 长江保护与发展论坛: a lone two-character theme names no event
        if (v in _conjunctions() and not conj_inside and k - best >= 4
                and end_core - k - len(v) >= 3 and not _ends_as_name(text, best, k)
                and _clean_start(text, k + len(v), end_core) == k + len(v)):
            # 黄河流域生态保护和高质量发展先行区: the first conjunct is no name but a field the
            # head serves too; 准入清单和…管理制度 (two names), 勘查作业及其辅助工程 (a pronoun) split
            continue
        best = max(best, k + len(v))
    # weak verbs end the context only right at the clause start or after a strong verb
    moved = True
    while moved and text[best:best + 1] in _weak_first():  # no weak verb opens here: done
        moved = False
        for v in weak:
            if text.startswith(v, best) and best + len(v) < end_core:
                best += len(v)
                moved = True
    return i, best


@functools.cache
def _weak_first() -> frozenset[str]:
    """The characters weak verbs open with: most places open none of them."""
    return frozenset(v[0] for v in _verbs()[1] if v)


def _by_ending(text: str, quoted: list[tuple[int, int]],
               headings: dict[int, str]) -> list[tuple[int, int, str]]:
    out = []
    inside = SpanIndex([(s - 1, e + 1) for s, e in quoted])
    slots = {m.start() for m in _SLOT.finditer(text)}  # 以…为抓手: 以 opens no name
    for m in _name_pattern().finditer(text):
        suffix = m.group()
        if m.end() < len(text) and text[m.end()] in "体":  # 机制体制
            continue
        if text.startswith(_not_after().get(suffix, ()), m.end()):
            continue  # 工程师, 在思想上行动上, 战略性重组, 制度型开放
        if m.start() > 0 and text[m.start() - 1] in "与和及" and suffix not in _conj_heads():
            continue  # 经济发展目标与计划: a head coordinated with a noun is a common noun
        clause, s = _left_edge(text, m.start(), 30, suffix in _conj_heads())
        if clause in headings and s > clause:
            s = clause + _verb_prefix(text, clause, m.start())
            s = max(s, text.rfind("的", s, m.start()) + 1)  # 建立齐抓共管的工作机制
            cleaned = _clean_start(text, s, m.start())
            core = text[cleaned or s:m.start()]
            if (cleaned is None or len(core) < 2 or core in _generic()
                    or core in _long_strong_verbs()  # （二）加快体系建设: a verb, no core
                    or _is_grouping(core, suffix)):
                continue
            s = cleaned
            # a heading that is a programme's name: （三）平台体系赋能行动, 四、完善…机制
            if text[s:m.end()] == headings[clause] or len(text[s:m.end()]) <= 14:
                out.append((s + (s in slots), m.end(), suffix))
                continue
        if s > 0 and text[s - 1] in _CLOSE and not _PERIOD_QUOTE.search(text, max(0, s - 5), s):
            continue  # “社区云”社区治理平台: the descriptor of a quoted programme
        if inside.containing(s):
            continue
        s = max(s, text.rfind("的", s, m.start()) + 1)  # 齐抓共管的工作机制
        cleaned = _clean_start(text, s, m.start())
        if cleaned is None:
            continue
        s = _before_parenthesis(text, cleaned)
        if kind_of(suffix) == "campaign":  # one campaign over several fields (中德、中日产业园: two)
            s = _shared_head_start(text, s, m.start())
        core = text[s:m.start()]
        if (text.endswith(_list_ends(), 0, s) and not _in_word(text, s - 1)
                and not _NUM_START.match(core)):
            continue  # 打击电诈等违法犯罪专项行动: a class of the things listed
        if suffix in _MEETING_HEADS and text.endswith(words("program_verbs.txt", "convene"), 0, s):
            continue  # 召开全区教育大会: a meeting convened
        if suffix == "长制":
            ok = 1 <= len(core) <= 12
        else:
            generic_end = (core.endswith(_generic()) if suffix in _repeat_heads()
                           else len(_strip_generic(core)) < 2)
            # a works project is named by its sites, which may be long (北苏州路公共空间和共和
            # 新路桥下空间品质提升工程); any other core that long is a clause, not a name
            longest = 26 if suffix in _SITE_WORKS and _ADDRESS.search(core) else 16
            ok = (2 <= len(core) <= longest and not generic_end and core not in _generic()
                  and not _is_grouping(core, suffix))
            if suffix in _LONG_CORE:
                ok = ok and len(core) >= 4
            if suffix in _site_heads():
                ok = ok and bool(_site_re().search(core))  # 愚园路627弄项目, not 重大产业项目
        if ok and not _DIGIT.match(core):
            out.append((s + (s in slots), m.end(), suffix))
    return out


_SHORT_ITEM = re.compile(f"[{HAN}]{{1,2}}、$")


def _shared_head_start(text: str, s: int, end_core: int) -> int:
    """蓝天、碧水、净土保卫战: short cores listed with 、 share one campaign's head and make one
    name, which starts at the first of them when a name may start there."""
    if not 1 <= end_core - s <= 2:
        return s
    first = s
    while (item := _SHORT_ITEM.search(text, max(0, first - 3), first)) is not None:
        first = item.start()
    if first == s:
        return s
    _, edge = _left_edge(text, first + 1)
    return first if edge == first else s


_SITE_WORKS = ("工程", "项目")
_MEETING_HEADS = ("大会",)  # a 大会 is a meeting where it is convened (召开), an event where held
_ADDRESS = re.compile("[路巷弄号厂馆]")  # an address or a building, not a class (老旧小区)
_PAREN_NOTE = re.compile(rf"（[{HAN}0-9０-９]{{2,8}}）$")


def _before_parenthesis(text: str, s: int) -> int:
    """A site's name keeps the note in parentheses inside it (威海路500号（四季酒店）项目): the
    name starts before the note when a name stands there."""
    note = _PAREN_NOTE.search(text, max(0, s - 10), s)
    if note is None:
        return s
    _, start = _left_edge(text, note.start(), 20)
    start = _clean_start(text, start, note.start())
    return start if start is not None and note.start() - start >= 3 else s


def _strip_generic(core: str) -> str:
    """The core without its generic endings: 固体废物综合治理 → 固体废物, 专项整治 stays."""
    if core.endswith(_class_words()):
        return ""
    for w in _field_words():
        if core.endswith(w):
            field = core[:-len(w)]
            if len(field) < 4 or field.endswith(_national()):
                return ""
    lengths, rank = _generic_endings()
    while core:
        # the first generic word of the file that ends the core decides, as a loop over
        # the file's words would: strip it, or nothing is left when it is the whole core
        found = [rank[core[-k:]] for k in lengths if k <= len(core) and core[-k:] in rank]
        if not found:
            break
        g = _generic()[min(found)]
        if len(g) == len(core):
            return ""
        core = core[:-len(g)]
    return core


@functools.cache
def _generic_endings() -> tuple[tuple[int, ...], dict[str, int]]:
    """(the lengths of the generic words, each word's place in its file)."""
    rank: dict[str, int] = {}
    for i, g in enumerate(_generic()):
        if g:
            rank.setdefault(g, i)
    return tuple(sorted({len(g) for g in rank})), rank


def _verb_prefix(text: str, start: int, end: int) -> int:
    """Length of the strong verbs opening a heading (深入实施科教兴国战略 → 科教兴国战略)."""
    i = start
    moved = True
    while moved:
        moved = False
        for v in _long_strong_verbs():
            if text.startswith(v, i) and i + len(v) < end:
                i += len(v)
                moved = True
                break
    return i - start


@functools.cache
def _long_strong_verbs() -> tuple[str, ...]:
    """Strong verbs of two or more characters, longest first (sorted once, not per call)."""
    strong, _ = _verbs()
    return tuple(v for v in sorted(strong, key=len, reverse=True) if len(v) >= 2)


@functools.cache
def _brand_heads() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{ln})" for ln in data_lines("program_brand_heads.txt")))


@functools.cache
def _brand_prefixed() -> re.Pattern[str]:
    """平安浙江法治浙江建设: quality + place names standing before 建设."""
    alts = "|".join(re.escape(p) for p in data_lines("program_brand_prefixes.txt"))
    unit = rf"(?:{alts})[{HAN}]{{2}}"
    return re.compile(rf"{unit}(?=[、和与]?(?:{unit}[、和与]?)*建设)")


@functools.cache
def _brand_built() -> re.Pattern[str]:
    """建设更高水平的平安上海、法治中国。: quality + place names a clause builds, after 的."""
    alts = "|".join(re.escape(p) for p in data_lines("program_brand_prefixes.txt"))
    unit = rf"(?:{alts})[{HAN}]{{2}}"
    return re.compile(rf"(?:建设|打造)[^，。；、\n]{{0,10}}的((?:{unit}、)*{unit})(?=[，。；\n])")


def _by_build(text: str) -> list[tuple[int, int]]:
    """Named goals a plan builds: 推进美丽中国建设, 加快演艺之都建设, 加快建设全球数字经济标杆城市。"""
    heads = _brand_heads()
    out = [(m.start(), m.end()) for m in _brand_prefixed().finditer(text)]
    for m in _brand_built().finditer(text):
        at = m.start(1)
        for part in m.group(1).split("、"):
            out.append((at, at + len(part)))
            at += len(part) + 1
    for m in re.finditer("建设", text):
        _clause, s = _left_edge(text, m.start(), 20)
        s = max(s, text.rfind("的", s, m.start()) + 1)  # 更高水平的平安中国
        s = _clean_start(text, s, m.start())
        if s is not None and 4 <= m.start() - s <= 14 and heads.search(text[s:m.start()]):
            out.append((s, m.start()))
    for m in re.finditer(rf"(?:建设|打造|创建|争创)([{HAN}]{{4,14}})(?=[，。；、])", text):
        s = _clean_start(text, m.start(1), m.end(1))
        if s is not None and heads.search(text[s:m.end(1)]) and "的" not in m.group(1):
            out.append((s, m.end(1)))
    # 现代化人民城市, 高品质公园城市: a generic quality before a goal describes it, names nothing
    return [(s, e) for s, e in out if not text.startswith(_generic_modifiers(), s)]


@functools.cache
def _per_unit_re() -> re.Pattern[str]:
    """一村一策, 一链一策: 一 + a unit + 一 + what each unit gets (data/program_per_unit.txt)."""
    return re.compile(rf"(?<![{_NUM}])一[{HAN}]{{1,2}}一(?:{alternation(words('program_per_unit.txt'))})")


def _by_slot(text: str) -> list[tuple[int, int]]:
    """以区域化党建和网格化党建为平台: the names in a 以…为平台 slot."""
    out = []
    for m in _SLOT.finditer(text):
        body_start = m.start(1)
        for part in re.finditer(r"[^、和]+", m.group(1)):
            if 3 <= len(part.group()) <= 10:
                out.append((body_start + part.start(), body_start + part.end()))
    return out


# --- all together -----------------------------------------------------------------

# a formula of words joined by + (科技+文化, 负面清单+操作指引), not a numbered code (1+3+N)
_WORD_FORMULA = re.compile(rf"^[{HAN}A-Za-z0-9０-９/、]{{1,12}}(?:[+＋][{HAN}A-Za-z0-9０-９/、]{{1,12}})+$")


@functools.cache
def _formula_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(an initiative line opening a formula, a head naming what a formula is) of
    data/program_formulas.txt."""
    line = re.compile(alternation(words("program_formulas.txt", "line")))
    head = re.compile(rf"[{HAN}]{{0,8}}?(?:{alternation(words('program_formulas.txt', 'head'))})")
    return line, head


def _named_formulas(text: str, mentions: list[ProgramMention]) -> set[str]:
    """The word formulas that name a programme: one opening with an initiative line
    (“互联网+监管”), or one a head names after its quote (“块数据+网格化”改革)."""
    line, head = _formula_re()
    out = set()
    for m in mentions:
        if m.name in out or not _WORD_FORMULA.match(m.name) or _CODE.match(m.name):
            continue
        if line.match(m.name):
            out.add(m.name)
        elif m.quoted:
            after = m.start + len(m.name) + 2 if m.text[:1] in _OPEN else m.end + 1
            if head.match(text, after, after + 12):
                out.add(m.name)
    return out


def _screen(text: str, mentions: list[ProgramMention], slogans: bool) -> list[ProgramMention]:
    """Slogans marked (kept only with `slogans`), phrases, generic nouns and formulas of a
    model (“公益+市场”模式) dropped. A coordinated name that a programme head follows
    (“千村示范、万村整治”工程) is a programme."""
    headed = set()
    for m in mentions:  # not a generic head: “不忘初心、牢记使命”长效机制
        after = m.start + len(m.name) + 2 if m.text[:1] in _OPEN else m.end + 1
        if (m.quoted and _heads()[0].match(text, after, after + 12)
                and not text.startswith(_generic(), after) and text[after:after + 1] != "的"):
            headed.add(m.name)  # not “两个毫不动摇”的体制机制: a mechanism serving a slogan
    formulas = _named_formulas(text, mentions)
    out = []
    for m in mentions:
        if m.name in _not_names():
            continue
        if (m.name not in formulas and m.kind != "document" and _WORD_FORMULA.match(m.name)
                and not _CODE.match(m.name)):
            continue  # “科技+文化”, “总部+基地”: a way of combining things
        # a known name is no slogan (“双随机、一公开”监管)
        kind = None if m.name in headed or m.name in program_gazetteer() else phrase_kind(m.name)
        if kind == "phrase":
            continue
        if kind == "slogan":
            if slogans:
                m.kind = "slogan"
                out.append(m)
            continue
        out.append(m)
    return out


# the written count of a yearly package a known name opens (十件民生实事, 十方面民生实事)
_PACKAGE_COUNT = re.compile("(?<![一二三四五六七八九十百0-9])[一二三四五六七八九十百]+(?:件|方面)$")
_SHORT_FOR = re.compile(r"[（(]以下简称[“\"《]$")


def _abbreviations_of_no_programme(text: str, found: dict[tuple[int, int], ProgramMention]
                                   ) -> set[str]:
    """Names defined by 以下简称 that abbreviate something no programme: 本意见所称限额以下
    建设工程（以下简称“小型工程”）. 《…条例》（以下简称《条例》） keeps its abbreviation."""
    ends: dict[int, set[str]] = {}
    for m in found.values():
        ends.setdefault(m.end, set()).add(m.name)
    out = set()
    for m in found.values():
        hit = _SHORT_FOR.search(text, max(0, m.start - 7), m.start)
        if hit and not (ends.get(hit.start(), set()) | ends.get(hit.start() - 1, set())) - {m.name}:
            out.add(m.name)
    return out


@functools.cache
def _title_cue_re() -> re.Pattern[str]:
    """A title cue of data/program_title_cues.txt and the rest of its clause up to a name."""
    return re.compile(f"(?:{alternation(words('program_title_cues.txt'))})[^，,。；;：:\n]*$")


def _only_ever(mentions, hit) -> set[str]:
    """The names every mention of which `hit` holds for: a name also named otherwise stays."""
    every: dict[str, bool] = {}
    for m in mentions:
        every[m.name] = every.get(m.name, True) and hit(m)
    return {name for name, all_hit in every.items() if all_hit}


def _titles_received(text: str, mentions) -> set[str]:
    """Names only ever named in a clause of an award (获评…, 被评为…): titles received."""
    cue = _title_cue_re()

    def hit(m: ProgramMention) -> bool:
        at = m.start - (1 if text[m.start - 1:m.start] in _OPEN + "《" else 0)
        return cue.search(text, max(0, at - 40), at) is not None
    return _only_ever(mentions, hit)


_Q = r"[“\"]([^”\"\n]{1,14})[”\"]"
# two quoted terms set against each other: a shift (从“给补贴”向“给机会”转变, 从“实验室”走向
# “大市场”) or a pairing (“硬投资”与“软建设”相结合, “国家所需”与“浙江所能”相衔接)
_CONTRAST = re.compile(
    rf"从{_Q}(?:向|到|转向|走向){_Q}"
    rf"|{_Q}(?:向|转向){_Q}(?=转变|转型|延伸|迈进|跃升)"
    rf"|{_Q}[与和]{_Q}(?=相结合|相衔接|相统一|相融合|有机结合|结合|并重|并举)")


def _contrasted(text: str, mentions) -> set[str]:
    """Names only ever quoted as one side of a contrast: terms of a figure of speech."""
    spans = SpanIndex([m.span(g) for m in _CONTRAST.finditer(text)
                       for g in range(1, 7) if m.start(g) >= 0])
    return _only_ever(mentions, lambda m: any(text[s:e] == m.name
                                              for s, e in spans.overlapping(m.start, m.end)))


def _categories(text: str, mentions) -> set[str]:
    """Numbered shorthands only ever quoted before a class noun (“四上”企业, “三小”场所): the
    name of a category of units (data/program_category_heads.txt)."""
    heads = words("program_category_heads.txt")
    return _only_ever(mentions, lambda m: m.formulation and m.quoted
                      and text[m.end:m.end + 1] in _CLOSE and text.startswith(heads, m.end + 1))


def find_slogans(text: str, structure: Structure) -> list[ProgramMention]:
    """The slogans and principles of the text (不忘初心、牢记使命), kind `slogan`."""
    return [m for m in find_program_mentions(text, structure, slogans=True)
            if m.kind == "slogan"]


def find_program_mentions(text: str, structure: Structure, *,
                          extra_names: Sequence[str] = (),
                          slogans: bool = False,
                          program_model: ProgramModel | dict | str | None = "default"
                          ) -> list[ProgramMention]:
    """Every programme mention of the text, one name per programme, in text order.

    `extra_names` are programme names to find unquoted anywhere, like the gazetteer's;
    with `slogans`, slogans and principles are kept too, with kind `slogan`.
    `program_model` judges the names the rules found ("default": the shipped model;
    None: keep them all); `extra_names` are kept whatever it says.
    """
    found: dict[tuple[int, int], ProgramMention] = {}
    occupied = Occupied()
    sure: set[str] = set()  # names found by a route that needs no second mention

    def add(s: int, e: int, kind: str, quoted: bool, sure_name: bool = True,
            name: str | None = None) -> None:
        if sure_name and (s, e) in found:
            sure.add(found[(s, e)].name)  # a gazetteer name first found by its generic ending
        if e <= s or occupied.collides(s, e):
            return
        occupied.add(s, e)
        name = name or text[s:e]
        if sure_name:
            sure.add(name)
        found[(s, e)] = ProgramMention(s, e, text[s:e], name=name, kind=kind, quoted=quoted,
                                       formulation=is_formulation(name))

    quoted = _quoted(text)
    inner: list[tuple[int, int]] = []  # 关于印发<2021年上海市城市体检工作方案>的函
    for m in re.finditer(r"《([^《》\n]{1,80})》", text):
        if not _quote_before().search(text, max(0, m.start() - 6), m.start()):
            add(m.start(1), m.end(1), "document", True)  # not 舞剧《咏春》, a work of art
            inner += [i.span(1) for i in _INNER_TITLE.finditer(text, m.start(1), m.end(1))]
    for s, e in inner:  # a document the title names: its own programme inside the title's span
        found[(s, e)] = ProgramMention(s, e, text[s:e], name=text[s:e], kind="document",
                                       quoted=True, formulation=False)
        sure.add(text[s:e])
    for s, e in quoted:
        if not 1 <= e - s <= 30 or _is_emphasis(text, s, e):
            continue
        if any(ch in "，,。" for ch in text[s:e]) and not re.search(r"[、，]", text[s:e]):
            continue
        head = _quote_head(text, e)
        if head is None:
            add(s, e, kind_of(text[s:e], text[e + 1:e + 12]), True)
        else:  # “三北”工程, “皖企登云”提质扩面工程: one mention, named by its quote
            add(s - 1, head, kind_of(text[s:e], text[e + 1:e + 12]), True, name=text[s:e])
    headings = {n.heading_start: n.heading for n in structure.nodes()}
    repeat = _repeat_heads()
    by_ending = sorted(_by_ending(text, quoted, headings), key=lambda c: c[0] - c[1])
    gaz, programme = program_gazetteer(), _gazetteer_programme()
    if gaz:  # a known name holding an ending's shorter candidate wins (实施提升行政执法质量三年行动)
        ending_spans = SpanIndex([(s, e) for s, e, _ in by_ending])
        for m in _gazetteer_re().finditer(text):
            inside = ending_spans.overlapping(m.start(), m.end())
            if inside and all(m.start() <= s and e <= m.end() and (s, e) != m.span()
                              for s, e in inside):
                add(m.start(), m.end(), gaz[m.group()], False, name=programme.get(m.group()))
    for s, e, suffix in by_ending:
        # a generic head, or a two-character core (人防工程, 年度计划; not 田长制), must recur,
        # unless a national system is named (全国一体化算力体系)
        short = e - s - len(suffix) <= 2 and suffix not in _short_heads()
        national = (suffix in _GROUPING and e - s - len(suffix) >= 6
                    and text.startswith(_national(), s))
        add(s, e, kind_of(text[s:e]), False,
            sure_name=(suffix not in repeat or national) and not short)
    if gaz:
        for m in _gazetteer_re().finditer(text):
            count = _PACKAGE_COUNT.search(text, max(0, m.start() - 4), m.start())
            add(count.start() if count else m.start(), m.end(), gaz[m.group()], False,
                name=programme.get(m.group()) or m.group())
    for s, e in _by_build(text):
        add(s, e, "brand", False)
    for s, e in _by_slot(text):
        add(s, e, "mechanism", False)
    for m in _per_unit_re().finditer(text):
        add(m.start(), m.end(), "mechanism", False)
    if extra_names:
        for m in re.finditer(alternation(extra_names), text):
            add(m.start(), m.end(), kind_of(m.group()), False)
    # 4. later unquoted occurrences of every name the document has named
    names = sorted({m.name for m in found.values() if len(m.name) >= 3 and not m.formulation},
                   key=len, reverse=True)
    kinds = {m.name: m.kind for m in found.values()}
    if names:
        pat = re.compile(alternation(names))  # a trie: the engine reads each character once
        for m in pat.finditer(text):
            add(m.start(), m.end(), kinds[m.group()], False, sure_name=False)
    # a name the text repeats recurs, also where the other occurrence stands inside a title or
    # a longer name (《…实施生活垃圾定时定点分类投放制度工作导则》, 安徽省级…平台)
    sure.update(n for n in {m.name for m in found.values()} - sure
                if len(n) >= 6 and text.count(n) >= 2)
    # a generic head names a programme only when the name recurs (收入分配制度 once is a noun)
    counts = Counter(m.name for m in found.values())
    dropped = {n for n in counts if n not in sure and counts[n] < 2}
    dropped |= _abbreviations_of_no_programme(text, found)
    dropped |= _titles_received(text, found.values())
    dropped |= _contrasted(text, found.values())
    dropped |= _categories(text, found.values())
    out = _screen(text, sorted((m for m in found.values() if m.name not in dropped),
                               key=lambda m: (m.start, m.end)), slogans)
    model = resolve_program_model(program_model)
    if model is not None:
        out = _judged(text, out, model, keep=frozenset(extra_names))
    for m in out:
        node = structure.node_at(m.start)
        m.node = node.id if node else None
        sent = structure.sentence_at(m.start)
        m.sentence = sent.id if sent else None
    return out


def program_rows(text: str, mentions: Sequence[ProgramMention]
                 ) -> list[tuple[str, list[str]]]:
    """Each programme name of `mentions` (slogans aside) with the features the
    programme model reads, in order of first mention."""
    by_name: dict[str, list[ProgramMention]] = {}
    for m in mentions:
        if m.kind != "slogan":
            by_name.setdefault(m.name, []).append(m)
    gaz, cut = program_gazetteer(), policy_segmenter().cut
    return [(name, name_features(text, ms, known=name in gaz, words=len(cut(name))))
            for name, ms in by_name.items()]


def _judged(text: str, mentions: list[ProgramMention], model: ProgramModel,
            keep: frozenset[str] = frozenset()) -> list[ProgramMention]:
    """The mentions whose name the model keeps (slogans and `keep` names stay)."""
    rows = [(name, feats) for name, feats in program_rows(text, mentions) if name not in keep]
    verdicts = model.keep([feats for _, feats in rows])
    rejected = {name for (name, _), ok in zip(rows, verdicts, strict=True) if not ok}
    return [m for m in mentions if m.name not in rejected]


def serving_goals(start: int, end: int, node: str | None, tasks: SpanIndex) -> list[str]:
    """The goals a mention serves: those of the tasks it stands in, else its own node.

    The one definition of "programme → goal": `group_programs` and the graph both use it.
    """
    inside = [t.goal for t in tasks.containing(start) if end <= t.end]
    if inside:
        return [g for g in inside if g is not None]
    return [node] if node is not None else []


def group_programs(mentions: list[ProgramMention], structure: Structure,
                   tasks: Sequence[Task] = (), level: int | None = 2) -> list[dict]:
    """One entry per programme name with its mentions and goals, ordered by first mention.

    `goals` are the outline nodes the programme serves (`serving_goals`), lifted to depth
    `level` (2: part/section) and in document order: what `graph.goals_for_program` says.
    """
    task_index = SpanIndex(tasks)
    groups: dict[str, dict] = {}
    kinds: dict[str, Counter] = {}
    goals: dict[str, set[str]] = {}
    lifted_of: dict[str, str | None] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        g = groups.setdefault(m.name, {"name": m.name, "kind": m.kind, "aliases": [],
                                       "formulation": m.formulation, "mentions": [],
                                       "goals": []})
        kinds.setdefault(m.name, Counter())[m.kind] += 1
        if m.text != m.name and m.text not in g["aliases"]:
            g["aliases"].append(m.text)
        g["mentions"].append({"start": m.start, "end": m.end, "text": m.text, "node": m.node,
                              "sentence": m.sentence})
        for goal in serving_goals(m.start, m.end, m.node, task_index):
            if goal not in lifted_of:  # many mentions serve one goal: lift it once
                lifted_of[goal] = structure.lift(goal, level)
            lifted = lifted_of[goal]
            if lifted is not None:
                goals.setdefault(m.name, set()).add(lifted)
    for name, g in groups.items():
        g["kind"] = max(kinds[name].items(), key=lambda kv: (kv[0] != "brand", kv[1]))[0]
        found = [structure.node(x) for x in goals.get(name, ())]
        g["goals"] = [n.id for n in sorted((n for n in found if n is not None),
                                           key=lambda n: (n.start, n.id))]
    return list(groups.values())
