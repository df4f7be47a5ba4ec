"""Bytes → text: the first step of ingestion, and the one that refuses what cannot be a report.

``decode_document`` picks the reader from the extension (and the file's magic bytes when the
extension is unknown or lies) and returns a ``DecodedDocument``; the office formats live in
``formats.py``. Anything that cannot become a report raises ``IngestError`` with a Chinese
message for editors and an English detail — never another exception.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from reports.ingest.charset import decode_bytes
from reports.ingest.formats import decode_docx, decode_html, decode_pdf
from reports.ingest.limits import check_container
from reports.ingest.types import DecodedDocument, IngestError

MAX_BYTES = 20 * 1024 * 1024

PLAIN_EXTENSIONS = {".txt", ".text", ".md", ".csv"}
TEXT_EXTENSIONS = PLAIN_EXTENSIONS | {""}  # no warning for these
HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}

# Magic numbers of containers that hold other files: never read them as text.
ARCHIVES = {
    b"PK\x03\x04": "zip",
    b"\x1f\x8b": "gzip",
    b"Rar!\x1a\x07": "rar",
    b"7z\xbc\xaf\x27\x1c": "7z",
    b"BZh": "bzip2",
    b"\xfd7zXZ\x00": "xz",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt before 2007


def describe_size(size: int) -> str:
    """A size as people read it: ``100_000`` → ``"97.7 KB"``, ``20 * 1024 * 1024`` → ``"20 MB"``
    (a limit set below 1 MB must not read as "0 MB")."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} 字节"


def decode_document(data: bytes, filename: str, max_bytes: int = MAX_BYTES) -> DecodedDocument:
    """Decode an uploaded file: ``decode_document("二〇二五年".encode("gb18030"), "a.txt")``
    → ``DecodedDocument(text="二〇二五年", encoding="gb18030", format="txt")``."""
    if not data:
        raise IngestError("文件为空", "empty file")
    if len(data) > max_bytes:
        raise IngestError(
            f"文件过大（{describe_size(len(data))}，上限 {describe_size(max_bytes)}）",
            f"file of {len(data)} bytes exceeds the limit of {max_bytes} bytes",
        )
    extension = PurePath(filename).suffix.lower()
    kind = _sniff(data, extension)
    check_container(data, kind)
    if kind == "pdf":
        return decode_pdf(data)
    if kind == "docx":
        return decode_docx(data)
    if kind == "html":
        return decode_html(data)
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise IngestError("文件没有文字内容", "file holds only whitespace")
    warnings = (
        () if extension in TEXT_EXTENSIONS else (f"未知的文件类型 {extension}，已按纯文本读取",)
    )
    return DecodedDocument(text=text, encoding=encoding, format="txt", warnings=warnings)


def _sniff(data: bytes, extension: str) -> str:
    """The reader to use: pdf / docx / html / txt. Raises for archives and old Office files."""
    head = data[:8]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if b"word/document.xml" in data[:65536] or b"word/" in data[-65536:]:
            return "docx"
        raise IngestError("不支持压缩包，请解压后逐个上传", "zip archive that is not a .docx")
    for magic, name in ARCHIVES.items():
        if head.startswith(magic):
            raise IngestError("不支持压缩包，请解压后逐个上传", f"{name} archive")
    if len(data) > 262 and data[257:262] == b"ustar":
        raise IngestError("不支持压缩包，请解压后逐个上传", "tar archive")
    if head.startswith(OLE_MAGIC):
        raise IngestError(
            "不支持旧版 Office 文件（.doc），请另存为 .docx 后上传",
            "OLE2 compound file (.doc/.xls)",
        )
    if extension == ".pdf":
        raise IngestError("PDF 文件已损坏（缺少 %PDF 文件头）", "no %PDF- header")
    if extension == ".docx":
        raise IngestError("Word 文件已损坏（不是 .docx 格式）", "not a zip container")
    if extension in HTML_EXTENSIONS:
        return "html"
    if extension not in PLAIN_EXTENSIONS and re.match(
        rb"\s*<(?:!doctype html|html)", data[:512], re.I
    ):
        return "html"
    return "txt"
