"""Hardening of the analysis and its exports (issue 14: points 3, 5; issue 13: point 5).

The outline cannot nest without bound nor reach the recursion limit; every export
holds only what its format can (XML 1.0 characters, text cells, escaped HTML) while the
JSON offsets stay those of the analysed text.
"""

from __future__ import annotations

import csv
import io
import xml.dom.minidom

import pytest
from conftest import SEED

import wusong_nlp
from wusong_nlp.cli import EXIT_OK, main
from wusong_nlp.graph import export_graph
from wusong_nlp.outline import OutlineNode, parse_outline, read_structure
from wusong_nlp.views.notebook import render_spans
from wusong_nlp.views.table import task_table_bytes

SEED_TEXT = SEED.read_text(encoding="utf-8")
# a real opening paragraph of the seed plan, to make hand-made plans long enough
INTRO = SEED_TEXT.splitlines()[2] * 3


# --- issue 14.3: the outline -----------------------------------------------------------

def test_repeated_marker_is_a_sibling():
    text = ("吴淞街道2021年工作要点\n一、推进工作\n1.完成3个项目。\n1.新划定非机动车停放区域150个。\n"
            "1.完成3万平方米年度拆违任务。\n")
    st = read_structure(text)
    assert [(n.id, n.level) for n in st.nodes()] == [
        ("一", 1), ("一/1", 2), ("一/1#2", 2), ("一/1#3", 2)]


def test_many_repeated_parts_stay_flat_through_the_cli(tmp_path):
    plan = tmp_path / "parts.txt"
    plan.write_text(INTRO + "\n" + "一、\n" * 496, encoding="utf-8")  # was a RecursionError
    out = tmp_path / "parts.json"
    assert main(["analyze", str(plan), "-o", str(out)]) == EXIT_OK
    roots = parse_outline(plan.read_text(encoding="utf-8"))
    assert len(roots) == 496 and all(not r.children for r in roots)


def test_depth_is_bounded_by_the_marker_hierarchy():
    # restarts of one kind nest at most twice: 1 → 1/2 → 1/2/1 ... stays shallow
    text = "".join(f"{i % 2 + 1}.新增养老床位100张。\n" for i in range(3000))
    depth = max(n.level for r in parse_outline(text) for n in r.walk())
    assert depth <= 2
    kinds = ["一、推进工作", "（一）优化营商环境", "1.完成3个项目。", "（1）完成设计。", "①招标。"]
    text = "\n".join(kinds * 400)
    # each kind nests in itself at most twice (a restarted series inside a section)
    assert max(n.level for r in parse_outline(text) for n in r.walk()) <= 2 * len(kinds)


def test_walks_are_iterative_at_any_depth():
    root = node = OutlineNode("0", 1, "1", "num", "h", 0, 1, 0, 1)
    for i in range(5000):  # deeper than the recursion limit
        child = OutlineNode(f"{node.id}/1", i + 2, "1", "num", "h", 0, 1, 0, 1, parent=node)
        node.children.append(child)
        node = child
    assert sum(1 for _ in root.walk()) == 5001
    rebuilt = OutlineNode.from_dict(root.to_dict(full=True))
    assert [n.id for n in rebuilt.walk()] == [n.id for n in root.walk()]


# --- issue 14.5: exports hold only what their format can ----------------------------

CONTROL_PLAN = ("吴淞街道2021年工作要点\x0c\n" + INTRO + "\n一、立足新定位\x0b，高起点推进产城融合\x00\n"
                "1.完成3万平方米年度拆违任务\x1b。\n2.新划定非机动车停放区域150个\ufffe。\n")


@pytest.fixture(scope="module")
def control_plan():
    return wusong_nlp.analyze(CONTROL_PLAN.replace("\x00", ""))  # NUL reads as binary


@pytest.mark.parametrize("kind", ["graphml", "gexf"])
def test_graph_xml_exports_drop_illegal_characters(control_plan, kind):
    data = export_graph(control_plan.graph, kind)
    xml.dom.minidom.parseString(data)  # well-formed XML 1.0
    assert b"\x0b" not in data and "\ufffe".encode() not in data
    assert "高起点推进产城融合".encode() in data


def test_xlsx_with_illegal_characters_writes_and_json_offsets_stay(control_plan):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(io.BytesIO(task_table_bytes(control_plan, "xlsx")))
    cells = [c.value for row in wb.active.iter_rows(min_row=2) for c in row]
    assert any(isinstance(v, str) and "新划定非机动车停放区域150个" in v for v in cells)
    data = control_plan.to_dict()
    assert "\ufffe" in data["text"]  # the analysed text is kept as it is
    for q in data["quantities"]:
        assert data["text"][q["start"]:q["end"]] == q["text"]


def test_graph_cli_with_control_characters(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(CONTROL_PLAN.replace("\x00", ""), encoding="utf-8")
    for kind in ("graphml", "gexf"):
        out = tmp_path / f"g.{kind}"
        assert main(["graph", str(plan), "-o", str(out)]) == EXIT_OK
        xml.dom.minidom.parse(str(out))


FORMULA_PLAN = ("吴淞街道2021年工作要点\n" + INTRO + "\n一、立足新定位，高起点推进产城融合\n"
                '1.=HYPERLINK("http://example.invalid","完成3万平方米年度拆违任务")。\n'
                "2.@SUM(1+1)新划定非机动车停放区域150个。\n")


def test_formula_cells_are_text_in_csv_and_xlsx():
    openpyxl = pytest.importorskip("openpyxl")
    plan = wusong_nlp.analyze(FORMULA_PLAN)
    rows = list(csv.reader(io.StringIO(task_table_bytes(plan, "csv").decode("utf-8-sig"))))
    cells = [c for row in rows[1:] for c in row]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    wb = openpyxl.load_workbook(io.BytesIO(task_table_bytes(plan, "xlsx")))
    formulas = [c for row in wb.active.iter_rows(min_row=2) for c in row
                if isinstance(c.value, str) and c.value.startswith(("=", "@"))]
    assert formulas and all(c.data_type == "s" for c in formulas)


XSS_PLAN = ("<script>alert(1)</script>吴淞街道2021年工作要点\n" + INTRO
            + '\n一、"><img src=x onerror=alert(1)>高起点推进产城融合\n1.完成3万平方米年度拆违任务。\n')


def test_displacy_title_and_text_escaped():
    html = render_spans(wusong_nlp.analyze(XSS_PLAN), jupyter=False)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_report_and_graph_view_escape_document_text():
    from wusong_nlp.views.report import render_report

    plan = wusong_nlp.analyze(XSS_PLAN)
    for page in (render_report(plan), export_graph(plan.graph, "html")):
        assert "<script>alert" not in page and "<img src=x" not in page


def test_report_css_names_a_cjk_font_stack():
    from wusong_nlp.views.report import render_report

    page = render_report(wusong_nlp.analyze(SEED))
    assert "Noto Sans CJK SC" in page and "sans-serif" in page
