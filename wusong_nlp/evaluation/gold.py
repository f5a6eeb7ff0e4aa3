"""Gold annotation files (ANNOTATION.md "Gold file format") resolved to offsets.

Gold files name quantities by anchors (unique substrings, or the N-th occurrence)
rather than by offsets, so they survive small edits of the reader. This module turns
every anchor into character offsets of the text that `read_document` returns, which
is the text the analyser works on. Anything that cannot be resolved becomes a warning
naming the file and the entry; it never raises.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..reading import InputError, read_document
from ..resources import data_lines

_QUOTES = re.compile(r"[\s“”\"‘’'《》〈〉「」『』]")

# the gold groups whose entries are single quantities
QUANTITY_GROUPS = ("targets", "achievements", "optional_targets", "non_targets")

_NUMERAL = re.compile(
    r"[0-9０-９]+(?:[.．][0-9０-９]+)?[万亿千百十]*"
    r"|[〇零一二两三四五六七八九十百千万亿]+"
    r"|[半双]"
)


class GoldError(ValueError):
    """A gold file that cannot be used at all (unreadable JSON, missing document)."""


@dataclass
class GoldItem:
    """One gold quantity span: a number inside an anchor, with what the gold says of it."""

    start: int
    end: int
    text: str
    group: str  # "target", "achievement", "optional" or a non-target class
    anchor_start: int
    anchor_end: int
    value: float | int | None = None
    unit: str | None = None
    qualifier: str | None = None
    source: str = ""  # "targets[3]": where the entry sits in the gold file


@dataclass
class GoldSpan:
    """An anchored gold entry that is not a quantity (a responsibility note)."""

    start: int
    end: int
    entry: dict
    source: str = ""


@dataclass
class GoldDocument:
    """A gold file with its document text and every anchor resolved to offsets."""

    gold_path: Path
    document: str
    doc_path: Path
    text: str
    data: dict
    items: list[GoldItem] = field(default_factory=list)
    optional_spans: list[tuple[int, int]] = field(default_factory=list)  # whole anchors
    responsibilities: list[GoldSpan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def of(self, group: str) -> list[GoldItem]:
        return [i for i in self.items if i.group == group]


@lru_cache(maxsize=1)
def numeral_words() -> tuple[str, ...]:
    """Ordinary words containing numerals (一些, 进一步, 半岛) that are not quantities.

    The list the quantity finder skips (data/not_numbers.txt), so gold and analyser
    agree on what is a numeral.
    """
    words = {w.strip() for w in data_lines("not_numbers.txt")}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def load_gold(path: str | Path) -> dict:
    """The parsed gold file; `GoldError` if it is not a JSON object."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{p}: cannot read gold file ({exc.__class__.__name__})") from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"{p}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise GoldError(f"{p}: a gold file must be a JSON object")
    return data


def document_path(gold: dict, gold_path: Path, corpus: str | Path | None = None) -> Path:
    """Where the annotated document is: corpus/<document>, by default beside the gold folder."""
    name = gold.get("document") or (Path(gold_path).stem + ".txt")
    folder = Path(corpus) if corpus else Path(gold_path).resolve().parent.parent
    return folder / name


def find_occurrence(text: str, needle: str, occurrence: int = 1, start: int = 0,
                    end: int | None = None) -> int | None:
    """Offset of the `occurrence`-th (1-based) appearance of `needle` in text[start:end]."""
    if not needle or occurrence < 1:
        return None
    end = len(text) if end is None else end
    pos = start - 1
    for _ in range(occurrence):
        pos = text.find(needle, pos + 1, end)
        if pos < 0:
            return None
    return pos


def count_occurrences(text: str, needle: str) -> int:
    """Overlapping occurrences, as `find_occurrence` counts them."""
    n, pos = 0, text.find(needle)
    while pos >= 0:
        n += 1
        pos = text.find(needle, pos + 1)
    return n


def numeral_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Numerals inside text[start:end], skipping ordinary words such as 进一步 or 半岛."""
    blocked: set[int] = set()
    lo, hi = max(0, start - 4), min(len(text), end + 4)
    for word in numeral_words():
        pos = text.find(word, lo, hi)
        while pos >= 0:
            blocked.update(range(pos, pos + len(word)))
            pos = text.find(word, pos + 1, hi)
    out = []
    for m in _NUMERAL.finditer(text, start, end):
        if not any(i in blocked for i in range(m.start(), m.end())):
            out.append((m.start(), m.end()))
    return out


def _entry_anchor(entry) -> tuple[str | None, str | None, int]:
    if isinstance(entry, str):
        return entry, None, 1
    if isinstance(entry, dict):
        occ = entry.get("occurrence", 1)
        try:
            occ = int(occ)
        except (TypeError, ValueError):
            occ = 1
        number = entry.get("number")
        return entry.get("anchor"), number if isinstance(number, str) else None, occ
    return None, None, 1


def resolve_anchor(text: str, entry, where: str, warnings: list[str]) -> tuple[int, int] | None:
    """The span of an entry's anchor, or None with a warning saying why."""
    anchor, _, occ = _entry_anchor(entry)
    if not isinstance(anchor, str) or not anchor:
        warnings.append(f"{where}: entry has no anchor")
        return None
    pos = find_occurrence(text, anchor, occ)
    if pos is None:
        n = count_occurrences(text, anchor)
        if n:
            warnings.append(f"{where}: anchor {anchor!r} occurs {n} time(s), not {occ}")
        else:
            warnings.append(f"{where}: anchor {anchor!r} not found in the document")
        return None
    if occ == 1 and not (isinstance(entry, dict) and "occurrence" in entry):
        n = count_occurrences(text, anchor)
        if n > 1:
            warnings.append(f"{where}: anchor {anchor!r} is ambiguous ({n} occurrences; "
                            "the first is used)")
    return pos, pos + len(anchor)


def resolve_entry(text: str, entry, where: str, warnings: list[str],
                  need_numeral: bool = True) -> tuple[tuple[int, int], list[tuple[int, int]]] | None:
    """The anchor span and the quantity spans of one gold entry.

    With `number`, the quantity is its first occurrence inside the anchor; without,
    every numeral inside the anchor is one.
    """
    span = resolve_anchor(text, entry, where, warnings)
    if span is None:
        return None
    _, number, _ = _entry_anchor(entry)
    if number:
        pos = text.find(number, span[0], span[1])
        if pos < 0:
            warnings.append(f"{where}: number {number!r} not inside anchor {text[span[0]:span[1]]!r}")
            return None
        return span, [(pos, pos + len(number))]
    spans = numeral_spans(text, *span)
    if not spans and need_numeral:
        warnings.append(f"{where}: no numeral inside anchor {text[span[0]:span[1]]!r}")
    return span, spans


def _as_list(value) -> list:
    return value if isinstance(value, list) else []


def resolve_items(text: str, gold: dict, warnings: list[str], label: str = "",
                  optional_spans: list[tuple[int, int]] | None = None) -> list[GoldItem]:
    """Every gold quantity span of targets, achievements, optional and non-targets.

    The whole anchors of optional targets are appended to `optional_spans`: a
    prediction anywhere on them is neither right nor wrong.
    """
    items: list[GoldItem] = []
    prefix = f"{label}: " if label else ""
    for group in QUANTITY_GROUPS:
        for i, entry in enumerate(_as_list(gold.get(group))):
            where = f"{prefix}{group}[{i}]"
            optional = group == "optional_targets"
            resolved = resolve_entry(text, entry, where, warnings, need_numeral=not optional)
            if resolved is None:
                continue
            (a0, a1), spans = resolved
            if optional and optional_spans is not None:
                optional_spans.append((a0, a1))
            if group == "targets":
                kind = "target"
            elif group == "achievements":
                kind = "achievement"
            elif group == "optional_targets":
                kind = "optional"
            else:
                kind = str(entry.get("class") or "other") if isinstance(entry, dict) else "other"
            info = entry if isinstance(entry, dict) else {}
            for s, e in spans:
                items.append(GoldItem(
                    start=s, end=e, text=text[s:e], group=kind, anchor_start=a0, anchor_end=a1,
                    value=info.get("value"), unit=info.get("unit"),
                    qualifier=info.get("qualifier"), source=where,
                ))
    return items


def resolve_gold(gold_path: str | Path, corpus: str | Path | None = None) -> GoldDocument:
    """Load a gold file and its document and resolve all anchors.

    Raises `GoldError` only when the gold file or its document cannot be read at all;
    bad entries become warnings.
    """
    gold_path = Path(gold_path)
    gold = load_gold(gold_path)
    doc_path = document_path(gold, gold_path, corpus)
    try:
        source = read_document(doc_path)
    except InputError as exc:
        raise GoldError(f"{gold_path}: cannot read its document: {exc}") from None
    text = source.text
    warnings: list[str] = []
    label = gold_path.name
    optional: list[tuple[int, int]] = []
    items = resolve_items(text, gold, warnings, label, optional)
    notes = []
    for i, entry in enumerate(_as_list(gold.get("responsibilities"))):
        where = f"{label}: responsibilities[{i}]"
        span = resolve_anchor(text, entry, where, warnings)
        if span is not None and isinstance(entry, dict):
            notes.append(GoldSpan(span[0], span[1], entry, where))
    return GoldDocument(gold_path, doc_path.name, doc_path, text, gold, items, optional, notes,
                        warnings)


def anchor_problems(gold_paths, corpus: str | Path | None = None,
                    include_ambiguous: bool = False) -> list[str]:
    """Anchors that do not resolve, over many gold files (for checking gold files)."""
    out: list[str] = []
    for path in gold_paths:
        try:
            doc = resolve_gold(path, corpus)
        except GoldError as exc:
            out.append(str(exc))
            continue
        out.extend(w for w in doc.warnings if include_ambiguous or "ambiguous" not in w)
    return out


# --- names: actors and programmes -------------------------------------------------

def norm_name(name) -> str:
    """Names compared without quotes, book-title marks, spaces or width differences."""
    return _QUOTES.sub("", unicodedata.normalize("NFKC", str(name or "")))


def names_of(value) -> list[str]:
    """The strings of a gold list (anything else in it is ignored)."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def gold_forms(name: str, aliases: dict) -> set[str]:
    """A gold name and its gold aliases, normalised."""
    forms = {name, *(names_of(aliases.get(name)) if isinstance(aliases, dict) else [])}
    return {norm_name(f) for f in forms}


@dataclass
class ProgramJudgement:
    """What a gold file says of programme names (ANNOTATION.md §3), as normalised forms:
    each required name with its forms, the forms that are right (required or optional)
    and those that are wrong (not_programs). The scorer and the programme model's
    training read names the same way through this."""

    required: dict[str, set[str]]
    good: set[str]
    bad: set[str]

    @classmethod
    def of(cls, programs) -> ProgramJudgement:
        programs = programs if isinstance(programs, dict) else {}
        aliases = programs.get("aliases") or {}
        required = {n: gold_forms(n, aliases) for n in names_of(programs.get("required"))}
        good = set().union(*required.values(), *(gold_forms(n, aliases) for n in
                                                 names_of(programs.get("optional"))))
        bad = set().union(*(gold_forms(n, aliases) for n in names_of(programs.get("not_programs"))))
        return cls(required, good, bad)

    def label(self, forms: set[str]) -> str | None:
        """`program`, `other`, or None when the gold does not judge any of `forms`."""
        if forms & self.good:
            return "program"
        if forms & self.bad:
            return "other"
        return None
