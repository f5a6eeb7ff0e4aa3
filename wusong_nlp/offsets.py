"""Finding records by position fast: plans run to tens of thousands of spans.

Extractors keep asking "which mentions lie inside this task" or "does this span touch
one found before"; a sorted index answers in logarithmic time where a scan of every
record would make a long document quadratic.
"""

from __future__ import annotations

import itertools
import operator
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


def _span(item) -> tuple[int, int]:
    if isinstance(item, tuple):
        return item[0], item[1]
    return item.start, item.end


class SpanIndex(Generic[T]):
    """Items with start/end (records or (start, end, ...) tuples), sorted by start."""

    def __init__(self, items: Iterable[T], span: Callable[[T], tuple[int, int]] = _span):
        self._span = span
        items = list(items)
        spans = [span(it) for it in items]
        starts = [sp[0] for sp in spans]
        # a stable sort by start (ties keep their order), sorting indices not tuples: the
        # extractors build an index per kind of record, and most come in order already
        order = sorted(range(len(items)), key=starts.__getitem__)
        self.items = [items[i] for i in order]
        self.starts = [starts[i] for i in order]
        self.ends = [spans[i][1] for i in order]
        self.longest = max(map(operator.sub, self.ends, self.starts), default=0)
        # the furthest end among the first i+1 items: no item before the first reach past
        # `start` can overlap it, however long one item elsewhere is
        self._reach = list(itertools.accumulate(self.ends, max))

    def inside(self, start: int, end: int) -> list[T]:
        """Items that lie wholly within [start, end), in order of start."""
        starts = self.starts
        lo = bisect_left(starts, start)
        hi = bisect_left(starts, end)
        if lo >= hi:  # the usual answer, without building a comprehension
            return []
        items, ends = self.items, self.ends
        return [items[i] for i in range(lo, hi) if ends[i] <= end]

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items that share at least one character with [start, end)."""
        starts = self.starts
        hi = bisect_left(starts, end)  # every item before hi starts before end
        lo = bisect_right(self._reach, start)
        if lo >= hi:
            return []
        lo = max(lo, bisect_left(starts, start - self.longest, lo, hi))
        items, ends = self.items, self.ends
        return [items[i] for i in range(lo, hi) if ends[i] > start]

    def containing(self, pos: int) -> list[T]:
        """Items with start <= pos < end (`overlapping(pos, pos + 1)`, inlined: the
        extractors ask it thousands of times per plan)."""
        hi = bisect_right(self.starts, pos)
        lo = bisect_right(self._reach, pos)
        if lo >= hi:
            return []
        lo = max(lo, bisect_left(self.starts, pos - self.longest, lo, hi))
        items, ends = self.items, self.ends
        return [items[i] for i in range(lo, hi) if ends[i] > pos]

    def __len__(self) -> int:
        return len(self.items)


class Occupied:
    """Non-overlapping spans added one by one; tells whether a new span would collide."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def collides(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


class WordStarts:
    """The offsets where the segmenter's words begin, for "does a word start here?"."""

    def __init__(self, starts: Iterable[int]):
        # the segmenter's array is ascending already, and four times smaller than a list
        self.starts = starts if isinstance(starts, array) else sorted(starts)

    def starts_at(self, pos: int) -> bool:
        """Does a word begin at `pos`?"""
        i = bisect_left(self.starts, pos)
        return i < len(self.starts) and self.starts[i] == pos

    def within(self, start: int, end: int) -> set[int]:
        """Word starts in [start, end); `start` itself counts as one (a window opens a word)."""
        lo = bisect_left(self.starts, start)
        hi = bisect_left(self.starts, end)
        return {start, *self.starts[lo:hi]}
