"""The learned filter over programme names: is a found name a programme or not?

The rules of `programs` find names by quotes, titles, endings and slots; what they
cannot tell is whether “盘子”, “硬联通” or 政府投资基金 names a programme or is a word of
emphasis or a class of things. A logistic regression over the name's own form (its
ending and start, length, digits, formula signs, how many words the segmenter makes of
it) and its mentions (quoted or not, the characters around them, how often) learns that
from every gold file's judgement (ANNOTATION.md §3: required, optional, not_programs).

This module only applies a model: `ProgramModel` is plain JSON weights
(data/program_model.json ships one) with the threshold it was trained for. Training is
`wusong_nlp.evaluation.training.train_program_model`.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Sequence

from ..linear import LinearModel
from ..records import ProgramMention
from ..resources import data_path

MODEL_FILE = "program_model.json"
_DIGIT = re.compile(r"[0-9０-９]")
_NUMERAL_START = re.compile(r"[一二三四五六七八九十两双百千万0-9０-９]")
_QUOTES = "“\"「『《"
_LENGTHS = ((2, "1-2"), (3, "3"), (4, "4"), (6, "5-6"), (9, "7-9"), (14, "10-14"))


class ProgramModel(LinearModel):
    """Weights that tell programme names (class `program`) from others (`other`).

    `threshold`: a name is kept when its probability of `program` reaches it.
    """

    FORMAT = "wusong-programs/1"
    WHAT = "programme model"

    def __init__(self, data: dict):
        super().__init__(data)
        if sorted(self.classes_) != ["other", "program"]:
            raise ValueError("programme model: classes must be other and program")
        # two classes: the odds of `program` are one sum of weight differences per name,
        # faster in a dict than a matrix product for the few hundred names of a report
        k, o = self.classes_.index("program"), self.classes_.index("other")
        diff = self._coef[:, k] - self._coef[:, o]
        self._margin = dict(zip(data["features"], diff.tolist(), strict=True))
        self._bias = float(self._intercept[k] - self._intercept[o])
        p = min(max(self.threshold, 1e-9), 1 - 1e-9)
        self._cut = math.log(p / (1 - p))  # probability >= threshold ⇔ log-odds >= this

    @property
    def threshold(self) -> float:
        return float(self.data.get("threshold", 0.5))

    def keep(self, rows: list[list[str]]) -> list[bool]:
        """For each feature row, whether the name it describes stays a programme
        (its probability of `program` reaches the threshold)."""
        get = self._margin.get
        return [self._bias + sum(get(f, 0.0) for f in set(feats)) >= self._cut
                for feats in rows]


def _length(n: int) -> str:
    for top, label in _LENGTHS:
        if n <= top:
            return label
    return "15+"


def name_features(text: str, mentions: Sequence[ProgramMention], *, known: bool,
                  words: int) -> list[str]:
    """Features of one programme name from all its mentions in `text`.

    `known`: the name is in the programme gazetteer; `words`: how many words the policy
    segmenter cuts it into (a name of one common word, “盘子”, is rarely a programme).
    """
    first = mentions[0]
    name = first.name
    n = len(mentions)
    out = [f"kind={first.kind}", f"formulation={first.formulation}", f"len={_length(len(name))}",
           f"mentions={n if n < 3 else '3+'}", f"words={min(words, 4)}",
           f"end1={name[-1:]}", f"end2={name[-2:]}", f"start1={name[:1]}", f"start2={name[:2]}"]
    if _DIGIT.search(name):
        out.append("digit")
    if "+" in name or "＋" in name:
        out.append("plus")
    if _NUMERAL_START.match(name):
        out.append("numeral_start")
    if "、" in name:
        out.append("enumeration")
    if known:
        out.append("gazetteer")
    quoted = 0
    for m in mentions:
        s, e = m.start, m.end
        before, after = text[max(0, s - 2):s], text[e:e + 2]
        quoted += bool(before) and before[-1] in _QUOTES
        out += [f"before1={before[-1:]}", f"after1={after[:1]}", f"before2={before}",
                f"after2={after}"]
    out.append("quoted=" + ("all" if quoted == n else "some" if quoted else "none"))
    return out


@functools.cache
def shipped_program_model() -> ProgramModel | None:
    """The model in data/program_model.json, or None if none was trained."""
    path = data_path(MODEL_FILE)
    if not path.is_file():
        return None
    return ProgramModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


def resolve_program_model(model: ProgramModel | dict | str | None) -> ProgramModel | None:
    """A programme model from what a caller or a pipeline config names: "default" is the
    shipped model, None keeps every name the rules find, a dict is a model's JSON, any
    other string a path to one."""
    if model is None or isinstance(model, ProgramModel):
        return model
    if isinstance(model, dict):
        return ProgramModel.from_dict(model)
    if model == "default":
        return shipped_program_model()
    return ProgramModel.load(model)
