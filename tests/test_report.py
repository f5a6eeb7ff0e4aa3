"""The HTML report: well-formed nesting at the JSON offsets, counts, and Chromium."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from conftest import SEED, analysis_of, dict_of

from wusong_nlp.cli import EXIT_OK, main
from wusong_nlp.views.report import _Tag, nest_markup, render_report

DOCS = ["wusong_2021_work_points.txt", "14_baotou_digital_gov_evaluation_2022.txt",
        "13_anhui_industrial_internet_policy_and_action_plan_2021.txt"]
VOID = {"meta", "br", "img", "link", "input", "hr", "circle", "path"}


class Page(HTMLParser):
    """Marks (first pieces only), the text inside .plan-text, and well-formedness."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marks: list[dict] = []
        self.stack: list[str] = []
        self.text_depth: int | None = None
        self.plan_text: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.resources: list[str] = []
        self.count: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in VOID:
            self.stack.append(tag)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if tag in ("script", "link", "img", "iframe") and (a.get("src") or a.get("href")):
            self.resources.append(a.get("src") or a.get("href"))
        if a.get("id", "").startswith("count-"):
            self.count[a["id"][6:]] = int(a["data-count"])
        if tag == "div" and "plan-text" in a.get("class", "").split():
            self.text_depth = len(self.stack)
        if tag == "mark" and self.text_depth is not None and "data-cont" not in a:
            self.marks.append(a)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        if self.text_depth is not None and len(self.stack) == self.text_depth:
            self.text_depth = None
        self.stack.pop()

    def handle_data(self, data):
        if self.text_depth is not None:
            self.plan_text.append(data)


def parse(page: str) -> Page:
    p = Page()
    p.feed(page)
    p.close()
    return p


def expected(name: str) -> dict:
    d = dict_of(name)
    return {"commitments": len(d["commitments"]), "actors": len(d["actors"]),
            "programs": len(d["programs"]),
            "actor_names": {a["name"] for a in d["actors"]},
            "program_names": {p["name"] for p in d["programs"] if p["mentions"]}}


def check_counts(p: Page, name: str) -> None:
    want = expected(name)
    assert sum(1 for m in p.marks if m.get("data-commitment")) == want["commitments"]
    assert {m["data-actor"] for m in p.marks if "data-actor" in m} == want["actor_names"]
    assert {m["data-program"] for m in p.marks if "data-program" in m} == want["program_names"]
    for key in ("commitments", "actors", "programs"):
        assert p.count[key] == want[key]


def test_nesting_splits_crossing_spans_and_escapes():
    text = "甲<乙>&丙丁戊"
    tags = [_Tag(0, 5, 1, "mark", {"class": "a", "data-x": "1"}),
            _Tag(3, 7, 2, "mark", {"class": "b", "data-y": "2"}),
            _Tag(3, 5, 3, "mark", {"class": "c"})]
    out = nest_markup(text, tags, {3: ['<span id="here"></span>']})
    p = Page()
    p.text_depth = 0
    p.feed(out)
    assert "".join(p.plan_text) == text
    assert out.count('data-cont="1"') == 1  # b continues after a closes
    assert "甲&lt;乙" in out and "&gt;&amp;</mark>" in out
    assert out.index('<span id="here">') < out.index('class="b"')


@pytest.mark.parametrize("name", DOCS)
def test_report_highlights_at_json_offsets(name):
    a = analysis_of(name)
    p = parse(render_report(a))
    assert "".join(p.plan_text).replace("\n", "") == a.text.replace("\n", "")
    check_counts(p, name)
    quantities = {q.id: q for q in a.quantities}
    assert {m["data-q"] for m in p.marks if "data-q" in m} == set(quantities)
    # every outline link lands on an anchor; nothing is fetched from the network
    assert all(h[1:] in p.ids for h in p.hrefs if h.startswith("#"))
    assert not p.resources
    assert sum(1 for h in p.hrefs if h.startswith("#sec-")) >= len(a.structure.nodes())


def test_report_tables_have_a_row_per_item():
    a = analysis_of("wusong_2021_work_points.txt")
    page = render_report(a)
    assert page.count("<tr data-task=") == len(a.tasks)
    assert page.count("<tr data-commitment=") == len(a.commitments)
    assert page.count("<tr data-actor=") == len(a.actors)
    assert page.count("<tr data-program=") == len(a.programs)
    assert "二/（一）/四是 补齐补好市容环境管理短板" in page
    assert "<svg" in page and 'class="goal-node"' in page


def test_cli_writes_report(tmp_path):
    out = tmp_path / "report.html"
    assert main(["report", str(SEED), "-o", str(out)]) == EXIT_OK
    check_counts(parse(out.read_text(encoding="utf-8")), SEED.name)


def test_cli_writes_one_report_per_plan_into_a_folder(tmp_path):
    """Several plans: OUT is a folder, one NAME.html each; equal file names in two folders
    stay two reports."""
    other = SEED.parent / "14_baotou_digital_gov_evaluation_2022.txt"
    for d, src in (("a", SEED), ("b", other)):
        (tmp_path / d).mkdir()
        (tmp_path / d / "plan.txt").write_bytes(src.read_bytes())
    out = tmp_path / "reports"
    out.mkdir()
    assert main(["report", str(tmp_path / "a/plan.txt"), str(tmp_path / "b/plan.txt"),
                 str(SEED), "-o", str(out)]) == EXIT_OK
    pages = sorted(p.name for p in out.iterdir())
    assert len(pages) == 3 and f"{SEED.stem}.html" in pages
    a_page = next(p for p in out.iterdir() if p.name.endswith("a_plan.html"))
    check_counts(parse(a_page.read_text(encoding="utf-8")), SEED.name)
    assert main(["report", str(SEED), str(other), "-o", str(tmp_path / "x.html")]) != EXIT_OK


CHROMIUM = shutil.which("chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, timeout=180, check=False)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@pytest.mark.parametrize("name", ["wusong_2021_work_points.txt",
                                  "14_baotou_digital_gov_evaluation_2022.txt"])
def test_report_renders_in_chromium(tmp_path, name):
    page = tmp_path / "report.html"
    assert main(["report", str(SEED.parent / name), "-o", str(page)]) == EXIT_OK
    shot = tmp_path / "shot.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1280, 2000)
    assert len(png) > 50_000  # text and highlights, not a blank page
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout.decode("utf-8")
    assert "</html>" in dom
    check_counts(parse(dom), name)
