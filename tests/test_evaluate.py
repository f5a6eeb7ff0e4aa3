"""Scoring against gold files: anchors, target P/R/F1 rules, outline, actors, CLI.

Exact scoring logic is tested with analyses built from the gold files themselves
(real documents: the seed plan, Baotou, Anhui, the 2024 national report), so every
expected figure follows from the rules in ANNOTATION.md.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from wusong_nlp.cli import main
from wusong_nlp.evaluation.gold import anchor_problems, numeral_spans, resolve_gold
from wusong_nlp.evaluation.scoring import (
    evaluate_document,
    format_report,
    markdown_table,
    score_outline,
    totals,
)

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / "corpus" / "annotations"
SEED = ANNOTATIONS / "wusong_2021_work_points.json"
BAOTOU = ANNOTATIONS / "14_baotou_digital_gov_evaluation_2022.json"
ANHUI = ANNOTATIONS / "13_anhui_industrial_internet_policy_and_action_plan_2021.json"
NATIONAL = ANNOTATIONS / "01_national_gov_work_report_2024.json"


@pytest.fixture(scope="module")
def seed():
    return resolve_gold(SEED)


@pytest.fixture(scope="module")
def baotou():
    return resolve_gold(BAOTOU)


def perfect_quantities(gold) -> list[dict]:
    """What a perfect analyser would say of the gold targets and achievements."""
    out = []
    for item in gold.of("target") + gold.of("achievement"):
        out.append({"start": item.start, "end": item.end, "text": item.text,
                    "kind": item.group, "value": item.value, "unit": item.unit})
    return out


def as_analysis_outline(nodes, parent_id: str = "") -> list[dict]:
    """A gold outline written the way the analyser writes it (ids = number paths)."""
    out = []
    for n in nodes:
        nid = f"{parent_id}/{n['number']}" if parent_id else n["number"]
        out.append({"id": nid, "number": n["number"], "heading": n["heading"], "kind": "part",
                    "children": as_analysis_outline(n.get("children", []), nid)})
    return out


def analysis(gold, **parts) -> dict:
    base = {"text": gold.text, "outline": as_analysis_outline(gold.data["outline"]),
            "quantities": perfect_quantities(gold), "actors": [], "programs": [], "tasks": []}
    base.update(parts)
    return base


# --- gold files ------------------------------------------------------------------------

def test_every_gold_anchor_resolves():
    paths = sorted(ANNOTATIONS.glob("*.json"))
    assert len(paths) >= 2
    problems = anchor_problems(paths)
    for p in problems:
        print("GOLD DEFECT:", p)
    assert problems == []


def test_number_spans_are_inside_their_anchors(seed, baotou):
    by_text = {i.text: i for i in seed.of("target")}
    item = by_text["3万平方米"]
    assert seed.text[item.start:item.end] == "3万平方米"
    assert item.value == 30000 and item.unit == "平方米"
    assert seed.text[item.anchor_start:item.anchor_end] == "完成3万平方米年度拆违任务"
    pct = next(i for i in baotou.of("target") if i.text == "90%以上")
    assert baotou.text[pct.anchor_start:pct.anchor_end] == "综合一窗率达90%以上"
    for gold in (seed, baotou):
        for i in gold.items:
            assert gold.text[i.start:i.end] == i.text
            assert i.anchor_start <= i.start < i.end <= i.anchor_end


def test_entries_without_number_cover_the_numerals_of_their_anchor(seed, baotou):
    refs = [i.text for i in seed.items if i.source.endswith("non_targets[0]")]
    assert refs == ["2021", "100"]  # 2021年是建党100周年
    # 进一步 holds a numeral character but is no quantity
    text = seed.text
    pos = text.index("进一步打造优质营商环境")
    assert numeral_spans(text, pos, pos + len("进一步打造优质营商环境")) == []
    scores = [baotou.text[s:e] for s, e in numeral_spans(
        baotou.text, *_find(baotou.text, "日常监测（60%）"))]
    assert scores == ["60"]


def _find(text: str, anchor: str) -> tuple[int, int]:
    pos = text.index(anchor)
    return pos, pos + len(anchor)


def test_occurrence_picks_the_nth_appearance():
    gold = resolve_gold(NATIONAL)
    with_occ = [e for e in gold.data["non_targets"] if e.get("occurrence", 1) > 1]
    assert with_occ
    entry = with_occ[0]
    first = gold.text.index(entry["anchor"])
    items = [i for i in gold.items if i.source == f"{NATIONAL.name}: non_targets"
             f"[{gold.data['non_targets'].index(entry)}]"]
    assert items and all(i.anchor_start > first for i in items)


def test_broken_anchor_is_a_warning_not_a_crash(tmp_path, seed):
    data = copy.deepcopy(seed.data)
    data["targets"][0]["anchor"] = "这句话不在文件里"
    bad = tmp_path / "annotations" / "broken.json"
    bad.parent.mkdir()
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    gold = resolve_gold(bad, corpus=ROOT / "corpus")
    assert len(gold.of("target")) == len(seed.of("target")) - 1
    assert any("targets[0]" in w and "not found" in w for w in gold.warnings)
    report = evaluate_document(gold, analysis(gold))
    assert any("not found" in w for w in report["warnings"])


# --- targets ------------------------------------------------------------------------------

def test_perfect_prediction_scores_one(seed, baotou):
    for gold in (seed, baotou):
        r = evaluate_document(gold, analysis(gold))
        t = r["targets"]
        assert (t["precision"], t["recall"], t["f1"]) == (1.0, 1.0, 1.0)
        assert t["gold"] == len(gold.data["targets"])
        assert r["values"]["accuracy"] == 1.0 and r["units"]["accuracy"] == 1.0
        assert r["confusion"]["target"] == {"target": t["gold"]}


def test_one_missing_target_lowers_recall_only(seed):
    qs = perfect_quantities(seed)
    dropped = next(q for q in qs if q["text"] == "150个")
    qs.remove(dropped)
    t = evaluate_document(seed, analysis(seed, quantities=qs))["targets"]
    n = len(seed.of("target"))
    assert t["precision"] == 1.0
    assert t["recall"] == pytest.approx((n - 1) / n)
    assert t["fn"] == 1 and t["misses"][0]["text"] == "150个"
    assert t["misses"][0]["predicted"] is None


def test_wrong_value_is_no_true_positive(baotou):
    qs = perfect_quantities(baotou)
    q = next(q for q in qs if q["text"] == "2400户")
    q["value"] = 240
    r = evaluate_document(baotou, analysis(baotou, quantities=qs))
    t, n = r["targets"], len(baotou.of("target"))
    assert (t["tp"], t["fp"], t["fn"]) == (n - 1, 1, 1)
    assert t["span_recall"] == 1.0  # the span was found, the value was not
    assert r["values"]["correct"] == r["values"]["matched"] - 1


def test_optional_targets_count_neither_way(seed, baotou):
    for gold, anchor in ((seed, "新增违法建筑零增长"), (baotou, "九大标准子系统")):
        s, e = _find(gold.text, anchor)
        extra = {"start": s, "end": e, "text": anchor, "kind": "target", "value": 0,
                 "unit": None}
        t = evaluate_document(gold, analysis(gold, quantities=perfect_quantities(gold)
                                             + [extra]))["targets"]
        assert t["ignored"] == 1 and t["fp"] == 0 and t["precision"] == 1.0


def test_target_on_a_non_target_is_a_false_positive_and_confused(seed):
    s, e = _find(seed.text, "90号地块")
    wrong = {"start": s, "end": s + 2, "text": "90", "kind": "target", "value": 90,
             "unit": "号"}
    r = evaluate_document(seed, analysis(seed, quantities=perfect_quantities(seed) + [wrong]))
    assert r["targets"]["fp"] == 1 and r["targets"]["false_positives"][0]["gold"] == "identifier"
    assert r["confusion"]["identifier"].get("target") == 1


def test_achievements_are_scored_like_targets(baotou):
    r = evaluate_document(baotou, analysis(baotou))
    assert r["achievements"]["f1"] == 1.0 and r["achievements"]["gold"] == 1
    qs = [q for q in perfect_quantities(baotou) if q["kind"] != "achievement"]
    r = evaluate_document(baotou, analysis(baotou, quantities=qs))
    assert r["achievements"]["recall"] == 0.0
    assert r["confusion"]["achievement"] == {"missed": 1}


# --- outline -------------------------------------------------------------------------------

def test_outline_perfect_and_wrappers(baotou):
    gold_outline = baotou.data["outline"]
    perfect = score_outline(gold_outline, as_analysis_outline(gold_outline))
    assert perfect["strict"]["precision"] == perfect["strict"]["recall"] == 1.0
    # the analyser names the annex group by its title line instead of 附件
    pred = as_analysis_outline(gold_outline)
    annex = pred[-1]
    annex.update(number="包头市数字政府建设考评指标", kind="group")
    scores = score_outline(gold_outline, pred)
    assert scores["strict"]["recall"] < 0.5
    assert scores["lenient"]["recall"] == scores["lenient"]["precision"] == 1.0


def test_outline_invented_gold_wrappers_anhui():
    gold = json.loads(ANHUI.read_text(encoding="utf-8"))
    policy, plan = gold["outline"][0], gold["outline"][1]
    assert policy["number"] == "政策" and plan["number"] == "行动计划"
    # the policy parts stand at the top; the action plan is a group named by its title
    pred = as_analysis_outline(policy["children"])
    group = as_analysis_outline([plan])[0]
    group.update(number=plan["heading"], kind="group")
    pred.append(group)
    scores = score_outline(gold["outline"], pred)
    n_policy, n_plan = len(policy["children"]), _count(plan["children"])
    assert scores["lenient"]["tp"] == n_policy + n_plan
    assert scores["lenient"]["precision"] == 1.0
    assert scores["strict"]["tp"] == 0


def test_outline_deeper_than_gold_is_not_scored(seed):
    pred = as_analysis_outline(seed.data["outline"])
    pred[0]["children"][0]["children"] = [
        {"id": "x", "number": "一是", "heading": "x", "kind": "shi", "children": [
            {"id": "y", "number": "1", "heading": "deeper than any gold node",
             "kind": "num", "children": []}]}]
    scores = score_outline(seed.data["outline"], pred)
    assert scores["strict"]["predicted"] == scores["strict"]["gold"] + 1
    assert scores["strict"]["unscored_deeper"] == 1


def _count(nodes) -> int:
    return sum(1 + _count(n.get("children", [])) for n in nodes)


# --- actors, programmes, links, responsibilities ------------------------------------------

def test_actors_recall_and_not_actors(baotou):
    required = baotou.data["actors"]["required"]
    actors = [{"name": a, "aliases": [], "mentions": []} for a in required[:-1]]
    actors.append({"name": "蒙速办", "aliases": [], "mentions": []})  # a gold not_actor
    r = evaluate_document(baotou, analysis(baotou, actors=actors))["actors"]
    assert r["recall"] == pytest.approx((len(required) - 1) / len(required))
    assert r["missing"] == [required[-1]] and r["false_positives"] == ["蒙速办"]


def test_programmes_recall_and_links(seed):
    required = seed.data["programs"]["required"]
    links = seed.data["program_links"]
    programs = [{"name": f"“{p}”", "kind": "project", "mentions": [],
                 "goals": [g + "/一是" for g in links.get(p, [])]} for p in required]
    r = evaluate_document(seed, analysis(seed, programs=programs))
    assert r["programs"]["recall"] == 1.0  # quotes do not matter
    assert r["program_links"]["fraction"] == 1.0  # goals inside the gold node count
    programs[0]["goals"] = []
    r = evaluate_document(seed, analysis(seed, programs=programs))
    lost = len(links.get(required[0], []))
    assert r["program_links"]["found"] == r["program_links"]["gold"] - lost


def test_programme_aliases_count():
    gold = copy.copy(resolve_gold(NATIONAL))
    aliases = gold.data["programs"]["aliases"]
    name, forms = "乡村振兴", aliases["乡村振兴"]
    gold.data = dict(gold.data, programs=dict(gold.data["programs"], required=[name]))
    r = evaluate_document(gold, analysis(gold, programs=[
        {"name": forms[0], "kind": "project", "mentions": [], "goals": []}]))
    assert forms == ["乡村全面振兴"] and r["programs"]["found"] == 1


def test_responsibilities_found_from_lead_mentions(baotou):
    actors = []
    for note in baotou.responsibilities:
        for lead in note.entry["lead"]:
            pos = baotou.text.find(lead, note.start - 30, note.end + 30)
            if pos >= 0:
                actors.append({"name": lead, "aliases": [], "mentions": [
                    {"start": pos, "end": pos + len(lead), "text": lead, "role": "lead"}]})
    full = evaluate_document(baotou, analysis(baotou, actors=actors))["responsibilities"]
    assert full["gold"] == len(baotou.responsibilities)
    assert full["fraction"] == 1.0
    partners = [dict(a, mentions=[dict(m, role="partner") for m in a["mentions"]])
                for a in actors]
    none = evaluate_document(baotou, analysis(baotou, actors=partners))["responsibilities"]
    assert none["found"] == 0


# --- reports and the command line -----------------------------------------------------------

def test_totals_are_micro_averaged(seed, baotou):
    qs = perfect_quantities(seed)[1:]
    docs = [evaluate_document(seed, analysis(seed, quantities=qs)),
            evaluate_document(baotou, analysis(baotou))]
    total = totals(docs)["targets"]
    n = len(seed.of("target")) + len(baotou.of("target"))
    assert total["gold"] == n and total["recall"] == pytest.approx((n - 1) / n)
    report = {"folds": False, "documents": docs, "total": totals(docs), "notes": []}
    text = format_report(report)
    assert "TOTAL (micro)" in text and "wusong_2021_work_points" in text
    md = markdown_table(report)
    assert md.count("\n|") == 4 and "**total (micro)**" in md
    header = md.splitlines()[0].split(" | ")
    baotou_row = next(r for r in md.splitlines() if r.startswith("| 14_baotou")).split(" | ")
    fraction = docs[1]["responsibilities"]["fraction"]
    assert baotou_row[header.index("lead of responsibilities")] == f"{fraction:.2f}"


def test_cli_evaluate_end_to_end(capsys):
    code = main(["evaluate", str(SEED), str(BAOTOU)])
    out = capsys.readouterr().out
    assert code == 0
    assert "TOTAL (micro)" in out and "14_baotou_digital_gov_evaluation" in out
    assert "Confusion of kinds" in out
    code = main(["evaluate", str(SEED), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["documents"][0]["document"] == "wusong_2021_work_points.txt"
    assert report["total"]["targets"]["gold"] == 11
