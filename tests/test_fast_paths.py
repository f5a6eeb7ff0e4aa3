"""The speed-ups give what the plain code they replace gave (issue 10, speed).

Each fast path is checked against a straightforward reference: the node-link JSON
written without networkx against networkx's own, the trie alternation against the plain
longest-first alternation, the compiled clause windows against the character loop, the
span index against a scan. Times are measured in benchmarks/, not here.
"""

from __future__ import annotations

import re

import pytest
from conftest import CORPUS, SEED
from hypothesis import given, settings
from hypothesis import strategies as st

import wusong_nlp
from wusong_nlp.extract.actor_names import BOUNDARY, gazetteer, split_units
from wusong_nlp.extract.programs import _strong_verb_re, _verbs
from wusong_nlp.graph import build_graph, graph_dict, graph_to_node_link
from wusong_nlp.offsets import SpanIndex
from wusong_nlp.resources import alternation, at_every_position
from wusong_nlp.text import window_end, window_start

GUANGDONG = CORPUS / "08_guangdong_gov_work_report_2025.txt"


@pytest.mark.parametrize("path", [SEED, GUANGDONG], ids=lambda p: p.name[:12])
def test_graph_json_is_the_node_link_of_the_graph(path):
    plan = wusong_nlp.analyze(path)
    assert graph_dict(plan) == graph_to_node_link(build_graph(plan))
    assert plan.to_dict()["graph"] == graph_to_node_link(plan.graph)
    g = build_graph(plan)  # the same nodes, in the same order both ways
    assert [d["id"] for d in graph_dict(plan)["nodes"]] == list(g)


def test_to_dict_writes_the_graph_as_edited_once_built():
    plan = wusong_nlp.analyze(SEED)
    plan.graph.add_node("note:mine", type="note")
    assert plan.to_dict()["graph"]["nodes"][-1]["id"] == "note:mine"
    assert "graph" not in plan.to_dict(graph=False)


def _plain_alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)) if w)


_WORDS = st.lists(st.text(alphabet="市区委办局厅中心.*+", min_size=0, max_size=4), max_size=10)


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.text(alphabet="市区委办局厅中心.*+xy", max_size=40))
def test_trie_alternation_matches_like_the_plain_one(words, text):
    plain, trie = _plain_alternation(words), alternation(words)
    if not plain:
        assert trie == ""
        return
    for form in ("{}", "(?:{})+$", "(?:{})*(?:{})心", "({})x"):
        a, b = re.compile(form.format(plain, plain)), re.compile(form.format(trie, trie))
        assert [(m.span(), m.groups()) for m in a.finditer(text)] == \
            [(m.span(), m.groups()) for m in b.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.text(alphabet="市区委办局厅中心.*+xy", max_size=40))
def test_every_position_matches_like_the_plain_lookahead(words, text):
    """The first-character class in front changes where the engine looks, not what it finds."""
    plain = _plain_alternation(words)
    found = [(m.start(), m.group(1)) for m in re.finditer(at_every_position(words), text)]
    assert found == ([(m.start(), m.group(1)) for m in re.finditer(f"(?=({plain}))", text)]
                     if plain else [])


def test_programme_verbs_are_found_at_every_place_of_a_real_text():
    """加快建设, 持续推进 in Guangdong's report: the strong verbs where the plain lookahead finds them."""
    text = GUANGDONG.read_text(encoding="utf-8")
    plain = re.compile(f"(?=({_plain_alternation(_verbs()[0])}))")
    found = [(m.start(), m.group(1)) for m in _strong_verb_re().finditer(text)]
    assert len(found) > 100 and found == [(m.start(), m.group(1)) for m in plain.finditer(text)]


def test_gazetteer_finds_the_same_bodies_as_a_plain_alternation():
    """区委宣传部、区文明办: the longest gazetteer form at each place, as before."""
    text = SEED.read_text(encoding="utf-8")
    entries = gazetteer().entries
    plain = re.compile(_plain_alternation(entries))
    found = [m.span() for m in gazetteer().pattern.finditer(text)]
    assert found and found == [m.span() for m in plain.finditer(text)]


def _start_loop(text, pos, stops, limit):
    i = pos
    while i > 0 and text[i - 1] not in stops and pos - i < limit:
        i -= 1
    return i


def _end_loop(text, pos, stops, limit):
    i = pos
    while i < len(text) and text[i] not in stops and (limit is None or i - pos < limit):
        i += 1
    return i


_STOPS = st.sampled_from(["，。", "\n", "]^\\-", "", frozenset("，。"), frozenset({"ab", "]"}),
                          BOUNDARY, set("，")])


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab，。\n]^\\-c", max_size=300), st.data(), _STOPS,
       st.one_of(st.none(), st.integers(-3, 400)))
def test_windows_stop_where_the_character_loop_stops(text, data, stops, limit):
    pos = data.draw(st.integers(0, len(text)))
    assert window_end(text, pos, stops, limit) == _end_loop(text, pos, stops, limit)
    if limit is not None:
        assert window_start(text, pos, stops, limit) == _start_loop(text, pos, stops, limit)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 200), st.sampled_from([0, 1, 3, 40, 150])),
                max_size=30), st.integers(-5, 260), st.integers(0, 30))
def test_span_index_finds_what_a_scan_finds(spans, start, width):
    items = sorted(((s, s + n) for s, n in spans), key=lambda x: x[0])
    index = SpanIndex(items)
    end = start + width
    assert index.overlapping(start, end) == [x for x in items if x[1] > start and x[0] < end]
    assert index.containing(start) == [x for x in items if x[0] <= start < x[1]]


@pytest.mark.parametrize(("doc", "sentence", "subject", "units"), [
    ("42_wujing_town_reserve_land_plan_2023.txt", "镇财政所、镇规建办对相关费用进行审核",
     "镇财政所、镇规建办", ["镇财政所", "镇规建办"]),
    ("42_wujing_town_reserve_land_plan_2023.txt", "镇财政所、镇规建办对相关费用进行审核",
     "镇财政所", ["镇财政所"]),  # no separator, conjunction, 等 or bracket: one unit
    ("36_baoshan_district_garbage_sorting_plan_2019.txt", "各街镇（园区）完成再生资源回收网络",
     "各街镇（园区）", ["各街镇（园区）"]),
    ("36_baoshan_district_garbage_sorting_plan_2019.txt", "各街镇（园区）完成再生资源回收网络",
     "各街镇（", []),  # an unclosed bracket swallows the list, as it always did
])
def test_split_units_on_real_subjects(doc, sentence, subject, units):
    """The subjects `_acting_subjects` tries, with their offsets in the document."""
    text = (CORPUS / doc).read_text(encoding="utf-8")
    at = text.index(sentence)
    found = split_units(text[at:at + len(subject)], at)
    assert [text[a:b] for a, b in found] == units
