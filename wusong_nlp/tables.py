"""Tables of a plan: task lists (任务分解表, 工作任务清单) with their rows and cells.

A .docx table and a table copied into a .txt both reach the text one cell per line.
A table is recognised by its header: a run of short lines that are column headers
(data/table_columns.tsv: 序号, 任务内容, 牵头部门, 配合部门, 时间节点 …). Rows follow: where
there is a 序号 column, a row starts at each line holding the next number (cells merged
over several rows, or a cell broken over two lines, do not confuse it); otherwise the
lines are taken a header's width at a time. A cell's column comes from its place, or,
when the row has fewer or more lines than the header has columns, from what it holds:
a date goes to the deadline column, a list of units to the lead then the partner column,
text to the task column. Everything carries offsets into the analysed text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .resources import alternation, rows, words

_DIGITS = re.compile(r"[0-9０-９]{1,3}")
_DATE = re.compile(r"^(?:(?:19|20)[0-9]{2}年)?(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日)?(?:前|底|底前|以前|起)?$"
                   r"|^(?:(?:19|20)[0-9]{2}年)?(?:[上下]半年|[一二三四1-4]季度|年底|年内|全年)(?:前|末)?$"
                   r"|^(?:长期|持续|常态化|每[年月周季]|[0-9]{4}[-—–~至][0-9]{4}年?)$")
_LIST_SPLIT = re.compile(r"[、，,；;]")
_END = re.compile(r"^(?:附件|附表|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
MAX_HEADER = 14  # a header cell is short


@functools.cache
def column_roles() -> dict[str, str]:
    """Column header -> role (data/table_columns.tsv)."""
    return {r[0].strip(): r[1].strip() for r in rows("table_columns.tsv")}


@functools.cache
def _unit_ending() -> re.Pattern[str]:
    """The endings of unit names (data/org_suffixes.txt, and the bodies of
    data/actors_gazetteer.tsv: 区妇联), with 镇/街道/园区 for places that a task table
    names as responsible (街镇、园区 | 罗店镇), and an other name in brackets
    (区委宣传部（区文明办、区政府新闻办、区委网信办）)."""
    bodies = [r[0].strip() for r in rows("actors_gazetteer.tsv") if len(r) > 1 and r[1].strip() == "body"]
    return re.compile(rf"(?:{alternation((*words('org_suffixes.txt'), *bodies, '镇', '街道', '园区', '街镇'))})"
                      r"(?:[（(][^（）()]{1,30}[）)])?$")


@dataclass
class Cell:
    start: int
    end: int
    text: str
    column: int | None = None  # index into Table.columns
    role: str | None = None  # the column's role: index, task, lead, partner, deadline …

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text,
                "column": self.column, "role": self.role}


@dataclass
class Row:
    start: int
    end: int
    index: int | None
    cells: list[Cell] = field(default_factory=list)

    def of(self, role: str) -> list[Cell]:
        """The row's cells in columns of `role`."""
        return [c for c in self.cells if c.role == role]

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "index": self.index,
                "cells": [c.to_dict() for c in self.cells]}


@dataclass
class Table:
    start: int
    end: int
    columns: list[str]
    roles: list[str]
    rows: list[Row] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "columns": list(self.columns),
                "roles": list(self.roles), "rows": [r.to_dict() for r in self.rows]}

    @classmethod
    def from_dict(cls, d: dict) -> Table:
        return cls(d["start"], d["end"], list(d["columns"]), list(d["roles"]),
                   [Row(r["start"], r["end"], r["index"], [Cell(**c) for c in r["cells"]])
                    for r in d["rows"]])


def _role_of_header(line: str) -> str | None:
    key = re.sub(r"\s+", "", line)
    roles = column_roles()
    if key in roles:
        return roles[key]
    key = re.sub(r"[（(][^）)]*[）)]$", "", key)  # 牵头单位（部门）
    return roles.get(key)


def _list_parts(text: str) -> list[str]:
    """The items of a list cell, split on 、，； outside brackets (区委宣传部（区文明办、区政府新闻办）)."""
    parts, depth, last = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch in "（(") - (ch in "）)")
        if depth <= 0 and _LIST_SPLIT.match(ch):
            parts.append(text[last:i])
            last = i + 1
    parts.append(text[last:])
    return [p.strip() for p in parts if p.strip()]


def _is_units(text: str) -> bool:
    parts = _list_parts(text.rstrip("。；;"))  # a cell may close its list (…街道办事处。)
    parts = [re.sub(r"等(?:部门|单位)?$", "", p) for p in parts]
    return bool(parts) and all(2 <= len(p) <= 24 and _unit_ending().search(p) for p in parts)


def _kind(cell: str) -> str:
    s = cell.strip()
    if _DATE.match(s):
        return "deadline"
    if _is_units(s):
        return "units"
    return "text"


_UNIT_ROLES = ("lead", "partner")


def _fits(cell: Cell, role: str) -> bool:
    """Does the cell hold what a column of `role` holds? A unit column holds units; a
    text column never holds only units (区机管局 in 任务内容 means a cell merged away)."""
    kind = _kind(cell.text)
    if role in _UNIT_ROLES:
        return kind == "units"
    return kind != "units"


def _assign(cells: list[Cell], roles: list[str]) -> None:
    """Give each cell of a row its column: by place when the row is complete and every
    cell holds what its column holds, else by kind. Cells already placed (序号, a group
    column before it) keep theirs."""
    free = [c for c in cells if c.role is None]
    taken = {c.column for c in cells if c.role is not None}
    cols = [i for i, r in enumerate(roles) if i not in taken and r not in ("index", "group")]
    if len(free) == len(cols) and all(_fits(c, roles[i]) for c, i in zip(free, cols, strict=True)):
        for c, i in zip(free, cols, strict=True):
            c.column, c.role = i, roles[i]
        return
    unit_cols = [i for i in cols if roles[i] in _UNIT_ROLES]
    text_cols = [i for i in cols if roles[i] in ("task", "target", "other")]
    date_cols = [i for i in cols if roles[i] == "deadline"]
    unit_cells = [c for c in free if _kind(c.text) == "units"]
    unit_col_of = _unit_columns(unit_cells, unit_cols)
    for c in free:
        kind = _kind(c.text)
        if kind == "deadline" and date_cols:
            col = date_cols[0]
        elif kind == "units" and unit_cols:
            col = unit_col_of[id(c)]
        elif text_cols:
            col = text_cols[-1] if len(c.text) > MAX_HEADER else text_cols[0]
        else:
            col = None
        c.column, c.role = col, roles[col] if col is not None else None


def _unit_columns(cells: list[Cell], unit_cols: list[int]) -> dict[int, int]:
    """The unit column of each unit cell, in order. With more unit lines than unit columns
    a cell was broken over lines: a line ending in 、 continues into the next one, and the
    lead column takes the other extra lines (区机管局 / 区绿化市容局 / 区党政机关 under
    牵头部门 | 配合部门)."""
    if not unit_cols:
        return {}
    groups: list[list[Cell]] = []
    for c in cells:
        if groups and groups[-1][-1].text.rstrip().endswith(("、", "，", ",")):
            groups[-1].append(c)
        else:
            groups.append([c])
    extra = max(0, len(groups) - len(unit_cols))
    out: dict[int, int] = {}
    for g, group in enumerate(groups):
        col = unit_cols[0] if g <= extra else unit_cols[min(g - extra, len(unit_cols) - 1)]
        for c in group:
            out[id(c)] = col
    return out


def stripped_lines(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as (start, end), without the spaces around them."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s] in " \t\u3000\u00a0":
            s += 1
        while e > s and text[e - 1] in " \t\u3000\u00a0\r|｜":
            e -= 1  # a cell copied with its column rule (县教育局 |) ends before it
        if e > s:
            out.append((s, e))
    return out


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of the text, empty ones included (line numbers of a
    .docx layout index this list)."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def tables_from_layout(text: str, layout: dict) -> list[Table]:
    """The task tables of a .docx, from its real rows and cells (`reading.docx_layout`).

    The first row is the header; a table whose header names no task-table column is
    skipped. A cell merged with the one above takes that cell (Word's vertical merge).
    """
    spans = line_spans(text)
    out: list[Table] = []
    for rows_ in layout.get("tables") or []:
        cells_of = []
        for row in rows_:
            cells = []
            for lines in row:
                lines = [i for i in lines if i < len(spans)]
                if lines:
                    a, b = spans[lines[0]][0], spans[lines[-1]][1]
                    while a < b and text[a] in " \t\u3000\u00a0":
                        a += 1
                    while b > a and text[b - 1] in " \t\u3000\u00a0\r":
                        b -= 1
                    cells.append((a, b))
                else:
                    cells.append(None)
            cells_of.append(cells)
        if len(cells_of) < 2 or not cells_of[0] or None in cells_of[0]:
            continue
        header = cells_of[0]
        roles = [_role_of_header(text[a:b]) or "other" for a, b in header]
        if not set(roles) & {"lead", "partner", "deadline"} and roles.count("other") > 1:
            continue
        table_rows: list[Row] = []
        for cells in cells_of[1:]:
            row_cells: list[Cell] = []
            for col, span in enumerate(cells[:len(roles)]):
                role = roles[col]
                if span is None:  # merged with the cell above
                    above = table_rows[-1].cells if table_rows else []
                    prev = next((c for c in above if c.column == col), None)
                    if prev is not None and role in ("lead", "partner", "deadline", "task"):
                        row_cells.append(Cell(prev.start, prev.end, prev.text, col, role))
                    continue
                a, b = span
                if b > a:
                    row_cells.append(Cell(a, b, text[a:b], col, role))
            own = [c for c in row_cells if c.start >= (table_rows[-1].end if table_rows else 0)]
            if own:
                index = next((c for c in own if c.role == "index"), None)
                number = int(index.text.translate(_FULL)) if index and _DIGITS.fullmatch(
                    index.text) else None
                table_rows.append(Row(own[0].start, own[-1].end, number, row_cells))
        if table_rows:
            out.append(Table(header[0][0], table_rows[-1].end, [text[a:b] for a, b in header],
                             roles, table_rows))
    return out


def find_tables(text: str, layout: dict | None = None) -> list[Table]:
    """Every task table of the text, in order: from a .docx's layout where there is one,
    else recognised from the lines."""
    if layout and layout.get("tables"):
        return tables_from_layout(text, layout)
    lines = stripped_lines(text)
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        table, i = _table_at(text, lines, i)
        if table is not None:
            tables.append(table)
    return tables


def _table_at(text: str, lines: list[tuple[int, int]], i: int) -> tuple[Table | None, int]:
    """The table whose header starts at line i, and the line after it (or None, i + 1)."""
    header: list[tuple[int, int]] = []
    roles: list[str] = []
    unknown: list[int] = []
    j = i
    while j < len(lines):
        s, e = lines[j]
        role = _role_of_header(text[s:e]) if e - s <= MAX_HEADER else None
        if role is None and header and j + 1 < len(lines) and _unknown_header(text, lines[j]) \
                and _role_of_header(text[lines[j + 1][0]:lines[j + 1][1]]):
            role = "other"  # 序号 | 项目内容 | 责任单位: a column the list does not know
            unknown.append(len(roles))
        if role is None:
            break
        header.append((s, e))
        roles.append(role)
        j += 1
    if len(header) < 2 or not set(roles) & {"lead", "partner", "deadline", "task", "target"} \
            or (len(header) < 3 and "index" not in roles and not set(roles) & {"lead"}):
        return None, i + 1
    if "index" in roles:  # columns before the 序号 name groups of rows (类别 | 序号 | …)
        roles = ["group" if n < roles.index("index") and r in ("task", "other") else r
                 for n, r in enumerate(roles)]
    if unknown and not {"task", "target"} & set(roles):
        roles[unknown[0]] = "task"  # the one column of text a task table must have
    columns = [text[s:e] for s, e in header]
    if any(r == "lead" and c.startswith("牵头") for c, r in zip(columns, roles, strict=True)):
        # 牵头责任单位 | 责任单位: beside a lead's own column the units responsible are partners
        # (ANNOTATION.md §5, as in a note)
        roles = ["partner" if r == "lead" and not c.startswith(("牵头", "主要", "主责")) else r
                 for c, r in zip(columns, roles, strict=True)]
    body_rows: list[Row] = []
    if "index" in roles:
        j, body_rows = _rows_by_index(text, lines, j, roles)
    else:
        j, body_rows = _rows_by_kind(text, lines, j, roles)
    if not body_rows:
        return None, i + 1
    return Table(header[0][0], body_rows[-1].end, columns, roles, body_rows), j


def _unknown_header(text: str, span: tuple[int, int]) -> bool:
    """A short line of words only, between two known column headers, is a header too."""
    cell = text[span[0]:span[1]]
    return 2 <= len(cell) <= 8 and not _DIGITS.search(cell) and not _LIST_SPLIT.search(cell) \
        and not re.search(r"[。：:（(]", cell)


def _is_number(text: str, span: tuple[int, int], n: int) -> bool:
    cell = text[span[0]:span[1]]
    return bool(_DIGITS.fullmatch(cell)) and int(cell.translate(_FULL)) == n


def _rows_by_index(text: str, lines: list[tuple[int, int]], j: int, roles: list[str]
                   ) -> tuple[int, list[Row]]:
    """Rows of a table with a 序号 column: each starts at the line holding the next number.

    Columns before the 序号 (任务类型) hold merged cells that name a group of rows: their
    lines stand before the number of the group's first row, so the lines after a row's
    last unit or date cell belong to the next row. A row without a lead cell shares the
    lead (and partner) cell of the row above (Word's vertical merge).
    """
    idx = roles.index("index")
    lead_roles = {r for r in roles[idx + 1:] if r in _UNIT_ROLES}
    pending: list[tuple[int, int]] = []
    if idx > 0:  # the first row's group cells stand between the header and its number
        k = j
        while k < len(lines) and k - j <= idx + 2 and not _is_number(text, lines[k], 1) \
                and not _END.match(text[lines[k][0]:lines[k][1]]):
            k += 1
        if k < len(lines) and _is_number(text, lines[k], 1):
            pending, j = lines[j:k], k
    out: list[Row] = []
    # the first row's number: 1, or where an excerpt or a table split by parts goes on (80)
    j = _past_parts(text, lines, j)
    first = text[lines[j][0]:lines[j][1]] if j < len(lines) else ""
    expected = int(first.translate(_FULL)) if _DIGITS.fullmatch(first) else 1
    while j < len(lines) and _is_number(text, lines[j], expected):
        s, e = lines[j]
        k = j + 1
        limit = len(roles) + 3
        while k < len(lines) and k - j <= limit:
            cell = text[lines[k][0]:lines[k][1]]
            if _is_number(text, lines[k], expected + 1) or _END.match(cell) or _role_of_header(cell):
                break
            k += 1
        own, after = lines[j + 1:k], []
        if idx > 0 and k < len(lines) and _is_number(text, lines[k], expected + 1):
            own, after = _split_group_lines(text, own)
        cells = [Cell(a, b, text[a:b], idx - 1, roles[idx - 1]) for a, b in pending] if idx else []
        cells.append(Cell(s, e, text[s:e], idx, "index"))
        cells += [Cell(a, b, text[a:b]) for a, b in own]
        _assign(cells, roles)
        if lead_roles and out and not any(c.role in _UNIT_ROLES for c in cells):
            cells += [Cell(c.start, c.end, c.text, c.column, c.role)
                      for c in out[-1].cells if c.role in _UNIT_ROLES]
        start = pending[0][0] if pending else s
        out.append(Row(start, (own[-1] if own else lines[j])[1], expected, cells))
        pending = after
        expected += 1
        j = k
        if j < len(lines) and _PART.match(text, lines[j][0]):
            # parts of the plan heading groups of rows (二、全力以赴扩投资…): the rows go on
            nxt = _past_parts(text, lines, j)
            cell = text[lines[nxt][0]:lines[nxt][1]] if nxt < len(lines) else ""
            if _DIGITS.fullmatch(cell) and int(cell.translate(_FULL)) >= expected:
                j, expected = nxt, int(cell.translate(_FULL))
    return j, out


_PART = re.compile(r"[一二三四五六七八九十]+、")


def _past_parts(text: str, lines: list[tuple[int, int]], j: int) -> int:
    """The first line at or after j that is no part heading, when the rows go on after them."""
    k = j
    while k < len(lines) and _PART.match(text, lines[k][0]):
        k += 1
    cell = text[lines[k][0]:lines[k][1]] if k < len(lines) else ""
    return k if k > j and _DIGITS.fullmatch(cell) else j


def _split_group_lines(text: str, own: list[tuple[int, int]]
                       ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """A row's own lines (its task, then the unit and date cells right after it), and
    the lines after them: the next row's group cells (行动五：… / 产业园区)."""
    last = 0
    while last + 1 < len(own) and _kind(text[own[last + 1][0]:own[last + 1][1]]) != "text":
        last += 1
    return own[:last + 1], own[last + 1:]


_EXPECT = {"lead": "units", "partner": "units", "deadline": "deadline"}


def _rows_by_kind(text: str, lines: list[tuple[int, int]], j: int, roles: list[str]
                  ) -> tuple[int, list[Row]]:
    """Rows of a table without a 序号 column: one line per column, in order.

    A unit or deadline column whose line does not hold units or a date is a cell merged
    with the row above (Word's vertical merge): the row takes that cell's value.
    """
    out: list[Row] = []
    while j < len(lines):
        cells: list[Cell] = []
        k = j
        for col, role in enumerate(roles):
            a, b = lines[k] if k < len(lines) else (None, None)
            cell = text[a:b] if a is not None else ""
            if a is not None and (_END.match(cell) or _role_of_header(cell)):
                a = None
            want = _EXPECT.get(role)
            if a is not None and (want is None and _kind(cell) == "text" or _kind(cell) == want):
                cells.append(Cell(a, b, cell, col, role))
                k += 1
            elif want is not None and out and out[-1].of(role):
                prev = out[-1].of(role)[0]
                cells.append(Cell(prev.start, prev.end, prev.text, col, role))
            else:
                break
        else:
            if k == j:
                break
            out.append(Row(lines[j][0], lines[k - 1][1], None, cells))
            j = k
            continue
        break
    return j, out


_FULL = str.maketrans("０１２３４５６７８９", "0123456789")
