"""The kind of each quantity: target, achievement, reference, identifier, formulation,
criterion or other.

Rules decide what rules decide well (years with 年, dates, 第N, 届/周年/轮, 号/弄/〔〕,
codes such as 5G or C919, quoted formulations, ages). Everything else goes to a
multinomial logistic regression over sparse features: character n-grams of the words
around the number, its unit and qualifier, cues of the sentence (已, 累计, 力争, 新增…)
and where it stands in the outline (a review part such as 2024年工作回顾).

This module only applies a model: `KindModel` holds plain JSON weights (vocabulary,
classes, coefficients; data/kind_model.json ships one) and predicts with a numpy dot
product, no unpickling and no scikit-learn. Training lives in
`wusong_nlp.evaluation.training`:
    model = train_model(gold_paths)                        # a KindModel
    quantities = find_quantities(text, structure, kind_model=model)
"""

from __future__ import annotations

import functools
import json
import math
import re

import numpy as np

from ..linear import LinearModel
from ..outline import Structure, is_glossary_heading, is_review_heading
from ..records import Quantity
from ..resources import alternation, data_lines, data_path, words
from ..text import CLAUSE_STOP, SENT_STOP, window_end, window_start
from .grids import grid_cell_at, in_grid_header

MODEL_FILE = "kind_model.json"
_LEFT, _RIGHT = 8, 6
_YEAR = re.compile(r"^(?:19|20)[0-9]{2}$")
_REF_UNITS = {"周年", "届", "轮"}
# 90号地块, 泰和路717弄, 3、4号机组 (a list whose last member carries the 号)
_ID_AFTER = re.compile(r"^(?:[、和至-][0-9０-９]{1,4})*(?:号|弄|号线|路|村|栋|版|〕)")
_ID_BEFORE = re.compile(r"(?:〔|[A-Za-z])$")
_AGE_UNITS = {"岁", "周岁"}
# a voltage class says which kind of line or grid is built (750千伏电网工程), not how much
_CLASS_UNITS = {"千伏"}
_ARABIC_DIGIT = re.compile(r"[0-9０-９]")
# the rules' patterns, compiled once: re.search(str, …) looks its pattern up on every call,
# and the rules run for every quantity
_SMALL_NUMBER = re.compile(r"[0-9０-９]{1,2}")
_MONTH_DIGIT = re.compile(r"[0-9０-９]月")
_LATIN = re.compile(r"[A-Za-z]")
_RATIO_AFTER = re.compile(r"[:：][0-9０-９]")
_RATIO_BEFORE = re.compile(r"[0-9０-９][:：]$")
_BARE_CODE = re.compile(r"[0-9]{3,}")
_GENERATION = re.compile(r"[0-9]+G")
_SCALE = re.compile(r"[万亿千百]+元?(?:以上|以下)?")
_VERSION = re.compile(r"[0-9]+\.0")
_FROM_LEVEL = re.compile(r"从(?:每[人生户月年日])*$")
_SUBSIDY = re.compile(r"奖补|补助|补贴|奖励|贴息|资助|扶持资金")


# --- data ------------------------------------------------------------------------


@functools.cache
def retrospect_cues() -> tuple[str, ...]:
    """Openings of a paragraph or sentence that look back (这五年，过去一年，…)."""
    return tuple(ln.strip() for ln in data_lines("retrospect_cues.txt"))


def _para_looks_back(text: str, para) -> bool:
    """Does the paragraph open with a look back (这五年，…)?"""
    # one scan for all the cues, not one `in` per cue
    return para is not None and _retrospect_re().search(text, para.start,
                                                        min(len(text), para.start + 12)) is not None


def _sent_looks_back(text: str, sent) -> bool:
    """Does the sentence open with a look back?"""
    return sent is not None and _retrospect_re().search(text, sent.start,
                                                        min(len(text), sent.start + 10)) is not None


@functools.cache
def _retrospect_re() -> re.Pattern[str]:
    """Any retrospect cue (a cue inside the opening is found as `cue in opening` finds it)."""
    return re.compile(alternation(c for c in retrospect_cues() if c) or "(?!)")


@functools.cache
def _plan_heading_re() -> re.Pattern[str]:
    return re.compile(alternation(words("plan_headings.txt")))


_HEADING_LINE = 40  # an unnumbered heading is a short line without a full stop


def _heading_like(para: str) -> bool:
    return len(para) <= _HEADING_LINE and not re.search(r"[。；;，,：:！？]", para)


def review_paragraphs(text: str, structure: Structure) -> dict[int, str]:
    """Paragraph start -> why it lies in a review part that has no numbered heading.

    "heading": after an unnumbered review heading (“十四五”时期发展成就和2025年工作回顾);
    "run": after a paragraph opening with a look back (刚刚过去的2025年，…), up to the
    next heading. A run ends at a numbered part, at an unnumbered heading of the plan
    part (2026年工作安排) and, for a look-back run, at any heading line.
    Cached on the structure (computed once per document).
    """
    cached = getattr(structure, "_review_paragraphs", None)
    if cached is not None and cached[0] is text:
        return cached[1]
    out: dict[int, str] = {}
    state: str | None = None
    cues = retrospect_cues()
    for p in structure.paragraphs:
        node = structure.node_at(p.start)
        body = p.text.strip()
        indent = len(p.text) - len(p.text.lstrip())
        if node is not None and node.parent is None and p.start <= node.start <= p.start + indent:
            state = None  # a numbered part: its own heading decides (_is_review)
            continue
        if _heading_like(body):
            if is_review_heading(body):
                state = "heading"
            elif state == "run" or _plan_heading_re().search(body):
                state = None
            if state is not None:
                out[p.start] = state
            continue
        if any(c in body[:12] for c in cues):
            state = state or "run"
        if state is not None:
            out[p.start] = state
    try:
        structure._review_paragraphs = (text, out)
    except AttributeError:  # a frozen or slotted structure: recompute next time
        pass
    return out


@functools.lru_cache(maxsize=1)
def context_cues() -> tuple[tuple[str, str], ...]:
    return tuple(tuple(ln.split("\t")[:2]) for ln in data_lines("kind_cues.tsv"))


class KindModel(LinearModel):
    """The kind classifier's weights (data/kind_model.json ships one).

    Built with `from_dict` or by `evaluation.training.train_model`; `to_dict` gives the
    JSON back unchanged.
    """

    FORMAT = "wusong-kinds/1"
    WHAT = "kind model"


@functools.cache
def shipped_model() -> KindModel | None:
    """The model in data/kind_model.json, or None if it was not trained yet."""
    path = data_path(MODEL_FILE)
    if not path.is_file():
        return None
    return KindModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


def resolve_model(model: KindModel | dict | str | None) -> KindModel | None:
    """A kind model from what a caller or a pipeline config names.

    "default" is the shipped model, None means rules only (and the fallback), a dict is
    a model's JSON, any other string a path to one.
    """
    if model is None or isinstance(model, KindModel):
        return model
    if isinstance(model, dict):
        return KindModel.from_dict(model)
    if model == "default":
        return shipped_model()
    return KindModel.load(model)


# --- context of a quantity ---------------------------------------------------------


def _is_review(node) -> bool:
    """Is the node, or a part above it, a review of past work (tasks' list of headings)?"""
    while node is not None:
        if is_review_heading(node.heading):
            return True
        node = node.parent
    return False


def _clause_left(text: str, start: int, stops: str = SENT_STOP, limit: int = 60) -> str:
    return text[window_start(text, start, stops, limit):start]


def _clause_right(text: str, end: int, stops: str = SENT_STOP, limit: int = 40) -> str:
    return text[end:window_end(text, end, stops, limit)]


def _clause_around(text: str, start: int, end: int) -> str:
    return _clause_left(text, start, CLAUSE_STOP, 40) + text[start:end] + _clause_right(
        text, end, CLAUSE_STOP, 30)


class _Context:
    """The lookups of the rules and features that depend on a quantity's paragraph,
    sentence or outline node, or on its clause, made once for each of them.

    A plan has ten times more quantities than paragraphs, and `context_kind` and
    `features` both ask for the clause before a number: `classify` makes one context
    for the document; a caller of the public functions gets a fresh one per call.
    """

    def __init__(self, text: str, structure: Structure):
        self.text = text
        self.structure = structure
        self.review = review_paragraphs(text, structure)
        self._para_back: dict[int, bool] = {}
        self._sent_back: dict[int, bool] = {}
        self._node_review: dict[int, bool] = {}  # by id(): the nodes live as long as this
        self._clauses: dict[int, str] = {}

    @staticmethod
    def _memo(cache: dict, key, compute):
        """cache[key], computed once."""
        value = cache.get(key)
        if value is None:
            value = cache[key] = compute()
        return value

    def para_looks_back(self, para) -> bool:
        return para is not None and self._memo(
            self._para_back, para.start, lambda: _para_looks_back(self.text, para))

    def sent_looks_back(self, sent) -> bool:
        return sent is not None and self._memo(
            self._sent_back, sent.start, lambda: _sent_looks_back(self.text, sent))

    def node_is_review(self, node) -> bool:
        return node is not None and self._memo(self._node_review, id(node),
                                               lambda: _is_review(node))

    def clause(self, start: int) -> str:
        """The clause before `start` (`_clause_left` to a clause stop, 30 characters)."""
        return self._memo(self._clauses, start,
                          lambda: _clause_left(self.text, start, CLAUSE_STOP, 30))

    def in_review(self, q: Quantity) -> bool:
        """`in_review` of the quantity (see there)."""
        st = self.structure
        para = st.paragraph_at(q.start)
        return (self.node_is_review(st.node_at(q.start)) or self.para_looks_back(para)
                or (para is not None and self.review.get(para.start) == "heading"))


@functools.cache
def _cues_by_first() -> tuple[tuple[tuple[str, str], ...], dict[str, tuple[int, ...]], frozenset[str]]:
    """(the context cues, cue indices by first character, the first characters): a
    window holds few of the cues' first characters, so few cues need an `in` test."""
    cues = context_cues()
    by_first: dict[str, list[int]] = {}
    for i, (cue, _name) in enumerate(cues):
        by_first.setdefault(cue[:1], []).append(i)
    return cues, {ch: tuple(ix) for ch, ix in by_first.items()}, frozenset(by_first)


def _cues_in(window: str) -> set[int]:
    """Indices of the context cues that occur in `window`."""
    cues, by_first, firsts = _cues_by_first()
    if "" in by_first:  # an empty cue is in every window
        return {i for i, (cue, _name) in enumerate(cues) if cue in window}
    return {i for ch in firsts.intersection(window) for i in by_first[ch] if cues[i][0] in window}


@functools.lru_cache(maxsize=16)
def _last_year_re(year: int) -> re.Pattern[str]:
    return re.compile(rf"{year - 1}年|去年|上年")


def features(text: str, structure: Structure, q: Quantity,
             ctx: _Context | None = None) -> list[str]:
    """Sparse features of one quantity (strings), for the classifier (`ctx`: the
    document's lookups, made here if not given)."""
    ctx = ctx or _Context(text, structure)
    feats = ["bias"]
    node = structure.node_at(q.start)
    para = structure.paragraph_at(q.start)
    para_back = ctx.para_looks_back(para)
    sent_back = ctx.sent_looks_back(structure.sentence_at(q.start))
    unmarked = ctx.review.get(para.start) if para else None
    # a paragraph that opens looking back (这五年，…) is a review wherever it stands, and
    # so is a part under an unnumbered review heading (2025年工作回顾)
    by_node = ctx.node_is_review(node)
    review = by_node or para_back or unmarked == "heading"
    feats.append("review" if review else "noreview")
    if by_node:
        feats.append("rv=node")
    if para_back:
        feats.append("rv=para_opens_back")
    if unmarked:
        feats.append(f"rv={unmarked}")
    if grid_cell_at(text, q.start, q.end) is not None:
        feats.append("grid_cell")
    if sent_back:
        feats.append("sent_looks_back")
    if node is None:
        feats.append("nonode")
    elif node.heading_start <= q.start < node.heading_end:
        feats.append("inheading")
    raw = q.text
    feats.append(f"u={q.unit}")
    feats.append(f"ql={q.qualifier}")
    if _ARABIC_DIGIT.search(raw):
        feats.append("arabic")
    else:
        feats.append("chinese")
    if q.value is not None:
        v = abs(float(q.value))
        feats.append(f"mag={int(math.log10(v)) if v >= 1 else -1}")
        if isinstance(q.value, int) and _YEAR.match(str(q.value)):
            feats.append("yearlike")
        if q.value == 1:
            feats.append("one")
    else:
        feats.append("novalue")
    left = _clause_left(text, q.start, SENT_STOP, 40)
    right = _clause_right(text, q.end, SENT_STOP, 20)
    near_l = left[-_LEFT:]
    near_r = right[:_RIGHT]
    for k in (1, 2, 3):
        if len(near_l) >= k:
            feats.append(f"P{k}={near_l[-k:]}")
        if len(near_r) >= k:
            feats.append(f"N{k}={near_r[:k]}")
    feats += [f"L2={near_l[i:i + 2]}" for i in range(len(near_l) - 1)]
    feats += [f"R2={near_r[i:i + 2]}" for i in range(len(near_r) - 1)]
    clause = ctx.clause(q.start)
    if clause == "" or len(clause) <= 1:
        feats.append("clause_first")
    if text[q.start - 1:q.start] in "“\"‘" or text[q.end:q.end + 1] in "”\"’":
        feats.append("quoted")
    in_left = _cues_in(left)
    cues = context_cues()
    for i in sorted(in_left.union(_cues_in(right))):  # in the order of the cue list
        cue, name = cues[i]
        if i in in_left:
            feats.append(f"cl={name}")
            feats.append(f"cw={cue}")
        else:
            feats.append(f"cr={name}")
    if structure.year and _last_year_re(structure.year).search(left):
        feats.append("lastyear")
    return feats


# --- rules --------------------------------------------------------------------------


@functools.cache
def _cue_re(name: str) -> re.Pattern[str]:
    return re.compile(alternation(words(name)))


_PREVENT = re.compile(r"[未不无]|防止|杜绝|避免|减少|遏制|控制|下降|确保|力争")
_ENUM_BEFORE = "：:；;。，,、\n"


def in_review(text: str, structure: Structure, q: Quantity) -> bool:
    """Does the quantity stand in a review part, numbered or not, or a look-back paragraph?"""
    return _Context(text, structure).in_review(q)


# a quoted numeric code and the 即/是 that opens its explanation (“1+3+N”…：“1”是1个…)
_EXPLAINED = re.compile(r"[“\"][0-9０-９+＋XxN]+[”\"][^。；;]{0,50}?(?:即|是)[^。；;]*$")


def _explains_code(text: str, q: Quantity) -> bool:
    """Is the quantity part of the explanation of a numbered formulation?"""
    return bool(_EXPLAINED.search(text, max(0, q.start - 60), q.start))


def _row_number(text: str, q: Quantity) -> bool:
    """A bare integer alone on its line, the next line text: the 序号 of a table row."""
    if q.unit is not None or not q.text.isdigit():
        return False
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = text.find("\n", q.end)
    if line_end < 0 or text[line_start:line_end].strip() != q.text:
        return False
    nxt = _NEXT_LINE.match(text, line_end, line_end + 80)
    return bool(nxt.group(1)) and not _ARABIC_DIGIT.match(nxt.group(1))


_NEXT_LINE = re.compile(r"\s*([^\n]*)")


_TITLE_LINE = 40  # a table's title is a short line; prose after the table is a long one


@functools.lru_cache(maxsize=8)
def record_table_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of annex tables that record what exists (data/record_tables.txt): from the
    title line to the next 附件 line or the next long line of prose."""
    ends = tuple(words("record_tables.txt"))
    out = []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for k, (s, e) in enumerate(lines):
        title = text[s:e].strip()
        if len(title) > _TITLE_LINE or "。" in title or not title.endswith(ends):
            continue
        end = len(text)
        for s2, e2 in lines[k + 1:]:
            line = text[s2:e2].strip()
            if line.startswith("附件") or (len(line) > _TITLE_LINE and "。" in line):
                end = s2
                break
        out.append((e, end))
    return tuple(out)


def context_kind(text: str, structure: Structure, q: Quantity,
                 ctx: _Context | None = None) -> str | None:
    """Rules that need the quantity's place (ANNOTATION.md §5), else None.

    The figures of a table that records what exists (…统计表) are `other`; a figure alone
    in a grid cell is a target (an achievement in a review part); a duty's
    frequency is a target; the numbers of an inline enumeration (范围包括：（1）…；（2）…)
    are `other`, so are past incidents cited as background (发生火灾7起，造成7死2伤) and,
    outside a review, forecasts of outside facts (预计高校毕业生超过1170万人).
    `ctx`: the document's lookups, made here if not given.
    """
    ctx = ctx or _Context(text, structure)
    raw = q.text
    if q.frequency is not None:
        return "achievement" if ctx.in_review(q) else "target"
    if q.unit is None and _SMALL_NUMBER.fullmatch(raw) and \
            text[q.start - 1:q.start] in "（(" and text[q.end:q.end + 1] in "）)" and \
            (q.start < 2 or text[q.start - 2] in _ENUM_BEFORE):
        return "other"
    if _explains_code(text, q):
        return "other"  # “1+2+3”理念，即1名“黄马夹”与2名居委干部: the parts of a formula
    if in_grid_header(text, q.start):
        return "other"  # 累计数（万户）: a header names the column, it counts nothing
    if any(s <= q.start < e for s, e in record_table_spans(text)):
        return "other"  # 房间总数 of a 统计表: what exists, not what is to be done
    if grid_cell_at(text, q.start, q.end) is not None and q.unit in (None, "%"):
        return "achievement" if ctx.in_review(q) else "target"
    if _row_number(text, q):
        return "other"  # a task table's 序号 (\n\n12\n\n完成公共…): it numbers a row
    if _built_count(text, q):  # 组建两支城市管理巡查队, 组成三个督导组: things to build
        return "achievement" if ctx.in_review(q) else "target"
    if _counts_items(text, structure, q):
        return "other"  # 一、县示范区管委会牵头工作（8项）: the heading counts the items below
    if _counts_the_plan(text, q):
        return "other"  # 《…任务分解》明确133项具体任务，涉及34个牵头单位: the plan's own contents
    clause = ctx.clause(q.start)
    cues = list(_cue_re("incident_cues.txt").finditer(clause))
    if cues and not _PREVENT.search(clause[max(0, cues[-1].start() - 4):]):
        return "other"
    if clause.lstrip().startswith(words("forecast_cues.txt")) and \
            not any(w in clause for w in words("own_measures.txt")) and \
            not ctx.in_review(q) and not _TARGET_LEAD.search(text, max(0, q.start - 60), q.start):
        return "other"  # (主要预期目标是：预计地区生产总值增长5.5%左右 states a target)
    return None


# what a plan counts of itself: its tasks and the units they involve
_PLAN_PARTS = re.compile(r"[^，,。；;的\n]{0,8}?(?:任务|工作|事项|责任单位|牵头单位|单位)(?=[，,。；;、\n]|进行|$)")
_PLAN_CUE = re.compile(r"《|分解|涉及")


def _counts_the_plan(text: str, q: Quantity) -> bool:
    """A count of the tasks or units of the plan itself, in a clause about the document
    (《…任务分解》明确133项具体任务，涉及34个牵头单位; 将121项区政府重点工作进行分解)."""
    if q.unit not in ("项", "个", "条", "件", "家") or q.text.endswith("大"):
        return False  # 党的十九大精神的核心任务: a congress, counted by no plan
    if not _PLAN_PARTS.match(text, q.end):
        return False
    start = max(text.rfind(c, max(0, q.start - 200), q.start) for c in "。；;\n") + 1
    stop = min([i for i in (text.find(c, q.end, q.end + 200) for c in "。；;\n") if i >= 0]
               or [min(len(text), q.end + 200)])
    return bool(_PLAN_CUE.search(text, max(start, q.start - 200), stop))


_TARGET_LEAD = re.compile(r"目标(?:是|为)?[:：]")
_BUILD_BEFORE = re.compile(r"(?:组建|组成|成立|新建|建成|设立)$")
_CN_COUNT = re.compile(r"[一二两三四五六七八九十]{1,3}[个支家所座处]")


def _built_count(text: str, q: Quantity) -> bool:
    """A count in Chinese numerals right after a verb of building (组建两支…巡查队): what is built."""
    return bool(_CN_COUNT.fullmatch(q.text)) and _BUILD_BEFORE.search(text, max(0, q.start - 2),
                                                                      q.start) is not None


def _counts_items(text: str, structure: Structure, q: Quantity) -> bool:
    """A count in brackets that closes a heading: how many items follow, not a target."""
    if q.unit not in ("项", "条", "件") or text[q.start - 1:q.start] not in "（(" \
            or text[q.end:q.end + 1] not in "）)":
        return False
    node = structure.node_at(q.start)
    return node is not None and node.heading_start <= q.start and q.end + 1 >= node.heading_end


_DAY_OF_MONTH = re.compile(r"月(?:的|份)?$")


def _date_kind(text: str, q: Quantity) -> str | None:
    """A date is a reference wherever it stands, before the rules of a clause (预计2022年12月开工
    建设: a forecast is of amounts, not of when); a day of the month before 前 is one too
    (每季度最后一个月的30日前报送), where 30日内 is a span of days."""
    if q.frequency is not None:
        return None
    if q.unit == "月" or _MONTH_DIGIT.search(q.text):
        return "reference"
    if q.unit == "年":
        vals = [v for v in (q.value, q.low, q.high) if v is not None]
        if vals and all(isinstance(v, int) and _YEAR.match(str(v)) for v in vals):
            return "reference"
    if (q.unit == "日" and isinstance(q.value, int) and 1 <= q.value <= 31
            and text.startswith("前", q.end) and _DAY_OF_MONTH.search(text, max(0, q.start - 3),
                                                                      q.start)):
        return "reference"
    return None


def rule_kind(text: str, q: Quantity, structure: Structure | None = None,
              ctx: _Context | None = None) -> str | None:
    """The kind where a rule is reliable, else None (with `structure`, also the rules of
    `context_kind`; `ctx`: the document's lookups for them)."""
    if q.kind == "formulation":
        return "formulation"
    date = _date_kind(text, q)
    if date is not None:
        return date
    if structure is not None:
        kind = context_kind(text, structure, q, ctx)
        if kind is not None:
            return kind
    raw = q.text
    before = text[max(0, q.start - 2):q.start]
    after = text[q.end:q.end + 3]
    if raw.startswith("第") or before.endswith("第") or raw.endswith(("中", "中全会")):
        return "reference"
    if q.unit == "次" and before.endswith("届"):
        return "reference"  # 省政府十四届一次全体会议: a session, like 第五次会议
    if q.unit is None and after.startswith("强") and not after.startswith(("强化", "强调")):
        return "identifier"  # 跻身服务业全国10强, 世界500强: the name of a ranked list (gold)
    if q.unit is None and q.low is not None and _YEAR.match(str(q.low)) \
            and _YEAR.match(str(q.high)):
        return "reference"
    if q.unit in _REF_UNITS or after.startswith(("中全会", "大", "届")) and q.unit is None:
        return "reference"
    if _ID_AFTER.match(after) or _ID_BEFORE.search(before) or q.unit == "号":
        return "identifier"
    if _LATIN.match(after) and q.unit is None:
        return "identifier"
    if q.unit is None and before.endswith(("路", "街")) and \
            text.startswith(words("parcel_after.txt"), q.end):
        return "identifier"  # 石门二路01单元: a planning unit's number
    if q.unit == "兆" and text.startswith(words("technology_after.txt"), q.end):
        return "identifier"  # 千兆光网: a technology, like 5G
    if q.unit in _AGE_UNITS or q.unit in _CLASS_UNITS:
        return "criterion"
    if q.unit is None and before[-1:] in "“\"‘" and after[:1] in "”\"’":
        return "formulation"  # “1+3+8”: “1”是…, a part of a numbered slogan
    if text[max(0, q.start - 4):q.start].rstrip("：: ").endswith(("专栏", "附件", "附表", "表")) \
            and q.unit is None:
        return "identifier"  # 附件：1.闵行区…
    if q.unit is None and (_RATIO_AFTER.match(after) or _RATIO_BEFORE.search(before)):
        return "criterion"  # 按照街道、物业及业委会3:7的比例: a ratio
    if q.unit is None and q.qualifier == "exact" and _BARE_CODE.fullmatch(raw):
        # a bare code (12345热线, 半岛1919); a bare year after 到/至 is a date
        if _YEAR.match(raw) and (before[-1:] in "到至在于—-～~" or not before):
            return "reference"
        return "identifier"
    if q.unit == "大" or (q.unit == "个" and raw.endswith("大")):
        if q.value is not None and q.value > 10:
            return "reference"  # 十九大, 二十大: party congresses
    if text[q.start - 1:q.start] in "（(" and text[q.end:q.end + 1] in "）)" \
            and q.unit in ("%", "分"):
        return "criterion"  # weights and points of an evaluation
    if q.unit == "G" or _GENERATION.match(raw):
        return "identifier"  # 5G, 6G
    if before.endswith(("÷", "×", "/", "*")):
        return "other"  # a term of a formula
    if _SCALE.fullmatch(raw):
        return "criterion"  # 亿元以上项目, 万元地区生产总值: a scale, not an amount
    if q.qualifier in ("at_least", "at_most") and after.startswith("的") and \
            not raw.endswith(("左右",)):
        return "criterion"  # 1000万元及以上的项目: a threshold defining scope
    if _raised_standard(text, q):
        return "criterion"  # 最低标准从每人每月2295元提高到2375元
    if q.qualifier in ("at_least", "at_most") and _defines_scope(text, q):
        return "criterion"  # 规模（出租房屋30间以上、租赁期限不低于30天）的场所
    top = q.value if q.value is not None else q.high
    if q.unit in ("年", "个月") and top is not None and top < 100:
        return "criterion" if q.qualifier in ("at_most", "at_least") else "reference"
    if before.endswith("每"):
        return "criterion"  # 每10万人: a denominator
    if q.qualifier == "at_most" and q.unit in ("米", "公里") and raw.endswith("内"):
        return "criterion"  # 50米内: a spatial threshold
    if q.unit is None and _VERSION.fullmatch(raw):
        return "identifier"  # 3.0方案: a version
    if q.unit in ("年", "日", "天") and not _ARABIC_DIGIT.search(raw):
        return "reference"  # 一百年, 百日: periods and anniversaries
    if q.unit in ("元", "%") and _ARABIC_DIGIT.search(raw):
        clause = _clause_around(text, q.start, q.end)
        if (_SUBSIDY.search(clause) or before.endswith("最高")) and not _increment(text, q):
            return "criterion"  # subsidy and reward standards of a policy
    if q.text.endswith("分") and q.unit == "分" and "（" in before + text[q.start - 1:q.start]:
        return "criterion"
    if q.value == 1 and not _ARABIC_DIGIT.search(raw):
        return "other"
    return None


@functools.cache
def _raised_standard_re() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    """(after the first level, before the second level, nouns of a standard)."""
    raise_ = alternation(words("standard_words.txt", "raise"))
    return (re.compile(rf"(?:{raise_})[到至]"), re.compile(rf"(?:{raise_})[到至]$"),
            words("standard_words.txt", ""))


@functools.cache
def _increment_re() -> re.Pattern[str]:
    raise_ = alternation(words("standard_words.txt", "raise"))
    return re.compile(rf"(?:{raise_})(?:[0-9０-９.]+元[和、])?$")


def _increment(text: str, q: Quantity) -> bool:
    """补助标准分别再提高30元和5元: a standard raised by an amount, a target to deliver."""
    return bool(_increment_re().search(text, max(0, q.start - 12), q.start))


def _raised_standard(text: str, q: Quantity) -> bool:
    """Is the quantity a level of a standard raised 从 one level 到 another?"""
    after_first, before_second, nouns = _raised_standard_re()
    left = text[max(0, q.start - 60):q.start]  # 标准从…到…，散居孤儿从…到…: one standard
    if _FROM_LEVEL.search(left) and after_first.match(text, q.end):
        cut = left.rfind("从")
    elif before_second.search(left):
        cut = left.rfind("从", 0, before_second.search(left).start())
    else:
        return False
    return cut >= 0 and any(n in left[:cut] for n in nouns)


def _defines_scope(text: str, q: Quantity) -> bool:
    """Is the quantity inside a parenthesis that qualifies the noun after it (（…30间以上…）的)?"""
    opening = text.rfind("（", max(0, q.start - 30), q.start)
    if opening < 0 or "）" in text[opening:q.start]:
        return False
    closing = text.find("）", q.end, q.end + 30)
    return closing >= 0 and text.startswith("的", closing + 1)


def _fallback(feats: list[str]) -> str:
    """Without a model: review parts hold achievements, delivery verbs mark targets."""
    if "review" in feats:
        return "achievement"
    if any(f in feats for f in ("cl=deliver", "cl=future")):
        return "target"
    return "other"


def classify(text: str, structure: Structure, quantities: list[Quantity],
             model: KindModel | None = None) -> None:
    """Set `kind` and `confidence` of every quantity (rules first, then `model`).

    Without a model the rest gets the fallback (review parts hold achievements,
    delivery verbs mark targets).
    """
    ctx = _Context(text, structure)
    pending = []
    for q in quantities:
        kind = rule_kind(text, q, structure, ctx)
        if kind is not None:
            q.kind = kind
            q.confidence = 1.0
        else:
            pending.append(q)
    if not pending:
        return
    rows = [features(text, structure, q, ctx) for q in pending]
    if model is None:
        for q, feats in zip(pending, rows, strict=True):
            q.kind = _fallback(feats)
            q.confidence = None
        return
    probs = model.predict_proba(rows)
    classes = model.classes_
    glossary = [(n.start, n.end) for n in structure.outline if is_glossary_heading(n.heading)]
    pledges = np.array([c in ("target", "achievement") for c in classes])
    # the likeliest class of every row in one call; a glossary row is redone below
    best = probs.argmax(axis=1)
    top = probs[np.arange(len(pending)), best].tolist()
    for q, p, k, prob in zip(pending, probs, best.tolist(), top, strict=True):
        if glossary and any(s <= q.start < e for s, e in glossary) and not pledges.all():
            # a report's glossary defines its names (“1+8+N”：1个平台、8个系统…): no number
            # there is promised or reported, the likeliest other kind is taken
            p = np.where(pledges, -1.0, p)
            k = int(np.argmax(p))
            prob = float(p[k])
        q.kind = classes[k]
        q.confidence = round(prob, 4)
