"""A report's appended glossary (有关名词解释) is a part of its own and promises nothing
(issue 12: numbers that only look like targets), on real district reports."""

from __future__ import annotations

from pathlib import Path

import pytest

import wusong_nlp
from wusong_nlp.outline import is_glossary_heading

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.mark.parametrize("line, expected", [
    ("有关名词解释", True), ("附：名词解释", True), ("名词解释", True),
    ("名词解释：", True), ("名词解释一览表和工作安排", False), ("开展名词解释工作。", False),
])
def test_glossary_heading_lines(line, expected):
    assert is_glossary_heading(line) is expected


@pytest.mark.parametrize("name, items", [
    ("32_nanshan_gov_work_report_2023.txt", 19),
    ("33_nanshan_gov_work_report_2024.txt", 30),
])
def test_the_glossary_is_a_top_part_not_items_of_the_last_section(name, items):
    plan = wusong_nlp.analyze(CORPUS / name)
    last = plan.structure.outline[-1]
    assert last.id == "有关名词解释" and last.kind == "group"
    assert len(last.children) == items
    assert last.children[0].heading == "“四上”企业"  # 1.“四上”企业：对达到一定规模…的统称


def test_numbers_defining_a_glossary_name_are_no_targets():
    # 22.“1+8+N”监测预警指挥中心：…1个…8个…; 29.百分百行动: definitions, not pledges
    plan = wusong_nlp.analyze(CORPUS / "33_nanshan_gov_work_report_2024.txt")
    glossary = plan.structure.outline[-1]
    inside = [q for q in plan.quantities if glossary.start <= q.start < glossary.end]
    assert len(inside) > 20
    assert not [q.text for q in inside if q.kind in ("target", "achievement")]
    # the same kinds of numbers before the glossary are still read as the model says
    assert any(q.kind == "target" for q in plan.quantities if q.start < glossary.start)
