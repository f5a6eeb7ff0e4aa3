"""JSON written piece by piece, byte for byte what `json.dumps` would write.

A 20 MB plan has millions of records: building the whole dict of an analysis and then
one string of it holds the document three times over in memory. Here the top mapping's
values (and those of any `Lazy` mapping inside it) may be iterators: a list given one
record at a time. Each record is encoded by `json.dumps` itself, so the bytes equal
`json.dumps(materialise(value), ensure_ascii=False, indent=indent)` (a test guards that)
while at most one record is held as text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any


class Lazy(dict):
    """A mapping whose values may be iterators, written (or materialised) one by one."""


def materialise(value: Any) -> Any:
    """The plain value: iterators made lists and `Lazy` mappings dicts, all the way down."""
    if isinstance(value, Lazy):
        return {k: materialise(v) for k, v in value.items()}
    if isinstance(value, Iterator):
        return [materialise(v) for v in value]
    return value


def _lazy(value: Any) -> bool:
    return isinstance(value, (Lazy, Iterator))


def dump(value: Any, fh: IO[str], indent: int | None = None) -> None:
    """Write `value` to the text stream `fh` as `json.dumps(materialise(value),
    ensure_ascii=False, indent=indent)` would, without building that string."""
    _write(Lazy(value) if isinstance(value, Mapping) else value, fh, indent, 0)


def _leaf(value: Any, indent: int | None, level: int) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    if indent is None or level == 0 or "\n" not in text:
        return text
    return text.replace("\n", "\n" + " " * (indent * level))  # strings hold no raw newline


def _key(key: Any) -> str:
    if isinstance(key, str):
        return json.dumps(key, ensure_ascii=False)
    return json.dumps({key: 0}, ensure_ascii=False)[1:-4]  # json's own rule for 1, None…


def _items(value: Any) -> Iterable[tuple[str | None, Any]]:
    if isinstance(value, Mapping):
        return value.items()
    return ((None, v) for v in value)


def _write(value: Any, fh: IO[str], indent: int | None, level: int) -> None:
    if not _lazy(value):
        fh.write(_leaf(value, indent, level))
        return
    mapping = isinstance(value, Mapping)
    open_, close = ("{", "}") if mapping else ("[", "]")
    inner = "" if indent is None else "\n" + " " * (indent * (level + 1))
    comma = ", " if indent is None else ","
    first = True
    for key, item in _items(value):
        fh.write((open_ if first else comma) + inner)
        first = False
        if mapping:
            fh.write(_key(key) + ": ")
        if _lazy(item):
            _write(item, fh, indent, level + 1)
        else:
            fh.write(_leaf(item, indent, level + 1))
    if first:
        fh.write(open_ + close)  # empty: json writes {} and [] without a newline
        return
    fh.write(("" if indent is None else "\n" + " " * (indent * level)) + close)
