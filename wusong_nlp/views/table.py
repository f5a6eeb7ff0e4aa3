"""The task breakdown table (任务分解表): one row per task, as CSV or XLSX.

Offices turn a plan into a table that says, for each task, under which goal it falls,
who leads, who helps, what number it must reach and by when, and then track it: the
进度 and 督查情况 columns are left empty for the office that does. This module builds that
table from the tasks of an analysis, in the column names offices use. A row's 任务编号 is
its outline path and its place among the tasks of that node, so it stays the same when
text elsewhere in the plan changes. Several plans make one table with a 文件 column
first, so a supervision office can filter one sheet by plan.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Union

from ..text import FORMULA_START, xml_safe
from .notebook import commitment_label

if TYPE_CHECKING:
    from ..analysis import PlanAnalysis
    from ..records import Task

COLUMNS = ("任务编号", "目标", "任务内容", "牵头单位", "配合单位", "量化指标", "完成时限", "进度",
           "督查情况")
DOCUMENT_COLUMN = "文件"  # first column when the table covers several plans
TRACKING_COLUMNS = ("进度", "督查情况")  # left empty: filled in by the office that tracks the plan
# readable widths (in characters) of the XLSX columns
WIDTHS = {"文件": 30, "任务编号": 14, "目标": 34, "任务内容": 70, "牵头单位": 18, "配合单位": 22, "量化指标": 30,
          "完成时限": 16, "进度": 16, "督查情况": 16}


def goal_label(analysis: PlanAnalysis, node_id: str | None) -> str:
    """The goal of a task as written by offices: outline path, then the heading.

    "二/（一）/四是 补齐补好市容环境管理短板". The heading is the deepest node's own.
    """
    if not node_id:
        return ""
    node = analysis.structure.node(node_id)
    if node is None:
        return node_id
    path = "/".join(n.number for n in node.path)
    return f"{path} {node.heading}".strip()


def _names(actors: list[dict], role: str) -> str:
    seen: list[str] = []
    for a in actors:
        if a.get("role") == role and a.get("name") and a["name"] not in seen:
            seen.append(a["name"])
    return "、".join(seen)


def task_numbers(tasks: list[Task]) -> dict[str, str]:
    """Task id → 任务编号: the goal's outline path and the task's place under it
    (二/（一）/四是-2); tasks outside the outline are numbered on their own (3)."""
    out: dict[str, str] = {}
    seen: dict[str | None, int] = {}
    for task in sorted(tasks, key=lambda t: (t.start, t.end)):
        seen[task.goal] = k = seen.get(task.goal, 0) + 1
        out[task.id] = f"{task.goal}-{k}" if task.goal else str(k)
    return out


def deadline_label(task: Task) -> str:
    """完成时限: the deadline spelled out (2021年6月底前), else as written (每季度); "" for none."""
    d = task.deadline
    if d is None:
        return ""
    return d.resolved or d.text


def task_table(analysis: PlanAnalysis) -> list[dict]:
    """The rows of the task breakdown table, in document order.

    完成时限 is the task's own deadline (extract/deadlines.py): empty where the plan gives
    none, never the plan year stamped on every row.
    """
    quantities = {q.id: q for q in analysis.quantities}
    commitments = {c.id: c for c in analysis.commitments}
    numbers = task_numbers(analysis.tasks)
    rows = []
    for task in sorted(analysis.tasks, key=lambda t: (t.start, t.end)):
        own = [commitments[c] for c in task.commitments if c in commitments]
        rows.append({
            "任务编号": numbers[task.id],
            "目标": goal_label(analysis, task.goal),
            "任务内容": task.text,
            "牵头单位": _names(task.actors, "lead"),
            "配合单位": _names(task.actors, "partner"),
            "量化指标": "；".join(commitment_label(c, quantities) for c in own),
            "完成时限": deadline_label(task),
            "进度": "",
            "督查情况": "",
        })
    return rows


Plans = Union["PlanAnalysis", Sequence["PlanAnalysis"]]


def document_label(analysis: PlanAnalysis) -> str:
    """The 文件 cell: the plan's title and the path it was read from (two plans may share a
    title such as 政府工作报告, or a file name in two folders)."""
    name = analysis.source.path or ""
    title = analysis.title or ""
    return f"{title}（{name}）" if title and name else title or name


def table_rows(plans: Plans) -> tuple[tuple[str, ...], list[dict]]:
    """Columns and rows of the table for one plan, or for several with 文件 first."""
    if not isinstance(plans, Sequence):
        return COLUMNS, task_table(plans)
    if not plans:
        raise ValueError("no plans to tabulate")
    rows = [{DOCUMENT_COLUMN: document_label(a), **row} for a in plans for row in task_table(a)]
    return (DOCUMENT_COLUMN, *COLUMNS), rows


def task_csv(plans: Plans) -> bytes:
    """CSV in UTF-8 with a BOM, so Excel shows the Chinese text correctly."""
    columns, rows = table_rows(plans)
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: _as_text(v) for k, v in row.items()} for row in rows)
    return buf.getvalue().encode("utf-8-sig")


def _as_text(value):
    """A CSV cell that a spreadsheet would take for a formula, quoted as text ('=…)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def task_xlsx(plans: Plans) -> bytes:
    """An XLSX sheet: bold frozen header, readable column widths, wrapped text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "任务分解表"
    columns, rows = table_rows(plans)
    ws.append(list(columns))
    for row in rows:
        ws.append([xml_safe(v) if isinstance(v, str) else v for v in (row[c] for c in columns)])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                cell.data_type = "s"  # text, never a formula (=HYPERLINK(…) in a heading)
                cell.quotePrefix = True
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    for i, name in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS[name]
    ws.freeze_panes = "A2"
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions
    title = plans.title if not isinstance(plans, Sequence) else None
    if title:
        wb.properties.title = xml_safe(title)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def task_table_bytes(plans: Plans, kind: str) -> bytes:
    """The task breakdown table of one plan or several as the bytes of a .csv or .xlsx."""
    kind = kind.lower().lstrip(".")
    if kind == "csv":
        return task_csv(plans)
    if kind == "xlsx":
        return task_xlsx(plans)
    raise ValueError(f"unsupported table format {kind!r}; use csv or xlsx")
