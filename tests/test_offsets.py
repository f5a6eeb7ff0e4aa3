"""Offsets are sacred: every span's text equals text[start:end], on real and random input."""

from __future__ import annotations

import jsonschema
import pytest
from conftest import CORPUS, dict_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wusong_nlp
from wusong_nlp.reading import InputError

SCHEMA = wusong_nlp.schema()
DOCS = sorted(p.name for p in CORPUS.glob("*.txt"))


def spans_in(obj, path="$"):
    """Every dict in the JSON that has start, end and text."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int) \
                and isinstance(obj.get("text"), str):
            yield path, obj
        for k, v in obj.items():
            if k != "text":
                yield from spans_in(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from spans_in(v, f"{path}[{i}]")


def assert_offsets(data: dict) -> int:
    text = data["text"]
    n = 0
    for path, span in spans_in(data):
        assert text[span["start"]:span["end"]] == span["text"], path
        n += 1
    for path, node in _nodes(data["outline"]):
        assert text[node["heading_start"]:node["heading_end"]] == node["heading"], path
    return n


def _nodes(nodes, path="$.outline"):
    for i, n in enumerate(nodes):
        yield f"{path}[{i}]", n
        yield from _nodes(n["children"], f"{path}[{i}].children")


@pytest.mark.parametrize("name", DOCS)
def test_every_span_of_every_corpus_document(name):
    data = dict_of(name)
    assert assert_offsets(data) > 10
    jsonschema.validate(data, SCHEMA)


SEED_TEXT = (CORPUS / "wusong_2021_work_points.txt").read_text(encoding="utf-8")
pieces = st.sampled_from([SEED_TEXT[i:i + 60] for i in range(0, len(SEED_TEXT), 60)])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(pieces, st.text(alphabet="一二三四五六七八九十（）、。是1.．①——\n 　年个%万0123456789近约以上左右完成新增城运中心牵头“”《》",
                                          max_size=30)), min_size=1, max_size=8))
def test_offsets_hold_on_shuffled_and_random_text(parts):
    text = "".join(parts)
    try:
        analysis = wusong_nlp.analyze(text)
    except InputError:
        return
    data = analysis.to_dict()
    assert_offsets(data)
    jsonschema.validate(data, SCHEMA)
