"""The streamed JSON equals json.dumps byte for byte, lazy lists or not, any indent."""

from __future__ import annotations

import io
import json

import pytest
from conftest import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st

import wusong_nlp
from wusong_nlp.jsonstream import Lazy, dump, materialise

leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                   st.text(alphabet=st.characters(), max_size=8))
plain = st.recursive(leaves, lambda kids: st.lists(kids, max_size=4)
                     | st.dictionaries(st.text(max_size=5), kids, max_size=4), max_leaves=20)


def _lazy_form(value, draw_lazy: bool):
    """The same value with its lists as iterators and its dicts as Lazy (where asked)."""
    if isinstance(value, dict):
        return Lazy({k: _lazy_form(v, draw_lazy) for k, v in value.items()})
    if isinstance(value, list):
        items = [_lazy_form(v, draw_lazy) for v in value]
        return iter(items) if draw_lazy else items
    return value


def _streamed(value, indent) -> str:
    buf = io.StringIO()
    dump(value, buf, indent=indent)
    return buf.getvalue()


@settings(max_examples=200, deadline=None)
@given(value=st.dictionaries(st.text(max_size=5), plain, max_size=5),
       indent=st.sampled_from([None, 1, 2]), lazy=st.booleans())
def test_stream_equals_json_dumps(value, indent, lazy):
    expected = json.dumps(value, ensure_ascii=False, indent=indent)
    assert _streamed(_lazy_form(value, lazy), indent) == expected
    assert materialise(_lazy_form(value, lazy)) == value


@pytest.mark.parametrize("name", ["wusong_2021_work_points.txt",
                                  "37_jingan_district_urban_renewal_action_plan_2023.txt",
                                  "08_guangdong_gov_work_report_2025.txt"])
def test_write_json_equals_the_dumped_dict(name):
    """The CLI streams a single plan with write_json: the same bytes as json.dumps of
    to_dict, with and without the graph, indented or not, and after the graph was built."""
    plan = wusong_nlp.analyze(CORPUS / name)
    for graph in (True, False):
        for indent in (None, 1):
            buf = io.StringIO()
            plan.write_json(buf, indent=indent, graph=graph)
            assert buf.getvalue() == json.dumps(plan.to_dict(graph=graph), ensure_ascii=False,
                                                indent=indent)
    plan.graph.graph["edited"] = True  # a built (and edited) graph is the one written
    buf = io.StringIO()
    plan.write_json(buf, indent=None)
    assert buf.getvalue() == json.dumps(plan.to_dict(), ensure_ascii=False)
    assert '"edited": true' in buf.getvalue()
