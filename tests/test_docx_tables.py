"""A .docx read as a document: its tables as rows and cells, its Word heading styles."""

from __future__ import annotations

import docx
import pytest

import wusong_nlp
from wusong_nlp.reading import read_document

ROWS = [
    ("1", "完成老旧小区综合整治10个", "城建中心", "房管所、居委", "6月底前"),
    ("2", "新增非机动车停放点位50处", "城管中队", "派出所", "2024年12月20日前"),
    ("3", "开展消防安全隐患排查整治", "平安办", "城运中心", "每季度"),
]


@pytest.fixture
def task_table_docx(tmp_path):
    d = docx.Document()
    d.add_paragraph("吴淞街道2024年重点工作任务分解表")
    d.add_paragraph("一、城市管理")
    table = d.add_table(rows=1, cols=5)
    for cell, head in zip(table.rows[0].cells, ("序号", "任务", "牵头单位", "配合单位", "完成时限"),
                          strict=True):
        cell.text = head
    for row in ROWS:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    path = tmp_path / "plan.docx"
    d.save(path)
    return path


def test_a_docx_task_table_gives_one_task_per_row(task_table_docx):
    plan = wusong_nlp.analyze(task_table_docx)
    text = plan.text
    rows = [t for t in plan.tasks if any(t.text.startswith(r[1][:6]) for r in ROWS)]
    assert len(rows) == 3
    for task, (_, what, lead, partners, deadline) in zip(rows, ROWS, strict=True):
        assert task.text == what
        assert {a["name"] for a in task.actors if a["role"] == "lead"} == {lead}
        assert {a["name"] for a in task.actors if a["role"] == "partner"} == set(partners.split("、"))
        assert task.deadline is not None and task.deadline.text == deadline
        assert text[task.deadline.start:task.deadline.end] == deadline
    assert rows[1].deadline.resolved == "2024年12月20日前"
    # the 序号 cells are no quantities; the targets in the task cells are
    kinds = {q.text: q.kind for q in plan.quantities}
    assert not {"1", "2", "3"} & kinds.keys()
    assert kinds["10个"] == kinds["50处"] == "target"
    assert {c.object for c in plan.commitments} == {"老旧小区综合整治", "非机动车停放点位"}


def test_a_docx_table_keeps_its_cells_with_offsets(task_table_docx):
    plan = wusong_nlp.analyze(task_table_docx)
    (table,) = plan.structure.tables
    assert table.roles == ["index", "task", "lead", "partner", "deadline"]
    assert [r.index for r in table.rows] == [1, 2, 3]
    for row in table.rows:
        for cell in row.cells:
            assert plan.text[cell.start:cell.end] == cell.text


def test_word_heading_styles_give_outline_nodes(tmp_path):
    d = docx.Document()
    d.add_heading("吴淞街道2024年工作要点", level=0)
    d.add_heading("推进城市更新", level=1)
    d.add_paragraph("完成3万平方米拆违任务，由城管中队牵头，6月底前完成。")
    d.add_heading("提升公共服务", level=1)
    d.add_heading("养老服务", level=2)
    d.add_paragraph("新增养老床位100张。")
    path = tmp_path / "styled.docx"
    d.save(path)
    source = read_document(path)
    assert source.layout["headings"]
    plan = wusong_nlp.analyze(source)
    headings = [(n.kind, n.heading) for n in plan.structure.nodes()]
    assert ("heading1", "推进城市更新") in headings
    assert ("heading2", "养老服务") in headings
    care = next(n for n in plan.structure.nodes() if n.heading == "养老服务")
    assert care.parent.heading == "提升公共服务"
