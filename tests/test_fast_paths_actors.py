"""The actor stage's speed-ups give what the plain code they replace gave (issue 10, speed).

Each fast path of extract/actors.py and extract/actor_names.py is checked against the
plain helper it stands in for. Times are measured in benchmarks/, not here.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wusong_nlp.extract import actors
from wusong_nlp.extract.actor_names import BOUNDARY
from wusong_nlp.text import window_end


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab，。\n（）()、c：", max_size=200), st.data(), st.integers(0, 420))
def test_clause_ends_are_the_windows_ends(text, data, limit):
    """The compiled clause runs stop where `window_end` stops with the same stops."""
    pos = data.draw(st.integers(0, len(text) + 2))
    assert actors._run_end(actors._NOT_BOUNDARY, text, pos, limit) == \
        window_end(text, pos, BOUNDARY, limit)
    assert actors._run_end(actors._NOT_CLAUSE_STOP, text, pos, limit) == \
        window_end(text, pos, BOUNDARY - frozenset("（）()"), limit)
