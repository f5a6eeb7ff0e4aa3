"""The spaCy adapter: the extractors as pipeline components.

`load()` builds a blank Chinese `Language` whose tokenizer is jieba's segmentation
(through rjieba) with the package's policy-term dictionary, and adds the wusong
components. Each component is a registered factory with `assigns`, `requires` and a
`default_config`, so `nlp.add_pipe("wusong_quantities", config={"spans_key": "q"})`
works and `nlp.analyze_pipes()` reports them.

What a component finds is stored as plain data (record dicts in `doc.user_data`), so
`Doc.to_bytes`, `DocBin(store_user_data=True)` and `nlp.pipe(n_process=2)` keep it. The
records are exposed as `doc.spans[key]`, whose `Span._.record` rebuilds the record; the
outline, paragraphs and sentences as `doc._.structure`, and `doc.sents` is set from the
sentence segmentation. This is the only module that knows spaCy's component API;
`analyze()` runs the same extractors without a Doc.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from pathlib import Path

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from .extract import (
    find_actor_mentions,
    find_commitments,
    find_program_mentions,
    find_quantities,
    find_tasks,
)
from .extract.kinds import KindModel, resolve_model
from .extract.program_model import ProgramModel, resolve_program_model
from .outline import Structure, read_structure
from .reading import MAX_BYTES
from .records import RECORD_TYPES, Record
from .resources import Segmenter, parse_dictionary, policy_segmenter

COMPONENTS = ["wusong_structure", "wusong_quantities", "wusong_commitments", "wusong_actors",
              "wusong_programs", "wusong_tasks"]

_STRUCTURE = "wusong_structure"  # doc.user_data key of the structure (plain dict)
# objects rebuilt from a Doc's plain data, per Doc (never serialised, gone with the Doc)
_CACHES: weakref.WeakKeyDictionary[Doc, dict] = weakref.WeakKeyDictionary()


# --- what a Doc carries ------------------------------------------------------------


def _cache(doc: Doc) -> dict:
    cache = _CACHES.get(doc)
    if cache is None:
        cache = _CACHES[doc] = {}
    return cache


def text_of(doc: Doc) -> str:
    """The analysed text (the tokens concatenate to it: no spaces are added)."""
    return doc.text


def structure_of(doc: Doc) -> Structure:
    """The outline, paragraphs and sentences of a Doc the structure component has seen."""
    cache = _cache(doc)
    if "structure" not in cache:
        data = doc.user_data.get(_STRUCTURE)
        cache["structure"] = (Structure.from_dict(data) if data is not None
                              else read_structure(text_of(doc)))
    return cache["structure"]


def records_of(doc: Doc, key: str) -> list[Record]:
    """The records of span group `key`, in the order of `doc.spans[key]`."""
    cache = _cache(doc)
    if ("records", key) not in cache:
        stored = doc.user_data.get(("wusong_records", key))
        if stored is None:
            cache[("records", key)] = []
        elif "part" in stored:  # outline, paragraphs, sentences: read off the structure
            st = structure_of(doc)
            cache[("records", key)] = {"nodes": st.nodes(), "paragraphs": st.paragraphs,
                                       "sentences": st.sentences}[stored["part"]]
        else:
            cls = RECORD_TYPES[stored["type"]]
            cache[("records", key)] = [cls.from_dict(d) for d in stored["items"]]
    return cache[("records", key)]


def _span_record(span: Span) -> Record | None:
    """The record behind a wusong span, found through the span's id (`key#index`)."""
    key, _, index = span.id_.rpartition("#")
    if not index.isdigit():
        return None
    records = records_of(span.doc, key)
    return records[int(index)] if int(index) < len(records) else None


# getters, not stored values: spaCy keys stored `Span._` values by offsets alone, so
# spans of two groups at the same place would overwrite each other's record
for _name, _getter in [("record", _span_record),
                       ("kind", lambda span: getattr(_span_record(span), "kind", None)),
                       ("node_id", lambda span: getattr(_span_record(span), "node", None))]:
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_getter)
if not Doc.has_extension("structure"):
    Doc.set_extension("structure", getter=structure_of)


def _token_starts(doc: Doc) -> list[int]:
    cache = _cache(doc)
    if "starts" not in cache:
        cache["starts"] = doc.to_array("IDX").tolist() if len(doc) else []
    return cache["starts"]


def add_spans(doc: Doc, key: str, records: list, label_attr: str = "kind",
              part: str | None = None) -> None:
    """Store records as plain data and expose them as a token-aligned span group.

    Each span's id is `key#index`, which `Span._.record` resolves. Outline nodes,
    paragraphs and sentences (`part`) are not copied: they are read off the structure.
    """
    starts = _token_starts(doc)
    n_chars = len(doc.text)
    spans, kept = [], []
    for rec in records:
        # the tokens the record touches (as doc.char_span(alignment_mode="expand")):
        # the tokens cover the text without gaps, so a bisect over their starts finds them
        if not (0 <= rec.start < n_chars and 0 < rec.end <= n_chars):
            continue
        first = bisect_right(starts, rec.start) - 1
        last = bisect_right(starts, rec.end - 1) - 1
        label = str(getattr(rec, label_attr, "") or key)
        spans.append(Span(doc, first, last + 1, label=label, span_id=f"{key}#{len(kept)}"))
        kept.append(rec)
    doc.spans[key] = spans
    doc.user_data[("wusong_records", key)] = {"part": part} if part else {
        "type": type(kept[0]).__name__ if kept else "Record",
        "items": [r.to_dict() for r in kept]}
    _cache(doc)[("records", key)] = kept


def set_structure(doc: Doc, structure: Structure, *, outline_key: str = "outline",
                  paragraphs_key: str = "paragraphs", sentences_key: str = "sentences") -> None:
    """Store a structure on a Doc: span groups, `doc._.structure`, sentence starts."""
    doc.user_data[_STRUCTURE] = structure.to_dict()
    _cache(doc)["structure"] = structure
    add_spans(doc, outline_key, structure.nodes(), "number", part="nodes")
    add_spans(doc, paragraphs_key, structure.paragraphs, "id", part="paragraphs")
    add_spans(doc, sentences_key, structure.sentences, "id", part="sentences")
    if len(doc):
        starts = _token_starts(doc)
        first = {bisect_right(starts, s.start) - 1 for s in structure.sentences}
        for i, token in enumerate(doc):
            token.is_sent_start = i in first or i == 0


# --- the components ------------------------------------------------------------------


class StructureComponent:
    """Outline, paragraphs and sentences as span groups; `doc.sents` from the sentences."""

    def __init__(self, nlp: Language, name: str, *, outline_key: str, paragraphs_key: str,
                 sentences_key: str):
        self.name = name
        self.keys = {"outline_key": outline_key, "paragraphs_key": paragraphs_key,
                     "sentences_key": sentences_key}

    def __call__(self, doc: Doc) -> Doc:
        set_structure(doc, read_structure(text_of(doc)), **self.keys)
        return doc


class _ModelSlot:
    """A model a component's config names ("default": the shipped one, null: none, a
    path or a model's JSON), resolved when first needed (from_disk may replace it) and
    saved with the pipeline: the shipped model by name, any other by its weights."""

    def __init__(self, spec, resolve):
        self._spec, self._resolve = spec, resolve
        self._model, self._resolved = None, False

    def get(self):
        if not self._resolved:
            self._model, self._resolved = self._resolve(self._spec), True
        return self._model

    def set(self, model) -> None:
        self._spec, self._model, self._resolved = model, self._resolve(model), True

    def to_disk(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        default = self._spec == "default"
        model = None if default or self.get() is None else self.get().to_dict()
        srsly.write_json(path / "state.json", {"default": default, "model": model})

    def from_disk(self, path: Path) -> None:
        state = srsly.read_json(path / "state.json")
        self.set("default" if state["default"] else state["model"])


class QuantitiesComponent:
    """Every numeric expression with value, unit, qualifier and kind.

    `kind_model` is "default" (the shipped model), null (rules only), or a path to a
    model's JSON; the model is saved with the pipeline (`nlp.to_disk`).
    """

    def __init__(self, nlp: Language, name: str, *, spans_key: str, kind_model: str | None):
        self.name = name
        self.spans_key = spans_key
        self._kind = _ModelSlot(kind_model, resolve_model)

    @property
    def kind_model(self) -> KindModel | None:
        return self._kind.get()

    @kind_model.setter
    def kind_model(self, model: KindModel | dict | str | None) -> None:
        self._kind.set(model)

    def __call__(self, doc: Doc) -> Doc:
        quantities = find_quantities(text_of(doc), structure_of(doc), kind_model=self.kind_model)
        add_spans(doc, self.spans_key, quantities, "kind")
        return doc

    def to_disk(self, path, *, exclude=()) -> None:
        self._kind.to_disk(Path(path))

    def from_disk(self, path, *, exclude=()) -> QuantitiesComponent:
        self._kind.from_disk(Path(path))
        return self


class CommitmentsComponent:
    """Targets as commitments: action, object, value, horizon, stages."""

    def __init__(self, nlp: Language, name: str, *, spans_key: str, quantities_key: str):
        self.name = name
        self.spans_key = spans_key
        self.quantities_key = quantities_key

    def __call__(self, doc: Doc) -> Doc:
        commitments = find_commitments(text_of(doc), structure_of(doc),
                                       records_of(doc, self.quantities_key))
        add_spans(doc, self.spans_key, commitments, "action")
        return doc


class ActorsComponent:
    """Actor mentions with roles; `extra_names` are bodies the gazetteer does not know."""

    def __init__(self, nlp: Language, name: str, *, spans_key: str, extra_names: list[str]):
        self.name = name
        self.spans_key = spans_key
        self.extra_names = list(extra_names)

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_actor_mentions(text_of(doc), structure_of(doc),
                                       word_starts=_token_starts(doc),
                                       extra_names=self.extra_names)
        add_spans(doc, self.spans_key, mentions, "role")
        return doc


class ProgramsComponent:
    """Programme mentions; `extra_names` are programmes to find unquoted anywhere.

    `program_model` is "default" (the shipped filter over names), null (every name the
    rules find), or a path to a model's JSON; it is saved with the pipeline.
    """

    def __init__(self, nlp: Language, name: str, *, spans_key: str, extra_names: list[str],
                 program_model: str | None = "default"):
        self.name = name
        self.spans_key = spans_key
        self.extra_names = list(extra_names)
        self._names = _ModelSlot(program_model, resolve_program_model)

    @property
    def program_model(self) -> ProgramModel | None:
        return self._names.get()

    @program_model.setter
    def program_model(self, model: ProgramModel | dict | str | None) -> None:
        self._names.set(model)

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_program_mentions(text_of(doc), structure_of(doc),
                                         extra_names=self.extra_names,
                                         program_model=self.program_model)
        add_spans(doc, self.spans_key, mentions, "kind")
        return doc

    def to_disk(self, path, *, exclude=()) -> None:
        self._names.to_disk(Path(path))

    def from_disk(self, path, *, exclude=()) -> ProgramsComponent:
        self._names.from_disk(Path(path))
        return self


class TasksComponent:
    """Tasks: clauses that ask for action, with their actors, programmes, commitments."""

    def __init__(self, nlp: Language, name: str, *, spans_key: str, actors_key: str,
                 programs_key: str, commitments_key: str):
        self.name = name
        self.spans_key = spans_key
        self.keys = (actors_key, programs_key, commitments_key)

    def __call__(self, doc: Doc) -> Doc:
        actors, programs, commitments = (records_of(doc, k) for k in self.keys)
        tasks = find_tasks(text_of(doc), structure_of(doc), actors=actors, programs=programs,
                           commitments=commitments)
        add_spans(doc, self.spans_key, tasks, "id")
        return doc


@Language.factory(
    "wusong_structure",
    assigns=["doc.spans", "doc._.structure", "token.is_sent_start"],
    default_config={"outline_key": "outline", "paragraphs_key": "paragraphs",
                    "sentences_key": "sentences"})
def make_structure(nlp: Language, name: str, outline_key: str, paragraphs_key: str,
                   sentences_key: str) -> StructureComponent:
    return StructureComponent(nlp, name, outline_key=outline_key,
                              paragraphs_key=paragraphs_key, sentences_key=sentences_key)


@Language.factory("wusong_quantities", assigns=["doc.spans"], requires=["doc._.structure"],
                  default_config={"spans_key": "quantities", "kind_model": "default"})
def make_quantities(nlp: Language, name: str, spans_key: str,
                    kind_model: str | None) -> QuantitiesComponent:
    return QuantitiesComponent(nlp, name, spans_key=spans_key, kind_model=kind_model)


@Language.factory("wusong_commitments", assigns=["doc.spans"],
                  requires=["doc._.structure", "doc.spans"],
                  default_config={"spans_key": "commitments", "quantities_key": "quantities"})
def make_commitments(nlp: Language, name: str, spans_key: str,
                     quantities_key: str) -> CommitmentsComponent:
    return CommitmentsComponent(nlp, name, spans_key=spans_key, quantities_key=quantities_key)


@Language.factory("wusong_actors", assigns=["doc.spans"], requires=["doc._.structure"],
                  default_config={"spans_key": "actors", "extra_names": []})
def make_actors(nlp: Language, name: str, spans_key: str,
                extra_names: list[str]) -> ActorsComponent:
    return ActorsComponent(nlp, name, spans_key=spans_key, extra_names=extra_names)


@Language.factory("wusong_programs", assigns=["doc.spans"], requires=["doc._.structure"],
                  default_config={"spans_key": "programs", "extra_names": [],
                                  "program_model": "default"})
def make_programs(nlp: Language, name: str, spans_key: str, extra_names: list[str],
                  program_model: str | None) -> ProgramsComponent:
    return ProgramsComponent(nlp, name, spans_key=spans_key, extra_names=extra_names,
                             program_model=program_model)


@Language.factory("wusong_tasks", assigns=["doc.spans"],
                  requires=["doc._.structure", "doc.spans"],
                  default_config={"spans_key": "tasks", "actors_key": "actors",
                                  "programs_key": "programs", "commitments_key": "commitments"})
def make_tasks(nlp: Language, name: str, spans_key: str, actors_key: str, programs_key: str,
               commitments_key: str) -> TasksComponent:
    return TasksComponent(nlp, name, spans_key=spans_key, actors_key=actors_key,
                          programs_key=programs_key, commitments_key=commitments_key)


# --- the tokenizer -------------------------------------------------------------------


class JiebaTokenizer:
    """jieba's words (through rjieba) as spaCy tokens, in linear time.

    The words concatenate to the text, so every token gets `whitespace_=""` and
    `doc.text` equals the input exactly. The user dictionary is the tokenizer's own
    state: `to_bytes`/`to_disk` save it, so a saved pipeline segments alike.
    """

    def __init__(self, vocab, user_dict: str = "default"):
        self.vocab = vocab
        self.user_dict = user_dict
        if user_dict == "default":
            self.segmenter = policy_segmenter()
        else:
            self.segmenter = Segmenter(parse_dictionary(Path(user_dict).read_text(encoding="utf-8")))

    def __call__(self, text: str) -> Doc:
        words = self.segmenter.cut(text)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def _state(self) -> dict:
        return {"user_dict": self.user_dict,
                "entries": [list(e) for e in self.segmenter.entries]}

    def _restore(self, state: dict) -> JiebaTokenizer:
        self.user_dict = state["user_dict"]
        if self.user_dict == "default":
            self.segmenter = policy_segmenter()
        else:
            self.segmenter = Segmenter(tuple(e) for e in state["entries"])
        return self

    def to_bytes(self, **kwargs) -> bytes:
        return srsly.msgpack_dumps(self._state())

    def from_bytes(self, data: bytes, **kwargs) -> JiebaTokenizer:
        return self._restore(srsly.msgpack_loads(data))

    def to_disk(self, path, **kwargs) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "segmenter.json", self._state())

    def from_disk(self, path, **kwargs) -> JiebaTokenizer:
        return self._restore(srsly.read_json(Path(path) / "segmenter.json"))


@spacy.registry.tokenizers("wusong.jieba_tokenizer.v1")
def make_jieba_tokenizer(user_dict: str = "default"):
    """The tokenizer factory named in the pipeline config (found through an entry point)."""
    def create(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, user_dict)

    return create


CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "wusong.jieba_tokenizer.v1",
                                "user_dict": "default"}}}


def blank() -> Language:
    """A blank `zh` Language with the wusong tokenizer and no components."""
    nlp = spacy.blank("zh", config=CONFIG)
    nlp.max_length = MAX_BYTES  # the reader's limit; the segmenter has none of its own
    return nlp


def load(components: list[str] | tuple[str, ...] | None = None, *,
         config: dict[str, dict] | None = None) -> Language:
    """A new wusong pipeline, owned by the caller: blank `zh`, the tokenizer, components.

    Pass a subset of `COMPONENTS` to run fewer stages (each component needs those before
    it; `nlp.analyze_pipes()` tells), and `config={"wusong_quantities": {...}}` to set a
    component's options. Each call builds a new pipeline; `analyze()` never uses it.
    """
    names = list(COMPONENTS if components is None else components)
    unknown = [n for n in names if n not in COMPONENTS]
    if unknown:
        raise ValueError(f"unknown components {unknown}; choose from {COMPONENTS}")
    config = config or {}
    nlp = blank()
    for name in names:
        nlp.add_pipe(name, config=config.get(name, {}))
    return nlp


def doc_from_records(nlp: Language, text: str, structure: Structure,
                     groups: dict[str, list[Record]]) -> Doc:
    """A Doc for records found without spaCy (what `PlanAnalysis.doc` returns)."""
    doc = nlp.make_doc(text)
    set_structure(doc, structure)
    for key, records in groups.items():
        label = {"quantities": "kind", "commitments": "action", "actors": "role",
                 "programs": "kind", "tasks": "id"}.get(key, "kind")
        add_spans(doc, key, records, label)
    return doc
