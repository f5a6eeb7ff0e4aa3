"""The package's layers, read from its imports with `ast`: no cycles, floors respected."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "wusong_nlp"
BOTTOM = {"resources", "text", "numerals", "offsets", "records", "reading", "linear"}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_nodes(tree: ast.AST):
    """Every node except the bodies of `if TYPE_CHECKING:` (imports for type hints only)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def _imports(path: Path) -> set[str]:
    """The package modules a file imports at run time (absolute names), wherever the
    import stands: inside a function too."""
    mod = _module(path)
    package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
    out = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("wusong_nlp"):
                out.add(target)
                out.update(f"{target}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("wusong_nlp"))
    return out


def _graph() -> dict[str, set[str]]:
    files = {_module(p): p for p in PACKAGE.rglob("*.py")}
    return {m: {t for t in _imports(p) if t in files and t != m} for m, p in files.items()}


def test_no_import_cycle():
    graph = _graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(m: str, stack: list[str]) -> None:
        state[m] = 1
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                cycles.append(stack[stack.index(t):] + [t] if t in stack else [m, t])
            elif t not in state:
                visit(t, stack + [t])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    # a package's __init__ re-exporting its own modules is no cycle of code
    cycles = [c for c in cycles if not any(c[i] == c[i + 1].rpartition(".")[0]
                                           for i in range(len(c) - 1))]
    assert cycles == []


def test_the_bottom_layer_imports_nothing_of_the_package():
    graph = _graph()
    for name in BOTTOM:
        mod = f"wusong_nlp.{name}"
        assert graph[mod] - {f"wusong_nlp.{b}" for b in BOTTOM} == set(), mod
    for mod in ("wusong_nlp.resources", "wusong_nlp.text", "wusong_nlp.numerals"):
        assert graph[mod] == set(), mod


def test_extractors_know_nothing_of_spacy_views_or_evaluation():
    for path in (PACKAGE / "extract").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "spacy" not in source, path.name
        for target in _imports(path):
            assert not target.startswith(("wusong_nlp.pipeline", "wusong_nlp.analysis",
                                          "wusong_nlp.views", "wusong_nlp.evaluation")), \
                (path.name, target)


def test_runtime_needs_no_training_code():
    """scikit-learn is the `train` extra: only evaluation/training.py imports it."""
    for path in PACKAGE.rglob("*.py"):
        if path.name != "training.py":
            assert "sklearn" not in path.read_text(encoding="utf-8"), path
