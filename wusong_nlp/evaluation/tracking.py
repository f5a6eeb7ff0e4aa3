"""Tracking gold files (ANNOTATION.md §6) resolved to offsets, and their scores.

A tracking gold file names a plan and the next year's report and links each target of
the plan (anchor + number) to the achievement the report gives (or null). A predicted
link is right when its target overlaps a gold target's number and its achievement
overlaps that target's gold achievement number. Scores: link precision and recall
over targets with an achievement, status accuracy over the targets linked right, and
status accuracy over every gold target found.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis import PlanAnalysis, analyze
from ..reading import read_document
from ..tracking import TrackResult, overlaps
from .gold import GoldError, load_gold, resolve_entry


@dataclass
class GoldLink:
    target: tuple[int, int]  # the target number's span in the plan
    achievement: tuple[int, int] | None  # the achievement number's span in the report
    status: str
    source: str
    entry: dict = field(default_factory=dict)


@dataclass
class TrackingGold:
    gold_path: Path
    plan_path: Path
    report_path: Path
    links: list[GoldLink]
    warnings: list[str]

    @property
    def name(self) -> str:
        return self.gold_path.stem


def is_tracking_gold(data: dict) -> bool:
    """Tracking gold files are told apart by their `links` key."""
    return isinstance(data, dict) and isinstance(data.get("links"), list)


def _doc_path(name: str, gold_path: Path, corpus: str | Path | None) -> Path:
    if corpus:
        return Path(corpus) / name
    # corpus/annotations/tracking/X.json → corpus/X.txt
    here = gold_path.resolve().parent
    for folder in (here.parent.parent, here.parent, here):
        if (folder / name).is_file():
            return folder / name
    return here.parent.parent / name


def resolve_tracking(gold_path: str | Path, corpus: str | Path | None = None) -> TrackingGold:
    """The links of a tracking gold file as spans of the plan's and the report's text."""
    gold_path = Path(gold_path)
    data = load_gold(gold_path)
    if not is_tracking_gold(data):
        raise GoldError(f"{gold_path}: not a tracking gold file (no `links`)")
    plan_path = _doc_path(str(data.get("plan")), gold_path, corpus)
    report_path = _doc_path(str(data.get("report")), gold_path, corpus)
    for p in (plan_path, report_path):
        if not p.is_file():
            raise GoldError(f"{gold_path}: document not found: {p}")
    plan_text, report_text = read_document(plan_path).text, read_document(report_path).text
    warnings: list[str] = []
    links = []
    for i, ln in enumerate(data["links"]):
        where = f"{gold_path.name}: links[{i}]"
        t = resolve_entry(plan_text, {"anchor": ln.get("target_anchor"),
                                      "number": ln.get("target_number"),
                                      "occurrence": ln.get("target_occurrence", 1)},
                          where + ".target", warnings)
        if t is None or not t[1]:
            continue
        ach = None
        if ln.get("achievement_anchor") is not None:
            a = resolve_entry(report_text, {"anchor": ln["achievement_anchor"],
                                            "number": ln.get("achievement_number"),
                                            "occurrence": ln.get("achievement_occurrence", 1)},
                              where + ".achievement", warnings)
            if a is None or not a[1]:
                continue
            ach = a[1][0]
        links.append(GoldLink(t[1][0], ach, str(ln.get("status")), f"links[{i}]", ln))
    return TrackingGold(gold_path, plan_path, report_path, links, warnings)


@functools.lru_cache(maxsize=16)
def cached_analysis(path: str, mtime: int) -> PlanAnalysis:
    """One analysis per document and process (training and folds reuse them)."""
    return analyze(Path(path))


def analysis_of(path: Path) -> PlanAnalysis:
    return cached_analysis(str(Path(path).resolve()), Path(path).stat().st_mtime_ns)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def score_tracking(gold: TrackingGold, result: TrackResult) -> dict:
    """Link precision/recall and status accuracy of one tracked pair against its gold."""
    pred = result.links
    matched: dict[int, int] = {}  # gold link → predicted link (target overlap)
    for gi, g in enumerate(gold.links):
        for pi, p in enumerate(pred):
            if pi not in matched.values() and overlaps((p.target.start, p.target.end), g.target):
                matched[gi] = pi
                break
    gold_of = {pi: gi for gi, pi in matched.items()}
    gold_linked = sum(1 for g in gold.links if g.achievement is not None)
    pred_linked = sum(1 for p in pred if p.achievement is not None)
    tp, status_ok, status_all_ok, errors = 0, 0, 0, []
    for gi, g in enumerate(gold.links):
        pi = matched.get(gi)
        p = pred[pi] if pi is not None else None
        pa = p.achievement if p is not None else None
        right = (g.achievement is not None and pa is not None
                 and overlaps((pa.start, pa.end), g.achievement))
        if right:
            tp += 1
            status_ok += int(p.status == g.status)
        if p is not None:
            status_all_ok += int(p.status == g.status and (g.achievement is None) == (pa is None)
                                 and (g.achievement is None or right))
        if p is None or (g.achievement is None) != (pa is None) or (pa is not None and not right) \
                or p.status != g.status:
            errors.append({"gold": g.source, "target": g.entry.get("target_anchor"),
                           "gold_achievement": g.entry.get("achievement_anchor"),
                           "gold_status": g.status,
                           "predicted": None if p is None else p.to_dict()})
    extra = [p.to_dict() for pi, p in enumerate(pred) if pi not in gold_of and p.achievement]
    return {"pair": gold.name, "gold": str(gold.gold_path),
            "gold_targets": len(gold.links), "targets_found": len(matched),
            "gold_links": gold_linked, "predicted_links": pred_linked, "correct_links": tp,
            "link_precision": _ratio(tp, pred_linked), "link_recall": _ratio(tp, gold_linked),
            "status_correct": status_ok, "status_accuracy": _ratio(status_ok, tp),
            "status_all_correct": status_all_ok,
            "status_accuracy_all": _ratio(status_all_ok, len(matched)),
            "errors": errors, "extra_links": extra, "warnings": gold.warnings}


def tracking_totals(pairs: list[dict]) -> dict:
    ok = [p for p in pairs if "error" not in p]

    def s(k: str) -> int:
        return sum(p[k] for p in ok)

    return {"gold_targets": s("gold_targets"), "targets_found": s("targets_found"),
            "gold_links": s("gold_links"), "predicted_links": s("predicted_links"),
            "correct_links": s("correct_links"),
            "link_precision": _ratio(s("correct_links"), s("predicted_links")),
            "link_recall": _ratio(s("correct_links"), s("gold_links")),
            "status_accuracy": _ratio(s("status_correct"), s("correct_links")),
            "status_accuracy_all": _ratio(s("status_all_correct"), s("targets_found"))}


def _f(x) -> str:
    return "–" if x is None else f"{x:.2f}"


def format_tracking(report: dict) -> str:
    """The tracking scores as an aligned plain-text table (one row per pair, the total)."""
    head = ["pair", "targets", "found", "gold links", "pred links", "link P", "link R",
            "status (linked)", "status (all)"]

    def cells(name: str, p: dict) -> list[str]:
        return [name, str(p["gold_targets"]), str(p["targets_found"]), str(p["gold_links"]),
                str(p["predicted_links"]), _f(p["link_precision"]), _f(p["link_recall"]),
                _f(p["status_accuracy"]), _f(p["status_accuracy_all"])]

    rows = [[p["pair"], f"error: {p['error']}"] + [""] * 7 if "error" in p else cells(p["pair"], p)
            for p in report["pairs"]]
    rows.append(cells("total (micro)", report["total"]))
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(r: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(r, widths, strict=True)))

    sep = "  ".join("-" * w for w in widths)
    out = [line(head), sep, *(line(r) for r in rows[:-1]), sep, line(rows[-1])]
    if report.get("folds"):
        out.append("(folds: each pair tracked by a link model fitted on the other pairs)")
    return "\n".join(out) + "\n"
