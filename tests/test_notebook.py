"""The exploration notebook runs top to bottom and is committed without outputs."""

from __future__ import annotations

import os

import nbformat
import pytest
from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "explore_plan.ipynb"


def test_notebook_is_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)
    assert sum(c.cell_type == "markdown" for c in nb.cells) >= len(code) // 2


def test_notebook_executes_cleanly(monkeypatch):
    nbclient = pytest.importorskip("nbclient")
    # the kernel imports this checkout's wusong_nlp, not whichever copy is installed
    path = os.environ.get("PYTHONPATH")
    monkeypatch.setenv("PYTHONPATH", str(ROOT) + (os.pathsep + path if path else ""))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=600,
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "吴淞街道党工委、办事处2021年工作要点" in html  # the seed's summary
    assert "补齐补好市容环境管理短板" in html  # the outline table
    assert "省经济和信息化厅" in html  # the second document's actors
    assert "<mark" in html  # displaCy highlights
