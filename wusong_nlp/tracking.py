"""Did they do what they promised? Targets tracked into the next report, plans compared.

A plan's targets (commitments) are promises for its year; the next year's report says
in its review part (回顾) what was done. `track(plan, report)` links every target to the
achievement that reports on the same indicator and object, or to none, and judges it
under the target's qualifier. Objects are matched by a small logistic model over TF-IDF
similarities of character n-grams plus unit and measure compatibility; its parameters
are plain JSON (`data/tracking_model.json`, fitted by `evaluation.training.
train_link_model`), applied here without scikit-learn. `compare(a, b)` sets successive
plans of one body side by side; `target_panel(results)` makes one DataFrame of many.
"""

from __future__ import annotations

import functools
import io
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .analysis import PlanAnalysis, analyze
from .outline import is_review_heading
from .reading import InputError
from .records import Commitment, Quantity
from .resources import data_path, flagged, rows
from .text import HAN_RE, SENT_STOP, overlap

STATUSES = ("met", "exceeded", "missed", "not_reported", "unclear")
# kinds of quantity in a review that never report an achievement
_NOT_ACHIEVEMENTS = frozenset({"identifier", "formulation", "reference"})
_CLAUSE = "，,。；;：:！？\n"
_ITEM = _CLAUSE + "、"
RATE_TOLERANCE = 0.2  # percentage points: 增长5%左右 and 增长5.2% → met
RELATIVE_TOLERANCE = 0.05  # counts and amounts: within +5% of the target is met
FLOOR_TOLERANCE = 0.02  # a floor (1200万人以上) is reached up to +2%; 1256万人 exceeds it
MODEL_FILE = "tracking_model.json"


# --- data ---------------------------------------------------------------------------

@functools.cache
def unit_classes() -> dict[str, tuple[str, float]]:
    """unit → (class, factor to the class's base), from data/tracking_units.tsv."""
    out = {}
    for row in rows("tracking_units.tsv"):
        out[row[0].strip()] = (row[1].strip(), float(row[2]))
    return out


def unit_class(unit: str | None) -> tuple[str | None, float]:
    if not unit:
        return None, 1.0
    return unit_classes().get(unit, (unit, 1.0))


@functools.cache
def cues(flag: str) -> tuple[str, ...]:
    """The cue words of data/tracking_cues.tsv with one flag, longest first."""
    return tuple(sorted((w for w, f in flagged("tracking_cues.tsv") if f == flag),
                        key=lambda w: (-len(w), w)))


# --- sides: targets of a plan, candidate achievements of a report -----------------

@dataclass
class Item:
    """A target or a candidate achievement with the words around it."""

    start: int
    end: int
    text: str
    value: float | int | None
    unit: str | None
    qualifier: str
    object: str  # the words naming what is counted (target: the commitment's object)
    near: str  # the words of its item (between neighbouring numbers, within the clause)
    clause: str
    measure: str  # growth, share, rate or level
    context: str  # the sentence up to the end of the number's clause
    kind: str = "target"
    horizon: str | None = None

    def brief(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "value": self.value,
                "unit": self.unit}


def review_spans(analysis: PlanAnalysis) -> list[tuple[int, int]]:
    """Where a document reviews past work: its top-level parts with a review heading;
    without one, the paragraphs that hold achievements."""
    spans = [(n.start, n.end) for n in analysis.outline if is_review_heading(n.heading or "")]
    if spans:
        return spans
    out: list[tuple[int, int]] = []
    for q in analysis.quantities:
        if q.kind == "achievement":
            p = analysis.structure.paragraph_at(q.start)
            if p is not None and (not out or out[-1] != (p.start, p.end)):
                out.append((p.start, p.end))
    return out


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _clause_bounds(text: str, start: int, end: int, stops: str) -> tuple[int, int]:
    i = start
    while i > 0 and text[i - 1] not in stops and start - i < 60:
        i -= 1
    j = end
    while j < len(text) and text[j] not in stops and j - end < 40:
        j += 1
    return i, j


def _near(text: str, q: Quantity, others: list[Quantity]) -> str:
    """The words of a number's item: back to the clause start or the previous number
    (further when that leaves no word: 达到5.67万亿元、增长5.4%), on to the next stop."""
    c0, c1 = _clause_bounds(text, q.start, q.end, _CLAUSE)
    prev = [o.end for o in others if c0 <= o.end <= q.start and o is not q]
    lo = max(prev) if prev else c0
    if len(HAN_RE.findall(text[lo:q.start])) < 4:
        lo = c0
    if len(HAN_RE.findall(_strip_cues(text[lo:q.start]))) < 3 and lo > 0 and text[lo - 1] in "，,":
        lo = _clause_bounds(text, lo - 1, lo - 1, _CLAUSE)[0]  # 零售总额1481.3亿元，增长7.5%
    i1 = _clause_bounds(text, q.start, q.end, _ITEM)[1]
    nxt = [o.start for o in others if q.end <= o.start < i1 and o is not q]
    hi = min(nxt) if nxt else i1
    return text[lo:q.start] + text[q.end:hi]


def _strip_cues(words: str) -> str:
    for w in cues("growth"):
        words = words.replace(w, "")
    return words


def _context(text: str, q: Quantity, clause_end: int) -> str:
    """The sentence up to the end of the number's clause: an object named a clause
    earlier (城中村改造跑出“加速度”，启动26个改造项目) is in it."""
    s0 = _clause_bounds(text, q.start, q.end, SENT_STOP)[0]
    return text[max(s0, q.start - 80):clause_end]


def measure_of(text: str, start: int, unit: str | None) -> str:
    """What a number measures, read from the words just before it: growth (增长5%),
    share (比重达到45%), rate (失业率5%) or level (5.67万亿元)."""
    c0 = _clause_bounds(text, start, start, _ITEM)[0]
    pre = text[c0:start]
    while any(pre.endswith(w) for w in cues("hedge")):  # 增长约5%, 上涨了2%
        pre = pre[:-len(next(w for w in cues("hedge") if pre.endswith(w)))]
    reached = any(pre.endswith(w) for w in cues("level_before"))  # 提高到30%: a level
    if not reached and any(pre.endswith(w) for w in cues("growth")):
        return "growth"
    if any(w in pre[-14:] for w in cues("share")):
        return "share"
    return "rate" if unit_class(unit)[0] == "rate" else "level"


def compatible_measures(a: str, b: str) -> bool:
    """A growth rate never reports on a level or a share, nor the other way round."""
    return (a == "growth") == (b == "growth")


def _multi_year_spans(analysis: PlanAnalysis, review: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretches of a review that speak of several years (过去五年…) up to the paragraph
    that returns to the one year (过去一年…)."""
    out, open_at = [], None
    text = analysis.text
    for p in analysis.structure.paragraphs:
        if not _inside(p.start, review):
            continue
        head = text[p.start:p.start + 16]
        if open_at is None and any(w in head for w in cues("multi_year_open")):
            open_at = p.start
        elif open_at is not None and any(w in head for w in cues("one_year_open")):
            out.append((open_at, p.start))
            open_at = None
    if open_at is not None:
        end = max(e for s, e in review if s <= open_at)
        out.append((open_at, end))
    return out


def plan_targets(analysis: PlanAnalysis) -> list[Item]:
    """The plan's targets for its year: its commitments outside any review part."""
    text, review = analysis.text, review_spans(analysis)
    by_id = {q.id: q for q in analysis.quantities}
    numbered = [q for q in analysis.quantities if q.value is not None]
    out = []
    for c in analysis.commitments:
        q = by_id.get(c.quantity)
        if q is None or _inside(c.start, review):
            continue
        out.append(_target_item(text, c, q, numbered))
    return out


def _target_item(text: str, c: Commitment, q: Quantity, others: list[Quantity]) -> Item:
    c0, c1 = _clause_bounds(text, q.start, q.end, _CLAUSE)
    return Item(c.start, c.end, c.text, c.value, c.unit, c.qualifier, c.object or "",
                _near(text, q, others), text[c0:c1], measure_of(text, q.start, q.unit),
                _context(text, q, c1), "target", c.horizon)


def report_candidates(analysis: PlanAnalysis) -> list[Item]:
    """Every number in the report's review part that may report an achievement of the
    year: not an identifier, reference or slogan, not in a stretch about several years."""
    text, review = analysis.text, review_spans(analysis)
    multi = _multi_year_spans(analysis, review)
    numbered = [q for q in analysis.quantities if q.value is not None]
    out = []
    for q in numbered:
        if q.kind in _NOT_ACHIEVEMENTS or not _inside(q.start, review) or _inside(q.start, multi):
            continue
        c0, c1 = _clause_bounds(text, q.start, q.end, _CLAUSE)
        clause = text[c0:c1]
        if any(w in clause for w in cues("multi_year")):
            continue
        near = _near(text, q, numbered)
        out.append(Item(q.start, q.end, q.text, q.value, q.unit, q.qualifier, near, near,
                        clause, measure_of(text, q.start, q.unit), _context(text, q, c1),
                        q.kind))
    return out


def units_compatible(a: Item, b: Item) -> bool:
    ca, cb = unit_class(a.unit)[0], unit_class(b.unit)[0]
    return ca is not None and ca == cb


# --- TF-IDF over character n-grams, and the link model -----------------------------

_SPACE = re.compile(r"\s\s+")


def char_ngrams(text: str, lo: int, hi: int) -> list[str]:
    """Character n-grams as scikit-learn's `analyzer="char"` makes them (lowercased,
    runs of white space as one)."""
    text = _SPACE.sub(" ", text.lower())
    out = []
    for n in range(lo, hi + 1):
        out.extend(text[i:i + n] for i in range(len(text) - n + 1))
    return out


@dataclass
class LinkModel:
    """The fitted matcher: TF-IDF vocabulary and idf, logistic weights, threshold."""

    vocabulary: dict[str, int]
    idf: list[float]
    ngram_range: tuple[int, int]
    features: list[str]
    coef: list[float]
    intercept: float
    threshold: float
    meta: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, d: dict) -> LinkModel:
        if d.get("format") != "wusong-links/1":
            raise ValueError("not a wusong link model (format wusong-links/1)")
        vocab = {t: i for i, t in enumerate(d["terms"])}
        if len(d["idf"]) != len(vocab) or len(d["coef"]) != len(d["features"]):
            raise ValueError("link model: sizes of terms/idf or features/coef differ")
        return cls(vocab, [float(x) for x in d["idf"]], tuple(d["ngram_range"]),
                   list(d["features"]), [float(x) for x in d["coef"]], float(d["intercept"]),
                   float(d["threshold"]), {k: d[k] for k in ("trained_on", "examples") if k in d})

    def to_dict(self) -> dict:
        terms = sorted(self.vocabulary, key=self.vocabulary.get)
        return {"format": "wusong-links/1", "ngram_range": list(self.ngram_range),
                "terms": terms, "idf": [round(x, 6) for x in self.idf],
                "features": self.features, "coef": [round(x, 6) for x in self.coef],
                "intercept": round(self.intercept, 6), "threshold": round(self.threshold, 6),
                **self.meta}

    def vector(self, text: str) -> dict[int, float]:
        """The l2-normalised TF-IDF vector of a text (as TfidfVectorizer.transform)."""
        counts = Counter(self.vocabulary[g] for g in char_ngrams(text, *self.ngram_range)
                         if g in self.vocabulary)
        vec = {j: n * self.idf[j] for j, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {j: v / norm for j, v in vec.items()} if norm else {}

    def probability(self, x: list[float]) -> float:
        z = self.intercept + sum(w * v for w, v in zip(self.coef, x, strict=True))
        return 1.0 / (1.0 + math.exp(-z))


def cosine(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(j, 0.0) for j, v in a.items())


def _common(a: str, b: str) -> float:
    """The longest run of Han characters shared by a and b, over a's Han length."""
    a = "".join(HAN_RE.findall(a))
    if not a or not b:
        return 0.0
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best / len(a)


FEATURES = ("cos_object", "cos_near", "cos_clause", "cos_context", "common", "margin",
            "same_unit",
            "same_measure", "value_close", "is_achievement")


def pair_features(target: Item, cands: list[Item], vec) -> list[list[float]]:
    """One feature row per candidate achievement of one target (`vec`: text → TF-IDF)."""
    to, tn, tc = vec(target.object or target.near), vec(target.near), vec(target.clause)
    base = []
    for a in cands:
        an, ac = vec(a.near), vec(a.clause)
        base.append((cosine(to, an), cosine(tn, an), cosine(tc, ac), cosine(to, vec(a.context)),
                     _common(target.object, a.near + a.clause)))
    out = []
    for i, a in enumerate(cands):
        others = [b[0] for k, b in enumerate(base) if k != i]
        margin = base[i][0] - (max(others) if others else 0.0)
        close = 0.0
        if target.value and a.value and target.value > 0 and a.value > 0:
            f1, f2 = unit_class(target.unit)[1], unit_class(a.unit)[1]
            close = math.exp(-abs(math.log(a.value * f2 / (target.value * f1))))
        out.append([*base[i], margin, float(target.unit == a.unit),
                    float(target.measure == a.measure), close, float(a.kind == "achievement")])
    return out


def candidates_for(target: Item, cands: list[Item]) -> list[Item]:
    """The achievements that could report on a target: same unit class, and a growth
    rate only for a growth rate."""
    return [a for a in cands if units_compatible(target, a)
            and compatible_measures(target.measure, a.measure)]


@functools.cache
def default_model() -> LinkModel:
    return LinkModel.from_dict(json.loads(data_path(MODEL_FILE).read_text(encoding="utf-8")))


def load_model(model: LinkModel | dict | str | Path | None) -> LinkModel:
    if model is None or model == "default":
        return default_model()
    if isinstance(model, LinkModel):
        return model
    if isinstance(model, dict):
        return LinkModel.from_dict(model)
    return LinkModel.from_dict(json.loads(Path(model).read_text(encoding="utf-8")))


# --- status -------------------------------------------------------------------------

def judge(target: Item, achievement: Item | None) -> tuple[str, float | None]:
    """Status and gap (achievement − target, in the target's unit) under the target's
    qualifier: approx within ±0.2 points (rates) or ±5% (counts) is met, exact up to
    that much above; at_least reached (up to +2% for counts) is met and clearly beyond
    is exceeded; at_most is met at or below the ceiling. An
    achievement given only as a floor below the target (超过X) settles nothing: unclear.
    Growth against a level or a share is unclear too (`track` never links them)."""
    if achievement is None:
        return "not_reported", None
    if (target.value is None or achievement.value is None or not units_compatible(target, achievement)
            or target.measure != achievement.measure and "growth" in (target.measure, achievement.measure)):
        return "unclear", None
    cls, ft = unit_class(target.unit)
    fa = unit_class(achievement.unit)[1]
    t = float(target.value)
    a = float(achievement.value) * fa / ft
    gap = round(a - t, 6)
    tol = RATE_TOLERANCE if cls == "rate" else RELATIVE_TOLERANCE * abs(t)
    eps = 1e-9 * max(1.0, abs(t))
    if achievement.qualifier == "at_least" and gap < -eps:
        return "unclear", gap  # 超过2.4万亿元 for about 2.5万亿元: a floor below the target
    if target.qualifier == "at_most":
        return ("met" if gap <= eps else "missed"), gap
    if target.qualifier == "approx":
        if abs(gap) <= tol + eps:
            return "met", gap
        return ("exceeded" if gap > 0 else "missed"), gap
    if gap < -eps:
        return "missed", gap
    if target.qualifier == "at_least" and cls != "rate":
        tol = FLOOR_TOLERANCE * abs(t)
    return ("met" if gap <= tol + eps else "exceeded"), gap


# --- tracking -----------------------------------------------------------------------

@dataclass
class Link:
    target: Item
    achievement: Item | None
    status: str
    gap: float | None
    score: float | None = None

    def to_dict(self) -> dict:
        t = self.target
        return {"target": {**t.brief(), "qualifier": t.qualifier, "object": t.object},
                "achievement": self.achievement.brief() if self.achievement else None,
                "status": self.status, "gap": self.gap,
                "score": None if self.score is None else round(self.score, 4)}


@dataclass
class TrackResult:
    """The targets of a plan and what the report says of each."""

    plan: PlanAnalysis
    report: PlanAnalysis | None
    links: list[Link]

    @staticmethod
    def _side(a: PlanAnalysis | None) -> dict | None:
        if a is None:
            return None
        return {"source": a.source.path, "title": a.title, "year": document_year(a)}

    def to_dict(self) -> dict:
        return {"plan": self._side(self.plan), "report": self._side(self.report),
                "links": [ln.to_dict() for ln in self.links]}

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def counts(self) -> dict[str, int]:
        c = Counter(ln.status for ln in self.links)
        return {s: c.get(s, 0) for s in STATUSES}

    def to_frame(self):
        return target_panel([self])


_YEAR = re.compile(r"(20\d\d)年")


def tracking_schema() -> dict:
    """The JSON Schema of `TrackResult.to_dict()` (`wusong-nlp track -o out.json`)."""
    ref = resources.files("wusong_nlp") / "schema" / "tracking.schema.json"
    return json.loads(ref.read_text(encoding="utf-8"))


def document_year(analysis: PlanAnalysis) -> int | None:
    """The year a document plans for: its own year, else the year in the heading of its
    first part that is no review (2024年主要工作)."""
    if analysis.year:
        return analysis.year
    for n in analysis.outline:
        m = _YEAR.search(n.heading or "")
        if m and not is_review_heading(n.heading or ""):
            return int(m.group(1))
    return None


def _as_analysis(x) -> PlanAnalysis:
    if isinstance(x, PlanAnalysis):
        return x
    if isinstance(x, (str, Path)):
        if not Path(x).is_file():
            raise InputError(f"{x}: no such file")
        return analyze(Path(x))
    raise InputError(f"expected a PlanAnalysis or a path, got {type(x).__name__}")


def track(plan, report=None, *, model: LinkModel | dict | str | None = "default") -> TrackResult:
    """Link every target of `plan` for its year to the achievement `report` gives for it.

    `plan` and `report` are analyses or paths. Without a report, the targets link to
    nothing (a document's own review does not report on its own targets). A report
    that is also a plan (review part and task part) may be tracked against the
    previous year's plan: `track(last_year, this_year)`.
    """
    plan_a = _as_analysis(plan)
    report_a = None if report is None else _as_analysis(report)
    targets = plan_targets(plan_a)
    if report_a is None:
        return TrackResult(plan_a, None, [Link(t, None, "not_reported", None) for t in targets])
    m = load_model(model)
    cands = report_candidates(report_a)
    vec = functools.lru_cache(maxsize=None)(m.vector)
    links = []
    for t in targets:
        pool = candidates_for(t, cands)
        best, best_p = None, None
        if pool:
            for a, x in zip(pool, pair_features(t, pool, vec), strict=True):
                p = m.probability(x)
                if best_p is None or p > best_p:
                    best, best_p = a, p
        if best is not None and best_p is not None and best_p >= m.threshold:
            status, gap = judge(t, best)
            links.append(Link(t, best, status, gap, best_p))
        else:
            links.append(Link(t, None, "not_reported", None, best_p))
    return TrackResult(plan_a, report_a, links)


# --- comparison of successive plans ------------------------------------------------

@dataclass
class Comparison:
    """Two successive plans of one body: targets and programmes kept, changed, dropped."""

    plan_a: PlanAnalysis
    plan_b: PlanAnalysis
    targets: list[dict]
    programs: list[dict]

    def to_dict(self) -> dict:
        side = TrackResult._side
        return {"plan_a": side(self.plan_a), "plan_b": side(self.plan_b),
                "targets": self.targets, "programs": self.programs,
                "counts": {"targets": dict(sorted(Counter(t["change"] for t in self.targets).items())),
                           "programs": dict(sorted(Counter(p["change"] for p in self.programs).items()))}}

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _target_brief(t: Item) -> dict:
    return {**t.brief(), "qualifier": t.qualifier, "object": t.object}


def compare(plan_a, plan_b, *, model: LinkModel | dict | str | None = "default") -> Comparison:
    """Successive plans of one body: each target of `plan_a` carried over to `plan_b`
    (same object: `carried`, `raised` or `lowered` with both values), `dropped`, and
    `plan_b`'s `new` targets; programmes `continued`, `new`, `dropped`.

    Objects are matched by the tracking model (a target of one plan against the
    targets of the other, units and measures compatible).
    """
    a, b = _as_analysis(plan_a), _as_analysis(plan_b)
    m = load_model(model)
    vec = functools.lru_cache(maxsize=None)(m.vector)
    ta, tb = plan_targets(a), plan_targets(b)
    pairs = []
    for i, t in enumerate(ta):
        pool = [(j, u) for j, u in enumerate(tb) if units_compatible(t, u) and t.measure == u.measure]
        if not pool:
            continue
        feats = pair_features(t, [u for _, u in pool], vec)
        for (j, _), x in zip(pool, feats, strict=True):
            p = m.probability(x)
            if p >= m.threshold:
                pairs.append((p, i, j))
    used_a, used_b, match = set(), set(), {}
    for p, i, j in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):  # one to one, best first
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            match[i] = (j, p)
    out = []
    for i, t in enumerate(ta):
        if i in match:
            j, p = match[i]
            u = tb[j]
            fa, fb = unit_class(t.unit)[1], unit_class(u.unit)[1]
            va = None if t.value is None else float(t.value) * fa
            vb = None if u.value is None else float(u.value) * fb
            change = ("carried" if va is None or vb is None or math.isclose(va, vb, rel_tol=1e-9)
                      else "raised" if vb > va else "lowered")
            out.append({"change": change, "a": _target_brief(t), "b": _target_brief(u),
                        "score": round(p, 4)})
        else:
            out.append({"change": "dropped", "a": _target_brief(t), "b": None, "score": None})
    for j, u in enumerate(tb):
        if j not in used_b:
            out.append({"change": "new", "a": None, "b": _target_brief(u), "score": None})
    names_a = {p["name"] for p in a.programs}
    names_b = {p["name"] for p in b.programs}
    programs = ([{"change": "continued", "name": n} for n in sorted(names_a & names_b)]
                + [{"change": "dropped", "name": n} for n in sorted(names_a - names_b)]
                + [{"change": "new", "name": n} for n in sorted(names_b - names_a)])
    return Comparison(a, b, out, programs)


# --- panel --------------------------------------------------------------------------

PANEL_COLUMNS = ("issuer", "plan", "year", "report", "object", "target", "target_value", "unit",
                 "qualifier", "achievement", "achievement_value", "achievement_unit", "status",
                 "gap", "target_start", "target_end", "achievement_start", "achievement_end")


def target_panel(results):
    """One pandas DataFrame of the tracked targets of many plans (one row per target).

    pandas is imported here, not at module load, as in views/notebook.py: tracking
    without a panel does not pay for it."""
    import pandas as pd

    recs = []
    for r in results:
        if not isinstance(r, TrackResult):
            raise TypeError(f"target_panel takes TrackResults, got {type(r).__name__}")
        issuer = "、".join(r.plan.issuers) if r.plan.issuers else None
        for ln in r.links:
            t, a = ln.target, ln.achievement
            recs.append({"issuer": issuer, "plan": r.plan.source.path,
                         "year": document_year(r.plan),
                         "report": r.report.source.path if r.report else None,
                         "object": t.object, "target": t.text, "target_value": t.value,
                         "unit": t.unit, "qualifier": t.qualifier,
                         "achievement": a.text if a else None,
                         "achievement_value": a.value if a else None,
                         "achievement_unit": a.unit if a else None,
                         "status": ln.status, "gap": ln.gap,
                         "target_start": t.start, "target_end": t.end,
                         "achievement_start": a.start if a else None,
                         "achievement_end": a.end if a else None})
    return pd.DataFrame(recs, columns=list(PANEL_COLUMNS))


def panel_bytes(frame, kind: str) -> bytes:
    """A panel (or any DataFrame) as CSV (UTF-8 with BOM, for Excel) or XLSX bytes."""
    if kind == "csv":
        return frame.to_csv(index=False).encode("utf-8-sig")
    if kind == "xlsx":
        buf = io.BytesIO()
        frame.to_excel(buf, index=False, engine="openpyxl")
        return buf.getvalue()
    raise ValueError(f"unknown panel format {kind!r} (csv or xlsx)")


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return overlap(a[0], a[1], b[0], b[1]) > 0


def comparison_frames(comp: Comparison) -> dict:
    """A comparison as two pandas DataFrames: `targets` (one row per change) and
    `programs`."""
    import pandas as pd

    recs = []
    for row in comp.targets:
        rec = {"change": row["change"]}
        for side in ("a", "b"):
            t = row[side] or {}
            for k in ("object", "text", "value", "unit", "qualifier", "start", "end"):
                rec[f"{side}_{k}"] = t.get(k)
        recs.append(rec)
    cols = ["change"] + [f"{s}_{k}" for s in ("a", "b")
                         for k in ("object", "text", "value", "unit", "qualifier", "start", "end")]
    return {"targets": pd.DataFrame(recs, columns=cols),
            "programs": pd.DataFrame(comp.programs, columns=["change", "name"])}


def frames_xlsx(frames: dict) -> bytes:
    """Several DataFrames as the sheets of one XLSX workbook."""
    import pandas as pd

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in frames.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return buf.getvalue()
