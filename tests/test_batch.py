"""Many plans at once: analyze_many, `wusong-nlp analyze` over folders with --keep-going,
--jobs and --no-graph, corpus_frames and `wusong-nlp export`; real corpus files with bad
ones (binary, undecodable, corrupt .docx) in the middle."""

from __future__ import annotations

import json
import shutil

import docx
import pandas as pd
import pytest
from conftest import CORPUS, SEED, dict_of

import wusong_nlp
from wusong_nlp.batch import BatchError, analyze_many
from wusong_nlp.cli import EXIT_INPUT, EXIT_OK, EXIT_USAGE, main

GOOD = [SEED.name, "40_wusong_street_small_works_opinions_2024.txt",
        "39_youyilu_street_garbage_sorting_rules_2019.txt"]
BAD = {"binary.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 3 + b"\x00", "binary"),
       "undecodable.txt": (b"\xff" * 201, "cannot decode"),
       "corrupt.docx": (b"PK\x03\x04 not really a zip", "docx")}
PLAN_TEXT = "一、推进工作\n新增养老床位100张，完成3个小区改造任务，由区民政局牵头负责。"


@pytest.fixture
def folder(tmp_path):
    """Good corpus plans (one as .docx) with the bad files sorted between them."""
    d = tmp_path / "plans"
    d.mkdir()
    shutil.copy(CORPUS / GOOD[0], d / "a_seed.txt")
    for name, (data, _) in BAD.items():
        (d / f"b_{name}").write_bytes(data)
    shutil.copy(CORPUS / GOOD[1], d / "c_wusong.txt")
    doc = docx.Document()
    for line in (CORPUS / GOOD[2]).read_text(encoding="utf-8").splitlines():
        doc.add_paragraph(line)
    sub = d / "d_more"
    sub.mkdir()
    doc.save(sub / "youyilu.docx")
    (d / "notes.md").write_text("不是计划", encoding="utf-8")  # not .txt/.docx: not walked
    return d


def _expected_order(folder):
    return [str(folder / "a_seed.txt"), *(str(folder / f"b_{n}") for n in sorted(BAD)),
            str(folder / "c_wusong.txt"), str(folder / "d_more" / "youyilu.docx")]


def test_analyze_many_keeps_every_good_document_in_order(folder):
    paths = _expected_order(folder)
    inputs = [paths[0], PLAN_TEXT, *paths[1:]]
    results = list(analyze_many(inputs))
    assert len(results) == len(inputs)
    assert results[0] == wusong_nlp.analyze(paths[0]).to_dict()
    assert results[1] == wusong_nlp.analyze(PLAN_TEXT).to_dict()
    errors = [r for r in results if "error" in r]
    assert [r["source"] for r in errors] == paths[1:4]
    for r in errors:  # the one-line reason, without the source repeated
        assert set(r) == {"source", "error"} and "\n" not in r["error"]
        assert not r["error"].startswith(r["source"])
    by_name = {r["source"].rsplit("b_", 1)[-1]: r["error"] for r in errors}
    for name, (_, word) in BAD.items():
        assert word in by_name[name].lower()
    good = [r for r in results if "error" not in r]
    assert [r["source"]["path"] for r in good] == [paths[0], None, paths[4], paths[5]]
    assert good[2] == wusong_nlp.analyze(paths[4]).to_dict()
    assert good[2]["tasks"] == dict_of(GOOD[1])["tasks"]  # a copy analyses as the original
    assert good[3]["source"]["format"] == "docx" and good[3]["tasks"]


def test_analyze_many_raise_names_the_source_after_the_good_ones(folder):
    paths = _expected_order(folder)
    seen = []
    with pytest.raises(BatchError) as exc:
        for r in analyze_many(paths, on_error="raise", graph=False):
            seen.append(r)
    assert exc.value.source == paths[1] and "binary" in str(exc.value)
    assert isinstance(exc.value, wusong_nlp.InputError)
    assert [r["source"]["path"] for r in seen] == paths[:1] and "graph" not in seen[0]


def test_analyze_many_validates_its_arguments():
    with pytest.raises(ValueError, match="on_error"):
        analyze_many([SEED], on_error="ignore")
    with pytest.raises(ValueError, match="n_process"):
        analyze_many([SEED], n_process=-3)
    assert list(analyze_many([])) == []
    assert list(analyze_many([42]))[0]["error"].startswith("expected a path or a text")


def test_two_worker_processes_give_the_serial_results(folder):
    paths = _expected_order(folder)
    serial = list(analyze_many(paths, graph=False))
    assert list(analyze_many(iter(paths), n_process=2, graph=False)) == serial


# --- the command line ---------------------------------------------------------------

def test_cli_keep_going_keeps_the_good_and_records_the_bad(folder, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["analyze", str(folder), "-o", str(out), "--keep-going"]) == EXIT_INPUT
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == "3 analysed, 3 failed"
    assert len(err) == 4 and all(e.startswith("wusong-nlp: error: ") for e in err[:3])
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    sources = [r["source"] if "error" in r else r["source"]["path"] for r in records]
    assert sources == _expected_order(folder)
    assert records[0] == json.loads(json.dumps(wusong_nlp.analyze(folder / "a_seed.txt")
                                               .to_dict(), ensure_ascii=False))
    frame = pd.read_json(out, lines=True)
    assert len(frame) == 6 and frame["error"].notna().sum() == 3


def test_cli_without_keep_going_stops_and_writes_nothing(folder, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["analyze", str(folder), "-o", str(out)]) == EXIT_INPUT
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "b_binary.txt" in err[0] and err[0].startswith("wusong-nlp: error:")
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name != "plans"]
    # on stdout too: nothing at all
    assert main(["analyze", str(folder)]) == EXIT_INPUT
    assert capsys.readouterr().out == ""


def test_cli_jobs_and_no_graph(folder, tmp_path, capsys):
    good = [str(folder / "a_seed.txt"), str(folder / "c_wusong.txt")]
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["analyze", *good, "-o", str(one), "--no-graph"]) == EXIT_OK
    assert main(["analyze", *good, "-o", str(two), "--no-graph", "--jobs", "2"]) == EXIT_OK
    assert one.read_bytes() == two.read_bytes()
    records = [json.loads(line) for line in one.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2 and all("graph" not in r for r in records)
    assert capsys.readouterr().err.splitlines()[-1] == "2 analysed, 0 failed"
    assert main(["analyze", *good, "-o", str(one), "--jobs", "-1"]) == EXIT_USAGE


def test_cli_one_file_to_jsonl_is_one_compact_line(tmp_path):
    out = tmp_path / "seed.jsonl"
    assert main(["analyze", str(SEED), "-o", str(out)]) == EXIT_OK
    assert out.read_text(encoding="utf-8").count("\n") == 1
    frame = pd.read_json(out, lines=True)
    assert frame["title"].tolist() == ["吴淞街道党工委、办事处2021年工作要点"]


def test_cli_empty_folder_is_bad_input(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["analyze", str(tmp_path / "empty")]) == EXIT_INPUT
    assert "no .txt or .docx" in capsys.readouterr().err


# --- a corpus as tables -------------------------------------------------------------

def test_corpus_frames_of_one_document_are_its_frames_with_document_columns():
    plan = wusong_nlp.analyze(SEED)
    frames = wusong_nlp.corpus_frames([plan.to_dict(), {"source": "x.txt", "error": "bad"}])
    assert set(frames) == {"outline", "quantities", "commitments", "tasks", "actors",
                           "programs"}
    for kind, frame in frames.items():
        assert list(frame.columns[:5]) == ["source", "doc_id", "title", "issuers", "year"]
        assert set(frame["source"]) <= {str(SEED)} and set(frame["year"]) <= {2021}
        own = plan.to_frame(kind).reset_index(drop=True)
        assert len(own) and len(frame) == len(own)
        pd.testing.assert_frame_equal(frame[list(own.columns)], own, check_dtype=False)


def test_corpus_frames_over_a_json_lines_file(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    main(["analyze", str(folder), "-o", str(out), "--keep-going", "--no-graph"])
    frames = wusong_nlp.corpus_frames(out)
    # in input order, every good document that has commitments (the 40 small-works opinions
    # have none: their one gold target, 每月 报送, is a frequency; 100万元以下 is a criterion)
    good = [folder / "a_seed.txt", folder / "c_wusong.txt", folder / "d_more" / "youyilu.docx"]
    expected = [str(p) for p in good if wusong_nlp.analyze(p).commitments]
    assert str(folder / "a_seed.txt") in expected
    assert frames["commitments"]["source"].unique().tolist() == expected
    seed_tasks = frames["tasks"][frames["tasks"]["source"] == str(folder / "a_seed.txt")]
    assert len(seed_tasks) == len(dict_of(SEED.name)["tasks"])


@pytest.mark.parametrize("suffix", ["xlsx", "csv", "parquet"])
def test_export_writes_one_table_per_kind(folder, tmp_path, capsys, suffix):
    if suffix == "parquet":
        pytest.importorskip("pyarrow")
    results = tmp_path / "out.jsonl"
    main(["analyze", str(folder), "-o", str(results), "--keep-going"])
    frames = wusong_nlp.corpus_frames(results)
    assert main(["export", str(results), "-o", str(tmp_path / f"corpus.{suffix}")]) == EXIT_OK
    for kind, frame in frames.items():
        if suffix == "xlsx":
            back = pd.read_excel(tmp_path / "corpus.xlsx", sheet_name=kind)
        elif suffix == "csv":
            back = pd.read_csv(tmp_path / f"corpus.{kind}.csv", encoding="utf-8-sig")
        else:
            back = pd.read_parquet(tmp_path / f"corpus.{kind}.parquet")
        assert list(back.columns) == list(frame.columns) and len(back) == len(frame)
        assert back["source"].tolist() == frame["source"].tolist()


def test_export_to_a_folder_and_bad_results(tmp_path, capsys):
    results = tmp_path / "out.jsonl"
    main(["analyze", str(SEED), "-o", str(results)])
    dest = tmp_path / "tables"
    dest.mkdir()
    assert main(["export", str(results), "-o", str(dest), "--format", "csv"]) == EXIT_OK
    assert sorted(p.name for p in dest.iterdir()) == sorted(
        f"{k}.csv" for k in ("outline", "quantities", "commitments", "tasks", "actors",
                             "programs"))
    assert main(["export", str(results), "-o", str(dest)]) == EXIT_USAGE
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"source": {}}\nnot json\n', encoding="utf-8")
    assert main(["export", str(broken), "-o", str(tmp_path / "x.csv")]) == EXIT_INPUT
    assert "line 2" in capsys.readouterr().err
    assert not list(tmp_path.glob("x.*"))
