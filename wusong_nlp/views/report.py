"""A self-contained HTML report of one plan, for people who do not read JSON.

One page, nothing fetched from the network (CSS inline, graph as inline SVG): the
outline as navigation, the text with quantities, actors and programmes highlighted at
their JSON offsets, the tables, and the goal–programme graph. Overlapping spans are
nested; where two cross, the inner one is split and its later pieces carry `data-cont`,
so counting elements without `data-cont` counts each item once.
"""

from __future__ import annotations

import functools
import html
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from ..graph import cross_cutting_programs, goals_for_program
from ..records import ROLES
from ..text import short
from .notebook import (
    actor_rows,
    commitment_label,
    counts,
    program_goals,
    program_rows,
    span_items,
    span_styles,
)
from .table import COLUMNS, TRACKING_COLUMNS, task_table

if TYPE_CHECKING:
    from ..analysis import PlanAnalysis

MAX_GRAPH_PROGRAMS = 80  # the SVG stays readable; the table lists them all


def esc(s) -> str:
    return html.escape("" if s is None else str(s), quote=True)


@functools.cache
def _css() -> str:
    ref = resources.files("wusong_nlp") / "data" / "report.css"
    return ref.read_text(encoding="utf-8")


def _color_css() -> str:
    styles = span_styles()
    rules = []
    for group, cls in (("quantities", "q"), ("actors", "role"), ("programs", "prog")):
        for kind, color in styles[group].items():
            rules.append(f"mark.{cls}-{kind} {{ background: {color}; }}")
    return "\n".join(rules)


# --- the highlighted text -------------------------------------------------------------

@dataclass
class _Tag:
    start: int
    end: int
    rank: int  # among spans with the same extent: lower opens outside
    name: str  # the element
    attrs: dict[str, str]

    def open(self, cont: bool) -> str:
        attrs = dict(self.attrs)
        if cont:
            attrs.pop("id", None)
            attrs["data-cont"] = "1"
        inner = "".join(f' {k}="{esc(v)}"' for k, v in attrs.items() if v is not None)
        return f"<{self.name}{inner}>"

    def close(self) -> str:
        return f"</{self.name}>"


def nest_markup(text: str, tags: list[_Tag], anchors: dict[int, list[str]] | None = None) -> str:
    """HTML of `text` with each tag wrapped around text[start:end], well-formed.

    Tags that share a start open longest first. A tag that outlives an enclosing one
    is closed with it and reopened after it (the piece gets `data-cont`). Anchors are
    empty elements inserted at their offsets, outside the tags that open there.
    """
    anchors = anchors or {}
    tags = [t for t in tags if 0 <= t.start < t.end <= len(text)]
    starting: dict[int, list[_Tag]] = defaultdict(list)
    for t in tags:
        starting[t.start].append(t)
    bounds = sorted({0, len(text), *starting, *(t.end for t in tags),
                     *(p for p in anchors if 0 <= p <= len(text))})
    out: list[str] = []
    stack: list[_Tag] = []
    prev = 0
    for p in bounds:
        out.append(html.escape(text[prev:p], quote=False))
        prev = p
        reopen: list[_Tag] = []
        ending = [i for i, t in enumerate(stack) if t.end == p]
        if ending:
            i = ending[0]
            reopen = [t for t in stack[i:] if t.end != p]
            out.extend(t.close() for t in reversed(stack[i:]))
            del stack[i:]
        out.extend(anchors.get(p, []))
        opening = [(t, True) for t in reopen] + [(t, False) for t in starting.get(p, [])]
        opening.sort(key=lambda x: (-x[0].end, x[0].rank))
        for t, cont in opening:
            out.append(t.open(cont))
            stack.append(t)
    out.extend(t.close() for t in reversed(stack))
    return "".join(out)


def _node_anchor_ids(analysis: PlanAnalysis) -> dict[str, str]:
    """Page anchors of the outline nodes, computed once per analysis (links ask often)."""
    ids = analysis.__dict__.get("_anchor_ids")
    if ids is None:
        ids = {n.id: f"sec-{i}" for i, n in enumerate(analysis.structure.nodes(), 1)}
        analysis.__dict__["_anchor_ids"] = ids
    return ids


def _span_tags(analysis: PlanAnalysis) -> list[_Tag]:
    text = analysis.text
    tags: list[_Tag] = []
    for n in analysis.structure.nodes():
        if n.heading_end > n.heading_start:
            tags.append(_Tag(n.heading_start, n.heading_end, 0, "span",
                             {"class": f"heading level-{n.level}", "data-node": n.id}))
    quantities = {q.id: q for q in analysis.quantities}
    for item in span_items(analysis):
        group, kind = item["group"], item["kind"]
        title = f"{group}: {item['name']} ({kind})"
        if group == "quantities":
            q = quantities[item["id"]]
            cls = f"q q-{kind}" + (" commitment" if item["commitment"] else "")
            title = (f"{kind}: value {q.value} {q.unit or ''} ({q.qualifier})"
                     + (f" — commitment {item['commitment']}" if item["commitment"] else ""))
            attrs = {"class": cls, "data-kind": kind, "data-q": q.id,
                     "data-commitment": item["commitment"], "title": title}
            rank = 3
        elif group == "actors":
            attrs = {"class": f"actor role-{kind}", "data-actor": item["name"],
                     "data-role": kind, "title": title}
            rank = 2
        else:
            attrs = {"class": f"prog prog-{kind}", "data-program": item["name"],
                     "data-kind": kind, "title": title}
            rank = 1
        tags.append(_Tag(item["start"], item["end"], rank, "mark", attrs))
    # a commitment whose quantity is not among the quantities is marked on its own span
    for c in analysis.commitments:
        if c.quantity not in quantities and 0 <= c.start < c.end <= len(text):
            tags.append(_Tag(c.start, c.end, 4, "mark",
                             {"class": "commitment", "data-commitment": c.id,
                              "title": f"commitment {c.id}"}))
    return tags


def text_html(analysis: PlanAnalysis) -> str:
    """The plan's text with headings anchored and every found span highlighted."""
    ids = _node_anchor_ids(analysis)
    anchors: dict[int, list[str]] = defaultdict(list)
    for n in analysis.structure.nodes():
        anchors[n.start].append(f'<span class="anchor" id="{ids[n.id]}" data-node="{esc(n.id)}">'
                                "</span>")
    return nest_markup(analysis.text, _span_tags(analysis), anchors)


# --- navigation, tables, graph ------------------------------------------------------

def outline_nav(analysis: PlanAnalysis) -> str:
    ids = _node_anchor_ids(analysis)

    def items(nodes) -> str:
        """Nested lists of the outline, built with a stack (no outline is too deep)."""
        if not nodes:
            return ""
        parts: list[str] = ["<ul>"]
        stack: list = [("close", "</ul>")] + [("node", n) for n in reversed(nodes)]
        while stack:
            what, item = stack.pop()
            if what == "close":
                parts.append(item)
                continue
            parts.append(f'<li><a href="#{ids[item.id]}" title="{esc(item.heading)}">'
                         f"{esc(item.number)} {esc(item.heading)}</a>")
            stack.append(("close", "</li>"))
            if item.children:
                parts.append("<ul>")
                stack.append(("close", "</ul>"))
                stack.extend(("node", c) for c in reversed(item.children))
        return "".join(parts)

    body = items(analysis.structure.outline) or '<p class="none">no headings found</p>'
    jump = "".join(f'<li><a href="#{k}">{esc(v)}</a></li>' for k, v in
                   (("summary", "Summary"), ("text", "Text"), ("commitments", "Commitments"),
                    ("tasks", "Tasks (任务分解表)"), ("actors", "Actors"),
                    ("programs", "Programmes"), ("graph", "Graph")))
    return (f'<nav id="outline"><h2>Outline 目录</h2>{body}'
            f'<div class="jump"><ul>{jump}</ul></div></nav>')


def _goal_link(analysis: PlanAnalysis, node_id: str | None, label: str | None = None) -> str:
    ids = _node_anchor_ids(analysis)
    if not node_id:
        return ""
    label = label or node_id
    if node_id in ids:
        return f'<a href="#{ids[node_id]}">{esc(label)}</a>'
    return esc(label)


def _table(table_id: str, headers: list[str], rows: list[str], empty: str) -> str:
    if not rows:
        return f'<p class="none" id="{table_id}-empty">{esc(empty)}</p>'
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    return (f'<table id="{table_id}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def commitments_table(analysis: PlanAnalysis) -> str:
    quantities = {q.id: q for q in analysis.quantities}
    rows = []
    for c in analysis.commitments:
        q = quantities.get(c.quantity)
        rows.append(
            f'<tr data-commitment="{esc(c.id)}"><td>{esc(c.id)}</td>'
            f"<td>{esc(q.text if q else commitment_label(c))}</td>"
            f'<td class="num">{esc(c.value)}</td><td>{esc(c.unit)}</td><td>{esc(c.qualifier)}</td>'
            f"<td>{esc(c.object)}</td><td>{esc(c.action)}</td><td>{esc(c.horizon)}</td>"
            f"<td>{_goal_link(analysis, c.node)}</td></tr>")
    return _table("table-commitments", ["id", "数量", "value", "unit", "qualifier", "object 对象",
                                        "action 动作", "horizon 时限", "section"],
                  rows, "No commitments found.")


# the page shows what the plan says; the tracking columns (进度, 督查情况) are the office's
_TASK_COLUMNS = tuple(c for c in COLUMNS if c not in TRACKING_COLUMNS)


def tasks_table(analysis: PlanAnalysis) -> str:
    tasks = sorted(analysis.tasks, key=lambda t: (t.start, t.end))
    rows = []
    for task, row in zip(tasks, task_table(analysis), strict=True):
        cells = []
        for col in _TASK_COLUMNS:
            if col == "目标":
                cells.append(f"<td>{_goal_link(analysis, task.goal, row[col])}</td>")
            else:
                cells.append(f"<td>{esc(row[col])}</td>")
        rows.append(f'<tr data-task="{esc(task.id)}">{"".join(cells)}</tr>')
    return _table("table-tasks", list(_TASK_COLUMNS), rows, "No tasks found.")


def actors_table(analysis: PlanAnalysis) -> str:
    rows = [f'<tr data-actor="{esc(r["name"])}"><td>{esc(r["name"])}</td>'
            f"<td>{esc(r['aliases'])}</td><td class='num'>{r['mentions']}</td>"
            + "".join(f"<td class='num'>{r[role]}</td>" for role in ROLES) + "</tr>"
            for r in actor_rows(analysis)]
    return _table("table-actors", ["actor 主体", "aliases", "mentions", *ROLES], rows,
                  "No actors found.")


def programs_table(analysis: PlanAnalysis) -> str:
    rows = []
    for p, r in zip(analysis.programs, program_rows(analysis), strict=True):
        goals = ", ".join(_goal_link(analysis, g) for g in program_goals(p))
        rows.append(f'<tr data-program="{esc(r["name"])}"><td>{esc(r["name"])}</td>'
                    f"<td>{esc(r['kind'])}</td><td>{esc(r['aliases'])}</td>"
                    f"<td class='num'>{r['mentions']}</td><td>{goals}</td>"
                    f"<td class='num'>{r['n_parts']}</td></tr>")
    return _table("table-programs", ["programme 项目/机制", "kind", "aliases", "mentions",
                                     "goals 服务的目标", "parts"], rows, "No programmes found.")


def graph_svg(analysis: PlanAnalysis) -> str:
    """Programmes (left) linked to the sections they serve (right), as inline SVG.

    Links come from the graph (`goals_for_program`, at part/section level). A
    programme serving more than one part of the plan is cross-cutting and drawn in
    orange: these are the levers that advance several goals at once.
    """
    g = analysis.graph
    cross = {r["name"] for r in cross_cutting(analysis)}
    progs = [(p["name"], goals_for_program(g, p["name"], level=2, qualified=False))
             for p in analysis.programs]
    progs = [(name, goals) for name, goals in progs if goals]
    order = {n.id: i for i, n in enumerate(analysis.structure.nodes())}
    # cross-cutting first, then by the section they serve, so that few links cross
    progs.sort(key=lambda x: (x[0] not in cross, min(order.get(i, 1e9) for i in x[1])))
    progs = progs[:MAX_GRAPH_PROGRAMS]
    if not progs:
        return '<p class="none">No programme is linked to a goal.</p>'
    headings = {n.id: n.heading for n in analysis.structure.nodes()}
    goals = sorted({x for _, gs in progs for x in gs}, key=lambda x: (order.get(x, 1e9), x))
    row, top, lx, rx, width = 22, 20, 260, 620, 1000
    gy = {x: top + i * row for i, x in enumerate(goals)}
    # spread the shorter column over the height of the longer one
    n = max(len(progs), len(goals))
    if len(goals) < n:
        step = row * (n - 1) / max(len(goals) - 1, 1)
        gy = {x: top + i * step for i, x in enumerate(goals)}
    height = top + n * row + 10
    edges, nodes = [], []
    for i, (name, gs) in enumerate(progs):
        y = top + i * row
        cls = " cross" if name in cross else ""
        for x in gs:
            edges.append(f'<path class="edge{cls}" d="M{lx + 5},{y} C{(lx + rx) / 2},{y} '
                         f'{(lx + rx) / 2},{gy[x]:.1f} {rx - 5},{gy[x]:.1f}"/>')
        nodes.append(f'<g class="prog-node{cls}" data-program="{esc(name)}">'
                     f'<circle cx="{lx + 5}" cy="{y}" r="4" fill="#c2255c"/>'
                     f'<text x="{lx - 3}" y="{y + 4}" text-anchor="end">{esc(short(name, 18))}</text></g>')
    for x in goals:
        label = short(f"{x} {headings.get(x, '')}", 32)
        nodes.append(f'<g class="goal-node" data-node="{esc(x)}">'
                     f'<circle cx="{rx - 5}" cy="{gy[x]:.1f}" r="4" fill="#1a4f8b"/>'
                     f'<text x="{rx + 3}" y="{gy[x] + 4:.1f}">{esc(label)}</text></g>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="programmes and goals">'
            f"{''.join(edges)}{''.join(nodes)}</svg>")


def cross_cutting(analysis: PlanAnalysis) -> list[dict]:
    """Programmes serving more than one part of the plan (`graph.cross_cutting_programs`),
    each with the outline ids of those parts."""
    g = analysis.graph
    out = []
    for r in cross_cutting_programs(g):
        ids = [g.nodes[x].get("outline_id", x) for x in r["top_goals"]]
        out.append({**r, "outline_ids": ids})
    return out


def _legend() -> str:
    styles = span_styles()
    parts = []
    for group, cls in (("quantities", "q"), ("actors", "role"), ("programs", "prog")):
        marks = " ".join(f'<mark class="legend-{cls} {cls}-{k}">{esc(k)}</mark>'
                         for k in styles[group])
        parts.append(f"<div><b>{esc(group)}</b>: {marks}</div>")
    parts.append('<div><mark class="legend-commitment" style="outline:2px solid #d9480f">'
                 "framed</mark> = a quantity that is a commitment</div>")
    return f'<div class="legend">{"".join(parts)}</div>'


def _summary(analysis: PlanAnalysis) -> str:
    labels = span_styles()["labels"]
    c = counts(analysis)
    items = "".join(f'<li id="count-{k}" data-count="{n}"><b>{n}</b>{esc(k)}'
                    f"{' ' + esc(labels[k]) if k in labels else ''}</li>" for k, n in c.items())
    return f'<section id="summary"><ul>{items}</ul></section>'


def render_report(analysis: PlanAnalysis) -> str:
    """The whole report as one HTML string (UTF-8, no external resources)."""
    title = analysis.title or analysis.source.path or "plan"
    meta = " · ".join(x for x in ("、".join(analysis.issuers), str(analysis.year or ""),
                                  analysis.source.path or "") if x)
    cross = cross_cutting(analysis)
    cross_html = ("<ul>" + "".join(
        f'<li data-program="{esc(r["name"])}"><b>{esc(r["name"])}</b>: '
        + "; ".join(_goal_link(analysis, i, f"{i} {lab}")
                    for i, lab in zip(r["outline_ids"], r["top_goal_labels"], strict=False))
        + "</li>" for r in cross) + "</ul>") if cross else \
        '<p class="none">No programme serves more than one part of the plan.</p>'
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="wusong-nlp">
<title>{esc(title)}</title>
<style>
{_css()}
{_color_css()}
</style>
</head>
<body>
{outline_nav(analysis)}
<main>
<header><h1>{esc(title)}</h1><p class="meta">{esc(meta)}</p></header>
{_summary(analysis)}
<section id="text"><h2>Text 原文</h2>
{_legend()}
<div class="plan-text">{text_html(analysis)}</div>
</section>
<section id="commitments"><h2>Commitments 量化承诺</h2>
{commitments_table(analysis)}
</section>
<section id="tasks"><h2>Tasks 任务分解表</h2>
{tasks_table(analysis)}
</section>
<section id="actors"><h2>Actors 主体</h2>
{actors_table(analysis)}
</section>
<section id="programs"><h2>Programmes 项目/机制</h2>
{programs_table(analysis)}
</section>
<section id="graph"><h2>Goals and programmes 目标—项目图</h2>
<h3>Cross-cutting programmes</h3>
{cross_html}
<div class="graph-wrap">{graph_svg(analysis)}</div>
</section>
</main>
</body>
</html>
"""
