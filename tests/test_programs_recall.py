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
