"""Decoding: every format and encoding of tests/data/formats/ reads as its source does, and bad
input is refused with a clear message, never an exception of another type. No database."""

import gzip
import io
import random
import zipfile
from pathlib import Path

import docx
import opencc
import pytest

from reports.ingest.charset import decode_bytes
from reports.ingest.decode import decode_document, describe_size
from reports.ingest.normalize import normalize_text
from reports.ingest.types import IngestError

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests" / "data" / "formats"
HOHHOT = ROOT / "fixtures" / "demo" / "hohhot_zy_2023_review.txt"
BAYANNUR = ROOT / "fixtures" / "demo" / "bayannur_zy_2025_review.txt"
CORPUS = ROOT / "tests" / "data" / "corpus"

# variant → (source, format, encoding)
VARIANTS = {
    "hohhot_zy_2023_review.gb18030.txt": (HOHHOT, "txt", "gb18030"),
    "bayannur_zy_2025_review.utf16.txt": (BAYANNUR, "txt", "utf-16"),
    "henan_gy_enforcement_2016_news.utf16le.txt": (
        CORPUS / "henan_gy_enforcement_2016_news.txt",
        "txt",
        "utf-16-le",
    ),
    "zhengzhou_zy_jianxing_jianwai_2015.utf8bom.txt": (
        CORPUS / "zhengzhou_zy_jianxing_jianwai_2015.txt",
        "txt",
        "utf-8-bom",
    ),
    "bayannur_zy_2025_review.traditional.txt": (BAYANNUR, "txt", "utf-8"),
    "bayannur_zy_2025_review.docx": (BAYANNUR, "docx", "utf-8"),
    "bayannur_zy_2025_review.html": (BAYANNUR, "html", "utf-8"),
    "hohhot_zy_2023_review.pdf": (HOHHOT, "pdf", "pdf"),
}
HEADINGS_004 = [
    "实质化解行政争议 助推法治政府建设",
    "数字赋能提质效 智慧法院惠民生",
    "守正创新护金融 司法服务促发展",
    "精耕细作“五线谱” 奏响后勤保障“协奏曲”",
]


def test_the_generated_documents_stay_small():
    total = sum(path.stat().st_size for path in FORMATS.iterdir() if path.suffix != ".py")
    assert total < 200 * 1024


@pytest.mark.parametrize("name", VARIANTS)
def test_each_format_reads_as_its_source(name):
    source, fmt, encoding = VARIANTS[name]
    decoded = decode_document((FORMATS / name).read_bytes(), name)
    assert (decoded.format, decoded.encoding) == (fmt, encoding)
    expected = normalize_text(source.read_text(encoding="utf-8"))
    if "traditional" in name:
        expected = opencc.OpenCC("s2t").convert(expected)
    got = normalize_text(decoded.text)
    if fmt == "html":  # the page's <h1> comes first; the text under it is the source's
        assert got.split("\n", 1)[0] == "巴彦淖尔中院2025年工作巡礼"
        got = got.split("\n", 1)[1]
    assert got == expected


def test_html_keeps_the_article_and_drops_the_page_furniture():
    decoded = decode_document((FORMATS / "bayannur_zy_2025_review.html").read_bytes(), "a.html")
    for furniture in (
        "首页",
        "当前位置",
        "版权所有",
        "联系我们",
        "ICP备",
        "热点新闻",
        "分享到",
        "统计代码",
        "font-family",
    ):
        assert furniture not in decoded.text, furniture
    assert "&ldquo;" not in decoded.text and "&amp;" not in decoded.text
    assert "创新推出“六个一”特色工作法" in decoded.text
    assert decoded.title_hint == "巴彦淖尔中院2025年工作巡礼"
    assert list(decoded.headings) == HEADINGS_004


def test_html_without_article_tag_is_read_by_text_density():
    paragraphs = "".join(
        f"<p>全市法院审结各类案件{n}万件，同比上升{n}%，执行到位金额{n}亿元，群众满意度持续提升。</p>"
        for n in range(1, 6)
    )
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "<title>全市法院工作综述 - 某某法院网</title></head><body>"
        '<div class="menu"><a>首页</a><a>审务公开</a></div>'
        '<table><tr><td class="left"><a>友情链接一</a><br><a>友情链接二</a></td>'
        f'<td class="TRS_Editor">{paragraphs}</td></tr></table>'
        "<div>Copyright 2025 某某法院 版权所有</div></body></html>"
    )
    decoded = decode_document(page.encode("gbk"), "news.htm")
    assert decoded.encoding == "gb18030"
    lines = decoded.text.split("\n")
    assert lines[0] == "全市法院工作综述"
    assert lines[1].startswith("全市法院审结各类案件1万件")
    assert len(lines) == 6
    assert "友情链接" not in decoded.text and "版权所有" not in decoded.text


def _docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_title_headings_numbering_and_tables():
    def build(document):
        document.add_paragraph("某某市中级人民法院工作报告", style="Title")
        document.add_heading("一、2024年主要工作", level=1)
        document.add_paragraph("依法审结各类案件。", style="List Number")
        document.add_paragraph("坚持能动司法", style="List Number")
        table = document.add_table(rows=2, cols=3)
        for row, cells in zip(
            table.rows, [("类别", "受理", "审结"), ("刑事", "1200件", "1180件")], strict=True
        ):
            for cell, value in zip(row.cells, cells, strict=True):
                cell.text = value

    decoded = decode_document(_docx_bytes(build), "report.docx")
    assert decoded.format == "docx"
    assert decoded.title_hint == "某某市中级人民法院工作报告"
    # a short numbered paragraph reads as a heading, a numbered sentence does not
    assert decoded.headings == ("一、2024年主要工作", "坚持能动司法")
    assert decoded.text.split("\n")[-2:] == ["类别 | 受理 | 审结", "刑事 | 1200件 | 1180件"]


@pytest.mark.parametrize(
    "data, encoding",
    [
        ("呼和浩特市中级人民法院".encode("gbk"), "gb18030"),  # short GBK: detectors guess wrong
        ("二〇二五年".encode("gb18030"), "gb18030"),
        ("法院".encode("utf-8-sig"), "utf-8-bom"),
        ("全市法院审结案件1.39万件".encode("utf-16-be"), "utf-16-be"),
        ("巴彥淖爾市中級人民法院堅持司法為民，審結案件1.39萬件。".encode("big5"), "big5"),
    ],
)
def test_text_encodings(data, encoding):
    text, found = decode_bytes(data)
    assert found == encoding
    assert "法院" in text or "年" in text


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in names.items():
            archive.writestr(name, content)
    return buffer.getvalue()


_RANDOM = random.Random(7)
BAD_INPUT = [
    (b"", "a.txt", "文件为空"),
    (b"  \n\t \r\n", "a.txt", "没有文字内容"),
    (bytes(_RANDOM.randrange(256) for _ in range(4000)), "a.txt", "二进制"),
    (b"\x00\x01\x02\x03binary\x00data" * 50, "a.bin", "二进制"),
    (_zip({"a.txt": "法院".encode()}), "reports.zip", "压缩包"),
    (_zip({"a.txt": "法院".encode()}), "a.txt", "压缩包"),
    (gzip.compress("法院".encode()), "a.txt.gz", "压缩包"),
    (b"Rar!\x1a\x07\x00" + b"\x00" * 40, "a.rar", "压缩包"),
    (b"7z\xbc\xaf\x27\x1c" + b"\x00" * 40, "a.7z", "压缩包"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.doc", ".docx"),
    ((FORMATS / "scanned.pdf").read_bytes(), "scan.pdf", "OCR"),
    (b"%PDF-1.4\n1 0 obj <<>> garbage", "broken.pdf", "无法读取"),
    ("不是 PDF".encode(), "fake.pdf", "损坏"),
    ("不是 Word".encode(), "fake.docx", "损坏"),
    (_zip({"word/document.xml": b"<not-xml"}), "broken.docx", "无法读取"),
    (b"<html><body><script>var a=1;</script></body></html>", "empty.html", "没有找到正文"),
]


@pytest.mark.parametrize("data, filename, message", BAD_INPUT, ids=[row[1] for row in BAD_INPUT])
def test_bad_input_is_refused_with_a_chinese_message(data, filename, message):
    with pytest.raises(IngestError) as caught:
        decode_document(data, filename)
    assert message in caught.value.message
    assert caught.value.detail  # English, for developers


def test_the_size_limit_is_configurable_and_says_both_sizes():
    with pytest.raises(IngestError) as caught:
        decode_document("法院".encode() * 1000, "big.txt", max_bytes=1000)
    assert caught.value.message == "文件过大（5.9 KB，上限 1000 字节）"
    assert "6000 bytes" in caught.value.detail


@pytest.mark.parametrize(
    "size, words",
    [(900, "900 字节"), (100_000, "97.7 KB"), (20 * 1024 * 1024, "20 MB"), (1_572_864, "1.5 MB")],
)
def test_sizes_are_described_as_people_read_them(size, words):
    assert describe_size(size) == words


def test_a_scanned_pdf_asks_for_ocr_in_both_languages():
    with pytest.raises(IngestError) as caught:
        decode_document((FORMATS / "scanned.pdf").read_bytes(), "scan.pdf")
    assert str(caught.value) == "该 PDF 没有文字层，需要先进行 OCR 识别 (scanned PDF: OCR needed)"


def test_unknown_extension_is_read_as_text_with_a_warning():
    decoded = decode_document("2025年,全市两级法院".encode("gb18030"), "report.dat")
    assert decoded.text == "2025年,全市两级法院"
    assert decoded.format == "txt"
    assert any(".dat" in warning for warning in decoded.warnings)


def test_unknown_extension_that_is_a_web_page_is_read_as_html():
    page = "<!DOCTYPE html><html><body><article><p>全市法院审结案件1.39万件。</p></article></body></html>"
    decoded = decode_document(page.encode(), "download")
    assert (decoded.format, decoded.text) == ("html", "全市法院审结案件1.39万件。")


def test_a_pdf_named_txt_is_read_as_pdf():
    decoded = decode_document((FORMATS / "hohhot_zy_2023_review.pdf").read_bytes(), "x.txt")
    assert decoded.format == "pdf"
