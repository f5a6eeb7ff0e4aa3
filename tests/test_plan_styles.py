"""Patterns of town and street plans (工作计划) that the corpus's reports rarely use.

The issues name them (X牵头，Y配合; 由X负责; ① items; 1、 items), and town plans are the
library's first users, so they are checked on a plan written in that style.
"""

from __future__ import annotations

import pytest

import wusong_nlp

PLAN = """大场镇2023年工作计划

2023年，大场镇将坚持稳中求进工作总基调，全面完成各项目标任务。
一、聚焦经济发展，全力稳增长
1、优化营商环境。全年完成税收收入35亿元，新引进企业200家以上。镇经发办牵头，市场监管所配合。
2、推进重大项目。确保3个市重大项目开工建设，完成固定资产投资50亿元左右。（责任单位：规划建设办、经发办）
二、聚焦城市管理，提升精细化水平
（1）深化“一网统管”建设，新建智能感知设备500个。由城运中心负责。
（2）推进垃圾分类，实现湿垃圾分出量达到每日120吨。
三、聚焦民生保障
①新增养老床位100张。②开展就业培训不少于2000人次。
"""


@pytest.fixture(scope="module")
def plan():
    return wusong_nlp.analyze(PLAN)


def test_town_is_the_issuer(plan):
    assert plan.issuers == ["大场镇"] and plan.year == 2023


def test_run_in_circled_items_and_comma_items(plan):
    ids = [n.id for n in plan.structure.nodes()]
    assert ids == ["一", "一/1", "一/2", "二", "二/（1）", "二/（2）", "三", "三/①", "三/②"]
    assert plan.structure.node("三/②").heading == "开展就业培训不少于2000人次"


def test_office_names_ending_in_ban_and_suo(plan):
    roles = {(m.text, m.role) for m in plan.actor_mentions}
    assert {("镇经发办", "lead"), ("市场监管所", "partner"), ("城运中心", "lead")} <= roles


def test_assignment_sentences_give_their_actors_to_the_task_before(plan):
    tasks = {t.text: t for t in plan.tasks}
    assert "镇经发办牵头，市场监管所配合。" not in tasks
    t = tasks["全年完成税收收入35亿元，新引进企业200家以上。"]
    assert {(a["name"], a["role"]) for a in t.actors} == {("镇经发办", "lead"),
                                                         ("市场监管所", "partner")}
    # an item whose heading is a whole clause is a task; 由X负责 is its lead
    t = tasks["深化“一网统管”建设，新建智能感知设备500个。"]
    assert [(a["name"], a["role"]) for a in t.actors] == [("城运中心", "lead")]
    # nobody named: the issuer leads
    t = tasks["开展就业培训不少于2000人次。"]
    assert t.actors == [{"name": "大场镇", "role": "lead", "implicit": True}]


def test_commitment_objects_leave_markers_and_verbs_out(plan):
    got = {(c.object, c.value, c.unit) for c in plan.commitments}
    assert ("养老床位", 100, "张") in got
    assert ("湿垃圾分出量", 120, "吨") in got
    assert ("智能感知设备", 500, "个") in got


def test_parenthesised_assignments_and_a_section_that_is_one_task():
    text = ("某街道2022年工作要点\n一、城市管理\n"
            "（一）推进美丽家园建设。完成10个小区改造。（街道城建办牵头，各居委会配合）\n"
            "（二）深化垃圾分类。新建2个服务点。（牵头单位：街道管理办；配合单位：城运中心、各居委会）\n"
            "（三）会同区市场监管局开展食品安全检查，督促物业企业落实主体责任。\n")
    tasks = {t.text: t for t in wusong_nlp.analyze(text).tasks}

    def roles(key):
        return {(a["name"], a["role"], a["implicit"]) for a in tasks[key].actors}

    assert roles("完成10个小区改造。") == {("街道城建办", "lead", False),
                                          ("各居委会", "partner", False)}
    assert roles("新建2个服务点。") == {("街道管理办", "lead", False),
                                      ("城运中心", "partner", False),
                                      ("各居委会", "partner", False)}
    # 会同X: the subject (here the issuer) leads, X partners; 督促Y: Y is urged
    assert roles("会同区市场监管局开展食品安全检查，督促物业企业落实主体责任。") == {
        ("区市场监管局", "partner", False), ("物业企业", "urged", False),
        ("某街道", "lead", True)}


@pytest.mark.parametrize("item", [
    "（三）整治群租房。完成群租房整治100户。",  # a run-in heading, then the task
    "3.完成群租房整治100户。",  # an item whose heading is the task itself
])
def test_a_sentence_that_assigns_and_dates_closes_the_task_before(item):
    # the sentence the issue quotes from a street plan (issue 9: 由城管中队牵头，城建科配合，
    # 6月底前完成。 made a task row of its own, or took the item's task away)
    plan = wusong_nlp.analyze("某街道2021年工作要点\n一、城市管理\n" + item
                              + "由城管中队牵头，城建科配合，6月底前完成。\n")
    assert [t.text for t in plan.tasks] == ["完成群租房整治100户。"]
    t = plan.tasks[0]
    assert [(a["name"], a["role"]) for a in t.actors] == [("城管中队", "lead"), ("城建科", "partner")]
    assert t.deadline.text == "6月底前"


def test_an_item_that_opens_with_a_verb_is_a_task_not_a_duty_holder():
    # a 任务分解方案's item: a verb, its object, an organisation ending (…内设机构) is the
    # item's task; the label after it names the units (paraphrased from a district's plan)
    plan = wusong_nlp.analyze("某区任务分解方案\n二、推进街道管理体制改革\n"
                              "3.整合街道内设机构，设置综合性内设机构。"
                              "（牵头单位：区委编办；协办单位：区人力社保局）\n"
                              "4.建设单位。负责组织施工。\n")
    roles = [(m.text, m.role) for m in plan.actor_mentions]
    assert roles == [("区委编办", "lead"), ("区人力社保局", "partner"), ("建设单位", "lead")]
