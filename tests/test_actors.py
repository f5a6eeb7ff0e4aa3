"""Actors on real documents: responsibility notes, role cues, gazetteer, aliases, scores."""

from __future__ import annotations

import re
from functools import cache

import pytest
from conftest import CORPUS, GOLD, gold_of, text_and_structure

from wusong_nlp.evaluation.scoring import score_actors
from wusong_nlp.extract.actor_names import group_actors, is_org_name, split_units
from wusong_nlp.extract.actors import find_actor_mentions
from wusong_nlp.extract.notes import responsibility_notes
from wusong_nlp.outline import read_structure

SEED = "wusong_2021_work_points.txt"
BAOTOU = "14_baotou_digital_gov_evaluation_2022.txt"
ANHUI = "13_anhui_industrial_internet_policy_and_action_plan_2021.txt"
BEIJING = "15_beijing_data_zone_guidance_2022.txt"
NATIONAL = "01_national_gov_work_report_2024.txt"
NOTE = re.compile(r"(?:牵头考核单位|责任单位)：([^）]*)）")


@cache
def run(name: str):
    text, st = text_and_structure(name)
    mentions = find_actor_mentions(text, st)
    return text, mentions, {"actors": group_actors(mentions)}


def scored(name: str) -> dict:
    """The evaluator's actor score of the document's grouped actors against its gold."""
    return score_actors(gold_of(name)["actors"], run(name)[2]["actors"])


def mentions_at(name: str, start: int, end: int):
    return [m for m in run(name)[1] if m.start == start and m.end == end]


def test_offsets_are_sacred_on_every_document():
    for path in sorted(CORPUS.glob("*.txt")):
        text, mentions, _ = run(path.name)
        for m in mentions:
            assert text[m.start:m.end] == m.text
            assert m.role in ("lead", "partner", "urged", "beneficiary")


def test_seed_every_required_actor_and_few_not_actors():
    score = scored(SEED)
    assert score["missing"] == []
    assert score["not_actor_hits"] <= 2, score["false_positives"]


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


def test_note_labels_split_units_and_stop_before_a_deadline():
    """Town plans write two labels in one note, or a deadline after ；: a real Anhui note
    with a partner label and a deadline added (no corpus document writes them yet)."""
    text = run(ANHUI)[0]
    real = "（责任单位：省经济和信息化厅，各市人民政府）"
    assert real in text
    for note, expected in [
        (real, [("省经济和信息化厅", "lead"), ("各市人民政府", "lead")]),
        ("（牵头单位：省经济和信息化厅，配合单位：省财政厅、各市人民政府）",
         [("省经济和信息化厅", "lead"), ("省财政厅", "partner"), ("各市人民政府", "partner")]),
        ("（责任单位：省经济和信息化厅；完成时限：2022年底）", [("省经济和信息化厅", "lead")]),
    ]:
        sample = "支持工业互联网平台建设" + note + "。"
        notes = responsibility_notes(sample)
        assert [(a["name"], a["role"]) for n in notes for a in n["actors"]] == expected
        mentions = find_actor_mentions(sample, read_structure(sample))
        assert [(m.text, m.role) for m in mentions] == expected
    # a label outside parentheses (a line of a table of duties) still lists units
    line = "牵头单位：省经济和信息化厅；配合单位：省财政厅\n"
    assert [(m.text, m.role) for m in find_actor_mentions(line, read_structure(line))] == [
        ("省经济和信息化厅", "lead"), ("省财政厅", "partner")]


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
    score = scored(NATIONAL)
    assert score["recall"] >= 0.6
    assert score["false_positives"] == []


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


# --- gov reports: subjects of modals, urged groups that act, bodies by pattern -----------

SH25 = "03_shanghai_gov_work_report_2025.txt"
BJ25 = "05_beijing_gov_work_report_2025.txt"
ZJ25 = "06_zhejiang_gov_work_report_2025.txt"
NATIONAL22 = "02_national_gov_work_report_2022.txt"
NINGXIA = "11_ningxia_gov_work_report_2026.txt"


def found_in(name: str, sentence: str) -> list[tuple[str, str]]:
    """(text, role) of the mentions that start inside a sentence of the document."""
    text, mentions, _ = run(name)
    base = text.index(sentence)
    return [(m.text, m.role) for m in mentions if base <= m.start < base + len(sentence)]


@pytest.mark.parametrize("name, sentence, expected", [
    (NATIONAL, "各地区都要扛起保障国家粮食安全责任", [("各地区", "lead")]),
    (NATIONAL, "广大干部要增强", [("广大干部", "lead")]),
    (NATIONAL, "各级政府及其工作人员要深刻领悟", [("各级政府及其工作人员", "lead")]),
    (NATIONAL22, "中央政府和省级政府要带头", [("中央政府", "lead"), ("省级政府", "lead")]),
    (NATIONAL22, "机关、事业单位和国有企业要带头清欠",
     [("机关", "lead"), ("事业单位", "lead"), ("国有企业", "lead")]),
    (SH25, "全体政府工作人员特别是各级领导干部要",
     [("全体政府工作人员", "lead"), ("各级领导干部", "lead")]),
])
def test_subject_of_a_modal_leads(name, sentence, expected):
    assert found_in(name, sentence) == expected


def test_no_subject_without_an_actor_name():
    # 我们要…, 稳是大局…: a modal alone makes no actor
    for name in (NATIONAL, SH25, BJ25):
        text, mentions, _ = run(name)
        assert not [m for m in mentions if m.text in ("我们", "我市", "政府工作", "全市")]


@pytest.mark.parametrize("name, sentence, expected", [
    (SH25, "助力更多文创企业、文化机构到世界舞台", [("文创企业", "urged"), ("文化机构", "urged")]),
    (BJ25, "支持在京国家实验室承担国家科技重大专项", [("国家实验室", "lead")]),
    (BJ25, "引导各行业完善适老化服务", [("各行业", "urged")]),
])
def test_urged_groups_that_act(name, sentence, expected):
    assert found_in(name, sentence) == expected


@pytest.mark.parametrize("name, sentence, expected", [
    (SH25, "支持基地航司完善航线网络", [("基地航司", "lead")]),
    (SH25, "支持上市公司并购重组", [("上市公司", "lead")]),
    (SH25, "推动居民委员会、业主委员会、物业服务企业协调运行",
     [("居民委员会", "lead"), ("业主委员会", "lead"), ("物业服务企业", "lead")]),
    (ZJ25, "鼓励创投基金投早", [("创投基金", "lead")]),
    (ZJ25, "支持油气交易中心做大做强", [("油气交易中心", "lead")]),
    # the name ends where its act begins, and 建设 with an object is an act
    ("32_nanshan_gov_work_report_2023.txt", "支持深圳大学建设高水平综合性大学",
     [("深圳大学", "lead")]),
])
def test_bodies_supported_to_act_lead_what_they_do(name, sentence, expected):
    """支持/鼓励/推动 X + X's own act: X carries the task out, so X leads (ANNOTATION.md
    §2, as the annotators of four district reports read it); 引导/督促/指导 stay urged."""
    assert found_in(name, sentence) == expected


@pytest.mark.parametrize("name, sentence", [
    (NATIONAL22, "支持北京城市副中心建设"),  # a place built, not a body acting
    (ANHUI, "推动国家工业互联网大数据分中心在皖落地"),  # a facility placed
    (ANHUI, "参照支持新兴技术领域实验室、工程中心、技术中心扶持政策"),  # a verb inside a noun
    (NATIONAL22, "推动降低企业生产经营成本"),  # a verb is no modifier of a name
])
def test_urged_cue_without_an_acting_group(name, sentence):
    assert found_in(name, sentence) == []


def test_cooperation_makes_both_sides_partners():
    assert found_in(ZJ25, "省实验室、省技术创新中心均与高校建立深度合作关系") == [
        ("省实验室", "partner"), ("省技术创新中心", "partner"), ("高校", "partner")]


def test_bodies_by_pattern_and_level_prefix():
    assert found_in(SH25, "在中共上海市委的坚强领导下") == [("中共上海市委", "partner")]
    assert found_in(SH25, "配合市人大及其常委会出台") == [("市人大及其常委会", "lead")]
    assert found_in(NINGXIA, "在自治区党委领导下") == [("自治区党委", "partner")]
    assert ("国家发展改革委", "partner") in found_in(NINGXIA, "国家发展改革委集中推广")
    assert found_in(BJ25, "加快第二批市属国企搬迁") == [("市属国企", "partner")]


def test_a_line_of_bodies_and_a_defined_group():
    assert found_in(BAOTOU, "各旗县区人民政府、稀土高新区管委会，参与") == [
        ("各旗县区人民政府", "lead"), ("稀土高新区管委会", "lead")]
    # a sentence ending in 市委 is no body
    assert found_in(BAOTOU, "考评结果全市通报并上报市委") == [("市委", "partner")]
    assert found_in(BEIJING, "相关行业主管部门和相关区政府（以下统称专区监管部门）") == [
        ("相关行业主管部门", "lead"), ("相关区政府", "lead")]


def test_qualified_group_is_the_group():
    actors = run(BJ25)[2]["actors"]
    medical = [a for a in actors if a["name"] == "医疗机构"]
    assert medical and "有条件的医疗机构" in medical[0]["aliases"]


@pytest.mark.parametrize("name", [NATIONAL, NATIONAL22, SH25, BJ25, ZJ25, NINGXIA, ANHUI, BEIJING])
def test_gov_documents_recall_without_not_actors(name):
    if not (GOLD / (name[:-4] + ".json")).exists():
        pytest.skip("gold not written yet")
    score = scored(name)
    assert score["false_positives"] == []
    assert score["recall"] >= 0.6, score["missing"]


def test_a_verb_before_a_group_is_not_part_of_its_name():
    forms = {f for a in run("08_guangdong_gov_work_report_2025.txt")[2]["actors"]
             for f in [a["name"], *a["aliases"]]}
    assert {"民间资本", "社会资本"} <= forms
    assert not {"吸引民间资本", "吸引社会资本", "深化律师"} & forms


NANSHAN24 = "33_nanshan_gov_work_report_2024.txt"


@pytest.mark.parametrize("sentence, expected", [
    ("联合京东、抖音、分期乐、盒马等平台企业开展专项促消费活动",
     [("京东", "partner"), ("抖音", "partner"), ("分期乐", "partner"), ("盒马", "partner")]),
    ("携手大疆、顺丰、美团、东部通航等头部企业",
     [("大疆", "partner"), ("顺丰", "partner"), ("美团", "partner"), ("东部通航", "partner")]),
    ("联合银行、担保、保险等27家专业机构",
     [("银行", "partner"), ("担保", "partner"), ("保险", "partner")]),
])
def test_partners_named_in_a_closed_list_after_joint_work_cues(sentence, expected):
    """联合/携手/联动 + X、Y等+class of bodies (data/list_classes.txt): the members are
    partners (ANNOTATION.md §2: 联合 → partner)."""
    assert found_in(NANSHAN24, sentence) == expected


def test_a_joint_work_cue_inside_a_noun_names_no_partner():
    # 共建联合实验室、实训基地等: 联合 opens a noun, and no class of bodies closes the list
    assert [r for _, r in found_in(ANHUI, "联合实验室、实训基地等")] == []


def test_a_facility_that_lands_is_no_actor():
    # 英特尔大湾区科技创新中心落地，: the thing placed (落地 is tagged a noun), not one who acts
    assert found_in(NANSHAN24, "英特尔大湾区科技创新中心落地") == []



@pytest.mark.parametrize("sentence, expected", [
    ("支持百度、安途等头部企业拓展智能出租车", [("百度", "lead"), ("安途", "lead")]),
    ("推动中建科工、中海建筑等7家企业参与对口协作", [("中建科工", "lead"), ("中海建筑", "lead")]),
])
def test_supported_list_closed_by_a_class_acts_after_it(sentence, expected):
    """支持/推动 X、Y等(7家)头部企业 + act: the act follows the list's count and class, so
    the members lead (ANNOTATION.md §2)."""
    assert set(expected) <= set(found_in(NANSHAN24, sentence))


def test_the_speaker_reports_for_the_issuer():
    assert found_in(NANSHAN24, "我代表南山区人民政府，") == [("南山区人民政府", "lead")]


def test_partners_a_task_relies_on():
    """依托X、Y等专业机构，…: the bodies relied on are partners (as 联合, a closed list)."""
    assert found_in(NANSHAN24, "依托清华研究院、力合科创等专业机构，") == [
        ("清华研究院", "partner"), ("力合科创", "partner")]
    # 依托虾皮、九米等头部企业先发优势: the list modifies what is relied on, names no partner
    assert found_in("32_nanshan_gov_work_report_2023.txt", "依托虾皮、九米等头部企业先发优势") == []


@pytest.mark.parametrize("name, sentence, expected", [
    (NATIONAL22, "压实地方属地责任、部门监管责任和企业主体责任",
     [("地方", "lead"), ("部门", "lead"), ("企业", "lead")]),
    (NATIONAL22, "严格落实行业主管部门、相关部门监管责任和地方政府属地监管责任",
     [("行业主管部门", "lead"), ("相关部门", "lead"), ("地方政府", "lead")]),
    (NANSHAN24, "坚决扛起政府全面从严治党主体责任", [("政府", "lead")]),
])
def test_bodies_made_to_carry_their_responsibility_lead(name, sentence, expected):
    """压实/落实/扛起 X+kind+责任 (data/lead_duties.txt): X owns the duty and leads."""
    assert found_in(name, sentence) == expected


def test_a_responsibility_of_no_named_owner():
    # 落实耕地保护和粮食安全责任: no body before the kind; 居住区…的…责任人: a 的, a place
    assert found_in("03_shanghai_gov_work_report_2025.txt", "落实耕地保护和粮食安全责任") == []
    assert found_in("36_baoshan_district_garbage_sorting_plan_2019.txt",
                    "积极落实居住区、企事业单位的分类投放管理责任人职责") == []


@pytest.mark.parametrize("name, sentence, expected", [
    (NANSHAN24, "推动清华大学深圳国际研究生院、北京大学深圳研究生院迈向世界一流",
     [("清华大学深圳国际研究生院", "lead"), ("北京大学深圳研究生院", "lead")]),
    ("08_guangdong_gov_work_report_2025.txt", "支持深交所建设大湾区债券平台", [("深交所", "lead")]),
])
def test_organisations_supported_to_act_lead(name, sentence, expected):
    """支持/推动 + a name that ends like an organisation + its act: it leads (§2)."""
    assert found_in(name, sentence) == expected


def test_a_command_centre_set_up_is_a_body():
    assert found_in(NANSHAN24, "成立经济运行调度指挥部") == [("经济运行调度指挥部", "lead")]


def test_an_address_and_a_layout_are_no_actors():
    """Plans outside the corpus: the address line 各位代表： of a county's report, 空间协同布局 (a
    city's plan) and the heading 高端项目加快布局 (a district's report) name no body; a bureau
    still does (区城管局牵头)."""
    for text in ("各位代表：\n现在，我代表区人民政府向大会报告工作。\n",
                 "到2025年底前，实现各类嵌入式设施空间协同布局、功能复合设置。\n",
                 "5.高端项目加快布局。引进项目10个。\n"):
        names = {m.name for m in find_actor_mentions(text, read_structure(text))}
        assert not names & {"各位代表", "布局", "高端项目加快布局"}, text
    text = "服从服务全局，开展城市容貌整治（区城管局牵头）。\n"
    assert "区城管局" in {m.name for m in find_actor_mentions(text, read_structure(text))}


def test_every_community_is_a_unit_outside_shanghai():
    """Street plans outside the corpus: （街道城管办牵头，各社区配合）, 各社区要组织开展入户宣传 — 社区
    is the grassroots unit where Shanghai says 居委; a 社区 facility is none (15分钟社区生活圈)."""
    from wusong_nlp import analyze

    (task,) = analyze("开展垃圾分类宣传。（街道城管办牵头，各社区配合）\n").tasks
    assert {(a["name"], a["role"]) for a in task.actors} == {("街道城管办", "lead"), ("各社区", "partner")}
    (task,) = analyze("各社区要组织开展入户宣传。\n").tasks
    assert [(a["name"], a["role"]) for a in task.actors] == [("各社区", "lead")]
    assert not analyze("完善社区服务设施，打造15分钟社区生活圈。\n").actors


def test_a_body_named_inside_a_title_is_no_actor():
    """Shijingshan (Beijing) outside the corpus: 贯彻…《中共北京市委北京市人民政府关于加强新时代街道
    工作的意见》相关要求 — the bodies name the document; Beijing 2022 (《国务院关于加强数字政府建设的
    指导意见》) likewise; the unit of the note acts (区委组织部牵头)."""
    text = "贯彻《中共北京市委北京市人民政府关于加强新时代街道工作的意见》相关要求，推进街道改革（区委组织部牵头）。\n"
    assert {m.name for m in find_actor_mentions(text, read_structure(text))} == {"区委组织部"}


def test_the_author_of_what_a_task_carries_out_is_no_actor():
    """Plans outside the corpus: 认真贯彻国家发展改革委印发的《…》 and 全面完成国务院确定的各项目标任务
    name who wrote or decided it in a relative clause; Chongming 2021: 65是住房城乡建设部确定的
    基础性指标 likewise; the unit of the note acts."""
    text = "认真贯彻国家发展改革委印发的《关于推进新型城镇化的意见》，加快推进城镇化（市发改委牵头）。\n"
    assert {m.name for m in find_actor_mentions(text, read_structure(text))} == {"市发改委"}
    text = "全面完成国务院确定的各项目标任务。\n"
    assert not find_actor_mentions(text, read_structure(text))


def test_the_role_nouns_of_a_task_notice_lead_their_duties():
    """Task notices outside the corpus (Ningxia, Hebei): 各牵头单位要积极履行牵头抓总职责,
    各配合单位要积极主动与牵头单位衔接联系 — each role noun is the subject of its duty (§2); a
    label 牵头单位： is no actor itself."""
    for text, name in (("各牵头单位要积极履行牵头抓总职责，加强统筹协调。\n", "各牵头单位"),
                       ("各配合单位要积极主动与牵头单位衔接联系，形成工作合力。\n", "各配合单位")):
        assert [(m.name, m.role) for m in find_actor_mentions(text, read_structure(text))] == [
            (name, "lead")]
    text = "1.新建幼儿园3所。\n牵头单位：区教育局\n"
    assert {m.name for m in find_actor_mentions(text, read_structure(text))} == {"区教育局"}


def test_a_request_opens_a_subject_it_is_no_part_of():
    """A district's task notice outside the corpus (Dawa, Panjin): 请各牵头单位要严格按照任务分工… —
    请 asks, the subject after it leads; 请区民政局要加强指导 likewise."""
    for text, name in (("请各牵头单位要严格按照任务分工，对涉及的工作任务进行再细化、再分解。\n", "各牵头单位"),
                       ("请区民政局要加强指导。\n", "区民政局")):
        assert [(m.name, m.role) for m in find_actor_mentions(text, read_structure(text))] == [
            (name, "lead")]


def test_role_nouns_lead_but_a_label_is_none():
    """Task notices outside the corpus: 牵头责任单位要切实担负起第一责任人的责任 (Yinchuan),
    各协作和配合单位要积极主动与牵头单位衔接联系 (Hebei) — the role nouns lead their duties; the label
    牵头责任单位：县教育局 or a table header 牵头责任单位 names no actor of its own."""
    for text, name in (("牵头责任单位要切实担负起第一责任人的责任，牵头抓总，积极组织实施。\n", "牵头责任单位"),
                       ("各协作和配合单位要积极主动与牵头单位衔接联系，形成工作合力。\n", "各协作和配合单位")):
        assert [(m.name, m.role) for m in find_actor_mentions(text, read_structure(text))] == [
            (name, "lead")]
    text = "1.新建幼儿园3所。\n牵头责任单位：县教育局\n责任单位：县财政局\n"
    assert {(m.name, m.role) for m in find_actor_mentions(text, read_structure(text))} == {
        ("县教育局", "lead"), ("县财政局", "partner")}


def test_a_part_marker_does_not_hide_the_subject():
    """A district's notice outside the corpus (Caidian 2023): 一、各责任单位要高度重视，切实加强领导 —
    the subject after the part marker leads, as without it."""
    text = "一、各责任单位要高度重视，切实加强领导。\n"
    assert [(m.name, m.role) for m in find_actor_mentions(text, read_structure(text))] == [
        ("各责任单位", "lead")]


def test_offices_of_supervision_lead_their_duties():
    """Task notices outside the corpus: 政府督查室、监察局要跟踪问效 (Hebei), 区委区政府督查室要…适时开展
    督查督办工作 (Dawa, Panjin) — 督查室 ends an office's name; 区委 is part of it."""
    text = "政府督查室、监察局要跟踪问效，严肃责任追究。\n"
    assert [(m.name, m.role) for m in find_actor_mentions(text, read_structure(text))] == [
        ("政府督查室", "lead"), ("监察局", "lead")]
    text = "区委区政府督查室要根据各项工作任务完成时限要求，适时开展督查督办工作。\n"
    assert [m.name for m in find_actor_mentions(text, read_structure(text))] == ["区委区政府督查室"]


def test_the_issuers_own_scope_is_no_actor():
    """Street plans outside the corpus (Chengdong, Shandong; Dongguan): 进一步推动全街道基层党建全面
    进步, 今年全街道发展的预期目标是… — 全街道 says where, not who; 全市政府系统 (Chongqing) stays a
    group the report addresses."""
    for text in ("进一步推动全街道基层党建全面进步。\n", "今年全街道发展的预期目标是：力争生产总值增长8.2%。\n"):
        assert not find_actor_mentions(text, read_structure(text)), text


def test_main_and_important_hold_no_modal():
    """Daxing (Beijing 2023) outside the corpus: 各主要责任单位要充分发挥牵头抓总作用 — the 要 of 主要 is
    no modal; the subject ends before the 要 after it."""
    text = "各主要责任单位要充分发挥牵头抓总作用，高效完成各项重要工作。\n"
    assert [(m.name, m.role) for m in find_actor_mentions(text, read_structure(text))] == [
        ("各主要责任单位", "lead")]


def test_those_consulted_take_no_part_in_the_task():
    """Dawa (Panjin) outside the corpus: 在充分征求区政府、经济园区和区农垦集团主要领导意见后 — those asked
    for their views are no actors of the plan's tasks; the unit of the note leads."""
    text = "在充分征求区政府、经济园区和区农垦集团主要领导意见后，制定本方案（区发改局牵头）。\n"
    assert [(m.name, m.role) for m in find_actor_mentions(text, read_structure(text))] == [
        ("区发改局", "lead")]


def test_the_body_whose_instruction_a_task_follows_is_no_actor():
    """按照市委市政府部署要求 (a district's plan outside the corpus), 按照党中央决策部署 (national 2024):
    the body gave the instruction and takes no part in the task; 按照区住建局要求，物业公司负责清运 — the
    company that acts leads."""
    text = "按照市委市政府部署要求，推进城市更新（区住建局牵头）。\n"
    assert [(m.name, m.role) for m in find_actor_mentions(text, read_structure(text))] == [
        ("区住建局", "lead")]
    text = "按照区住建局要求，物业公司负责清运。\n"
    assert [(m.name, m.role) for m in find_actor_mentions(text, read_structure(text))] == [
        ("物业公司", "lead")]


def test_a_body_that_receives_a_title_does_no_task_there():
    """A town's report outside the corpus (Huanghua, Hunan): 黄花镇入列中国百强镇 — the town was named on
    a list; 获评 likewise (ANNOTATION.md §2: an actor is assigned a task)."""
    for text in ("黄花镇入列中国百强镇。\n", "黄花镇获评全国文明镇。\n"):
        assert not find_actor_mentions(text, read_structure(text)), text


def test_the_title_line_names_the_issuer_and_no_partner():
    """A street's plan outside the corpus (Chengdong, Shandong): 城东街道2025年工作谋划 — the title names
    the issuer, who leads by default; its 街道 is no partner mention."""
    text = "城东街道2025年工作谋划\n一、总体思路\n2025年，街道将坚持党建引领，推动高质量发展。\n"
    st = read_structure(text)
    assert st.issuers == ["城东街道"]
    assert all(m.start > len("城东街道2025年工作谋划") for m in find_actor_mentions(text, st))


def test_the_first_of_a_list_of_authors_is_no_actor():
    """Shizong (Yunnan) outside the corpus: 为顺利完成市委、市政府下达的…目标任务，由县发展和改革局牵头，
    县财政局配合 — 市委 set the targets with 市政府; the units of the assignment act."""
    text = "为顺利完成市委、市政府下达的目标任务，由县发展和改革局牵头，县财政局配合。\n"
    assert [(m.name, m.role) for m in find_actor_mentions(text, read_structure(text))] == [
        ("县发展和改革局", "lead"), ("县财政局", "partner")]
