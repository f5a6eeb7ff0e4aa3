"""Targets as commitments: object, action, horizon, stages (commitments.py)."""

from __future__ import annotations

from functools import cache

import pytest
from test_quantities import ANHUI, BEIJING, NATIONAL, SEED, ZHEJIANG, doc

from wusong_nlp.extract.commitments import action_verbs, find_commitments
from wusong_nlp.extract.quantities import find_quantities
from wusong_nlp.outline import read_structure


@cache
def commitments(name: str):
    text, structure, qs = doc(name)
    return text, find_commitments(text, structure, qs)


def commitment_at(name: str, anchor: str, number: str):
    text, cs = commitments(name)
    pos = text.find(anchor)
    assert pos >= 0
    s = pos + anchor.find(number)
    hits = [c for c in cs if c.start < s + len(number) and s < c.end]
    assert hits, anchor
    return hits[0]


@pytest.mark.parametrize("name, anchor, number, obj, action", [
    (SEED, "完成近30家社区微菜场", "近30家", "社区微菜场", "完成"),
    (SEED, "新划定非机动车停放区域150个", "150个", "非机动车停放区域", "新划定"),
    (SEED, "争创2个区级科普示范居委", "2个", "区级科普示范居委", "争创"),
    (SEED, "打造2幢“五星”示范楼组", "2幢", "“五星”示范楼组", "打造"),
    (SEED, "加强对8家重点企业", "8家", "重点企业", "加强对"),
    (NATIONAL, "城镇新增就业1200万人以上", "1200万人以上", "城镇新增就业", "新增"),
    (NATIONAL, "城镇调查失业率5.5%左右", "5.5%左右", "城镇调查失业率", None),
    (BEIJING, "增加中小学学位2万个", "2万个", "中小学学位", "增加"),
    (ANHUI, "新建800个智能工厂", "800个", "智能工厂", "新建"),
    # the verb after its object is no part of it (issue 12: objects are noun phrases)
    ("11_ningxia_gov_work_report_2026.txt", "地区生产总值增长5%左右", "5%左右", "地区生产总值",
     "增长"),
    (NATIONAL, "城乡居民基础养老金月最低标准提高20元", "20元", "城乡居民基础养老金月最低标准",
     "提高"),
    # …but a verb after a verb names a work (治理违法建设), 服务 is a noun, a time no object
    (BEIJING, "治理违法建设2000万平方米", "2000万平方米", "违法建设", "建设"),
    (BEIJING, "新增“京通”便民便企服务200项", "200项", "“京通”便民便企服务", "新增"),
    ("36_baoshan_district_garbage_sorting_plan_2019.txt", "上半年完成10%小区", "10%", "小区",
     "完成"),
])
def test_object_and_action(name, anchor, number, obj, action):
    c = commitment_at(name, anchor, number)
    assert (c.object, c.action) == (obj, action)
    text, _ = commitments(name)
    assert text[c.object_start:c.object_end] == c.object
    if action:
        assert text[c.action_start:c.action_end] == c.action


def test_horizon_of_the_year():
    c = commitment_at(NATIONAL, "国内生产总值增长5%左右", "5%左右")
    assert c.horizon == "今年"
    c = commitment_at(BEIJING, "失业率控制在5%以内", "5%以内")
    assert (c.horizon, c.qualifier, c.value) == ("今年", "at_most", 5)


def test_staged_plan_in_order():
    c = commitment_at(SEED, "三年扩容至10个小区", "10个")
    assert [s.horizon for s in c.stages] == ["一年", "三年", "五年"]
    assert [s.action for s in c.stages] == ["试点", "扩容至10个小区", "全面覆盖"]
    assert c.stages[1].quantity == c.quantity
    assert c.horizon == "三年"
    text, _ = commitments(SEED)
    assert all(text[s.start:s.end] == s.text for s in c.stages)


def test_one_commitment_per_target_with_ids_node_sentence():
    for name in (SEED, NATIONAL, ZHEJIANG, ANHUI):
        text, structure, qs = doc(name)
        _, cs = commitments(name)
        targets = [q for q in qs if q.kind == "target"]
        assert [c.quantity for c in cs] == [q.id for q in targets]
        assert [c.id for c in cs] == [f"c{i}" for i in range(1, len(cs) + 1)]
        for c, q in zip(cs, targets, strict=True):
            assert (c.node, c.sentence, c.value, c.unit) == (q.node, q.sentence, q.value, q.unit)
            assert text[c.start:c.end] == c.text


def test_action_verbs_come_from_data_file():
    verbs = action_verbs()
    assert "完成" in verbs and "新划定" in verbs and "打造" in verbs
    assert len(verbs[0]) >= len(verbs[-1])  # longest first


def test_no_targets_no_commitments():
    sentence = "2021年是建党100周年，是“十四五”规划开局之年。"
    qs = find_quantities(sentence, read_structure(sentence))
    assert find_commitments(sentence, read_structure(sentence), qs) == []
