"""Stage 3: the spaCy pipeline.

`load()` builds a blank Chinese `Language` whose tokenizer is jieba with the
package's policy-term dictionary, and adds the wusong components, each a
registered factory. Every component reads the text, writes plain records, and
exposes them as `doc.spans[...]` whose `Span._.record` is the record. The records
carry exact character offsets; the spaCy spans are the token-aligned view of them.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from importlib import resources

import jieba
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .outline import Structure, read_structure
from .reading import MAX_BYTES

jieba.setLogLevel(60)

COMPONENTS = ["wusong_structure", "wusong_quantities", "wusong_actors", "wusong_programs",
              "wusong_tasks"]

for _name, _default in [("structure", None), ("analysis_parts", None)]:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
def _span_record(span: Span):
    """The record behind a wusong span, found through the span's id (`group#index`)."""
    key, _, index = span.id_.rpartition("#")
    records = span.doc.user_data.get(("wusong_records", key))
    return records[int(index)] if records and index.isdigit() else None


# getters, not stored values: spaCy keys stored `Span._` values by offsets alone, so
# spans of two groups at the same place would overwrite each other's record
for _name, _getter in [("record", _span_record),
                       ("kind", lambda span: getattr(_span_record(span), "kind", None)),
                       ("node_id", lambda span: getattr(_span_record(span), "node", None))]:
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_getter)


def data_path(name: str):
    """A data file shipped inside the package."""
    return resources.files("wusong_nlp") / "data" / name


def data_lines(name: str) -> list[str]:
    """The lines of a data file, without blank lines and `#` comments.

    Trailing spaces go; tabs stay, so a TSV keeps its empty last columns.
    """
    text = data_path(name).read_text(encoding="utf-8")
    return [ln.rstrip(" \u3000") for ln in text.splitlines()
            if ln.strip() and not ln.lstrip().startswith("#")]


@functools.lru_cache(maxsize=1)
def policy_segmenter() -> jieba.Tokenizer:
    """A jieba tokenizer of our own, with the policy-term dictionary.

    A separate instance keeps the user's global jieba untouched.
    """
    tok = jieba.Tokenizer()
    with resources.as_file(data_path("userdict.txt")) as path:
        tok.load_userdict(str(path))
    return tok


def add_spans(doc: Doc, key: str, records, label_attr: str = "kind") -> None:
    """Expose records with start/end as a token-aligned span group.

    Each span's id is `key#index`, which `Span._.record` resolves; the records
    themselves are kept per group in `doc.user_data` (also read by `records_of`).
    """
    starts = token_starts(doc)
    n_chars = len(text_of(doc))
    spans, kept = [], []
    for rec in records:
        # the tokens the record touches, as doc.char_span(alignment_mode="expand") finds
        # them: the tokens cover the text without gaps, so a bisect over their starts
        # gives the token of a character
        if not (0 <= rec.start < n_chars and 0 < rec.end <= n_chars):
            continue
        first = bisect_right(starts, rec.start) - 1
        last = bisect_right(starts, rec.end - 1) - 1
        label = str(getattr(rec, label_attr, "") or key)
        spans.append(Span(doc, first, last + 1, label=label, span_id=f"{key}#{len(kept)}"))
        kept.append(rec)
    doc.spans[key] = spans
    doc.user_data[("wusong_records", key)] = kept


def token_starts(doc: Doc) -> list[int]:
    """The character offset of every token, computed once per doc (for `add_spans`)."""
    starts = doc.user_data.get("wusong_token_starts")
    if starts is None:
        starts = doc.user_data["wusong_token_starts"] = doc.to_array("IDX").tolist()
    return starts


def records_of(doc: Doc, key: str) -> list:
    """The records of span group `key`, in the order of `doc.spans[key]`."""
    return list(doc.user_data.get(("wusong_records", key), []))


def text_of(doc: Doc) -> str:
    """The analysed text. `doc.text` rebuilds it token by token, so the tokenizer keeps it."""
    text = doc.user_data.get("wusong_text")
    if text is None:
        text = doc.user_data["wusong_text"] = doc.text
    return text


def structure_of(doc: Doc) -> Structure:
    if doc._.structure is None:
        doc._.structure = read_structure(text_of(doc))
    return doc._.structure


@Language.factory("wusong_structure")
def make_structure(nlp: Language, name: str):
    """Outline, paragraphs and sentences as span groups."""

    def component(doc: Doc) -> Doc:
        st = structure_of(doc)
        add_spans(doc, "outline", st.nodes(), "number")
        add_spans(doc, "paragraphs", st.paragraphs, "id")
        add_spans(doc, "sentences", st.sentences, "id")
        return doc

    return component


@Language.factory("wusong_quantities")
def make_quantities(nlp: Language, name: str):
    """Every numeric expression with value, unit, qualifier and kind; commitments."""
    from .commitments import find_commitments
    from .quantities import find_quantities

    def component(doc: Doc) -> Doc:
        st = structure_of(doc)
        quantities = find_quantities(text_of(doc), st)
        add_spans(doc, "quantities", quantities, "kind")
        commitments = find_commitments(text_of(doc), st, quantities)
        add_spans(doc, "commitments", commitments, "action")
        return doc

    return component


@Language.factory("wusong_actors")
def make_actors(nlp: Language, name: str):
    """Actor mentions with roles."""
    from .actors import find_actor_mentions

    def component(doc: Doc) -> Doc:
        add_spans(doc, "actors", find_actor_mentions(text_of(doc), structure_of(doc)), "role")
        return doc

    return component


@Language.factory("wusong_programs")
def make_programs(nlp: Language, name: str):
    """Programme mentions (platforms, mechanisms, campaigns, projects, documents)."""
    from .programs import find_program_mentions

    def component(doc: Doc) -> Doc:
        add_spans(doc, "programs", find_program_mentions(text_of(doc), structure_of(doc)), "kind")
        return doc

    return component


@Language.factory("wusong_tasks")
def make_tasks(nlp: Language, name: str):
    """Tasks: clauses that ask for action, with their actors, programmes, commitments."""
    from .tasks import find_tasks

    def component(doc: Doc) -> Doc:
        tasks = find_tasks(
            text_of(doc),
            structure_of(doc),
            actors=records_of(doc, "actors"),
            programs=records_of(doc, "programs"),
            commitments=records_of(doc, "commitments"),
        )
        add_spans(doc, "tasks", tasks, "id")
        return doc

    return component


class JiebaTokenizer:
    """jieba words as spaCy tokens, in linear time.

    spaCy's own zh tokenizer re-aligns words to the text with a quadratic scan, which
    takes minutes on a 20 MB plan. jieba's words already concatenate to the text, so
    every token gets `whitespace_=""` and `doc.text` equals the input exactly.
    """

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words = [w for w in policy_segmenter().cut(text, HMM=True) if w]
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data["wusong_text"] = text
        return doc

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs):
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs):
        return self


@spacy.registry.tokenizers("wusong.jieba_tokenizer.v1")
def make_jieba_tokenizer():
    """The tokenizer factory named in the pipeline config."""
    return lambda nlp: JiebaTokenizer(nlp.vocab)


CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "wusong.jieba_tokenizer.v1"}}}


@functools.lru_cache(maxsize=4)
def _load(components: tuple[str, ...]) -> Language:
    nlp = spacy.blank("zh", config=CONFIG)
    nlp.max_length = MAX_BYTES  # the reader's limit; jieba has no length limit of its own
    for name in components:
        nlp.add_pipe(name)
    return nlp


def load(components: list[str] | tuple[str, ...] | None = None) -> Language:
    """The wusong pipeline: blank `zh`, jieba with policy terms, wusong components.

    Pass a subset of `COMPONENTS` to run fewer stages. The result is cached, so
    repeated calls are cheap; do not mutate it, use `spacy.blank` to build your own.
    """
    names = tuple(COMPONENTS if components is None else components)
    unknown = [n for n in names if n not in COMPONENTS]
    if unknown:
        raise ValueError(f"unknown components {unknown}; choose from {COMPONENTS}")
    return _load(names)
