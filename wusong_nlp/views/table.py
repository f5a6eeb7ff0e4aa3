"""The task breakdown table (任务分解表): one row per task, as CSV or XLSX.

Offices turn a plan into a table that says, for each task, under which goal it falls,
who leads, who helps, what number it must reach and by when. This module builds that
table from the tasks of an analysis, in the column names offices use.
"""

from __future__ import annotations

import csv
import functools
import io
from typing import TYPE_CHECKING

from ..resources import data_lines
from ..text import FORMULA_START, xml_safe
from .notebook import commitment_label

if TYPE_CHECKING:
    from ..analysis import PlanAnalysis

COLUMNS = ("序号", "目标", "任务内容", "牵头单位", "配合单位", "量化指标", "时限")
# readable widths (in characters) of the XLSX columns
WIDTHS = {"序号": 6, "目标": 34, "任务内容": 70, "牵头单位": 18, "配合单位": 22, "量化指标": 30,
          "时限": 12}


@functools.cache
def relative_horizons() -> list[tuple[str, str]]:
    """Horizons relative to the plan year (今年, 年内) and their spelled-out form, longest first."""
    pairs = []
    for line in data_lines("relative_horizons.tsv"):
        word, template = line.split("\t")
        pairs.append((word.strip(), template.strip()))
    return sorted(pairs, key=lambda p: -len(p[0]))


def absolute_horizon(horizon: str, year: int | None) -> str:
    """今年 → 2024年, 年底前 → 2024年底前: a table read later must not depend on "now"."""
    if year is None:
        return horizon
    for word, template in relative_horizons():
        if horizon.startswith(word):
            return template.format(year=year, next=year + 1) + horizon[len(word):]
    return horizon


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


def task_table(analysis: PlanAnalysis) -> list[dict]:
    """The rows of the task breakdown table, in document order.

    时限 is the horizon of the task's commitments (以 2021年底前 etc.) when the text
    gives one; otherwise the plan year, since a yearly plan's tasks are due within it.
    """
    quantities = {q.id: q for q in analysis.quantities}
    commitments = {c.id: c for c in analysis.commitments}
    default_horizon = f"{analysis.year}年" if analysis.year else ""
    rows = []
    for i, task in enumerate(sorted(analysis.tasks, key=lambda t: (t.start, t.end)), 1):
        own = [commitments[c] for c in task.commitments if c in commitments]
        horizons: list[str] = []
        for c in own:
            h = absolute_horizon(c.horizon, analysis.year) if c.horizon else None
            if h and h not in horizons:
                horizons.append(h)
        rows.append({
            "序号": i,
            "目标": goal_label(analysis, task.goal),
            "任务内容": task.text,
            "牵头单位": _names(task.actors, "lead"),
            "配合单位": _names(task.actors, "partner"),
            "量化指标": "；".join(commitment_label(c, quantities) for c in own),
            "时限": "；".join(horizons) or default_horizon,
        })
    return rows


def task_csv(analysis: PlanAnalysis) -> bytes:
    """CSV in UTF-8 with a BOM, so Excel shows the Chinese text correctly."""
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: _as_text(v) for k, v in row.items()} for row in task_table(analysis))
    return buf.getvalue().encode("utf-8-sig")


def _as_text(value):
    """A CSV cell that a spreadsheet would take for a formula, quoted as text ('=…)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def task_xlsx(analysis: PlanAnalysis) -> bytes:
    """An XLSX sheet: bold frozen header, readable column widths, wrapped text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "任务分解表"
    ws.append(list(COLUMNS))
    for row in task_table(analysis):
        ws.append([xml_safe(v) if isinstance(v, str) else v for v in (row[c] for c in COLUMNS)])
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
    for i, name in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS[name]
    ws.freeze_panes = "A2"
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions
    if analysis.title:
        wb.properties.title = xml_safe(analysis.title)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def task_table_bytes(analysis: PlanAnalysis, kind: str) -> bytes:
    """The task breakdown table as the bytes of a .csv or .xlsx file."""
    kind = kind.lower().lstrip(".")
    if kind == "csv":
        return task_csv(analysis)
    if kind == "xlsx":
        return task_xlsx(analysis)
    raise ValueError(f"unsupported table format {kind!r}; use csv or xlsx")
