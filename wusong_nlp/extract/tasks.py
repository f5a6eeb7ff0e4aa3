"""Tasks: the sentences and clauses of a plan that ask for action.

A plan is read as goals (its outline headings) broken down into tasks (the
sentences under them). A sentence of a task part is a task when it carries an
action verb (data/task_verbs.txt) or a commitment; headings are goals, not tasks,
so a heading's span is cut off the sentence that starts with it; parts that review
past work (data/review_headings.txt) and sentences that report completed facts
(data/past_cues.txt) are not tasks. A sentence whose ；-clauses each have their own
verb is split into clause tasks. Each task gets the actors, programmes and
commitments found inside it, and its deadline (extract/deadlines.py); a responsibility note (（责任单位：X、Y）) gives its actors
to the tasks it closes; a task with no lead belongs to the plan's issuer.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence

from ..offsets import SpanIndex
from ..outline import OutlineNode, Segment, Structure, is_review_heading
from ..records import ActorMention, Commitment, ProgramMention, Task
from ..resources import alternation, cue_list, policy_segmenter, words
from ..tables import Row
from ..text import HAN_RE, overlap
from .actor_names import canonical_names, known, split_units
from .actors import addressees, duty_holder, first_leads, states_lead_first
from .deadlines import attach_deadlines, find_deadlines, resolved_deadline
from .notes import label_re, note_role, responsibility_notes

_TRIM = " \t\u3000\u00a0。，,；;：:、"


def has_action_verb(text: str) -> bool:
    """True when `text` carries one of the task verbs or modals (要, 必须)."""
    return cue_list("task_verbs.txt").found_in(text) or cue_list("task_modals.txt").found_in(text)


def reports_past(text: str) -> bool:
    """True when `text` states a completed fact (了, 已, 累计, 过去一年 …) and asks
    for nothing (作出了部署，我们要落实 still asks)."""
    return (cue_list("past_cues.txt").found_in(text)
            and not cue_list("task_modals.txt").found_in(text))


def _outside(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """text[start:end] with the (sorted) spans taken out: what a sentence says besides its
    units, dates or notes."""
    pieces, pos = [], start
    for s, e in spans:
        pieces.append(text[pos:max(pos, s)])
        pos = max(pos, e)
    pieces.append(text[pos:end])
    return "".join(pieces)


@functools.cache
def _assign_filler() -> re.Pattern[str]:
    """What an assigning sentence says besides its units and dates (data/assign_fillers.txt)."""
    return re.compile(rf"{alternation(words('assign_fillers.txt'))}|[由各及和与等、，,。；;\s（）()]")


_ASSIGN_CUE = re.compile(r"牵头|负责|配合")


def assignment_sentences(text: str, structure: Structure,
                         actors: Sequence[ActorMention]) -> list[dict]:
    """Sentences that only assign the task before them: 镇经发办牵头，市场监管所配合。由城运中心负责。

    They are notes, not tasks: their actors go to the tasks they close.
    """
    index = SpanIndex(actors)
    out = []
    for sent in structure.sentences:
        mentions = index.inside(sent.start, sent.end)
        label = label_re().match(sent.text)
        if label and note_role(label.group(1)) == "none":
            # 牵头领导：省政府分管领导同志: who is in charge, no task and no unit
            out.append({"start": sent.start, "end": sent.end, "actors": []})
            continue
        if not mentions or not (_ASSIGN_CUE.search(sent.text) or label):
            continue
        # …, 9月底前完成: a date of the task before it is part of the assignment too
        taken = sorted([(m.start, m.end) for m in mentions]
                       + [(d.start, d.end) for d in find_deadlines(text, sent.start, sent.end)])
        rest = _outside(text, sent.start, sent.end, taken)
        # a label line (牵头单位：X / 协办单位：Y under an item) assigns as 由X牵头 does
        if not _assign_filler().sub("", label_re().sub("", rest)):
            out.append({"start": sent.start, "end": sent.end, "actors": []})
    return out


def _review_regions(structure: Structure) -> list[tuple[int, int]]:
    regions = []
    for node in structure.nodes():
        if is_review_heading(node.heading):
            regions.append((node.start, node.end))
    return regions


def _heading_regions(text: str, structure: Structure,
                     notes: Sequence[dict] = ()) -> list[tuple[int, int]]:
    """From each node's marker to the end of its heading: goal text, never a task.

    A node whose heading is all it says, or an item's run-in heading that is a whole clause (“（1）深化“一网统管”建设，新建智能
    感知设备500个。”), or an item that has no body besides it (“8．加快…数据共享。
    （牵头考核单位：…）” or “1.完成12个小区综合改造。由城建中心牵头…”: `notes` are no body),
    asks for action itself: only its marker is cut off. Short item
    headings (“一是加快城市数字化转型探索”) and part/section headings stay goals.
    """
    regions = []
    note_index = SpanIndex(notes, lambda n: (n["start"], n["end"]))
    for n in structure.nodes():
        leaf = not n.children and n.kind not in ("group", "box")
        item = leaf and n.kind in _ITEM_KINDS
        if (item and len(n.heading) > _GOAL_HEADING) or (leaf and _bodyless(text, n, note_index)):
            regions.append((n.start, n.heading_start))
        else:
            regions.append((n.start, n.heading_end))
    return sorted(regions)


_GOAL_HEADING = 15  # an item heading longer than this reads as a task, not a title
_ITEM_KINDS = ("num", "paren_num", "circled", "dash", "shi")
_NOTE_AFTER = re.compile(r"^[。；;，,\s]*(?:[（(][^（）()]*[）)][。；;\s]*)*")


def _bodyless(text: str, node: OutlineNode, notes: SpanIndex) -> bool:
    rest = _outside(text, node.heading_end, node.end,
                    [(n["start"], n["end"]) for n in notes.overlapping(node.heading_end, node.end)])
    rest = rest[_NOTE_AFTER.match(rest).end():]
    # fewer than four Chinese characters: stop at the fourth, not at the end of a long part
    return next(itertools.islice(HAN_RE.finditer(rest), 3, None), None) is None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in " \t\u3000\u00a0，,；;：:、":
        end -= 1
    return start, end


def _clauses(text: str, start: int, end: int,
             subjects: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Split at ；, around a comma clause that assists (城运中心负责…，配合做好巡查和整治；
    …，协助相关村做好看护工作，/ 派出所。配合开展…排摸，负责…): its lead is not the
    subject's (ANNOTATION.md §5), and before a comma clause that opens with a subject of
    its own (`subjects`: …，应现场整改督办，…，各部门做好现场检查记录). The caller keeps the
    split only when every clause has a verb (or holds a target)."""
    parts, pos, i = [], start, start
    opening = _trim(text, start, end)[0]  # where the current part's words begin
    # only a part's opening and a separator can split: step from one to the next (a
    # regex finds the separators) instead of looking at every character
    while i < end:
        if i == opening and _opens_assisting(text, i):
            stop = _COMMA.search(text, i, end)  # the assisting clause ends at its comma
            if stop is not None and stop.start() < end - 1:
                parts.append((pos, stop.start()))
                pos = i = stop.start() + 1
                opening = _trim(text, pos, end)[0]
                continue
        if text[i] in "；;":
            parts.append((pos, i))
            pos = i + 1
            opening = _trim(text, pos, end)[0]
        elif text[i] in "，," and i > pos and (_opens_assisting(text, i + 1)
                                               or _trim(text, i + 1, end)[0] in subjects):
            parts.append((pos, i))
            pos = i + 1
            opening = _trim(text, pos, end)[0]
        nxt = _COMMA.search(text, i + 1, end)
        j = nxt.start() if nxt is not None else end
        i = opening if i < opening < j else j  # an opening is never a separator (_TRIM)
    parts.append((pos, end))
    parts = [_trim(text, s, e) for s, e in parts]
    parts = [(s, e) for s, e in parts if e > s]
    return parts


def find_tasks(text: str, structure: Structure, actors: Sequence[ActorMention] = (),
               programs: Sequence[ProgramMention] = (),
               commitments: Sequence[Commitment] = ()) -> list[Task]:
    """Every task of the plan with its goal, actors, programmes and commitments."""
    actors, programs, commitments = list(actors), list(programs), list(commitments)
    has_outline = bool(structure.outline)
    reviews = _review_regions(structure)
    notes = [{**n, "actors": first_leads(text, n["actors"])} for n in responsibility_notes(text)]
    notes = sorted(notes + assignment_sentences(text, structure, actors),
                   key=lambda n: (n["start"], n["end"]))
    headings = _heading_regions(text, structure, notes)
    commit_spans = [(c.start, c.end) for c in commitments]

    review_index = SpanIndex(reviews)
    heading_index = SpanIndex(headings)
    note_index = SpanIndex(notes, lambda n: (n["start"], n["end"]))
    commit_index = SpanIndex(commit_spans)

    def has_commitment(s: int, e: int) -> bool:
        return bool(commit_index.overlapping(s, e))

    def is_task(s: int, e: int) -> bool:
        clause = text[s:e]
        return (has_action_verb(clause) or has_commitment(s, e)) and not reports_past(clause)

    subject_starts = _clause_subjects(text, actors)
    actor_index = SpanIndex(actors)
    rows = _task_rows(structure)
    row_index = SpanIndex([(r.start, r.end) for r, _, _ in rows])
    spans: list[tuple[int, int, Segment, OutlineNode | None]] = []
    # most plans have no task table and no responsibility notes: their lookups, two per
    # sentence, are skipped then
    for sent in structure.sentences:
        s, e = sent.start, sent.end
        if rows and row_index.containing(s):
            continue  # a table row is one task (below), whatever its cells say
        if states_lead_first(sent.text):
            continue  # 列第一位的为牵头单位: how to read the notes, no task
        node = structure.node_at(s)
        if has_outline and node is None:
            # the preamble before the outline, or text the outline does not cover
            node = structure.node_at(_trim(text, s, e)[0])
            if node is None and "你们" not in text[s:e]:
                continue  # a notice's 现印发给你们，请认真贯彻执行 is its one task
        # cut the heading off (a sentence may begin with its node's run-in heading)
        for _hs, he in heading_index.overlapping(s, e):
            s = max(s, he)
        # cut responsibility notes off the task text
        for note in note_index.overlapping(s, e) if notes else ():
            if note["start"] < e and note["end"] > s:
                if note["start"] <= s:
                    s = max(s, note["end"])
                else:
                    e = min(e, note["start"])
        s, e = _trim(text, s, e)
        if e <= s:
            continue
        node = structure.node_at(s) or node
        if reviews and review_index.containing(s):
            continue
        clauses = _clauses(text, s, e, subject_starts)
        if subject_starts:
            clauses = _join_settings(text, clauses, subject_starts, actor_index)
            if len(clauses) > 1 and not all(is_task(cs, ce) for cs, ce in clauses):
                clauses = _clauses(text, s, e)  # a subject's split that leaves no task is none
        if len(clauses) > 1 and all(is_task(cs, ce) for cs, ce in clauses):
            for cs, ce in clauses:
                spans.append((cs, ce, sent, node))
        elif is_task(s, e):
            spans.append((s, e, sent, node))

    for _row, s, e in rows:
        sent = structure.sentence_at(s) or Segment("", s, e, text[s:e])
        spans.append((s, e, sent, structure.node_at(s)))
    spans.sort(key=lambda x: (x[0], x[1]))
    row_of = {(s, e): row for row, s, e in rows}

    actor_index = SpanIndex(actors)
    program_index = SpanIndex(programs)
    tasks: list[Task] = []
    for i, (s, e, sent, node) in enumerate(spans, 1):
        task = Task(start=s, end=e, text=text[s:e], id=f"t{i}",
                    goal=node.id if node is not None else None, sentence=sent.id)
        seen: set[tuple[str, str]] = set()
        row = row_of.get((s, e))
        cell_mentions = [m for c in row.cells if c.role in ("lead", "partner")
                         for m in actor_index.inside(c.start, c.end)] if row else []
        for m in [*cell_mentions, *actor_index.inside(s, e)]:
            key = (m.name or m.text, m.role)
            if key not in seen:
                seen.add(key)
                task.actors.append({"name": key[0], "role": m.role, "implicit": False})
        for m in program_index.inside(s, e):
            if (m.name or m.text) not in task.programs:
                task.programs.append(m.name or m.text)
        tasks.append(task)

    _assign_commitments(tasks, commitments)
    _attach_notes(text, structure, tasks, notes, actors)
    _duty_lists(structure, tasks)
    _assisting_subjects(text, tasks, actors)
    _to_addressees(text, structure, tasks)
    _carry_subjects(text, structure, tasks, actors)
    for task in tasks:  # 牵头单位：X / 责任单位：X、Y: X leads, and is no partner of its own task
        leads = {a["name"] for a in task.actors if a["role"] == "lead"}
        task.actors = [a for a in task.actors if a["role"] != "partner" or a["name"] not in leads]
    issuers = [name for name in structure.issuers if name]
    for task in tasks:
        if issuers and not any(a["role"] == "lead" for a in task.actors):
            for name in issuers:
                task.actors.append({"name": name, "role": "lead", "implicit": True})
    attach_deadlines(text, structure, tasks, actors)
    for task in tasks:
        row = row_of.get((task.start, task.end))
        cell = next((c for c in row.cells if c.role == "deadline"), None) if row else None
        if cell is not None:
            found = find_deadlines(text, cell.start, cell.end)
            if found:
                task.deadline = resolved_deadline(text, structure, found[0])
    return tasks


def _join_settings(text: str, clauses: list[tuple[int, int]], subjects: frozenset[int],
                   actors: SpanIndex) -> list[tuple[int, int]]:
    """A clause that does not ask by itself (`_asks`) stays with the new subject's clause
    after it: 对拒不整改的，建管中心将…; 依据…有关要求，各街镇（园区）完成…."""
    out: list[tuple[int, int]] = []
    for cs, ce in clauses:
        if out and cs in subjects and not _asks(text, *out[-1], actors):
            out[-1] = (out[-1][0], ce)
        else:
            out.append((cs, ce))
    return out


def _asks(text: str, s: int, e: int, actors: SpanIndex) -> bool:
    """A clause cut off before a new subject's comma is a task of its own only when it asks
    by itself: it names its own lead or holds a modal (中央财政加大…，省级政府要…; 要加大…，
    机关、事业单位和国有企业要带头清欠). Not a condition or a setting (实行监理的小型工程，
    对拒不整改的，在小区宣传栏内，到2025年，…)."""
    clause = text[s:e]
    return any(m.role == "lead" for m in actors.inside(s, e)) \
        or cue_list("task_modals.txt").found_in(clause) or cue_list("clause_modals.txt").found_in(clause)


def _plain_name(name: str) -> bool:
    """各部门, 区财政局, 中央财政: a unit's name that holds no verb, preposition or list
    (not 健全国有企业, 切实把退役军人, 其中在药店零售和医疗机构, 厨余垃圾收集后运送至市局)."""
    if not 2 <= len(name) <= 12 or not known(name) or _TASK_VERB.search(name) \
            or any(ch in "、和及与或把将对在向" for ch in name):
        return False
    tags = policy_segmenter().tag(name, hmm=False)
    return bool(tags) and tags[0][1][:1] != "d" \
        and all(flag != "v" and flag[:1] not in ("p", "c") for _w, flag in tags[1:] + tags[:1]
                if not (_w == name[:len(_w)] and _w in ("各", "相关", "有关")))


def _clause_subjects(text: str, actors: Sequence[ActorMention]) -> frozenset[int]:
    """Where a comma clause opens with its own lead that does more than lead
    (，各部门做好现场检查记录; not ，镇经发办牵头 nor ，由城管中队负责: those only assign)."""
    out = set()
    index = SpanIndex(actors)
    for m in actors:
        if m.role != "lead" or m.start == 0 or text[m.start - 1] not in "，," \
                or not _plain_name(m.text):
            continue
        stop = _COMMA.search(text, m.end)
        end = stop.start() if stop else len(text)
        rest = _outside(text, m.start, end, [(o.start, o.end) for o in index.inside(m.start, end)])
        if _assign_filler().sub("", rest):
            out.add(m.start)
    return frozenset(out)


def _task_rows(structure: Structure) -> list[tuple[Row, int, int]]:
    """The rows of task tables, each with the span of its task cells (任务, 目标)."""
    out = []
    for table in structure.tables:
        for row in table.rows:
            cells = [c for c in row.cells if c.role in ("task", "target")
                     and c.start >= row.start]
            if cells:
                out.append((row, cells[0].start, max(c.end for c in cells)))
    return out


_ASSIST_CUE = re.compile(alternation(words("assist_cues.txt")))
_TASK_VERB = re.compile(alternation(words("task_verbs.txt")))
_COMMA = re.compile(r"[，,；;]")


def _assisting_subjects(text: str, tasks: list[Task], actors: list[ActorMention]) -> None:
    """物业公司作为小区管理责任人，协助居委开展…: who assists is a partner of that task,
    however an earlier clause named it (ANNOTATION.md §2, 协助X / 配合X做…)."""
    index = SpanIndex(actors)
    for task in tasks:
        for cue in _ASSIST_CUE.finditer(text, task.start, task.end):
            after = [m for m in index.overlapping(cue.end(), cue.end() + 1)
                     if m.start == cue.end() and m.role == "lead"]
            if not after:
                continue
            assisted = {m.name or m.text for m in after}
            before = {m.name or m.text for m in index.inside(task.start, cue.start())}
            for a in task.actors:
                if a["role"] == "lead" and a["name"] in before - assisted:
                    a["role"] = "partner"


def _explicit_leads(task: Task) -> list[dict]:
    return [a for a in task.actors if a["role"] == "lead" and not a.get("implicit")]


def _carry_subjects(text: str, structure: Structure, tasks: list[Task],
                    actors: list[ActorMention]) -> None:
    """吴泾镇依据协议对地块进行管护，建立定期巡查制度；做好巡查记录: a clause without a lead
    of its own is done by the lead of the clause before it in the same sentence, or by
    the unit that opens its paragraph (经发办负责…，核实…；督促…), or by the lead its item's
    heading names (四是发挥城管社区工作室的作用。主动牵头…).

    A clause that assists (…，协助相关村做好看护工作，并做好…衔接) has the sentence's subject
    as a partner; the unit assisted leads it (the issuer where it names none) and the
    subject goes on leading the clauses after it."""
    opening: dict[int, list[str]] = {}
    last_end: dict[int, int] = {}  # where the paragraph's opening list has reached
    for m in sorted(actors, key=lambda m: (m.start, m.end)):
        para = structure.paragraph_at(m.start)
        if para is None:
            continue
        if m.role == "lead" and (m.start - para.start <= 3 or para.start in last_end
                                 and not _LIST_GAP.sub("", text[last_end[para.start]:m.start])):
            opening.setdefault(para.start, []).append(m.name or m.text)
            last_end[para.start] = m.end  # 建管中心、城运中心、…等职能部门与各居民区…: the whole list opens it
        elif para.start in last_end and m.start < last_end[para.start] + 8 and m.start >= last_end[para.start]:
            if not _LIST_GAP.sub("", text[last_end[para.start]:m.start]):
                last_end[para.start] = m.end  # a kind in the list (等职能部门) goes on with it
    heading_leads: dict[str, list[str]] = {}  # 四是发挥城管社区工作室的作用。主动牵头…
    for m in actors:
        node = structure.node_at(m.start)
        if m.role == "lead" and node is not None and node.kind in _ITEM_KINDS \
                and node.heading_start <= m.start < node.heading_end and _plain_name(m.text):
            heading_leads.setdefault(node.id, []).append(m.name or m.text)
    previous: Task | None = None
    subject: list[str] = []  # who leads the sentence's clauses of its own so far
    for task in tasks:
        if previous is None or previous.sentence != task.sentence:
            subject = []
        assists = _opens_assisting(task.text)
        own = [a["name"] for a in _explicit_leads(task)]
        if assists or not own:
            names = subject
            if not names:
                para = structure.paragraph_at(task.start)
                names = opening.get(para.start, []) if para is not None else []
            if not names:  # the lead an item's heading names does the item's subjectless tasks
                names = heading_leads.get(task.goal, [])
            have = {a["name"] for a in task.actors}
            for n in names:
                if n not in have:
                    task.actors.append({"name": n, "role": "partner" if assists else "lead",
                                        "implicit": False})
            if not assists:
                own = names
        if not assists:
            subject = own
        previous = task


_LIST_GAP = re.compile(r"[、，,和及与或等\s]")


def _opens_assisting(text: str, at: int = 0) -> bool:
    """配合做好…, 协助居委开展…, 协同派出所做好…: a clause that opens by assisting (not
    协同推进…, where 协同 is an adverb: data/assist_cues.txt, flag named)."""
    m = _ASSIST_CUE.match(text, at)
    return m is not None and not (m.group() in words("assist_cues.txt", "named")
                                  and _TASK_VERB.match(text, m.end()))


def _to_addressees(text: str, structure: Structure, tasks: list[Task]) -> None:
    """现印发给你们，请认真贯彻执行: the notice's addressees lead what it asks of 你们."""
    names = None
    for task in tasks:
        if "你们" in task.text or "各单位" in task.text[:8]:
            if names is None:
                units = [text[a:b] for a, b in addressees(text, structure)]
                names = list(canonical_names(units).values()) if units else []
            have = {a["name"] for a in task.actors}
            for n in names:
                if n not in have:
                    task.actors.append({"name": n, "role": "lead", "implicit": False})


def _duty_lists(structure: Structure, tasks: list[Task]) -> None:
    """A duty-list item's unit leads each task under it that names no lead of its own; a
    duty that says 配合/协助/协同 makes it a partner (the unit it assists leads)."""
    for task in tasks:
        node = structure.node(task.goal)
        holder = None
        while node is not None and holder is None:
            holder = duty_holder(node, structure)
            node = node.parent
        if holder is None:
            continue
        names = [holder[a:b] for a, b in split_units(holder, 0)]
        canon = canonical_names(names)
        have = {a["name"] for a in task.actors}
        role = "partner" if _ASSIST_CUE.search(task.text) else "lead"
        if role == "lead" and any(a["role"] == "lead" and a["name"] not in canon.values()
                                  for a in task.actors):
            role = "partner"  # 由物业公司在…喷涂: the duty names its own lead
        for n in names:
            if canon[n] not in have:
                task.actors.append({"name": canon[n], "role": role, "implicit": False})


def _assign_commitments(tasks: list[Task], commitments: list[Commitment]) -> None:
    """Each commitment goes to the task it overlaps most."""
    if not tasks:
        return
    starts = [t.start for t in tasks]
    assigned: dict[int, set[str]] = {}  # a set per task: list membership made it quadratic
    for c in commitments:
        i = bisect.bisect_right(starts, c.end) - 1
        best, best_ov = None, 0
        for j in range(max(0, i - 3), min(len(tasks), i + 2)):
            ov = overlap(tasks[j].start, tasks[j].end, c.start, c.end)
            if ov > best_ov:
                best, best_ov = tasks[j], ov
        if best is not None and c.id:
            ids = assigned.get(id(best))
            if ids is None:
                ids = assigned[id(best)] = set(best.commitments)
            if c.id not in ids:
                ids.add(c.id)
                best.commitments.append(c.id)


# a task closed by a note of its own (…降低20%。（市经委牵头）) takes no later note of its paragraph
_OWN_NOTE = re.compile(r"[（(][^（）()]*(?:牵头|负责|配合)[^（）()]*[）)]$")


def _attach_notes(text: str, structure: Structure, tasks: list[Task], notes: list[dict],
                  actors: list[ActorMention]) -> None:
    """A note's actors go to the tasks it closes: those of its paragraph (else of its
    outline node) that come after the previous note."""
    if not notes or not tasks:
        return
    task_starts = [t.start for t in tasks]
    named_actors = SpanIndex(actors)
    by_goal: dict[str, list[Task]] = {}
    for t in tasks:
        by_goal.setdefault(t.goal, []).append(t)

    claimed: set[str] = set()
    previous: tuple[int, list[Task]] = (-1, [])  # the last note's end and the tasks it closed
    for note in notes:
        named = named_actors.inside(note["start"], note["end"])
        if named:
            pairs = [(m.name or m.text, m.role) for m in named]
            # a label of its own decides the role where the extractor read none
            by_name = {a["name"]: a["role"] for a in note["actors"]}
            pairs = [(n, by_name.get(n, r)) for n, r in pairs]
        else:
            pairs = [(a["name"], a["role"]) for a in note["actors"]]
        if not pairs:
            continue
        para = structure.paragraph_at(note["start"])
        closes: list[Task] = []
        if previous[1] and not HAN_RE.search(text, previous[0], note["start"]):
            closes = previous[1]  # 牵头单位：X / 协办单位：Y on the next line: the same tasks
        elif para is not None:
            lo = bisect.bisect_left(task_starts, para.start)
            hi = bisect.bisect_left(task_starts, note["start"])
            closes = [t for t in tasks[lo:hi] if t.end <= note["start"] and t.id not in claimed
                      and not _OWN_NOTE.search(t.text)]
        if not closes:
            node = structure.node_at(note["start"])
            if node is not None:
                closes = [t for t in by_goal.get(node.id, [])
                          if t.end <= note["start"] and t.id not in claimed]
        previous = (note["end"], closes)
        for t in closes:
            claimed.add(t.id)
            have = {(a["name"], a["role"]) for a in t.actors}
            for name, role in pairs:
                if (name, role) not in have:
                    t.actors.append({"name": name, "role": role, "implicit": False})
                    have.add((name, role))
