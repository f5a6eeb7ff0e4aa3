"""Kinds of quantities (kinds.py): rules, the shipped model, training and folds."""

from __future__ import annotations

import json

import pytest
from test_quantities import (
    ANHUI,
    BAOTOU,
    BEIJING,
    CORPUS,
    NATIONAL,
    SEED,
    SHANGHAI,
    ZHEJIANG,
    at,
    doc,
)

from wusong_nlp.evaluation import training
from wusong_nlp.evaluation.gold import resolve_gold
from wusong_nlp.evaluation.scoring import evaluate_files, score_quantities
from wusong_nlp.extract import kinds
from wusong_nlp.extract.quantities import find_quantities, find_spans
from wusong_nlp.outline import read_structure
from wusong_nlp.reading import read_document
from wusong_nlp.records import KINDS
from wusong_nlp.resources import data_path

GOLD = CORPUS / "annotations"


@pytest.mark.parametrize("name, anchor, number, kind", [
    # targets: things to deliver in a task part
    (SEED, "新划定非机动车停放区域150个", "150个", "target"),
    (BEIJING, "治理背街小巷1100条", "1100条", "target"),
    (ZHEJIANG, "新增100个以上项目", "100个以上", "target"),
    (ANHUI, "培育3家在国内", "3家", "target"),
    (NATIONAL, "城镇新增就业1200万人以上", "1200万人以上", "target"),
    # achievements: the review of last year
    (NATIONAL, "城镇新增就业1244万人", "1244万人", "achievement"),
    (BEIJING, "优良天数达到290天", "290天", "achievement"),
    (SHANGHAI, "提高0.8个百分点", "0.8个百分点", "achievement"),
    # references: years, dates, sessions, anniversaries, ordinals
    (SEED, "2021年是建党100周年", "2021年", "reference"),
    (SEED, "2021年是建党100周年", "100周年", "reference"),
    (NATIONAL, "第十四届全国人民代表大会", "第十四届", "reference"),
    (NATIONAL, "2024年3月5日", "2024年3月5日", "reference"),
    (SEED, "第七次全国人口普查", "第七次", "reference"),
    # identifiers: numbers in names, addresses, document numbers, codes
    (SEED, "90号地块", "90", "identifier"),
    (SEED, "泰和路717弄", "717", "identifier"),
    (ANHUI, "〔2021〕82号", "82", "identifier"),
    (SHANGHAI, "17号线西延伸", "17", "identifier"),
    (NATIONAL, "C919", "919", "identifier"),
    # formulations: quoted numbered slogans
    (SEED, "“四史”学习教育", "四史", "formulation"),
    (NATIONAL, "做好“双减”工作", "双减", "formulation"),
    (SEED, "“5+1”网格化党建", "5+1", "formulation"),
    # criteria: ages, subsidy standards, weights
    (SEED, "35岁以下", "35岁以下", "criterion"),
    (ANHUI, "给予奖补，最高3000万元", "3000万元", "criterion"),
    (BAOTOU, "日常监测（60%）", "60%", "criterion"),
    (ZHEJIANG, "为全省60岁以上老年人", "60岁以上", "criterion"),
    # other: a term of a formula
    (BAOTOU, "下半年考评分值）÷2", "2", "other"),
])
def test_kinds_on_real_sentences(name, anchor, number, kind):
    q = at(name, anchor, number)
    assert q is not None and q.kind == kind, (anchor, q)


def test_seed_targets_match_gold():
    """All 11 gold targets, none of the listed non_targets, at most one extra target,
    scored as `wusong-nlp evaluate` scores them."""
    gold = resolve_gold(GOLD / "wusong_2021_work_points.json")
    text, _, qs = doc(SEED)
    assert gold.text == text
    t = score_quantities(gold, qs)["targets"]
    assert (t["matched_gold"], t["fn"]) == (11, 0) and t["fp"] <= 1, t["false_positives"]
    targets = [q for q in qs if q.kind == "target"]
    for it in gold.items:
        if it.group not in ("target", "optional"):
            assert not [q for q in targets if q.start < it.end and it.start < q.end], it
    for g in gold.data["targets"]:
        q = at(SEED, g["anchor"], g["number"])
        assert (q.value, q.unit, q.qualifier) == (g["value"], g["unit"], g["qualifier"])


@pytest.mark.parametrize("name", [
    "wusong_2021_work_points.json",
    "05_beijing_gov_work_report_2025.json",
    "13_anhui_industrial_internet_policy_and_action_plan_2021.json",
    "14_baotou_digital_gov_evaluation_2022.json",
])
def test_training_labels_are_the_gold_the_scorer_reads(name):
    """The classifier learns from the spans `wusong-nlp evaluate` scores: each found
    quantity on one gold numeral takes its group; on an optional target only, no label;
    elsewhere, other."""
    gold = resolve_gold(GOLD / name)
    structure = read_structure(gold.text)
    qs = find_spans(gold.text, structure)
    labels = training.gold_labels(qs, gold.items, gold.optional_spans)
    checked = 0
    for q, label in zip(qs, labels, strict=True):
        on = [it for it in gold.items if it.start < q.end and q.start < it.end]
        firm = [it for it in on if it.group != "optional"]
        if len(firm) == 1:
            assert label == firm[0].group, (q, firm)
            checked += 1
        elif not firm and (on or any(s < q.end and q.start < e for s, e in gold.optional_spans)):
            assert label is None, q
        elif not on:
            assert label == "other", q
    assert checked >= 0.8 * len([it for it in gold.items if it.group != "optional"])


def test_training_labels_each_numeral_of_an_anchor_without_number():
    """Anhui 2021: the non-target 十九届二中、三中、四中、五中全会 has no `number`; gold.py
    makes every numeral in it a reference, and so do the training labels."""
    gold = resolve_gold(GOLD / "13_anhui_industrial_internet_policy_and_action_plan_2021.json")
    a = gold.text.index("十九届二中、三中、四中、五中全会")
    qs = [q for q in find_spans(gold.text, read_structure(gold.text))
          if a <= q.start < a + len("十九届二中、三中、四中、五中全会")]
    labels = training.gold_labels(qs, gold.items, gold.optional_spans)
    assert len(qs) >= 4 and set(labels) == {"reference"}, list(zip(qs, labels, strict=True))


def test_review_parts_hold_achievements_task_parts_targets():
    text, structure, qs = doc(BEIJING)
    review = [q for q in qs if q.node and q.node.split("/")[0] == "一"]
    plan = [q for q in qs if q.node and q.node.split("/")[0] == "二"]
    assert sum(q.kind == "achievement" for q in review) > 0.6 * sum(
        q.kind in ("achievement", "target") for q in review)
    assert sum(q.kind == "target" for q in plan) > 0.8 * sum(
        q.kind in ("achievement", "target") for q in plan)


def test_shipped_model_is_plain_json():
    raw = data_path(kinds.MODEL_FILE).read_text(encoding="utf-8")
    model = json.loads(raw)
    assert model["classes"][0] == "target"
    assert len(model["coef"]) == len(model["features"])
    assert all(len(row) == len(model["classes"]) for row in model["coef"][:50])


def test_train_model_is_deterministic_and_the_model_is_an_argument():
    paths = [GOLD / "wusong_2021_work_points.json",
             GOLD / "14_baotou_digital_gov_evaluation_2022.json"]
    m1 = training.train_model(paths)
    m2 = training.train_model(list(reversed(paths)))
    assert json.dumps(m1.to_dict(), sort_keys=True) == json.dumps(m2.to_dict(), sort_keys=True)
    assert set(m1.classes_) <= set(KINDS)
    text = read_document(CORPUS / NATIONAL).text
    structure = read_structure(text)
    shipped = [q.kind for q in find_quantities(text, structure)]
    trained = [q.kind for q in find_quantities(text, structure, kind_model=m1)]
    fallback = [q.kind for q in find_quantities(text, structure, kind_model=None)]
    # a model given to one call changes nothing for the next
    assert shipped == [q.kind for q in find_quantities(text, structure)]
    assert trained == [q.kind for q in find_quantities(text, structure, kind_model=m1.to_dict())]
    assert "achievement" in fallback and "target" in fallback


def test_folds_score_held_out_documents():
    """Leave-one-document-out, as `wusong-nlp evaluate --folds` runs it."""
    paths = sorted(GOLD.glob("*.json"))
    small = [p for p in paths if p.name.startswith(("wusong", "01_", "05_", "06_"))]
    report = evaluate_files(small, folds=True)
    assert report["folds"] and all("error" not in d for d in report["documents"])
    assert report["total"]["targets"]["f1"] >= 0.9, report["total"]["targets"]


def test_paragraph_looking_back_holds_achievements_outside_a_review_part():
    """Shanghai 2026: the 十五五 outline part opens each paragraph with 这五年: achievements."""
    from conftest import CORPUS

    import wusong_nlp

    a = wusong_nlp.analyze(CORPUS / "04_shanghai_gov_work_report_2026.txt")
    i = a.text.index("全市生产总值从4.16万亿元增加到5.67万亿元")
    qs = [q for q in a.quantities if i <= q.start < i + 25]
    assert [(q.text, q.kind) for q in qs] == [("4.16万亿元", "achievement"),
                                              ("5.67万亿元", "achievement")]
    # the same document's task part keeps its targets
    j = a.text.index("新增公园100座")
    assert next(q.kind for q in a.quantities if q.start >= j) == "target"


def test_listed_identifiers_and_idioms():
    """Guangdong 2025: 台山核电3、4号机组 are unit numbers; 万家安宁 is an idiom."""
    import wusong_nlp

    a = wusong_nlp.analyze("推进台山核电3、4号机组核准，守护好万家安宁。")
    assert [(q.text, q.kind) for q in a.quantities] == [("3", "identifier"), ("4", "identifier")]
