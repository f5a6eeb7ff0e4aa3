"""Hardening of the API (issue 13: points 2, 3, 4, 5, 6).

Encodings chosen by plausibility, never mojibake; an unambiguous path rule in
`analyze()`; a stable document id that keeps same-named documents apart; document
text that cannot run as script; fuzzed plan-like texts that keep every invariant.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wusong_nlp
from wusong_nlp.graph import merge_graphs
from wusong_nlp.reading import InputError, Source, read_document

SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_HEAD = "\n".join(SEED_TEXT.splitlines()[:6]) + "\n"


# --- 13.2 encodings ----------------------------------------------------------------

BIG5_PLAN = ("臺北市政府2025年施政計畫\n一、推動城市更新工作\n"
             "1.完成3個社區公園改造，新增停車位150個。\n二、強化社會治理\n")


def test_big5_is_read_as_traditional_chinese(tmp_path):
    p = tmp_path / "big5.txt"
    p.write_bytes(BIG5_PLAN.encode("big5"))
    src = read_document(p)
    assert src.text == BIG5_PLAN and src.encoding == "big5"
    data = wusong_nlp.analyze(p).to_dict()
    assert data["source"]["encoding"] == "big5"
    assert data["title"] == "臺北市政府2025年施政計畫"


def test_gbk_seed_still_gb18030(tmp_path):
    p = tmp_path / "seed-gbk.txt"
    p.write_bytes(SEED_TEXT.encode("gbk"))
    assert read_document(p).encoding == "gb18030"


@pytest.mark.parametrize("text, encoding, what", [
    ("東京都の2025年計画\n一、都市の更新を進める。公園を3か所整備する。\n", "shift_jis", "Japanese"),
    ("서울시 2025년 계획\n일、도시 재생을 추진한다. 공원 3곳을 정비한다.\n", "euc_kr", "Korean"),
])
def test_japanese_and_korean_refused_not_misread(tmp_path, text, encoding, what):
    p = tmp_path / "foreign.txt"
    p.write_bytes(text.encode(encoding))
    with pytest.raises(InputError, match=what):
        read_document(p)


# --- 13.3 the path rule -------------------------------------------------------------

@pytest.mark.parametrize("path", ["/some/dir/花园街道工作计划.txt", "花园街道工作计划.docx",
                                  "plans/2021 wusong"])
def test_mistyped_path_raises_file_not_found(path):
    with pytest.raises(FileNotFoundError) as err:
        wusong_nlp.analyze(path)
    assert err.value.filename == path


def test_text_and_paths_still_work():
    assert wusong_nlp.analyze(str(SEED)).title == wusong_nlp.analyze(SEED).title
    assert wusong_nlp.analyze(SEED_TEXT).title == "吴淞街道党工委、办事处2021年工作要点"
    one_line = read_document(SEED).text.splitlines()[2]  # one line with 。 is text
    assert wusong_nlp.analyze(one_line).text == one_line
    assert wusong_nlp.analyze(Source("完成3/4的任务：新增养老床位100张")).quantities


# --- 13.4 document identity ---------------------------------------------------------

def test_document_id_is_stable_and_in_the_json(tmp_path):
    a = wusong_nlp.analyze(SEED).to_dict()
    b = wusong_nlp.analyze(SEED).to_dict()
    assert a["source"]["id"] == b["source"]["id"] and len(a["source"]["id"]) == 16
    copy = tmp_path / SEED.name
    shutil.copy(SEED, copy)
    assert wusong_nlp.analyze(copy).doc_id != a["source"]["id"]  # another source


def test_same_titled_documents_stay_apart_in_a_merged_graph():
    body = SEED_TEXT.split("\n", 1)[1]
    a = wusong_nlp.analyze("政府工作报告\n" + body)
    b = wusong_nlp.analyze("政府工作报告\n" + body.replace("100周年", "101周年"))
    assert a.title == b.title and a.doc_id != b.doc_id
    merged = merge_graphs([a.graph, b.graph])
    docs = [n for n, t in merged.nodes(data="type") if t == "document"]
    assert len(docs) == 2
    goals = [n for n, t in merged.nodes(data="type") if t == "goal"]
    assert len(goals) == 2 * sum(1 for n, t in a.graph.nodes(data="type") if t == "goal")
    assert len(merge_graphs([a.graph, a.graph])) == len(a.graph)  # the same document: one


def test_same_named_files_stay_apart_in_the_graph_cli(tmp_path):
    from wusong_nlp.cli import EXIT_OK, main

    for d, text in (("a", SEED_TEXT), ("b", SEED_TEXT.replace("100周年", "101周年"))):
        (tmp_path / d).mkdir()
        (tmp_path / d / "report.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "g.json"
    assert main(["graph", str(tmp_path / "a/report.txt"), str(tmp_path / "b/report.txt"),
                 "-o", str(out)]) == EXIT_OK
    nodes = json.loads(out.read_text(encoding="utf-8"))["nodes"]
    assert sum(1 for n in nodes if n["type"] == "document") == 2


# --- 13.5 safe outputs in a real browser ----------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
XSS = ("<script>document.title='PWNED'</script>吴淞街道2021年工作要点\n"
       + SEED_TEXT.splitlines()[2]
       + '\n一、"><img src=x onerror="document.title=\'PWNED\'">推进工作\n1.完成3个项目。\n')


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@pytest.mark.parametrize("page", ["report", "graph"])
def test_xss_heading_runs_nothing_in_chromium(tmp_path, page):
    from wusong_nlp.graph import export_graph
    from wusong_nlp.views.report import render_report

    plan = wusong_nlp.analyze(XSS)
    html = render_report(plan) if page == "report" else export_graph(plan.graph, "html")
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    proc = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                           "--virtual-time-budget=3000", "--dump-dom", f.as_uri()],
                          capture_output=True, text=True, timeout=120)
    # the heading's text (escaped) may hold the word; a script that ran would have made
    # the whole title PWNED
    title = proc.stdout.split("<title>", 1)[-1].split("</title>", 1)[0]
    assert title != "PWNED" and "<script" not in title
    assert "<img src=\"x\"" not in proc.stdout


def _screenshot(html: str, path: Path) -> bytes:
    path.with_suffix(".html").write_text(html, encoding="utf-8")
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", "--window-size=900,160",
                    f"--screenshot={path}", path.with_suffix(".html").as_uri()],
                   capture_output=True, timeout=120, check=True)
    return path.read_bytes()


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_report_heading_renders_real_glyphs_not_tofu(tmp_path):
    """Tofu boxes all look alike: a heading drawn in real glyphs must differ from the same
    page with private-use characters (which no font draws) in its place, while two
    different private-use headings must render the same (so the check can see tofu)."""
    from wusong_nlp.views.report import render_report

    title = SEED_TEXT.splitlines()[0].strip()  # 吴淞街道党工委、办事处2021年工作要点
    html = render_report(wusong_nlp.analyze(SEED_TEXT))
    assert html.count(title) >= 2  # <title> and <h1>
    tofu_a = "".join(chr(0xE000 + i) for i in range(len(title)))
    tofu_b = "".join(chr(0xE100 + i) for i in range(len(title)))
    real = _screenshot(html, tmp_path / "real.png")
    box_a = _screenshot(html.replace(title, tofu_a), tmp_path / "a.png")
    box_b = _screenshot(html.replace(title, tofu_b), tmp_path / "b.png")
    assert box_a == box_b, "private-use characters drew different glyphs: the check is blind"
    assert real != box_a, "the heading rendered as tofu: is a CJK font (fonts-noto-cjk) installed?"


# --- 13.6 fuzzing -----------------------------------------------------------------------

EXAMPLES = int(os.environ.get("WUSONG_FUZZ_EXAMPLES", "25"))
PIECES = ["一、", "二、", "（一）", "（二）", "1.", "2．", "（1）", "①", "②", "——", "一是", "二是",
          "完成", "新增", "养老床位", "100", "３０", "1.5", "万", "平方米", "个", "%", "张", "三年",
          "到2025年", "“美丽街区”", "《方案》", "牵头", "配合", "城运中心", "街道办事处", "，", "。",
          "；", "：", "\n", "\r\n", "\u3000", "\u2028", "😀", "e\u0301", "\t", " ", "十四五", "年内"]
plan_like = st.lists(st.sampled_from(PIECES), min_size=1, max_size=80).map("".join)


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(body=plan_like)
def test_fuzzed_plans_keep_offsets_schema_and_determinism(body):
    text = "吴淞街道2021年工作要点\n" + body
    try:
        first = wusong_nlp.analyze(Source(text)).to_dict()
    except InputError:
        return
    jsonschema.validate(first, wusong_nlp.schema())
    t = first["text"]
    for group in ("quantities", "commitments", "tasks", "sentences", "paragraphs"):
        for item in first[group]:
            assert t[item["start"]:item["end"]] == item["text"]
    stack = list(first["outline"])
    while stack:
        node = stack.pop()
        assert 0 <= node["start"] <= node["end"] <= len(t)
        stack.extend(node["children"])
    assert wusong_nlp.analyze(Source(text)).to_dict() == first


def test_same_output_under_two_hash_seeds(tmp_path):
    texts = ["吴淞街道2021年工作要点\n" + "".join(PIECES[i::7]) for i in range(7)]
    code = ("import json, sys, wusong_nlp; from wusong_nlp.reading import Source\n"
            "out = []\n"
            "for t in json.load(open(sys.argv[1], encoding='utf-8')):\n"
            "    try: out.append(wusong_nlp.analyze(Source(t)).to_dict())\n"
            "    except Exception as e: out.append(type(e).__name__)\n"
            "print(json.dumps(out, ensure_ascii=False, sort_keys=True))\n")
    f = tmp_path / "texts.json"
    f.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    outs = [subprocess.run([sys.executable, "-c", code, str(f)], capture_output=True, text=True,
                           check=True, timeout=300,
                           env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}
                           ).stdout for seed in ("1", "4242")]
    assert outs[0] == outs[1] and outs[0].startswith("[")


def test_readme_quickstart_uses_a_venv():
    readme = (Path(ROOT) / "README.md").read_text(encoding="utf-8")
    assert "python3 -m venv .venv && . .venv/bin/activate && pip install -e ." in readme
