"""The command line: JSON and JSON Lines output, help, exit codes, bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import CORPUS, SEED

from wusong_nlp.cli import EXIT_INPUT, EXIT_OK, EXIT_USAGE, main


def test_analyze_one_file_writes_json(tmp_path):
    out = tmp_path / "seed.json"
    assert main(["analyze", str(SEED), "-o", str(out)]) == EXIT_OK
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["title"] == "吴淞街道党工委、办事处2021年工作要点"
    assert [n["number"] for n in data["outline"]] == ["一", "二", "三"]


def test_analyze_several_files_writes_json_lines(tmp_path):
    out = tmp_path / "plans.jsonl"
    files = [SEED, CORPUS / "15_beijing_data_zone_guidance_2022.txt"]
    assert main(["analyze", *map(str, files), "-o", str(out)]) == EXIT_OK
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == list(map(str, files))


def test_output_is_deterministic(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    main(["analyze", str(SEED), "-o", str(a)])
    main(["analyze", str(SEED), "-o", str(b)])
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("content", [b"", b"  \n ", b"\x00\x01\x02" * 100, b"no chinese here"])
def test_bad_input_one_line_error_no_output_file(tmp_path, capsys, content):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "out.json"
    assert main(["analyze", str(bad), "-o", str(out)]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert err.startswith("wusong-nlp: error:") and err.count("\n") == 1
    assert "Traceback" not in err
    assert not out.exists() and list(tmp_path.iterdir()) == [bad]


def test_one_bad_file_among_good_ones_writes_nothing(tmp_path, capsys):
    out = tmp_path / "plans.jsonl"
    code = main(["analyze", str(SEED), str(tmp_path / "missing.txt"), "-o", str(out)])
    assert code == EXIT_INPUT and not out.exists()
    assert "no such file" in capsys.readouterr().err


def test_directory_and_usage_errors(tmp_path, capsys):
    assert main(["analyze", str(tmp_path)]) == EXIT_INPUT
    assert main(["frobnicate"]) == EXIT_USAGE
    assert main(["graph", str(SEED), "-o", str(tmp_path / "g.pdf")]) == EXIT_USAGE
    errs = capsys.readouterr().err.strip().splitlines()
    assert len(errs) == 3 and all(e.startswith("wusong-nlp: error:") for e in errs)


def test_help_teaches_commands_and_exit_codes(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for word in ("analyze", "evaluate", "graph", "table", "report", "exit codes", "GB18030"):
        assert word in out


def test_console_script_runs_as_a_process(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    proc = subprocess.run([sys.executable, "-m", "wusong_nlp.cli", "analyze", str(bad)],
                          capture_output=True, text=True)
    assert proc.returncode == EXIT_INPUT
    assert proc.stderr.strip() == f"wusong-nlp: error: {bad}: the document is empty"
    assert proc.stdout == ""


def test_large_text_without_markers_gives_flat_analysis(tmp_path):
    """A big file of running text (no headings) still analyses, with a valid flat outline."""
    import wusong_nlp

    para = "各居委会要加强垃圾分类宣传，完成10个小区的改造。"
    text = "关于垃圾分类的通知\n" + (para * 40 + "\n") * 200
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    analysis = wusong_nlp.analyze(path)
    data = analysis.to_dict()
    assert data["outline"] == [] and len(data["sentences"]) > 8000


def test_twenty_megabyte_plan_with_bounded_memory(tmp_path):
    """A 20 MB plan analyses through the CLI (streamed JSON) within about a gigabyte."""
    import resource

    parts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    block = "\n".join(parts)
    n = 20 * 1024 * 1024 // len(block.encode("utf-8")) + 1
    big = tmp_path / "big.txt"
    big.write_text((block + "\n") * n, encoding="utf-8")
    assert big.stat().st_size >= 20 * 1024 * 1024
    out = tmp_path / "big.json"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run([sys.executable, "-m", "wusong_nlp.cli", "analyze", str(big),
                           "--compact", "-o", str(out)], capture_output=True, text=True)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert proc.returncode == EXIT_OK, proc.stderr
    with out.open(encoding="utf-8") as fh:
        head = fh.read(200)
    assert head.startswith('{"schema_version": "1.1"')
    if peak_kb > before:  # the child set a new peak: it is its own
        # measured 0.98 GB (issue 10 asks ≤ 1 GB; it was 2.1 GB): a margin for other machines
        assert peak_kb < 1.1 * 1024 * 1024, f"peak RSS {peak_kb / 1024:.0f} MB"
