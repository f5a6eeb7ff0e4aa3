"""Hardening of files in and out (issue 14: points 1, 2, 6, 7, 8; issue 13: point 1).

Outputs never destroy inputs or replace special files; inputs must be regular files,
read with a bound; environment problems are exit 1 with a plain line; hostile .docx
archives are refused before they are inflated.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SEED

from wusong_nlp.cli import EXIT_INPUT, EXIT_OK, EXIT_USAGE, main
from wusong_nlp.reading import InputError, read_document

PLAN = "吴淞街道2021年工作要点\n一、推进工作\n1.完成3个项目。\n"
# a limit on the child's address space: a read "until the end" of /dev/zero fails fast
LIMITS = "import resource as r; r.setrlimit(r.RLIMIT_AS, (1 << 31, 1 << 31));"


def cli(*args: str, timeout: float = 120, cwd: Path | None = None, **kw):
    """The CLI in a fresh process under a 2 GB memory limit and a timeout."""
    code = LIMITS + "import sys; from wusong_nlp.cli import main; sys.exit(main(sys.argv[1:]))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                          text=True, timeout=timeout, cwd=cwd, env=env, **kw)


@pytest.fixture
def plan(tmp_path) -> Path:
    p = tmp_path / "p.txt"
    p.write_text(PLAN, encoding="utf-8")
    return p


# --- issue 14.1: an output that is an input ----------------------------------------

@pytest.mark.parametrize("command", ["analyze", "table", "report"])
def test_output_that_is_the_input_is_refused_and_the_input_kept(plan, capsys, command):
    out = plan if command == "analyze" else plan.with_suffix(
        {"table": ".csv", "report": ".html"}[command])
    if out != plan:
        out.write_text(PLAN, encoding="utf-8")  # the plan saved under the output's name
    assert main([command, str(out), "-o", str(out)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "is the input" in err and err.count("\n") == 1
    assert out.read_text(encoding="utf-8") == PLAN


def test_output_that_is_an_input_through_a_link_is_refused(plan, tmp_path, capsys):
    other = tmp_path / "a.txt"
    other.write_text(PLAN, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(plan)
    assert main(["analyze", str(other), str(link), "-o", str(plan)]) == EXIT_USAGE
    assert main(["analyze", str(other), "-o", str(link)]) == EXIT_OK  # a's JSON, not p
    assert plan.read_text(encoding="utf-8").startswith("{")  # the link's target replaced
    assert link.is_symlink()


# --- issue 14.1: special outputs are written into, never replaced ------------------

def test_output_to_a_fifo_is_written_into(plan, tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    proc = cli("analyze", str(plan), "-o", str(fifo))
    data, _ = reader.communicate(timeout=60)
    assert proc.returncode == EXIT_OK, proc.stderr
    assert data.startswith(b"{") and b'"schema_version"' in data
    assert fifo.is_fifo()


def test_output_to_dev_stdout_and_dash(plan):
    for target in ("/dev/stdout", "-"):
        proc = cli("analyze", str(plan), "-o", target)
        assert proc.returncode == EXIT_OK, proc.stderr
        assert proc.stdout.startswith("{") and '"schema_version"' in proc.stdout


def test_output_to_a_null_device_copy_keeps_the_device(plan, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("mknod needs root")
    node = tmp_path / "null"
    os.mknod(node, 0o666 | 0o020000, os.makedev(1, 3))  # a character device like /dev/null
    assert main(["analyze", str(plan), "-o", str(node)]) == EXIT_OK
    assert node.is_char_device()


# --- issue 14.2: inputs must be regular files, read with a bound -------------------

def test_fifo_input_is_refused_at_once(tmp_path):
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    proc = cli("analyze", str(fifo), timeout=60)  # it used to hang forever
    assert proc.returncode == EXIT_INPUT
    assert "not a regular file" in proc.stderr and proc.stderr.count("\n") == 1


@pytest.mark.parametrize("device, name", [("/dev/zero", "plan.txt"),
                                          ("/dev/urandom", "plan.docx")])
def test_symlink_to_an_endless_device_is_refused(tmp_path, device, name):
    link = tmp_path / name
    link.symlink_to(device)
    proc = cli("analyze", str(link), timeout=60)  # under 2 GB of address space
    assert proc.returncode == EXIT_INPUT, proc.stderr
    assert "not a regular file" in proc.stderr and "Traceback" not in proc.stderr


def test_input_read_at_most_to_the_limit(tmp_path, monkeypatch):
    from wusong_nlp import reading

    p = tmp_path / "plan.txt"
    p.write_text(PLAN * 10, encoding="utf-8")
    monkeypatch.setattr(reading, "MAX_BYTES", 100)
    with pytest.raises(InputError, match="too large"):
        reading.read_document(p)


# --- issue 14.8: not plans ------------------------------------------------------------

@pytest.mark.parametrize("data, message", ids=["pdf", "doc"], argvalues=[
    (b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n" + PLAN.encode() + b"%%EOF", "PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + PLAN.encode("utf-16-le"), r"\.doc"),
])
def test_pdf_and_doc_refused_by_magic_bytes(tmp_path, data, message):
    for suffix in (".txt", ".docx"):
        p = tmp_path / f"plan{suffix}"
        p.write_bytes(data)
        with pytest.raises(InputError, match=message) as err:
            read_document(p)
        assert "save it as .docx or .txt" in str(err.value)


@pytest.mark.parametrize("data", [b"ab", "吴淞".encode(), b"\xd5\xb1>O\x10", "吴淞街道工作要点".encode(),
                                  ("Plan of work " * 20 + "吴淞街道工作要点").encode()],
                         ids=["ascii", "two-han", "random-5", "eight-han", "mostly-english"])
def test_tiny_or_foreign_texts_are_not_plans(tmp_path, data):
    p = tmp_path / "tiny.txt"
    p.write_bytes(data)
    with pytest.raises(InputError):
        read_document(p)


def test_shortest_real_plan_still_reads(plan):
    assert read_document(plan).text == PLAN


# --- issue 14.7: environment problems -------------------------------------------------

def test_full_disk_on_stdout_is_exit_1(plan):
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "wusong_nlp.cli", "analyze", str(plan)],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == EXIT_INPUT
    assert proc.stderr.strip() == "wusong-nlp: error: stdout: No space left on device"


def test_broken_pipe_is_exit_1_with_one_line(plan):
    code = ("import sys; from wusong_nlp.cli import main; sys.exit(main(sys.argv[1:]))")
    proc = subprocess.Popen([sys.executable, "-c", code, "analyze", str(SEED)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    proc.stdout.read(10)
    proc.stdout.close()  # the reader goes away, as `| head -c 10` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == EXIT_INPUT
    assert err.strip() == "wusong-nlp: error: stdout: Broken pipe"


def test_long_output_name_works_and_too_long_is_exit_1(plan, tmp_path, capsys):
    legal = tmp_path / ("a" * 250 + ".json")  # 255 bytes: the temp name must not exceed it
    assert main(["analyze", str(plan), "-o", str(legal)]) == EXIT_OK and legal.exists()
    too_long = tmp_path / ("b" * 260 + ".json")
    assert main(["analyze", str(plan), "-o", str(too_long)]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "File name too long" in err and "internal" not in err


def test_read_only_folder_is_exit_1(plan, tmp_path, capsys):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    assert main(["analyze", str(plan), "-o", str(ro / "x.json")]) == EXIT_INPUT
    assert "Permission denied" in capsys.readouterr().err


def test_sigterm_during_a_batch_leaves_no_temp_file(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    files = []
    for i in range(40):
        f = tmp_path / f"plan{i}.txt"
        f.write_text(text, encoding="utf-8")
        files.append(str(f))
    out = tmp_path / "out" / "plans.jsonl"
    out.parent.mkdir()
    code = "import sys; from wusong_nlp.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.Popen([sys.executable, "-c", code, "analyze", *files, "-o", str(out)],
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 60
    while not any(out.parent.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until the temporary output exists
    temps = list(out.parent.iterdir())
    assert temps and len(temps[0].name) < 30  # a short name of its own
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 143
    assert list(out.parent.iterdir()) == []


# --- issue 14.6: no cache in a shared folder ----------------------------------------

def test_analysing_creates_no_file_in_the_temp_dir(tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    code = ("import wusong_nlp; wusong_nlp.analyze(open(sys.argv[1], encoding='utf-8').read())"
            ".to_dict()")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp), "TEMP": str(tmp),
           "TMP": str(tmp)}
    subprocess.run([sys.executable, "-c", "import sys;" + code, str(SEED)], check=True,
                   env=env, timeout=120)
    assert list(tmp.iterdir()) == []
    assert tempfile.gettempdir() != str(tmp)  # the child's, not ours


# --- issue 13.1: bounded .docx reading ----------------------------------------------

def _docx(tmp_path: Path, document_xml: bytes, name: str = "plan.docx") -> Path:
    rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            b'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            b'Target="word/document.xml"/></Relationships>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("_rels/.rels", rels)
        zf.writestr("word/document.xml", document_xml)
    p = tmp_path / name
    p.write_bytes(buf.getvalue())
    return p


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _paragraphs(*lines: str) -> str:
    return "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)


def test_hand_made_docx_reads(tmp_path):
    body = _paragraphs("吴淞街道2021年工作要点", "一、推进工作", "1.完成3个项目。")
    p = _docx(tmp_path, f'<w:document {W}><w:body>{body}</w:body></w:document>'.encode())
    assert read_document(p).text == PLAN.rstrip("\n")


def test_zip_bomb_refused_with_little_memory(tmp_path):
    """word/document.xml inflating to 2 GB: refused before it is inflated, peak < 300 MB."""
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<w:document {W}><w:body>'.encode())
            block = b"<w:p><w:r><w:t>" + "推进".encode() * 4096 + b"</w:t></w:r></w:p>"
            for _ in range(2 * 1024 * 1024 * 1024 // len(block)):
                fh.write(block)
            fh.write(b"</w:body></w:document>")
    assert bomb.stat().st_size < 20 * 1024 * 1024
    # the peak of this process's own memory: /proc's VmHWM starts anew at exec, where
    # ru_maxrss keeps the forking parent's (a big pytest worker) on Linux
    code = ("import re, resource, sys\n"
            "from wusong_nlp.cli import main\n"
            "rc = main(['analyze', sys.argv[1]])\n"
            "try:\n"
            "    peak = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1])\n"
            "except OSError:\n"
            "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "print(rc, peak, file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(bomb)], capture_output=True,
                          text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})
    *lines, last = proc.stderr.strip().splitlines()
    rc, peak_kb = map(int, last.split())
    assert rc == EXIT_INPUT and "zip bomb" in lines[0], proc.stderr
    assert peak_kb < 300 * 1024, f"peak RSS {peak_kb / 1024:.0f} MB"


def test_lying_zip_sizes_are_caught_while_inflating(tmp_path, monkeypatch):
    from wusong_nlp import reading

    body = _paragraphs(*["吴淞街道2021年工作要点，推进城市更新工作。" * 50] * 200)
    p = _docx(tmp_path, f'<w:document {W}><w:body>{body}</w:body></w:document>'.encode())
    monkeypatch.setattr(reading, "DOCX_MAX_PART_BYTES", 100_000)
    with pytest.raises(InputError, match="zip bomb"):
        read_document(p)


def test_too_many_members_refused(tmp_path, monkeypatch):
    from wusong_nlp import reading

    monkeypatch.setattr(reading, "DOCX_MAX_MEMBERS", 10)
    p = tmp_path / "many.docx"
    with zipfile.ZipFile(p, "w") as zf:
        for i in range(11):
            zf.writestr(f"word/media/{i}.xml", "<a/>")
    with pytest.raises(InputError, match="files in the archive"):
        read_document(p)


def test_xxe_and_entity_expansion_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密口令ABCDEF", encoding="utf-8")
    body = _paragraphs("吴淞街道2021年工作要点", "一、推进工作&xxe;&lol;", "1.完成3个项目。")
    xml = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file://{secret}">'
           '<!ENTITY lol "哈哈哈哈哈哈哈哈"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>'
           f'<w:document {W}><w:body>{body}</w:body></w:document>').encode()
    p = _docx(tmp_path, xml)
    try:
        text = read_document(p).text
    except InputError:
        return  # refused outright: also safe
    assert "机密口令" not in text and "哈哈" not in text
