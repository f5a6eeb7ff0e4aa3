"""Stage 4: the analysis of one plan, as Python objects and as JSON.

`analyze()` reads a file (or takes a text), runs the spaCy pipeline and gathers
what the components found into a `PlanAnalysis`, the object users hold in a
notebook and the thing the CLI writes as JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc

from .outline import Structure
from .reading import InputError, Source, read_document, validate_text

SCHEMA_VERSION = "1.0"


@dataclass
class PlanAnalysis:
    """Everything wusong-nlp reads off one plan document."""

    source: Source
    doc: Doc = field(repr=False)

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def structure(self) -> Structure:
        return self.doc._.structure

    @property
    def title(self) -> str | None:
        return self.structure.title

    @property
    def issuers(self) -> list[str]:
        return self.structure.issuers

    @property
    def year(self) -> int | None:
        return self.structure.year

    @property
    def outline(self):
        return self.structure.outline

    @property
    def sentences(self):
        return self.structure.sentences

    def _records(self, key: str) -> list:
        from .pipeline import records_of

        return records_of(self.doc, key)

    @property
    def quantities(self):
        return self._records("quantities")

    @property
    def commitments(self):
        return self._records("commitments")

    @property
    def actor_mentions(self):
        return self._records("actors")

    @property
    def program_mentions(self):
        return self._records("programs")

    @property
    def tasks(self):
        return self._records("tasks")

    @cached_property
    def actors(self) -> list[dict]:
        from .actors import group_actors

        return group_actors(self.actor_mentions)

    @cached_property
    def programs(self) -> list[dict]:
        from .programs import group_programs

        return group_programs(self.program_mentions, self.structure)

    @cached_property
    def graph(self):
        """The plan as a networkx MultiDiGraph (goals, tasks, programmes, actors, commitments)."""
        from .graph import build_graph

        return build_graph(self)

    def to_dict(self) -> dict:
        from .graph import graph_to_node_link

        st = self.structure
        out = {
            "schema_version": SCHEMA_VERSION,
            "source": {"path": self.source.path, "format": self.source.format,
                       "encoding": self.source.encoding},
            "title": st.title,
            "title_alt": st.title_alt,
            "issuers": list(st.issuers),
            "year": st.year,
            "text": self.text,
            "outline": [n.to_dict() for n in st.outline],
            "paragraphs": [p.to_dict() for p in st.paragraphs],
            "sentences": [s.to_dict() for s in st.sentences],
            "quantities": [q.to_dict() for q in self.quantities],
            "commitments": [c.to_dict() for c in self.commitments],
            "actors": self.actors,
            "programs": self.programs,
            "tasks": [t.to_dict() for t in self.tasks],
            "graph": graph_to_node_link(self.graph),
        }
        return out

    def to_frame(self, what: str = "commitments"):
        """One part as a pandas DataFrame: outline, quantities, commitments, tasks, actors,
        programs (see `frames.to_frame`)."""
        from .frames import to_frame

        return to_frame(self, what)

    def _repr_html_(self) -> str:
        from .frames import summary_html

        return summary_html(self)

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def __repr__(self) -> str:
        return (f"PlanAnalysis(title={self.title!r}, outline_nodes={len(self.structure.nodes())}, "
                f"quantities={len(self.quantities)}, commitments={len(self.commitments)})")


def analyze(text_or_path: str | Path | Source, *, nlp=None,
            name: str | None = None) -> PlanAnalysis:
    """Analyse a plan given as a path (.txt/.docx), as the text itself, or as a `Source`.

    A `str` that names an existing file, or any `Path`, is read as a file; any other
    string is taken as the text. Raises `InputError` for input that cannot be analysed.
    """
    from .pipeline import load

    if isinstance(text_or_path, Source):
        source = text_or_path
    elif isinstance(text_or_path, Path) or (
        isinstance(text_or_path, str) and len(text_or_path) < 4096 and "\n" not in text_or_path
        and _is_file(text_or_path)
    ):
        source = read_document(text_or_path)
    elif isinstance(text_or_path, str):
        source = Source(validate_text(text_or_path, name or "text"), name, "text", None)
    else:
        raise InputError(f"expected a text or a path, got {type(text_or_path).__name__}")
    nlp = nlp or load()
    doc = nlp(source.text)
    return PlanAnalysis(source, doc)


def _is_file(s: str) -> bool:
    try:
        return Path(s).exists()
    except OSError:
        return False


def schema() -> dict:
    """The JSON Schema that every analysis validates against."""
    ref = resources.files("wusong_nlp") / "schema" / "plan_analysis.schema.json"
    return json.loads(ref.read_text(encoding="utf-8"))
