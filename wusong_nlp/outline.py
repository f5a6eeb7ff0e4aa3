"""Stage 2: text → outline, paragraphs and sentences.

Plans are structured by heading markers (一、 / （一） / 一是 / 1. / （1） / ① / ——).
Which marker sits at which depth varies between documents, so depth is learned from
the order markers appear in, with a stack: a marker kind already on the stack closes
everything below it; a new kind nests. A series that restarts at 一 inside a section
is nested, unless a title line (附件, or an unmarked title) announces a new document.
All offsets index the analysed text.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from .numerals import chinese_to_int
from .resources import alternation, words
from .tables import Table, find_tables, line_spans

CN = "〇零一二三四五六七八九十百"
_LINE = re.compile(r"[^\n]+")
_LEAD_WS = re.compile(r"[^\S\n]*")

# marker kind -> regex anchored at the start of a (whitespace-stripped) line
_LINE_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"(第[{CN}]+章)(?=[\s\u3000]|$)")),
    ("article", re.compile(rf"(第[{CN}]+条)(?=[\s\u3000]|$)")),
    ("part", re.compile(rf"([{CN}]+)[、．.]")),
    ("section", re.compile(rf"[（(]([{CN}]+)[）)]")),
    ("paren_num", re.compile(r"[（(]([0-9０-９]+)[）)]")),
    ("num", re.compile(r"([0-9０-９]{1,3})(?:[.．﹒、]|\s)(?![0-9０-９])")),
    ("circled", re.compile(r"([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")),
    ("box", re.compile(r"专栏\s*([0-9０-９]{1,2})(?=[\s:：]|$)")),
    ("dash", re.compile(r"(——|--+)(?=\S)")),
]
# run-in enumerations inside a paragraph: 一是…。二是…
_SHI = re.compile(rf"(([{CN}]{{1,3}})是)(?=[^，,。；]{{2}})")
_SHI_BEFORE = "。；;：:！？\n"
_CIRCLED_RUN = re.compile(r"[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]")
# 附件 / 附件1 / 附件2 名词解释 opens an annex; 附件： (with a colon) only lists them
_ANNEX = re.compile(r"(附件\s*[0-9０-９一二三四五六七八九十]*)\s*([^：:\s].{0,38})?$")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_SENT_END = "。！？!?"
_COLON_HEADING = 20  # the longest lead-in a colon may close as a heading
_MAX_RESTARTS = 2  # how often one marker kind may stand on the open-heading stack
_ITEM_KINDS = ("num", "paren_num", "circled", "dash", "shi")
_YEAR = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-9]{2})(?=年|[-—－–~至]|\b)")


@dataclass
class OutlineNode:
    """One heading of the plan and the region of text it governs."""

    id: str
    level: int
    number: str
    kind: str
    heading: str
    start: int
    end: int
    heading_start: int
    heading_end: int
    value: int | None = None
    run_in: bool = False  # a marker inside a paragraph (①…；②…): it ends with the paragraph
    children: list[OutlineNode] = field(default_factory=list)
    parent: OutlineNode | None = field(default=None, repr=False)

    def walk(self):
        """This node and all its descendants, in document order (iterative: any depth)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    @property
    def path(self) -> list[OutlineNode]:
        node, chain = self, []
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def to_dict(self, full: bool = False) -> dict:
        """The JSON view; `full=True` adds what `from_dict` needs to rebuild the node.

        Built iteratively, so no outline is too deep for it."""
        def own(node: OutlineNode) -> dict:
            out = {
                "id": node.id,
                "level": node.level,
                "number": node.number,
                "kind": node.kind,
                "heading": node.heading,
                "start": node.start,
                "end": node.end,
                "heading_start": node.heading_start,
                "heading_end": node.heading_end,
                "children": [],
            }
            if full:
                out["value"] = node.value
                out["run_in"] = node.run_in
            return out

        root = own(self)
        stack = [(self, root)]
        while stack:
            node, out = stack.pop()
            for child in node.children:
                child_out = own(child)
                out["children"].append(child_out)
                stack.append((child, child_out))
        return root

    @classmethod
    def from_dict(cls, data: dict, parent: OutlineNode | None = None) -> OutlineNode:
        """Rebuild a node and its subtree from `to_dict(full=True)` (iteratively)."""
        def make(d: dict, up: OutlineNode | None) -> OutlineNode:
            fields_ = {k: v for k, v in d.items() if k != "children"}
            return cls(**fields_, parent=up)

        root = make(data, parent)
        stack = [(root, data)]
        while stack:
            node, d = stack.pop()
            for cd in d.get("children", []):
                child = make(cd, node)
                node.children.append(child)
                stack.append((child, cd))
        return root


@dataclass
class Segment:
    """A paragraph or a sentence: a plain span of the text."""

    id: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"id": self.id, "start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict) -> Segment:
        return cls(data["id"], data["start"], data["end"], data["text"])


@dataclass
class Structure:
    """Everything the outline stage reads off a document."""

    title: str | None
    title_alt: str | None
    issuers: list[str]
    year: int | None
    outline: list[OutlineNode]
    paragraphs: list[Segment]
    sentences: list[Segment]
    tables: list[Table] = field(default_factory=list)
    _nodes: list[OutlineNode] | None = field(default=None, repr=False, compare=False)
    _by_id: dict[str, OutlineNode] | None = field(default=None, repr=False, compare=False)
    _sentence_starts: list[int] | None = field(default=None, repr=False, compare=False)
    _paragraph_starts: list[int] | None = field(default=None, repr=False, compare=False)
    _child_starts: dict[str, list[int]] | None = field(default=None, repr=False, compare=False)


    def to_dict(self) -> dict:
        """Plain data (JSON, msgpack) from which `from_dict` rebuilds the structure."""
        return {"title": self.title, "title_alt": self.title_alt, "issuers": list(self.issuers),
                "year": self.year, "outline": [n.to_dict(full=True) for n in self.outline],
                "paragraphs": [p.to_dict() for p in self.paragraphs],
                "sentences": [x.to_dict() for x in self.sentences],
                "tables": [t.to_dict() for t in self.tables]}

    @classmethod
    def from_dict(cls, data: dict) -> Structure:
        return cls(data["title"], data["title_alt"], list(data["issuers"]), data["year"],
                   [OutlineNode.from_dict(n) for n in data["outline"]],
                   [Segment.from_dict(p) for p in data["paragraphs"]],
                   [Segment.from_dict(x) for x in data["sentences"]],
                   [Table.from_dict(t) for t in data.get("tables", [])])

    def nodes(self) -> list[OutlineNode]:
        """All outline nodes in document order (computed once)."""
        if self._nodes is None:
            self._nodes = [n for root in self.outline for n in root.walk()]
        return self._nodes

    def node(self, node_id: str | None) -> OutlineNode | None:
        """The outline node with this id."""
        if self._by_id is None:
            self._by_id = {n.id: n for n in self.nodes()}
        return self._by_id.get(node_id) if node_id is not None else None

    def lift(self, node_id: str | None, level: int | None = 2) -> str | None:
        """The id of the node's ancestor at outline depth `level` (itself when shallower).

        Depth counts outline levels below annex and second-plan groups (附件/一/（一） is
        depth 2), as the gold files' paths do; None keeps the node.
        """
        node = self.node(node_id)
        if node is None or level is None:
            return node_id
        chain, depth, depths = node.path, 0, []
        for n in chain:
            depth += n.kind != "group"
            depths.append(depth)
        for n, d in zip(reversed(chain), reversed(depths), strict=True):
            if d <= level:
                return n.id
        return chain[0].id

    def sentence_at(self, offset: int) -> Segment | None:
        """The sentence containing `offset` (binary search: sentences are in order)."""
        if self._sentence_starts is None:
            self._sentence_starts = [x.start for x in self.sentences]
        return _segment_at(self.sentences, self._sentence_starts, offset)

    def paragraph_at(self, offset: int) -> Segment | None:
        """The paragraph containing `offset`."""
        if self._paragraph_starts is None:
            self._paragraph_starts = [x.start for x in self.paragraphs]
        return _segment_at(self.paragraphs, self._paragraph_starts, offset)

    def node_at(self, offset: int) -> OutlineNode | None:
        """The deepest outline node whose region contains `offset`.

        Siblings are in order and do not overlap, so each level is a binary search:
        a flat plan of thousands of items stays fast.
        """
        if self._child_starts is None:
            self._child_starts = {"": [n.start for n in self.outline]}
            for n in self.nodes():
                self._child_starts[n.id] = [c.start for c in n.children]
        best, level, key = None, self.outline, ""
        while level:
            i = bisect.bisect_right(self._child_starts[key], offset) - 1
            if i < 0 or offset >= level[i].end:
                return best
            best = level[i]
            level, key = best.children, best.id
        return best


@functools.cache
def _review_re() -> re.Pattern[str]:
    return re.compile(alternation(words("review_headings.txt")))


def is_review_heading(heading: str) -> bool:
    """True for the heading of a part that reviews past work (2023年工作回顾)."""
    return _review_re().search(heading) is not None


def _segment_at(segments: list[Segment], starts: list[int], offset: int) -> Segment | None:
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset < segments[i].end:
        return segments[i]
    return None


@dataclass
class _Marker:
    kind: str
    number: str
    value: int | None
    start: int  # offset of the marker
    body: int  # offset just after the marker
    line_end: int
    line_only: bool  # the heading is the whole line (no run-in text)


def _marker_value(kind: str, raw: str) -> int | None:
    if kind in ("part", "section", "shi"):
        return chinese_to_int(raw)
    if kind in ("chapter", "article"):
        return chinese_to_int(raw[1:-1])
    if kind in ("num", "paren_num", "box"):
        return int(raw.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    if kind == "circled":
        return _CIRCLED.index(raw) + 1
    return None


def _line_marker(text: str, start: int, end: int) -> _Marker | None:
    line = text[start:end]
    for kind, rx in _LINE_MARKERS:
        m = rx.match(line)
        if not m:
            continue
        raw = m.group(1)
        if kind == "part" and chinese_to_int(raw) is None:
            continue
        value = _marker_value(kind, raw)
        if kind == "num" and m.group(0)[-1].isspace() and not line[m.end():m.end() + 1]:
            continue
        number = {
            "chapter": raw,
            "article": raw,
            "part": raw,
            "section": f"（{raw}）",
            "paren_num": f"（{value}）",
            "num": str(value),
            "circled": raw,
            "dash": "——",
            "box": f"专栏{value}",
        }[kind]
        body = start + m.end()
        while body < end and text[body].isspace():
            body += 1
        rest = text[body:end].rstrip()
        line_only = not any(ch in rest[:-1] for ch in _SENT_END)
        return _Marker(kind, number, value, start, body, end, line_only)
    return None


def _styled_marker(text: str, start: int, end: int, level: int,
                   seen: dict[int, int]) -> _Marker:
    """A line in a Word heading style with no typed number: a heading of kind
    `heading<level>`, numbered by its place among the headings of its level."""
    seen[level] = seen.get(level, 0) + 1
    for deeper in [k for k in seen if k > level]:
        del seen[deeper]
    number = f"H{level}.{seen[level]}"
    return _Marker(f"heading{level}", number, seen[level], start, start, end, True)


@functools.cache
def _glossary_re() -> re.Pattern[str]:
    before = alternation(words("glossary_headings.txt", "before"))
    nouns = alternation(words("glossary_headings.txt", ""))
    return re.compile(rf"(?:(?:{before})[：:]?\s*)?(?:{nouns})[：:]?")


def is_glossary_heading(line: str) -> bool:
    """有关名词解释 on a line of its own: the glossary a report appends."""
    return _glossary_re().fullmatch(line.strip()) is not None


def _is_title_line(line: str) -> bool:
    s = line.strip()
    return 0 < len(s) <= 60 and not any(ch in s for ch in "。；：:，,")


def _heading_span(text: str, body: int, line_end: int, stops: str = _SENT_END) -> tuple[int, int]:
    """Run-in heading: up to the first 。 (or the end of the line).

    A short lead-in closed by a colon is the heading too: 1.“岳山造林”：上世纪70年代…
    """
    for i in range(body, min(line_end, body + _COLON_HEADING + 1)):
        if text[i] in _SENT_END:
            break
        if text[i] in "：:" and i > body:
            line_end = i
            break
    stop = line_end
    for i in range(body, line_end):
        if text[i] in stops:
            stop = i
            break
    end = stop
    while end > body and text[end - 1] in " \t\u3000：:；;，,":
        end -= 1
    return body, end


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _LINE.finditer(text):
        s = m.start() + len(_LEAD_WS.match(m.group()).group())
        e = m.end()
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def parse_outline(text: str, lines: list[tuple[int, int]] | None = None,
                  styled: dict[int, int] | None = None) -> list[OutlineNode]:
    """Build the outline tree of `text` from its heading markers (and, for a .docx, from
    the lines `styled` as Word headings: line start → level)."""
    lines = _lines(text) if lines is None else lines
    roots: list[OutlineNode] = []
    stack: list[OutlineNode] = []  # open nodes, outermost first
    seen_heading = False
    pending_title: tuple[int, int] | None = None  # a title line that may open a second plan
    lead_title: tuple[int, int] | None = None  # the title line before the first heading
    annex_group: OutlineNode | None = None  # an annex still waiting for its title line
    last_shi: tuple[str, int] | None = None  # container id and value of the last 一是-item
    used: dict[str, int] = {}  # how often each id was given, for unique ids
    styled_seen: dict[int, int] = {}  # Word-styled headings counted per level

    def close(node: OutlineNode, end: int) -> None:
        node.end = max(node.heading_end, end)

    def open_node(kind, number, value, start, hs, he, parent) -> OutlineNode:
        node = OutlineNode(
            id="", level=(parent.level + 1) if parent else 1, number=number, kind=kind,
            heading=text[hs:he], start=start, end=len(text), heading_start=hs, heading_end=he,
            value=value, parent=parent,
        )
        siblings = parent.children if parent else roots
        base = f"{parent.id}/{number}" if parent else number
        used[base] = k = used.get(base, 0) + 1  # repeated markers: ——, ——#2, ——#3
        node.id = base if k == 1 else f"{base}#{k}"
        siblings.append(node)
        return node

    def regroup(group: OutlineNode, nodes: list[OutlineNode]) -> None:
        """Move earlier top-level nodes under a group that turned out to wrap them."""
        for node in nodes:
            roots.remove(node)
            node.parent = group
            group.children.append(node)
            for d in node.walk():
                d.level += 1
                d.id = f"{d.parent.id}/{d.id.rsplit('/', 1)[-1]}" if d is not node else f"{group.id}/{d.id}"
            for d in node.walk():
                for c in d.children:
                    c.id = f"{d.id}/{c.id.rsplit('/', 1)[-1]}"

    def open_group(start: int, hs: int, he: int, number: str) -> OutlineNode:
        for n in stack:
            close(n, start)
        stack.clear()
        group = open_node("group", number, None, start, hs, he, None)
        stack.append(group)
        return group

    def place(kind: str, number: str, value: int | None, start: int, hs: int, he: int) -> None:
        nonlocal pending_title
        # a box (专栏) is an aside of its section: it ends at the next marker, and it
        # hangs under the section, not under the numbered item before it
        while stack and (stack[-1].kind == "box"
                         or (kind == "box" and stack[-1].kind in _ITEM_KINDS)):
            close(stack.pop(), start)
        if kind == "box":
            node = open_node(kind, number, value, start, hs, he, stack[-1] if stack else None)
            stack.append(node)
            return
        # find where this marker belongs
        idx = None
        same = [i for i, n in enumerate(stack) if n.kind == kind]
        for i in reversed(same):
            prev = stack[i].value
            if value is None or prev is None or value == prev + 1:
                idx = i
                break
        if idx is None and same and value == 1 and (
                (same[-1] == len(stack) - 1 and stack[-1].value == 1)
                or len(same) >= _MAX_RESTARTS):
            # a marker that repeats at its level (1. right after 1.) is a sibling, and a
            # kind nests in itself at most _MAX_RESTARTS deep, so depth stays bounded by
            # the marker hierarchy whatever the input
            idx = same[-1]
            if pending_title is not None and same[0] == 0:
                idx = None  # unless a title line announced a second plan: handled below
        if idx is None and same and value == 1:
            if pending_title is not None and same[0] == 0:
                # a second plan in the same file restarts the numbering: a group per plan
                earlier = [r for r in roots if r.kind != "group"]
                gs, ge = pending_title
                open_group(gs, gs, ge, text[gs:ge])
                if lead_title is not None and earlier:
                    first = open_node("group", text[lead_title[0]:lead_title[1]], None,
                                      lead_title[0], *lead_title, None)
                    roots.remove(first)
                    roots.insert(roots.index(earlier[0]), first)
                    first.end = gs
                    regroup(first, earlier)
            # else: a nested restart, under the deepest open node
        elif idx is None and same:
            idx = same[-1]  # tolerate skipped or repeated numbers
        pending_title = None
        if idx is not None:
            for n in stack[idx:]:
                close(n, start)
            del stack[idx:]
        node = open_node(kind, number, value, start, hs, he, stack[-1] if stack else None)
        stack.append(node)

    for ls, le in lines:
        line = text[ls:le]
        marker = _line_marker(text, ls, le)
        if marker is None and styled and ls in styled:
            marker = _styled_marker(text, ls, le, styled[ls], styled_seen)
        if marker and marker.kind == "dash" and not seen_heading:
            marker = None  # a '——' subtitle before the outline starts is not a bullet
        annex = None if marker or not seen_heading else _ANNEX.match(line)
        if annex is None and not marker and seen_heading and is_glossary_heading(line):
            # 有关名词解释: a part of its own, named by its line, whatever was open before
            open_group(ls, ls, le, line.strip())
            annex_group = pending_title = None
            scan_from = le
        elif marker:
            seen_heading = True
            annex_group = None
            hs, he = _heading_span(text, marker.body, le)
            place(marker.kind, marker.number, marker.value, ls, hs, he)
            scan_from = he
        elif annex:
            number = re.sub(r"\s+", "", annex.group(1))
            hs, he = (annex.start(2) + ls, le) if annex.group(2) else (ls, ls)
            group = open_group(ls, hs, he, number)
            annex_group = None if annex.group(2) else group
            pending_title = None
            scan_from = le
        else:
            if annex_group is not None and _is_title_line(line):
                annex_group.heading = line.strip()
                annex_group.heading_start, annex_group.heading_end = ls, le
            elif _is_title_line(line):
                if seen_heading:
                    pending_title = (ls, le)
                elif ls > 0:
                    lead_title = (ls, le)
            annex_group = None
            scan_from = ls
        # run-in 一是 / 二是 series inside this paragraph
        shi = [m for m in _SHI.finditer(text, scan_from, le)
               if chinese_to_int(m.group(2))
               and (m.start() == scan_from or text[m.start() - 1] in _SHI_BEFORE)]
        container = [n for n in stack if n.kind not in ("shi", "dash")]
        first = chinese_to_int(shi[0].group(2)) if shi else None
        # a series may go on in the next paragraph of the same container (一是… ¶ 二是…)
        # (also at the top of a plan with no parts: 一是… ¶ 二是… as its only items)
        if first and (first == 1 or last_shi == (container[-1].id if container else "", first - 1)):
            expected = first
            for m in shi:
                v = chinese_to_int(m.group(2))
                if v != expected:
                    continue
                expected += 1
                while stack and stack[-1].kind == "shi":
                    close(stack.pop(), m.start(1))
                del stack[len(container):]
                hs, he = _heading_span(text, m.end(1), le, _SENT_END + "；;")
                node = open_node("shi", m.group(1), v, m.start(1), hs, he,
                                 container[-1] if container else None)
                stack.append(node)
                seen_heading = True
                last_shi = (node.parent.id if node.parent else "", v)
        # run-in ①②…: after a ① that opened the line, or as a series inside a paragraph
        circled = [m for m in _CIRCLED_RUN.finditer(text, scan_from, le)
                   if m.start() > ls and text[m.start() - 1] in _SHI_BEFORE]
        if circled:
            top = stack[-1] if stack else None
            line_item = top is not None and top.kind == "circled" and top.start == ls
            expected = top.value + 1 if line_item else 1
            for m in circled:
                v = _CIRCLED.index(m.group()) + 1
                if v != expected:
                    continue
                expected += 1
                if stack and stack[-1].kind == "circled" and (stack[-1].start == ls or
                                                              stack[-1].start > ls):
                    close(stack.pop(), m.start())
                hs, he = _heading_span(text, m.end(), le, _SENT_END + "；;")
                node = open_node("circled", m.group(), v, m.start(), hs, he,
                                 stack[-1] if stack else None)
                node.run_in = True
                stack.append(node)
        # run-in series and —— bullets end with their paragraph
        while stack and (stack[-1].kind in ("shi", "dash") or stack[-1].run_in):
            close(stack.pop(), le)
    for n in stack:
        close(n, _rstrip_end(text, len(text)))
    for root in roots:
        for node in root.walk():
            node.end = _rstrip_end(text, node.end, node.heading_end)
    return roots


def _rstrip_end(text: str, end: int, floor: int = 0) -> int:
    while end > floor and text[end - 1].isspace():
        end -= 1
    return end


def split_paragraphs(text: str, lines: list[tuple[int, int]] | None = None) -> list[Segment]:
    lines = _lines(text) if lines is None else lines
    return [Segment(f"p{i}", s, e, text[s:e]) for i, (s, e) in enumerate(lines, 1)]


# a sentence may close with a responsibility note after its stop that more text follows on the
# line (…降低20%。（市经委牵头）城镇登记失业率…): the note belongs to it, not to the next one; a note
# that ends the line closes the whole item (编制…。加大…。（区发改局牵头…配合）)
_SENT = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’』」）)]*"
                   r"(?:[（(][^（）()\n。]{0,40}?(?:牵头|负责|配合)[^（）()\n。]{0,40}[）)]"
                   r"(?=[^\s）)]))?|$)")


# a responsibility note opening a line that goes on (（市国土房管局牵头）主要污染物排放总量减少10%。):
# it closes the sentence above, so it is a sentence of its own
_LEADING_NOTE = re.compile(r"[ \t\u3000]*[（(][^（）()\n。]{0,40}?(?:牵头|负责|配合)[^（）()\n。]{0,40}[）)]"
                           r"(?=[^\s）)])")


def split_sentences(text: str, paragraphs: list[Segment]) -> list[Segment]:
    """Sentences end at 。！？ (with closing quotes) or at the end of a paragraph."""
    out: list[Segment] = []
    for p in paragraphs:
        start = p.start
        note = _LEADING_NOTE.match(text, p.start, p.end)
        if note:
            s = note.start() + len(note.group()) - len(note.group().lstrip(" \t\u3000"))
            out.append(Segment(f"s{len(out) + 1}", s, note.end(), text[s:note.end()]))
            start = note.end()
        for m in _SENT.finditer(text, start, p.end):
            s, e = m.start(), m.end()
            while s < e and text[s] in " \t\u3000":
                s += 1
            e = _rstrip_end(text, e, s)
            if e > s:
                out.append(Segment(f"s{len(out) + 1}", s, e, text[s:e]))
    return out


# --- front matter: title, issuers, year -------------------------------------------

_NOTICE = re.compile(r"^(?P<issuer>.+?)(?:关于)?(?:印发|转发)"
                     r"(?:[^《》]{0,24}?《(?P<plan>[^》]+)》|(?P<plain>.+?))的通知")
_REPORT_BY = re.compile(r"我代表([^，,。]{2,20}?)(?:，|,|向)")
_ORG_END = re.compile(r"(党工委|办事处|人民政府|政府|办公厅|办公室|委员会|党委|局|厅|委|部|处|院)$")
_PLACE = re.compile(r"^(.+?(?:街道|镇|乡|自治区|省|市|区|县|旗))")
_CONGRESS_PLACE = re.compile(r"在(\S{2,12}?(?:自治区|省|市|县|区|旗))第\S{1,4}届人民代表大会")
_LEVEL = ("自治区", "自治州", "自治县", "自治旗", "省", "市", "县", "区", "旗")


def _with_place(issuer: str, head: str) -> str:
    """我代表省人民政府 + 在浙江省第十四届人民代表大会 → 浙江省人民政府."""
    level = next((lv for lv in _LEVEL if issuer.startswith(lv)), None)
    m = _CONGRESS_PLACE.search(head)
    if level and m and m.group(1).endswith(level):
        return m.group(1) + issuer[len(level):]
    return issuer


def _split_issuers(prefix: str) -> list[str]:
    parts = [p for p in re.split(r"[、，,和及]", prefix) if p]
    if not parts:
        return []
    place = _PLACE.match(parts[0])
    out = [parts[0]]
    for p in parts[1:]:
        if place and not _PLACE.match(p):
            p = place.group(1) + p
        out.append(p)
    return out


def read_front_matter(text: str, lines: list[tuple[int, int]], outline: list[OutlineNode]):
    """Title, alternative title, issuers and year from the lines before the outline."""
    first_heading = outline[0].start if outline else len(text)
    head = [text[s:e] for s, e in lines if s < first_heading][:12]
    if not head and lines:
        head = [text[lines[0][0]:lines[0][1]]]
    while len(head) > 1 and _DOC_NUMBER.fullmatch(head[0].strip()):
        head = head[1:]  # 辽政办发〔2012〕53号: the notice's number, above its title
    if head and head[0].count("《") > head[0].count("》"):
        # a title broken over lines inside its 《》 (辽宁省人民政府关于印发《2023年 / 省〈政府工作报告〉
        # 任务分解 / 和责任分工方案》的通知): one title
        k = next((i for i in range(1, min(4, len(head))) if "》" in head[i]), None)
        if k is not None:
            head = ["".join(h.strip() for h in head[:k + 1])] + head[k + 1:]
    title = head[0].strip() if head and _is_titleish(head[0]) else None
    if title:  # 政府工作报告—2021年7月29日在…人民代表大会…上: the session line run into the title
        title = _SESSION_TAIL.sub("", title) or title
    title_alt = None
    issuers: list[str] = []
    if title:
        notice = _NOTICE.match(title)
        if notice:
            issuer = notice.group("issuer").strip()
            # 关于印发《…》的通知 names no issuer: the notice's signature does
            issuers = [issuer] if issuer != "关于" else _signature(text, lines)
            plan = (notice.group("plan") or notice.group("plain") or "").strip()
            own = next((h.strip() for h in head[1:] if h.strip() == plan), None)
            if plan:
                title_alt, title = title, own or plan
        else:
            issuers = _title_issuers(title)
    if not issuers:
        m = _REPORT_BY.search(text[:3000])
        if m:
            issuers = [_with_place(m.group(1).strip(), text[:3000])]
    if not issuers:  # a plan or notice without a title line may still be signed
        issuers = _signature(text, lines)
    year = None
    for source in ([title] if title else []) + head[:3]:
        m = _YEAR.search(source or "")
        if m:
            year = int(m.group(1))
            break
    if year is None:  # a notice's number (〔2019〕26号) or its date line
        for source in [title_alt or ""] + head[:12]:
            m = _DOC_YEAR.search(source or "") or _SIGNED.fullmatch((source or "").strip())
            if m:
                year = int(re.search(r"(?:19|20)\d{2}", m.group()).group())
                break
    return title, title_alt, issuers, year


_YEAR_WORD = re.compile(r"(?:19|20)\d{2}年度?")
_PLACE_ONLY = re.compile(r"\S{1,12}?(?:街道|镇|乡|自治区|省|市|区|县|旗)")


def _title_issuers(title: str) -> list[str]:
    """The body a plan's title names (吴淞街道党工委、办事处2021年工作要点, 2023年章镇镇政府…任务分解,
    大场镇2023年工作计划, 汉滨区2025年政府工作报告); none where the title names only a year or a
    document (2026年政府工作报告, 2024年《政府工作报告》…分解表)."""
    report = "政府工作报告" in title
    m = re.match(r"^(.+?)(?:19|20)\d{2}年", title)
    if m and _ORG_END.search(m.group(1)):
        return _split_issuers(m.group(1))
    if m and _PLACE_ONLY.fullmatch(m.group(1)):
        # 大场镇2023年工作计划: the town itself; 汉滨区2025年政府工作报告: its government
        return [m.group(1) + "人民政府"] if report else [m.group(1)]
    if report:
        m2 = re.match(r"^(?:(?:19|20)\d{2}年度?)?(.+?)政府工作报告", title)
        name = _YEAR_WORD.sub("", m2.group(1)) if m2 else ""
        return [name + "人民政府"] if name and _PLACE_ONLY.fullmatch(name) else []
    about = re.match(r"^(\S{2,30}?)关于", title)
    if about and _ORG_END.search(about.group(1)):  # 辽宁省人民政府办公厅关于落实…的通知
        return _split_issuers(about.group(1))
    lead = _YEAR_WORD.match(title)
    if lead:  # 2023年章镇镇政府主要工作安排, 2020年塘桥街道社代会报告: the body after the year
        rest = title[lead.end():]
        body = re.match(r"\S{1,15}?(?:人民政府|政府|党工委|办事处|委员会)", rest)
        if body and _PLACE.match(body.group()):
            return [body.group()]
        place = re.match(r"(?!全)\S{1,12}?(?:街道|镇|乡)", rest)  # not 全县乡村振兴: a scope
        if place:
            return [place.group()]
    return []


_SESSION_TAIL = re.compile(r"(?<=[\u4e00-\u9fff])\s*[—－-]{1,2}\s*(?:(?:19|20)\d{2}年\d{1,2}月|在).*$")
_DOC_NUMBER = re.compile(r"\S{1,12}[〔\[［(（](?:19|20)\d{2}[〕\]］)）]\d{1,4}号")
_DOC_YEAR = re.compile(r"[〔\[［(（]((?:19|20)\d{2})[〕\]］)）]\d+号")
_SIGNED = re.compile(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日")


def _signature(text: str, lines: list[tuple[int, int]]) -> list[str]:
    """The body that signs a notice: a line naming it, right above the date line
    (闵行区吴泾镇人民政府 / 2023年11月1日)."""
    heads = [text[s:e].strip() for s, e in lines[:60]]
    for name, nxt in zip(heads, heads[1:], strict=False):
        if _SIGNED.fullmatch(nxt) and len(name) <= 40 and _ORG_END.search(name) \
                and "。" not in name:
            return [name]
    return []


def _is_titleish(line: str) -> bool:
    """A title line: short, no full stop, and no address line (各位代表：) ending in a colon."""
    s = line.strip()
    return 0 < len(s) <= 120 and "。" not in s and not s.endswith(("：", ":"))


def read_structure(text: str, layout: dict | None = None) -> Structure:
    """The whole structure stage: outline, paragraphs, sentences, tables and front matter.

    `layout` is what a .docx says beyond its text (`reading.docx_layout`): its tables'
    cells and its paragraphs in Word heading styles.
    """
    lines = _lines(text)
    outline = parse_outline(text, lines, styled=_styled_lines(text, layout))
    paragraphs = split_paragraphs(text, lines)
    sentences = split_sentences(text, paragraphs)
    title, title_alt, issuers, year = read_front_matter(text, lines, outline)
    return Structure(title, title_alt, issuers, year, outline, paragraphs, sentences,
                     find_tables(text, layout))


def _styled_lines(text: str, layout: dict | None) -> dict[int, int]:
    """Line start offset → heading level, for the paragraphs in a Word heading style."""
    if not layout or not layout.get("headings"):
        return {}
    spans = line_spans(text)
    return {spans[i][0]: level for i, level in layout["headings"] if i < len(spans)}
