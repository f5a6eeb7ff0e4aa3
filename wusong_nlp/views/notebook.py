"""Notebook views of an analysis: pandas DataFrames, an HTML summary, displaCy spans.

A notebook user wants tables to filter and sort, not nested JSON; and wants to *see*
what was found in the text. Everything here reads the records of a `PlanAnalysis`
and never changes them, so the views always agree with the JSON output.
pandas is needed only for `to_frame` (the `frames` extra).
"""

from __future__ import annotations

import functools
import html
import json
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from ..records import ROLES, Commitment, Quantity
from ..resources import data_path

if TYPE_CHECKING:
    import pandas as pd

    from ..analysis import PlanAnalysis

FRAMES = ("outline", "quantities", "commitments", "tasks", "actors", "programs")
SPAN_KINDS = ("quantities", "actors", "programs")
# which of two overlapping spans the displaCy view keeps: a name over a number inside it
SPAN_PRIORITY = {"programs": 0, "actors": 1, "quantities": 2}


@functools.cache
def span_styles() -> dict:
    """Colours and labels of highlighted spans (data/span_styles.json)."""
    return json.loads(data_path("span_styles.json").read_text(encoding="utf-8"))


def _pandas():
    """pandas, imported when a DataFrame is first asked for (it is slow to import)."""
    import pandas as pd

    return pd


def _joined(items, sep: str = "、") -> str:
    return sep.join(str(i) for i in items if i)


def _goal_id(goal: Any) -> str | None:
    """A programme's goal is a node id, or a dict carrying one (id / goal / node)."""
    if isinstance(goal, dict):
        return goal.get("id") or goal.get("goal") or goal.get("node")
    return goal if isinstance(goal, str) else None


def program_goals(program: dict) -> list[str]:
    """The outline node ids a programme serves, in order, without repeats."""
    out: list[str] = []
    for g in program.get("goals") or []:
        gid = _goal_id(g)
        if gid and gid not in out:
            out.append(gid)
    return out


def _record_columns(cls) -> list[str]:
    return [f.name for f in fields(cls)]


def outline_rows(analysis: PlanAnalysis) -> list[dict]:
    return [{"id": n.id, "level": n.level, "number": n.number, "kind": n.kind,
             "heading": n.heading, "start": n.start, "end": n.end}
            for n in analysis.structure.nodes()]


def quantity_rows(analysis: PlanAnalysis) -> list[dict]:
    rows = []
    for q in analysis.quantities:
        d = q.to_dict()
        d["members"] = _joined(d.get("members") or [])
        rows.append(d)
    return rows


def commitment_rows(analysis: PlanAnalysis) -> list[dict]:
    rows = []
    for c in analysis.commitments:
        d = c.to_dict()
        d["stages"] = _joined((f"{s['horizon']} {s['action']}".strip()
                               for s in d.get("stages") or []), "；")
        rows.append(d)
    return rows


def task_rows(analysis: PlanAnalysis) -> list[dict]:
    rows = []
    for t in analysis.tasks:
        by_role = {r: [a["name"] for a in t.actors if a.get("role") == r] for r in ROLES}
        rows.append({"id": t.id, "goal": t.goal, "text": t.text,
                     "lead": _joined(by_role["lead"]), "partners": _joined(by_role["partner"]),
                     "urged": _joined(by_role["urged"]),
                     "beneficiaries": _joined(by_role["beneficiary"]),
                     "programs": _joined(t.programs), "commitments": _joined(t.commitments, ","),
                     "deadline": t.deadline.text if t.deadline else None,
                     "deadline_resolved": t.deadline.resolved if t.deadline else None,
                     "start": t.start, "end": t.end, "sentence": t.sentence})
    return rows


def actor_rows(analysis: PlanAnalysis) -> list[dict]:
    return actor_table(analysis.actors)


def actor_table(actors: list[dict]) -> list[dict]:
    """One row per actor entry (the JSON's `actors`): name, aliases, mentions per role."""
    rows = []
    for a in actors:
        mentions = a.get("mentions") or []
        row = {"name": a["name"], "aliases": _joined(a.get("aliases") or []),
               "mentions": len(mentions)}
        for role in ROLES:
            row[role] = sum(1 for m in mentions if m.get("role") == role)
        row["first"] = min((m["start"] for m in mentions), default=None)
        rows.append(row)
    return rows


def program_rows(analysis: PlanAnalysis) -> list[dict]:
    rows = []
    for p in analysis.programs:
        goals = program_goals(p)
        parts = {g.split("/", 1)[0] for g in goals}
        rows.append({"name": p["name"], "kind": p.get("kind"),
                     "aliases": _joined(p.get("aliases") or []),
                     "mentions": len(p.get("mentions") or []), "goals": _joined(goals, "; "),
                     "n_goals": len(goals), "n_parts": len(parts)})
    return rows


_COLUMNS = {
    "outline": ["id", "level", "number", "kind", "heading", "start", "end"],
    "quantities": _record_columns(Quantity),
    "commitments": _record_columns(Commitment),
    "tasks": ["id", "goal", "text", "lead", "partners", "urged", "beneficiaries", "programs",
              "commitments", "deadline", "deadline_resolved", "start", "end", "sentence"],
    "actors": ["name", "aliases", "mentions", *ROLES, "first"],
    "programs": ["name", "kind", "aliases", "mentions", "goals", "n_goals", "n_parts"],
}
_ROWS = {"outline": outline_rows, "quantities": quantity_rows, "commitments": commitment_rows,
         "tasks": task_rows, "actors": actor_rows, "programs": program_rows}
_INDEX = {"quantities": "id", "commitments": "id", "tasks": "id"}


def to_frame(analysis: PlanAnalysis, what: str = "commitments") -> pd.DataFrame:
    """One part of the analysis as a DataFrame, one row per record.

    `what` is one of FRAMES. Columns follow the record fields (ANNOTATION.md names),
    with lists flattened to 、-joined strings so the frame sorts, filters and exports.
    """
    if what not in _ROWS:
        raise ValueError(f"unknown frame {what!r}; choose from {', '.join(FRAMES)}")
    pd = _pandas()
    rows = _ROWS[what](analysis)
    columns = list(_COLUMNS[what])
    for row in rows:  # fields added to records later still show up
        columns += [k for k in row if k not in columns]
    frame = pd.DataFrame(rows, columns=columns)
    if what in _INDEX and not frame.empty:
        frame = frame.set_index(_INDEX[what], drop=False)
        frame.index.name = None
    return frame


# --- HTML summary -------------------------------------------------------------------

def counts(analysis: PlanAnalysis) -> dict[str, int]:
    """How many of each thing the analysis found."""
    return {"outline": len(analysis.structure.nodes()), "quantities": len(analysis.quantities),
            "commitments": len(analysis.commitments), "tasks": len(analysis.tasks),
            "actors": len(analysis.actors), "programs": len(analysis.programs)}


def commitment_label(c, quantities: dict[str, Quantity] | None = None) -> str:
    """A commitment in a few words: "150个 非机动车停放区域"."""
    q = (quantities or {}).get(c.quantity)
    amount = q.text if q is not None else f"{_number(c.value)}{c.unit or ''}"
    return f"{amount} {c.object or ''}".strip()


def _number(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "" if v is None else str(v)


def summary_html(analysis: PlanAnalysis, top: int = 10) -> str:
    """A readable card: title, issuers, year, counts and the first commitments."""
    esc = html.escape
    labels = span_styles()["labels"]
    c = counts(analysis)
    quantities = {q.id: q for q in analysis.quantities}
    head = (f"<h3 style='margin:.2em 0'>{esc(analysis.title or '(untitled plan)')}</h3>"
            f"<p style='margin:.2em 0'>{esc('、'.join(analysis.issuers) or 'issuer unknown')}"
            f" · {esc(str(analysis.year or 'year unknown'))}</p>")
    cells = "".join(f"<td style='padding:0 1em'><b>{n}</b> {esc(k)}"
                    f"{' (' + esc(labels[k]) + ')' if k in labels else ''}</td>"
                    for k, n in c.items())
    rows = "".join(
        f"<tr><td>{esc(cm.id)}</td><td>{esc(commitment_label(cm, quantities))}</td>"
        f"<td>{esc(cm.action or '')}</td><td>{esc(cm.horizon or '')}</td>"
        f"<td>{esc(cm.node or '')}</td></tr>"
        for cm in analysis.commitments[:top])
    table = ("<p><i>no commitments found</i></p>" if not rows else
             "<table><thead><tr><th>id</th><th>commitment</th><th>action</th><th>horizon</th>"
             f"<th>section</th></tr></thead><tbody>{rows}</tbody></table>")
    more = (f"<p>… and {c['commitments'] - top} more: <code>analysis.to_frame('commitments')"
            "</code></p>" if c["commitments"] > top else "")
    return (f"<div class='wusong-summary'>{head}<table><tr>{cells}</tr></table>"
            f"<h4 style='margin:.5em 0 .2em'>Top commitments</h4>{table}{more}</div>")


# --- displaCy -----------------------------------------------------------------------

def span_items(analysis: PlanAnalysis, what=SPAN_KINDS) -> list[dict]:
    """Highlightable spans of the text: {start, end, group, kind, name, id}.

    Actors and programmes come from their grouped form, so `name` is the canonical
    name the JSON lists them under. Spans without text (the issuer as implicit lead)
    are left out.
    """
    text = analysis.text
    commitment_of = {c.quantity: c.id for c in analysis.commitments}
    items: list[dict] = []
    if "quantities" in what:
        for q in analysis.quantities:
            items.append({"start": q.start, "end": q.end, "group": "quantities", "kind": q.kind,
                          "name": q.text, "id": q.id, "commitment": commitment_of.get(q.id)})
    for group, source in (("actors", "actors"), ("programs", "programs")):
        if group not in what:
            continue
        for entry in getattr(analysis, source):
            for m in entry.get("mentions") or []:
                kind = m.get("role") if group == "actors" else entry.get("kind")
                items.append({"start": m["start"], "end": m["end"], "group": group,
                              "kind": kind or group, "name": entry["name"], "id": None})
    return [i for i in items
            if 0 <= i["start"] < i["end"] <= len(text)]


def _without_overlaps(items: list[dict]) -> list[dict]:
    """Keep a non-overlapping subset: programmes, then actors, then quantities; longer first."""
    kept: list[dict] = []
    taken: list[tuple[int, int]] = []
    for it in sorted(items, key=lambda i: (SPAN_PRIORITY[i["group"]], i["start"] - i["end"])):
        if all(it["end"] <= s or it["start"] >= e for s, e in taken):
            kept.append(it)
            taken.append((it["start"], it["end"]))
    return sorted(kept, key=lambda i: i["start"])


def _display_label(item: dict) -> str:
    if item["group"] == "quantities":
        return f"Q-{item['kind']}".upper()
    if item["group"] == "actors":
        return f"ACTOR-{item['kind']}".upper()
    return f"PROG-{item['kind']}".upper()


def display_colors() -> dict[str, str]:
    styles = span_styles()
    colors = {}
    for group, prefix in (("quantities", "Q"), ("actors", "ACTOR"), ("programs", "PROG")):
        for kind, color in styles[group].items():
            colors[f"{prefix}-{kind}".upper()] = color
    return colors


def render_spans(analysis: PlanAnalysis, what=SPAN_KINDS, jupyter: bool | None = None,
                 node: str | None = None) -> str | None:
    """Quantities (by kind), actors (by role) and programmes highlighted with displaCy.

    Uses displaCy's manual "ent" style with character offsets, which suits Chinese
    (no token spacing). Overlaps are resolved by priority (a programme name beats a
    number inside it). `node` limits the view to one outline section. With
    `jupyter=False` the HTML is returned; `None` displays it when in a notebook.
    """
    from spacy import displacy

    what = (what,) if isinstance(what, str) else tuple(what)
    unknown = [w for w in what if w not in SPAN_KINDS]
    if unknown:
        raise ValueError(f"cannot render {unknown}; choose from {SPAN_KINDS}")
    text = analysis.text
    lo, hi = 0, len(text)
    if node is not None:
        found = analysis.structure.node(node)
        if found is None:
            raise ValueError(f"no outline node {node!r}")
        lo, hi = found.start, found.end
    items = [i for i in span_items(analysis, what) if lo <= i["start"] and i["end"] <= hi]
    ents = [{"start": i["start"] - lo, "end": i["end"] - lo,
             "label": html.escape(_display_label(i))} for i in _without_overlaps(items)]
    title = analysis.title if node is None else f"{analysis.title or ''} — {node}"
    title = html.escape(title) if title else title  # displaCy puts the title in raw
    doc = {"text": text[lo:hi], "ents": ents, "title": title}
    return displacy.render(doc, style="ent", manual=True, jupyter=jupyter,
                           options={"colors": display_colors()})
