"""Bytes of plain text → str: which encoding a file without a declared charset is in.

Used by ``decode.py`` for text files and by ``formats.py`` for web pages whose ``<meta charset>``
is missing or wrong. Chinese files come as UTF-8, GB18030/GBK (what Windows Notepad and most
court sites write) or UTF-16 (Word's "Unicode text"); the rules are ordered by how often each
guess is wrong on short Chinese text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from reports.ingest.types import IngestError

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Text and its encoding: BOMs first, then UTF-16 without BOM, then a strict UTF-8 →
    GB18030 try, then charset-normalizer, whose guesses on short Chinese text are often wrong
    (it calls GB18030 text Big5 or cp1252) and so come last:
    ``decode_bytes("法院".encode("gbk")) == ("法院", "gb18030")``."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "-bom")
            except UnicodeDecodeError as exc:
                raise IngestError("文件编码无法识别", f"{encoding} BOM but {exc}") from exc
    if b"\x00" in data[:4096]:
        return _decode_utf16_without_bom(data)
    if _control_share(data) > 0.01:
        raise IngestError("文件不是文本（二进制文件）", "control bytes in a file without a BOM")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8" or _plausible(text):
            return text, encoding
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding and _plausible(str(best)):
        return str(best), best.encoding
    raise IngestError(
        "文件编码无法识别（支持 UTF-8、GB18030/GBK、UTF-16）", "no plausible encoding"
    )


def _decode_utf16_without_bom(data: bytes) -> tuple[str, str]:
    # ASCII characters (newlines, digits) have a zero high byte: its side gives the byte order.
    sample = data[:65536]
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    encoding = "utf-16-le" if odd_zeros >= even_zeros else "utf-16-be"
    if len(data) % 2 == 0 and max(even_zeros, odd_zeros) > 4 * min(even_zeros, odd_zeros):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            text = ""
        if text and _plausible(text):
            return text, encoding
    raise IngestError("文件不是文本（二进制文件）", "NUL bytes and not UTF-16")


def _control_share(data: bytes) -> float:
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 and b != 27)
    return controls / len(sample)


# Blocks that Chinese text decoded with the wrong codec fills up: Big5 read as GBK lands in
# kana, Greek, Cyrillic and box drawing; Latin-1 mojibake in accented letters.
_SUSPICIOUS = re.compile(
    "[\u0080-\u024f\u0370-\u04ff\u2500-\u257f\u3040-\u30ff\ue000-\uf8ff\ufffd\U00020000-\U0003ffff]"
)


def _plausible(text: str) -> bool:
    """Whether decoded text reads as text: few controls and few characters from blocks that
    only wrong decoding produces in Chinese documents."""
    sample = text[:20000]
    if not sample:
        return False
    odd = len(_SUSPICIOUS.findall(sample))
    odd += sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    return odd / len(sample) < 0.02
