"""The analysis of one plan, as Python objects and as JSON.

`analyze()` reads a file (or takes a text), reads its outline, runs every extractor of
`extract/` over the text and gathers the records into a `PlanAnalysis`: the object
users hold in a notebook and the thing the CLI writes as JSON. No spaCy Doc is needed
for that; `PlanAnalysis.doc` builds one from the records when asked.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import IO

from . import jsonstream
from .extract import (
    find_actor_mentions,
    find_commitments,
    find_program_mentions,
    find_quantities,
    find_tasks,
    group_actors,
    group_programs,
)
from .extract.kinds import KindModel
from .extract.program_model import ProgramModel
from .graph import build_graph, graph_dict, graph_to_node_link
from .jsonstream import Lazy
from .outline import Structure, read_structure
from .reading import InputError, Source, read_document, validate_text
from .records import ActorMention, Commitment, ProgramMention, Quantity, Task
from .views.notebook import summary_html, to_frame

# 1.1: programmes' `goals` are the part/section goals the graph gives (one definition),
# in document order; `graph` may be left out (to_dict(graph=False))
SCHEMA_VERSION = "1.1"


@dataclass
class PlanAnalysis:
    """Everything wusong-nlp reads off one plan document.

    The records are plain dataclasses with offsets into `text`; `doc` gives the same
    records as a spaCy Doc (span groups with `Span._.record`), built when first asked.
    """

    source: Source
    structure: Structure
    quantities: list[Quantity] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    actor_mentions: list[ActorMention] = field(default_factory=list)
    program_mentions: list[ProgramMention] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)

    @classmethod
    def from_doc(cls, source: Source, doc) -> PlanAnalysis:
        """The analysis of a Doc that a wusong pipeline (`load()`) has processed."""
        pipeline = _pipeline()
        records_of = pipeline.records_of
        plan = cls(source, pipeline.structure_of(doc), records_of(doc, "quantities"),
                   records_of(doc, "commitments"), records_of(doc, "actors"),
                   records_of(doc, "programs"), records_of(doc, "tasks"))
        plan.__dict__["doc"] = doc
        return plan

    @property
    def text(self) -> str:
        return self.source.text

    @cached_property
    def doc(self):
        """The analysis as a spaCy Doc (tokens, span groups, `doc.sents`); nothing is re-run."""
        return _pipeline().doc_from_records(_blank(), self.text, self.structure, {
            "quantities": self.quantities, "commitments": self.commitments,
            "actors": self.actor_mentions, "programs": self.program_mentions,
            "tasks": self.tasks})

    @property
    def doc_id(self) -> str:
        """A stable id of the document: content hash plus source (see `Source.doc_id`)."""
        return self.source.doc_id

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

    @cached_property
    def actors(self) -> list[dict]:
        """One entry per actor: name, aliases, mentions with roles."""
        return group_actors(self.actor_mentions)

    @cached_property
    def programs(self) -> list[dict]:
        """One entry per programme: name, kind, aliases, mentions and the goals it serves."""
        return group_programs(self.program_mentions, self.structure, self.tasks)

    @cached_property
    def graph(self):
        """The plan as a networkx MultiDiGraph (goals, tasks, programmes, actors, commitments)."""
        return build_graph(self)

    def to_dict(self, graph: bool = True) -> dict:
        """The JSON of the analysis (see the schema); `graph=False` leaves the graph out."""
        return {k: list(v) if isinstance(v, Iterator) else v
                for k, v in self._sections(graph).items()}

    def write_json(self, fh: IO[str], indent: int | None = 1, graph: bool = True) -> None:
        """Write `json.dumps(self.to_dict(graph), ensure_ascii=False, indent=indent)` to the
        text stream `fh` record by record: a 20 MB plan is never held as one dict and one
        string (see `jsonstream`)."""
        sections = self._sections(graph)
        for key in ("actors", "programs"):
            sections[key] = iter(sections[key])
        if graph:
            sections["graph"] = Lazy({k: iter(v) if isinstance(v, list) else v
                                      for k, v in sections["graph"].items()})
        jsonstream.dump(sections, fh, indent=indent)

    def _sections(self, graph: bool) -> Lazy:
        """The parts of the JSON in order, the record lists as iterators."""
        st = self.structure
        out = Lazy({
            "schema_version": SCHEMA_VERSION,
            "source": {"path": self.source.path, "format": self.source.format,
                       "encoding": self.source.encoding, "id": self.source.doc_id},
            "title": st.title,
            "title_alt": st.title_alt,
            "issuers": list(st.issuers),
            "year": st.year,
            "text": self.text,
            "outline": (n.to_dict() for n in st.outline),
            "paragraphs": (p.to_dict() for p in st.paragraphs),
            "sentences": (s.to_dict() for s in st.sentences),
            "quantities": (q.to_dict() for q in self.quantities),
            "commitments": (c.to_dict() for c in self.commitments),
            "actors": self.actors,
            "programs": self.programs,
            "tasks": (t.to_dict() for t in self.tasks),
        })
        if graph:  # from the graph if it was built (and maybe edited), else without one
            out["graph"] = (graph_to_node_link(self.__dict__["graph"]) if "graph" in self.__dict__
                            else graph_dict(self))
        return out

    def to_frame(self, what: str = "commitments"):
        """One part as a pandas DataFrame: outline, quantities, commitments, tasks, actors,
        programs (see `frames.to_frame`)."""
        return to_frame(self, what)

    def _repr_html_(self) -> str:
        return summary_html(self)

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def __repr__(self) -> str:
        return (f"PlanAnalysis(title={self.title!r}, outline_nodes={len(self.structure.nodes())}, "
                f"quantities={len(self.quantities)}, commitments={len(self.commitments)})")


def analyze(text_or_path: str | Path | Source, *, nlp=None, name: str | None = None,
            kind_model: KindModel | dict | str | None = "default",
            program_model: ProgramModel | dict | str | None = "default") -> PlanAnalysis:
    """Analyse a plan given as a file (a `Path`, or a `Source`), or as the text itself.

    The rule for a `str`, so a mistyped path is never analysed as if it were the plan:
    a `str` naming an existing file is read as that file; a `str` that looks like a
    path — no line break, under 4096 characters, no 。, and ending in .txt/.docx or
    containing a path separator — raises `FileNotFoundError` when no such file exists;
    any other `str` is the text. Pass `Source(text)` to force a string to be text.
    The extractors run directly on the text and its outline; with `nlp` (a pipeline
    from `load()`), that pipeline runs instead and the analysis reads its Doc.
    `kind_model` picks the quantity-kind model, `program_model` the filter over
    programme names ("default": the shipped ones; None: rules only). Raises
    `InputError` for input that cannot be analysed.
    """
    if isinstance(text_or_path, Source):
        source = text_or_path
    elif isinstance(text_or_path, Path):
        source = read_document(text_or_path)
    elif isinstance(text_or_path, str):
        if _looks_like_path(text_or_path):
            if not _is_file(text_or_path):
                raise FileNotFoundError(2, "no such file (a str that looks like a path is "
                                        "read as a file; wrap text in Source() to force it)",
                                        text_or_path)
            source = read_document(text_or_path)
        elif "\n" not in text_or_path and len(text_or_path) < 4096 and _is_file(text_or_path):
            source = read_document(text_or_path)
        else:
            source = Source(validate_text(text_or_path, name or "text"), name, "text", None)
    else:
        raise InputError(f"expected a text or a path, got {type(text_or_path).__name__}")
    if nlp is not None:
        return PlanAnalysis.from_doc(source, nlp(source.text))
    return extract_all(source, kind_model=kind_model, program_model=program_model)


def extract_all(source: Source, *, kind_model: KindModel | dict | str | None = "default",
                program_model: ProgramModel | dict | str | None = "default") -> PlanAnalysis:
    """Every extractor in order over one text: the analysis without a spaCy Doc."""
    text = source.text
    structure = read_structure(text, source.layout)
    quantities = find_quantities(text, structure, kind_model=kind_model)
    commitments = find_commitments(text, structure, quantities)
    actors = find_actor_mentions(text, structure)
    programs = find_program_mentions(text, structure, program_model=program_model)
    tasks = find_tasks(text, structure, actors=actors, programs=programs,
                       commitments=commitments)
    return PlanAnalysis(source, structure, quantities, commitments, actors, programs, tasks)


@functools.cache
def _blank():
    """One blank Language per process, for Docs built from records (no components)."""
    return _pipeline().blank()


def _pipeline():
    """The spaCy adapter, imported when a Doc is first needed: spaCy takes most of a second
    to import, and `analyze()`, `to_dict()` and the command line never need it."""
    from . import pipeline

    return pipeline


def _looks_like_path(s: str) -> bool:
    """A one-line string ending in .txt/.docx or holding a path separator (see analyze)."""
    if "\n" in s or "\r" in s or len(s) >= 4096 or "。" in s or not s.strip():
        return False
    return s.lower().endswith((".txt", ".docx")) or "/" in s or os.sep in s


def _is_file(s: str) -> bool:
    try:
        return Path(s).exists()
    except OSError:
        return False


def schema() -> dict:
    """The JSON Schema that every analysis validates against."""
    ref = resources.files("wusong_nlp") / "schema" / "plan_analysis.schema.json"
    return json.loads(ref.read_text(encoding="utf-8"))
