"""Actors on real documents: responsibility notes, role cues, gazetteer, aliases, scores."""

from __future__ import annotations

import re
from functools import cache

import pytest
from conftest import CORPUS, GOLD, gold_of

from wusong_nlp.actors import (
    find_actor_mentions,
    group_actors,
    is_org_name,
    score_actors,
    split_units,
)
from wusong_nlp.outline import read_structure
from wusong_nlp.reading import read_document

SEED = "wusong_2021_work_points.txt"
BAOTOU = "14_baotou_digital_gov_evaluation_2022.txt"
ANHUI = "13_anhui_industrial_internet_policy_and_action_plan_2021.txt"
BEIJING = "15_beijing_data_zone_guidance_2022.txt"
NATIONAL = "01_national_gov_work_report_2024.txt"
NOTE = re.compile(r"(?:牵头考核单位|责任单位)：([^）]*)）")


@cache
def run(name: str):
    text = read_document(CORPUS / name).text
    mentions = find_actor_mentions(text, read_structure(text))
    return text, mentions, {"actors": group_actors(mentions)}


def mentions_at(name: str, start: int, end: int):
    return [m for m in run(name)[1] if m.start == start and m.end == end]


def test_offsets_are_sacred_on_every_document():
    for path in sorted(CORPUS.glob("*.txt")):
        text, mentions, _ = run(path.name)
        for m in mentions:
            assert text[m.start:m.end] == m.text
            assert m.role in ("lead", "partner", "urged", "beneficiary")


def test_seed_every_required_actor_and_few_not_actors():
    score = score_actors(run(SEED)[2], gold_of(SEED))
    assert score["missing"] == []
    assert len(score["not_actor_hits"]) <= 2


def test_seed_roles_from_cues():
    text = run(SEED)[0]
    sent = "会同市场监管、城管等部门加强源头控制"
    base = text.index(sent)
    for unit in ("市场监管", "城管"):
        s = base + sent.index(unit)
        assert [m.role for m in mentions_at(SEED, s, s + len(unit))] == ["partner"]
    s = text.index("督促物业公司") + 2
    assert [m.role for m in mentions_at(SEED, s, s + 4)] == ["urged"]
    # a role keeps its modifier
    s = text.index("专职人民调解员")
    assert mentions_at(SEED, s, s + len("专职人民调解员"))


def test_seed_facilities_and_places_are_not_actors():
    forms = {f for a in run(SEED)[2]["actors"] for f in [a["name"], *a["aliases"]]}
    for place in ("日间照料中心", "吴淞敬老院", "牡丹江路", "吴淞西块", "七立方科技园"):
        assert place not in forms


def _note_units(text: str, label_re: re.Pattern[str]):
    for m in label_re.finditer(text):
        yield from split_units(m.group(1), m.start(1))


@pytest.mark.parametrize("name", [BAOTOU, ANHUI])
def test_every_note_unit_is_a_lead_at_its_offsets(name):
    text = run(name)[0]
    units = list(_note_units(text, NOTE))
    assert len(units) > 50
    for a, b in units:
        assert [m.role for m in mentions_at(name, a, b)] == ["lead"], text[a:b]


@pytest.mark.parametrize("name", [BAOTOU, ANHUI])
def test_gold_responsibility_notes(name):
    """Each gold note with a label: its lead units are lead mentions inside the anchor."""
    if not (GOLD / (name[:-4] + ".json")).exists():
        pytest.skip("gold not written yet")
    text, mentions, _ = run(name)
    notes = [r for r in gold_of(name)["responsibilities"] if "单位：" in r["anchor"]]
    assert notes
    for r in notes:
        start = text.index(r["anchor"])
        end = start + len(r["anchor"])
        label = r["anchor"].rindex("单位：")
        leads = {m.text for m in mentions if start + label <= m.start < end and m.role == "lead"}
        assert set(r["lead"]) <= leads, r["anchor"]


def test_baotou_pei_he_x_and_hui_tong_list():
    text = run(BAOTOU)[0]
    s = text.index("配合市发改委做好") + 2  # 配合X做…: X leads
    assert [m.role for m in mentions_at(BAOTOU, s, s + 4)] == ["lead"]
    sent = "会同城管执法、市场监管、生态环境、审批服务等部门"
    base = text.index(sent)
    for unit in ("城管执法", "市场监管", "生态环境", "审批服务"):
        s = base + sent.index(unit)
        assert [m.role for m in mentions_at(BAOTOU, s, s + len(unit))] == ["partner"]


def test_baotou_aliases_are_one_actor():
    actors = run(BAOTOU)[2]["actors"]
    market = [a for a in actors if "市市场监管局" in [a["name"], *a["aliases"]]]
    assert len(market) == 1 and "市场监管" in market[0]["aliases"]
    # 审批服务局 written without its prefix in one note joins 市审批服务局
    approval = [a for a in actors if a["name"] == "市审批服务局"]
    assert approval and "审批服务局" in approval[0]["aliases"]


def test_anhui_hui_tong_and_alias():
    text = run(ANHUI)[0]
    sent = "省经济和信息化厅会同省财政厅等单位制定"
    base = text.index(sent)
    assert [m.role for m in mentions_at(ANHUI, base, base + 8)] == ["lead"]
    assert [m.role for m in mentions_at(ANHUI, base + 10, base + 14)] == ["partner"]
    actors = run(ANHUI)[2]["actors"]
    market = [a for a in actors if {"省市场监督管理局", "省市场监管局"} & {a["name"], *a["aliases"]}]
    assert len(market) == 1


def test_beijing_guidance_lead_and_partners():
    text = run(BEIJING)[0]
    sent = "北京市经济和信息化局会同专区监管部门、数据提供部门和运营单位建立数据质量反馈机制"
    base = text.index(sent)
    assert [m.role for m in mentions_at(BEIJING, base, base + 10)] == ["lead"]
    for unit in ("专区监管部门", "数据提供部门", "运营单位"):
        s = base + sent.index(unit)
        assert [m.role for m in mentions_at(BEIJING, s, s + len(unit))] == ["partner"]
    s = text.index("北京市大数据工作推进小组负责")
    assert [m.role for m in mentions_at(BEIJING, s, s + 12)] == ["lead"]


def test_gov_report_actors():
    text = run(NATIONAL)[0]
    s = text.index("有实力的企业牵头")
    assert [m.role for m in mentions_at(NATIONAL, s, s + 6)] == ["lead"]
    score = score_actors(run(NATIONAL)[2], gold_of(NATIONAL))
    assert score["recall"] >= 0.6
    assert score["not_actor_hits"] == []


def test_split_units_keeps_names_with_he():
    text = "省经济和信息化厅、省人力资源和社会保障厅，各市人民政府"
    assert [text[a:b] for a, b in split_units(text, 0)] == [
        "省经济和信息化厅", "省人力资源和社会保障厅", "各市人民政府"]
    text = "专区监管部门、数据提供部门和运营单位等"
    assert [text[a:b] for a, b in split_units(text, 0)] == ["专区监管部门", "数据提供部门", "运营单位"]


def test_org_names_by_suffix_but_not_facilities():
    assert is_org_name("市公共资源交易中心")
    assert is_org_name("省推进工业互联网创新发展专项工作组")
    assert not is_org_name("日间照料中心")
    assert not is_org_name("街道智慧健康活动中心")


def test_grouping_is_by_first_mention():
    for name in (SEED, BAOTOU):
        firsts = [a["mentions"][0]["start"] for a in run(name)[2]["actors"]]
        assert firsts == sorted(firsts)


def test_pipeline_output_on_the_seed(seed_analysis):
    actors = seed_analysis.to_dict()["actors"]
    names = {a["name"] for a in actors}
    assert {"城运中心", "居委会", "人民武装部"} <= names
