"""Stage 1: file → text.

Reads .txt in any common Chinese encoding (detected from the bytes) and .docx, and
normalises the few things that would otherwise break offsets or headings (Word
residue, CR line ends). Everything downstream refers to the text returned here.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
from lxml import etree

from .text import HAN_RE

# --- limits: every bound on what a reader accepts, in one place ------------------------
# A real plan is far below each of them; beyond one, reading stops with an InputError
# (one line) before the data is decoded or parsed, so a hostile file costs little memory.
MAX_BYTES = 64 * 1024 * 1024  # a file (.txt or .docx) is read at most this far (+1 byte)
MIN_CHARS = 16  # a file with fewer non-space characters is not a plan
MIN_HAN = 8  # … nor one with fewer Han characters
MIN_HAN_SHARE = 0.1  # … nor one where Han characters are under this share of the rest
DOCX_MAX_MEMBERS = 5000  # files in the .docx archive
DOCX_MAX_PART_BYTES = 64 * 1024 * 1024  # inflated size of the one XML part that is parsed
DOCX_MAX_TOTAL_BYTES = 256 * 1024 * 1024  # declared inflated size of the whole archive
DOCX_MAX_RATIO = 200  # inflated / compressed size of a member (XML: 5–20 is usual)
DOCX_RATIO_FROM = 1024 * 1024  # … checked for members that inflate beyond this
ENCODING_MIN_SCORE = 0.8  # share of plausible characters a legacy-encoding guess needs

_RESIDUE = re.compile(r"\[bookmark:[^\]]*\]|\[(?:image|picture)[^\]]*\]", re.I)
# magic bytes of formats that are not plans in a form we read, with what to do instead
_FOREIGN = [
    (b"%PDF-", "a PDF file; save it as .docx or .txt (or copy its text) to analyse it"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "an old Word (.doc) or other OLE file; save it as .docx or .txt to analyse it"),
    (b"{\\rtf", "an RTF file; save it as .docx or .txt to analyse it"),
]
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL_DOC = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "officeDocument")
_LEGACY = ("gb18030", "big5", "shift_jis", "euc_kr")  # candidates when UTF-8/16 fail
_FOREIGN_SCRIPT = {"shift_jis": "Japanese (Shift_JIS)", "euc_kr": "Korean (EUC-KR)"}


class InputError(ValueError):
    """Input that cannot be analysed; its message is one line meant for the user."""


@dataclass(frozen=True)
class Source:
    """The text to analyse and where it came from."""

    text: str
    path: str | None = None
    format: str = "text"
    encoding: str | None = None
    # what a .docx says of its layout, by line of `text` (see `docx_layout`): tables as
    # rows of cells of line numbers, and paragraphs in a Word heading style with their level
    layout: dict | None = field(default=None, compare=False, hash=False, repr=False)

    @property
    def doc_id(self) -> str:
        """A stable id of the document: a hash of the analysed text and of its source path.

        Two files with the same name or title stay apart (their text or path differs);
        the same file analysed twice gets the same id.
        """
        h = hashlib.sha256(self.text.encode("utf-8", "surrogatepass"))
        h.update(b"\0" + (self.path or "").encode("utf-8", "surrogateescape"))
        return h.hexdigest()[:16]


def decode_bytes(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode bytes of a Chinese text: BOMs, UTF-8, UTF-16, then the likeliest legacy code.

    Returns the text and the encoding used. GB18030 (a superset of GBK and GB2312) and
    Big5 both accept most byte strings, so the choice among them (and Shift_JIS, EUC-KR)
    is by plausibility: charset-normalizer's candidates, ranked by how many characters
    are common Chinese characters (or the kana/hangul of a Japanese/Korean text). A
    Japanese or Korean text, or one no candidate reads plausibly, is refused: never
    mojibake analysed as if it were the plan.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16", name), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if len(data) % 2 == 0:  # UTF-16 without BOM: keep it only if it reads as Chinese text
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                candidate = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausible(candidate):
                return candidate, enc
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: looks like a binary file, not text")
    return _decode_legacy(data, name)


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    """The likeliest of GB18030, Big5, Shift_JIS and EUC-KR (see `decode_bytes`)."""
    chaos = {m.encoding: m.chaos for m in
             charset_normalizer.from_bytes(data, cp_isolation=list(_LEGACY))}
    scored: list[tuple[float, int, float, str, str]] = []
    for rank, enc in enumerate(_LEGACY):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        # plausibility less charset-normalizer's mess measure (hangul read as GBK lands on
        # common Han characters, but reads as a mess), then Chinese first on a tie
        score = _script_score(text, enc)
        scored.append((round(score - chaos.get(enc, 0.5), 2), -rank, score, enc, text))
    if not scored:
        raise InputError(
            f"{name}: cannot decode the bytes as UTF-8, UTF-16, GB18030/GBK or Big5")
    _, _, score, enc, text = max(scored)
    if enc in _FOREIGN_SCRIPT and score >= ENCODING_MIN_SCORE:
        raise InputError(f"{name}: looks like {_FOREIGN_SCRIPT[enc]} text, not a Chinese plan")
    if score < ENCODING_MIN_SCORE or enc in _FOREIGN_SCRIPT:
        raise InputError(f"{name}: cannot tell the text encoding (best guess {enc}, "
                         "unsure); save the file as UTF-8 and try again")
    return text, enc


@functools.cache
def _common_han(ch: str) -> bool:
    """A character of GB2312 level 1 or of Big5's frequent block: the everyday Han
    characters that make up nearly all of a real text, simplified or traditional."""
    try:
        if 0xB0 <= ch.encode("gb2312")[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        return 0xA4 <= ch.encode("big5")[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def _script_score(text: str, encoding: str) -> float:
    """Share of the non-ASCII characters that a real text in `encoding` would use."""
    own = {"shift_jis": ("\u3040", "\u30ff"), "euc_kr": ("\uac00", "\ud7a3")}.get(encoding)
    chars = [ch for ch in text[:20000] if not ch.isascii() and not ch.isspace()]
    if not chars:
        return 0.0
    good = 0
    for ch in chars:
        if own and own[0] <= ch <= own[1]:
            good += 1
        elif "\u4e00" <= ch <= "\u9fff":
            good += _common_han(ch)
        elif "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" \
                or "\u2000" <= ch <= "\u206f":
            good += 1
    return good / len(chars)


def _plausible(text: str) -> bool:
    """Most characters are Han, ASCII or CJK punctuation, as in a real Chinese text."""
    sample = text[:2000]
    if not sample:
        return False
    good = sum(1 for ch in sample if ch.isascii() and (ch.isprintable() or ch.isspace())
               or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
               or "\uff00" <= ch <= "\uffef" or "\u2000" <= ch <= "\u206f")
    return good >= 0.95 * len(sample) and bool(HAN_RE.search(sample))


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"{name}: invalid {encoding} bytes") from None


def normalize(text: str) -> str:
    """Drop Word residue and unify line ends; keep everything else as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return _RESIDUE.sub("", text)


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """A member's bytes, inflated in chunks and never beyond DOCX_MAX_PART_BYTES."""
    out = bytearray()
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 16):
            out += chunk
            if len(out) > DOCX_MAX_PART_BYTES:
                raise InputError(f"{name}: {info.filename} inflates beyond "
                                 f"{DOCX_MAX_PART_BYTES} bytes; refused as a possible zip bomb")
            if len(out) > DOCX_RATIO_FROM and len(out) > DOCX_MAX_RATIO * max(
                    info.compress_size, 1):
                raise InputError(f"{name}: {info.filename} inflates more than "
                                 f"{DOCX_MAX_RATIO}x; refused as a possible zip bomb")
    return bytes(out)


def _check_archive(zf: zipfile.ZipFile, name: str) -> None:
    """Refuse an archive beyond the limits from its directory alone, before inflating."""
    infos = zf.infolist()
    if len(infos) > DOCX_MAX_MEMBERS:
        raise InputError(f"{name}: {len(infos)} files in the archive (limit "
                         f"{DOCX_MAX_MEMBERS}); not a plan document")
    total = 0
    for info in infos:
        total += info.file_size
        if info.filename.endswith((".xml", ".rels")) and info.file_size > DOCX_MAX_PART_BYTES:
            raise InputError(f"{name}: {info.filename} declares {info.file_size} bytes "
                             f"(limit {DOCX_MAX_PART_BYTES}); refused as a possible zip bomb")
        if info.file_size > DOCX_RATIO_FROM and info.file_size > DOCX_MAX_RATIO * max(
                info.compress_size, 1):
            raise InputError(f"{name}: {info.filename} inflates more than {DOCX_MAX_RATIO}x; "
                             "refused as a possible zip bomb")
    if total > DOCX_MAX_TOTAL_BYTES:
        raise InputError(f"{name}: the archive inflates to {total} bytes (limit "
                         f"{DOCX_MAX_TOTAL_BYTES}); refused as a possible zip bomb")


def _safe_xml(data: bytes, name: str, part: str):
    """Parse XML with no entity expansion, no DTD loading and no network access."""
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True,
                             huge_tree=False, remove_comments=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name}: not a readable .docx file ({part}: {exc.msg})") from None


def _main_part(zf: zipfile.ZipFile, name: str) -> str:
    """The archive path of the main document part (word/document.xml as a rule)."""
    try:
        rels = zf.getinfo("_rels/.rels")
    except KeyError:
        return "word/document.xml"
    root = _safe_xml(_member(zf, rels, name), name, "_rels/.rels")
    for rel in root:
        if rel.get("Type") == _REL_DOC and rel.get("Target"):
            return rel.get("Target").lstrip("/")
    return "word/document.xml"


def _line(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(_W + "t"))


def docx_text(data: bytes, name: str = "input") -> str:
    """Paragraphs and table cells of a .docx (its bytes) in document order, one per line."""
    return docx_layout(data, name)[0]


_HEADING_STYLE = re.compile(r"(?i)^(?:heading|标题)\s*([1-9])$|^([1-9])$")


def _heading_level(paragraph) -> int | None:
    """The outline level of a paragraph in a Word heading style (Heading 1, 标题 2) or with
    an outline level of its own, else None."""
    ppr = paragraph.find(_W + "pPr")
    if ppr is None:
        return None
    lvl = ppr.find(_W + "outlineLvl")
    if lvl is not None and (lvl.get(_W + "val") or "").isdigit() and int(lvl.get(_W + "val")) < 9:
        return int(lvl.get(_W + "val")) + 1
    style = ppr.find(_W + "pStyle")
    m = _HEADING_STYLE.match((style.get(_W + "val") or "") if style is not None else "")
    return int(m.group(1) or m.group(2)) if m else None


def docx_layout(data: bytes, name: str = "input") -> tuple[str, dict]:
    """The text of a .docx (as `docx_text`) and its layout by line number: `tables` (each
    a list of rows, each a list of cells, each the list of its lines; a cell merged with
    the one above holds no lines) and `headings` ([line, level] of styled headings).

    The archive is checked against the limits above before anything is inflated, the
    main part is inflated in bounded chunks, and its XML is parsed with entities off
    (no billion laughs, no external entities).
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise InputError(f"{name}: not a readable .docx file ({exc.__class__.__name__})") from None
    with zf:
        _check_archive(zf, name)
        part = _main_part(zf, name)
        try:
            info = zf.getinfo(part)
        except KeyError:
            raise InputError(f"{name}: not a readable .docx file (no {part})") from None
        try:
            root = _safe_xml(_member(zf, info, name), name, part)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            raise InputError(f"{name}: not a readable .docx file "
                             f"({exc.__class__.__name__})") from None
    body = root.find(_W + "body")
    if body is None:
        raise InputError(f"{name}: not a readable .docx file (no document body)")
    lines: list[str] = []
    tables: list[list[list[list[int]]]] = []
    headings: list[list[int]] = []
    for block in body.iterchildren():
        if block.tag == _W + "p":
            level = _heading_level(block)
            if level is not None:
                headings.append([len(lines), level])
            lines.append(_line(block))
        elif block.tag == _W + "tbl":
            table: list[list[list[int]]] = []
            for row in block.iter(_W + "tr"):
                cells: list[list[int]] = []
                for cell in row.iter(_W + "tc"):
                    tcpr = cell.find(_W + "tcPr")
                    merge = tcpr.find(_W + "vMerge") if tcpr is not None else None
                    continued = merge is not None and merge.get(_W + "val") in (None, "continue")
                    here = []
                    for p in cell.iter(_W + "p"):
                        here.append(len(lines))
                        lines.append(_line(p))
                    cells.append([] if continued else here)
                table.append(cells)
            tables.append(table)
    return "\n".join(lines), {"tables": tables, "headings": headings}


def read_docx(path: Path) -> str:
    """Paragraphs and table cells of a .docx file in document order (see `docx_text`)."""
    return docx_text(read_bounded(path), str(path))


# the C0 controls but \t, \n, \v and \f (a \r counts): binary data, found by one scan
_CONTROL_RE = re.compile("[\x00-\x08\x0d-\x1f]")


def validate_text(text: str, name: str = "input") -> str:
    """Reject text with nothing to analyse; return it normalised."""
    text = normalize(text)
    if not text.strip():
        raise InputError(f"{name}: the document is empty")
    if not HAN_RE.search(text):
        raise InputError(f"{name}: the document contains no Chinese text")
    sample = text[:8192]
    controls = len(_CONTROL_RE.findall(sample))
    if controls > len(sample) * 0.001:
        raise InputError(f"{name}: looks like a binary file, not text")
    return text


def check_plan_size(text: str, name: str = "input") -> None:
    """Refuse a file too small, or with too little Chinese, to be a plan (see limits)."""
    # counted, not collected: a list of a 20 MB text's characters cost a gigabyte
    chars = len(_SPACE_RE.sub("", text))
    han = len(text) - len(HAN_RE.sub("", text))
    if chars < MIN_CHARS or han < MIN_HAN:
        raise InputError(f"{name}: too short to be a plan ({chars} characters, {han} "
                         f"Chinese; at least {MIN_CHARS} and {MIN_HAN} are needed)")
    if han < MIN_HAN_SHARE * chars:
        raise InputError(f"{name}: too little Chinese text to be a plan ({han} of "
                         f"{chars} characters)")


_SPACE_RE = re.compile(r"\s")  # what str.isspace() calls space (\s of str patterns)


def read_bounded(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file, read at most `limit` + 1 bytes far.

    The file is opened without blocking and checked with fstat on the open descriptor,
    so a FIFO, a device or a symlink to /dev/zero is refused at once instead of hanging
    or filling memory (their st_size says nothing).
    """
    p = Path(path)
    limit = MAX_BYTES if limit is None else limit
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{p}: is a directory, not a file")
        raise InputError(f"{p}: not a regular file (a pipe, socket or device); "
                         "save the plan to a file first")
    with os.fdopen(fd, "rb", buffering=0) as fh:
        if st.st_size > limit:
            raise InputError(f"{p}: file too large ({st.st_size} bytes; limit {limit})")
        chunks, total = [], 0
        try:
            while total <= limit and (chunk := fh.read(min(1 << 20, limit + 1 - total))):
                chunks.append(chunk)
                total += len(chunk)
        except OSError as exc:
            raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    if total > limit:
        raise InputError(f"{p}: file too large (over {limit} bytes)")
    return b"".join(chunks)


def read_document(path: str | Path) -> Source:
    """Read a plan document from a .txt or .docx file (a regular file, within the limits)."""
    p = Path(path)
    data = read_bounded(p)
    for magic, what in _FOREIGN:
        if data.startswith(magic):
            raise InputError(f"{p}: {what}")
    if p.suffix.lower() == ".docx":
        raw, layout = docx_layout(data, str(p))
        text = validate_text(raw, str(p))
        check_plan_size(text, str(p))
        return Source(text, str(p), "docx", None, layout)
    if data[:4] == b"PK\x03\x04":
        raise InputError(f"{p}: looks like a zip/Office file; name it .docx to read it as Word")
    text, encoding = decode_bytes(data, str(p))
    text = validate_text(text, str(p))
    check_plan_size(text, str(p))
    return Source(text, str(p), "text", encoding)
