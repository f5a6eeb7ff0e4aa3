"""Beyond one machine: a Dask bag of analyses, for a cluster (the `dask` extra).

`analyze_bag(paths)` gives a `dask.bag.Bag` of the result dicts `analyze_many` yields
(error records included), in the order of `paths`. Each worker process builds what the
extractors need once (the module caches of the process), the first time it analyses a
document, and keeps it for every partition it is given; only paths and dicts travel.
Dask is imported here only: `import wusong_nlp` never needs it.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike

try:
    import dask.bag as db
except ImportError as exc:  # one line that says what to install
    raise ImportError("wusong_nlp.distributed needs Dask: pip install 'wusong-nlp[dask]'"
                      ) from exc

from .batch import analyze_one
from .views.corpus import FRAMES, corpus_rows


def _analyze_partition(items: list, graph: bool = True) -> list[dict]:
    """The results of one partition of (index, path) pairs, in order."""
    out = []
    for index, path in items:
        _, result = analyze_one(path, index, graph=graph)
        result.pop("internal", None)
        out.append(result)
    return out


def analyze_bag(paths: Iterable[str | PathLike], npartitions: int | None = None, *,
                graph: bool = True) -> db.Bag:
    """A Bag of `PlanAnalysis.to_dict(graph=graph)` dicts, or `{"source", "error"}`
    records, one per path in order; `npartitions` defaults to Dask's choice (≤ 100).
    Paths must be readable where the workers run (a shared or network file system)."""
    items = [(i, str(p)) for i, p in enumerate(paths)]
    bag = db.from_sequence(items, npartitions=npartitions) if items else \
        db.from_sequence([], npartitions=1)
    return bag.map_partitions(_analyze_partition, graph=graph)


def rows_bag(results: db.Bag, kind: str) -> db.Bag:
    """The rows of one kind (as in `corpus_frames`) of a bag of results, for
    `.to_dataframe().to_parquet(folder)`."""
    if kind not in FRAMES:
        raise ValueError(f"unknown kind {kind!r}; choose from {', '.join(FRAMES)}")
    return results.map_partitions(corpus_rows, kind)
