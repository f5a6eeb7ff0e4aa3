"""Who does what on street, town and district task plans (ANNOTATION.md §2): each rule
with the real sentence it was written for."""

from __future__ import annotations

import pytest
from conftest import analysis_of

from wusong_nlp import analyze
from wusong_nlp.outline import read_structure

BAOSHAN = "36_baoshan_district_garbage_sorting_plan_2019.txt"
YOUYILU = "39_youyilu_street_garbage_sorting_rules_2019.txt"
TOUQIAO = "41_touqiao_street_land_reduction_plan_2024.txt"
WUJING_LAND = "42_wujing_town_reserve_land_plan_2023.txt"
WUJING_RENT = "43_wujing_town_rental_housing_system_2023.txt"


def mentions(text: str) -> dict[str, str]:
    """text of each actor mention → its role, for a plan given as text."""
    return {m.text: m.role for m in analyze(text).actor_mentions}


def leads_of(plan, clause: str) -> set[str]:
    """The lead names of the task that holds `clause`."""
    at = plan.text.index(clause)
    for t in plan.tasks:
        if t.start <= at < t.end:
            return {a["name"] for a in t.actors if a["role"] == "lead"}
    raise AssertionError(f"no task holds {clause!r}")


@pytest.mark.parametrize("sentence, unit", [
    ("区商务委对接企业做好数据统计。", "区商务委"),  # Baoshan 2019
    ("镇行政执法队负责文明施工、噪音等处置；", "镇行政执法队"),  # Wujing 2023
    ("经发办负责监管企业自行建造的职工宿舍。", "经发办"),  # 经 opens a name too
    ("镇财政所、镇规建办对相关费用进行审核，按实扣减。", "镇规建办"),  # prepositional phrase
    ("吴泾镇会同用地单位制定临时土地利用方案。", "吴泾镇"),  # a town opening a sentence
    ("四是区财政局、区发展改革委等部门制定低价值可回收物补贴政策。", "区财政局"),  # after 四是
    ("各部门、街镇（园区）要高度重视生活垃圾分类减量工作。", "街镇（园区）"),
    ("各村为减量化工作的责任主体。", "各村"),  # Touqiao 2024
    ("其余小区由物业、居委会做好动员和解释工作。", "物业"),  # a short form after 由
])
def test_a_unit_that_opens_a_sentence_leads_it(sentence, unit):
    found = mentions("一、工作要求\n" + sentence)
    assert found.get(unit) == "lead", found


@pytest.mark.parametrize("sentence, nobody", [
    ("“浙江e港通”上线运行，中欧班列集结中心加快建设。", "中欧班列集结中心"),  # Zhejiang 2025
    ("漫葡小镇获评国家级旅游休闲街区。", "漫葡小镇"),  # Ningxia 2026
    ("在非定时定点投放期间，出现居民随意丢弃垃圾现象的，做好线索排查。", "出现居民"),  # Youyilu
    ("数据专区作为市大数据平台的重要组成部分。", "数据专区"),  # Beijing 2022
    ("区建设管理委会同区发展改革委、区经委等部门共同推进。", "区委"),  # 区委|组织部 is no cut
])
def test_what_only_looks_like_a_subject_is_no_actor(sentence, nobody):
    assert nobody not in mentions("一、工作要求\n" + sentence)


def test_assisting_a_unit_makes_it_the_lead():
    """Youyilu 2019, 职责分工 item 3: 物业公司…协助居委开展… → 居委 leads, 物业公司 partners."""
    plan = analysis_of(YOUYILU)
    task = next(t for t in plan.tasks if "协助居委开展好定时定点" in t.text)
    roles = {(a["name"], a["role"]) for a in task.actors}
    assert ("居委", "lead") in roles and ("物业公司", "partner") in roles


def test_a_duty_list_items_unit_leads_the_duties_under_it():
    """Youyilu 2019: `2．各居民区：…（1）在开展垃圾分类定时定点前充分听取居民的意见建议…`."""
    plan = analysis_of(YOUYILU)
    assert "各居民区" in leads_of(plan, "在开展垃圾分类定时定点前充分听取居民的意见建议")
    assert "环卫公司" in leads_of(plan, "对居住区干湿垃圾进行分类清运")


def test_a_clause_without_a_lead_takes_the_one_before_it():
    """Wujing 2023: 经发办负责监管…宿舍，核实企业用工信息，督促…落实主体责任。"""
    plan = analysis_of(WUJING_RENT)
    # 经发办 is the short form of the 镇经发办 of the 领导小组's member list: one actor
    assert "镇经发办" in leads_of(plan, "核实企业用工信息")


def test_a_notice_is_addressed_to_its_units():
    """Touqiao 2024: 各办、中心、综合行政执法队、各村：…现印发给你们，请认真贯彻执行。"""
    plan = analysis_of(TOUQIAO)
    assert {"各办", "综合行政执法队", "各村"} <= leads_of(plan, "现印发给你们")


def test_a_column_of_member_units_names_actors():
    """Touqiao 2024: the 联席会议's 成员单位, one per line."""
    names = {a["name"] for a in analysis_of(TOUQIAO).actors}
    assert {"党政办公室", "社区平安办公室", "城市建设管理事务中心"} <= names


def test_a_bracketed_other_name_is_an_alias():
    """Baoshan 2019 annex: 区委组织部（区公务员局） is one unit known by both names."""
    actor = next(a for a in analysis_of(BAOSHAN).actors if "区公务员局" in a["aliases"])
    assert "区委组织部" in actor["aliases"] or actor["name"] == "区委组织部"


def test_the_signature_names_the_issuer_of_a_notice_without_one():
    """Wujing 2023: 关于印发《…》的通知 … 闵行区吴泾镇人民政府 / 2023年11月1日."""
    st = read_structure(analysis_of(WUJING_LAND).text)
    assert st.issuers == ["闵行区吴泾镇人民政府"] and st.year == 2023
    assert st.title == "吴泾镇储备用地临时利用管理实施方案"


def test_articles_are_outline_nodes():
    st = read_structure(analysis_of(WUJING_LAND).text)
    numbers = [n.number for n in st.outline]
    assert numbers[:3] == ["第一条", "第二条", "第三条"]
    assert next(n for n in st.outline if n.number == "第五条").heading == "职责分工"


WUSONG_WORKS = "40_wusong_street_small_works_opinions_2024.txt"


@pytest.mark.parametrize("sentence, units", [
    # Wusong street 2024: the parties a works rule binds, 或/和 joining them
    ("建设单位或经营者是小型工程的总牵头单位，对工程承担全面责任。", ("建设单位", "经营者")),
    ("未备案私自施工的，建设单位和经营者负主要责任。", ("建设单位", "经营者")),
    ("工程开工前及竣工后，建设单位或经营者均应在街道综合行政执法队窗口办理备案手续。",
     ("建设单位", "经营者")),
])
def test_the_parties_a_works_rule_binds_lead(sentence, units):
    found = mentions("第三条　管理原则\n\n" + sentence)
    assert all(found.get(u) == "lead" for u in units), found


def test_a_long_subject_list_closed_by_its_kind_leads():
    """Wusong street 2024: two lists joined by 与, each closed by 等 (等职能部门 names the kind,
    not a member); 各居民区 is a bare kind after 各, 厂区 a short member the list vouches for."""
    found = mentions("第十一条　日常监督检查及督促整改\n\n"
                     "建管中心、城运中心、综合行政执法队、公安派出所等职能部门与各居民区、厂区、"
                     "经济开发公司等应建立日常联动机制，加强现场监管等信息沟通和工作协调。")
    for unit in ("建管中心", "城运中心", "综合行政执法队", "公安派出所", "各居民区", "厂区", "经济开发公司"):
        assert found.get(unit) == "lead", (unit, found)
    assert "公安派出所等职能部门" not in found


def test_persons_of_bodies_and_a_bracketed_other_name_before_fu_ze_lead():
    """Wusong street 2024 第十二条: a role after its body (城运中心网格监督员), a person's ending
    after a modifier (市容第三方服务人员), and a unit whose other name in brackets stands right
    before 负责 (开发公司（厂区）负责)."""
    found = mentions("第十二条　建立发现机制\n\n"
                     "城运中心网格监督员、市容第三方服务人员、属地居委及开发公司（厂区）负责巡查区域时，"
                     "发现未批先建的现场责令停工。")
    for unit in ("城运中心网格监督员", "市容第三方服务人员", "属地居委", "开发公司（厂区）"):
        assert found.get(unit) == "lead", (unit, found)


def test_a_count_before_a_person_and_a_system_named_by_fu_ze_are_no_names():
    """Baoshan 2019: 2名居委干部 names 居委干部, not 名居委干部; the seed's 完善小区物业经理负责制
    names a system (负责制), so 小区物业经理 leads nothing there."""
    found = mentions("（四）加强宣传\n1名“黄马夹”与2名居委干部配合，由3名社区志愿者（或物业管理）协助，"
                     "共同做好居民定时定点投放的预先告知和宣传引导。")
    assert "居委干部" in found and "名居委干部" not in found, found
    assert not any(name.startswith("或") for name in found), found
    assert "小区物业经理" not in mentions("三是提升老旧小区物业管理水平。完善小区物业经理负责制，"
                                         "健全售补资金考核激励等工作机制。")


def test_a_subject_before_a_prepositional_phrase_leads_the_act_after_the_comma():
    """Wusong street 2024 第十一条: 建管中心将根据…，牵头组织…: the body, 将 and a 根据-phrase
    up to the comma, then what it does."""
    found = mentions("第十一条　日常监督检查及督促整改\n\n对拒不整改的，建管中心将根据违法事项和项目特征，"
                     "牵头组织综合行政执法队、公安派出所等相关职能部门及时采取综合管理措施，并报区建管委。")
    assert found.get("建管中心") == "lead", found


def test_the_kind_that_closes_a_list_of_members_leads():
    """Wusong street 2024 第十三条: the members (电工, 电焊工, …) are no names of their own; the kind
    after 等 names them all, and they act after a 按照-phrase."""
    found = mentions("第十三条　安全管理细则\n\n12、电工、电焊工、气焊工、易燃易爆危险品仓库保管员等特殊工种"
                     "作业人员按照有关规定接受消防安全培训，并持证上岗。")
    assert found.get("特殊工种作业人员") == "lead", found


def test_a_unit_acting_through_its_service_window_leads():
    """Wusong street 2024 第四条: 综合行政执法队窗口收齐材料 — the unit acts at its window."""
    found = mentions("第四条　备案管理\n\n综合行政执法队窗口收齐材料后交建管中心，"
                     "建管中心应认真做好小型工程开工前申报资料审核登记工作。")
    assert found.get("综合行政执法队") == "lead", found
    assert "综合行政执法队窗口" not in found


WORKS_ARTICLE_11 = ("第十一条　日常监督检查及督促整改\n\n"
                    "建管中心、城运中心、综合行政执法队、公安派出所等职能部门与各居民区、厂区、经济开发公司等"
                    "应建立日常联动机制，加强现场监管等信息沟通和工作协调。对发现的未按照相关安全技术标准施工"
                    "以及未采取必要安全防护措施等违法违规行为，应现场整改督办，及时制止各类非法建设或违规建设施工，"
                    "各部门做好现场检查记录。\n\n对拒不整改的，建管中心将根据违法事项和项目特征，牵头组织综合行政"
                    "执法队、公安派出所等相关职能部门及时采取综合管理措施，并报区建管委。")


def test_a_comma_clause_with_its_own_subject_is_its_own_task():
    """Wusong street 2024 第十一条: ，各部门做好现场检查记录 is 各部门's task; the clauses before it
    have no subject of their own and are done by the unit list that opens the paragraph."""
    plan = analyze(WORKS_ARTICLE_11)
    assert leads_of(plan, "各部门做好现场检查记录") == {"各部门"}
    before = leads_of(plan, "应现场整改督办")
    assert {"建管中心", "城运中心", "公安派出所", "各居民区", "经济开发公司"} <= before, before
    assert "各部门" not in before


def test_a_condition_before_a_subject_stays_with_its_clause():
    """Wusong street 2024: 对拒不整改的，建管中心将… and 实行监理的小型工程，监理单位应当… are one
    task each (a condition asks nothing by itself); National 2022: 要加大…，机关、事业单位和国有企业要
    带头清欠 are two."""
    plan = analyze(WORKS_ARTICLE_11)
    assert leads_of(plan, "对拒不整改的") == {"建管中心"}
    plan = analyze("第三条　管理原则\n\n实行监理的小型工程，监理单位应当代表建设单位或经营者对施工质量、"
                   "安全和文明施工实行监督管理，对小型工程承担监理责任。")
    assert "监理单位" in leads_of(plan, "实行监理的小型工程")
    plan = analyze("二、2022年政府工作任务\n要加大拖欠中小企业账款清理力度，规范商业承兑汇票使用，"
                   "机关、事业单位和国有企业要带头清欠。")
    assert leads_of(plan, "机关、事业单位和国有企业要带头清欠") == {"机关", "事业单位", "国有企业"}
    assert "机关" not in leads_of(plan, "要加大拖欠中小企业账款清理力度")


def test_a_subject_distributed_over_places_is_the_unit_after_them():
    """Youyilu street 2019: 每小区物业服务企业应当配备… — 物业服务企业 leads, not 每小区物业服务企业."""
    found = mentions("二、岗位职责\n2．垃圾分类专职管理员：每小区物业服务企业应当配备垃圾分类专职管理员，"
                     "原则上由小区经理担任并负责。")
    assert found.get("物业服务企业") == "lead", found
    assert not any(name.startswith("每") or name.startswith("区物业") for name in found), found


def test_a_person_placed_by_the_clause_before_leads_what_follows():
    """Youyilu street 2019: 每个点位安排分拣员1名，主要负责该点位的垃圾清扫… — 分拣员 does it."""
    found = mentions("三、运作流程\n（1）每个点位安排分拣员1名，主要负责该点位的垃圾清扫、垃圾干湿桶的驳运调配。")
    assert found.get("分拣员") == "lead", found


@pytest.mark.parametrize("sentence, unit", [
    ("充分发挥联席办综合协调推进作用，形成每月例会制度、通报制度。", "联席办"),  # Baoshan 2019
    ("发挥城管社区工作室的作用，主动牵头基层党组织、居委、业委、物业、志愿者形成“五位一体”联动机制。",
     "城管社区工作室"),  # Baoshan 2019: 工作室 ends a unit's name
])
def test_the_office_whose_role_is_called_on_leads(sentence, unit):
    assert mentions("（二）健全机制\n" + sentence).get(unit) == "lead"


def test_a_role_or_group_whose_role_is_called_on_is_no_lead():
    """The seed: 充分发挥法律顾问作用 — the street uses its legal advisers; a role is no office."""
    found = mentions("（四）加强法治建设\n加强公共法律服务体系建设，充分发挥法律顾问作用，"
                     "以“社区通”“园区通”为重要平台。")
    assert found.get("法律顾问") != "lead", found


def test_the_lead_an_item_heading_names_does_its_subjectless_tasks():
    """Baoshan 2019: 四是发挥城管社区工作室的作用。主动牵头…，积极落实… — the office does both."""
    plan = analysis_of(BAOSHAN)
    assert "城管社区工作室" in leads_of(plan, "积极落实居住区、企事业单位的分类投放管理责任人职责，努力推动")


def test_a_village_committee_whose_name_opens_like_a_verb_is_a_member_unit():
    """Touqiao 2024: the column of village committees; jieba reads 戴 of 戴家村 as a verb."""
    found = mentions("附件\n\n南宋村村委会\n\n二桥村村委会\n\n冯家村村委会\n\n戴家村村委会\n\n分水墩村村委会\n")
    assert "戴家村村委会" in found, found


def test_places_listed_before_a_shared_name_are_one_actor():
    """Wujing 2023: 督促厂区、园区宿舍管理方落实主体责任 — the managers of both kinds of dormitory;
    Chongqing 2025's 市带区县、区县带镇街 is a clause, no such list."""
    found = mentions("二、职责分工\n经发办负责监管企业自行建造的职工宿舍，核实企业用工信息，"
                     "督促厂区、园区宿舍管理方落实主体责任。")
    assert found.get("厂区、园区宿舍管理方") == "urged", found
    assert not any("市带区县" in n for n in mentions("（三）推进改革\n促进应用三级贯通和预案三级配置，"
                                                 "推动市带区县、区县带镇街、镇街带网格工作联动。"))
