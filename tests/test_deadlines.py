"""Deadlines (时限) of tasks, on real sentences of street, town and district task plans."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jsonschema
import pytest
from conftest import CORPUS, analysis_of, text_and_structure

import wusong_nlp
from wusong_nlp.extract.deadlines import (
    absolute_horizon,
    find_deadlines,
    plan_period,
    resolve,
    spec,
    year_context,
)
from wusong_nlp.outline import read_structure
from wusong_nlp.reading import read_document

SHARED = Path("/work/shared/corpus")  # the task plans, until they join corpus/


def plan_path(name: str) -> Path:
    """A task plan of the corpus: corpus/ first, else the shared corpus; skip if neither."""
    for folder in (CORPUS, SHARED):
        if (folder / name).exists():
            return folder / name
    pytest.skip(f"{name} is not available")


@cache
def plan(name: str):
    return wusong_nlp.analyze(plan_path(name))


@cache
def plan_text_and_structure(name: str):
    text = read_document(plan_path(name)).text
    return text, read_structure(text)


def found(sentence: str) -> list[tuple[str, str]]:
    return [(d.text, d.kind) for d in find_deadlines(sentence)]


# --- the forms, each on a real sentence ------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    # 02 national report 2022
    ("对小微企业的存量留抵税额于6月底前一次性全部退还，增量留抵税额足额退还。",
     [("6月底前", "relative")]),
    # 14 baotou 2022
    ("建立电子化网络化的全市物价信息服务平台，7月底前完成项目前期手续，实现平台基础建设和重点功能。",
     [("7月底前", "relative")]),
    ("加快实施部分核心设备利旧替代工程，年底前完成全部改造任务，推进IPV6互联网出口扩容至5G。",
     [("年底前", "relative")]),
    ("（10月底完成，牵头考核单位：市审批服务局）", [("10月底", "relative")]),
    ("（持续推进，牵头考核单位：市审批服务局）", [("持续推进", "standing")]),
    # 33 nanshan 2024
    ("推进百旺信工业园连片改造各项工作，力争年内动工。", [("年内", "relative")]),
    # 36 baoshan 2019
    ("其中30%的小区要创建示范小区，上半年完成10%小区，下半年完成20%的小区。",
     [("上半年", "relative"), ("下半年", "relative")]),
    ("2019年垃圾焚烧设施开工建设：一季度完成设施规划选址、启动立项；二季度完成立项及规划许可；",
     [("一季度", "relative"), ("二季度", "relative")]),
    # 38 chongming 2021
    ("（一）建立工作机制（2021年8月）。", [("2021年8月", "period")]),
    ("10月15日前，形成崇明区城市体检正式报告，上报区政府同意后报送市住房城乡建设管理委。",
     [("10月15日前", "relative")]),
    # 37 jingan 2023-2025
    ("到2025年，全面完成中心城区零星二级旧里以下房屋改造，基本完成小梁薄板房屋改造。",
     [("2025年", "date")]),
    # 39 youyilu 2019
    ("入户宣传要求每半年1次，垃圾分类专题宣传活动每季度1次。",
     [("每半年", "frequency"), ("每季度", "frequency")]),
    # 41 touqiao: the plan's own period
    ("头桥街道建设用地减量化工作实施方案（2025年—2027年）", [("2025年—2027年", "period")]),
    # 44 songjiang 2025
    ("持续推进永丰仓城、泗泾下塘历史文化风貌区城市更新项目，探索可持续城市更新模式。",
     [("持续推进", "standing")]),
])
def test_deadline_forms_in_real_sentences(sentence, expected):
    assert found(sentence) == expected
    for d in find_deadlines(sentence):
        assert sentence[d.start:d.end] == d.text


@pytest.mark.parametrize("sentence", [
    "采用数据截止日期为2020年12月31日。",  # 38: a data cut-off, not a time limit
    "长期积累的深层次矛盾加速显现",  # 01: 长期 in running text
    "推进建立长期护理保险制度",  # 01: a programme's name
    "引导金融机构增加制造业中长期贷款",  # 02
    "健全年度党建工作会议、每月党工委会议",  # seed: 健全|年度 is no 全年 (每月 is)
    "《奉贤区减量化五年(2019—2023年)行动计划任务分解表》",  # 41: inside a title
])
def test_no_deadline_where_the_words_mean_something_else(sentence):
    assert all(kind == "frequency" for _, kind in found(sentence))
    assert not any(text in ("全年", "长期", "2020年12月31日", "2019—2023年")
                   for text, _ in found(sentence))


def test_a_rejected_long_form_hides_the_short_one_inside_it():
    # 截至2020年底 is a review's cut-off: its 年底 is no deadline either
    assert found("截至2020年底") == []


@pytest.mark.parametrize("phrase, year, spelled", [
    ("6月底前", 2021, "2021年6月底前"),
    ("三季度末前", 2021, "2021年三季度末前"),
    ("年内", 2021, "2021年内"),
    ("年底前", 2021, "2021年底前"),
    ("上半年", 2019, "2019年上半年"),
    ("今年", 2024, "2024年"),
    ("明年", 2024, "2025年"),
    ("2021年12月20日前", 2021, "2021年12月20日前"),
    ("2021年6月20日前", 2025, "2021年6月20日前"),  # absolute: never re-stamped
    ("2022年—2023年", 2021, "2022年—2023年"),
    ("长期坚持", 2021, "长期"),
    ("持续推进", None, "长期"),
    ("6月底前", None, None),  # no year: stays as written
    ("每季度", 2021, None),  # a frequency has no date
])
def test_resolve(phrase, year, spelled):
    assert resolve(phrase, year) == spelled


def test_commitment_horizons_use_the_same_words():
    # one definition: the table's old relative→absolute spelling is the deadlines module's
    assert absolute_horizon("今年", 2024) == "2024年"
    assert absolute_horizon("年底前", 2021) == "2021年底前"
    assert absolute_horizon("2025年底", 2024) == "2025年底"
    assert absolute_horizon("今年", None) == "今年"
    a = analysis_of("07_chongqing_gov_work_report_2025.txt")
    c = next(c for c in a.commitments if c.text == "超过260个")
    assert c.horizon == "年底"  # 力争今年4月贯通…超过200个、年底超过260个
    relative = {f.form for f in spec().forms if f.kind == "relative"}
    assert {"年内", "今年", "全年", "明年", "当年", "年底前", "本年度"} <= relative


# --- the year a relative deadline counts from -------------------------------------------

def test_multi_year_plan_is_never_stamped_with_its_first_year():
    text, st = plan_text_and_structure("41_touqiao_street_land_reduction_plan_2024.txt")
    assert st.year == 2025  # the trap: the title's first year
    assert plan_period(st) == (2025, 2027)
    body = text.index("四、工作内容")
    assert year_context(text, st, body) is None
    assert year_context(text, st, len(text) - 1) is None
    a = plan("41_touqiao_street_land_reduction_plan_2024.txt")
    assert not any(t.deadline and "2025" in (t.deadline.resolved or "") for t in a.tasks)


def test_multi_year_group_of_a_notice_gives_no_year():
    # 13 wraps a policy and an action plan （2021-2023年）: inside the plan no year is clear
    text, st = text_and_structure("13_anhui_industrial_internet_policy_and_action_plan_2021.txt")
    assert plan_period(st) == (2021, 2023)
    group = next(n for n in st.outline if n.kind == "group" and "2021-2023" in n.heading)
    assert year_context(text, st, group.heading_end + 5) is None


def test_jingan_2023_2025_keeps_absolute_years_as_written():
    a = plan("37_jingan_district_urban_renewal_action_plan_2023.txt")
    st = a.structure
    assert plan_period(st) == (2023, 2025)
    dated = [t for t in a.tasks if t.deadline]
    assert any(t.deadline.text == "2025年" and t.text.startswith("到2025年") for t in dated)
    for t in dated:
        assert t.deadline.kind != "relative" or t.deadline.resolved is None
        assert "2023年" != (t.deadline.resolved or t.deadline.text)
    # the task list's title names the plan's period: that is no task's deadline
    assert not any(t.deadline.text == "2023-2025年" for t in dated)


def test_year_written_in_the_sentence_resolves_its_quarters():
    a = plan("36_baoshan_district_garbage_sorting_plan_2019.txt")
    # the title names no year (the notice number gives 2019); the sentence names its own
    t = next(t for t in a.tasks if t.text.startswith("二季度完成立项及规划许可"))
    assert (t.deadline.text, t.deadline.kind, t.deadline.resolved) == (
        "二季度", "relative", "2019年二季度")


# --- a task's deadline ----------------------------------------------------------------

def test_own_deadline_wins_over_the_heading():
    a = plan("38_chongming_district_city_checkup_work_plan_2021.txt")
    t = next(t for t in a.tasks if t.text.startswith("10月15日前，形成崇明区城市体检正式报告"))
    assert t.deadline.to_dict() == {"start": t.start, "end": t.start + 7, "text": "10月15日前",
                                    "kind": "relative", "resolved": "2021年10月15日前"}


def test_heading_deadline_dates_the_tasks_under_it():
    a = plan("38_chongming_district_city_checkup_work_plan_2021.txt")
    t = next(t for t in a.tasks if t.text.startswith("结合本区实际，编制本区城市体检工作方案"))
    node = a.structure.node(t.goal)
    assert node.heading == "建立工作机制（2021年8月）"
    d = t.deadline
    assert (d.text, d.kind, d.resolved) == ("2021年8月", "period", "2021年8月")
    assert node.heading_start <= d.start < d.end <= node.heading_end
    assert a.text[d.start:d.end] == d.text
    # sections without a date in their heading give their tasks none
    assert all(t.deadline is None for t in a.tasks if (t.goal or "").startswith("一/"))


def test_following_note_sentence_dates_every_task_of_its_item():
    # 14: “1．…全部开通全程网办。完成适老化改造，适应特殊群体需求。（5月底取得明显成效并持续推进，
    # 牵头考核单位：市审批服务局）”: the note is a sentence of its own after the item's two tasks
    a = analysis_of("14_baotou_digital_gov_evaluation_2022.txt")
    first = next(t for t in a.tasks if t.text.startswith("除涉密、法律法规禁止和必须人员"))
    second = next(t for t in a.tasks if t.text.startswith("完成适老化改造，适应特殊群体需求"))
    for t in (first, second):
        assert (t.deadline.text, t.deadline.resolved) == ("5月底", "2022年5月底")
        assert t.deadline.start > second.end  # it is written after the tasks
    standing = next(t for t in a.tasks if t.text.startswith("推动“鹿城之窗"))
    assert (standing.deadline.text, standing.deadline.kind, standing.deadline.resolved) == (
        "持续推进", "standing", "长期")


def test_frequency_and_standing_are_kept_as_written():
    a = plan("39_youyilu_street_garbage_sorting_rules_2019.txt")
    t = next(t for t in a.tasks if "每季度1次" in t.text)
    assert t.deadline.kind == "frequency" and t.deadline.resolved is None
    # a time limit beats a frequency and 持续推进 in the same task
    assert resolve("每半年", 2019) is None


TASK_PLANS = ["36_baoshan_district_garbage_sorting_plan_2019.txt",
              "38_chongming_district_city_checkup_work_plan_2021.txt",
              "39_youyilu_street_garbage_sorting_rules_2019.txt",
              "41_touqiao_street_land_reduction_plan_2024.txt",
              "42_wujing_town_reserve_land_plan_2023.txt",
              "43_wujing_town_rental_housing_system_2023.txt",
              "44_songjiang_district_urban_renewal_plan_2025.txt"]


@pytest.mark.parametrize("name", TASK_PLANS)
def test_task_plan_deadlines_keep_offsets_and_schema(name):
    a = plan(name)
    data = a.to_dict(graph=False)
    for t, td in zip(a.tasks, data["tasks"], strict=True):
        if t.deadline is None:
            assert td["deadline"] is None
        else:
            assert a.text[t.deadline.start:t.deadline.end] == t.deadline.text
            assert td["deadline"]["kind"] == t.deadline.kind
    jsonschema.validate(data, wusong_nlp.schema())


def test_deadline_survives_the_spacy_doc():
    a = analysis_of("14_baotou_digital_gov_evaluation_2022.txt")
    again = wusong_nlp.analyze(a.text, nlp=wusong_nlp.load())
    assert [t.deadline for t in again.tasks] == [t.deadline for t in a.tasks]


def test_tasks_frame_has_the_deadline():
    frame = analysis_of("14_baotou_digital_gov_evaluation_2022.txt").to_frame("tasks")
    row = frame[frame["text"].str.startswith("建立电子化网络化的全市物价信息服务平台")].iloc[0]
    assert (row["deadline"], row["deadline_resolved"]) == ("7月底前", "2022年7月底前")
