"""Reading files: encodings, .docx, Word residue, bad input."""

from __future__ import annotations

import pytest
from conftest import SEED

from wusong_nlp.reading import InputError, decode_bytes, read_document

SAMPLE = "吴淞街道2021年工作要点\n一、立足新定位。完成3万平方米年度拆违任务。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_encodings_detected_from_bytes(tmp_path, encoding):
    path = tmp_path / f"plan-{encoding}.txt"
    path.write_bytes(SAMPLE.encode(encoding))
    src = read_document(path)
    assert src.text == SAMPLE


def test_seed_in_gbk_reads_like_utf8(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "seed-gbk.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_document(path).text == read_document(SEED).text


def test_word_residue_dropped_and_crlf_unified(tmp_path):
    path = tmp_path / "p.txt"
    path.write_bytes("标题\r\n[bookmark: _GoBack]2021年是建党100周年。\r\n".encode())
    text = read_document(path).text
    assert "[bookmark" not in text and "\r" not in text
    assert text.startswith("标题\n2021年")


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("吴淞街道2021年工作要点")
    d.add_paragraph("一、立足新定位，高起点推进产城融合")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "新划定非机动车停放区域150个"
    table.cell(0, 1).text = "城运中心"
    d.add_paragraph("二、立足新要求")
    path = tmp_path / "plan.docx"
    d.save(path)
    src = read_document(path)
    assert src.format == "docx"
    lines = src.text.split("\n")
    assert lines == ["吴淞街道2021年工作要点", "一、立足新定位，高起点推进产城融合",
                     "新划定非机动车停放区域150个", "城运中心", "二、立足新要求"]


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"   \n\t \n", "empty"),
    (b"\x00\x01\x02\x03binary\x00\xff" * 50, "binary"),
    (b"just some english text, no hanzi", "no Chinese"),
    (b"\x80\xff\x80\xff\x81", "decode"),
])
def test_bad_text_input(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_document(path)


def test_missing_directory_and_corrupt_docx(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="docx"):
        read_document(bad)


def test_decode_prefers_utf8_then_gb18030():
    assert decode_bytes("统筹".encode())[1] == "utf-8"
    assert decode_bytes("统筹推进".encode("gbk"))[1] == "gb18030"


def test_seed_as_docx_analyses_like_the_text(tmp_path):
    """The same real plan as .docx gives the same outline and quantities as the .txt."""
    docx = pytest.importorskip("docx")
    import wusong_nlp

    text = read_document(SEED).text
    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    path = tmp_path / "seed.docx"
    d.save(path)
    a, b = wusong_nlp.analyze(path), wusong_nlp.analyze(SEED)
    assert a.source.format == "docx" and a.text == b.text
    assert [n.id for n in a.structure.nodes()] == [n.id for n in b.structure.nodes()]
    assert [(q.text, q.kind) for q in a.quantities] == [(q.text, q.kind) for q in b.quantities]
