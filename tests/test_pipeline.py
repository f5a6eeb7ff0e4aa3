"""The spaCy side: registered factories, jieba with policy terms, span groups, schema."""

from __future__ import annotations

from importlib.metadata import entry_points

import jsonschema
import pytest
import spacy
from conftest import CORPUS, dict_of

import wusong_nlp
from wusong_nlp.pipeline import COMPONENTS


def test_load_returns_blank_zh_with_registered_components():
    nlp = wusong_nlp.load()
    assert nlp.lang == "zh" and nlp.pipe_names == COMPONENTS
    for name in COMPONENTS:
        assert spacy.registry.factories.get(name) is not None or nlp.has_factory(name)


def test_factories_are_exposed_as_entry_points():
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert set(COMPONENTS) <= names


def test_policy_terms_stay_one_token():
    nlp = wusong_nlp.load(["wusong_structure"])
    words = [t.text for t in nlp("充分发挥城运中心作用，深化“一网统管”应用，会同市场监管部门")]
    for term in ("城运中心", "一网统管", "市场监管"):
        assert term in words


def test_doc_spans_carry_records_with_exact_offsets():
    nlp = wusong_nlp.load()
    text = (CORPUS / "wusong_2021_work_points.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    assert doc.text == text
    outline = doc.spans["outline"]
    assert [s._.record.id for s in outline][:4] == ["一", "一/（一）", "一/（二）", "一/（三）"]
    for key in ("outline", "sentences", "paragraphs"):
        assert len(doc.spans[key]) > 0
        for span in doc.spans[key]:
            rec = span._.record
            assert span.start_char <= rec.start and rec.end <= span.end_char
            if key == "outline":
                assert text[rec.heading_start:rec.heading_end] == rec.heading
            else:
                assert text[rec.start:rec.end] == rec.text
    # spans of different groups at the same place keep their own records
    quantities = doc.spans["quantities"]
    assert quantities and all(type(s._.record).__name__ == "Quantity" for s in quantities)
    assert all(s._.kind == s._.record.kind for s in quantities)


def test_subset_of_components_and_unknown_component():
    nlp = wusong_nlp.load(["wusong_structure"])
    assert nlp.pipe_names == ["wusong_structure"]
    with pytest.raises(ValueError, match="unknown components"):
        wusong_nlp.load(["nope"])


@pytest.mark.parametrize("name", ["wusong_2021_work_points.txt",
                                  "14_baotou_digital_gov_evaluation_2022.txt",
                                  "13_anhui_industrial_internet_policy_and_action_plan_2021.txt",
                                  "08_guangdong_gov_work_report_2025.txt"])
def test_output_validates_against_the_shipped_schema(name):
    jsonschema.validate(dict_of(name), wusong_nlp.schema())


def test_analyze_accepts_text_and_path_alike():
    path = CORPUS / "wusong_2021_work_points.txt"
    by_path = wusong_nlp.analyze(path).to_dict()
    by_text = wusong_nlp.analyze(path.read_text(encoding="utf-8")).to_dict()
    by_str_path = wusong_nlp.analyze(str(path)).to_dict()
    assert by_path["outline"] == by_text["outline"] == by_str_path["outline"]
    assert by_text["source"]["path"] is None
