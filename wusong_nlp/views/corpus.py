"""A corpus as tables: one DataFrame per kind of record over many analyses.

A data team holding the JSON Lines of ten thousand plans wants `commitments` of all of
them in one frame, each row saying which document it came from. The rows are built
from the result dicts (`PlanAnalysis.to_dict()`, `analyze_many`), so the JSON Lines
file of `wusong-nlp analyze` is enough: nothing is re-analysed. Columns are those of
`PlanAnalysis.to_frame` (the same rows for one document) after the document columns.
pandas is imported when a frame is built; pyarrow only for Parquet.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..records import ROLES
from ..text import FORMULA_START, xml_safe
from .notebook import _COLUMNS, FRAMES, _joined, _pandas, actor_table, program_goals

# `doc_id`, not `id`: records have ids of their own (q3, 二/（一）)
DOC_COLUMNS = ("source", "doc_id", "title", "issuers", "year")


def _doc_columns(result: dict) -> dict:
    src = result.get("source") or {}
    return {"source": src.get("path"), "doc_id": src.get("id"), "title": result.get("title"),
            "issuers": _joined(result.get("issuers") or []), "year": result.get("year")}


def _walk(nodes: list[dict]) -> Iterator[dict]:
    for n in nodes:
        yield n
        yield from _walk(n.get("children") or [])


def outline_rows(result: dict) -> list[dict]:
    return [{"id": n["id"], "level": n["level"], "number": n["number"], "kind": n["kind"],
             "heading": n["heading"], "start": n["start"], "end": n["end"]}
            for n in _walk(result.get("outline") or [])]


def quantity_rows(result: dict) -> list[dict]:
    return [{**q, "members": _joined(q.get("members") or [])}
            for q in result.get("quantities") or []]


def commitment_rows(result: dict) -> list[dict]:
    return [{**c, "stages": _joined((f"{s['horizon']} {s['action']}".strip()
                                     for s in c.get("stages") or []), "；")}
            for c in result.get("commitments") or []]


def task_rows(result: dict) -> list[dict]:
    rows = []
    for t in result.get("tasks") or []:
        actors = t.get("actors") or []
        by_role = {r: [a["name"] for a in actors if a.get("role") == r] for r in ROLES}
        deadline = t.get("deadline") or {}
        rows.append({"id": t["id"], "goal": t.get("goal"), "text": t["text"],
                     "lead": _joined(by_role["lead"]), "partners": _joined(by_role["partner"]),
                     "urged": _joined(by_role["urged"]),
                     "beneficiaries": _joined(by_role["beneficiary"]),
                     "programs": _joined(t.get("programs") or []),
                     "commitments": _joined(t.get("commitments") or [], ","),
                     "deadline": deadline.get("text"), "deadline_resolved":
                     deadline.get("resolved"), "start": t["start"], "end": t["end"],
                     "sentence": t.get("sentence")})
    return rows


def actor_rows(result: dict) -> list[dict]:
    return actor_table(result.get("actors") or [])


def program_rows(result: dict) -> list[dict]:
    rows = []
    for p in result.get("programs") or []:
        goals = program_goals(p)
        rows.append({"name": p["name"], "kind": p.get("kind"),
                     "aliases": _joined(p.get("aliases") or []),
                     "mentions": len(p.get("mentions") or []), "goals": _joined(goals, "; "),
                     "n_goals": len(goals), "n_parts": len({g.split("/", 1)[0] for g in goals})})
    return rows


ROWS = {"outline": outline_rows, "quantities": quantity_rows, "commitments": commitment_rows,
        "tasks": task_rows, "actors": actor_rows, "programs": program_rows}


def read_results(path: str | Path) -> Iterator[dict]:
    """The result dicts of a JSON Lines file (`wusong-nlp analyze … -o OUT.jsonl`), or
    of a one-document JSON file; a line that is no JSON object raises ValueError."""
    with open(path, encoding="utf-8") as fh:
        head = fh.read(1)
        fh.seek(0)
        if head == "{" and not str(path).lower().endswith(".jsonl"):
            try:  # one indented document (`analyze one.txt -o one.json`)
                yield json.load(fh)
                return
            except json.JSONDecodeError:
                fh.seek(0)
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}: line {number} is not JSON ({exc.msg})") from None
            if not isinstance(data, dict):
                raise ValueError(f"{path}: line {number} is not a JSON object")
            yield data


def corpus_rows(results: Iterable[Any], what: str) -> list[dict]:
    """The rows of one kind over many results, each led by the document columns.

    Error records (`{"source", "error"}`) have no rows. A `PlanAnalysis` is taken too.
    """
    if what not in ROWS:
        raise ValueError(f"unknown kind {what!r}; choose from {', '.join(FRAMES)}")
    rows = []
    for result in results:
        if not isinstance(result, dict):
            result = result.to_dict(graph=False)
        if "error" in result:
            continue
        doc = _doc_columns(result)
        rows += [{**doc, **row} for row in ROWS[what](result)]
    return rows


def corpus_frames(results: Iterable[Any] | str | Path,
                  kinds: Iterable[str] = FRAMES) -> dict:
    """One DataFrame per kind of record (outline, quantities, commitments, tasks, actors,
    programs) over many analyses, with the document columns source, doc_id (the
    document's `source.id`), title, issuers, year first.

    `results`: result dicts (`analyze_many`, `PlanAnalysis.to_dict()`), `PlanAnalysis`
    objects, or the path of a JSON Lines file of them; error records are skipped. The
    columns of a kind are those of `PlanAnalysis.to_frame(kind)` (fields added later are
    appended), so a frame of one document equals its `to_frame` plus the document columns.
    """
    kinds = tuple(kinds)
    for k in kinds:
        if k not in ROWS:
            raise ValueError(f"unknown kind {k!r}; choose from {', '.join(FRAMES)}")
    pd = _pandas()
    if isinstance(results, (str, Path)):
        results = read_results(results)
    rows: dict[str, list[dict]] = {k: [] for k in kinds}
    for result in results:  # one pass, so a generator of results is read once
        for k in kinds:
            rows[k] += corpus_rows([result], k)
    frames = {}
    for k in kinds:
        columns = [*DOC_COLUMNS, *_COLUMNS[k]]
        for row in rows[k]:
            columns += [c for c in row if c not in columns]
        frames[k] = pd.DataFrame(rows[k], columns=columns)
    return frames


# --- export ---------------------------------------------------------------------------

EXPORT_FORMATS = ("parquet", "xlsx", "csv")


def _cell(value):
    """A value a spreadsheet or Parquet column takes: lists/dicts as JSON text."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _flat(frame):
    return frame.apply(lambda col: col.map(_cell)) if len(frame) else frame


def frame_csv(frame) -> bytes:
    """CSV in UTF-8 with a BOM (Excel reads the Chinese), formula-like cells as text."""
    flat = _flat(frame).apply(lambda col: col.map(
        lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v))
    return flat.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def frame_parquet(frame) -> bytes:
    """One Parquet file through pyarrow (the `parquet` extra)."""
    try:
        import pyarrow  # noqa: F401  (pandas needs it for Parquet; say so in one line)
    except ImportError:
        raise ImportError("Parquet needs pyarrow: pip install 'wusong-nlp[parquet]'") from None
    buf = io.BytesIO()
    _flat(frame).to_parquet(buf, index=False, engine="pyarrow")
    return buf.getvalue()


def frames_xlsx(frames: dict) -> bytes:
    """One workbook, one sheet per kind; text cells XML-safe, formula-like cells as text."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for kind, frame in frames.items():
        ws = wb.create_sheet(kind)
        ws.append(list(frame.columns))
        for row in _flat(frame).itertuples(index=False):
            ws.append([xml_safe(v) if isinstance(v, str) else (None if _isna(v) else v)
                       for v in row])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    cell.data_type = "s"
                    cell.quotePrefix = True
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _isna(v) -> bool:
    try:
        return v != v  # NaN
    except (TypeError, ValueError):
        return False


def export_paths(output: str | Path, kind: str, kinds: Iterable[str] = FRAMES
                 ) -> dict[str, Path]:
    """Where `export` writes each kind: a folder gets `KIND.EXT` inside it; a file name
    `corpus.parquet` (or .csv) gets `corpus.KIND.parquet` beside it; .xlsx is one file."""
    out = Path(output)
    if kind == "xlsx":
        return {"*": out}
    if out.is_dir() or str(output).endswith(("/", "\\")):
        return {k: out / f"{k}.{kind}" for k in kinds}
    stem = out.name[: -len(out.suffix)] if out.suffix else out.name
    return {k: out.with_name(f"{stem}.{k}.{kind}") for k in kinds}


def export_bytes(frames: dict, kind: str) -> dict[str, bytes]:
    """The bytes of each output file of `export_paths` (key "*" for the one workbook)."""
    if kind == "xlsx":
        return {"*": frames_xlsx(frames)}
    if kind == "csv":
        return {k: frame_csv(f) for k, f in frames.items()}
    if kind == "parquet":
        return {k: frame_parquet(f) for k, f in frames.items()}
    raise ValueError(f"unsupported export format {kind!r}; use {', '.join(EXPORT_FORMATS)}")
