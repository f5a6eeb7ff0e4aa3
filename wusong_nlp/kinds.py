"""The kind of each quantity: target, achievement, reference, identifier, formulation,
criterion or other.

Rules decide what rules decide well (years with 年, dates, 第N, 届/周年/轮, 号/弄/〔〕,
codes such as 5G or C919, quoted formulations, ages). Everything else goes to a
multinomial logistic regression over sparse features: character n-grams of the words
around the number, its unit and qualifier, cues of the sentence (已, 累计, 力争, 新增…)
and where it stands in the outline (a review part such as 2024年工作回顾).

The model is trained with scikit-learn on the gold files (corpus/annotations) by
`train_model` and shipped as plain JSON (data/kind_model.json: vocabulary, classes,
coefficients); prediction is a numpy dot product, no unpickling.

Training labels are read from the gold files by gold.py, as `wusong-nlp evaluate`
reads them, so the model learns what it is scored on. API for evaluation
(leave-one-document-out, see `evaluate.evaluate_files(paths, folds=True)`):
    model = train_model(gold_paths)        # dict, JSON-serialisable
    with use_model(model):                 # find_quantities uses this model meanwhile
        quantities = find_quantities(text, structure)
"""

from __future__ import annotations

import contextlib
import functools
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from .gold import GoldItem, document_path, load_gold, resolve_gold
from .outline import Structure
from .pipeline import data_lines, data_path
from .records import KINDS, Quantity
from .tasks import is_review_heading

MODEL_FILE = "kind_model.json"
_LEFT, _RIGHT = 8, 6
_YEAR = re.compile(r"^(?:19|20)[0-9]{2}$")
_SENT_STOP = "。；;！？\n"
_CLAUSE_STOP = "，,。；;：:！？\n"
_REF_UNITS = {"周年", "届", "轮"}
# 90号地块, 泰和路717弄, 3、4号机组 (a list whose last member carries the 号)
_ID_AFTER = re.compile(r"^(?:[、和至-][0-9０-９]{1,4})*(?:号|弄|号线|路|村|栋|版|〕)")
_ID_BEFORE = re.compile(r"(?:〔|[A-Za-z])$")
_AGE_UNITS = {"岁", "周岁"}
_SUBSIDY = re.compile(r"奖补|补助|补贴|奖励|贴息|资助|扶持资金")

_override: list[dict | None] = []


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


@functools.lru_cache(maxsize=1)
def shipped_model() -> dict | None:
    """The model in data/kind_model.json, or None if it was not trained yet."""
    path = data_path(MODEL_FILE)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _weights(model: dict) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    cache = model.get("_compiled")
    if cache is None:
        vocab = {f: i for i, f in enumerate(model["features"])}
        coef = np.asarray(model["coef"], dtype=np.float64)
        intercept = np.asarray(model["intercept"], dtype=np.float64)
        cache = (vocab, coef, intercept)
        try:
            model["_compiled"] = cache
        except TypeError:
            pass
    return cache


def current_model() -> dict | None:
    return _override[-1] if _override else shipped_model()


@contextlib.contextmanager
def use_model(model: dict | None) -> Iterator[None]:
    """Make `find_quantities` classify with `model` (from `train_model`) inside the block.

    `use_model(None)` runs with rules only and the fallback for the rest. Nestable.
    """
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()


# --- context of a quantity ---------------------------------------------------------


def _is_review(node) -> bool:
    """Is the node, or a part above it, a review of past work (tasks' list of headings)?"""
    while node is not None:
        if is_review_heading(node.heading):
            return True
        node = node.parent
    return False


def _clause_left(text: str, start: int, stops: str = _SENT_STOP, limit: int = 60) -> str:
    i = start
    while i > 0 and text[i - 1] not in stops and start - i < limit:
        i -= 1
    return text[i:start]


def _clause_right(text: str, end: int, stops: str = _SENT_STOP, limit: int = 40) -> str:
    i = end
    n = len(text)
    while i < n and text[i] not in stops and i - end < limit:
        i += 1
    return text[end:i]


def _clause_around(text: str, start: int, end: int) -> str:
    return _clause_left(text, start, _CLAUSE_STOP, 40) + text[start:end] + _clause_right(
        text, end, _CLAUSE_STOP, 30)


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
    left = _clause_left(text, q.start, _SENT_STOP, 40)
    right = _clause_right(text, q.end, _SENT_STOP, 20)
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
    clause = _clause_left(text, q.start, _CLAUSE_STOP, 30)
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


def classify(text: str, structure: Structure, quantities: list[Quantity]) -> None:
    """Set `kind` and `confidence` of every quantity (rules first, then the model)."""
    model = current_model()
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
    probs = predict_proba(model, rows)
    classes = model["classes"]
    for q, p in zip(pending, probs, strict=True):
        k = int(np.argmax(p))
        q.kind = classes[k]
        q.confidence = round(float(p[k]), 4)


def predict_proba(model: dict, rows: list[list[str]]) -> np.ndarray:
    """Class probabilities for feature rows, one vectorised product for the document."""
    vocab, coef, intercept = _weights(model)
    n = len(rows)
    idx_rows, idx_cols = [], []
    for r, feats in enumerate(rows):
        for f in set(feats):
            j = vocab.get(f)
            if j is not None:
                idx_rows.append(r)
                idx_cols.append(j)
    scores = np.tile(intercept, (n, 1))
    if idx_cols:
        np.add.at(scores, np.asarray(idx_rows), coef[np.asarray(idx_cols)])
    scores -= scores.max(axis=1, keepdims=True)
    e = np.exp(scores)
    return e / e.sum(axis=1, keepdims=True)


# --- training ----------------------------------------------------------------------


def gold_labels(quantities: list[Quantity], items: list[GoldItem],
                optional: list[tuple[int, int]]) -> list[str | None]:
    """Gold kind of each found quantity, as the scorer reads the gold file.

    A quantity takes the group of the gold span it overlaps most (the narrower on a
    tie); one that touches only an optional target gets None (not used for training,
    as the scorer ignores it); one that no gold entry covers is `other` (annotators
    list every target and achievement).
    """
    labels: list[str | None] = []
    for q in quantities:
        best = None
        for it in items:
            if it.group == "optional":
                continue
            n = min(q.end, it.end) - max(q.start, it.start)
            if n > 0:
                key = (n, -(it.end - it.start))
                if best is None or key > best[0]:
                    best = (key, it.group)
        if best is not None:
            labels.append(best[1])
        elif any(it.group == "optional" and it.start < q.end and q.start < it.end
                 for it in items) or any(s < q.end and q.start < e for s, e in optional):
            labels.append(None)
        else:
            labels.append("other")
    return labels


def training_rows(gold_path: Path) -> tuple[list[list[str]], list[str]]:
    """Feature rows and labels of the quantities in one annotated document that rules
    leave to the model (cached per file content)."""
    path = Path(gold_path).resolve()
    doc = document_path(load_gold(path), path)
    mtime = doc.stat().st_mtime_ns if doc.is_file() else 0
    return _training_rows(str(path), path.read_bytes(), mtime)


@functools.lru_cache(maxsize=64)
def _training_rows(gold_path: str, gold_bytes: bytes, doc_mtime: int
                   ) -> tuple[list[list[str]], list[str]]:
    from .outline import read_structure
    from .quantities import find_spans

    gold = resolve_gold(gold_path)
    text = gold.text
    structure = read_structure(text)
    qs = find_spans(text, structure)
    labels = gold_labels(qs, gold.items, gold.optional_spans)
    rows, ys = [], []
    for q, y in zip(qs, labels, strict=True):
        if y is None or rule_kind(text, q) is not None:
            continue
        rows.append(features(text, structure, q))
        ys.append(y)
    return rows, ys


def train_model(gold_paths: list[Path], c: float = 1.0, min_count: int = 2) -> dict:
    """Train the kind classifier on gold files; returns a JSON-serialisable model dict.

    Labels come from `gold.resolve_gold`, the reading `wusong-nlp evaluate` scores
    against. Deterministic: features are sorted, lbfgs starts from zero. Needs
    scikit-learn.
    """
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows, ys = [], []
    for p in sorted(Path(p) for p in gold_paths):
        r, y = training_rows(p)
        rows += r
        ys += y
    counts: dict[str, int] = {}
    for feats in rows:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= min_count)
    vocab = {f: i for i, f in enumerate(names)}
    data, ri, ci = [], [], []
    for r, feats in enumerate(rows):
        for f in sorted(set(feats)):
            j = vocab.get(f)
            if j is not None:
                ri.append(r)
                ci.append(j)
                data.append(1.0)
    x = csr_matrix((data, (ri, ci)), shape=(len(rows), len(names)))
    classes = [k for k in KINDS if k in set(ys)]
    clf = LogisticRegression(C=c, max_iter=5000, fit_intercept=False)
    clf.fit(x, ys)
    order = [list(clf.classes_).index(k) for k in classes]
    coef = clf.coef_[order].T
    return {
        "format": "wusong-kinds/1",
        "classes": classes,
        "features": names,
        "coef": [[round(float(v), 5) for v in row] for row in coef],
        "intercept": [0.0] * len(classes),
        "trained_on": sorted(Path(p).name for p in gold_paths),
        "examples": len(rows),
    }
