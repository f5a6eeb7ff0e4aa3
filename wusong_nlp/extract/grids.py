"""Numeric grids: annex tables of figures copied into the text one cell per line.

A task table (tables.py) is recognised by its column headers; an indicator grid
(附件3 指标表: 序号 | 街镇 | 绿色账户（万户）| … | 吨/日) often is not, because its header
spans several levels. It is recognised here by its shape instead: a long run of short
lines of which many are bare figures. Inside a grid, a figure on a line of its own is a
cell; an integer that opens a row (the next line is the row's label, and the integers
count 1, 2, 3 …) is a 序号 cell, no quantity.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..tables import stripped_lines

_FIGURE = re.compile(r"^[0-9０-９]+(?:[.．][0-9０-９]+)?[%％]?$")
_EMPTY = {"/", "／", "-", "—", "－", "——", "无", "\\"}
MAX_CELL = 16  # a cell of a grid is a short line
MIN_LINES = 12  # a run shorter than this is a list, not a grid
MIN_FIGURES = 0.3  # share of the run's lines that are figures


@dataclass
class Grid:
    start: int
    end: int
    header: list[tuple[int, int]] = field(default_factory=list)  # header lines
    cells: list[tuple[int, int]] = field(default_factory=list)  # figure cells
    index: list[tuple[int, int]] = field(default_factory=list)  # 序号 cells




def _is_figure(cell: str) -> bool:
    return bool(_FIGURE.match(cell))


@functools.lru_cache(maxsize=8)
def find_grids(text: str) -> tuple[Grid, ...]:
    """Every numeric grid of the text, in order (cached per text)."""
    lines = stripped_lines(text)
    grids: list[Grid] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j][1] - lines[j][0] <= MAX_CELL:
            j += 1
        run = lines[i:j]
        figures = [k for k, (s, e) in enumerate(run) if _is_figure(text[s:e])]
        if len(run) >= MIN_LINES and len(figures) >= MIN_FIGURES * len(run):
            grids.append(_grid(text, run, figures))
        i = j + 1
    return tuple(grids)


def _grid(text: str, run: list[tuple[int, int]], figures: list[int]) -> Grid:
    first = figures[0]
    grid = Grid(run[0][0], run[-1][1], header=run[:first])
    expected = 1
    for k in range(first, len(run)):
        s, e = run[k]
        cell = text[s:e]
        if not _is_figure(cell):
            continue
        nxt = text[run[k + 1][0]:run[k + 1][1]] if k + 1 < len(run) else ""
        label = nxt and not _is_figure(nxt) and nxt not in _EMPTY
        if label and cell.isdigit() and int(cell) == expected:
            grid.index.append((s, e))  # 1 | 吴淞街道 | …: the row's number
            expected += 1
            continue
        grid.cells.append((s, e))
    return grid


def grid_index_spans(text: str) -> list[tuple[int, int]]:
    """The 序号 cells of every grid: numerals that are no quantity."""
    return [span for g in find_grids(text) for span in g.index]


def grid_cell_at(text: str, start: int, end: int) -> Grid | None:
    """The grid whose figure cell is exactly the line holding [start, end), if any."""
    for g in find_grids(text):
        if g.start <= start < g.end:
            for s, e in g.cells:
                if s <= start and end <= e:
                    return g
    return None


def in_grid_header(text: str, offset: int) -> bool:
    """Does the offset fall on a header line of a grid (累计数（万户）, 吨/日)?"""
    return any(s <= offset < e for g in find_grids(text) for s, e in g.header)
