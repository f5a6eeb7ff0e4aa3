"""Scores of analyses against gold files (ANNOTATION.md), for `wusong-nlp evaluate`.

The scorer works on the analysis as a dict (the JSON the CLI writes), so it can score
any analysis, including hand-made ones in tests. Targets follow the rule stated in
ANNOTATION.md: a predicted target is right when it overlaps a gold target's number
and has its value; optional targets count neither way. With `folds`, each document
is analysed by a kind classifier trained on the other gold documents only, so the
figures say how the analyser does on documents it has not seen.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, is_dataclass
from pathlib import Path

from ..analysis import analyze
from ..records import KINDS
from ..text import overlap, short
from ..tracking import track
from .gold import (
    GoldDocument,
    GoldError,
    GoldItem,
    ProgramJudgement,
    gold_forms,
    load_gold,
    names_of,
    norm_name,
    resolve_gold,
)
from .tracking import (
    analysis_of,
    format_tracking,
    is_tracking_gold,
    resolve_tracking,
    score_tracking,
    tracking_totals,
)
from .training import train_link_model, train_model, train_program_model

PRED_KINDS = KINDS  # the kinds a prediction can have
GOLD_ROWS = ("target", "achievement", "optional", "reference", "identifier", "formulation",
             "criterion", "other")
MISSED = "missed"
NEAR = 30  # characters around a responsibility note where its lead may be named

_DASH = re.compile(r"^[-—－–]+$")
_MARKER = re.compile(
    r"^(?:[〇零一二两三四五六七八九十百]+(?:是)?|[（(][〇零一二三四五六七八九十百0-9０-９]+[）)]"
    r"|[0-9０-９]+|[①-⑳]|[-—－–]+|专栏\s*[0-9０-９一二三四五六七八九十]+)$"
)


# --- small helpers -----------------------------------------------------------------

def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def values_equal(a, b) -> bool:
    """Gold and predicted values agree (both absent, or equal up to float noise)."""
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def norm_unit(unit) -> str | None:
    if unit is None:
        return None
    u = unicodedata.normalize("NFKC", str(unit)).strip()
    return u or None


def norm_heading(heading) -> str:
    return norm_name(heading).rstrip("。：:；;，,")


def norm_number(number) -> str:
    n = unicodedata.normalize("NFKC", str(number or "")).strip().rstrip("、.．")
    return "——" if _DASH.match(n) else n


def _as_dict(record) -> dict:
    if isinstance(record, dict):
        return record
    if hasattr(record, "to_dict"):
        return record.to_dict()
    if is_dataclass(record):
        return asdict(record)
    return dict(record)


def _quantity(q: dict) -> dict:
    """The fields of a predicted quantity the scorer reads."""
    return {"start": int(q.get("start", 0)), "end": int(q.get("end", 0)),
            "text": q.get("text", ""), "kind": q.get("kind") or "other",
            "value": q.get("value"), "unit": q.get("unit")}


def bestoverlap(item: GoldItem, quantities: list[dict]) -> dict | None:
    """The predicted quantity sharing most characters with a gold span (earliest on ties)."""
    best, best_len = None, 0
    for q in quantities:
        n = overlap(item.start, item.end, q["start"], q["end"])
        if n > best_len:
            best, best_len = q, n
    return best


def _brief(item: GoldItem, pred: dict | None) -> dict:
    return {"text": item.text, "start": item.start, "end": item.end, "value": item.value,
            "unit": item.unit, "source": item.source,
            "predicted": None if pred is None else
            {"text": pred["text"], "kind": pred["kind"], "value": pred["value"],
             "unit": pred["unit"]}}


# --- quantities --------------------------------------------------------------------

def score_kind(kind: str, gold_items: list[GoldItem], all_items: list[GoldItem],
               optional: list[tuple[int, int]], quantities: list[dict]) -> dict:
    """P/R/F1 of one kind (target or achievement) under the overlap-and-value rule."""
    predicted = [q for q in quantities if q["kind"] == kind]
    matched: set[int] = set()
    tp = fp = ignored = fp_unannotated = 0
    false_pos = []
    for q in predicted:
        hits = [i for i, g in enumerate(gold_items)
                if overlap(g.start, g.end, q["start"], q["end"])]
        right = [i for i in hits if values_equal(q["value"], gold_items[i].value)]
        if right:
            tp += 1
            matched.update(right)
            continue
        if not hits and any(overlap(s, e, q["start"], q["end"]) for s, e in optional):
            ignored += 1
            continue
        fp += 1
        on = next((g for g in all_items if overlap(g.start, g.end, q["start"], q["end"])), None)
        if on is None:
            fp_unannotated += 1
        false_pos.append({"text": q["text"], "start": q["start"], "end": q["end"],
                          "value": q["value"], "gold": None if on is None else on.group})
    span_hits = sum(1 for g in gold_items
                    if any(overlap(g.start, g.end, q["start"], q["end"]) for q in predicted))
    p = _ratio(tp, tp + fp)
    r = _ratio(len(matched), len(gold_items))
    misses = [_brief(g, bestoverlap(g, quantities))
              for i, g in enumerate(gold_items) if i not in matched]
    return {"gold": len(gold_items), "predicted": len(predicted), "tp": tp, "fp": fp,
            "fn": len(gold_items) - len(matched), "matched_gold": len(matched),
            "ignored": ignored, "fp_unannotated": fp_unannotated, "span_hits": span_hits,
            "precision": p, "recall": r, "f1": _f1(p, r),
            "span_recall": _ratio(span_hits, len(gold_items)),
            "false_positives": false_pos, "misses": misses}


def score_quantities(gold: GoldDocument, quantities: list) -> dict:
    """Targets and achievements P/R/F1, value and unit accuracy, the kind confusion matrix."""
    qs = [_quantity(_as_dict(q)) for q in quantities]
    items = gold.items
    out = {
        "targets": score_kind("target", gold.of("target"), items, gold.optional_spans, qs),
        "achievements": score_kind("achievement", gold.of("achievement"), items,
                                   gold.optional_spans, qs),
    }
    values = units = matched = 0
    value_errors, unit_errors = [], []
    for g in gold.of("target") + gold.of("achievement"):
        q = bestoverlap(g, qs)
        if q is None:
            continue
        matched += 1
        if values_equal(g.value, q["value"]):
            values += 1
        else:
            value_errors.append(_brief(g, q))
        if norm_unit(g.unit) == norm_unit(q["unit"]):
            units += 1
        else:
            unit_errors.append(_brief(g, q))
    out["values"] = {"matched": matched, "correct": values, "accuracy": _ratio(values, matched),
                     "errors": value_errors}
    out["units"] = {"matched": matched, "correct": units, "accuracy": _ratio(units, matched),
                    "errors": unit_errors}
    confusion: dict[str, dict[str, int]] = {}
    for g in items:
        q = bestoverlap(g, qs)
        col = MISSED if q is None else q["kind"]
        row = confusion.setdefault(g.group, {})
        row[col] = row.get(col, 0) + 1
    out["confusion"] = confusion
    return out


# --- outline -----------------------------------------------------------------------

def _walk(nodes, path=(), headings=(), top=True, is_gold=True):
    """(number path, heading path without wrappers, node) for every node, in order.

    Iterative (a stack, not recursion), so no outline is too deep for it."""
    stack = [(n, path, headings, top) for n in reversed(nodes or [])]
    while stack:
        n, path_, headings_, top_ = stack.pop()
        if not isinstance(n, dict):
            continue
        number = norm_number(n.get("number"))
        heading = norm_heading(n.get("heading"))
        if is_gold:
            wrapper = top_ and not _MARKER.match(number)
        else:
            wrapper = n.get("kind") == "group"
        p = path_ + (number,)
        h = headings_ if wrapper else headings_ + (heading,)
        yield p, h, wrapper, n
        stack.extend((c, p, h, False) for c in reversed(n.get("children") or []))


def _prf(gold: Counter, pred: Counter) -> dict:
    tp = sum((gold & pred).values())
    g, p = sum(gold.values()), sum(pred.values())
    prec, rec = _ratio(tp, p), _ratio(tp, g)
    return {"gold": g, "predicted": p, "tp": tp, "precision": prec, "recall": rec,
            "f1": _f1(prec, rec)}


def score_outline(gold_outline: list, pred_outline: list) -> dict:
    """Outline nodes as (path, heading) pairs, and as heading paths ignoring wrappers.

    Predicted nodes deeper than the deepest gold node are not scored (gold files may
    stop at sections). Strict: numbers joined by "/" plus the node's heading. Lenient: the sequence of
    headings from the top, skipping wrapper levels (gold parts named 政策/附件 that are
    no heading marker; the analyser's group nodes), so invented wrappers cost nothing.
    """
    gold = list(_walk(gold_outline, is_gold=True))
    pred = list(_walk(pred_outline, is_gold=False))
    # gold files annotate the outline down to a depth of their choosing: predicted
    # nodes deeper than every gold node are not scored
    depth = max((len(p) for p, _, _, _ in gold), default=0)
    hdepth = max((len(h) for _, h, w, _ in gold if not w), default=0)
    strict_g = Counter(("/".join(p), norm_heading(n.get("heading"))) for p, _, _, n in gold)
    strict_p = Counter(("/".join(p), norm_heading(n.get("heading")))
                       for p, _, _, n in pred if len(p) <= depth)
    lenient_g = Counter(h for _, h, w, _ in gold if not w)
    lenient_p = Counter(h for _, h, w, _ in pred if not w and len(h) <= hdepth)
    strict, lenient = _prf(strict_g, strict_p), _prf(lenient_g, lenient_p)
    strict["unscored_deeper"] = sum(1 for p, _, _, _ in pred if len(p) > depth)
    lenient["unscored_deeper"] = sum(1 for _, h, w, _ in pred if not w and len(h) > hdepth)
    strict["missing"] = [f"{path} {heading}" for path, heading in (strict_g - strict_p)][:50]
    lenient["missing"] = ["/".join(k) for k in (lenient_g - lenient_p)][:50]
    lenient["extra"] = ["/".join(k) for k in (lenient_p - lenient_g)][:50]
    return {"strict": strict, "lenient": lenient}


def align_outline(gold_outline: list, pred_outline: list) -> dict[str, set[str]]:
    """Gold node path ("一/（三）", "附件/一") → ids of the predicted nodes that are the same.

    A predicted node is the same when its heading path (wrappers skipped) or its number
    path equals the gold node's.
    """
    by_heading: dict[tuple, set[str]] = {}
    by_path: dict[str, set[str]] = {}
    for p, h, w, n in _walk(pred_outline, is_gold=False):
        nid = str(n.get("id") or "/".join(p))
        by_path.setdefault("/".join(p), set()).add(nid)
        if not w:
            by_heading.setdefault(h, set()).add(nid)
    out: dict[str, set[str]] = {}
    for p, h, w, _ in _walk(gold_outline, is_gold=True):
        key = "/".join(p)
        ids = out.setdefault(key, set())
        ids |= by_path.get(key, set())
        if not w:
            ids |= by_heading.get(h, set())
    for key, ids in by_path.items():
        out.setdefault(key, set()).update(ids)
    return out


# --- actors, programmes, links, responsibilities ------------------------------------

def _forms(entity: dict) -> set[str]:
    """Every written form of a predicted actor or programme: name, aliases, mention texts."""
    forms = {entity.get("name")}
    forms.update(a for a in entity.get("aliases") or [] if isinstance(a, str))
    forms.update(m.get("text") for m in entity.get("mentions") or [] if isinstance(m, dict))
    return {norm_name(f) for f in forms if f}




def score_actors(gold_actors: dict, actors: list) -> dict:
    """Recall of required actors; gold not_actors the analyser still calls actors."""
    gold_actors = gold_actors if isinstance(gold_actors, dict) else {}
    found_forms: set[str] = set()
    for a in actors:
        found_forms |= _forms(_as_dict(a))
    required = names_of(gold_actors.get("required"))
    found = [r for r in required if norm_name(r) in found_forms]
    not_actors = [n for n in names_of(gold_actors.get("not_actors")) if norm_name(n) in found_forms]
    return {"required": len(required), "found": len(found),
            "recall": _ratio(len(found), len(required)),
            "missing": [r for r in required if r not in found],
            "not_actors": len(names_of(gold_actors.get("not_actors"))),
            "not_actor_hits": len(not_actors), "false_positives": not_actors,
            "predicted": len(actors)}


def _program_index(programs: list) -> dict[str, list[dict]]:
    index: dict[str, list[dict]] = {}
    for p in programs:
        d = _as_dict(p)
        for f in _forms(d):
            index.setdefault(f, []).append(d)
    return index



def score_programs(gold_programs: dict, programs: list) -> dict:
    """Recall of required programmes (any of their gold forms named by the analyser) and
    precision of the predicted ones.

    `precision` is over the predicted programmes the gold judges (those with a form in
    required, optional or not_programs): the share in required or optional. Predicted
    names the gold does not judge are counted as `unjudged` and listed; `strict_precision`
    counts them as wrong (over all predicted programmes). Slogans are not programmes and
    are not scored.
    """
    judged = ProgramJudgement.of(gold_programs)
    index = _program_index(programs)
    required = list(judged.required)
    found = [r for r in required if judged.required[r] & index.keys()]
    good, bad = judged.good, judged.bad
    predicted = [d for d in map(_as_dict, programs) if d.get("kind") != "slogan"]
    right, wrong, unjudged = [], [], []
    for d in predicted:
        forms = _forms(d)
        if forms & good:
            right.append(d.get("name"))
        elif forms & bad:
            wrong.append(d.get("name"))
        else:
            unjudged.append(d.get("name"))
    return {"required": len(required), "found": len(found),
            "recall": _ratio(len(found), len(required)),
            "missing": [r for r in required if r not in found], "predicted": len(predicted),
            "correct": len(right), "judged": len(right) + len(wrong),
            "precision": _ratio(len(right), len(right) + len(wrong)),
            "strict_precision": _ratio(len(right), len(predicted)),
            "not_programs_predicted": wrong, "unjudged": unjudged}


def score_program_links(gold: dict, programs: list, pred_outline: list) -> dict:
    """Fraction of gold programme → goal links found in the programme's `goals`.

    A link is found when one of the programme's goals is the aligned outline node or
    lies inside it.
    """
    links = gold.get("program_links") if isinstance(gold.get("program_links"), dict) else {}
    aliases = (gold.get("programs") or {}).get("aliases") or {}
    index = _program_index(programs)
    aligned = align_outline(gold.get("outline") or [], pred_outline)
    total = found = 0
    missing = []
    for name, paths in links.items():
        goals: set[str] = set()
        for form in gold_forms(name, aliases):
            for p in index.get(form, []):
                goals.update(str(g) for g in p.get("goals") or [])
        for path in names_of(paths):
            total += 1
            key = "/".join(norm_number(x) for x in path.split("/"))
            ids = aligned.get(key, set())
            if any(g == i or g.startswith(i + "/") for g in goals for i in ids):
                found += 1
            else:
                missing.append(f"{name} → {path}")
    return {"gold": total, "found": found, "fraction": _ratio(found, total), "missing": missing}


def _lead_forms_near(start: int, end: int, actors: list, tasks: list) -> set[str]:
    forms: set[str] = set()
    lo, hi = start - NEAR, end + NEAR
    for a in actors:
        d = _as_dict(a)
        names = {norm_name(d.get("name"))} | {norm_name(x) for x in names_of(d.get("aliases"))}
        for m in d.get("mentions") or []:
            if not isinstance(m, dict) or m.get("role", "lead") != "lead" or m.get("implicit"):
                continue
            if overlap(lo, hi, int(m.get("start", 0)), int(m.get("end", 0))):
                forms |= names | {norm_name(m.get("text"))}
    for t in tasks:
        d = _as_dict(t)
        if not overlap(lo, hi, int(d.get("start", 0)), int(d.get("end", 0))):
            continue
        for a in d.get("actors") or []:
            if isinstance(a, dict) and a.get("role") == "lead":
                forms.add(norm_name(a.get("name")))
    forms.discard("")
    return forms


def score_responsibilities(gold: GoldDocument, actors: list, tasks: list) -> dict:
    """Fraction of gold responsibility notes whose lead units are all found as lead actors
    named inside or near the note's anchor (actor mentions or task actors)."""
    notes = [n for n in gold.responsibilities if names_of(n.entry.get("lead"))]
    found = leads = leads_found = 0
    missing = []
    for n in notes:
        forms = _lead_forms_near(n.start, n.end, actors, tasks)
        wanted = names_of(n.entry.get("lead"))
        hits = [w for w in wanted if norm_name(w) in forms]
        leads += len(wanted)
        leads_found += len(hits)
        if len(hits) == len(wanted):
            found += 1
        else:
            missing.append({"source": n.source, "missing": [w for w in wanted if w not in hits]})
    return {"gold": len(notes), "found": found, "fraction": _ratio(found, len(notes)),
            "leads": leads, "leads_found": leads_found,
            "lead_recall": _ratio(leads_found, leads), "missing": missing}


# --- one document, many documents -----------------------------------------------------

def analysis_dict(analysis) -> dict:
    """What the scorer reads from a `PlanAnalysis` (no graph is built)."""
    return {
        "text": analysis.text,
        "outline": [n.to_dict() for n in analysis.outline],
        "quantities": [_as_dict(q) for q in analysis.quantities],
        "actors": [_as_dict(a) for a in analysis.actors],
        "programs": [_as_dict(p) for p in analysis.programs],
        "tasks": [_as_dict(t) for t in analysis.tasks],
    }


def evaluate_document(gold: GoldDocument, analysis: dict) -> dict:
    """All scores of one analysis (a dict as `PlanAnalysis.to_dict`) against one gold file."""
    warnings = list(gold.warnings)
    if "text" in analysis and analysis["text"] != gold.text:
        warnings.append(f"{gold.gold_path.name}: the analysed text differs from the document "
                        "text; offsets may not match")
    scores = score_quantities(gold, analysis.get("quantities") or [])
    outline = analysis.get("outline") or []
    return {
        "document": gold.document,
        "gold": str(gold.gold_path),
        **scores,
        "outline": score_outline(gold.data.get("outline") or [], outline),
        "actors": score_actors(gold.data.get("actors") or {}, analysis.get("actors") or []),
        "programs": score_programs(gold.data.get("programs") or {},
                                   analysis.get("programs") or []),
        "program_links": score_program_links(gold.data, analysis.get("programs") or [], outline),
        "responsibilities": score_responsibilities(gold, analysis.get("actors") or [],
                                                   analysis.get("tasks") or []),
        "warnings": warnings,
    }


def training_pool(gold_paths: list[Path]) -> list[Path]:
    """Gold files a fold may train on: those given plus the other gold files beside them."""
    pool: dict[Path, None] = {}
    for p in gold_paths:
        pool[Path(p).resolve()] = None
    for p in list(pool):
        for sibling in sorted(p.parent.glob("*.json")):
            pool.setdefault(sibling.resolve(), None)
    return list(pool)


def evaluate_files(gold_paths: list[Path], corpus: str | None = None, folds: bool = False) -> dict:
    """Analyse the document of every gold file and score it; totals are micro-averaged.

    With `folds`, each document is analysed under a kind model and a programme model
    trained on every other gold document (`training.train_model`,
    `training.train_program_model`).
    """
    notes: list[str] = []
    tracking_paths = [p for p in gold_paths if _is_tracking_file(p)]
    gold_paths = [p for p in gold_paths if p not in tracking_paths]
    pool: list[tuple[Path, str]] = []
    if folds and gold_paths:
        for p in training_pool(gold_paths):
            if _is_tracking_file(p):
                continue
            try:
                data = load_gold(p)
            except GoldError as exc:
                notes.append(f"not used for training: {exc}")
                continue
            pool.append((p, str(data.get("document") or p.stem + ".txt")))
    docs = []
    for path in gold_paths:
        path = Path(path)
        entry: dict = {"document": path.stem, "gold": str(path)}
        try:
            gold = resolve_gold(path, corpus)
            entry["document"] = gold.document
            model, names, entry["model"] = "default", "default", "shipped"
            if folds:
                others = [p for p, d in pool if d != gold.document and p != path.resolve()]
                model, names = train_model(others), train_program_model(others)
                entry["model"] = f"fold: trained on {len(others)} other gold files"
            analysis = analyze(gold.doc_path, kind_model=model, program_model=names)
            entry.update(evaluate_document(gold, analysis_dict(analysis)))
            entry["model"] = entry.get("model", "shipped")
        except GoldError as exc:
            entry["error"] = str(exc)
        except Exception as exc:  # one broken document must not hide the others' scores
            entry["error"] = f"{exc.__class__.__name__}: {exc}"
        docs.append(entry)
    report = {"folds": bool(folds), "documents": docs, "total": totals(docs), "notes": notes}
    if tracking_paths:
        report["tracking"] = evaluate_tracking(tracking_paths, corpus=corpus, folds=folds)
    return report


def _is_tracking_file(path) -> bool:
    """Tracking gold files (ANNOTATION.md §6) are told apart by their `links` key."""
    try:
        return is_tracking_gold(load_gold(path))
    except GoldError:
        return False


def evaluate_tracking(gold_paths: list[Path], corpus: str | None = None, folds: bool = False,
                      model="default") -> dict:
    """Track and score every gold pair; with `folds`, each pair under a link model
    fitted (and its threshold chosen) on the other pairs only."""
    pairs, out = [], []
    for p in gold_paths:
        try:
            pairs.append(resolve_tracking(p, corpus))
        except GoldError as exc:
            out.append({"pair": Path(p).stem, "gold": str(p), "error": str(exc)})
    for g in pairs:
        m = model
        if folds:
            m = train_link_model([o for o in pairs if o.gold_path != g.gold_path])
        result = track(analysis_of(g.plan_path), analysis_of(g.report_path), model=m)
        out.append({**score_tracking(g, result), "model": "fold" if folds else "shipped"})
    return {"folds": folds, "pairs": out, "total": tracking_totals(out)}


def totals(docs: list[dict]) -> dict:
    """Micro-averaged scores over the documents that could be scored."""
    ok = [d for d in docs if "error" not in d]

    def s(section: str, key: str) -> int:
        return sum(int(d[section].get(key) or 0) for d in ok)

    def kind_total(section: str) -> dict:
        tp, fp = s(section, "tp"), s(section, "fp")
        gold, matched = s(section, "gold"), s(section, "matched_gold")
        p, r = _ratio(tp, tp + fp), _ratio(matched, gold)
        return {"gold": gold, "predicted": s(section, "predicted"), "tp": tp, "fp": fp,
                "fn": gold - matched, "matched_gold": matched, "ignored": s(section, "ignored"),
                "fp_unannotated": s(section, "fp_unannotated"),
                "precision": p, "recall": r, "f1": _f1(p, r),
                "span_recall": _ratio(s(section, "span_hits"), gold)}

    def outline_total(mode: str) -> dict:
        tp = sum(d["outline"][mode]["tp"] for d in ok)
        g = sum(d["outline"][mode]["gold"] for d in ok)
        p = sum(d["outline"][mode]["predicted"] for d in ok)
        prec, rec = _ratio(tp, p), _ratio(tp, g)
        return {"gold": g, "predicted": p, "tp": tp, "precision": prec, "recall": rec,
                "f1": _f1(prec, rec)}

    confusion: dict[str, dict[str, int]] = {}
    for d in ok:
        for row, cols in d["confusion"].items():
            target = confusion.setdefault(row, {})
            for col, n in cols.items():
                target[col] = target.get(col, 0) + n
    return {
        "documents": len(ok),
        "targets": kind_total("targets"),
        "achievements": kind_total("achievements"),
        "values": {"matched": s("values", "matched"), "correct": s("values", "correct"),
                   "accuracy": _ratio(s("values", "correct"), s("values", "matched"))},
        "units": {"matched": s("units", "matched"), "correct": s("units", "correct"),
                  "accuracy": _ratio(s("units", "correct"), s("units", "matched"))},
        "confusion": confusion,
        "outline": {"strict": outline_total("strict"), "lenient": outline_total("lenient")},
        "actors": {"required": s("actors", "required"), "found": s("actors", "found"),
                   "recall": _ratio(s("actors", "found"), s("actors", "required")),
                   "not_actor_hits": s("actors", "not_actor_hits")},
        "programs": {"required": s("programs", "required"), "found": s("programs", "found"),
                     "recall": _ratio(s("programs", "found"), s("programs", "required")),
                     "predicted": s("programs", "predicted"), "correct": s("programs", "correct"),
                     "judged": s("programs", "judged"),
                     "precision": _ratio(s("programs", "correct"), s("programs", "judged")),
                     "strict_precision": _ratio(s("programs", "correct"),
                                                s("programs", "predicted"))},
        "program_links": {"gold": s("program_links", "gold"),
                          "found": s("program_links", "found"),
                          "fraction": _ratio(s("program_links", "found"),
                                             s("program_links", "gold"))},
        "responsibilities": {"gold": s("responsibilities", "gold"),
                             "found": s("responsibilities", "found"),
                             "fraction": _ratio(s("responsibilities", "found"),
                                                s("responsibilities", "gold"))},
    }


# --- reports ---------------------------------------------------------------------------

def _f(x) -> str:
    return "–" if x is None else f"{x:.2f}"


def _short(name: str, width: int = 34) -> str:
    return short(Path(name).stem, width)


def _rows(report: dict) -> list[tuple[str, dict]]:
    rows = [(_short(d["document"]), d) for d in report["documents"]]
    return rows + [("TOTAL (micro)", report["total"])]


def _table(header: list[str], rows: list[list[str]]) -> str:
    rows = [r + [""] * (len(header) - len(r)) for r in rows]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    def line(cells):
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), sep, *(line(r) for r in rows[:-1]), sep, line(rows[-1])])


def format_report(report: dict) -> str:
    """Plain-text tables: per document and micro-averaged total, then the confusion matrix;
    tracking pairs (if any) in a table of their own."""
    tracking = format_tracking(report["tracking"]) if report.get("tracking") else ""
    if tracking and not report["documents"]:
        return "wusong-nlp evaluation — tracking pairs\n\n" + tracking
    out = []
    mode = "folds (kind model not trained on the scored document)" if report.get("folds") \
        else "shipped kind model"
    out.append(f"wusong-nlp evaluation — {report['total']['documents']} document(s), {mode}\n")
    q_rows, s_rows = [], []
    for name, d in _rows(report):
        if "error" in d:
            q_rows.append([name, "error"])
            s_rows.append([name, "error"])
            continue
        t, a = d["targets"], d["achievements"]
        q_rows.append([name, str(t["gold"]), str(t["predicted"]), _f(t["precision"]),
                       _f(t["recall"]), _f(t["f1"]), _f(t["span_recall"]), _f(a["f1"]),
                       _f(d["values"]["accuracy"]), _f(d["units"]["accuracy"])])
        o = d["outline"]
        s_rows.append([name, f"{_f(o['strict']['precision'])}/{_f(o['strict']['recall'])}",
                       f"{_f(o['lenient']['precision'])}/{_f(o['lenient']['recall'])}",
                       _f(d["actors"]["recall"]), str(d["actors"]["not_actor_hits"]),
                       _f(d["programs"]["recall"]), _f(d["programs"].get("precision")),
                       _f(d["programs"].get("strict_precision")),
                       _f(d["program_links"]["fraction"]),
                       _f(d["responsibilities"]["fraction"])])
    out.append("Quantities (target: overlap + equal value; optional ignored)")
    out.append(_table(["document", "gold", "pred", "P", "R", "F1", "spanR", "achF1", "value",
                       "unit"], q_rows))
    out.append("")
    out.append("Structure, actors, programmes")
    out.append(_table(["document", "outline P/R", "lenient P/R", "actorsR", "notAct",
                       "progsR", "progsP", "progsP*", "links", "resp"], s_rows))
    out.append("progsP: programme precision over the predicted names the gold judges "
               "(required/optional vs not_programs); progsP*: over all predicted names")
    out.append("")
    out.append("Confusion of kinds (rows: gold; columns: predicted kind of the overlapping "
               "quantity)")
    out.append(format_confusion(report["total"]["confusion"]))
    errors = [f"{d['gold']}: {d['error']}" for d in report["documents"] if "error" in d]
    warnings = [w for d in report["documents"] for w in d.get("warnings", [])]
    for title, lines in (("Notes", report.get("notes", [])), ("Errors", errors),
                         ("Gold warnings", warnings)):
        if lines:
            out.append("")
            out.append(f"{title}:")
            out.extend(f"  {line}" for line in lines)
    if tracking:
        out += ["", "Tracking (targets into the next report)", tracking.rstrip("\n")]
    return "\n".join(out) + "\n"


def format_confusion(confusion: dict) -> str:
    rows_present = [r for r in GOLD_ROWS if r in confusion]
    rows_present += sorted(r for r in confusion if r not in GOLD_ROWS)
    cols = list(PRED_KINDS) + [MISSED]
    header = ["gold \\ pred", *[c[:11] for c in cols], "total"]
    rows = []
    for r in rows_present:
        counts = [confusion[r].get(c, 0) for c in cols]
        rows.append([r, *map(str, counts), str(sum(counts))])
    if not rows:
        return "(no gold quantities)"
    totals_row = ["total", *[str(sum(confusion[r].get(c, 0) for r in rows_present))
                             for c in cols]]
    totals_row.append(str(sum(int(x) for x in totals_row[1:])))
    return _table(header, rows + [totals_row])


def markdown_table(report: dict) -> str:
    """The per-document scores as a Markdown table, for the README."""
    header = ["document", "gold targets", "target P", "target R", "target F1", "value acc",
              "unit acc", "achievement F1", "outline P/R", "outline P/R (no wrappers)",
              "actors R", "lead of responsibilities", "programmes R", "programmes P",
              "programmes P (all)"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, d in _rows(report):
        if "error" in d:
            lines.append(f"| {name} | error: {d['error']} |" + " |" * (len(header) - 2))
            continue
        t, o = d["targets"], d["outline"]
        cells = [name if d is not report["total"] else "**total (micro)**", str(t["gold"]),
                 _f(t["precision"]), _f(t["recall"]), _f(t["f1"]), _f(d["values"]["accuracy"]),
                 _f(d["units"]["accuracy"]), _f(d["achievements"]["f1"]),
                 f"{_f(o['strict']['precision'])} / {_f(o['strict']['recall'])}",
                 f"{_f(o['lenient']['precision'])} / {_f(o['lenient']['recall'])}",
                 _f(d["actors"]["recall"]), _f((d.get("responsibilities") or {}).get("fraction")),
                 _f(d["programs"]["recall"]),
                 _f(d["programs"].get("precision")), _f(d["programs"].get("strict_precision"))]
        lines.append("| " + " | ".join(cells) + " |")
    mode = "folds: each document scored by a kind model trained on the others" \
        if report.get("folds") else "shipped kind model"
    note = ("programmes P: predicted names in required or optional over predicted names the "
            "gold lists (required, optional, not_programs); P (all): over all predicted names")
    return "\n".join(lines) + f"\n\n({mode}; {note})\n"
