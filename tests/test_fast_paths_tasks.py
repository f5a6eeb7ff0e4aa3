"""The task stage's speed-ups give what the plain code they replace gave (issue 10, speed).

Each fast path of extract/tasks.py and extract/deadlines.py is checked against the plain
code it stands in for. Times are measured in benchmarks/, not here.
"""

from __future__ import annotations

from conftest import SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from wusong_nlp.extract import deadlines


def _plain_places(text: str, start: int, end: int) -> dict[str, list[tuple[int, int]]]:
    """Each plain-word form's own scan, as find_deadlines ran it before."""
    out = {}
    for form in deadlines.spec().forms:
        if not form.slots and form.form:
            spans = [m.span() for m in form.regex.finditer(text, start, end)]
            if spans:
                out[form.form] = spans
    return out


_WORD_CHARS = "".join(sorted({ch for f in deadlines.spec().forms if not f.slots for ch in f.form}))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_WORD_CHARS[:40] + "年底前内每季度，", max_size=120), st.data())
def test_plain_words_are_found_where_their_own_scans_find_them(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert deadlines._word_places(text, start, end) == _plain_places(text, start, end)


def test_plain_words_of_the_seed():
    text = SEED.read_text(encoding="utf-8")
    found = deadlines._word_places(text, 0, len(text))
    assert found and found == _plain_places(text, 0, len(text))
