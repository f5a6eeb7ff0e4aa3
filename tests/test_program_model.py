"""The learned filter over programme names (issue 12: programmes told from emphasis,
classes of things and meetings), on real corpus documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

import wusong_nlp
from wusong_nlp.evaluation import training
from wusong_nlp.evaluation.gold import ProgramJudgement
from wusong_nlp.extract.kinds import KindModel, shipped_model
from wusong_nlp.extract.program_model import (
    MODEL_FILE,
    ProgramModel,
    resolve_program_model,
    shipped_program_model,
)
from wusong_nlp.extract.programs import find_program_mentions, program_rows
from wusong_nlp.outline import read_structure
from wusong_nlp.reading import read_document
from wusong_nlp.resources import data_path

ROOT = Path(__file__).resolve().parents[1]
CORPUS, GOLD = ROOT / "corpus", ROOT / "corpus" / "annotations"


def _names(name: str, model="default") -> set[str]:
    text = read_document(CORPUS / name).text
    return {m.name for m in find_program_mentions(text, read_structure(text),
                                                   program_model=model)}


def test_the_shipped_model_is_plain_json_and_knows_its_format():
    raw = json.loads(data_path(MODEL_FILE).read_text(encoding="utf-8"))
    assert raw["format"] == "wusong-programs/1" and raw["classes"] == ["other", "program"]
    assert 0 < raw["threshold"] < 1 and len(raw["coef"]) == len(raw["features"])
    assert shipped_program_model().to_dict() == raw
    with pytest.raises(ValueError, match="programme model"):
        ProgramModel.from_dict(shipped_model().to_dict())  # a kind model is no filter
    with pytest.raises(ValueError, match="kind model"):
        KindModel.from_dict(raw)


def test_words_of_emphasis_and_meetings_go_real_programmes_stay():
    # 我们要切实发挥财税“造血”、金融“活血”的重要作用; 召开全省高质量发展大会
    rules = _names("08_guangdong_gov_work_report_2025.txt", model=None)
    kept = _names("08_guangdong_gov_work_report_2025.txt")
    assert "造血" in rules - kept
    assert "全省高质量发展大会" not in kept  # the rules drop a meeting convened already
    assert {"百千万工程", "绿美广东生态建设"} & kept == {"百千万工程", "绿美广东生态建设"} & rules
    assert kept < rules


def test_quoted_common_words_of_a_report_go():
    # 坚持一手抓“硬件”、一手抓“软件”; 《黑神话：悟空》…成为现象级“爆款”产品
    gone = (_names("06_zhejiang_gov_work_report_2025.txt", model=None)
            - _names("06_zhejiang_gov_work_report_2025.txt"))
    assert {"硬件", "软件", "爆款"} <= gone


def test_a_class_of_platforms_is_no_programme():
    # 培育一批企业级、行业级、专业型工业互联网平台 (Anhui's plan): kinds, not names
    gone = (_names("13_anhui_industrial_internet_policy_and_action_plan_2021.txt", model=None)
            - _names("13_anhui_industrial_internet_policy_and_action_plan_2021.txt"))
    assert {"企业级工业互联网平台", "专业型工业互联网平台"} <= gone


def test_names_asked_for_are_kept_whatever_the_model_says():
    text = read_document(CORPUS / "08_guangdong_gov_work_report_2025.txt").text
    names = {m.name for m in find_program_mentions(text, read_structure(text),
                                                   extra_names=["全省高质量发展大会"])}
    assert "全省高质量发展大会" in names


def test_features_describe_every_mention_of_a_name():
    text = "一、推进工作\n推进“美丽街区”建设，做好“美丽街区”宣传。\n"
    mentions = find_program_mentions(text, read_structure(text), program_model=None)
    (name, feats), = program_rows(text, mentions)
    assert name == "美丽街区"
    assert {"mentions=2", "quoted=all", "end2=街区", "after2=”建", "after2=”宣"} <= set(feats)


def test_training_is_deterministic_and_the_model_is_an_argument():
    paths = [GOLD / "wusong_2021_work_points.json",
             GOLD / "08_guangdong_gov_work_report_2025.json"]
    m1 = training.train_program_model(paths)
    m2 = training.train_program_model(list(reversed(paths)))
    assert json.dumps(m1.to_dict(), sort_keys=True) == json.dumps(m2.to_dict(), sort_keys=True)
    assert m1.to_dict()["trained_on"] == sorted(p.name for p in paths)
    assert resolve_program_model(m1.to_dict()).to_dict() == m1.to_dict()
    seed = "wusong_2021_work_points.txt"
    assert _names(seed, m1) == _names(seed, m1.to_dict()) <= _names(seed, None)
    assert resolve_program_model(None) is None


def test_labels_read_the_gold_as_the_scorer_does():
    judged = ProgramJudgement.of({"required": ["“美丽街区”"], "optional": ["社区通"],
                                  "not_programs": ["营商环境"],
                                  "aliases": {"“美丽街区”": ["美丽街区建设"]}})
    assert judged.label({"美丽街区建设"}) == "program"
    assert judged.label({"社区通"}) == "program"
    assert judged.label({"营商环境"}) == "other"
    assert judged.label({"一网统管"}) is None


def test_a_programme_model_given_to_the_component_is_saved_with_it(tmp_path):
    data = dict(shipped_program_model().to_dict(), trained_on=["elsewhere"], threshold=0.0)
    path = tmp_path / "names.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    nlp = wusong_nlp.load(config={"wusong_programs": {"program_model": str(path)}})
    nlp.to_disk(tmp_path / "nlp")
    path.unlink()  # the saved pipeline carries its own copy
    loaded = spacy.load(tmp_path / "nlp").get_pipe("wusong_programs")
    assert loaded.program_model.to_dict()["trained_on"] == ["elsewhere"]
    # threshold 0 keeps every name: the rules' output
    text = read_document(CORPUS / "06_zhejiang_gov_work_report_2025.txt").text
    doc = spacy.load(tmp_path / "nlp")(text)
    assert {s.text for s in doc.spans["programs"]} >= {"硬件", "软件"}


def test_analyze_takes_the_programme_model():
    plan = CORPUS / "06_zhejiang_gov_work_report_2025.txt"
    rules = {p["name"] for p in wusong_nlp.analyze(plan, program_model=None).programs}
    default = {p["name"] for p in wusong_nlp.analyze(plan).programs}
    assert "硬件" in rules - default
