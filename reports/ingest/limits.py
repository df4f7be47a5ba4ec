"""Refusing decompression bombs before a reader unpacks them.

A file's size says little about what parsing it costs: an 864 KB .docx whose document.xml
inflates to 296 MB grew a server worker to 4.6 GB. Every container is measured before its
reader runs, from what can be read cheaply:

- a .docx (a zip): the uncompressed sizes in the zip's central directory (``zipfile`` stops
  reading an entry at its declared size, so a forged smaller size fails the CRC check instead
  of inflating further);
- a PDF: every Flate-compressed stream that is not an image, inflated in bounded steps
  and counted, never held whole;
- a web page: its markup's size;
- and for any format, the length of the decoded text before normalising and extraction.

    >>> check_text_length("二〇二五年")
    >>> check_zip(b"not a zip")  # a damaged package is the reader's message to give

Pure Python, no Django. Raises ``IngestError`` (Chinese for editors, English detail).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from reports.ingest.types import IngestError

# Word's XML for a 1,000-page report stays under 30 MB; images and fonts are counted in the
# total only.
MAX_ZIP_PART_BYTES = 64 * 1024 * 1024
MAX_ZIP_TOTAL_BYTES = 256 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
# Text-bearing PDF streams (pages, fonts, object streams) inflated, all together.
MAX_PDF_INFLATED_BYTES = 256 * 1024 * 1024
MAX_HTML_BYTES = 16 * 1024 * 1024
# About 1,400 pages of Chinese: more than any report; extraction time grows with the text.
MAX_TEXT_CHARS = 2_000_000

BOMB = "疑似压缩炸弹，已拒绝"


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def check_container(data: bytes, kind: str) -> None:
    """The check for a reader (``kind``: docx / pdf / html; others pass)."""
    if kind == "docx":
        check_zip(data)
    elif kind == "pdf":
        check_pdf(data)
    elif kind == "html":
        check_html(data)


def check_zip(data: bytes) -> None:
    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not readable as a zip: the reader says the file is damaged
    if len(entries) > MAX_ZIP_ENTRIES:
        raise IngestError(
            f"Word 文件包含 {len(entries)} 个部件（上限 {MAX_ZIP_ENTRIES}），{BOMB}",
            f"zip with {len(entries)} entries, over the limit of {MAX_ZIP_ENTRIES}",
        )
    largest = max(entries, key=lambda e: e.file_size, default=None)
    if largest is not None and largest.file_size > MAX_ZIP_PART_BYTES:
        raise IngestError(
            f"Word 文件中的 {largest.filename} 解压后有 {megabytes(largest.file_size)}"
            f"（上限 {megabytes(MAX_ZIP_PART_BYTES)}），{BOMB}",
            f"{largest.filename} inflates to {largest.file_size} bytes, over the limit of "
            f"{MAX_ZIP_PART_BYTES}: a decompression bomb",
        )
    total = sum(e.file_size for e in entries)
    if total > MAX_ZIP_TOTAL_BYTES:
        raise IngestError(
            f"Word 文件解压后共 {megabytes(total)}（上限 {megabytes(MAX_ZIP_TOTAL_BYTES)}），{BOMB}",
            f"zip inflates to {total} bytes, over the limit of {MAX_ZIP_TOTAL_BYTES}",
        )


_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_DICT_BEFORE = 4096  # how far back the stream's dictionary is looked for
_STEP = 1024 * 1024


def check_pdf(data: bytes) -> None:
    """Inflate every Flate stream of the file a megabyte at a time, counting."""
    inflated = 0
    position = 0
    while True:
        match = _STREAM.search(data, position)
        if match is None:
            return
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        position = end
        head = data[max(0, match.start() - _DICT_BEFORE) : match.start()]
        dictionary = head[head.rfind(b"<<") :] if b"<<" in head else head
        if not _FLATE.search(dictionary) or _IMAGE.search(dictionary):
            continue  # pdfminer leaves images encoded when it reads text
        inflated += _inflated_size(data[start:end], MAX_PDF_INFLATED_BYTES - inflated)
        if inflated > MAX_PDF_INFLATED_BYTES:
            raise IngestError(
                f"PDF 中的压缩内容解压后超过 {megabytes(MAX_PDF_INFLATED_BYTES)}，{BOMB}",
                f"Flate streams inflate to more than {MAX_PDF_INFLATED_BYTES} bytes: a "
                "decompression bomb",
            )


def _inflated_size(compressed: bytes, budget: int) -> int:
    """Bytes ``compressed`` inflates to, stopping once past ``budget`` (a damaged stream
    counts what it gave before the damage, as pdfminer reads it)."""
    inflater = zlib.decompressobj()
    size = 0
    pending = compressed
    try:
        while pending and size <= budget:
            size += len(inflater.decompress(pending, _STEP))
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass
    return size


def check_html(data: bytes) -> None:
    if len(data) > MAX_HTML_BYTES:
        raise IngestError(
            f"网页文件过大（{megabytes(len(data))}，上限 {megabytes(MAX_HTML_BYTES)}）",
            f"HTML of {len(data)} bytes, over the limit of {MAX_HTML_BYTES}",
        )


def check_text_length(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(
            f"文件解码后有 {len(text):,} 个字符（上限 {MAX_TEXT_CHARS:,}），不像一篇报告，已拒绝",
            f"decoded text of {len(text)} characters, over the limit of {MAX_TEXT_CHARS}",
        )
