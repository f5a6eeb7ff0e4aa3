"""The `wusong-nlp` command: analyse plans to JSON, score them, export graphs and tables.

Exit codes: 0 success; 1 bad input (missing, empty, binary or undecodable file, no
Chinese text) or a problem of the machine (permission, full disk, name too long, broken
pipe); 2 wrong usage (unknown option, unsupported output type, an output that is an
input); 3 an internal error (a bug: please report it with the input); 143 SIGTERM.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import stat
import sys
import tempfile
from pathlib import Path

from .reading import InputError

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

EPILOG = """\
examples:
  wusong-nlp analyze corpus/wusong_2021_work_points.txt -o wusong.json
      one plan → one JSON document (outline, quantities, commitments, actors,
      programmes, tasks, graph); offsets index the "text" field
  wusong-nlp analyze plans/*.txt -o plans.jsonl
      several plans → JSON Lines, one analysis per line, in the order given
  wusong-nlp analyze plans/ -o plans.jsonl --jobs 2 --keep-going
      every .txt/.docx under plans/ in 2 worker processes; a bad file leaves an
      error record {"source", "error"} and the rest is kept (exit 1 if any failed)
  wusong-nlp export plans.jsonl -o corpus.xlsx        (.parquet, .csv: one file per kind)
  wusong-nlp evaluate corpus/annotations/*.json
      score the analyser against gold files (targets P/R/F1, values, kinds)
  wusong-nlp graph plan1.txt plan2.txt -o plans.graphml   (.gexf, .html, .json)
  wusong-nlp table plan.txt -o tasks.xlsx                 (.csv)
  wusong-nlp report plan.txt -o report.html

input: .txt in UTF-8 (with or without BOM), GB18030/GBK or UTF-16, or .docx.

exit codes: 0 ok; 1 bad input or a machine problem (permission, full disk, broken
pipe); 2 wrong usage (also an output that is one of the inputs); 3 internal error.
Output files are written whole or not at all. -o - writes to stdout; a FIFO, device
or /dev/stdout is written into, never replaced; a symlink's target is replaced.
"""


class UsageError(Exception):
    """Wrong use of the command line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, like argparse but without usage dump
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="wusong-nlp",
        description="Turn Chinese government plan documents (工作要点, 工作计划, 政府工作报告, "
        "实施意见) into structured data.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("analyze", help="analyse plans to JSON (JSON Lines for several files)",
                       description="Analyse one or more plans, or every .txt/.docx under a "
                       "folder (sorted by path). One file gives one JSON document; several, a "
                       "folder, or an output ending in .jsonl give JSON Lines, one compact "
                       "analysis per line, in input order. A last line on stderr says how "
                       "many were analysed and how many failed.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", metavar="FILE_OR_DIR",
                   help=".txt or .docx plan document, or a folder of them (walked)")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    p.add_argument("--compact", action="store_true", help="no indentation in JSON output")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="analyse in N worker processes (0: one per core; default 1)")
    p.add_argument("--keep-going", action="store_true",
                   help="a bad input gets its error on stderr and an error record "
                   '{"source", "error"} in the output; the others are kept (exit 1 if any '
                   "failed). Without it the first bad input stops the run, writing nothing")
    p.add_argument("--no-graph", action="store_true",
                   help="leave the graph out of each analysis (a smaller JSON)")

    p = sub.add_parser("export", help="JSON Lines of analyses → one table per kind "
                       "(Parquet, XLSX or CSV)",
                       description="Turn the output of `analyze` into tables, one per kind "
                       "(outline, quantities, commitments, tasks, actors, programs), each row "
                       "led by source, doc_id, title, issuers, year. OUT.xlsx: one workbook, one "
                       "sheet per kind. OUT.parquet / OUT.csv: one file per kind beside it "
                       "(OUT.tasks.parquet, …); a folder (existing, or ending in /): "
                       "DIR/tasks.parquet, …. Error records are skipped.")
    p.add_argument("results", metavar="RESULTS.jsonl", help="output of wusong-nlp analyze")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="OUT.parquet, OUT.xlsx, OUT.csv, or a folder with --format")
    p.add_argument("--format", choices=("parquet", "xlsx", "csv"),
                   help="the format when OUT is a folder (else read from OUT's suffix)")

    p = sub.add_parser("evaluate", help="score the analyser against gold annotation files",
                       description="Score analyses against gold files (ANNOTATION.md format). "
                       "The analysed document is looked up beside the gold file's folder.")
    p.add_argument("gold", nargs="+", metavar="GOLD.json")
    p.add_argument("--corpus", metavar="DIR", help="folder holding the documents "
                   "(default: the parent folder of each gold file)")
    p.add_argument("--folds", action="store_true",
                   help="score each document with a kind classifier that did not train on it")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")

    p = sub.add_parser("graph", help="export the goal–programme graph (graphml/gexf/html/json)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="OUT.graphml, OUT.gexf, OUT.html or OUT.json")

    p = sub.add_parser("table", help="the task breakdown table (任务分解表) as XLSX or CSV",
                       description="One table of tasks; several plans (files or folders) "
                       "make one table with a 文件 column first.")
    p.add_argument("files", nargs="+", metavar="FILE_OR_DIR")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.xlsx or OUT.csv")

    p = sub.add_parser("report", help="a self-contained HTML report of a plan (or one per plan)",
                       description="One plan: OUT.html. Several (files or folders): OUT is a "
                       "folder and gets one NAME.html per plan.")
    p.add_argument("files", nargs="+", metavar="FILE_OR_DIR")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.html or a folder")
    add_tracking_commands(sub)
    return parser


class EnvironmentProblem(Exception):
    """The machine, not the input, stops the work (permission, full disk, long name,
    broken pipe): exit 1 with a plain line naming the path."""


_TEMPS: set[str] = set()  # temporary outputs being written, removed on SIGTERM


def _special(path: Path) -> bool:
    """True for an output that is written into, never replaced: an existing FIFO, device
    or socket (also behind a symlink), and anything under /dev or /proc (/dev/stdout)."""
    if str(path).startswith(("/dev/", "/proc/")):
        return True
    try:
        return not stat.S_ISREG(path.stat().st_mode) and not path.is_dir()
    except OSError:
        return False


def _problem(exc: OSError, path: Path | str) -> EnvironmentProblem:
    return EnvironmentProblem(f"{path}: {exc.strerror or exc.__class__.__name__}")


def write_atomic(path: str | Path, data) -> None:
    """Write a file whole or not at all: a temporary file renamed into place.

    `data` is text, bytes, or a function that writes UTF-8 text to the open file, so
    a large analysis streams to disk instead of being built as one string. A FIFO,
    device or /dev/stdout is written into, never replaced; a symlink is followed and
    its target replaced. The temporary file has a short name of its own (so a legal
    255-byte output name still works) and is removed on error and on SIGTERM.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give a file name for the output")
    if _special(path):
        try:
            with open(path, "wb") as fh:
                _write(fh, data)
        except OSError as exc:
            raise _problem(exc, path) from None
        return
    target = path.resolve() if path.is_symlink() else path
    if not target.parent.exists():
        raise InputError(f"{target.parent}: output folder does not exist")
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".wusong-", suffix=".tmp")
    except OSError as exc:
        raise _problem(exc, target) from None
    _TEMPS.add(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            _write(fh, data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _problem(exc, target) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        _TEMPS.discard(tmp)


def _write(fh, data) -> None:
    if callable(data):
        text_fh = io.TextIOWrapper(fh, encoding="utf-8", newline="\n")
        data(text_fh)
        text_fh.flush()
        text_fh.detach()  # the caller closes fh
    else:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)


def _emit(write, output: str | None) -> None:
    """Send what `write(fh)` writes to the output file (atomically) or to stdout (`-`)."""
    if output and output != "-":
        write_atomic(output, write)
    else:
        try:
            write(sys.stdout)
            sys.stdout.flush()
        except OSError as exc:
            raise _problem(exc, "stdout") from None


def check_outputs(inputs: list[str], output: str | None) -> None:
    """Refuse an output that is one of the inputs (also through a link), before any work."""
    if not output or output == "-":
        return
    out = Path(output)
    try:
        out_stat = out.stat()
    except OSError:
        out_stat = None
    for name in inputs:
        p = Path(name)
        same = False
        if out_stat is not None:
            try:
                st = p.stat()
                same = (st.st_dev, st.st_ino) == (out_stat.st_dev, out_stat.st_ino)
            except OSError:
                pass
        if same or os.path.realpath(p) == os.path.realpath(out):
            raise UsageError(f"the output {output} is the input {name}; "
                             "give another output name")


def _suffix(output: str, allowed: tuple[str, ...]) -> str:
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix not in allowed:
        raise UsageError(f"output must end in one of {', '.join('.' + a for a in allowed)}: {output}")
    return suffix


DOCUMENT_SUFFIXES = (".txt", ".docx")


def expand_inputs(names: list[str]) -> list[str]:
    """Files as given, folders walked for .txt/.docx (sorted by path, hidden entries
    skipped), so a run over a folder is the same on every machine."""
    out: list[str] = []
    for name in names:
        p = Path(name)
        if not p.is_dir():
            out.append(name)
            continue
        found = []
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [os.path.join(root, f) for f in files
                      if not f.startswith(".") and f.lower().endswith(DOCUMENT_SUFFIXES)]
        if not found:
            raise InputError(f"{name}: is a directory with no .txt or .docx file in it")
        out += sorted(found)
    return out


def _jobs(n: int) -> int:
    if n < 0:
        raise UsageError(f"--jobs must be 0 (one per core) or more, got {n}")
    return n or os.cpu_count() or 1


def _progress(total: int):
    """A tqdm bar on stderr when stderr is a terminal, else None (logs stay clean)."""
    try:
        interactive = sys.stderr.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if not interactive:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, leave=False)


def cmd_analyze(args) -> int:
    from .batch import analyze_one, iter_results

    jobs = _jobs(args.jobs)
    files = expand_inputs(args.files)
    check_outputs(files, args.output)
    lines = (len(files) > 1 or any(Path(f).is_dir() for f in args.files)
             or (args.output or "").lower().endswith(".jsonl"))
    indent = None if args.compact or lines else 1
    counts = {"ok": 0, "failed": 0, "internal": 0}
    graph = not args.no_graph

    def results():
        if len(files) == 1:  # one plan, maybe a large one: streamed record by record
            yield analyze_one(files[0], graph=graph, as_analysis=True)
        else:
            yield from iter_results(files, n_process=jobs, graph=graph, as_json=indent is None)

    def write(fh) -> None:
        bar = _progress(len(files))
        try:
            for ok, result in results():
                if ok:
                    counts["ok"] += 1
                else:
                    internal = result.pop("internal", False)
                    if not args.keep_going:
                        raise (_InternalFailure if internal else InputError)(
                            f"{result['source']}: {result['error']}")
                    counts["failed"] += 1
                    counts["internal"] += internal
                    if bar is not None:
                        bar.clear()
                    print(f"wusong-nlp: error: {result['source']}: {result['error']}",
                          file=sys.stderr)
                if isinstance(result, str):
                    fh.write(result)
                elif ok and not isinstance(result, dict):  # a PlanAnalysis
                    result.write_json(fh, indent=indent, graph=graph)
                else:
                    json.dump(result, fh, ensure_ascii=False, indent=indent if ok else None)
                fh.write("\n")
                if bar is not None:
                    bar.update(1)
        finally:
            if bar is not None:
                bar.close()

    if args.output and args.output != "-":
        write_atomic(args.output, write)
    else:  # stdout: spooled first, so a stopped run prints nothing at all
        with tempfile.TemporaryFile() as spool:
            _write(spool, write)
            spool.seek(0)
            _emit(lambda out: _copy(spool, out), "-")
    print(f"{counts['ok']} analysed, {counts['failed']} failed", file=sys.stderr)
    if counts["internal"]:
        return EXIT_INTERNAL
    return EXIT_INPUT if counts["failed"] else EXIT_OK


class _InternalFailure(Exception):
    """A bug met on one input of a run without --keep-going: exit 3, one line."""


def _copy(src, out) -> None:
    """Copy the spooled output to stdout in pipe-sized chunks, flushing each, so a reader
    that goes away (`| head`) is noticed as a broken pipe."""
    buffer = getattr(out, "buffer", None)
    if buffer is None:  # a text stream (a test's capture): one piece, no split character
        out.write(src.read().decode("utf-8"))
        return
    while chunk := src.read(1 << 16):
        buffer.write(chunk)
        buffer.flush()


def cmd_export(args) -> int:
    from .views.corpus import EXPORT_FORMATS, corpus_frames, export_bytes, export_paths

    out = args.output
    folder = Path(out).is_dir() or out.endswith(("/", os.sep))
    if folder:
        if not args.format:
            raise UsageError(f"{out} is a folder: say which format with --format")
        kind = args.format
        if not Path(out).is_dir():
            raise InputError(f"{out}: output folder does not exist")
    else:
        kind = _suffix(out, EXPORT_FORMATS)
    results = Path(args.results)
    if results.is_dir() or not results.exists():
        raise InputError(f"{results}: {'is a directory' if results.is_dir() else 'no such file'}")
    paths = export_paths(out, kind)
    for target in paths.values():
        check_outputs([args.results], str(target))
    try:
        frames = corpus_frames(results)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    except UnicodeDecodeError:
        raise InputError(f"{results}: not UTF-8 JSON Lines") from None
    data = export_bytes(frames, kind)  # every file built before any is written
    for key, target in paths.items():
        write_atomic(target, data[key])
    n = sum(len(f) for f in frames.values())
    print(f"{n} rows in {len(frames)} tables", file=sys.stderr)
    return EXIT_OK


def cmd_evaluate(args) -> int:
    from .evaluation.scoring import evaluate_files, format_report

    report = evaluate_files([Path(g) for g in args.gold], corpus=args.corpus, folds=args.folds)
    if args.json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(format_report(report))
    return EXIT_OK


def cmd_graph(args) -> int:
    from .analysis import analyze
    from .graph import export_graph, merge_graphs

    kind = _suffix(args.output, ("graphml", "gexf", "html", "json"))
    check_outputs(args.files, args.output)
    analyses = [analyze(Path(f)) for f in args.files]
    graph = analyses[0].graph if len(analyses) == 1 else merge_graphs([a.graph for a in analyses])
    write_atomic(args.output, export_graph(graph, kind))
    return EXIT_OK


def cmd_table(args) -> int:
    from .analysis import analyze
    from .views.table import task_table_bytes

    kind = _suffix(args.output, ("xlsx", "csv"))
    files = expand_inputs(args.files)
    check_outputs(files, args.output)
    analyses = [analyze(Path(f)) for f in files]  # a bad input stops before any write
    plans = analyses[0] if len(args.files) == 1 and len(files) == 1 else analyses
    write_atomic(args.output, task_table_bytes(plans, kind))
    return EXIT_OK


def report_names(files: list[str]) -> list[str]:
    """One HTML name per plan: its file stem, with the parent folder added where two plans
    share a stem (a/report.txt, b/report.txt → a_report.html, b_report.html)."""
    stems = [Path(f).stem for f in files]
    names = []
    for f, stem in zip(files, stems, strict=True):
        if stems.count(stem) > 1:
            parts = [part for part in Path(f).with_suffix("").parts if part not in ("/", "..", ".")]
            stem = "_".join(parts) or stem
        names.append(stem + ".html")
    seen: dict[str, int] = {}
    for i, name in enumerate(names):  # still equal (the same file twice): number them
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            names[i] = name[:-5] + f"_{seen[name]}.html"
    return names


def cmd_report(args) -> int:
    from .analysis import analyze
    from .views.report import render_report

    files = expand_inputs(args.files)
    if len(args.files) == 1 and len(files) == 1:
        _suffix(args.output, ("html", "htm"))
        check_outputs(files, args.output)
        write_atomic(args.output, render_report(analyze(Path(files[0]))))
        return EXIT_OK
    out = Path(args.output)
    if not out.is_dir():
        raise InputError(f"{out}: several plans make one report each: give an existing folder")
    targets = [out / name for name in report_names(files)]
    for target in targets:
        check_outputs(files, str(target))
    pages = [render_report(analyze(Path(f))) for f in files]  # all read before any write
    for target, page in zip(targets, pages, strict=True):
        write_atomic(target, page)
    print(f"{len(pages)} reports in {out}", file=sys.stderr)
    return EXIT_OK


COMMANDS = {"analyze": cmd_analyze, "export": cmd_export, "evaluate": cmd_evaluate,
            "graph": cmd_graph, "table": cmd_table, "report": cmd_report}


class _Terminated(BaseException):
    """SIGTERM arrived: unwind (removing temporary outputs) and exit 143."""


def _on_sigterm(signum, frame) -> None:
    for tmp in list(_TEMPS):
        Path(tmp).unlink(missing_ok=True)
    raise _Terminated()


# --- tracking (issue 11): track PLAN REPORT, compare A B --------------------------------

TRACKING_EPILOG = """\
examples:
  wusong-nlp track corpus/03_shanghai_gov_work_report_2025.txt \\
      corpus/04_shanghai_gov_work_report_2026.txt -o tracked.json   (.xlsx, .html)
      every target of the 2025 plan with the achievement the 2026 report's review
      gives for it (or none), its status (met, exceeded, missed, not_reported,
      unclear) and the gap; target offsets index the plan's text, achievement
      offsets the report's
  wusong-nlp compare plan_2025.txt plan_2026.txt -o changes.json  (.xlsx, .html)
      targets carried over, raised, lowered, dropped, new; programmes continued,
      new, dropped

exit codes: 0 ok; 1 bad input; 2 wrong usage; 3 internal error.
Output files are written whole or not at all.
"""


def add_tracking_commands(sub) -> None:
    """The `track` and `compare` subcommands."""
    for name, help_, args in (
            ("track", "link a plan's targets to the next year's report (json/xlsx/html)",
             ("PLAN", "REPORT")),
            ("compare", "compare two successive plans of one body (json/xlsx/html)",
             ("A", "B"))):
        p = sub.add_parser(name, help=help_, description=help_[0].upper() + help_[1:] + ".",
                           epilog=TRACKING_EPILOG,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        for a in args:
            p.add_argument(a.lower(), metavar=a, help=".txt or .docx document")
        p.add_argument("-o", "--output", required=True, metavar="OUT",
                       help="OUT.json, OUT.xlsx or OUT.html")


def cmd_track(args) -> int:
    from . import tracking
    from .views.tracking import render_tracking

    kind = _suffix(args.output, ("json", "xlsx", "html"))
    result = tracking.track(_read_analysis(args.plan), _read_analysis(args.report))
    if kind == "json":
        data = result.to_json() + "\n"
    elif kind == "xlsx":
        data = tracking.panel_bytes(result.to_frame(), "xlsx")
    else:
        data = render_tracking(result)
    write_atomic(args.output, data)
    return EXIT_OK


def cmd_compare(args) -> int:
    from . import tracking
    from .views.tracking import render_comparison

    kind = _suffix(args.output, ("json", "xlsx", "html"))
    comp = tracking.compare(_read_analysis(args.a), _read_analysis(args.b))
    if kind == "json":
        data = comp.to_json() + "\n"
    elif kind == "xlsx":
        data = tracking.frames_xlsx(tracking.comparison_frames(comp))
    else:
        data = render_comparison(comp)
    write_atomic(args.output, data)
    return EXIT_OK


def _read_analysis(path: str):
    """Read (and so check) the input before anything is analysed or written."""
    from .analysis import analyze
    from .reading import read_document

    return analyze(read_document(path))


COMMANDS.update({"track": cmd_track, "compare": cmd_compare})


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        args = parser.parse_args(argv)
        if args.version:
            from . import __version__

            print(f"wusong-nlp {__version__}")
            return EXIT_OK
        if not args.command:
            parser.print_help()
            return EXIT_USAGE
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"wusong-nlp: error: {exc} (see wusong-nlp --help)", file=sys.stderr)
        return EXIT_USAGE
    except InputError as exc:
        print(f"wusong-nlp: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except EnvironmentProblem as exc:
        print(f"wusong-nlp: error: {exc}", file=sys.stderr)
        _quiet_stdout()
        return EXIT_INPUT
    except _Terminated:
        print("wusong-nlp: terminated", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("wusong-nlp: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        print("wusong-nlp: error: out of memory", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:  # the machine, not the program: permission, disk, pipe
        where = exc.filename or "output"
        print(f"wusong-nlp: error: {where}: {exc.strerror or exc}", file=sys.stderr)
        _quiet_stdout()
        return EXIT_INPUT
    except _InternalFailure as exc:
        print(f"wusong-nlp: internal error on {exc} (please report it with the input)",
              file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as exc:  # a bug: still one line, never a traceback
        if os.environ.get("WUSONG_DEBUG"):
            raise
        print(f"wusong-nlp: internal error: {exc.__class__.__name__}: {exc} "
              "(set WUSONG_DEBUG=1 for a traceback)", file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        signal.signal(signal.SIGTERM, previous)


def _quiet_stdout() -> None:
    """After a broken or full stdout, point it at /dev/null so the exit flush is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    sys.exit(main())
