"""The ground floor: the data files shipped in the package, and the word segmenter.

Every lexicon, unit list, cue list and gazetteer lives in `wusong_nlp/data/` and is read
here, so that rules are edited as data, not as code. One syntax for all of them, stated
in each file's header comment:

- one entry per line; blank lines and lines starting with `#` are ignored;
- a line starting with `-` is an exception (a word that contains a cue but is none);
- `.tsv` files have tab-separated columns (trailing empty columns are kept).

This module imports nothing else of the package.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable


def data_path(name: str) -> Traversable:
    """A data file shipped inside the package."""
    return resources.files("wusong_nlp") / "data" / name


def data_lines(name: str) -> list[str]:
    """The lines of a data file, without blank lines and `#` comments.

    Trailing spaces go; tabs stay, so a TSV keeps its empty last columns.
    """
    text = data_path(name).read_text(encoding="utf-8")
    return [ln.rstrip(" \u3000") for ln in text.splitlines()
            if ln.strip() and not ln.lstrip().startswith("#")]


@functools.cache
def flagged(name: str) -> tuple[tuple[str, str], ...]:
    """(word, flag) of every entry of a word-list file (flag "" where the line has none),
    exceptions (`-` lines) left out, in file order."""
    out = []
    for ln in data_lines(name):
        if not ln.startswith("-"):
            word, _, flag = ln.partition("\t")
            out.append((word.strip(), flag.strip()))
    return tuple(out)


@functools.cache
def words(name: str, flag: str | None = None) -> tuple[str, ...]:
    """The words of a word-list file (those with `flag` only, if given), in file order."""
    return tuple(w for w, f in flagged(name) if flag is None or f == flag)


@functools.cache
def exceptions(name: str) -> tuple[str, ...]:
    """The `-` lines of a word-list file, without the marker."""
    return tuple(ln[1:].strip() for ln in data_lines(name) if ln.startswith("-"))


@functools.cache
def longest_first(name: str) -> tuple[str, ...]:
    """The entries of a word-list file, longest first (ties in code-point order)."""
    return tuple(sorted(set(words(name)), key=lambda w: (-len(w), w)))


@functools.cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a `.tsv` file as tuples of columns."""
    return tuple(tuple(ln.split("\t")) for ln in data_lines(name))


def alternation(items: Iterable[str]) -> str:
    """A regex alternation of literal words where the longest word wins at a position.

    It matches (and backtracks through) exactly what `w1|w2|…` sorted longest first
    would, but is written as a trie (`市(?:委(?:办)?|政府)|…`): the regex engine then reads
    each character once where it tried every word of a long list at every position.
    Like that plain alternation it is not grouped at the top; wrap it to embed it.
    """
    return _trie_alternation(frozenset(items))


def at_every_position(items: Iterable[str]) -> str:
    """A regex whose matches are every place a word starts, the longest word there as
    group 1: `(?=(w1|w2|…))` sorted longest first, overlapping matches included.

    A class of the words' first characters leads it: the engine then skips in C to where
    a word can start, where a pattern opening with a bare lookahead is tried (and
    backtracked) at every character.
    """
    items = frozenset(w for w in items if w)
    if not items:
        return "(?!)"
    first = "".join(sorted({w[0] for w in items}))
    return f"(?=[{re.escape(first)}])(?=({alternation(items)}))"


class WordPlaces:
    """Where each word of a list stands in a text, as `re.finditer` of that word alone
    finds it (an occurrence that overlaps the word's previous one is none), found by one
    scan for all the words: a scan per word of a long list read the text that many times.

    The scan (`at_every_position`) gives the longest word at each place; the other words
    found there are the words that one begins with.
    """

    def __init__(self, items: Iterable[str]):
        items = frozenset(w for w in items if w)
        self._pattern = re.compile(at_every_position(items))
        self._prefixes = {w: tuple(v for v in items if w.startswith(v)) for w in items}

    def find(self, text: str, start: int = 0, end: int | None = None) -> dict[str, list[tuple[int, int]]]:
        """word -> its (start, end) spans in text[start:end], in text order; words not
        found are left out."""
        places: dict[str, list[tuple[int, int]]] = {}
        prefixes = self._prefixes
        for m in self._pattern.finditer(text, start, len(text) if end is None else end):
            p = m.start()
            for w in prefixes[m.group(1)]:
                got = places.get(w)
                if got is None:
                    places[w] = [(p, p + len(w))]
                elif got[-1][1] <= p:
                    got.append((p, p + len(w)))
        return places


@functools.lru_cache(maxsize=256)
def _trie_alternation(items: frozenset[str]) -> str:
    """`alternation` of a set of words, built once per set (some callers ask per call)."""
    trie: dict = {}
    for w in items:
        if w:
            node = trie
            for ch in w:
                node = node.setdefault(ch, {})
            node[""] = {}  # a word ends here
    return "|".join(_branches(trie))


def _branches(node: dict) -> list[str]:
    """The regex of each child of a trie node: its character, then what may follow."""
    out = []
    for ch in sorted(k for k in node if k):
        child = node[ch]
        rest = _branches(child)
        if not rest:
            out.append(re.escape(ch))
            continue
        body = rest[0] if len(rest) == 1 else "(?:" + "|".join(rest) + ")"
        if "" in child:  # a word ends here, a longer one may go on: longest first
            body = f"(?:{body})?"
        out.append(re.escape(ch) + body)
    return out


@dataclass(frozen=True)
class Cues:
    """A cue list: cue words and the words that contain a cue but are no cue."""

    cues: re.Pattern[str]
    not_cues: re.Pattern[str] | None

    def found_in(self, text: str) -> bool:
        """Does `text` hold a cue outside every exception word?"""
        if self.not_cues is not None:
            text = self.not_cues.sub(lambda m: "＿" * len(m.group()), text)
        return self.cues.search(text) is not None


@functools.cache
def cue_list(name: str) -> Cues:
    """A word-list file as a compiled `Cues` (longest-first alternations)."""
    exc = exceptions(name)
    return Cues(re.compile(alternation(words(name))),
                re.compile(alternation(exc)) if exc else None)


# --- the segmenter -------------------------------------------------------------------

USER_DICT = "userdict.txt"
# rjieba keeps a run of ASCII letters, digits and marks as one word (2021-2023, PM_2.5,
# 5.ESI); jieba cuts it into alphanumeric pieces (a decimal and a % kept) and the marks
# between them. Cutting here the same way makes the two give the same words.
_ASCII_RUN = re.compile(r"[A-Za-z0-9+#&._%\-]+")
_ASCII_PIECE = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_ASCII_MARK = re.compile(r"[+#&._%\-]")


def _recut(word: str) -> list[str]:
    """A word as jieba has it: an ASCII run with marks in pieces, any other word whole."""
    if len(word) > 1 and not word.isalnum() and _ASCII_RUN.fullmatch(word):
        return [p for p in _ASCII_PIECE.split(word) if p]
    return [word]


class Segmenter:
    """jieba's segmentation through rjieba (the binding of jieba-rs), with a user dictionary.

    rjieba gives the words `jieba.lcut(text, HMM=True)` gives with the same dictionary,
    about twenty times faster. A separate instance keeps the user's global jieba (and
    rjieba) untouched; nothing is cached on disk.
    """

    def __init__(self, entries: Iterable[tuple[str, int | None, str | None]] = ()):
        import rjieba

        self.entries = [(w, f, t) for w, f, t in entries]
        self._jieba = rjieba.Jieba()
        for word, freq, tag in self.entries:
            self._jieba.add_word(word, freq, tag)

    def cut(self, text: str) -> list[str]:
        """The words of `text`; they concatenate to `text` exactly."""
        return self._cut(text)[0]

    def starts(self, text: str) -> array[int]:
        """The offset where each word of `text` begins, ascending.

        Cut line by line (jieba never joins words across a line break; each break is a
        word of its own, \r\n one) into a compact array: a 20 MB plan has millions of words,
        and a list of them all held at once cost hundreds of megabytes."""
        out: array[int] = array("q")
        pos = 0
        for line in text.split("\n"):
            if line:
                words, offsets = self._cut(line)
                if offsets is None:
                    out.extend(itertools.accumulate(map(len, words[:-1]), initial=pos))
                else:
                    out.extend(pos + k for k in offsets[:-1])
            pos += len(line)
            if pos < len(text):  # the line break
                if not (pos and text[pos - 1] == "\r"):
                    out.append(pos)
                pos += 1
        return out

    def word_starts(self, text: str) -> LazyWordStarts:
        """Where the words of `text` begin, as `starts` gives them, segmented only where
        asked (see `LazyWordStarts`)."""
        return LazyWordStarts(self, text)

    def _cut(self, text: str) -> tuple[list[str], list[int] | None]:
        """The words, and where they begin and the last ends if that had to be known."""
        words = self._jieba.cut(text, True)
        if "" in words:
            words = [w for w in words if w]
        # an ASCII run to cut again always holds a mark (+#&._%-): look only at the words
        # that hold one, found from the marks' offsets, not at every word
        marks = [m.start() for m in _ASCII_MARK.finditer(text)]
        if not marks:
            return words, None
        offsets = list(itertools.accumulate(map(len, words), initial=0))
        if offsets[-1] != len(text):  # words that do not tile the text: look at each one
            return [p for w in words for p in _recut(w)], None
        out: list[str] = []
        done = 0
        for i in sorted({bisect.bisect_right(offsets, at) - 1 for at in marks}):
            pieces = _recut(words[i])
            if len(pieces) > 1:
                out += words[done:i]
                out += pieces
                done = i + 1
        if not done:
            return words, offsets
        return out + words[done:], None

    def tag(self, text: str, hmm: bool = True) -> list[tuple[str, str]]:
        """(word, part-of-speech flag) pairs, jieba's tag set (a weak signal only)."""
        return list(self._jieba.tag(text, hmm))  # rjieba gives (word, flag) tuples already


# characters jieba never joins to a neighbour: CJK punctuation outside its word class
# (each one is a word of its own) and the line break. The text between two of them is
# cut alike alone or in its line; no ASCII mark here (rjieba glues runs like PM_2.5).
_PIECE_STOPS = re.compile("[\n，。；：、！？（）《》“”‘’【】〔〕]")


class LazyWordStarts:
    """The word starts of `Segmenter.starts(text)`, each piece between two stop
    characters segmented when first asked about.

    The actor stage asks about a fifth of a text's characters (the clauses around its
    cues); segmenting the whole text up front cost more than the rest of a question.
    Same interface as `offsets.WordStarts` (`starts_at`, `within`).
    """

    def __init__(self, segmenter: Segmenter, text: str):
        self._segmenter = segmenter
        self._text = text
        self._stops = [m.start() for m in _PIECE_STOPS.finditer(text)]
        self._pieces: dict[int, frozenset[int]] = {}  # piece start -> its word starts

    @property
    def segmenter(self) -> Segmenter:
        return self._segmenter

    def _piece(self, i: int) -> tuple[int, int]:
        """The piece after stop i - 1 (i = 0: the text's first piece), up to stop i."""
        stops = self._stops
        return (stops[i - 1] + 1 if i else 0), (stops[i] if i < len(stops) else len(self._text))

    def _piece_starts(self, a: int, b: int) -> frozenset[int]:
        got = self._pieces.get(a)
        if got is None:
            got = self._pieces[a] = frozenset(
                a + k for k in self._segmenter.starts(self._text[a:b])) if b > a else frozenset()
        return got

    def _stop_starts(self, pos: int) -> bool:
        """A stop character is a word, but the \n of \r\n is part of that word."""
        return not (self._text[pos] == "\n" and pos and self._text[pos - 1] == "\r")

    def starts_at(self, pos: int) -> bool:
        """Does a word begin at `pos`?"""
        if not 0 <= pos < len(self._text):
            return False
        i = bisect.bisect_left(self._stops, pos)
        if i < len(self._stops) and self._stops[i] == pos:
            return self._stop_starts(pos)
        return pos in self._piece_starts(*self._piece(i))

    def within(self, start: int, end: int) -> set[int]:
        """Word starts in [start, end); `start` itself counts as one (a window opens a word)."""
        out = {start}
        lo, hi = max(start, 0), min(end, len(self._text))
        if lo >= hi:
            return out
        stops = self._stops
        i = bisect.bisect_left(stops, lo)
        while True:
            a, b = self._piece(i)
            if a >= hi:
                break
            if b > lo:
                out.update(k for k in self._piece_starts(a, b) if lo <= k < hi)
            if i >= len(stops) or stops[i] >= hi:
                break
            if stops[i] >= lo and self._stop_starts(stops[i]):
                out.add(stops[i])
            i += 1
        return out


def parse_dictionary(text: str) -> list[tuple[str, int | None, str | None]]:
    """A jieba user dictionary (`word [freq] [tag]` per line) as (word, freq, tag)."""
    entries = []
    for ln in text.splitlines():
        parts = ln.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
        entries.append((parts[0], freq, tag))
    return entries


@functools.cache
def policy_segmenter() -> Segmenter:
    """The shared segmenter with the package's policy-term dictionary (one per process)."""
    return Segmenter(parse_dictionary(data_path(USER_DICT).read_text(encoding="utf-8")))
