"""The segmenter (rjieba with the policy dictionary) gives jieba's words."""

from __future__ import annotations

import itertools

import jieba
import pytest
from conftest import CORPUS

from wusong_nlp.resources import data_path, parse_dictionary, policy_segmenter


@pytest.fixture(scope="module")
def reference() -> jieba.Tokenizer:
    """jieba itself with the same user dictionary: the reference segmentation."""
    tok = jieba.Tokenizer()
    for word, freq, tag in parse_dictionary(data_path("userdict.txt").read_text(encoding="utf-8")):
        tok.add_word(word, freq, tag)
    return tok


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem[:24])
def test_words_equal_jieba_on_every_corpus_document(path, reference):
    text = path.read_text(encoding="utf-8")
    assert policy_segmenter().cut(text) == reference.lcut(text, HMM=True)


@pytest.mark.parametrize("text", ["2021-2023年", "3-5年", "PM_2.5浓度", "0-6岁", "a-b-c", "A_1"])
def test_ascii_runs_with_dashes_split_as_jieba_splits_them(text, reference):
    """jieba-rs keeps 2021-2023 as one word; the segmenter splits it as jieba does."""
    assert policy_segmenter().cut(text) == reference.lcut(text, HMM=True)


def test_words_concatenate_to_the_text():
    text = "一、推进“一网统管”\r\n城运中心牵头，2021-2023年完成 3 个项目。\u3000①"
    assert "".join(policy_segmenter().cut(text)) == text


@pytest.mark.parametrize("text", ["5.ESI", "18.VOCs治理", "26.REITs", "2.5%", "C919", "5G+工业互联网",
                                  "a.b.c", "3.5.1版本", "x--y", "1,000人"])
def test_ascii_marks_inside_a_run_cut_as_jieba_cuts_them(text, reference):
    """Nanshan 2023: 5.ESI and 18.VOCs (a list number glued to an acronym)."""
    assert policy_segmenter().cut(text) == reference.lcut(text, HMM=True)


@pytest.mark.parametrize("text", ["一、推进工作\n\n新增养老床位100张。\r\n完成3个 \n  项目\n",
                                  "abc\r\n\r\n中文 x\n", "\n\n", "", "\r\n", "a.b-c\nx+y",
                                  *(p.read_text(encoding="utf-8")
                                    for p in sorted(CORPUS.glob("*.txt"))[:6])])
def test_starts_cut_line_by_line_are_the_starts_of_the_whole_cut(text):
    """`starts` segments one line at a time (memory): the offsets of the words of the
    whole text's cut, line breaks and \\r\\n included."""
    seg = policy_segmenter()
    words = seg.cut(text)
    whole = list(itertools.accumulate(map(len, words[:-1]), initial=0)) if words else []
    assert list(seg.starts(text)) == whole


@pytest.mark.parametrize("text", ["一、推进工作\n\n新增养老床位100张。\r\n完成3个 \n  项目\n",
                                  "abc\r\n\r\n中文 x\n", "\n\n", "", "\r\n", "，，", "。\r\n。",
                                  "a.b-c\nx+y（PM_2.5）、“5G+工业互联网”",
                                  *(p.read_text(encoding="utf-8")
                                    for p in sorted(CORPUS.glob("*.txt"))[:8])])
def test_lazy_word_starts_are_the_starts_of_the_line_by_line_cut(text):
    """`word_starts` cuts a piece between two CJK punctuation marks only when asked
    about it (the actor stage asks about a fifth of a plan): every position and window
    gives what the starts of the whole cut give."""
    seg = policy_segmenter()
    full = list(seg.starts(text))
    lazy = seg.word_starts(text)
    assert [p for p in range(-1, len(text) + 2) if lazy.starts_at(p)] == full
    lazy = seg.word_starts(text)  # a fresh one: windows first, nothing segmented yet
    for s in range(-2, len(text) + 2, 7):
        for width in (0, 1, 13, 60):
            assert lazy.within(s, s + width) == {s, *(k for k in full if s <= k < s + width)}
