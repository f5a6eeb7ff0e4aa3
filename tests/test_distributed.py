"""The Dask bag of analyses on a LocalCluster of two worker processes equals the serial
results, in order, with a bad file among real plans."""

from __future__ import annotations

import pytest
from conftest import CORPUS

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from wusong_nlp.batch import analyze_many  # noqa: E402
from wusong_nlp.distributed import analyze_bag, rows_bag  # noqa: E402
from wusong_nlp.views.corpus import corpus_rows  # noqa: E402


def test_local_cluster_gives_the_serial_results(tmp_path):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 3 + b"\x00")
    docs = sorted(CORPUS.glob("*.txt"), key=lambda p: p.stat().st_size)[:8]
    paths = [str(p) for p in docs[:4]] + [str(bad)] + [str(p) for p in docs[4:]]
    serial = list(analyze_many(paths, graph=False))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        bag = analyze_bag(paths, npartitions=3, graph=False)
        results = bag.compute()
        assert len(client.scheduler_info()["workers"]) == 2
        tasks = rows_bag(bag, "tasks").compute()
    assert results == serial
    assert results[4] == {"source": str(bad), "error": "looks like a binary file, not text"}
    assert tasks == corpus_rows(serial, "tasks")
