"""Lead units of responsibility statements on street, town and district task plans
(issue 9): each form with the real text it was written for."""

from __future__ import annotations

from conftest import analysis_of
from test_street_plans import leads_of

from wusong_nlp import analyze
from wusong_nlp.tables import find_tables

BAOSHAN = "36_baoshan_district_garbage_sorting_plan_2019.txt"
JINGAN = "37_jingan_district_urban_renewal_action_plan_2023.txt"


# Jingan 2023, annex 重点任务清单: a group column (任务类型) before the 序号, its merged
# cells written before the number of the group's first row; 推进单位 merged over rows
# (rows 4, 5, 6 and 8 of the annex, numbered from 1 here).
JINGAN_TABLE = """附件

任务类型

序号

工作任务

推进单位

行动二：重塑美丽新居行动（人居环境品质提升行动）

旧区改造

1

全面完成中心城区零星二级旧里以下房屋改造

区“两旧”专班、区房管局、区旧改总办、区成套办、各相关街镇

旧住房更新改造

2

推进小梁薄板等老旧住房成套改造，基本完成小梁薄板房屋改造。

3

加快推进各类旧住房更新改造。

“美丽家园”建设

4

创建20个新时代“美丽家园”特色小区、10个新时代“美丽家园”示范小区
"""


def test_a_group_column_before_the_number_belongs_to_the_next_row():
    (table,) = find_tables(JINGAN_TABLE)
    assert table.roles == ["group", "index", "task", "lead"]
    groups = [[c.text for c in r.of("group")] for r in table.rows]
    assert groups == [["行动二：重塑美丽新居行动（人居环境品质提升行动）", "旧区改造"],
                      ["旧住房更新改造"], [], ["“美丽家园”建设"]]
    assert [r.of("task")[0].text[:6] for r in table.rows] == ["全面完成中心", "推进小梁薄板",
                                                             "加快推进各类", "创建20个新"]


def test_a_row_without_a_lead_cell_shares_the_merged_cell_above():
    (table,) = find_tables(JINGAN_TABLE)
    leads = {r.of("lead")[0].text for r in table.rows}
    assert leads == {"区“两旧”专班、区房管局、区旧改总办、区成套办、各相关街镇"}


def test_table_rows_of_a_merged_lead_cell_are_led_by_its_units():
    plan = analysis_of(JINGAN)
    assert {"区“两旧”专班", "区房管局", "各相关街镇"} <= leads_of(plan, "完成既有多层住宅加装电梯700台\n")
    assert "区绿化市容局" in leads_of(plan, "改建或新建9座左右口袋公园\n")


def test_a_lead_cell_broken_over_lines_stays_in_the_lead_column():
    """Baoshan 2019 row 14: 区机管局 / 区绿化市容局 / 区党政机关、公共机构 under
    牵头部门 | 配合部门 (the 任务名称 cell merged away); row 9: a line ending in 、 goes on."""
    plan = analysis_of(BAOSHAN)
    table = plan.structure.tables[0]
    row = next(r for r in table.rows if r.index == 14)
    assert [c.text for c in row.of("lead")] == ["区机管局", "区绿化市容局"]
    assert [c.text for c in row.of("partner")] == ["区党政机关、公共机构"]
    row = next(r for r in table.rows if r.index == 9)
    assert [c.text for c in row.of("lead")] == ["各街镇（园区）"]
    assert [c.text for c in row.of("partner")] == ["区绿化市容局、", "区农业农村委"]


def test_a_unit_with_a_long_bracketed_other_name_is_one_lead():
    """Baoshan 2019 row 33: 区科委、区绿化市容局、区委宣传部（区文明办、区政府新闻办、区委网信办）."""
    plan = analysis_of(BAOSHAN)
    leads = leads_of(plan, "参与全市《条例》宣传“五个一”工程。\n")
    assert "区委宣传部（区文明办、区政府新闻办、区委网信办）" in leads
    assert "区委" not in leads
    assert "区妇联" in leads_of(plan, "结合好家风好家训工作，实现垃圾分类进家庭培训。\n")


def test_addressees_parted_by_a_comma_split_into_named_units():
    """Jingan 2023: 区政府各委、办、局，各街道办事处、彭浦镇政府："""
    plan = analysis_of(JINGAN)
    leads = leads_of(plan, "现转发给你们")
    assert {"区政府各委、办、局", "各街道办事处", "彭浦镇政府"} <= leads


def test_units_addressed_by_ge_open_a_clause_after_a_comma():
    """Jingan 2023: 梳理形成六大类重点任务清单，各推进主体加快开展前期工作。"""
    found = {m.text: m.role for m in analyze(
        "三、保障措施\n梳理形成六大类重点任务清单，各推进主体加快开展前期工作，合理安排项目实施时序。"
    ).actor_mentions}
    assert found.get("各推进主体") == "lead"


def test_a_fitness_centre_is_a_facility_not_an_actor():
    """Jingan 2023: 建设国际一流高品质公共服务设施，重点推进静安区全民健身中心新建工程。"""
    names = {a["name"] for a in analysis_of(JINGAN).actors}
    assert not any("健身中心" in n for n in names)


TOUQIAO = "41_touqiao_street_land_reduction_plan_2024.txt"


def roles_in(text: str) -> dict[str, str]:
    return {m.text: m.role for m in analyze(text).actor_mentions}


def test_a_role_noun_holding_a_cue_word_is_a_name():
    """Touqiao 2024: 各村为减量化工作的责任主体，各村主要负责人是减量化工作的第一责任人。
    负责人 holds 负责 and still names a role; 各村 opens the name without naming it."""
    found = roles_in("一、组织架构\n各村为减量化工作的责任主体，各村主要负责人是减量化工作的第一责任人。")
    assert found.get("各村主要负责人") == "lead"


def test_bare_kinds_of_unit_split_from_named_ones():
    """Touqiao 2024: 各相关职能部门、单位、村及联席办要坚决落实 / 各相关职能部门、单位和村要…"""
    found = roles_in("五、工作要求\n各相关职能部门、单位、村及联席办要坚决落实、统一思想。")
    assert {found.get(n) for n in ("单位", "村", "联席办")} == {"lead"}
    found = roles_in("五、工作要求\n各相关职能部门、单位和村要明确责任分工。")
    assert found.get("单位") == "lead" and found.get("村") == "lead"


def test_a_body_named_by_its_ending_alone_leads_after_you():
    """Touqiao 2024: 未尽事宜由联席会议一事一议制定补充条款解决。"""
    assert roles_in("六、附则\n未尽事宜由联席会议一事一议制定补充条款解决。").get("联席会议") == "lead"


def test_a_subject_whose_act_follows_a_comma_after_adverbs_leads():
    """Touqiao 2024: 各职能部门按照职责，分别牵头完成协议签订、搬迁补偿…"""
    plan = analysis_of(TOUQIAO)
    at = plan.text.index("各职能部门按照职责")
    assert any(m.start == at and m.text == "各职能部门" and m.role == "lead"
               for m in plan.actor_mentions)


def test_leaders_with_a_one_character_verb_lead():
    """Touqiao 2024: 对于土地减量化工作，主要领导抓，分管领导具体抓，…"""
    found = roles_in("五、工作要求\n对于土地减量化工作，主要领导抓，分管领导具体抓，各相关职能部门要坚决落实。")
    assert found.get("主要领导") == "lead" and found.get("分管领导") == "lead"
    # a thing with an organisation's ending does not act by a one-character verb
    assert "中欧班列集结中心" not in roles_in("一、工作要求\n中欧班列集结中心建，")


WUJING_RENT = "43_wujing_town_rental_housing_system_2023.txt"
YOUYILU = "39_youyilu_street_garbage_sorting_rules_2019.txt"


def test_the_unit_coordinated_with_leads():
    """Wujing 2023: 平安办负责…。协同派出所做好治安安全管理。 Youyilu 2019: 业委会…协同居委会和物业…"""
    found = roles_in("四、职责分工\n平安办负责联合整治时的全面协调工作。协同派出所做好治安安全管理。")
    assert found.get("派出所") == "lead"
    plan = analysis_of(YOUYILU)
    assert {"居委会", "物业"} <= leads_of(plan, "协同居委会和物业把居民团结到一起")
    # alone, 协同 is an adverb: the subject keeps the lead
    found = roles_in("二、主要任务\n区商务委负责统筹，协同推进重点项目建设。")
    assert found.get("区商务委") == "lead"


def test_assisting_without_naming_whom_is_a_task_the_issuer_leads():
    """Wujing 2023: 城运中心负责对市民投诉…进行分流、反馈，配合做好巡查和整治；负责牵头对…"""
    plan = analysis_of(WUJING_RENT)
    task = next(t for t in plan.tasks if t.text.startswith("配合做好巡查和整治"))
    roles = {(a["name"], a["role"]) for a in task.actors}
    assert ("城运中心", "partner") in roles
    assert {n for n, r in roles if r == "lead"} == set(plan.structure.issuers)
    assert "城运中心" in leads_of(plan, "对市民投诉、民生热线反映的规模性租赁问题")
    # the clause after the assisting one is the subject's again
    assert "新吴泾公司" in leads_of(plan, "督促委托管理方落实属地管理责任")


def test_a_body_set_up_leads_what_it_is_set_up_for():
    """Wujing 2023: 镇层面成立吴泾镇规模化居住租赁场所长效管理领导小组，统筹协调推进…"""
    plan = analysis_of(WUJING_RENT)
    at = plan.text.index("吴泾镇规模化居住租赁场所长效管理领导小组")
    assert any(m.start == at and m.text == "吴泾镇规模化居住租赁场所长效管理领导小组"
               and m.role == "lead" for m in plan.actor_mentions)


def test_a_determiner_tagged_as_a_verb_still_opens_a_subject():
    """Baoshan 2019 row 29: …参与生活垃圾全程管理的监督工作。相关职能部门公示混装混运监督电话。"""
    found = roles_in("二、工作要求\n参与生活垃圾全程管理的监督工作。相关职能部门公示混装混运监督电话。")
    assert found.get("相关职能部门") == "lead"


def test_a_unit_after_you_keeps_its_bracketed_other_name():
    """Baoshan 2019: 其余单位生活垃圾分类推进由街镇（园区）牵头，区绿化市容局配合落实。"""
    found = roles_in("二、工作要求\n其余单位生活垃圾分类推进由街镇（园区）牵头，区绿化市容局配合落实。")
    assert found.get("街镇（园区）") == "lead" and found.get("区绿化市容局") == "partner"
    # a bracket that is no name stays out (由区绿化市容局（牵头）…)
    assert "区绿化市容局（牵头）" not in roles_in("二、工作要求\n由区绿化市容局（牵头）负责落实。")


def test_a_long_list_of_member_units_vouches_for_a_short_member():
    """Wujing 2023: 镇经发办、平安办、城运中心、房管所、行政执法队、吴泾派出所、塘湾派出所、
    新吴泾公司、司法所、市场监督管理所、水务站、规建生态办负责人为领导小组成员。"""
    plan = analysis_of(WUJING_RENT)
    at = plan.text.index("镇经发办、平安办")
    members = {m.text: m.role for m in plan.actor_mentions if at <= m.start < at + 70}
    assert {"镇经发办", "吴泾派出所", "塘湾派出所", "水务站", "规建生态办"} <= set(members)
    assert set(members.values()) == {"partner"}  # 负责人为…成员: members, not leads


def test_a_unit_the_document_named_leads_when_it_opens_a_sentence():
    """Wujing 2023: …水务站、规建生态办负责人为领导小组成员 … 水务站负责做好对二次供水建设的指导服务。"""
    plan = analysis_of(WUJING_RENT)
    assert "水务站" in leads_of(plan, "负责做好对二次供水建设的指导服务")


def test_units_listed_as_member_units():
    """Youyilu 2019: 下设社区管理办、绿化市容所、房屋事务管理所、城管友谊中队为成员单位。"""
    found = roles_in("三、职责分工\n领导小组下设社区管理办、绿化市容所、房屋事务管理所、城管友谊中队为成员单位。")
    assert found.get("城管友谊中队") == "partner" and found.get("绿化市容所") == "partner"


def test_an_idiom_is_what_the_subject_does():
    """Wujing 2023: 各职能部门各司其职，相互协同，齐抓共管，…"""
    found = roles_in("四、职责分工\n各职能部门各司其职，相互协同，齐抓共管，切实履行好各自职责。")
    assert found.get("各职能部门") == "lead"


def test_the_body_entrusted_with_a_job_is_an_actor():
    """Wujing 2023: 规建生态办负责督促对破坏房屋结构的单位委托第三方检测机构对房屋质量进行安全评估。"""
    plan = analysis_of(WUJING_RENT)
    assert "第三方检测机构" in {a["name"] for a in plan.actors}


WUJING_LAND = "42_wujing_town_reserve_land_plan_2023.txt"


def test_an_assisting_clause_is_its_own_task_and_the_subject_leads_the_rest():
    """Wujing 2023 (reserve land) 8.: 镇动迁办负责…手续办理，协助相关村做好看护工作，并做好同
    后续交接方的相关衔接。"""
    plan = analysis_of(WUJING_LAND)
    task = next(t for t in plan.tasks if t.text.startswith("协助相关村做好看护工作"))
    roles = {(a["name"], a["role"]) for a in task.actors}
    assert roles == {("相关村", "lead"), ("镇动迁办", "partner")}
    assert leads_of(plan, "并做好同后续交接方的相关衔接") == {"镇动迁办"}


def test_a_person_of_a_body_after_you():
    """Youyilu 2019 五、指导人员配置: 4．监督员：原则上由居委主任或专职卫生干部担任，…"""
    found = roles_in("五、指导人员配置\n4．监督员：原则上由居委主任或专职卫生干部担任，主要负责监督查看志愿者上岗情况。")
    assert found.get("居委主任") == "lead" and found.get("专职卫生干部") == "lead"
    assert "居委" not in found


def test_a_cue_inside_a_name_is_no_cue():
    """Youyilu 2019: 每小区物业服务企业应当配备垃圾分类专职管理员: 服务 is part of 物业服务企业."""
    found = roles_in("五、指导人员配置\n2．垃圾分类专职管理员：每小区物业服务企业应当配备垃圾分类专职管理员。")
    assert "企业" not in found


def test_a_unit_named_in_a_duty_list_is_known_by_its_core_later():
    """Youyilu 2019: `2．各居民区：…` then 误时投放点投放时间由居民区自行规定。"""
    plan = analysis_of(YOUYILU)
    at = plan.text.index("由居民区自行规定") + 1
    assert any(m.start == at and m.text == "居民区" and m.role == "lead" for m in plan.actor_mentions)


def test_a_clause_that_opens_by_assisting_ends_at_its_comma():
    """Nanshan 2024: 配合前海推进太子湾、前海湾总部集聚区建设，推动前海深港国际服务城…: the
    clause that assists is a task of its own, the one after it another."""
    plan = analysis_of("33_nanshan_gov_work_report_2024.txt")
    texts = [t.text for t in plan.tasks]
    assert "配合前海推进太子湾、前海湾总部集聚区建设" in texts
    assert any(t.startswith("推动前海深港国际服务城") for t in texts)


def test_an_adverb_of_place_between_a_role_and_its_act():
    """Baoshan 2019: 干湿垃圾由农户自行投放，村专项收集员上门进行收集并转运至干湿垃圾储存点…"""
    found = roles_in("二、任务\n干湿垃圾由农户自行投放，村专项收集员上门进行收集并转运至干湿垃圾储存点再进行二次分拣。")
    assert found.get("村专项收集员") == "lead"


def test_a_section_of_an_office_is_a_unit_but_a_field_of_study_is_none():
    """Issue 9 (a street plan outside the corpus): 由城建科牵头 found no actor. Shanghai 2025:
    加强基础学科、新兴学科、交叉学科建设; Beijing 2025: 加强儿科、精神心理…等专科建设."""
    assert roles_in("二、任务\n老旧小区改造由城建科牵头，各居委配合。").get("城建科") == "lead"
    names = {a["name"] for a in analysis_of("03_shanghai_gov_work_report_2025.txt").actors}
    names |= {a["name"] for a in analysis_of("05_beijing_gov_work_report_2025.txt").actors}
    assert not any(n.endswith(("学科", "儿科", "专科")) for n in names)


def test_a_governing_verb_does_not_open_a_name():
    """Seed: 深化党组织牵头、物业为主、居民参与的居民区生活垃圾…: 党组织 leads, not 深化党组织."""
    found = {m.text for m in analysis_of("wusong_2021_work_points.txt").actor_mentions}
    assert "深化党组织" not in found


def test_a_venue_is_no_unit():
    """Wujing 2023: 新吴泾公司负责监管过渡性动迁安置房、镇属公司自管或委托管理的场所，…"""
    names = {a["name"] for a in analysis_of(WUJING_RENT).actors}
    assert "管理的场所" not in names and "新吴泾公司" in names


def test_where_the_plan_says_so_the_first_unit_listed_leads():
    """Anhui 2021 note （责任单位：省经济和信息化厅、省发展改革委，各市人民政府）, with the rule
    列第一位的为牵头单位 that issue 9 quotes from task plans outside the corpus."""
    note = "建立统一的服务商和高端人才的遴选及互认机制。（责任单位：省经济和信息化厅、省发展改革委，各市人民政府）"
    plan = analyze(f"一、主要任务\n{note}\n以上各项任务，列第一位的为牵头单位。")
    roles = {m.text: m.role for m in plan.actor_mentions}
    assert roles == {"省经济和信息化厅": "lead", "省发展改革委": "partner", "各市人民政府": "partner"}
    task = next(t for t in plan.tasks if t.text.startswith("建立统一的服务商"))
    assert {(a["name"], a["role"]) for a in task.actors} >= {("省经济和信息化厅", "lead"),
                                                            ("省发展改革委", "partner")}
    assert not any("列第一位" in t.text for t in plan.tasks)
    # without the rule every unit of a 责任单位 note leads
    roles = {m.text: m.role for m in analyze(f"一、主要任务\n{note}").actor_mentions}
    assert set(roles.values()) == {"lead"}


def test_a_column_header_the_list_does_not_know_keeps_the_table():
    """Jingan 2023's annex rows under a header whose task column is called 项目内容 (not in
    data/table_columns.tsv) and whose group column before the 序号 is called 类别 (a task
    header elsewhere): the table and its lead column are still read."""
    text = JINGAN_TABLE.replace("任务类型", "类别").replace("工作任务", "项目内容")
    (table,) = find_tables(text)
    assert table.roles == ["group", "index", "task", "lead"]  # the unknown column holds the tasks
    assert [r.of("lead")[0].text[:7] for r in table.rows] == ["区“两旧”专班"] * 4
    assert [r.of("task")[0].text[:6] for r in table.rows] == ["全面完成中心", "推进小梁薄板",
                                                              "加快推进各类", "创建20个新"]


def test_a_register_of_places_is_no_task_table():
    """Wujing 2023 附件2 统计表: 序号 / 场所名称 / （常用简称） / 地址 / …: no lead, task or date."""
    text, _ = analysis_of(WUJING_RENT).text, None
    assert find_tables(text) == []


# A task-decomposition plan puts its label lines under each item (the real line
# 责任单位：社会事务科, and its office 建管中心（房办）), here under the seed's first item.
LABEL_LINES = """一、立足新定位，高起点推进产城融合
（一）全力服务科创中心主阵地建设。聚焦宝山打造上海科创中心主阵地战略定位，围绕吴淞创新城建设，抓好“十四五”开局。
责任单位：社会事务科
配合单位：建管中心（房办）、派出所
（二）进一步打造优质营商环境。做实街道营商服务机构，配齐配强精干力量。
"""


def test_label_lines_under_an_item_assign_its_task():
    """Each label line closes the item above it (the second line the same task as the
    first), makes no task of its own, and a unit named with its other name in brackets
    stays one unit."""
    plan = analyze(LABEL_LINES)
    assert not [t for t in plan.tasks if t.text.startswith(("责任单位", "配合单位"))]
    first = next(t for t in plan.tasks if "吴淞创新城建设" in t.text)
    assert {a["name"] for a in first.actors if a["role"] == "lead"} == {"社会事务科"}
    assert {a["name"] for a in first.actors if a["role"] == "partner"} >= {"建管中心（房办）", "派出所"}
    second = next(t for t in plan.tasks if "营商服务机构" in t.text)
    assert "社会事务科" not in {a["name"] for a in second.actors}


def test_a_note_in_square_brackets_with_a_lead_and_the_units_responsible():
    """A district's task list outside the corpus (Xialu, Huangshi 2020): 建立常态化疫情防控机制…。
    [牵头单位:区卫健局;责任单位:区疫情防控指挥部成员单位、各街办(新区)] — the note in square
    brackets belongs to the item's task; beside 牵头单位 the 责任单位 are partners (ANNOTATION.md
    §5); 责任单位 alone leads."""
    text = ("1、全面加强疫情防控。建立常态化疫情防控机制，落实“四早”要求。[牵头单位:区卫健局;责任单位:"
            "区疫情防控指挥部成员单位、各街办(新区)]\n2、推进项目建设。\n")
    (task,) = [t for t in analyze(text).tasks if "疫情防控机制" in t.text]
    roles = {(a["name"], a["role"]) for a in task.actors}
    assert ("区卫健局", "lead") in roles and ("区疫情防控指挥部成员单位", "partner") in roles
    assert "[" not in task.text and "牵头单位" not in task.text
    text = "（一）推进项目建设。完成10个项目。（责任单位：区发改委、区财政局）\n"
    (task,) = analyze(text).tasks
    assert {(a["name"], a["role"]) for a in task.actors} == {("区发改委", "lead"), ("区财政局", "lead")}


# task tables outside the corpus, copied as text one cell per line (issue 12: plans no one has seen)
QIAOCHENG = ("区2025年政府工作报告重点工作任务分解表\n\n序号\n\n重点工作任务\n\n主要责任单位\n\n协同配合单位\n\n"
             "一、2025年经济社会发展的主要预期目标\n\n3\n\n固定资产投资增长7.5%左右。\n\n区发改委\n\n"
             "区工信局、区住建局、区交通局,各乡镇人民政府、街道办事处。\n\n"
             "二、全力以赴扩投资、优服务,筑牢经济增长根基\n\n三、全力以赴延链条、壮集群,构建现代产业体系\n\n"
             "68\n\n持续推进学前教育普及普惠、义务教育优质均衡发展。\n\n区教育局\n\n区政府有关部门\n")
NANLING = ("2024年《政府工作报告》重点工作目标任务分解表\n序号 |\n目标与任务 |\n分 管 县领导 |\n牵头责任单位 |\n"
           "责任单位 |\n80 |\n加大普惠性托育供给,新增托位数400个以上。 |\n俞 悦 |\n县教育局 |\n县各有关单位 |\n"
           "81 |\n保障芜职院现代物流智造学院秋季开学。 |\n陆 明 |\n县教育局 |\n县各有关单位 |\n")


def test_task_tables_split_by_parts_or_ruled_with_bars():
    """Qiaocheng (Bozhou 2025): 主要责任单位 / 协同配合单位 columns, rows going on after the parts
    of the plan (3, then 68); Nanling (Wuhu 2024): cells closed by | and, beside 牵头责任单位,
    the 责任单位 are partners (ANNOTATION.md §5)."""
    (table,) = find_tables(QIAOCHENG)
    assert [r.index for r in table.rows] == [3, 68]
    assert [[(c.role, c.text) for c in r.cells if c.role in ("lead", "partner")]
            for r in table.rows] == [
        [("lead", "区发改委"), ("partner", "区工信局、区住建局、区交通局,各乡镇人民政府、街道办事处。")],
        [("lead", "区教育局"), ("partner", "区政府有关部门")]]
    (table,) = find_tables(NANLING)
    assert [r.index for r in table.rows] == [80, 81]
    tasks = analyze(NANLING).tasks
    assert [sorted((a["name"], a["role"]) for a in t.actors) for t in tasks] == [
        [("县各有关单位", "partner"), ("县教育局", "lead")]] * 2


def test_a_partner_list_over_two_clauses_and_label_lines_of_a_lead_and_the_units_responsible():
    """Guandu (Kunming) measures outside the corpus: 4. 加强项目谋划储备。编制完成…。（区发改局牵头，
    区财政局、区交运局、区住建局等部门，区国投公司、各街道办事处配合） — one partner list closed by
    等部门 and continued after the comma, the note closing the item's tasks; label lines
    牵头单位：X / 责任单位：Y under an item: Y are partners (ANNOTATION.md §5)."""
    text = ("4. 加强项目谋划储备。编制完成项目库。加大争取力度。（区发改局牵头，区财政局、区交运局、区住建局等"
            "部门，区国投公司、各街道办事处配合）\n5. 推进招商。\n")
    tasks = analyze(text).tasks
    assert [sorted((a["name"], a["role"]) for a in t.actors) for t in tasks[:2]] == [sorted([
        ("区发改局", "lead"), ("区财政局", "partner"), ("区交运局", "partner"), ("区住建局", "partner"),
        ("区国投公司", "partner"), ("各街道办事处", "partner")])] * 2
    text = ("1.推进学前教育资源扩容，新建幼儿园3所。\n牵头单位：区教育局\n责任单位：区财政局、各街道办事处\n"
            "2.推进养老服务。\n责任单位：区民政局\n")
    assert [sorted((a["name"], a["role"]) for a in t.actors) for t in analyze(text).tasks] == [
        [("区教育局", "lead"), ("区财政局", "partner"), ("各街道办事处", "partner")],
        [("区民政局", "lead")]]


def test_a_heading_of_the_items_a_unit_leads():
    """Qin county (Shanxi 2025) outside the corpus: 一、县示范区管委会牵头工作（8项） — the unit leads
    every item of the group, and （8项） counts the items, no target."""
    text = ("一、县示范区管委会牵头工作（8项）\n1.投资3000万元建设南美白对虾工厂化循环水养殖基地。\n"
            "2.推进园区道路建设。\n二、县发改局牵头工作（5项）\n3.争取专项债券资金5亿元。\n")
    plan = analyze(text)
    assert [[(a["name"], a["role"]) for a in t.actors] for t in plan.tasks] == [
        [("县示范区管委会", "lead")], [("县示范区管委会", "lead")], [("县发改局", "lead")]]
    assert {q.text: q.kind for q in plan.quantities}["8项"] == "other"


def test_a_note_after_the_full_stop_closes_its_own_sentence():
    """A city's plan outside the corpus (Tianjin): 常住人口控制在1150万人左右。（市人口计生委、市公安局
    牵头）万元地区生产总值能源消耗降低20%。（市经委牵头）… — each note belongs to the sentence
    before it, not to the one after it on the same line."""
    text = ("（二）主要指标\n常住人口控制在1150万人左右。（市人口计生委、市公安局牵头）万元地区生产总值能源消耗"
            "降低20%。（市经委牵头）城镇登记失业率控制在4%以内。（市人力社保局牵头）\n")
    assert [sorted(a["name"] for a in t.actors) for t in analyze(text).tasks] == [
        sorted(["市公安局", "市人口计生委"]), ["市经委"], ["市人力社保局"]]


def test_the_official_in_charge_is_neither_a_task_nor_a_unit():
    """A province's target list outside the corpus (Liaoning 2023): 1.地区生产总值增长5%以上。 /
    牵头领导：省政府分管领导同志 / 牵头单位：省发展改革委 / 责任单位：… — the item's target is the task,
    the official in charge no actor, the units of the 责任单位 line partners."""
    text = ("（一）主要目标\n1.地区生产总值增长5%以上。\n牵头领导：省政府分管领导同志\n牵头单位：省发展改革委\n"
            "责任单位：省工业和信息化厅、省统计局，各市人民政府\n2.一般公共预算收入增长4%。\n"
            "牵头领导：省政府分管领导同志\n牵头单位：省财政厅\n")
    tasks = analyze(text).tasks
    assert [t.text for t in tasks] == ["地区生产总值增长5%以上。", "一般公共预算收入增长4%。"]
    assert [sorted((a["name"], a["role"]) for a in t.actors) for t in tasks] == [
        sorted([("省发展改革委", "lead"), ("省工业和信息化厅", "partner"), ("省统计局", "partner"),
                ("各市人民政府", "partner")]), [("省财政厅", "lead")]]


def test_label_lines_apart_and_a_note_opening_the_next_line():
    """Liaoning 2012 outside the corpus: ⑷单位地区生产总值能耗降低17%…。 / (blank) / 牵头单位：省发展
    改革委。 / (blank) / 责任单位：省发展改革委、省经济和信息化委、… — the lead is no partner of its own
    task, the others are; Tianjin: …耕地保有量面积。 ⏎ （市国土房管局牵头）主要污染物排放总量减少10%。
    （市环保局牵头） — a note opening a line closes the sentence above."""
    text = ("一、主要目标\n⑷单位地区生产总值能耗降低17%（系国家分解指标）。\n\n牵头单位：省发展改革委。\n\n"
            "责任单位：省发展改革委、省经济和信息化委、省统计局、省电力公司等。\n\n⑸城镇登记失业率控制在4%以内。\n\n"
            "牵头单位：省人力资源社会保障厅。\n")
    assert [sorted((a["name"], a["role"]) for a in t.actors) for t in analyze(text).tasks] == [
        sorted([("省发展改革委", "lead"), ("省经济和信息化委", "partner"), ("省统计局", "partner"),
                ("省电力公司", "partner")]), [("省人力资源社会保障厅", "lead")]]
    text = ("（一）主要指标\n耕地保有量保持在我市2010年耕地保有量面积。\n（市国土房管局牵头）主要污染物排放总量减少"
            "10%。（市环保局牵头）\n")
    assert [[a["name"] for a in t.actors] for t in analyze(text).tasks] == [["市国土房管局"], ["市环保局"]]


def test_a_heading_about_units_is_no_unit():
    """A city's task list outside the corpus (Tianjin): 1.主要指标的责任部门。 heads the indicator rows —
    it names no unit that leads them."""
    text = "二、责任分工\n1.主要指标的责任部门。\n（1）地区生产总值增长8%。（市发改委牵头）\n（2）耕地保有量保持稳定。\n"
    assert [[(a["name"], a["role"]) for a in t.actors] for t in analyze(text).tasks] == [
        [("市发改委", "lead")], []]


def test_a_units_list_that_names_its_lead_inside():
    """A county's plan outside the corpus (Jinxiang, Shandong): （责任单位：县民政局牵头，县卫健局、县医保局
    参加，各镇街落实） — the unit before 牵头 leads, those after it take part."""
    text = "（一）加强养老服务。建成六个养老服务站。（责任单位：县民政局牵头，县卫健局、县医保局参加，各镇街落实）\n"
    (task,) = analyze(text).tasks
    assert sorted((a["name"], a["role"]) for a in task.actors) == sorted([
        ("县民政局", "lead"), ("县卫健局", "partner"), ("县医保局", "partner"), ("各镇街", "partner")])
    text = "（一）推进医养结合。建成医养结合机构2家。（责任单位：县卫健局牵头，县医疗保障局等有关部门参加）\n"
    (task,) = analyze(text).tasks
    assert sorted((a["name"], a["role"]) for a in task.actors) == [
        ("县医疗保障局", "partner"), ("县卫健局", "lead")]
