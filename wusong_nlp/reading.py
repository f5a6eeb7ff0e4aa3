"""Stage 1: file → text.

Reads .txt in any common Chinese encoding (detected from the bytes) and .docx, and
normalises the few things that would otherwise break offsets or headings (Word
residue, CR line ends). Everything downstream refers to the text returned here.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .text import HAN_RE

MAX_BYTES = 64 * 1024 * 1024

_RESIDUE = re.compile(r"\[bookmark:[^\]]*\]|\[(?:image|picture)[^\]]*\]", re.I)


class InputError(ValueError):
    """Input that cannot be analysed; its message is one line meant for the user."""


@dataclass(frozen=True)
class Source:
    """The text to analyse and where it came from."""

    text: str
    path: str | None = None
    format: str = "text"
    encoding: str | None = None


def decode_bytes(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode bytes of a Chinese text, trying BOMs, UTF-8, then GB18030.

    Returns the text and the encoding used. GB18030 is a superset of GBK and GB2312,
    so one attempt covers all three.
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
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise InputError(
            f"{name}: cannot decode the bytes as UTF-8, UTF-16 or GB18030/GBK"
        ) from None


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


def read_docx(path: Path) -> str:
    """Paragraphs and table cells of a .docx in document order, one per line."""
    import docx  # python-docx; imported lazily, only .docx needs it
    from docx.oxml.ns import qn

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{path}: not a readable .docx file ({exc.__class__.__name__})") from None
    except Exception as exc:  # python-docx raises its own types for broken packages
        raise InputError(f"{path}: not a readable .docx file ({exc.__class__.__name__})") from None
    lines: list[str] = []
    body = document.element.body
    for block in body.iterchildren():
        if block.tag == qn("w:p"):
            lines.append("".join(t.text or "" for t in block.iter(qn("w:t"))))
        elif block.tag == qn("w:tbl"):
            for row in block.iter(qn("w:tr")):
                for cell in row.iter(qn("w:tc")):
                    for p in cell.iter(qn("w:p")):
                        lines.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return "\n".join(lines)


def validate_text(text: str, name: str = "input") -> str:
    """Reject text with nothing to analyse; return it normalised."""
    text = normalize(text)
    if not text.strip():
        raise InputError(f"{name}: the document is empty")
    if not HAN_RE.search(text):
        raise InputError(f"{name}: the document contains no Chinese text")
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f\v")
    if controls > len(sample) * 0.001:
        raise InputError(f"{name}: looks like a binary file, not text")
    return text


def read_document(path: str | Path) -> Source:
    """Read a plan document from a .txt or .docx file."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, not a file")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    if size > MAX_BYTES:
        raise InputError(f"{p}: file too large ({size} bytes; limit {MAX_BYTES})")
    if p.suffix.lower() == ".docx":
        return Source(validate_text(read_docx(p), str(p)), str(p), "docx", None)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    if data[:4] == b"PK\x03\x04":
        raise InputError(f"{p}: looks like a zip/Office file; name it .docx to read it as Word")
    text, encoding = decode_bytes(data, str(p))
    return Source(validate_text(text, str(p)), str(p), "text", encoding)
