"""Numeric expressions found in real sentences of the corpus (quantities.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from conftest import text_and_structure

from wusong_nlp.extract.quantities import find_quantities
from wusong_nlp.outline import read_structure
from wusong_nlp.reading import read_document

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEED = "wusong_2021_work_points.txt"
NATIONAL = "01_national_gov_work_report_2024.txt"
NATIONAL22 = "02_national_gov_work_report_2022.txt"
SHANGHAI = "03_shanghai_gov_work_report_2025.txt"
BEIJING = "05_beijing_gov_work_report_2025.txt"
ZHEJIANG = "06_zhejiang_gov_work_report_2025.txt"
CHONGQING = "07_chongqing_gov_work_report_2025.txt"
GUANGDONG = "08_guangdong_gov_work_report_2025.txt"
ANHUI = "13_anhui_industrial_internet_policy_and_action_plan_2021.txt"
NINGXIA = "11_ningxia_gov_work_report_2026.txt"
BAOTOU = "14_baotou_digital_gov_evaluation_2022.txt"


@cache
def doc(name: str):
    text, structure = text_and_structure(name)
    return text, structure, find_quantities(text, structure)


def at(name: str, anchor: str, number: str | None = None, occurrence: int = 1):
    """The quantity found at `number` inside the `occurrence`-th `anchor` of a document."""
    text, _, qs = doc(name)
    pos = -1
    for _ in range(occurrence):
        pos = text.find(anchor, pos + 1)
    assert pos >= 0, anchor
    s = pos + (anchor.find(number) if number else 0)
    e = s + len(number or anchor)
    hits = [q for q in qs if q.start < e and s < q.end]
    return hits[0] if hits else None


def sentence_quantities(sentence: str):
    return find_quantities(sentence, read_structure(sentence))


@pytest.mark.parametrize("name, anchor, number, text, value, unit, qualifier", [
    (SEED, "完成3万平方米年度拆违任务", "3万平方米", "3万平方米", 30000, "平方米", "exact"),
    (SEED, "完成近30家社区微菜场", "近30家", "近30家", 30, "家", "approx"),
    (SEED, "新划定非机动车停放区域150个", "150个", "150个", 150, "个", "exact"),
    (NATIONAL, "国内生产总值增长5%左右", "5%左右", "5%左右", 5, "%", "approx"),
    (NATIONAL, "城镇新增就业1200万人以上", "1200万人以上", "1200万人以上", 12_000_000, "人",
     "at_least"),
    (NATIONAL, "赤字规模4.06万亿元", "4.06万亿元", "4.06万亿元", 4_060_000_000_000, "元", "exact"),
    (NATIONAL, "粮食产量1.3万亿斤以上", "1.3万亿斤以上", "1.3万亿斤以上", 1_300_000_000_000, "斤",
     "at_least"),
    (NATIONAL, "国内生产总值超过126万亿元", "超过126万亿元", "超过126万亿元",
     126_000_000_000_000, "元", "at_least"),
    (NATIONAL, "6600多万纳税人受益", "6600多万", "6600多万", 66_000_000, None, "at_least"),
    (BEIJING, "失业率控制在5%以内", "5%以内", "5%以内", 5, "%", "at_most"),
    (BEIJING, "总投资不低于2000亿元", "不低于2000亿元", "不低于2000亿元", 200_000_000_000, "元",
     "at_least"),
    (BEIJING, "成果不少于300项", "不少于300项", "不少于300项", 300, "项", "at_least"),
    (SHANGHAI, "提高0.8个百分点", "0.8个百分点", "0.8个百分点", 0.8, "个百分点", "exact"),
    (NATIONAL22, "中央对地方转移支付增加约1.5万亿元", "约1.5万亿元", "约1.5万亿元",
     1_500_000_000_000, "元", "approx"),
    (NATIONAL, "两次降低存款准备金率", "两次", "两次", 2, "次", "exact"),
    (NATIONAL22, "党的十九届六中全会", "十九届", "十九届", 19, "届", "exact"),
    (NATIONAL22, "成立一百周年", "一百周年", "一百周年", 100, "周年", "exact"),
])
def test_values_units_qualifiers(name, anchor, number, text, value, unit, qualifier):
    q = at(name, anchor, number)
    assert q is not None
    assert (q.text, q.value, q.unit, q.qualifier) == (text, value, unit, qualifier)


def test_ranges_have_low_and_high():
    q = at(ZHEJIANG, "下降3-5分/立方米", "3-5分/立方米")
    assert (q.qualifier, q.low, q.high, q.unit, q.value) == ("range", 3, 5, "分/立方米", None)
    q = at(ANHUI, "行动计划（2021-2023年）", "2021-2023年")
    assert (q.low, q.high, q.kind) == (2021, 2023, "reference")
    q = at(NINGXIA, "0—6岁儿童孤独症筛查", "0—6岁")
    assert (q.low, q.high, q.unit) == (0, 6, "岁")


def test_special_forms():
    q = at(BEIJING, "核心产业收入保持两位数增长", "两位数")
    assert (q.value, q.unit, q.qualifier) == (10, "%", "at_least")
    q = at(BEIJING, "继续保持千亿级投资强度", "千亿级")
    assert (q.value, q.qualifier) == (100_000_000_000, "at_least")
    q = at(SEED, "确保新增违法建筑零增长", "零")
    assert q.value == 0


def test_percent_written_in_words():
    q = sentence_quantities("力争全市绿化覆盖率达到百分之六十。")[0]
    assert (q.text, q.value, q.unit) == ("百分之六十", 60, "%")


@pytest.mark.parametrize("name", [SEED, NATIONAL, NATIONAL22, SHANGHAI, CHONGQING])
def test_ordinary_words_hold_no_quantities(name):
    text, _, qs = doc(name)
    checked = 0
    for word in ("进一步", "统一", "一批", "第三方", "一体化", "千方百计", "一些", "一流",
                 "一般", "一线", "二维码"):
        pos = text.find(word)
        while pos >= 0:
            hits = [q for q in qs if q.start < pos + len(word) and pos < q.end]
            # inside a quoted slogan (“一线增能提质”) the slogan is the quantity
            assert all(q.kind == "formulation" for q in hits), (word, hits)
            checked += 1
            pos = text.find(word, pos + 1)
    assert checked > 5


def test_heading_markers_are_not_quantities():
    for name in (SEED, BEIJING, BAOTOU):
        text, structure, qs = doc(name)
        markers = [(n.start, n.heading_start) for n in structure.nodes()]
        for q in qs:
            assert not any(a <= q.start < b for a, b in markers), (name, q.text)


def test_offsets_ids_nodes_and_sentences():
    for name in (SEED, NATIONAL, ANHUI, BAOTOU, CHONGQING):
        text, structure, qs = doc(name)
        sentence_ids = {s.id for s in structure.sentences}
        for i, q in enumerate(qs, 1):
            assert text[q.start:q.end] == q.text
            assert q.id == f"q{i}"
            assert q.sentence in sentence_ids
        assert all(q.node for q in qs if structure.node_at(q.start) is not None)


def test_formulation_members():
    q = at(SEED, "“四区融合”", "四区融合")
    assert q.kind == "formulation"
    assert q.members == ["园区", "校区", "街区", "社区"]
    q = at(SEED, "“三区”联动", "三区")
    assert q.members == ["社区", "开发区", "园区"]
    assert at(NATIONAL, "“十四五”规划目标", "十四五").kind == "formulation"


def test_output_is_deterministic():
    text = read_document(CORPUS / SEED).text
    a = [q.to_dict() for q in find_quantities(text, read_structure(text))]
    b = [q.to_dict() for q in find_quantities(text, read_structure(text))]
    assert a == b


def test_fractions_and_plenums():
    q = at(BEIJING, "三分之二的公园", "三分之二")
    assert q.value == pytest.approx(2 / 3)
    assert at(NATIONAL, "二十届二中全会", "二中").kind == "reference"
    q = at(BEIJING, "二中、三中全会", "三中全会")
    assert (q.value, q.kind) == (3, "reference")


def test_slogans_quoted_once_are_found_unquoted_too():
    text, _, qs = doc(ANHUI)
    quoted = [q for q in qs if q.text == "5G＋工业互联网" and text[q.start - 1] == "“"]
    bare = [q for q in qs if q.text == "5G＋工业互联网" and text[q.start - 1] != "“"]
    assert quoted and bare and all(q.kind == "formulation" for q in bare)
    # an ordinary word stays one even where a slogan quotes it
    ntext, _, nqs = doc(NINGXIA)
    assert "“一体化" in ntext or "一体化”" in ntext
    assert not [q for q in nqs if q.text == "一体化" and ntext[q.start - 1] != "“"]


def test_a_thousand_that_opens_a_unit_is_no_magnitude():
    """新建22个750千伏和330千伏电网工程: 千伏 is the unit (a voltage class, a criterion), not
    750 × 千; a 千 before a unit that does not open with it stays a magnitude."""
    for number in ("750千伏", "330千伏"):
        q = at(NINGXIA, "新建22个750千伏和330千伏电网工程", number)
        assert (q.value, q.unit, q.kind) == (int(number[:3]), "千伏", "criterion")
    # the guard itself on amounts no corpus plan writes (3千亩, 1000千瓦) beside Ningxia's 122万千瓦
    q = sentence_quantities("新增光伏装机122万千瓦，种植3千亩，建成1000千瓦光伏电站。")
    assert {(x.text, x.value, x.unit) for x in q} >= {("122万千瓦", 1220000, "千瓦"),
                                                      ("3千亩", 3000, "亩"),
                                                      ("1000千瓦", 1000, "千瓦")}


def test_working_days_are_a_unit_and_within_them_a_ceiling():
    """A district's measures outside the corpus (Guandu, Kunming): 环评报告书14个工作日内、环评报告表
    7个工作日内…完成审批 — a service-time standard, like 48小时内放行: at_most, unit 工作日."""
    text = "优化审批流程，环评报告书14个工作日内、环评报告表7个工作日内、环评登记表3个工作日内完成审批。"
    qs = find_quantities(text, read_structure(text))
    assert [(q.text, q.value, q.unit, q.qualifier) for q in qs] == [
        ("14个工作日内", 14, "工作日", "at_most"), ("7个工作日内", 7, "工作日", "at_most"),
        ("3个工作日内", 3, "工作日", "at_most")]


def test_hedges_inside_words_and_footnotes_are_no_quantity_parts():
    """Reports outside the corpus: 签约亿元以上项目27个 (Hanbin 2025: 约 ends 签约), 四级上下贯通
    (Shijingshan: 上下贯通 is a verb), 这一首要任务 (Mudong 2024), “六乱” [1]整治 (Tangqiao: a
    footnote); 经济增长5%上下 keeps its hedge."""
    def found(text: str) -> list[tuple[str, str]]:
        return [(q.text, q.qualifier) for q in find_quantities(text, read_structure(text))]

    assert ("亿元以上", "at_least") in found("签约亿元以上项目27个，总投资52亿元。")
    assert found("构建市、区、街道、社区党组织四级上下贯通的工作体系。") == [("四级", "exact")]
    assert found("经济增长5%上下。") == [("5%上下", "approx")]
    assert not found("始终坚持高质量发展这一首要任务。") and not found("坚持这一根本原则。")
    assert not [t for t, _ in found("深化“六乱” [1]整治和“五违四必” [2]整治。") if t in ("1", "2")]


def test_a_fall_with_a_sign_and_a_year_after_a_list_marker():
    """A street's review outside the corpus (Dongliu, Ningbo): 一般公共预算收入2亿元，同比分别-6.2%、
    -19.3% — falls written with a sign; Baoshan 2019: 附件：1.2019年宝山区… — the list marker 1.
    stands before the year; 新建3-5个 stays a range."""
    def found(text: str) -> list[tuple[str, object]]:
        return [(q.text, q.value) for q in find_quantities(text, read_structure(text))]

    assert found("一般公共预算收入2亿元，同比分别-6.2%、-19.3%。")[1:] == [("-6.2%", -6.2),
                                                                 ("-19.3%", -19.3)]
    assert found("附件：1.2019年宝山区生活垃圾分类工作任务清单") == [("2019年", 2019)]
    assert found("新建3-5个项目。") == [("3-5个", None)]


def test_a_range_of_two_percentages():
    """A street's plan outside the corpus (Dongguan): 力争生产总值（GDP）增长8.2%—8.5% — one range
    of rates, as 3-5个 is one range of counts."""
    (q,) = find_quantities("力争生产总值增长8.2%—8.5%。", read_structure("力争生产总值增长8.2%—8.5%。"))
    assert (q.text, q.low, q.high, q.unit, q.qualifier) == ("8.2%—8.5%", 8.2, 8.5, "%", "range")


def test_a_list_marker_inside_a_line_is_no_quantity():
    """A town's plan outside the corpus (Zhangzhen): …激发高质量发展动力活力。 1.构建现代产业体系 — the
    1. numbers an item; 完成1.5万户改造 keeps its decimal."""
    def found(text: str) -> list[str]:
        return [q.text for q in find_quantities(text, read_structure(text))]

    assert not found("激发高质量发展动力活力。 1.构建现代产业体系。")
    assert found("完成1.5万户改造。") == ["1.5万户"]


def test_a_pages_date_stamp_and_a_year_in_chinese_numerals():
    """Pages outside the corpus: 发布日期:2021-04-20 14:54 and 时间:2023-02-24 stamp the page, no
    quantities; 二○○七年 is the year 2007, not 七年; 新建3-5个 stays a range."""
    def found(text: str) -> list[str]:
        return [q.text for q in find_quantities(text, read_structure(text))]

    assert not found("发布日期:2021-04-20 14:54\n") and not found("时间:2023-02-24\n")
    assert "七年" not in found("二○○七年，全镇完成投资5亿元。")
    assert found("新建3-5个项目。") == ["3-5个"]
