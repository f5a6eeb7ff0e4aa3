"""The outline read from heading markers, checked against gold files of real documents."""

from __future__ import annotations

import re

import pytest
from conftest import CORPUS, gold_of

from wusong_nlp.outline import read_structure
from wusong_nlp.reading import read_document


def structure(name: str):
    return read_structure(read_document(CORPUS / name).text)


def gold_pairs(nodes, prefix=""):
    out = []
    for n in nodes:
        path = f"{prefix}/{n['number']}" if prefix else n["number"]
        out.append((path, n["heading"]))
        out += gold_pairs(n.get("children", []), path)
    return out


def our_pairs(st):
    """Ids without the #2 that tells repeated markers apart (gold paths cannot)."""
    return [(re.sub(r"#\d+", "", n.id), n.heading) for n in st.nodes()]


def test_seed_outline_equals_gold_heading_for_heading():
    st = structure("wusong_2021_work_points.txt")
    gold = gold_of("wusong_2021_work_points.txt")
    assert our_pairs(st) == gold_pairs(gold["outline"])
    levels = [n.level for n in st.nodes()]
    assert (levels.count(1), levels.count(2), levels.count(3)) == (3, 12, 18)


@pytest.mark.parametrize("name", [
    "01_national_gov_work_report_2024.txt",  # —— bullets and 一是 paragraphs under 一
    "03_shanghai_gov_work_report_2025.txt",  # em-space indentation
    "05_beijing_gov_work_report_2025.txt",   # 一是…七是, one per paragraph
    "15_beijing_data_zone_guidance_2022.txt",  # notice wrapping a guidance
    # annotated after the outline rules were written: a check on unseen documents
    "02_national_gov_work_report_2022.txt",
    "04_shanghai_gov_work_report_2026.txt",
    "08_guangdong_gov_work_report_2025.txt",  # annexes; glossary items headed by a colon
    "11_ningxia_gov_work_report_2026.txt",  # 一是…十是 run in one paragraph, to the ；
])
def test_outline_equals_gold(name):
    assert our_pairs(structure(name)) == gold_pairs(gold_of(name)["outline"])


def test_baotou_annex_restarts_under_its_own_node():
    st = structure("14_baotou_digital_gov_evaluation_2022.txt")
    ours = set(our_pairs(st))
    for pair in gold_pairs(gold_of("14_baotou_digital_gov_evaluation_2022.txt")["outline"]):
        assert pair in ours
    annex = [n for n in st.outline if n.number == "附件"]
    assert len(annex) == 1 and annex[0].heading == "包头市数字政府建设考评指标"
    # items 1．…90． run on across sections and sit under their sections
    items = [n for n in st.nodes() if n.kind == "num"]
    assert [n.value for n in items] == list(range(1, 91))
    assert all(n.parent.kind == "section" for n in items)


def test_anhui_two_plans_in_one_notice_become_two_groups():
    st = structure("13_anhui_industrial_internet_policy_and_action_plan_2021.txt")
    tops = [(n.kind, n.heading) for n in st.outline]
    assert tops == [
        ("group", "支持工业互联网发展若干政策"),
        ("group", "安徽省工业互联网创新发展行动计划（2021-2023年）"),
        ("group", "省推进工业互联网创新发展专项工作组名单"),
    ]
    assert [c.number for c in st.outline[0].children] == list("一二三四五六七八")
    assert [c.number for c in st.outline[1].children] == list("一二三四")
    # "1﹒" items with the small full stop
    assert any(n.kind == "num" and n.heading == "推进工业互联网外网建设" for n in st.nodes())


def test_guangdong_numbered_annexes():
    st = structure("08_guangdong_gov_work_report_2025.txt")
    annexes = [(n.number, n.heading, len(n.children)) for n in st.outline if n.kind == "group"]
    assert annexes == [("附件1", "2025年省十件民生实事", 10), ("附件2", "名词解释", 18)]


def test_restarted_series_inside_a_section_is_nested():
    text = ("某街道2022年工作计划\n一、总体要求\n（一）目标。\n（二）重点任务如下：\n"
            "一、推进城市更新。\n二、加强社区治理。\n三、优化营商环境。\n"
            "（三）保障措施。\n二、组织实施\n（一）加强领导。\n")
    st = read_structure(text)
    assert [n.id for n in st.outline] == ["一", "二"]
    nested = st.outline[0].children[1]
    assert nested.id == "一/（二）"
    assert [c.number for c in nested.children] == ["一", "二", "三"]
    assert [c.id for c in st.outline[0].children] == ["一/（一）", "一/（二）", "一/（三）"]


def test_shi_series_in_several_paragraphs_is_nested_per_section():
    text = ("某镇2023年工作要点\n一、经济发展\n（一）稳增长。一是扩大投资。二是促进消费。\n"
            "（二）强产业。一是培育企业。\n二是建设园区。\n三是引进项目。\n")
    st = read_structure(text)
    sec2 = st.outline[0].children[1]
    assert [c.number for c in sec2.children] == ["一是", "二是", "三是"]
    assert [c.heading for c in sec2.children] == ["培育企业", "建设园区", "引进项目"]
    assert [c.number for c in st.outline[0].children[0].children] == ["一是", "二是"]


def test_other_markers_paren_num_and_circled():
    text = "计划\n一、任务\n1．建设平台。\n（1）完成设计。\n①招标。\n②施工。\n（2）验收。\n2．运营。\n"
    st = read_structure(text)
    assert [n.id for n in st.nodes()] == ["一", "一/1", "一/1/（1）", "一/1/（1）/①",
                                          "一/1/（1）/②", "一/1/（2）", "一/2"]


def test_document_without_markers_is_flat():
    text = "关于做好垃圾分类的通知\n各居委会要加强宣传。完成10个小区的改造。\n"
    st = read_structure(text)
    assert st.outline == []
    assert len(st.sentences) == 3 and st.node_at(20) is None


def test_node_regions_nest_and_node_at_finds_deepest():
    st = structure("wusong_2021_work_points.txt")
    text = read_document(CORPUS / "wusong_2021_work_points.txt").text
    for node in st.nodes():
        assert node.start <= node.heading_start <= node.heading_end <= node.end
        for child in node.children:
            assert node.start <= child.start and child.end <= node.end
    pos = text.index("新划定非机动车停放区域150个")
    assert st.node_at(pos).id == "二/（一）/四是"


@pytest.mark.parametrize("name, title, issuers, year", [
    ("wusong_2021_work_points.txt", "吴淞街道党工委、办事处2021年工作要点",
     ["吴淞街道党工委", "吴淞街道办事处"], 2021),
    ("14_baotou_digital_gov_evaluation_2022.txt", "包头市2022年数字政府建设考评办法",
     ["包头市人民政府办公室"], 2022),
    ("05_beijing_gov_work_report_2025.txt", "2025年北京市政府工作报告", ["北京市人民政府"], 2025),
    ("01_national_gov_work_report_2024.txt", "政府工作报告", ["国务院"], 2024),
    # 我代表自治区人民政府 + 在宁夏回族自治区第十三届人民代表大会
    ("11_ningxia_gov_work_report_2026.txt", "政府工作报告", ["宁夏回族自治区人民政府"], 2026),
])
def test_front_matter(name, title, issuers, year):
    st = structure(name)
    assert (st.title, st.issuers, st.year) == (title, issuers, year)


def test_sentences_cover_text_and_end_at_stops():
    st = structure("wusong_2021_work_points.txt")
    assert all(s.text[-1] in "。！？”" or "\n" not in s.text for s in st.sentences)
    assert any(s.text == "（一）全力服务科创中心主阵地建设。" for s in st.sentences)


def test_boxes_hang_under_their_section_and_end_at_the_next_marker():
    """Anhui's 专栏1–12: asides of a section, not children of the item before them."""
    st = structure("13_anhui_industrial_internet_policy_and_action_plan_2021.txt")
    boxes = [n for n in st.nodes() if n.kind == "box"]
    assert [b.number for b in boxes] == [f"专栏{i}" for i in range(1, 13)]
    assert all(b.parent.kind == "section" for b in boxes)
    assert boxes[0].heading == "工业互联网网络互联互通工程"
    assert boxes[0].parent.heading == "网络体系强基行动"
    # the item after a box is the section's, not the box's
    item3 = next(n for n in st.nodes() if n.kind == "num" and n.value == 3)
    assert item3.parent.kind == "section"


def test_anhui_outline_equals_gold_below_the_plan_wrappers():
    """The gold names its two plans 政策/行动计划 itself; below them every node matches."""
    name = "13_anhui_industrial_internet_policy_and_action_plan_2021.txt"
    st = structure(name)

    def below_wrapper(pairs):
        return sorted((p.split("/", 1)[1], h) for p, h in pairs if "/" in p)

    gold = [(p.replace("--", "——"), h) for p, h in gold_pairs(gold_of(name)["outline"])]
    # a group's id is its title, which may hold a "/" itself: build paths from numbers
    ours = [(f"{n.path[0].number}/" + "/".join(x.number for x in n.path[1:]), n.heading)
            for n in st.nodes() if n.level > 1]
    ours = [(p.replace("--", "——"), h) for p, h in ours]
    assert below_wrapper(ours) == below_wrapper(gold)


def test_a_short_lead_in_closed_by_a_colon_is_the_heading():
    st = read_structure("名词解释\n一、术语\n1.“岳山造林”：上世纪70年代，某县探索改革。\n"
                        "2.分线管理：货物“一线”放开。\n3.本条很长的说明文字超过二十个字以后才出现冒号：不算。\n")
    assert [n.heading for n in st.outline[0].children] == [
        "“岳山造林”", "分线管理", "本条很长的说明文字超过二十个字以后才出现冒号：不算"]


@pytest.mark.parametrize("text, title, issuers", [
    # plans outside the corpus (issue 12: documents no one has seen)
    ("汉滨区2025年政府工作报告\n各位代表：\n现在，我代表区人民政府向大会报告工作。\n",
     "汉滨区2025年政府工作报告", ["汉滨区人民政府"]),
    ("2026年政府工作报告\n——2025年12月22日在陵川县第十七届人民代表大会第六次会议上\n各位代表：\n"
     "现在，我代表县人民政府，向大会报告工作，请予审议。\n", "2026年政府工作报告", ["陵川县人民政府"]),
    ("2024年《政府工作报告》重点工作目标任务分解表\n序号|目标任务|牵头责任单位\n",
     "2024年《政府工作报告》重点工作目标任务分解表", []),
    ("2023年章镇镇政府主要工作安排和任务分解\n一、总体要求\n", "2023年章镇镇政府主要工作安排和任务分解",
     ["章镇镇政府"]),
    ("2020年塘桥街道社代会报告\n一、过去一年的工作\n", "2020年塘桥街道社代会报告", ["塘桥街道"]),
    # an address line is no title; a report without one still names its government
    ("各位代表：\n现在，我代表罗湖区人民政府，向大会报告政府工作。\n一、2023年工作回顾\n", None,
     ["罗湖区人民政府"]),
    # the session line run into the title (Weichang 2021); the congress names the 自治县
    ("政府工作报告—2021年7月29日在围场满族蒙古族自治县第八届人民代表大会第一次会议上自治县人民政府代理县长"
     " 孙立良\n各位代表：\n现在，我代表自治县人民政府，向大会报告工作。\n", "政府工作报告",
     ["围场满族蒙古族自治县人民政府"]),
    # a notice that names its issuer before 关于 (Liaoning 2012)
    ("辽宁省人民政府办公厅关于落实东北振兴“十二五”规划任务分工的通知\n各市人民政府：\n现就有关事项通知如下。\n",
     "辽宁省人民政府办公厅关于落实东北振兴“十二五”规划任务分工的通知", ["辽宁省人民政府办公厅"]),
    # a notice's title broken over three lines inside its 《》 (Liaoning 2023)
    ("辽宁省人民政府关于印发《2023年\n省〈政府工作报告〉任务分解\n和责任分工方案》的通知\n辽政发〔2023〕2号\n"
     "各市人民政府：\n现将方案印发给你们。\n", "2023年省〈政府工作报告〉任务分解和责任分工方案", ["辽宁省人民政府"]),
    # a year, then the scope of the plan, no body (Jinxiang 2021): no issuer from the title
    ("2021年全县乡村振兴工作要点\n一、总体要求\n", "2021年全县乡村振兴工作要点", []),
    # a notice with no title line is signed
    ("各乡镇人民政府，县直各单位：\n现将任务分解印发给你们，请认真贯彻落实。\n沁县人民政府办公室\n"
     "2025年5月18日\n", None, ["沁县人民政府办公室"]),
])
def test_front_matter_of_plans_outside_the_corpus(text, title, issuers):
    st = read_structure(text)
    assert (st.title, st.issuers) == (title, issuers)


def test_a_notices_number_is_no_title():
    """A provincial notice outside the corpus opens with its number (辽政办发〔2012〕53号) above the
    addressees; the signature names the issuer."""
    text = ("辽政办发〔2012〕53号\n各市人民政府，省政府各厅委、各直属机构：\n现将《实施方案》印发给你们。\n"
            "辽宁省人民政府办公厅\n2012年5月3日\n")
    st = read_structure(text)
    assert (st.title, st.issuers) == (None, ["辽宁省人民政府办公厅"])


def test_a_series_of_yi_shi_items_that_is_the_whole_plan():
    """A street's plan outside the corpus (Luoyang): 一是强化党建引领。… ¶ 二是抓实项目推进。… ¶ 三是… —
    with no parts above them, the items go on paragraph after paragraph."""
    text = ("一是强化党建引领。全面加强党的建设。\n二是抓实项目推进。加快推进明珠花园项目二期建设。\n"
            "三是加强社会保障。加快建成六个养老服务站。\n")
    st = read_structure(text)
    assert [(n.number, n.heading) for n in st.outline] == [
        ("一是", "强化党建引领"), ("二是", "抓实项目推进"), ("三是", "加强社会保障")]
