"""Decompression bombs are refused in seconds, before a reader unpacks them."""

import time
from pathlib import Path

import pytest

from reports.ingest import limits
from reports.ingest.parse import parse_report, parse_text
from reports.ingest.types import IngestError
from tests.ingest.bombs import docx_bomb, pdf_bomb

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"


def refused(data, filename):
    started = time.monotonic()
    with pytest.raises(IngestError) as error:
        parse_report(data, filename, courts=())
    return error.value, time.monotonic() - started


def test_a_word_bomb_is_refused_in_seconds():
    bomb = docx_bomb()
    assert len(bomb) < 1.5 * 1024 * 1024  # the size an upload limit lets through
    error, seconds = refused(bomb, "报告.docx")
    assert seconds < 2
    assert "document.xml" in error.message and "解压后" in error.message
    assert "300 MB" in error.message and "decompression bomb" in error.detail


def test_a_pdf_bomb_is_refused_in_seconds():
    error, seconds = refused(pdf_bomb(), "报告.pdf")
    assert seconds < 3
    assert "PDF" in error.message and "解压后" in error.message


def test_real_files_pass_the_checks():
    for name in ("bayannur_zy_2025_review.docx", "hohhot_zy_2023_review.pdf"):
        data = (FORMATS / name).read_bytes()
        limits.check_container(data, name.rsplit(".", 1)[1])
        assert parse_report(data, name, courts=()).sections


def test_an_oversized_web_page_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_HTML_BYTES", 1000)
    page = ("<html><body><p>" + "本院审结案件。" * 200 + "</p></body></html>").encode()
    error, _ = refused(page, "report.html")
    assert "网页文件过大" in error.message


def test_a_text_longer_than_any_report_is_refused_before_extraction():
    text = "全市法院审结案件1.2万件。" * (limits.MAX_TEXT_CHARS // 14 + 1)
    started = time.monotonic()
    with pytest.raises(IngestError) as error:
        parse_text(text, courts=(), max_bytes=10**9)
    assert time.monotonic() - started < 1
    assert "个字符" in error.value.message


def test_a_damaged_zip_is_left_to_the_reader():
    error, _ = refused(b"PK\x03\x04" + b"word/document.xml" + b"\0" * 100, "report.docx")
    assert "Word" in error.message and "炸弹" not in error.message
