"""Many plans at once: `analyze_many` over paths and texts, in worker processes if asked.

A collection (every 政府工作报告 of a province) must not be lost to one bad file, must
come out in the order it went in, and should use every core. Each worker process builds
what the extractors need (segmenter dictionary, kind model, compiled patterns) once, in
its initializer, and keeps it for every document it is given; nothing is pickled but
inputs and results, and nothing is cached on disk, so workers race for no file. Results
cross processes as plain dicts (`PlanAnalysis.to_dict()`), so `analyze_many` yields
dicts whether it runs in one process or several, and the Dask bag of `distributed.py`
holds the same dicts.
"""

from __future__ import annotations

import collections
import json
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from .analysis import analyze
from .reading import InputError, Source

ON_ERROR = ("record", "raise")


def source_name(item: Any, index: int) -> str:
    """How an input is named in an error record: its path, else `<text N>` (N from 0)."""
    if isinstance(item, Source):
        return item.path or f"<text {index}>"
    if isinstance(item, Path):
        return str(item)
    if isinstance(item, str) and "\n" not in item and len(item) < 4096 and (
            "。" not in item and (item.lower().endswith((".txt", ".docx")) or "/" in item
                                  or os.sep in item or os.path.exists(item))):
        return item
    return f"<text {index}>"


def error_reason(exc: BaseException, source: str) -> str:
    """The one-line reason of a failure, without the source name the record already has."""
    if isinstance(exc, InputError):
        reason = str(exc)
    elif isinstance(exc, FileNotFoundError):
        reason = "no such file"
    elif isinstance(exc, OSError):
        reason = exc.strerror or exc.__class__.__name__
    elif isinstance(exc, MemoryError):
        reason = "out of memory"
    else:
        reason = f"internal error: {exc.__class__.__name__}: {exc}"
    prefix = f"{source}: "
    reason = reason[len(prefix):] if reason.startswith(prefix) else reason
    return " ".join(reason.split()) or exc.__class__.__name__


def error_record(source: str, exc: BaseException) -> dict:
    """`{"source": name, "error": reason}`: what a failed input leaves in the results."""
    return {"source": source, "error": error_reason(exc, source)}


def is_error(result: dict) -> bool:
    """True for an error record of `analyze_many` (a result with an "error" key)."""
    return "error" in result


class BatchError(InputError):
    """An input of `analyze_many(..., on_error="raise")` failed; `source` names it."""

    def __init__(self, source: str, reason: str, internal: bool = False):
        super().__init__(f"{source}: {reason}")
        self.source, self.reason, self.internal = source, reason, internal


def _as_input(item: Any) -> Any:
    """What `analyze()` is given for one input: a `Path` stays a path, a `str` follows
    analyze's rule (an existing file or path-like string is a file, else the text)."""
    if isinstance(item, (str, Path, Source)):
        return item
    if isinstance(item, os.PathLike):
        return Path(item)
    raise InputError(f"expected a path or a text, got {type(item).__name__}")


def analyze_one(item: Any, index: int = 0, *, graph: bool = True,
                as_json: bool = False, as_analysis: bool = False) -> tuple[bool, Any]:
    """(ok, result) for one input: the analysis as a dict (or its compact JSON line with
    `as_json`, or the `PlanAnalysis` itself with `as_analysis`, for a caller that streams
    it), or the error record. Never raises for a bad input or a bug in one document; it
    runs in worker processes."""
    name = source_name(item, index)
    try:
        analysis = analyze(_as_input(item))
        if as_analysis:
            return True, analysis
        result = analysis.to_dict(graph=graph)
        if as_json:
            result = json.dumps(result, ensure_ascii=False)
        return True, result
    except (Exception, MemoryError) as exc:
        record = error_record(name, exc)
        record["internal"] = not isinstance(exc, (InputError, OSError, MemoryError))
        return False, record


def _warm() -> None:
    """Build once per process what every document needs: segmenter, kind model, patterns."""
    analyze("一、推进工作\n新增养老床位100张，完成3个小区改造任务。")


def _worker_init() -> None:
    """Initializer of a worker process (spawn-safe: a module-level function, no state)."""
    _warm()


def _task(args: tuple) -> tuple[bool, Any]:
    item, index, graph, as_json = args
    return analyze_one(item, index, graph=graph, as_json=as_json)


def iter_results(inputs: Iterable[Any], *, n_process: int = 1, graph: bool = True,
                 as_json: bool = False, window: int | None = None,
                 mp_context: str | None = "spawn") -> Iterator[tuple[bool, Any]]:
    """(ok, result) per input in input order; the engine of `analyze_many` and the CLI.

    With `n_process` > 1, a pool of that many worker processes analyses the inputs; at
    most `window` inputs (default 4 per process) are in flight, so memory stays bounded
    however long the collection and however slow the consumer.
    """
    n_process = _check_jobs(n_process)
    items = enumerate(inputs)
    if n_process == 1:
        for index, item in items:
            yield analyze_one(item, index, graph=graph, as_json=as_json)
        return
    window = window or 4 * n_process
    ctx = multiprocessing.get_context(mp_context)
    with ctx.Pool(n_process, initializer=_worker_init) as pool:
        pending: collections.deque = collections.deque()
        for index, item in items:
            pending.append(pool.apply_async(_task, ((item, index, graph, as_json),)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _check_jobs(n_process: int) -> int:
    if isinstance(n_process, bool) or not isinstance(n_process, int):
        raise TypeError(f"n_process must be an int, got {type(n_process).__name__}")
    if n_process == 0 or n_process == -1:
        return os.cpu_count() or 1
    if n_process < 1:
        raise ValueError(f"n_process must be ≥ 1 (or 0/-1 for every core), got {n_process}")
    return n_process


def analyze_many(inputs: Iterable[Any], *, n_process: int = 1,
                 on_error: Literal["record", "raise"] = "record",
                 graph: bool = True) -> Iterator[dict]:
    """Analyse many plans; yield one dict per input, in input order.

    `inputs`: paths (`str`/`Path`) and texts, mixed freely, by `analyze()`'s rule for a
    `str`; an iterable is consumed lazily. Each good input gives `PlanAnalysis.to_dict(
    graph=graph)`, the same dict in one process or many. A bad input (missing, binary,
    undecodable, corrupt .docx, no Chinese text, or a bug met on it) gives, with
    `on_error="record"`, an error record `{"source": path or "<text N>", "error":
    one-line reason}` (see `is_error`); with `on_error="raise"` it raises `BatchError`
    (an `InputError`) naming the source, after the results before it were yielded.
    `n_process` > 1 analyses in that many worker processes (0 or -1: every core).
    """
    if on_error not in ON_ERROR:
        raise ValueError(f"on_error must be one of {', '.join(ON_ERROR)}, got {on_error!r}")
    _check_jobs(n_process)
    return _analyze_many(inputs, n_process, on_error, graph)


def _analyze_many(inputs, n_process, on_error, graph) -> Iterator[dict]:
    for ok, result in iter_results(inputs, n_process=n_process, graph=graph):
        if not ok:
            internal = result.pop("internal", False)
            if on_error == "raise":
                raise BatchError(result["source"], result["error"], internal)
        yield result
