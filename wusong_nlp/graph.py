"""The goal–programme graph: a plan as typed nodes and edges, one graph per document
and one merged over several.

Nodes: document, goal (every outline node), task, programme, actor, commitment.
Edges (each keyed by its type): subgoal (document→top goal, goal→child goal),
has_task (goal→task), advances (task→programme, or goal→programme where the
programme is named in a heading or outside any task), responsible (actor→task, the
lead), partner (actor→task, partner or urged), measured_by (task→commitment, or
goal→commitment for a target outside any task).

Ids are namespaced by document (`goal:<stem>:<outline id>`, `task:<stem>:t3`), while
programmes and actors are keyed by name alone (`program:<name>`, `actor:<name>`), so
merging graphs makes one node per programme across documents and the goals it
serves can be read off the merged graph. Every attribute is a GraphML/GEXF-safe
scalar: no None (absent instead), lists joined with 、.
"""

from __future__ import annotations

import html
import io
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .extract.programs import serving_goals
from .offsets import SpanIndex
from .resources import data_path
from .text import short, xml_safe

# networkx is imported by the functions that build or export a networkx graph, not here:
# the analysis JSON takes its graph from `_Draft` without it, and importing networkx costs
# half a second at start-up and leaves ~20,000 long-lived objects that every full garbage
# collection of a long run walks again
if TYPE_CHECKING:
    import networkx as nx

NODE_TYPES = ("document", "goal", "task", "program", "actor", "commitment")
EDGE_TYPES = ("subgoal", "has_task", "advances", "responsible", "partner", "measured_by")
COLORS = {"document": "#444444", "goal": "#1f77b4", "task": "#9aa5b1", "program": "#d62728",
          "actor": "#2ca02c", "commitment": "#ff7f0e"}
_JOIN = "、"
_SCALARS = frozenset((str, int, float, bool))


def _get(obj, key: str, default=None):
    """A field of a record or of its dict form (mentions may come either way)."""
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def _clean(attrs: dict) -> dict:
    """Drop None, join lists, keep scalars: what GraphML and GEXF can hold."""
    out = {}
    for k, v in attrs.items():
        if v.__class__ in _SCALARS:  # the common case first: a graph has thousands
            out[k] = v
            continue
        if v is None:
            continue
        if isinstance(v, (list, tuple, set)):
            v = _JOIN.join(str(x) for x in v if x is not None)
        elif isinstance(v, dict):
            v = json.dumps(v, ensure_ascii=False)
        elif not isinstance(v, (str, int, float, bool)):
            v = str(v)
        out[k] = v
    return out


def _short(text: str, n: int = 32) -> str:
    return short(" ".join(text.split()), n)


def document_stem(analysis) -> str:
    """The name that namespaces a document's node ids: its file stem."""
    path = _get(analysis.source, "path")
    if path:
        return Path(str(path)).stem
    return (analysis.title or "text").replace(":", "：")


def doc_id(stem: str) -> str:
    return f"doc:{stem}"


def goal_id(stem: str, outline_id: str) -> str:
    return f"goal:{stem}:{outline_id}"


def task_id(stem: str, tid: str) -> str:
    return f"task:{stem}:{tid}"


def commitment_id(stem: str, cid: str) -> str:
    return f"commitment:{stem}:{cid}"


def program_id(name: str) -> str:
    return f"program:{name}"


def actor_id(name: str) -> str:
    return f"actor:{name}"


def _alias_map(groups: Iterable[dict]) -> dict[str, str]:
    """Every name, alias and mention name of a group → the group's name."""
    out: dict[str, str] = {}
    for g in groups:
        name = g.get("name")
        if not name:
            continue
        aliases = g.get("aliases") or []
        for alias in [*aliases, *(_get(m, "name") for m in g.get("mentions") or []),
                      *(_get(m, "text") for m in g.get("mentions") or [])]:
            if alias and alias not in out:
                out[alias] = name
        out[name] = name
    return out


def _aliases(g: dict) -> list[str]:
    return [a for a in g.get("aliases") or [] if a and a != g.get("name")]


class _Draft:
    """A graph as plain dicts, kept in the order networkx would keep it.

    `build_graph` replays it into a MultiDiGraph; the analysis JSON takes its node-link
    form straight from here (`graph_dict`), since building the networkx graph only to
    walk it again cost more than all the rest of `to_dict`.
    """

    def __init__(self, name: str):
        self.name = name
        self.nodes: dict[str, dict] = {}
        self.succ: dict[str, dict[str, dict[str, dict]]] = {}  # u -> v -> key -> attrs
        self.order: list[tuple[str, str, str]] = []  # edges, first insertion first

    def __contains__(self, n: str) -> bool:
        return n in self.nodes

    def add_node(self, n: str, attrs: dict) -> None:
        """Add `n`, or update its attributes (as networkx does)."""
        if n not in self.nodes:
            self.nodes[n] = {}
            self.succ[n] = {}
        self.nodes[n].update(attrs)

    def add_edge(self, u: str, v: str, key: str, **attrs) -> None:
        """Add the edge `key` from u to v (and missing nodes), or update its attributes."""
        nodes, succ = self.nodes, self.succ
        if u not in nodes:
            nodes[u], succ[u] = {}, {}
        if v not in nodes:
            nodes[v], succ[v] = {}, {}
        keys = succ[u].setdefault(v, {})
        if key in keys:
            keys[key].update(attrs)
        else:
            keys[key] = attrs
            self.order.append((u, v, key))

    def has_edge(self, u: str, v: str, key: str) -> bool:
        return key in self.succ.get(u, {}).get(v, {})

    def to_networkx(self) -> nx.MultiDiGraph:
        """The MultiDiGraph, built in the same order (so in- and out-edges keep theirs)."""
        import networkx as nx  # when needed (see the imports)

        g = nx.MultiDiGraph(name=self.name)
        g.add_nodes_from(self.nodes.items())
        for u, v, k in self.order:
            g.add_edge(u, v, key=k, **self.succ[u][v][k])
        return g

    def node_link(self) -> dict:
        """What `graph_to_node_link(self.to_networkx())` gives, without the graph.

        It uses the draft up: the attribute dicts become the node and link dicts (the
        same keys in the same order as networkx's copies, without copying them)."""
        nodes = []
        for n, attrs in self.nodes.items():
            attrs["id"] = n
            nodes.append(attrs)
        links = []
        for u, nbrs in self.succ.items():
            for v, keys in nbrs.items():
                for k, attrs in keys.items():
                    attrs["source"], attrs["target"], attrs["key"] = u, v, k
                    links.append(attrs)
        return {"directed": True, "multigraph": True, "graph": {"name": self.name},
                "nodes": nodes, "links": links}


def build_graph(analysis) -> nx.MultiDiGraph:
    """The plan as a typed MultiDiGraph (see the module docstring for the schema)."""
    return _draft(analysis).to_networkx()


def graph_dict(analysis) -> dict:
    """The plan's graph as node-link JSON: `graph_to_node_link(build_graph(analysis))`."""
    return _draft(analysis).node_link()


def _draft(analysis) -> _Draft:
    stem = document_stem(analysis)
    st = analysis.structure
    g = _Draft(stem)
    d = doc_id(stem)
    g.add_node(d, _clean({
        "type": "document", "label": analysis.title or stem, "document": stem,
        "title": analysis.title, "issuers": list(st.issuers), "year": st.year,
        "path": _get(analysis.source, "path"), "doc_id": _source_id(analysis.source),
    }))

    # goals: the outline tree, walked with a stack (no outline is too deep)
    def add_goal(node, parent: str, depth: int) -> None:
        # depth counts outline levels below annex/second-plan groups, as gold paths do
        depth = depth if node.kind == "group" else depth + 1
        nid = goal_id(stem, node.id)
        label = node.heading or node.number
        g.add_node(nid, _clean({
            "type": "goal", "label": label, "document": stem, "outline_id": node.id,
            "number": node.number, "heading": node.heading, "level": int(node.level),
            "depth": depth,
            "kind": node.kind, "char_start": int(node.start), "char_end": int(node.end),
        }))
        g.add_edge(parent, nid, key="subgoal", type="subgoal")
        pending.extend((child, nid, depth) for child in reversed(node.children))

    pending = [(root, d, 0) for root in reversed(st.outline)]
    while pending:
        add_goal(*pending.pop())

    def goal_node(outline_id: str | None) -> str:
        nid = goal_id(stem, outline_id) if outline_id else d
        return nid if nid in g else d

    # programmes and actors, by canonical name
    programs = list(analysis.programs or [])
    actors = list(analysis.actors or [])
    program_name = _alias_map(programs)
    actor_name = _alias_map(actors)
    for p in programs:
        mentions = p.get("mentions") or []
        g.add_node(program_id(p["name"]), _clean({
            "type": "program", "label": p["name"], "name": p["name"], "kind": p.get("kind"),
            "aliases": _aliases(p), "mentions": len(mentions), "documents": stem,
        }))
    for a in actors:
        g.add_node(actor_id(a["name"]), _clean({
            "type": "actor", "label": a["name"], "name": a["name"], "aliases": _aliases(a),
            "mentions": len(a.get("mentions") or []), "documents": stem,
        }))

    # commitments
    commitments = {c.id: c for c in analysis.commitments if c.id}
    for c in commitments.values():
        g.add_node(commitment_id(stem, c.id), _clean({
            "type": "commitment", "label": c.text, "text": c.text, "document": stem,
            "commitment_id": c.id,
            "value": float(c.value) if isinstance(c.value, (int, float)) else None,
            "unit": c.unit, "qualifier": c.qualifier, "object": c.object, "action": c.action,
            "horizon": c.horizon, "goal": c.node,
        }))

    # tasks and their links
    tasks = list(analysis.tasks)
    linked_commitments: set[str] = set()
    for t in tasks:
        tid = task_id(stem, t.id)
        g.add_node(tid, _clean({
            "type": "task", "label": _short(t.text), "text": t.text, "document": stem,
            "task_id": t.id, "goal": t.goal, "char_start": int(t.start), "char_end": int(t.end),
        }))
        g.add_edge(goal_node(t.goal), tid, key="has_task", type="has_task")
        for name in t.programs:
            pid = _ensure(g, program_id(program_name.get(name, name)), "program", stem)
            g.add_edge(tid, pid, key="advances", type="advances", via="task")
        for a in t.actors:
            role = a.get("role", "lead")
            if role not in ("lead", "partner", "urged"):
                continue
            aid = _ensure(g, actor_id(actor_name.get(a["name"], a["name"])), "actor", stem)
            kind = "responsible" if role == "lead" else "partner"
            g.add_edge(aid, tid, key=kind, type=kind, role=role,
                       implicit=bool(a.get("implicit", False)))
        for cid in t.commitments:
            if cid in commitments:
                g.add_edge(tid, commitment_id(stem, cid), key="measured_by", type="measured_by")
                linked_commitments.add(cid)
    for cid, c in commitments.items():
        if cid not in linked_commitments:
            g.add_edge(goal_node(c.node), commitment_id(stem, cid), key="measured_by",
                       type="measured_by")

    # programmes named in a heading or outside any task serve the goal directly; inside a
    # task they serve it through the task (programs.serving_goals: one definition)
    task_index = SpanIndex(tasks)
    for p in programs:
        pid = program_id(p["name"])
        for m in p.get("mentions") or []:
            start, end = _get(m, "start"), _get(m, "end")
            if any(end <= t.end for t in task_index.containing(start)):
                continue
            for node in serving_goals(start, end, _get(m, "node"), task_index):
                via = "heading" if _in_heading(st, start) else "text"
                src = goal_node(node)
                if not g.has_edge(src, pid, key="advances"):
                    g.add_edge(src, pid, key="advances", type="advances", via=via)
    return g


def _in_heading(st, offset: int) -> bool:
    node = st.node_at(offset)
    return node is not None and node.start <= offset < node.heading_end


def _ensure(g: _Draft, nid: str, kind: str, stem: str) -> str:
    """A programme or actor named by a task but missing from the grouped list."""
    if nid not in g:
        name = nid.split(":", 1)[1]
        g.add_node(nid, {"type": kind, "label": name, "name": name, "mentions": 0,
                         "documents": stem})
    return nid


def _source_id(source) -> str | None:
    """The stable document id (content hash + path) of a Source or its dict form."""
    if isinstance(source, dict):
        return source.get("id")
    return getattr(source, "doc_id", None)


def _kept_apart(g: nx.MultiDiGraph, seen: dict[str, str]) -> nx.MultiDiGraph:
    """`g` with its documents renamed `stem#id` where another document of the merge has
    the same stem (same file name or title) but a different document id."""
    import networkx as nx  # when needed (see the imports)

    renames: dict[str, str] = {}
    for _, attrs in g.nodes(data=True):
        if attrs.get("type") != "document":
            continue
        stem, did = attrs.get("document"), attrs.get("doc_id")
        if stem is None or did is None:
            continue
        if seen.setdefault(stem, did) != did:
            renames[stem] = f"{stem}#{did[:8]}"
            seen[renames[stem]] = did
    if not renames:
        return g
    prefixes = {f"{kind}:{old}": f"{kind}:{new}" for old, new in renames.items()
                for kind in ("doc", "goal", "task", "commitment")}

    def rename(n: str) -> str:
        head, _, rest = n.partition(":")
        stem, sep, tail = rest.partition(":")
        key = f"{head}:{stem}"
        return prefixes[key] + sep + tail if key in prefixes else n

    h = nx.relabel_nodes(g, {n: rename(n) for n in g if isinstance(n, str)}, copy=True)
    for _, attrs in h.nodes(data=True):
        if attrs.get("document") in renames:
            attrs["document"] = renames[attrs["document"]]
        if isinstance(attrs.get("documents"), str):
            attrs["documents"] = _JOIN.join(renames.get(d, d)
                                            for d in attrs["documents"].split(_JOIN))
    return h


def merge_graphs(graphs: Iterable[nx.MultiDiGraph]) -> nx.MultiDiGraph:
    """One graph over several documents: programmes and actors shared by name.

    Documents are told apart by their document id (content hash + path), not by name:
    two files called report.txt, or two plans titled 政府工作报告, stay two documents
    (the second one's nodes are namespaced `stem#id`)."""
    import networkx as nx  # when needed (see the imports)

    merged = nx.MultiDiGraph(name="merged")
    seen: dict[str, str] = {}
    for g in graphs:
        g = _kept_apart(g, seen)
        for n, attrs in g.nodes(data=True):
            if n not in merged:
                merged.add_node(n, **attrs)
                continue
            old = merged.nodes[n]
            if attrs.get("type") in ("program", "actor"):
                old["mentions"] = int(old.get("mentions", 0)) + int(attrs.get("mentions", 0))
                for key in ("documents", "aliases"):
                    vals = [v for v in (old.get(key, "") + _JOIN + attrs.get(key, ""))
                            .split(_JOIN) if v]
                    if vals:
                        old[key] = _JOIN.join(dict.fromkeys(vals))
                for k, v in attrs.items():
                    old.setdefault(k, v)
        for u, v, k, attrs in g.edges(keys=True, data=True):
            if not merged.has_edge(u, v, key=k):
                merged.add_edge(u, v, key=k, **attrs)
    return merged


# ---------------------------------------------------------------- queries

def _documents(g) -> list[str]:
    return [n for n, t in g.nodes(data="type") if t == "document"]


def _find_program(g, name: str) -> str | None:
    pid = program_id(name)
    if pid in g:
        return pid
    for n, attrs in g.nodes(data=True):
        if attrs.get("type") == "program" and name in (attrs.get("aliases") or "").split(_JOIN):
            return n
    return None


def _goal_parent(g, nid: str) -> str | None:
    for u, _, k in g.in_edges(nid, keys=True):
        if k == "subgoal" and g.nodes[u].get("type") == "goal":
            return u
    return None


def _lift(g, nid: str, level: int | None) -> str:
    """The ancestor of goal `nid` at outline depth `level` (the goal itself when it is
    shallower); an annex group does not count as a level (附件/一/（一） is depth 2)."""
    if level is None:
        return nid
    while g.nodes[nid].get("depth", g.nodes[nid].get("level", 0)) > level:
        parent = _goal_parent(g, nid)
        if parent is None:
            break
        nid = parent
    return nid


def _goal_of(g, nid: str) -> str | None:
    """The goal a task or goal hangs from (None for the document)."""
    if g.nodes[nid].get("type") == "goal":
        return nid
    for u, _, k in g.in_edges(nid, keys=True):
        if k == "has_task" and g.nodes[u].get("type") == "goal":
            return u
    return None


def _resolve_goals(g, goal: str) -> list[str]:
    """Goal node ids for a node id or an outline id (in every document that has it)."""
    if goal in g and g.nodes[goal].get("type") == "goal":
        return [goal]
    return [n for n, attrs in g.nodes(data=True)
            if attrs.get("type") == "goal" and attrs.get("outline_id") == goal]


def _subtree(g, nid: str) -> list[str]:
    out, stack = [], [nid]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(v for _, v, k in g.out_edges(n, keys=True) if k == "subgoal")
    return out


def _order(g, nid: str) -> tuple:
    attrs = g.nodes[nid]
    return (attrs.get("document", ""), attrs.get("char_start", 0), nid)


def goals_for_program(g, name: str, level: int | None = 2,
                      qualified: bool | None = None) -> list[str]:
    """The goals a programme serves, through its tasks or named at goal level.

    Each goal is lifted to its ancestor at outline `level` (2 = part/section, the
    granularity of the gold files' program_links, counted below an annex group;
    None keeps the deepest goal).
    Returns outline ids (`一/（三）`); with `qualified` (default: when the graph holds
    several documents) graph node ids (`goal:<stem>:一/（三）`), in document order.
    """
    pid = _find_program(g, name)
    if pid is None:
        return []
    goals = set()
    for u, _, k in g.in_edges(pid, keys=True):
        if k != "advances":
            continue
        goal = _goal_of(g, u)
        if goal is not None:
            goals.add(_lift(g, goal, level))
    if qualified is None:
        qualified = len(_documents(g)) > 1
    ordered = sorted(goals, key=lambda n: _order(g, n))
    return ordered if qualified else [g.nodes[n]["outline_id"] for n in ordered]


def _tasks_and_goals(g, goal: str) -> tuple[list[str], list[str]]:
    goals = [n for root in _resolve_goals(g, goal) for n in _subtree(g, root)]
    tasks = [v for n in goals for _, v, k in g.out_edges(n, keys=True) if k == "has_task"]
    return goals, tasks


def programs_for_goal(g, goal: str) -> list[str]:
    """Programme names that a goal (outline id or node id) and its subgoals advance,
    the most linked first."""
    goals, tasks = _tasks_and_goals(g, goal)
    counts: Counter[str] = Counter()
    for n in goals + tasks:
        for _, v, k in g.out_edges(n, keys=True):
            if k == "advances":
                counts[g.nodes[v].get("name", v)] += 1
    return [name for name, _ in counts.most_common()]


def actors_for_goal(g, goal: str, include_implicit: bool = True) -> list[str]:
    """Actor names leading or partnering in the tasks of a goal and its subgoals,
    by number of tasks; `include_implicit=False` leaves out the default issuer."""
    _, tasks = _tasks_and_goals(g, goal)
    counts: Counter[str] = Counter()
    for t in tasks:
        for u, _, _k, attrs in g.in_edges(t, keys=True, data=True):
            if attrs.get("type") in ("responsible", "partner"):
                if attrs.get("implicit") and not include_implicit:
                    continue
                counts[g.nodes[u].get("name", u)] += 1
    return [name for name, _ in counts.most_common()]


def _top_goal(g, nid: str) -> str:
    while True:
        parent = _goal_parent(g, nid)
        if parent is None:
            return nid
        nid = parent


def cross_cutting_programs(g, min_goals: int = 2) -> list[dict]:
    """Programmes serving `min_goals` or more top-level goals (parts), ranked by the
    number of top-level goals, then by mentions."""
    out = []
    for n, attrs in g.nodes(data=True):
        if attrs.get("type") != "program":
            continue
        tops = set()
        for u, _, k in g.in_edges(n, keys=True):
            if k == "advances":
                goal = _goal_of(g, u)
                if goal is not None:
                    tops.add(_top_goal(g, goal))
        if len(tops) >= min_goals:
            ordered = sorted(tops, key=lambda x: _order(g, x))
            out.append({"name": attrs.get("name", n), "top_goals": ordered,
                        "top_goal_labels": [g.nodes[x].get("label", x) for x in ordered],
                        "n_top_goals": len(tops), "mentions": int(attrs.get("mentions", 0))})
    out.sort(key=lambda r: (-r["n_top_goals"], -r["mentions"], r["name"]))
    return out


# ---------------------------------------------------------------- exports

def graph_to_node_link(g) -> dict:
    """The graph as node-link JSON (the `graph` key of the analysis JSON)."""
    import networkx as nx  # when needed (see the imports)

    return nx.node_link_data(g, edges="links")


def _xml_value(v):
    return xml_safe(v) if isinstance(v, str) else v


def _graph_attrs_safe(g) -> nx.MultiDiGraph:
    """A copy whose ids and attributes XML 1.0 can hold (a \x0c in a heading broke it)."""
    import networkx as nx  # when needed (see the imports)

    h = nx.MultiDiGraph()
    h.graph = {k: _xml_value(v) for k, v in _clean(dict(g.graph)).items()}
    h.add_nodes_from((_xml_value(n), {k: _xml_value(v) for k, v in a.items()})
                     for n, a in g.nodes(data=True))
    h.add_edges_from((_xml_value(u), _xml_value(v), _xml_value(k),
                      {a: _xml_value(x) for a, x in d.items()})
                     for u, v, k, d in g.edges(keys=True, data=True))
    return h


def to_graphml(g) -> bytes:
    import networkx as nx  # when needed (see the imports)

    buf = io.BytesIO()
    nx.write_graphml(_graph_attrs_safe(g), buf, encoding="utf-8")
    return buf.getvalue()


def to_gexf(g) -> bytes:
    """GEXF for Gephi. GEXF reserves an edge's `type` (directed/undirected) and `id`,
    so the edge type travels as `relation` (and as the edge label), ids are fresh."""
    import networkx as nx  # when needed (see the imports)

    g = _graph_attrs_safe(g)
    h = nx.MultiDiGraph()
    h.add_nodes_from(g.nodes(data=True))
    for i, (u, v, k, attrs) in enumerate(g.edges(keys=True, data=True)):
        attrs = dict(attrs)
        relation = attrs.pop("type", k)
        h.add_edge(u, v, key=k, **attrs, relation=relation, label=relation, id=f"e{i}")
    buf = io.BytesIO()
    nx.write_gexf(h, buf, encoding="utf-8")
    return buf.getvalue()


def to_html(g, title: str | None = None) -> str:
    """A self-contained interactive view: SVG force layout in plain JS, no network.

    Nodes are coloured by type; hovering shows the label, clicking a node
    highlights it and its neighbours (click the background to clear).
    """
    nodes = [{"id": n, "label": str(a.get("label", n)), "type": a.get("type", ""),
              "info": _tooltip(a)} for n, a in g.nodes(data=True)]
    index = {n["id"]: i for i, n in enumerate(nodes)}
    links = [{"s": index[u], "t": index[v], "type": k} for u, v, k in g.edges(keys=True)]
    data = json.dumps({"nodes": nodes, "links": links, "colors": COLORS},
                      ensure_ascii=False)
    for a, b in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                 ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        data = data.replace(a, b)
    template = data_path("graph_view.html").read_text(encoding="utf-8")
    title = title or g.graph.get("name") or "wusong-nlp graph"
    return (template.replace("__TITLE__", html.escape(str(title)))
            .replace("__GRAPH_DATA__", data))


def _tooltip(attrs: dict) -> str:
    keys = ("type", "heading", "text", "name", "kind", "value", "unit", "object", "documents",
            "aliases")
    parts = [f"{k}: {attrs[k]}" for k in keys if k in attrs and attrs[k] not in ("", None)]
    return "\n".join(parts)


def export_graph(g, kind: str) -> str | bytes:
    """The graph as graphml/gexf (bytes), html or json (str)."""
    if kind == "graphml":
        return to_graphml(g)
    if kind == "gexf":
        return to_gexf(g)
    if kind == "html":
        return to_html(g)
    if kind == "json":
        return json.dumps(graph_to_node_link(g), ensure_ascii=False, indent=1) + "\n"
    raise ValueError(f"unknown graph export kind: {kind}")
