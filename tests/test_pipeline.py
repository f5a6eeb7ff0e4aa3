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


# --- components as spaCy users expect them (the layout issue) ------------------------

SEED_TEXT = (CORPUS / "wusong_2021_work_points.txt").read_text(encoding="utf-8")


def _groups(doc) -> dict:
    """Every wusong span group as (start_char, end_char, label, record dict) tuples."""
    from wusong_nlp.pipeline import records_of

    out = {}
    for key in doc.spans:
        recs = records_of(doc, key)
        out[key] = [(s.start_char, s.end_char, s.label_,
                     rec.to_dict() if hasattr(rec, "__dataclass_fields__") and key not in
                     ("outline",) else (rec.id, rec.start, rec.end))
                    for s, rec in zip(doc.spans[key], recs, strict=True)]
    return out


def test_add_pipe_takes_a_config_and_analyze_pipes_reports_it():
    nlp = wusong_nlp.pipeline.blank()
    nlp.add_pipe("wusong_structure")
    nlp.add_pipe("wusong_quantities", config={"spans_key": "q", "kind_model": None})
    nlp.add_pipe("wusong_commitments", config={"quantities_key": "q"})
    doc = nlp("吴淞街道2021年工作要点\n一、推进工作\n1.完成3万平方米年度拆违任务。\n")
    assert [s.text for s in doc.spans["q"]][:2] == ["2021年", "3万平方米"]
    assert "quantities" not in doc.spans and len(doc.spans["commitments"]) == 1
    summary = nlp.analyze_pipes(pretty=False)["summary"]
    assert "doc.spans" in summary["wusong_quantities"]["assigns"]
    assert "doc._.structure" in summary["wusong_quantities"]["requires"]
    assert "token.is_sent_start" in summary["wusong_structure"]["assigns"]


def test_a_missing_upstream_component_is_reported():
    nlp = wusong_nlp.pipeline.blank()
    nlp.add_pipe("wusong_tasks")
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert "doc._.structure" in problems["wusong_tasks"]


def test_doc_bytes_and_docbin_keep_every_record():
    from spacy.tokens import Doc, DocBin

    nlp = wusong_nlp.load()
    doc = nlp(SEED_TEXT)
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert _groups(back) == _groups(doc)
    assert back.spans["quantities"][5]._.record == doc.spans["quantities"][5]._.record
    db = DocBin(store_user_data=True)
    db.add(doc)
    (again,) = DocBin(store_user_data=True).from_bytes(db.to_bytes()).get_docs(nlp.vocab)
    assert _groups(again) == _groups(doc)
    assert again._.structure.to_dict() == doc._.structure.to_dict()


def test_doc_sents_follow_the_sentence_segmentation():
    doc = wusong_nlp.load(["wusong_structure"])(SEED_TEXT)
    sents = list(doc.sents)
    assert len(sents) == len(doc._.structure.sentences)
    starts = {s.start for s in doc._.structure.sentences}
    assert sum(s.start_char in starts for s in sents) >= 0.95 * len(sents)


def test_pipe_with_two_processes_equals_serial():
    nlp = wusong_nlp.load()
    texts = [SEED_TEXT[:3000], SEED_TEXT[3000:6000], SEED_TEXT[6000:]]
    serial = [_groups(d) for d in nlp.pipe(texts)]
    parallel = [_groups(d) for d in nlp.pipe(texts, n_process=2)]
    assert parallel == serial


def test_saved_pipeline_loads_in_a_fresh_interpreter(tmp_path):
    import subprocess
    import sys

    nlp = wusong_nlp.load(config={"wusong_programs": {"extra_names": ["吴淞口创业园"]}})
    nlp.to_disk(tmp_path / "nlp")
    code = ("import spacy, sys; nlp = spacy.load(sys.argv[1]); doc = nlp(sys.argv[2]); "
            "print(len(doc.spans['quantities']), 'wusong_nlp' in sys.modules, "
            "sorted({s.text for s in doc.spans['programs']}))")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "nlp"),
                          "一、推进工作\n完成3个吴淞口创业园项目，推进“美丽街区”建设。"],
                         capture_output=True, text=True, check=True).stdout.split(maxsplit=2)
    assert out[0] == "1" and out[2].strip() == "['吴淞口创业园', '美丽街区']"


def test_a_callers_pipeline_never_reaches_analyze():
    before = wusong_nlp.analyze(SEED_TEXT).to_dict(graph=False)
    nlp = wusong_nlp.load()
    nlp.remove_pipe("wusong_actors")
    with nlp.select_pipes(disable=["wusong_quantities"]):
        assert wusong_nlp.analyze(SEED_TEXT).to_dict(graph=False) == before
    assert wusong_nlp.load().pipe_names == COMPONENTS


def test_the_pipeline_and_analyze_find_the_same_records():
    direct = wusong_nlp.analyze(SEED_TEXT)
    via_spacy = wusong_nlp.analyze(SEED_TEXT, nlp=wusong_nlp.load())
    assert via_spacy.to_dict() == direct.to_dict()
    # and the Doc an analysis builds on demand holds the same spans as the pipeline's
    assert _groups(direct.doc) == _groups(via_spacy.doc)


def test_a_kind_model_given_to_the_component_is_saved_with_it(tmp_path):
    from wusong_nlp.extract.kinds import shipped_model

    data = dict(shipped_model().to_dict(), trained_on=["elsewhere"])
    path = tmp_path / "model.json"
    import json

    path.write_text(json.dumps(data), encoding="utf-8")
    nlp = wusong_nlp.load(config={"wusong_quantities": {"kind_model": str(path)}})
    nlp.to_disk(tmp_path / "nlp")
    path.unlink()  # the saved pipeline carries its own copy
    loaded = spacy.load(tmp_path / "nlp")
    assert loaded.get_pipe("wusong_quantities").kind_model.to_dict()["trained_on"] == ["elsewhere"]
