"""Training the kind classifier on the gold files (scikit-learn; the `train` extra).

Labels are read from the gold files by `gold.resolve_gold`, as `wusong-nlp evaluate`
reads them, so the model learns what it is scored on. The result is a `KindModel` of
plain JSON weights; applying it needs numpy only (`extract.kinds`).
"""

from __future__ import annotations

import functools
from pathlib import Path

from ..extract.kinds import KindModel, features, rule_kind
from ..extract.program_model import ProgramModel
from ..extract.programs import find_program_mentions, program_rows
from ..extract.quantities import find_spans
from ..outline import read_structure
from ..records import KINDS, Quantity
from ..tracking import (
    FEATURES,
    LinkModel,
    candidates_for,
    overlaps,
    pair_features,
    plan_targets,
    report_candidates,
)
from .gold import (
    GoldItem,
    ProgramJudgement,
    document_path,
    load_gold,
    norm_name,
    resolve_gold,
)
from .tracking import TrackingGold, analysis_of, resolve_tracking


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
    gold = resolve_gold(gold_path)
    text = gold.text
    structure = read_structure(text)
    qs = find_spans(text, structure)
    labels = gold_labels(qs, gold.items, gold.optional_spans)
    rows, ys = [], []
    for q, y in zip(qs, labels, strict=True):
        if y is None or rule_kind(text, q, structure) is not None:
            continue
        rows.append(features(text, structure, q))
        ys.append(y)
    return rows, ys


def _matrix(rows: list[list[str]], min_count: int):
    """The sorted feature names seen in at least `min_count` rows and the sparse 0/1
    matrix of `rows` over them (deterministic: features sorted)."""
    from scipy.sparse import csr_matrix

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
    return names, csr_matrix((data, (ri, ci)), shape=(len(rows), len(names)))


def train_model(gold_paths: list[Path], c: float = 1.0, min_count: int = 2) -> KindModel:
    """Fit the kind classifier on gold files.

    Deterministic: features are sorted, lbfgs starts from zero.
    """
    from sklearn.linear_model import LogisticRegression

    rows, ys = [], []
    for p in sorted(Path(p) for p in gold_paths):
        r, y = training_rows(p)
        rows += r
        ys += y
    names, x = _matrix(rows, min_count)
    classes = [k for k in KINDS if k in set(ys)]
    clf = LogisticRegression(C=c, max_iter=5000, fit_intercept=False)
    clf.fit(x, ys)
    order = [list(clf.classes_).index(k) for k in classes]
    coef = clf.coef_[order].T
    return KindModel.from_dict({
        "format": "wusong-kinds/1",
        "classes": classes,
        "features": names,
        "coef": [[round(float(v), 5) for v in row] for row in coef],
        "intercept": [0.0] * len(classes),
        "trained_on": sorted(Path(p).name for p in gold_paths),
        "examples": len(rows),
    })


# --- the programme model (issue 12) ----------------------------------------------

def program_training_rows(gold_path: Path) -> tuple[list[list[str]], list[str], list[float]]:
    """Feature rows, labels and weights of the programme names the rules find in one
    annotated document (cached per file content).

    A name is labelled by the gold's judgement of any of its forms (name, mention
    texts); names the gold does not judge are left out. A name that is one of the
    gold's required programmes weighs `REQUIRED_WEIGHT`: dropping it costs recall."""
    path = Path(gold_path).resolve()
    doc = document_path(load_gold(path), path)
    mtime = doc.stat().st_mtime_ns if doc.is_file() else 0
    return _program_rows(str(path), path.read_bytes(), mtime)


REQUIRED_WEIGHT = 3.0


@functools.lru_cache(maxsize=64)
def _program_rows(gold_path: str, gold_bytes: bytes, doc_mtime: int
                  ) -> tuple[list[list[str]], list[str], list[float]]:
    gold = resolve_gold(gold_path)
    judged = ProgramJudgement.of(gold.data.get("programs"))
    required = set().union(*judged.required.values())
    mentions = find_program_mentions(gold.text, read_structure(gold.text), program_model=None)
    texts: dict[str, set[str]] = {}
    for m in mentions:
        texts.setdefault(m.name, set()).add(norm_name(m.text))
    rows, ys, ws = [], [], []
    for name, feats in program_rows(gold.text, mentions):
        forms = texts[name] | {norm_name(name)}
        y = judged.label(forms)
        if y is not None:
            rows.append(feats)
            ys.append(y)
            ws.append(REQUIRED_WEIGHT if forms & required else 1.0)
    return rows, ys, ws


def train_program_model(gold_paths: list[Path], c: float = 1.0, min_count: int = 2,
                        threshold: float = 0.5) -> ProgramModel:
    """Fit the programme-name filter on gold files (deterministic, as `train_model`).

    `threshold` (kept in the model) is the probability of `program` a name needs to
    stay. Under leave-one-document-out folds 0.5 and 0.6 score alike (R 0.862 P 0.876
    against R 0.850 P 0.890, 2026-12-04); on 33 plans outside the corpus 0.6 dropped the
    named projects of town plans (中药材种植产业园, 高标准大棚园区项目) and 0.5 kept them,
    adding no wrong name: 0.5."""
    from sklearn.linear_model import LogisticRegression

    rows, ys, ws = [], [], []
    for p in sorted(Path(p) for p in gold_paths):
        r, y, w = program_training_rows(p)
        rows += r
        ys += y
        ws += w
    if len(set(ys)) < 2:
        raise ValueError("the programme model needs gold names of both classes")
    names, x = _matrix(rows, min_count)
    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit(x, ys, sample_weight=ws)
    sign = 1.0 if list(clf.classes_).index("program") == 1 else -1.0
    return ProgramModel.from_dict({
        "format": ProgramModel.FORMAT,
        "classes": ["other", "program"],
        "features": names,
        "coef": [[0.0, round(sign * float(v), 5)] for v in clf.coef_[0]],
        "intercept": [0.0, round(sign * float(clf.intercept_[0]), 5)],
        "threshold": threshold,
        "trained_on": sorted(Path(p).name for p in gold_paths),
        "examples": len(rows),
    })


# --- the tracking link model (issue 11) -------------------------------------------

def link_examples(pair: TrackingGold, vec=None):
    """For every plan target that a gold link names, its candidate achievements with
    labels (True: the gold achievement) and, with `vec`, their feature rows."""
    plan, report = analysis_of(pair.plan_path), analysis_of(pair.report_path)
    targets, cands = plan_targets(plan), report_candidates(report)
    out = []
    for g in pair.links:
        t = next((t for t in targets if overlaps((t.start, t.end), g.target)), None)
        if t is None:
            continue
        pool = candidates_for(t, cands)
        labels = [g.achievement is not None and overlaps((a.start, a.end), g.achievement)
                  for a in pool]
        feats = pair_features(t, pool, vec) if vec is not None and pool else []
        out.append((t, pool, labels, feats))
    return out


def _link_texts(pairs: list[TrackingGold]) -> list[str]:
    texts = []
    for pair in pairs:
        for t, pool, _, _ in link_examples(pair):
            texts += [t.object or t.near, t.near, t.clause]
            texts += [x for a in pool for x in (a.near, a.clause)]
    return texts


def choose_threshold(scored: list[tuple[float | None, bool, bool]], beta: float = 0.5) -> float:
    """The threshold on a target's best score that maximises link F-beta on the training
    pairs (beta 0.5: precision weighs more, a wrong link misleads more than a missing
    one); `scored` holds (best score, best is the gold achievement, gold has one)."""
    gold = sum(1 for _, _, has in scored if has)
    best = (-1.0, 0.5)
    for th in sorted({round(s, 6) for s, _, _ in scored if s is not None}):
        chosen = [(s, ok) for s, ok, _ in scored if s is not None and s >= th]
        tp = sum(1 for _, ok in chosen if ok)
        p = tp / len(chosen) if chosen else 0.0
        r = tp / gold if gold else 0.0
        f1 = (1 + beta * beta) * p * r / (beta * beta * p + r) if p + r else 0.0
        if f1 > best[0] + 1e-12:
            best = (f1, th)
    return best[1]


def train_link_model(pairs: list, c: float = 1.0, ngram_range: tuple[int, int] = (1, 2)
                     ) -> LinkModel:
    """Fit the tracking link model on gold pairs (TrackingGold or paths): TF-IDF over
    character n-grams of the texts of targets and candidates, a logistic regression on
    the pair features, and the threshold that maximises link F1 on these pairs."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    pairs = [p if isinstance(p, TrackingGold) else resolve_tracking(p) for p in pairs]
    pairs = sorted(pairs, key=lambda p: p.gold_path.name)
    tfidf = TfidfVectorizer(analyzer="char", ngram_range=ngram_range)
    tfidf.fit(_link_texts(pairs))
    terms = [t for t, _ in sorted(tfidf.vocabulary_.items(), key=lambda kv: kv[1])]
    model = LinkModel({t: i for i, t in enumerate(terms)}, [float(x) for x in tfidf.idf_],
                      tuple(ngram_range), list(FEATURES), [0.0] * len(FEATURES), 0.0, 0.5)
    vec = functools.lru_cache(maxsize=None)(model.vector)
    xs, ys, groups = [], [], []
    for pair in pairs:
        for _, pool, labels, feats in link_examples(pair, vec):
            groups.append((len(xs), len(pool), any(labels)))
            xs += feats
            ys += labels
    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit(xs, ys)
    model.coef = [float(v) for v in clf.coef_[0]]
    model.intercept = float(clf.intercept_[0])
    scored = []
    for pair in pairs:
        for _, pool, labels, feats in link_examples(pair, vec):
            if not pool:
                scored.append((None, False, any(labels)))
                continue
            ps = [model.probability(x) for x in feats]
            k = max(range(len(ps)), key=lambda i: ps[i])
            scored.append((ps[k], labels[k], any(labels)))
    model.threshold = choose_threshold(scored)
    model.meta = {"trained_on": [p.gold_path.name for p in pairs], "examples": len(xs)}
    return model
