"""HTML pages of a tracking result and of a plan comparison: both texts side by side.

One self-contained page (CSS inline, no script, nothing fetched): a table of the links,
then the plan's and the report's texts in two columns, each target and achievement
marked at its offsets, coloured by status, and linked to its counterpart (`#t3` ↔ `#a3`).
Every piece of document text is html-escaped.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from .report import _Tag, esc, nest_markup

if TYPE_CHECKING:
    from ..tracking import Comparison, TrackResult

STATUS_COLORS = {"met": "#c8e6c9", "exceeded": "#a5d6a7", "missed": "#ffcdd2",
                 "not_reported": "#eeeeee", "unclear": "#fff3c4",
                 "carried": "#c8e6c9", "raised": "#a5d6a7", "lowered": "#ffcdd2",
                 "dropped": "#eeeeee", "new": "#bbdefb"}

CSS = """
body { margin: 0; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; font-size: 15px; color: #222; background: #fafafa; }
header, section.links { padding: .6rem 1.4rem; }
h1 { font-size: 20px; margin: .3rem 0; } h2 { font-size: 17px; margin: .8rem 0 .3rem; }
.meta { color: #666; margin: 0; }
table { border-collapse: collapse; background: #fff; font-size: 13px; width: 100%; }
td, th { border: 1px solid #ddd; padding: 2px 6px; text-align: left; vertical-align: top; }
th { background: #f0f2f5; }
.counts span { display: inline-block; margin-right: .8rem; padding: 0 .4rem; border-radius: 4px; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; padding: 0 1.4rem 2rem; }
.side h2 { position: sticky; top: 0; background: #fafafa; }
.doc { white-space: pre-wrap; background: #fff; border: 1px solid #ddd; border-radius: 6px;
       padding: .8rem 1rem; line-height: 1.9; max-height: 90vh; overflow-y: auto; }
mark { padding: 0 1px; border-radius: 3px; outline: 1px solid #999; }
mark a { color: inherit; text-decoration: none; }
mark:target { outline: 2px solid #c62828; }
""" + "\n".join(f"mark.st-{k}, .counts .st-{k}, tr.st-{k} td.status {{ background: {c}; }}"
                for k, c in STATUS_COLORS.items())


_PROGRAM_STYLE = {"continued": "carried", "new": "new", "dropped": "dropped"}


def _page(title: str, meta: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="wusong-nlp">
<title>{esc(title)}</title>
<style>{CSS}</style>
</head>
<body>
<header><h1>{esc(title)}</h1><p class="meta">{esc(meta)}</p></header>
{body}
</body>
</html>
"""


def _side_html(heading: str, text: str, marks: list[tuple[int, int, str, str, str, str]]) -> str:
    """A document column: marks are (start, end, id, status, href, title)."""
    tags, seen = [], set()
    ids: dict[tuple[int, int], list[str]] = defaultdict(list)
    for s, e, i, *_ in marks:
        ids[(s, e)].append(i)
    for rank, (s, e, i, status, href, title) in enumerate(marks):
        if (s, e) in seen:  # one achievement reporting on two targets: one mark
            continue
        seen.add((s, e))
        tags.append(_Tag(s, e, rank, "mark", {"id": i, "class": f"st-{status}",
                                               "data-ids": " ".join(ids[(s, e)]),
                                               "title": title}))
        tags.append(_Tag(s, e, rank + 100000, "a", {"href": href}))
    return (f'<div class="side"><h2>{esc(heading)}</h2>'
            f'<div class="doc">{nest_markup(text, tags)}</div></div>')


def _counts(counts: dict[str, int]) -> str:
    return '<p class="counts">' + "".join(
        f'<span class="st-{esc(k)}">{esc(k)} {n}</span>' for k, n in counts.items()) + "</p>"


def _link(href: str, text: str) -> str:
    return f'<a href="#{esc(href)}">{esc(text)}</a>'


def render_tracking(result: TrackResult) -> str:
    """The tracking page: the links table, then plan and report side by side."""
    plan, report = result.plan, result.report
    rows, plan_marks, report_marks = [], [], []
    ach_ids: dict[tuple[int, int], str] = {}  # one achievement may report on two targets
    for k, ln in enumerate(result.links):
        if ln.achievement is not None:
            ach_ids.setdefault((ln.achievement.start, ln.achievement.end), f"a{k}")
    for k, ln in enumerate(result.links):
        t, a = ln.target, ln.achievement
        tid = f"t{k}"
        aid = ach_ids[(a.start, a.end)] if a is not None else None
        gap = "" if ln.gap is None else esc(f"{ln.gap:,.10g}")
        rows.append(
            f'<tr class="st-{esc(ln.status)}"><td>{_link(tid, t.text)}</td>'
            f"<td>{esc(t.object)}</td><td>{esc(t.qualifier)}</td>"
            f"<td>{'' if aid is None else _link(aid, a.text)}</td>"
            f'<td class="status">{esc(ln.status)}</td><td>{gap}</td></tr>')
        plan_marks.append((t.start, t.end, tid, ln.status, f"#{aid or tid}",
                           f"{t.object} · {ln.status}"))
        if a is not None:
            report_marks.append((a.start, a.end, f"a{k}", ln.status, f"#{tid}",
                                 f"{t.object} · {ln.status}"))
    table = ("<table><thead><tr><th>target 目标</th><th>object 指标</th><th>qualifier</th>"
             "<th>achievement 完成</th><th>status</th><th>gap</th></tr></thead><tbody>"
             + "".join(rows) + "</tbody></table>")
    sides = _side_html(f"plan 计划 · {plan.title or ''} {plan.source.path or ''}",
                       plan.text, plan_marks)
    if report is not None:
        sides += _side_html(f"report 报告 · {report.title or ''} {report.source.path or ''}",
                            report.text, report_marks)
    side = result.to_dict()
    meta = f"plan {side['plan']['year'] or ''} → report " + (
        str(side["report"]["year"] or "") if side["report"] else "none")
    body = (f'<section class="links"><h2>Targets and achievements</h2>{_counts(result.counts())}'
            f'{table}</section><div class="sides">{sides}</div>')
    return _page("Did they do what they promised? 目标完成情况", meta, body)


def render_comparison(comp: Comparison) -> str:
    """The comparison page: target changes and programmes, then both plans side by side."""
    a_marks, b_marks, rows = [], [], []
    for k, row in enumerate(comp.targets):
        ta, tb, change = row["a"], row["b"], row["change"]
        ida, idb = f"a{k}", f"b{k}"
        rows.append(
            f'<tr class="st-{esc(change)}">'
            f"<td>{'' if ta is None else _link(ida, ta['text'])}</td>"
            f"<td>{'' if ta is None else esc(ta['object'])}</td>"
            f"<td>{'' if tb is None else _link(idb, tb['text'])}</td>"
            f"<td>{'' if tb is None else esc(tb['object'])}</td>"
            f'<td class="status">{esc(change)}</td></tr>')
        if ta is not None:
            a_marks.append((ta["start"], ta["end"], ida, change, f"#{idb}" if tb else f"#{ida}",
                            f"{ta['object']} · {change}"))
        if tb is not None:
            b_marks.append((tb["start"], tb["end"], idb, change, f"#{ida}" if ta else f"#{idb}",
                            f"{tb['object']} · {change}"))
    a_marks.sort()
    b_marks.sort()
    d = comp.to_dict()
    table = ("<table><thead><tr><th>target A</th><th>object A</th><th>target B</th>"
             "<th>object B</th><th>change</th></tr></thead><tbody>" + "".join(rows)
             + "</tbody></table>")
    progs = "".join(f'<tr class="st-{esc(_PROGRAM_STYLE[p["change"]])}">'
                    f'<td>{esc(p["name"])}</td><td class="status">{esc(p["change"])}</td></tr>'
                    for p in comp.programs)
    prog_table = ("<table><thead><tr><th>programme 项目</th><th>change</th></tr></thead>"
                  f"<tbody>{progs}</tbody></table>")
    sides = (_side_html(f"A · {comp.plan_a.title or ''} {comp.plan_a.source.path or ''}",
                        comp.plan_a.text, a_marks)
             + _side_html(f"B · {comp.plan_b.title or ''} {comp.plan_b.source.path or ''}",
                          comp.plan_b.text, b_marks))
    meta = f"{d['plan_a']['year'] or ''} → {d['plan_b']['year'] or ''}"
    body = (f'<section class="links"><h2>Targets</h2>{_counts(d["counts"]["targets"])}{table}'
            f'<h2>Programmes</h2>{_counts(d["counts"]["programs"])}{prog_table}</section>'
            f'<div class="sides">{sides}</div>')
    return _page("Successive plans compared 计划对比", meta, body)
