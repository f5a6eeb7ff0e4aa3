"""Tasks on real sentences of several corpus documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from wusong_nlp.extract.actors import find_actor_mentions, responsibility_notes
from wusong_nlp.extract.tasks import find_tasks, reports_past
from wusong_nlp.outline import read_structure
from wusong_nlp.records import ActorMention, Commitment, ProgramMention

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEED = "wusong_2021_work_points.txt"
NATIONAL = "01_national_gov_work_report_2024.txt"
ANHUI = "13_anhui_industrial_internet_policy_and_action_plan_2021.txt"
BAOTOU = "14_baotou_digital_gov_evaluation_2022.txt"
BEIJING = "15_beijing_data_zone_guidance_2022.txt"


def load(name: str):
    text = (CORPUS / name).read_text(encoding="utf-8")
    return text, read_structure(text)


@pytest.fixture(scope="module")
def seed():
    text, st = load(SEED)
    return text, st, find_tasks(text, st)


def task_with(tasks, snippet: str):
    found = [t for t in tasks if snippet in t.text]
    assert found, f"no task contains {snippet!r}"
    return found[0]


@pytest.mark.parametrize("name", [SEED, NATIONAL, ANHUI, BAOTOU, BEIJING])
def test_offsets_ids_and_goals(name):
    text, st = load(name)
    tasks = find_tasks(text, st)
    assert len(tasks) > 20
    node_ids = {n.id for n in st.nodes()}
    for i, t in enumerate(tasks, 1):
        assert t.id == f"t{i}"
        assert text[t.start:t.end] == t.text
        if t.goal is None:  # a notice's 现印发给你们…执行, before the outline: the document's
            assert t.end <= st.outline[0].start and "你们" in t.text
            continue
        assert t.goal in node_ids
        assert st.node_at(t.start).id == t.goal
    # tasks do not overlap and are in document order
    assert all(a.end <= b.start for a, b in zip(tasks, tasks[1:], strict=False))


@pytest.mark.parametrize("name", [SEED, NATIONAL, BEIJING])
def test_headings_are_goals_not_tasks(name):
    text, st = load(name)
    tasks = find_tasks(text, st)
    for node in st.nodes():
        for t in tasks:
            assert not (t.start < node.heading_end and t.end > node.heading_start), (
                node.heading, t.text)


def test_seed_task_with_its_goal(seed):
    _, _, tasks = seed
    t = task_with(tasks, "新划定非机动车停放区域150个")
    assert t.goal == "二/（一）/四是"
    assert task_with(tasks, "着力提升“美丽街区”品质").goal == "一/（三）"
    # the run-in heading 一是加快城市数字化转型探索 is not part of the first task
    first = [t for t in tasks if t.goal == "二/（一）/一是"][0]
    assert first.text.startswith("不断完善城运中心建设")


def test_issuer_is_the_implicit_lead(seed):
    _, st, tasks = seed
    t = task_with(tasks, "继续推进户外违法广告设施治理")
    assert {a["name"] for a in t.actors if a["role"] == "lead"} == set(st.issuers)
    assert all(a["implicit"] for a in t.actors)


def test_review_part_has_no_tasks():
    text, st = load(NATIONAL)
    tasks = find_tasks(text, st)
    review = [n for n in st.outline if "回顾" in n.heading]
    assert review
    assert not [t for t in tasks if t.goal.split("/")[0] == review[0].id]
    assert any(t.goal.startswith("三/") for t in tasks)
    assert not any(t.text.startswith("过去一年") for t in tasks)


def test_clauses_with_their_own_verbs_are_split():
    text, st = load(ANHUI)
    tasks = find_tasks(text, st)
    a = task_with(tasks, "对跨行业跨领域工业互联网平台省级给予奖补")
    b = task_with(tasks, "对行业、区域、专业型工业互联网平台省级给予奖补")
    assert a.id != b.id and a.sentence == b.sentence
    assert "；" not in a.text


def test_responsibility_note_gives_leads_to_the_tasks_it_closes():
    text, st = load(ANHUI)
    tasks = find_tasks(text, st)
    t = task_with(tasks, "对跨行业跨领域工业互联网平台省级给予奖补")
    leads = {a["name"] for a in t.actors if a["role"] == "lead"}
    assert leads == {"省经济和信息化厅", "省财政厅"}
    assert not any(a["implicit"] for a in t.actors)
    assert "责任单位" not in t.text


def test_note_inside_a_sentence_baotou():
    text, st = load(BAOTOU)
    notes = responsibility_notes(text)
    note = next(n for n in notes if "5月底取得明显成效" in text[n["start"]:n["end"]])
    assert [a["name"] for a in note["actors"]] == ["市审批服务局"]
    tasks = find_tasks(text, st)
    t = task_with(tasks, "完成适老化改造")
    assert {"name": "市审批服务局", "role": "lead", "implicit": False} in t.actors
    assert not any("，牵头考核单位：" in x.text for x in tasks)


@pytest.mark.parametrize("name", [ANHUI, BAOTOU])
def test_tasks_and_actors_read_notes_alike(name):
    """One note parser: each unit a note gives a task is an actor mention with the same role."""
    text, st = load(name)
    notes = responsibility_notes(text)
    assert len(notes) > 40
    mentions = {(m.start, m.end): m.role for m in find_actor_mentions(text, st)}
    for note in notes:
        assert note["actors"], text[note["start"]:note["end"]]
        for a in note["actors"]:
            assert text[a["start"]:a["end"]] == a["name"]
            assert mentions.get((a["start"], a["end"])) == a["role"], a["name"]


def test_records_inside_a_task_attach_to_it(seed):
    text, st, _ = seed
    s = text.index("会同市场监管、城管等部门")
    m = text.index("市场监管", s)
    actor = ActorMention(m, m + 4, "市场监管", name="市场监管", role="partner")
    p = text.index("“美丽街区”") + 1
    program = ProgramMention(p, p + 4, "美丽街区", name="美丽街区", kind="brand")
    c0 = text.index("新划定非机动车停放区域150个")
    commitment = Commitment(c0, c0 + 15, text[c0:c0 + 15], id="c1", value=150, unit="个")
    tasks = find_tasks(text, st, actors=[actor], programs=[program], commitments=[commitment])
    t = task_with(tasks, "会同市场监管")
    assert {"name": "市场监管", "role": "partner", "implicit": False} in t.actors
    assert any(a["implicit"] and a["role"] == "lead" for a in t.actors)
    assert task_with(tasks, "着力提升“美丽街区”品质").programs == ["美丽街区"]
    assert task_with(tasks, "新划定非机动车停放区域150个").commitments == ["c1"]
    assert sum(len(t.commitments) for t in tasks) == 1


def test_past_and_action():
    assert reports_past("过去一年，我们完成了全年目标任务。")
    assert reports_past("累计建成116个“美丽街区”。")
    assert not reports_past("党中央对今年工作作出了全面部署，我们要深入贯彻落实。")
    assert not reports_past("为了方便群众办事，优化窗口设置。")


@pytest.mark.parametrize("name", [BAOTOU, ANHUI])
def test_every_gold_responsibility_note_attributed_to_its_task(name):
    """Each 责任单位：/牵头考核单位： note of the gold gives its lead units to the task it closes."""
    from conftest import analysis_of, gold_of

    analysis = analysis_of(name)
    text = analysis.text
    notes = [r for r in gold_of(name)["responsibilities"] if "单位：" in r["anchor"]]
    assert len(notes) > 40
    tasks = sorted(analysis.tasks, key=lambda t: t.start)
    canonical = {alias: a["name"] for a in analysis.actors for alias in [a["name"], *a["aliases"]]}
    for r in notes:
        label = text.index(r["anchor"]) + r["anchor"].rindex("单位：")
        before = [t for t in tasks if t.end <= label]
        assert before, r["anchor"]
        task = before[-1]  # the task the note closes
        leads = {a["name"] for a in task.actors if a["role"] == "lead"}
        assert {canonical.get(x, x) for x in r["lead"]} <= leads, (r["anchor"], task.text, leads)
