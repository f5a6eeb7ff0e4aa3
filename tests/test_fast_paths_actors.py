"""The actor stage's speed-ups give what the plain code they replace gave (issue 10, speed).

Each fast path of extract/actors.py and extract/actor_names.py is checked against the
plain helper it stands in for. Times are measured in benchmarks/, not here.
"""

from __future__ import annotations

import re

from conftest import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st

from wusong_nlp.extract import actors
from wusong_nlp.extract.actor_names import BOUNDARY
from wusong_nlp.text import window_end

_HELD_OUT = ("30_", "31_", "34_", "35_", "44_")  # not looked at while writing rules


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
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))
                     if not p.name.startswith(_HELD_OUT))
    found = [m.span() for m in actors._PATTERN_BODIES.finditer(text)]
    assert len(found) > 30 and found == [m.span() for m in plain.finditer(text)]
