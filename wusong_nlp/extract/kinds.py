"""The kind of each quantity: target, achievement, reference, identifier, formulation,
criterion or other.

Rules decide what rules decide well (years with 年, dates, 第N, 届/周年/轮, 号/弄/〔〕,
codes such as 5G or C919, quoted formulations, ages). Everything else goes to a
multinomial logistic regression over sparse features: character n-grams of the words
around the number, its unit and qualifier, cues of the sentence (已, 累计, 力争, 新增…)
and where it stands in the outline (a review part such as 2024年工作回顾).

This module only applies a model: `KindModel` holds plain JSON weights (vocabulary,
classes, coefficients; data/kind_model.json ships one) and predicts with a numpy dot
product, no unpickling and no scikit-learn. Training lives in
`wusong_nlp.evaluation.training`:
    model = train_model(gold_paths)                        # a KindModel
    quantities = find_quantities(text, structure, kind_model=model)
"""

from __future__ import annotations

import functools
import json
import math
import re
from pathlib import Path

import numpy as np

from ..outline import Structure, is_review_heading
from ..records import Quantity
from ..resources import data_lines, data_path
from ..text import CLAUSE_STOP, SENT_STOP, window_end, window_start

MODEL_FILE = "kind_model.json"
_LEFT, _RIGHT = 8, 6
_YEAR = re.compile(r"^(?:19|20)[0-9]{2}$")
_REF_UNITS = {"周年", "届", "轮"}
# 90号地块, 泰和路717弄, 3、4号机组 (a list whose last member carries the 号)
_ID_AFTER = re.compile(r"^(?:[、和至-][0-9０-９]{1,4})*(?:号|弄|号线|路|村|栋|版|〕)")
_ID_BEFORE = re.compile(r"(?:〔|[A-Za-z])$")
_AGE_UNITS = {"岁", "周岁"}
_SUBSIDY = re.compile(r"奖补|补助|补贴|奖励|贴息|资助|扶持资金")


# --- data ------------------------------------------------------------------------


@functools.cache
def retrospect_cues() -> tuple[str, ...]:
    """Openings of a paragraph or sentence that look back (这五年，过去一年，…)."""
    return tuple(ln.strip() for ln in data_lines("retrospect_cues.txt"))


def _looks_back(text: str, structure: Structure, q: Quantity) -> tuple[bool, bool]:
    """Does the paragraph open with a look back? Does the sentence?"""
    para = structure.paragraph_at(q.start)
    sent = structure.sentence_at(q.start)
    cues = retrospect_cues()
    head = text[para.start:para.start + 12] if para else ""
    shead = text[sent.start:sent.start + 10] if sent else ""
    return any(c in head for c in cues), any(c in shead for c in cues)


@functools.lru_cache(maxsize=1)
def context_cues() -> tuple[tuple[str, str], ...]:
    return tuple(tuple(ln.split("\t")[:2]) for ln in data_lines("kind_cues.tsv"))


class KindModel:
    """A trained kind classifier as plain data: features, classes, coefficients.

    Built with `from_dict` (the JSON of data/kind_model.json) or by
    `evaluation.training.train_model`; `to_dict` gives the JSON back unchanged.
    """

    def __init__(self, data: dict):
        self.data = data
        self.classes_: list[str] = list(data["classes"])
        self._vocab = {f: i for i, f in enumerate(data["features"])}
        self._coef = np.asarray(data["coef"], dtype=np.float64)
        self._intercept = np.asarray(data["intercept"], dtype=np.float64)

    @classmethod
    def from_dict(cls, data: dict) -> KindModel:
        if not isinstance(data, dict) or data.get("format") != "wusong-kinds/1":
            raise ValueError("not a wusong kind model (format wusong-kinds/1)")
        return cls(data)

    @classmethod
    def load(cls, path: str | Path) -> KindModel:
        """A model from a JSON file such as data/kind_model.json."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def to_dict(self) -> dict:
        return self.data

    def predict_proba(self, rows: list[list[str]]) -> np.ndarray:
        """Class probabilities for feature rows, one vectorised product for the document."""
        n = len(rows)
        idx_rows, idx_cols = [], []
        for r, feats in enumerate(rows):
            for f in set(feats):
                j = self._vocab.get(f)
                if j is not None:
                    idx_rows.append(r)
                    idx_cols.append(j)
        scores = np.tile(self._intercept, (n, 1))
        if idx_cols:
            np.add.at(scores, np.asarray(idx_rows), self._coef[np.asarray(idx_cols)])
        scores -= scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)


@functools.cache
def shipped_model() -> KindModel | None:
    """The model in data/kind_model.json, or None if it was not trained yet."""
    path = data_path(MODEL_FILE)
    if not path.is_file():
        return None
    return KindModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


def resolve_model(model: KindModel | dict | str | None) -> KindModel | None:
    """A kind model from what a caller or a pipeline config names.

    "default" is the shipped model, None means rules only (and the fallback), a dict is
    a model's JSON, any other string a path to one.
    """
    if model is None or isinstance(model, KindModel):
        return model
    if isinstance(model, dict):
        return KindModel.from_dict(model)
    if model == "default":
        return shipped_model()
    return KindModel.load(model)


# --- context of a quantity ---------------------------------------------------------


def _is_review(node) -> bool:
    """Is the node, or a part above it, a review of past work (tasks' list of headings)?"""
    while node is not None:
        if is_review_heading(node.heading):
            return True
        node = node.parent
    return False


def _clause_left(text: str, start: int, stops: str = SENT_STOP, limit: int = 60) -> str:
    return text[window_start(text, start, stops, limit):start]


def _clause_right(text: str, end: int, stops: str = SENT_STOP, limit: int = 40) -> str:
    return text[end:window_end(text, end, stops, limit)]


def _clause_around(text: str, start: int, end: int) -> str:
    return _clause_left(text, start, CLAUSE_STOP, 40) + text[start:end] + _clause_right(
        text, end, CLAUSE_STOP, 30)


def features(text: str, structure: Structure, q: Quantity) -> list[str]:
    """Sparse features of one quantity (strings), for the classifier."""
    feats = ["bias"]
    node = structure.node_at(q.start)
    para_back, sent_back = _looks_back(text, structure, q)
    # a paragraph that opens looking back (这五年，…) is a review wherever it stands
    review = _is_review(node) or para_back
    feats.append("review" if review else "noreview")
    if sent_back:
        feats.append("sent_looks_back")
    if node is None:
        feats.append("nonode")
    elif node.heading_start <= q.start < node.heading_end:
        feats.append("inheading")
    raw = q.text
    feats.append(f"u={q.unit}")
    feats.append(f"ql={q.qualifier}")
    if re.search(r"[0-9０-９]", raw):
        feats.append("arabic")
    else:
        feats.append("chinese")
    if q.value is not None:
        v = abs(float(q.value))
        feats.append(f"mag={int(math.log10(v)) if v >= 1 else -1}")
        if isinstance(q.value, int) and _YEAR.match(str(q.value)):
            feats.append("yearlike")
        if q.value == 1:
            feats.append("one")
    else:
        feats.append("novalue")
    left = _clause_left(text, q.start, SENT_STOP, 40)
    right = _clause_right(text, q.end, SENT_STOP, 20)
    near_l = left[-_LEFT:]
    near_r = right[:_RIGHT]
    for k in (1, 2, 3):
        if len(near_l) >= k:
            feats.append(f"P{k}={near_l[-k:]}")
        if len(near_r) >= k:
            feats.append(f"N{k}={near_r[:k]}")
    for i in range(len(near_l) - 1):
        feats.append(f"L2={near_l[i:i + 2]}")
    for i in range(len(near_r) - 1):
        feats.append(f"R2={near_r[i:i + 2]}")
    clause = _clause_left(text, q.start, CLAUSE_STOP, 30)
    if clause == "" or len(clause) <= 1:
        feats.append("clause_first")
    if text[q.start - 1:q.start] in "“\"‘" or text[q.end:q.end + 1] in "”\"’":
        feats.append("quoted")
    for cue, name in context_cues():
        if cue in left:
            feats.append(f"cl={name}")
            feats.append(f"cw={cue}")
        elif cue in right:
            feats.append(f"cr={name}")
    if structure.year and re.search(rf"{structure.year - 1}年|去年|上年", left):
        feats.append("lastyear")
    return feats


# --- rules --------------------------------------------------------------------------


def rule_kind(text: str, q: Quantity) -> str | None:
    """The kind where a rule is reliable, else None."""
    if q.kind == "formulation":
        return "formulation"
    raw = q.text
    before = text[max(0, q.start - 2):q.start]
    after = text[q.end:q.end + 3]
    if raw.startswith("第") or before.endswith("第") or raw.endswith(("中", "中全会")):
        return "reference"
    if q.unit in ("月",) or re.search(r"[0-9０-９]月", raw):
        return "reference"
    if q.unit == "年":
        vals = [v for v in (q.value, q.low, q.high) if v is not None]
        if vals and all(isinstance(v, int) and _YEAR.match(str(v)) for v in vals):
            return "reference"
    if q.unit is None and q.low is not None and _YEAR.match(str(q.low)) \
            and _YEAR.match(str(q.high)):
        return "reference"
    if q.unit in _REF_UNITS or after.startswith(("中全会", "大", "届")) and q.unit is None:
        return "reference"
    if _ID_AFTER.match(after) or _ID_BEFORE.search(before) or q.unit == "号":
        return "identifier"
    if re.match(r"[A-Za-z]", after) and q.unit is None:
        return "identifier"
    if q.unit in _AGE_UNITS:
        return "criterion"
    if q.unit is None and before[-1:] in "“\"‘" and after[:1] in "”\"’":
        return "formulation"  # “1+3+8”: “1”是…, a part of a numbered slogan
    if before.endswith(("专栏", "附件", "附表", "表")) and q.unit is None:
        return "identifier"
    if q.unit is None and q.qualifier == "exact" and re.fullmatch(r"[0-9]{3,}", raw):
        # a bare code (12345热线, 半岛1919); a bare year after 到/至 is a date
        if _YEAR.match(raw) and (before[-1:] in "到至在于—-～~" or not before):
            return "reference"
        return "identifier"
    if q.unit == "大" or (q.unit == "个" and raw.endswith("大")):
        if q.value is not None and q.value > 10:
            return "reference"  # 十九大, 二十大: party congresses
    if text[q.start - 1:q.start] in "（(" and text[q.end:q.end + 1] in "）)" \
            and q.unit in ("%", "分"):
        return "criterion"  # weights and points of an evaluation
    if q.unit == "G" or re.match(r"[0-9]+G", raw):
        return "identifier"  # 5G, 6G
    if before.endswith(("÷", "×", "/", "*")):
        return "other"  # a term of a formula
    if re.fullmatch(r"[万亿千百]+元?(?:以上|以下)?", raw):
        return "criterion"  # 亿元以上项目, 万元地区生产总值: a scale, not an amount
    if q.qualifier in ("at_least", "at_most") and after.startswith("的") and \
            not raw.endswith(("左右",)):
        return "criterion"  # 1000万元及以上的项目: a threshold defining scope
    top = q.value if q.value is not None else q.high
    if q.unit in ("年", "个月") and top is not None and top < 100:
        return "criterion" if q.qualifier in ("at_most", "at_least") else "reference"
    if before.endswith("每"):
        return "criterion"  # 每10万人: a denominator
    if q.qualifier == "at_most" and q.unit in ("米", "公里") and raw.endswith("内"):
        return "criterion"  # 50米内: a spatial threshold
    if q.unit is None and re.fullmatch(r"[0-9]+\.0", raw):
        return "identifier"  # 3.0方案: a version
    if q.unit in ("年", "日", "天") and not re.search(r"[0-9０-９]", raw):
        return "reference"  # 一百年, 百日: periods and anniversaries
    if q.unit in ("元", "%") and re.search(r"[0-9０-９]", raw):
        clause = _clause_around(text, q.start, q.end)
        if _SUBSIDY.search(clause) or before.endswith("最高"):
            return "criterion"  # subsidy and reward standards of a policy
    if q.text.endswith("分") and q.unit == "分" and "（" in before + text[q.start - 1:q.start]:
        return "criterion"
    if q.value == 1 and not re.search(r"[0-9０-９]", raw):
        return "other"
    return None


def _fallback(feats: list[str]) -> str:
    """Without a model: review parts hold achievements, delivery verbs mark targets."""
    if "review" in feats:
        return "achievement"
    if any(f in feats for f in ("cl=deliver", "cl=future")):
        return "target"
    return "other"


def classify(text: str, structure: Structure, quantities: list[Quantity],
             model: KindModel | None = None) -> None:
    """Set `kind` and `confidence` of every quantity (rules first, then `model`).

    Without a model the rest gets the fallback (review parts hold achievements,
    delivery verbs mark targets).
    """
    pending = []
    for q in quantities:
        kind = rule_kind(text, q)
        if kind is not None:
            q.kind = kind
            q.confidence = 1.0
        else:
            pending.append(q)
    if not pending:
        return
    rows = [features(text, structure, q) for q in pending]
    if model is None:
        for q, feats in zip(pending, rows, strict=True):
            q.kind = _fallback(feats)
            q.confidence = None
        return
    probs = model.predict_proba(rows)
    classes = model.classes_
    for q, p in zip(pending, probs, strict=True):
        k = int(np.argmax(p))
        q.kind = classes[k]
        q.confidence = round(float(p[k]), 4)
