"""The actor stage's speed-ups give what the plain code they replace gave (issue 10, speed).

Each fast path of extract/actors.py and extract/actor_names.py is checked against the
plain helper it stands in for. Times are measured in benchmarks/, not here.
"""

from __future__ import annotations

import re

from conftest import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st

from wusong_nlp.extract import actor_names, actors
from wusong_nlp.extract.actor_names import BOUNDARY
from wusong_nlp.text import window_end

_HELD_OUT = ("30_", "31_", "34_", "35_", "44_")  # not looked at while writing rules


def _corpus_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))
                     if not p.name.startswith(_HELD_OUT))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab，。\n（）()、c：", max_size=200), st.data(), st.integers(0, 420))
def test_clause_ends_are_the_windows_ends(text, data, limit):
    """The compiled clause runs stop where `window_end` stops with the same stops."""
    pos = data.draw(st.integers(0, len(text) + 2))
    assert actors._run_end(actors._NOT_BOUNDARY, text, pos, limit) == \
        window_end(text, pos, BOUNDARY, limit)
    assert actors._run_end(actors._NOT_CLAUSE_STOP, text, pos, limit) == \
        window_end(text, pos, BOUNDARY - frozenset("（）()"), limit)


def test_pattern_bodies_lookahead_changes_no_match():
    """The first-character lookahead in front of the pattern bodies changes where the
    engine looks, not what it finds (over the corpus texts)."""
    lead = "(?=[中自省市区县])(?:"
    pattern = actors._PATTERN_BODIES.pattern
    assert pattern.startswith(lead) and pattern.endswith(")")
    plain = re.compile(pattern[len(lead):-1])
    text = _corpus_text()
    found = [m.span() for m in actors._PATTERN_BODIES.finditer(text)]
    assert len(found) > 30 and found == [m.span() for m in plain.finditer(text)]


def test_clause_patterns_tried_at_their_cues_match_as_a_full_scan():
    """The subjects of a modal and the units said to be responsible are found where a
    scan of every character finds them (over the corpus texts)."""
    text = _corpus_text()
    for pattern, cue, stops in ((actors._SUBJECT, actors._MODAL, actors._SUBJECT_STOPS),
                                (actors._named_responsible(), actors._lead_predicates(),
                                 actors._RESPONSIBLE_STOPS)):
        found = [m.span(1) for m in actors._at_clause_starts(pattern, cue, stops, text)]
        assert found and found == [m.span(1) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="各部门镇要须应，。\n （1）一是", max_size=120))
def test_subjects_tried_at_modals_match_as_a_full_scan(text):
    found = actors._at_clause_starts(actors._SUBJECT, actors._MODAL, actors._SUBJECT_STOPS, text)
    assert [m.span() for m in found] == [m.span() for m in actors._SUBJECT.finditer(text)]


_PLAIN_STRIPPED_LINE = re.compile(r"^[ \u3000\t]*([^\n]*?)[ \u3000\t]*$", re.M)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="局委 \u3000\t：:。ab", max_size=140), max_size=6))
def test_actor_lines_read_line_by_line_match_as_a_scan(lines):
    """The unit lines and the stripped lines of _actor_lines and _name_columns, line by
    line, are what the whole-text scans found (but the empty lines)."""
    text = "\n".join(lines)
    assert [(m.span(), m.span(1)) for m in actors._line_matches(actors._UNIT_LINE, text, 121)] \
        == [(m.span(), m.span(1)) for m in actors._UNIT_LINE.finditer(text)]
    stripped = [actors._stripped(text, m.start(), m.end()) for m in actors._LINE.finditer(text)]
    assert [(a, b) for a, b in stripped if b > a] == \
        [m.span(1) for m in _PLAIN_STRIPPED_LINE.finditer(text) if m.group(1)]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="省市区镇街道局委办企业人员与、和等（）(窗口加快建设推进对", min_size=1, max_size=14))
def test_a_subject_passed_at_once_names_no_unit(subject):
    """`_ends_no_name` holds only of a candidate subject none of whose unit lists passes
    the test of `_line_subjects` (the document's names aside) nor closes a kind."""
    text = "各" + subject  # a subject opens with a character of a name, never a space
    if not actors._ends_no_name(text, 0, len(text), set()):
        return
    units = actors._subject_units(text, "")
    assert not units or not all(
        actor_names.known(text[a:b]) or actor_names.is_head_name(text[a:b])
        or actors._governs(text[a:b]) for a, b in units)
    assert not units or text[units[-1][0]:units[-1][1]].endswith(text[-1])
    assert actors._kind_of_list(text, 0, len(text)) is None


def test_role_cues_are_found_where_their_own_scans_find_them():
    """One scan for all the role cues finds each where `re.finditer` of it alone did."""
    text = _corpus_text()
    places = actors._cue_places().find(text)
    for cue, _role, _where in actor_names.role_cues():
        assert places.get(cue, []) == [m.span() for m in re.finditer(re.escape(cue), text)], cue


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="各部门要，。：；! \u3000\t一二是①（1）2.、a", max_size=60))
def test_clause_opens_of_a_line_are_those_of_the_lookbehind_scan(line):
    text = "前文。\n" + line + "\n后文"
    start, end = 4, 4 + len(line)  # the line between two others
    assert actors._clause_opens(text, start, end) == \
        [m.span() for m in actors._CLAUSE_OPEN.finditer(text, start, end)]


def test_the_taggers_chinese_words_start_words_of_the_cut_with_hmm():
    """`_Collector.starts_a_word` answers a word of two or more Chinese characters from
    the tagger without asking the cut with HMM: the cut keeps each of them (over the
    corpus texts, line by line as the actor stage tags them)."""
    from wusong_nlp.resources import policy_segmenter

    text = _corpus_text()
    seg = policy_segmenter()
    words = seg.word_starts(text)
    col = actors._Collector(text, None, words)
    asked = 0
    for line in actors._LINE.finditer(text):
        pos = line.start()
        for token, _flag in seg.tag(line.group(), hmm=False):
            if len(token) > 1 and actors._HAN_WORD.fullmatch(token):
                asked += 1
                assert words.starts_at(pos), (pos, token)
                assert col.starts_a_word(pos, token)
            pos += len(token)
    assert asked > 10_000
