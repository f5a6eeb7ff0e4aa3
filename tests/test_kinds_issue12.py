"""Issue 12: review parts without markers, frequencies, incidents, enumerations, forecasts,
numeric grids, commitment fields and slogans, each on a real sentence.

Sentences marked (issue 12) come from documents outside the corpus quoted in the issue
and in ANNOTATION.md §5; the others are corpus sentences."""

from __future__ import annotations

import pytest
from test_quantities import CORPUS, NATIONAL, at

from wusong_nlp.extract.commitments import find_commitments
from wusong_nlp.extract.grids import find_grids
from wusong_nlp.extract.programs import find_program_mentions, find_slogans, phrase_kind
from wusong_nlp.extract.quantities import find_quantities
from wusong_nlp.outline import read_structure
from wusong_nlp.tables import find_tables

YOUYILU = "39_youyilu_street_garbage_sorting_rules_2019.txt"
BAOSHAN = "36_baoshan_district_garbage_sorting_plan_2019.txt"


def _quantities(text: str):
    st = read_structure(text)
    return text, st, find_quantities(text, st)


def _q(qs, text_of):
    return next(q for q in qs if q.text == text_of)


def test_unnumbered_review_heading_and_look_back_paragraph_hold_achievements():
    text = ("“十四五”时期发展成就和2025年工作回顾\n"  # (issue 12)
            "刚刚过去的2025年，一是保持经济平稳运行。地区生产总值增长4.7%。\n"
            "二是推进科技创新。新增高新技术企业500家。\n"
            "2026年工作安排\n地区生产总值增长5%左右。")
    _, _, qs = _quantities(text)
    assert _q(qs, "4.7%").kind == "achievement"
    assert _q(qs, "500家").kind == "achievement"  # a later paragraph of the same part
    assert _q(qs, "5%左右").kind == "target"  # the plan part ends the review


def test_frequencies_of_duties_are_targets_of_one_time():
    text = ("各居委每半月上门督促，每月开展不少于一次的上门入户宣传，"  # (issue 12)
            "对辖区进行一次全面排摸。")
    _, _, qs = _quantities(text)
    got = {(q.text, q.kind, q.value, q.unit, q.frequency) for q in qs}
    assert ("每半月", "target", 1, "次", "per_half_month") in got
    assert ("不少于一次", "target", 1, "次", "per_month") in got
    assert ("一次", "target", 1, "次", "once") in got


def test_frequency_on_a_corpus_sentence_and_in_its_commitment():
    q = at(YOUYILU, "入户宣传要求每半年1次", "1次")
    assert (q.kind, q.frequency) == ("target", "per_half_year")
    q = at(YOUYILU, "每月开展1次自评估", "1次")
    assert (q.kind, q.frequency) == ("target", "per_month")
    text = (CORPUS / YOUYILU).read_text(encoding="utf-8")
    st = read_structure(text)
    qs = find_quantities(text, st)
    cs = find_commitments(text, st, qs)
    assert any(c.frequency == "per_month" and c.unit == "次" for c in cs)


def test_frequencies_past_an_adverb_of_a_meeting_and_one_per_period():
    # 每月定期汇总报送 (an adverb before the duty), 形成每月例会制度 (a meeting held so),
    # 每日一报 (period, 一, a one-character duty); the quoted name “每周一评” is no frequency.
    q = at("40_wusong_street_small_works_opinions_2024.txt", "每月定期汇总报送区建管委", "每月")
    assert (q.kind, q.value, q.unit, q.frequency) == ("target", 1, "次", "per_month")
    q = at(BAOSHAN, "形成每月例会制度", "每月")
    assert (q.kind, q.unit, q.frequency) == ("target", "次", "per_month")
    q = at(BAOSHAN, "进行循环督查，每日一报，一周整改", "每日一报")
    assert (q.kind, q.value, q.unit, q.frequency) == ("target", 1, "次", "per_day")
    _, _, qs = _quantities("落实“每周一评”“每周一议”工作机制。")
    assert all(q.frequency is None for q in qs)


def test_incidents_enumerations_and_forecasts_are_other():
    text = ("范围包括：（1）小梁薄板房；（2）砖木结构房屋。\n"  # (issue 12)
            "近三年来本区共发生老旧住宅火灾7起，造成7死2伤。")
    _, _, qs = _quantities(text)
    kinds = [q.kind for q in qs if q.text in ("1", "2", "7起", "7")]
    assert kinds and all(k == "other" for k in kinds)
    q = at(NATIONAL, "高校毕业生超过1170万人", "超过1170万人")
    assert q.kind == "other"


def test_grid_cells_are_targets_and_row_numbers_no_quantities():
    text = (CORPUS / BAOSHAN).read_text(encoding="utf-8")
    grids = find_grids(text)
    assert grids and grids[0].index  # 附件3: 序号 1 | 吴淞街道 | …
    first_index = grids[0].index[0]
    _, _, qs = _quantities(text)
    assert not any(q.start == first_index[0] for q in qs)
    cell = next(q for q in qs if q.text == "19.23")  # 吴淞街道 “两网融合”分类量
    assert cell.kind == "target"


def test_action_is_a_whole_word_and_object_has_no_comparison():
    text = (CORPUS / NATIONAL).read_text(encoding="utf-8")
    st = read_structure(text)
    cs = find_commitments(text, st, find_quantities(text, st))
    for c in cs:
        assert c.object is None or not c.object.startswith(("比上年", "．", "岁"))
    text = "建设3个党群服务中心。"  # 服务 in 服务中心 is no action
    st = read_structure(text)
    qs = find_quantities(text, st)
    for q in qs:
        q.kind = "target"
    (c,) = find_commitments(text, st, qs)
    assert c.action == "建设" and c.object == "党群服务中心"


def test_slogans_are_no_programmes():
    for name in ("不忘初心、牢记使命", "感党恩、听党话、跟党走", "绿水青山就是金山银山"):
        assert phrase_kind(name) == "slogan", name
    assert phrase_kind("一年试点、三年扩容至10个小区、五年全面覆盖") == "phrase"
    assert phrase_kind("一网统管") is None
    text = (CORPUS / "wusong_2021_work_points.txt").read_text(encoding="utf-8")
    st = read_structure(text)
    names = {m.name for m in find_program_mentions(text, st)}
    assert "不忘初心、牢记使命" not in names and "纳管" not in names
    assert "不忘初心、牢记使命" in {m.name for m in find_slogans(text, st)}


def test_a_coordinated_name_with_a_programme_head_stays():
    text = (CORPUS / NATIONAL).read_text(encoding="utf-8")
    st = read_structure(text)
    names = {m.name for m in find_program_mentions(text, st)}
    assert "千村示范、万村整治" in names  # 运用“千村示范、万村整治”工程经验


def test_a_forecast_of_the_issuers_own_measure_is_a_target():
    """National 2022: 预计全年退税减税约2.5万亿元 is the government's own tax cut."""
    from conftest import analysis_of

    plan = analysis_of("02_national_gov_work_report_2022.txt")
    at = plan.text.index("退税减税约2.5万亿元")
    (q,) = [q for q in plan.quantities if q.start == at + len("退税减税")]
    assert q.kind == "target"


def test_a_forecast_of_what_the_issuer_delivers_is_a_target():
    """A town's own plan outside the corpus: 鼓励农民成立农业合作社…预计新增农业合作社5家以上 is
    the town's target (新增 is its own delivery), unlike 预计高校毕业生超过1170万人."""
    from wusong_nlp.analysis import analyze

    text = ("一、经济发展目标与计划\n1.农业现代化推进\n鼓励农民成立农业合作社，提高农业生产的组织化"
            "程度。预计新增农业合作社5家以上，带动农户200户以上。\n")
    plan = analyze(text)
    assert {q.text: q.kind for q in plan.quantities}["5家以上"] == "target"
    text = "预计今年高校毕业生超过1170万人，要强化促进青年就业政策举措。"
    assert {q.text: q.kind for q in analyze(text).quantities}["超过1170万人"] == "other"


WUJING_RENTAL = "43_wujing_town_rental_housing_system_2023.txt"
GUANGDONG = "08_guangdong_gov_work_report_2025.txt"


def test_a_table_that_records_what_exists_holds_no_targets():
    """附件2 吴泾镇规模化居住租赁场所统计表: 房间总数 2801, 2057 … count existing rooms."""
    for number in ("2801", "2057"):
        q = at(WUJING_RENTAL, "\n" + number + "\n", number)
        assert q is not None and q.kind == "other", number
    q = at(BAOSHAN, "19.23")  # an indicator grid (附件3) keeps its targets
    assert q.kind == "target"


def test_a_scope_in_parentheses_and_a_raised_standard_are_criteria():
    """规模（出租房屋30间以上、租赁期限不低于30天）的集中租赁居住场所; 最低标准从每人每月
    2295元提高到2375元 (both levels), while 标准提高30元 stays a target."""
    assert at(WUJING_RENTAL, "出租房屋30间以上", "30间以上").kind == "criterion"
    assert at(WUJING_RENTAL, "不低于30天", "不低于30天").kind == "criterion"
    for number in ("2295元", "2375元"):
        assert at(GUANGDONG, "从每人每月2295元提高到2375元", number).kind == "criterion"
    assert at(NATIONAL, "人均财政补助标准提高30元", "30元").kind != "criterion"


def test_the_parts_of_a_numbered_formula_and_bandwidth_technologies():
    """实行“1+2+3”理念，即1名“黄马夹”与2名居委干部配合; “1”是1个省级综合飞行服务站;
    加快5G和千兆光网建设: none is an amount to deliver."""
    assert at(BAOSHAN, "即1名“黄马夹”", "1名").kind == "other"
    assert at(GUANGDONG, "“1”是1个省级综合飞行服务站", "1个").kind == "other"
    q = at("13_anhui_industrial_internet_policy_and_action_plan_2021.txt", "加快5G和千兆光网建设",
           "千兆")
    assert q.kind == "identifier"


def test_row_numbers_ratios_and_annex_numbers_are_no_targets():
    """静安 task table: \\n\\n12\\n\\n完成公共… numbers a row; 按照街道、物业及业委会3:7的比例 is a
    ratio; 附件：1.闵行区储备… numbers an annex."""
    jingan = "37_jingan_district_urban_renewal_action_plan_2023.txt"
    q = at(jingan, "\n\n12\n\n", "12")
    # read as a table, the annex's 序号 cells are no quantities at all; else no target
    assert q is None or q.kind == "other"
    assert find_tables((CORPUS / jingan).read_text(encoding="utf-8"))
    assert at(YOUYILU, "业委会3:7的比例", "3").kind == "criterion"
    assert at(YOUYILU, "业委会3:7的比例", "7").kind == "criterion"
    q = at("42_wujing_town_reserve_land_plan_2023.txt", "附件：1.", "1")
    assert q is None or q.kind == "identifier"


def test_a_planning_unit_after_a_road_is_an_identifier():
    """重点推进东斯文里区域（静安区石门二路01单元）更新: 01 numbers a unit."""
    q = at("37_jingan_district_urban_renewal_action_plan_2023.txt", "石门二路01单元", "01")
    assert q.kind == "identifier"


@pytest.mark.parametrize("anchor, number, unit", [
    ("乡村绿化植树超1858万株", "超1858万株", "株"),  # the unit list grows from the corpus
    ("韩江、鉴江干流治理工程和40宗堤防", "40宗", "宗"),  # (issue 12: 宗, 场次 not 场)
    ("组织开展超5000场次专题教", "超5000场次", "场次"),
])
def test_units_of_the_corpus(anchor, number, unit):
    q = at(GUANGDONG, anchor, number)
    assert (q.text, q.unit) == (number, unit)


def test_a_date_is_a_reference_whatever_its_clause_forecasts():
    """Town and district plans outside the corpus: 目前正在进行土地流转，预计2022年12月开工建设 (a
    project list: the forecast rule is for amounts, not for when); 各责任单位要在每季度最后一个月的
    30日前将本季度进展情况报区人民政府办公室 (a day of the month); 30日内办结 is a span of days."""
    from wusong_nlp.analysis import analyze

    kinds = {q.text: q.kind for q in analyze(
        "目前正在进行土地流转，预计2022年12月开工建设，2023年5月竣工。").quantities}
    assert kinds["2022年12月"] == kinds["2023年5月"] == "reference"
    kinds = {q.text: q.kind for q in analyze(
        "各责任单位要在每季度最后一个月的30日前将本季度进展情况报区人民政府办公室。").quantities}
    assert kinds["30日"] == "reference"
    kinds = {q.text: q.kind for q in analyze("对群众诉求做到30日内办结。").quantities}
    assert kinds.get("30日内", kinds.get("30日")) != "reference"


def test_counts_of_the_plan_itself_are_no_targets():
    """Notices outside the corpus: 《2025年县<政府工作报告>任务分解》明确133项具体任务，涉及34个牵头单位
    (Qin county), 将121项区政府重点工作进行分解 (Daxing) count the plan's own tasks and units;
    建设3个劳动密集型产业园 is a target."""
    from wusong_nlp.analysis import analyze

    kinds = {q.text: q.kind for q in analyze(
        "一、责任到人。《2025年县<政府工作报告>任务分解》明确133项具体任务，涉及34个牵头单位。"
        "各部门要将121项区政府重点工作进行分解。\n二、重点任务\n1.建设3个劳动密集型产业园。\n").quantities}
    assert kinds["133项"] == kinds["34个"] == kinds["121项"] == "other"
    assert kinds["3个"] == "target"


def test_a_congress_is_no_count_of_the_plan():
    """A county plan outside the corpus (Wafangdian): …作为学习宣传贯彻党的十九大精神的核心任务，持续
    开展党的十九大报告和《习近平谈治国理政》…专题学习 — 十九大 is a reference, not a count of the plan's
    tasks."""
    from wusong_nlp.analysis import analyze

    text = ("把深入学习贯彻习近平新时代中国特色社会主义思想作为学习宣传贯彻党的十九大精神的核心任务，持续开展党的"
            "十九大报告和《习近平谈治国理政》第一卷专题学习。")
    assert {q.kind for q in analyze(text).quantities if q.text == "十九大"} == {"reference"}


def test_a_session_counted_after_its_term_is_a_reference():
    """A province's notice outside the corpus (Liaoning 2023): 已经省政府十四届一次全体（扩大）会议审议通过 —
    一次 names the session, like 第五次会议."""
    from wusong_nlp.analysis import analyze

    kinds = {q.text: q.kind for q in analyze("已经省政府十四届一次全体（扩大）会议审议通过。").quantities}
    assert kinds["一次"] == "reference"


def test_a_top_n_list_is_named_not_counted():
    """A county's report outside the corpus: 成功跻身服务业全国10强 — like 世界500强 (an identifier in
    the gold files of 06 and 32–35), the name of a ranked list, not an achievement."""
    from wusong_nlp.analysis import analyze

    assert {q.text: q.kind for q in analyze("成功跻身服务业全国10强。").quantities}["10"] == "identifier"
    assert {q.text: q.kind for q in analyze("培育10家专精特新企业。").quantities}["10家"] == "target"


def test_a_duty_once_per_period_written_without_mei():
    """A street's measures outside the corpus (Zhongxinlu, Zhengzhou): 实行“一天一督查、两天一汇总、一周
    一通报”制度 — 一天一督查 and 一周一通报 are duties of 1 次 per day and per week (ANNOTATION.md §5),
    as 每日一报 is; 第一周 stays a reference."""
    from wusong_nlp.analysis import analyze

    qs = {q.text: (q.kind, q.unit, q.frequency) for q in
          analyze("实行“一天一督查、两天一汇总、一周一通报”制度。").quantities}
    assert qs["一天一督查"] == ("target", "次", "per_day")
    assert qs["一周一通报"] == ("target", "次", "per_week")
    assert [q.text for q in analyze("第一周一查。").quantities] == ["第一周"]


def test_things_built_counted_in_chinese_numerals_are_targets():
    """A street's measures outside the corpus (Zhongxinlu, Zhengzhou): 组建两支城市管理巡查队，抽调12人
    组成三个督导组 — what the street builds is a target (ANNOTATION.md §5: 3大平台)."""
    from wusong_nlp.analysis import analyze

    kinds = {q.text: q.kind for q in analyze("组建两支城市管理巡查队，抽调12人组成三个督导组。").quantities}
    assert kinds["两支"] == kinds["三个"] == "target"


def test_a_stated_target_opened_by_yuji_and_a_page_counter():
    """Hongqiao (Tianjin) outside the corpus: 主要预期目标是:预计地区生产总值同比增长5.5%左右 states the
    district's target (预计 after 目标是); a page's 浏览次数:59 counts readers, no quantity."""
    from wusong_nlp.analysis import analyze

    kinds = {q.text: q.kind for q in analyze("主要预期目标是:预计地区生产总值同比增长5.5%左右。").quantities}
    assert kinds["5.5%左右"] == "target"
    assert not analyze("浏览次数:59\n").quantities
    kinds = {q.text: q.kind for q in analyze("预计今年高校毕业生超过1170万人，要强化促进青年就业政策举措。").quantities}
    assert kinds["超过1170万人"] == "other"
