"""Programme recall (issue 12): names the gold requires, each found by a general rule, tested
on the real sentences of the corpus."""

from __future__ import annotations

from conftest import text_and_structure

from wusong_nlp.extract.programs import find_program_mentions
from wusong_nlp.outline import read_structure


def names_in(text: str) -> set[str]:
    return {m.name for m in find_program_mentions(text, read_structure(text))}


def test_a_generic_head_recurs_inside_a_title_or_a_longer_name():
    """A name that ends in 制度/平台 counts once it recurs; an occurrence inside a 《title》 or a
    longer name of the same thing is a recurrence too."""
    text = ("根据《上海市绿化和市容管理局关于印发<上海市实施生活垃圾定时定点分类投放制度工作导则>的"
            "通知》（沪绿容〔2019〕号），制定本细则。\n"
            "分类以定时定点分类投放为主，其他投放方式作为补充，因地制宜，逐步推进生活垃圾定时定点"
            "分类投放制度。")
    assert "生活垃圾定时定点分类投放制度" in names_in(text)
    text = ("完善安徽省级工业互联网安全态势感知平台建设，打造安全感知、监测预警能力。"
            "提升企业安全防护能力，与省级工业互联网安全态势感知平台开展对接。")
    assert "省级工业互联网安全态势感知平台" in names_in(text)
    # once, it stays a policy noun (收入分配制度 is no programme)
    assert "生活垃圾定时定点分类投放制度" not in names_in(
        "因地制宜，逐步推进生活垃圾定时定点分类投放制度。")


def test_recurrence_inside_a_title_on_the_street_rules():
    text, structure = text_and_structure("39_youyilu_street_garbage_sorting_rules_2019.txt")
    names = {m.name for m in find_program_mentions(text, structure)}
    assert "生活垃圾定时定点分类投放制度" in names


def test_battles_end_a_name_like_campaigns():
    """蓝天保卫战, 碧水保卫战: 保卫战 ends a campaign's name as 攻坚战 does, after a short core."""
    text = "持续深入打好蓝天保卫战。统筹做好工业源治理。持续深入打好碧水保卫战。"
    assert {"蓝天保卫战", "碧水保卫战"} <= names_in(text)
    # a quoted 保卫战 of a season stays its own quoted word, no 保卫战 head is made of it
    text = "打好安全生产、防汛救灾、森林防火、电力保供、高温防暑“保卫战”，开展燃气管道、道路"
    assert "高温防暑保卫战" not in names_in(text)


def test_national_regional_strategies_and_their_variant_forms():
    """The regional strategies any report names are known names; a variant form (长三角一体化发展,
    东北全面振兴) is a mention of its programme, one node with the form kept as its text."""
    text = ("推进京津冀协同发展、长江经济带发展、粤港澳大湾区建设、长三角一体化发展、黄河流域生态保护"
            "和高质量发展，高标准高质量建设")
    mentions = find_program_mentions(text, read_structure(text))
    names = {m.name for m in mentions}
    assert {"京津冀协同发展", "长江经济带发展", "粤港澳大湾区建设", "长三角一体化"} <= names
    assert [m.text for m in mentions if m.name == "长三角一体化"] == ["长三角一体化发展"]
    assert all(text[m.start:m.end] == m.text for m in mentions)
    text = "深入实施西部大开发、东北全面振兴、中部地区加快崛起、"
    assert [(m.name, m.text) for m in find_program_mentions(text, read_structure(text))
            if m.text == "东北全面振兴"] == [("东北振兴", "东北全面振兴")]
    assert "城市更新" in names_in("提升新型城镇化质量。有序推进城市更新，加强市政设施和防灾")


def test_a_named_policy_that_recurs():
    """…政策 names a programme when the plan names it again and its core has four characters
    or more; 积极的财政政策 is a stance, no programme."""
    text = ("延续实施研发费用加计扣除政策，将制造业企业研发费用加计扣除比例提高到100%。"
            "加大研发费用加计扣除政策实施力度，将科技型中小企业加计扣除比例从75%提高到100%。"
            "严格药品疫苗监管。实施三孩生育政策。加强养老服务。"
            "完善三孩生育政策配套措施，将3岁以下婴幼儿照护费用纳入个人所得税专项附加扣除。"
            "积极的财政政策要提升效能，更加注重精准、可持续。提升积极的财政政策效能。")
    names = names_in(text)
    assert {"研发费用加计扣除政策", "三孩生育政策"} <= names
    assert "财政政策" not in names
    # named once it is a policy noun
    assert "三孩生育政策" not in names_in("严格药品疫苗监管。实施三孩生育政策。加强养老服务。")


def test_a_national_system_is_named_at_its_first_mention():
    """全国/国家 and a field of six characters before a generic head name a national system
    (data/program_national.txt); a short field is a policy noun and must recur."""
    text = "适度超前建设数字基础设施，加快形成全国一体化算力体系，培育算力产业生态。"
    assert "全国一体化算力体系" in names_in(text)
    text = ("推动基本医疗保险省级统筹，完善国家药品集中采购制度，强化医保基金使用常态化监管，"
            "落实和完善异地就医结算。")
    assert "国家药品集中采购制度" in names_in(text)
    assert "国家安全体系" not in names_in("推进国家安全体系和能力建设。")


def test_high_level_opens_an_official_name():
    """高水平 is kept at the start of a name (建设高水平社会主义市场经济体制改革先行区); before a
    verb the verb ends the context."""
    assert "高水平社会主义市场经济体制改革先行区" in names_in("建设高水平社会主义市场经济体制改革先行区。")
    text = ("高水平制度型开放总体方案“80条”基本完成，离岸贸易印花税免征等政策落地实施，互联网数据中心"
            "等增值电信业务扩大开放试点正式启动。")
    assert "高水平制度型开放总体方案" in names_in(text)


def test_a_policy_compound_holding_a_verb_stays_in_the_name():
    text = "实施医养结合促进行动和康复护理扩容提升工程，加强对独居老人、失能失智等困难群体的关爱帮扶。"
    names = names_in(text)
    assert "医养结合促进行动" in names
    assert "促进行动" not in names


def test_a_known_name_wins_over_a_built_goal_or_a_slot_around_it():
    """The gazetteer is read before named goals and 以…为 slots: 建设全域无废城市 names 无废城市,
    以碳达峰碳中和为牵引 names 碳达峰碳中和 (not the slot's 碳达峰碳中)."""
    text = ("推动固体废物综合治理，基本实现生活垃圾焚烧飞灰零填埋，强化建筑垃圾全链条监管和资源化利用，"
            "加快建设全域无废城市。")
    assert "无废城市" in names_in(text)
    text = ("牢固树立和践行绿水青山就是金山银山的理念，以碳达峰碳中和为牵引，协同推进降碳、减污、扩绿、"
            "增长，打造人与自然和谐共生的美丽家园。")
    names = names_in(text)
    assert "碳达峰碳中和" in names
    assert "碳达峰碳中" not in names


def test_named_zones_and_parks():
    """功能区, 保税区, 集聚区, 产业园, 创新带 end the names of zones a plan builds; 产业园区 is the
    class of parks; 高水平建设 is a verb."""
    text = ("探索中心城区“保税+”消费新场景，加快建设国际珠宝时尚功能区，打造5个夜间经济人气地标和"
            "5个夜生活好去处。设立科创综合保税区，深入实施大企业开放创新中心计划。"
            "着力打造服务企业走出去先行区，推进虹桥企业出海总部集聚区建设，加快集聚贸易功能总部机构。")
    assert {"国际珠宝时尚功能区", "科创综合保税区", "虹桥企业出海总部集聚区"} <= names_in(text)
    text = "高水平建设重庆枢纽港产业园，强化中老泰“三国三园”国际产业合作，完善跨境产业链供应链服务体系。"
    names = names_in(text)
    assert "重庆枢纽港产业园" in names
    assert "高水平建设重庆枢纽港产业园" not in names
    assert not any(n.endswith("产业园") for n in names_in("（五）提档园区新产行动——产业园区提质增效\n"))


def test_quality_and_place_goals_a_clause_builds_after_de():
    """建设更高水平的平安上海: a quality + place goal (data/program_brand_prefixes.txt) after 的
    that closes the clause is a named goal, each of a list."""
    text = ("完善“三所联动”等机制，加强重点区域、场所治安巡防巡控，深入推进严打暴恐专项行动，"
            "壮大群防群治力量，加快建设更高水平的平安上海。")
    assert "平安上海" in names_in(text)
    text = ("加强社会治安综合治理，推动扫黑除恶常态化，坚决防范和打击各类违法犯罪，"
            "建设更高水平的平安中国、法治中国。")
    assert {"平安中国", "法治中国"} <= names_in(text)


def programmes_in(text: str) -> dict[str, set[str]]:
    """Programme name → the texts of its mentions."""
    out: dict[str, set[str]] = {}
    for m in find_program_mentions(text, read_structure(text)):
        out.setdefault(m.name, set()).add(m.text)
    return out


def test_national_mechanisms_and_markets_of_every_level():
    """网格化管理, 民生实事 and the national carbon market are named by plans of every level; a
    variant form is a mention of the same programme."""
    text = "提升碳排放统计核算核查能力，建立碳足迹管理体系，扩大全国碳市场行业覆盖范围。"
    assert programmes_in(text).get("全国碳排放权交易市场") == {"全国碳市场"}
    text = ("吴泾镇依据储备协议约定，对储备地块进行严格管护，建立定期巡查制度，做好日常巡查记录，"
            "纳入本镇网格化管理，并做好 12345 市民热线、投诉、信访、噪音、卫片核查、违法违规等情况的"
            "处置工作。")
    assert "网格化管理" in names_in(text)
    text = ("对接网格化管理机制，加大对城乡居住区生活垃圾分类工作监督检查频率，定期分析发现问题，"
            "建立情况通报机制。")
    assert programmes_in(text).get("网格化管理") == {"网格化管理机制"}
    text = ("深入践行以人民为中心的发展思想，投入民生保障和改善资金1300多亿元，40件民生实事全面完成。")
    assert "民生实事" in names_in(text)


def test_campaign_months_and_assault_plans():
    """实践月 ends an event's name like 服务月; 攻坚方案 a plan's name like 行动方案."""
    text = ("启动开展“生态环境保护治理攻坚年”九项行动，协同开展以“依法保护·依法治理”为主题的第四届"
            "黄河流域生态保护宣传实践月活动，坚决整改中央生态环境保护督察反馈问题，系统构建先行区生态"
            "保护新格局，切实提升人民群众生态环境满意度。")
    assert "黄河流域生态保护宣传实践月" in names_in(text)
    text = ("实施科技体制改革三年攻坚方案，强化国家战略科技力量，加强国家实验室和全国重点实验室建设，"
            "发挥好高校和科研院所作用，改进重大科技项目立项和管理方式，深化科技评价激励制度改革。")
    assert "科技体制改革三年攻坚方案" in names_in(text)


def test_the_year_of_an_event_is_its_edition():
    """举办2024长江文明论坛: the year, like 第七届, is an edition, the name is 长江文明论坛."""
    assert {"长江文明论坛", "长江保护与发展论坛"} <= names_in("举办2024长江文明论坛、长江保护与发展论坛。")


def test_a_quote_and_the_ending_after_it_are_one_mention():
    """“三北”工程, “皖企登云”提质扩面工程: the quote and the ending that follows it are one mention
    named by the quote (both forms name the one programme); a class after 等 is no head."""
    text = "“三北”工程攻坚战全面启动。"
    assert programmes_in(text).get("三北") == {"“三北”工程"}
    text = ("专栏5  “皖企登云”提质扩面工程\n积极引进国内知名云服务商，加快培育壮大我省人工智能、"
            "设备远程运维等特色工业云服务平台，规模化推进企业上云。")
    assert programmes_in(text).get("皖企登云") == {"“皖企登云”提质扩面工程"}
    text = "推动张江科学城、“大零号湾”功能提升，深化“模速空间”、“模力社区”等创新生态示范区建设。"
    found = programmes_in(text)
    assert found.get("模力社区") == {"模力社区"}
    assert "创新生态示范区" in found


def test_a_quoted_plan_period_dates_the_name_after_it():
    """“十五五”碳达峰实施方案: the period is no head's quote; the plan after it is a name."""
    text = "落实碳排放总量和强度双控制度，制定“十五五”碳达峰实施方案，推动经济社会发展全面绿色转型。"
    found = programmes_in(text)
    assert "碳达峰实施方案" in found
    assert found.get("十五五") == {"十五五"}
    text = ("推动各类生产设备、服务设备更新和技术改造，加快实施“十四五”规划重大工程项目。")
    assert set(programmes_in(text)) == {"十四五"}


def test_a_quoted_name_with_a_programme_head_is_no_emphasis():
    """“爱心驿站”的公益服务: a quote ending in a head noun (驿站) names a programme even before 的;
    “比学赶超”的冲劲 stays emphasis."""
    text = ("优化已建成超1.6万个户外劳动者“爱心驿站”的公益服务和管理机制，升级拓展2250家智能化驿站的"
            "特色服务功能。")
    assert "爱心驿站" in names_in(text)
    assert "比学赶超" not in names_in("切实增强“比学赶超”的冲劲和韧劲，进一步坚定信心、团结奋进。")


def test_the_written_count_of_a_yearly_package_is_part_of_its_mention():
    """十件民生实事, 十方面民生实事: the package's written count opens the mention of 民生实事;
    a figure (40件民生实事) is a count, not part of it."""
    text = ("深入实施“民生十大工程”五年行动计划，全面完成省十件民生实事，居民人均可支配收入增长4.4%，"
            "“三保”底线兜实兜牢。")
    assert programmes_in(text).get("民生实事") == {"十件民生实事"}
    text = ("全省生产总值增长5.5%，一般公共预算收入增长1.2%，城乡居民人均可支配收入分别增长4.3%、6.1%，"
            "十方面民生实事圆满完成。")
    assert programmes_in(text).get("民生实事") == {"十方面民生实事"}
    text = "深入践行以人民为中心的发展思想，投入民生保障和改善资金1300多亿元，40件民生实事全面完成。"
    assert programmes_in(text).get("民生实事") == {"民生实事"}


def test_a_site_name_keeps_its_note_in_parentheses():
    """威海路500号（四季酒店）项目: the note in parentheses is inside the site's name."""
    text = ("二是积极推进南京西路沿线楼宇更新、整合盘活、业态迭代升级，打造功能复合、要素集聚的高端"
            "商务商业综合体，推动“梅泰恒”地区更新、城市航站楼、威海路500号（四季酒店）项目等商业街区和"
            "商务楼宇改造升级或转化利用项目，进一步做强静安的楼宇经济。")
    names = names_in(text)
    assert "威海路500号（四季酒店）项目" in names
    assert "四季酒店）项目" not in names


def test_a_place_may_open_a_national_centre_a_plan_builds():
    text = ("推进大湾区国家技术创新中心建设，布局建设7个省中试平台，全面推行职务科技成果赋权及资产单列"
            "管理改革，高价值发明专利拥有量、PCT国际专利申请量等稳居全国首位。")
    assert "大湾区国家技术创新中心" in names_in(text)


def test_a_long_field_before_zhongda_names_a_programme():
    """重大 marks a class (国家重大工程, 规划重大工程) unless a field of its own stands before it:
    实施生物多样性保护重大工程 (the national reports of 2024 and 2025) and
    实施中医药振兴发展重大工程 (2023) each name one programme."""
    names = find_program_mentions
    text = "加强重要江河湖库生态保护治理。实施生物多样性保护重大工程。完善生态产品价值实现机制。"
    assert "生物多样性保护重大工程" in {m.name for m in names(text, read_structure(text),
                                                         program_model=None)}
    assert "中医药振兴发展重大工程" in names_in(
        "推动优质医疗资源扩容下沉和区域均衡布局。实施中医药振兴发展重大工程。重视心理健康。")
    for text in ("鼓励民间资本参与国家重大工程和补短板项目建设。",
                 "加快推进规划重大工程建设。", "原创性成果应用于国家重大工程。"):
        assert not {n for n in names_in(text) if n.endswith("重大工程")}, text


def test_a_sum_of_project_investment_is_no_name():
    """全年完成重大工程投资2550亿元 (Shanghai 2026): 工程投资 is a sum, no programme."""
    text = "强化土地、资金、土方消纳等保障，全年完成重大工程投资2550亿元。"
    assert not {m.name for m in find_program_mentions(text, read_structure(text),
                                                      program_model=None)}


def test_a_guideline_document_is_named_by_its_ending():
    """制定全国统一大市场建设标准指引 (national report 2024), 落实全国统一大市场建设指引
    (Chongqing 2025): 指引 ends a document's name, as 条例 does; 总书记指引的方向 is a verb."""
    assert "全国统一大市场建设标准指引" in names_in(
        "加快全国统一大市场建设。制定全国统一大市场建设标准指引。着力推动市场基础制度统一。")
    assert "全国统一大市场建设指引" in names_in(
        "持续优化营商环境。落实全国统一大市场建设指引，探索建立市场准入效能评估制度。")
    assert not names_in("让我们沿着总书记指引的方向，加压奋进、勇毅前行。")


def test_short_fields_listed_before_one_campaign_head_make_one_name():
    """持续深入打好蓝天、碧水、净土保卫战 (the national and provincial reports): one campaign over
    three fields; two parks listed before one head stay apart (中德、中日产业园)."""
    for text in ("持续深入打好蓝天、碧水、净土保卫战。", "加强生态环境治理，蓝天、碧水、净土保卫战取得成效。"):
        names = {m.name for m in find_program_mentions(text, read_structure(text),
                                                       program_model=None)}
        assert "蓝天、碧水、净土保卫战" in names and "净土保卫战" not in names
    text = "高水平建设中德、中日产业园。"
    assert "中德、中日产业园" not in {m.name for m in find_program_mentions(
        text, read_structure(text), program_model=None)}


def test_a_works_project_named_by_long_sites():
    """完成北苏州路公共空间和共和新路桥下空间品质提升工程 (Jing'an's renewal plan): a works
    project is named by its sites, longer than other names; a long core with no address
    (constructed counter-example: 小区 is a class there) stays a clause."""
    text = "完成北苏州路公共空间和共和新路桥下空间品质提升工程，推动苏州河沿岸贯通。"
    assert "北苏州路公共空间和共和新路桥下空间品质提升工程" in {
        m.name for m in find_program_mentions(text, read_structure(text), program_model=None)}
    text = "全面完成本年度全部既有多层住宅加装电梯和老旧小区综合改造提升工程。"
    assert not {m.name for m in find_program_mentions(text, read_structure(text),
                                                      program_model=None)
                if len(m.name) > 18}
