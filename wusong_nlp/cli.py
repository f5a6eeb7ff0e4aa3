"""The `wusong-nlp` command: analyse plans to JSON, score them, export graphs and tables.

Exit codes: 0 success; 1 bad input (missing, empty, binary or undecodable file, no
Chinese text); 2 wrong usage (unknown option, unsupported output type); 3 an
internal error (a bug: please report it with the input).
"""

from __future__ import annotations

import argparse
import io
import os
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
  wusong-nlp evaluate corpus/annotations/*.json
      score the analyser against gold files (targets P/R/F1, values, kinds)
  wusong-nlp graph plan1.txt plan2.txt -o plans.graphml   (.gexf, .html, .json)
  wusong-nlp table plan.txt -o tasks.xlsx                 (.csv)
  wusong-nlp report plan.txt -o report.html

input: .txt in UTF-8 (with or without BOM), GB18030/GBK or UTF-16, or .docx.

exit codes: 0 ok; 1 bad input; 2 wrong usage; 3 internal error.
Output files are written whole or not at all.
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
                       description="Analyse one or more plans. One file gives one JSON "
                       "document; several give JSON Lines, one analysis per line.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", metavar="FILE", help=".txt or .docx plan document")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    p.add_argument("--compact", action="store_true", help="no indentation in JSON output")

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

    p = sub.add_parser("table", help="the task breakdown table (任务分解表) as XLSX or CSV")
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.xlsx or OUT.csv")

    p = sub.add_parser("report", help="a self-contained HTML report of one plan")
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.html")
    add_tracking_commands(sub)
    return parser


def write_atomic(path: str | Path, data) -> None:
    """Write a file whole or not at all: a temporary file renamed into place.

    `data` is text, bytes, or a function that writes UTF-8 text to the open file, so
    a large analysis streams to disk instead of being built as one string.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give a file name for the output")
    if not path.parent.exists():
        raise InputError(f"{path.parent}: output folder does not exist")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            if callable(data):
                with io.TextIOWrapper(fh, encoding="utf-8", newline="\n") as text_fh:
                    data(text_fh)
            else:
                fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _emit(write, output: str | None) -> None:
    """Send what `write(fh)` writes to the output file (atomically) or to stdout."""
    if output:
        write_atomic(output, write)
    else:
        write(sys.stdout)
        sys.stdout.flush()


def _suffix(output: str, allowed: tuple[str, ...]) -> str:
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix not in allowed:
        raise UsageError(f"output must end in one of {', '.join('.' + a for a in allowed)}: {output}")
    return suffix


def cmd_analyze(args) -> int:
    import json

    from .analysis import analyze
    from .reading import read_document

    # read and check every input first, so a bad file never leaves partial output
    sources = [read_document(f) for f in args.files]
    single = len(sources) == 1
    indent = None if args.compact or not single else 1

    def write(fh) -> None:
        for source in sources:  # one at a time: only one analysis is held in memory
            json.dump(analyze(source).to_dict(), fh, ensure_ascii=False, indent=indent)
            fh.write("\n")

    _emit(write, args.output)
    return EXIT_OK


def cmd_evaluate(args) -> int:
    from .evaluation.scoring import evaluate_files, format_report

    report = evaluate_files([Path(g) for g in args.gold], corpus=args.corpus, folds=args.folds)
    if args.json:
        import json

        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(format_report(report))
    return EXIT_OK


def cmd_graph(args) -> int:
    from .analysis import analyze
    from .graph import export_graph, merge_graphs

    kind = _suffix(args.output, ("graphml", "gexf", "html", "json"))
    analyses = [analyze(Path(f)) for f in args.files]
    graph = analyses[0].graph if len(analyses) == 1 else merge_graphs([a.graph for a in analyses])
    write_atomic(args.output, export_graph(graph, kind))
    return EXIT_OK


def cmd_table(args) -> int:
    from .analysis import analyze
    from .views.table import task_table_bytes

    kind = _suffix(args.output, ("xlsx", "csv"))
    write_atomic(args.output, task_table_bytes(analyze(Path(args.file)), kind))
    return EXIT_OK


def cmd_report(args) -> int:
    from .analysis import analyze
    from .views.report import render_report

    _suffix(args.output, ("html", "htm"))
    write_atomic(args.output, render_report(analyze(Path(args.file))))
    return EXIT_OK


COMMANDS = {"analyze": cmd_analyze, "evaluate": cmd_evaluate, "graph": cmd_graph,
            "table": cmd_table, "report": cmd_report}


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
    except KeyboardInterrupt:
        print("wusong-nlp: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except MemoryError:
        print("wusong-nlp: error: out of memory", file=sys.stderr)
        return EXIT_INPUT
    except Exception as exc:  # a bug: still one line, never a traceback
        if os.environ.get("WUSONG_DEBUG"):
            raise
        print(f"wusong-nlp: internal error: {exc.__class__.__name__}: {exc} "
              "(set WUSONG_DEBUG=1 for a traceback)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
