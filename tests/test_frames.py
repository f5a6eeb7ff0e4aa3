"""DataFrames, the HTML summary and the displaCy view, on several real documents."""

from __future__ import annotations

import re

import pytest
from conftest import analysis_of

from wusong_nlp.views import notebook as frames

DOCS = ["wusong_2021_work_points.txt", "13_anhui_industrial_internet_policy_and_action_plan_2021.txt",
        "14_baotou_digital_gov_evaluation_2022.txt"]


@pytest.mark.parametrize("name", DOCS)
def test_one_row_per_record(name):
    a = analysis_of(name)
    sizes = {"outline": len(a.structure.nodes()), "quantities": len(a.quantities),
             "commitments": len(a.commitments), "tasks": len(a.tasks),
             "actors": len(a.actors), "programs": len(a.programs)}
    for what, n in sizes.items():
        frame = a.to_frame(what)
        assert len(frame) == n, what
    q = a.to_frame("quantities")
    assert {"id", "text", "value", "unit", "qualifier", "kind", "node", "start", "end"} <= set(q)
    assert all(a.text[s:e] == t for s, e, t in zip(q["start"], q["end"], q["text"], strict=True))
    c = a.to_frame("commitments")
    assert {"id", "quantity", "value", "unit", "object", "action", "horizon", "node"} <= set(c)


def test_task_frame_flattens_roles_on_a_real_responsibility_sentence():
    a = analysis_of("13_anhui_industrial_internet_policy_and_action_plan_2021.txt")
    tasks = a.to_frame("tasks")
    row = tasks[tasks["text"].str.startswith("省经济和信息化厅会同省财政厅")].iloc[0]
    assert row["lead"] == "省经济和信息化厅"
    assert "省财政厅" in row["partners"].split("、")
    for task, (_, r) in zip(a.tasks, tasks.iterrows(), strict=True):
        assert r["lead"].split("、") == [x["name"] for x in task.actors if x["role"] == "lead"] \
            or (r["lead"] == "" and not any(x["role"] == "lead" for x in task.actors))


def test_actor_and_programme_frames_count_mentions():
    a = analysis_of("wusong_2021_work_points.txt")
    actors = a.to_frame("actors").set_index("name")
    for entry in a.actors:
        assert actors.loc[entry["name"], "mentions"] == len(entry["mentions"])
    progs = a.to_frame("programs").set_index("name")
    for entry in a.programs:
        assert progs.loc[entry["name"], "n_goals"] == len(frames.program_goals(entry))


def test_outline_frame_keeps_paths():
    a = analysis_of("wusong_2021_work_points.txt")
    outline = a.to_frame("outline")
    row = outline[outline["id"] == "二/（一）/四是"].iloc[0]
    assert row["heading"] == "补齐补好市容环境管理短板"
    assert row["level"] == 3


def test_unknown_frame_is_an_error():
    with pytest.raises(ValueError, match="choose from"):
        analysis_of("wusong_2021_work_points.txt").to_frame("budgets")


@pytest.mark.parametrize("name", DOCS[:2])
def test_repr_html_summary(name):
    a = analysis_of(name)
    page = a._repr_html_()
    assert a.title in page
    assert str(a.year) in page
    assert f"<b>{len(a.commitments)}</b> commitments" in page
    for c in a.commitments[:10]:
        assert f"<td>{c.id}</td>" in page


def test_displacy_view_marks_non_overlapping_spans():
    a = analysis_of("wusong_2021_work_points.txt")
    items = frames.span_items(a)
    kept = frames._without_overlaps(items)
    assert all(x["end"] <= y["start"] for x, y in zip(kept, kept[1:], strict=False))
    page = frames.render_spans(a, jupyter=False)
    assert page.count("<mark") == len(kept)
    # “十四五” is both a formulation quantity and a programme: the programme is shown
    assert "PROG-" in page and "Q-TARGET" in page and "ACTOR-" in page
    stripped = re.sub(r"<span[^>]*>[A-Z-]+</span>", "", page)
    assert "十四五" in re.sub(r"<[^>]+>|\s", "", stripped)


def test_displacy_view_of_one_section():
    a = analysis_of("wusong_2021_work_points.txt")
    page = frames.render_spans(a, what=("quantities",), jupyter=False, node="二/（一）/四是")
    text = re.sub(r"<span[^>]*>[A-Z-]+\s*</span>", "", page)
    text = re.sub(r"<[^>]+>|\s", "", text)
    assert "完成3万平方米年度拆违任务" in text
    assert "营商环境" not in text  # another section
    assert "ACTOR-" not in page
    with pytest.raises(ValueError):
        frames.render_spans(a, what=("budgets",), jupyter=False)
