"""Write the test documents of this folder from the seeds and the corpus copies.

    .venv/bin/python tests/data/formats/make_formats.py

The files are committed; run this again only to change them, and review the result. Most
variants need only the project's own dependencies; the PDFs need reportlab, a test-data tool
and not a runtime dependency (``pip install reportlab==4.4.4``, e.g. into a scratch directory
put on PYTHONPATH). Its built-in CID font STSong-Light needs no font file, and is not embedded,
so the PDFs stay small.

What each file tests is listed in FILES (tests/ingest/test_decode.py reads the same table).
"""

from __future__ import annotations

import html
import io
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

HOHHOT = ROOT / "fixtures" / "demo" / "hohhot_zy_2023_review.txt"
BAYANNUR = ROOT / "fixtures" / "demo" / "bayannur_zy_2025_review.txt"
CORPUS = ROOT / "tests" / "data" / "corpus"

# file name → (source document, what the variant exercises)
FILES = {
    "hohhot_zy_2023_review.gb18030.txt": (HOHHOT, "GB18030 bytes of a newspaper extraction"),
    "bayannur_zy_2025_review.utf16.txt": (BAYANNUR, "UTF-16 with BOM"),
    "henan_gy_enforcement_2016_news.utf16le.txt": (
        CORPUS / "henan_gy_enforcement_2016_news.txt",
        "UTF-16-LE without BOM",
    ),
    "zhengzhou_zy_jianxing_jianwai_2015.utf8bom.txt": (
        CORPUS / "zhengzhou_zy_jianxing_jianwai_2015.txt",
        "UTF-8 with BOM, tab and full-width-space indents, &ldquo; entities",
    ),
    "bayannur_zy_2025_review.traditional.txt": (BAYANNUR, "traditional characters (OpenCC s2t)"),
    "bayannur_zy_2025_review.html": (
        BAYANNUR,
        "web page: nav, header, footer, script, style, share bar, double-escaped entities, <h2>",
    ),
    "bayannur_zy_2025_review.docx": (BAYANNUR, "Word: headings in the Heading 2 style"),
    "hohhot_zy_2023_review.pdf": (HOHHOT, "two-column newspaper page with a text layer"),
    "scanned.pdf": (HOHHOT, "an image-only page: no text layer, OCR needed"),
}


def normalised_lines(path: Path) -> list[str]:
    from reports.ingest.normalize import normalize_text

    return normalize_text(path.read_text(encoding="utf-8")).split("\n")


def write_encodings() -> None:
    (HERE / "hohhot_zy_2023_review.gb18030.txt").write_bytes(
        HOHHOT.read_text(encoding="utf-8").encode("gb18030")
    )
    (HERE / "bayannur_zy_2025_review.utf16.txt").write_bytes(
        BAYANNUR.read_text(encoding="utf-8").encode("utf-16")
    )
    henan = (CORPUS / "henan_gy_enforcement_2016_news.txt").read_text(encoding="utf-8")
    (HERE / "henan_gy_enforcement_2016_news.utf16le.txt").write_bytes(henan.encode("utf-16-le"))
    zhengzhou = (CORPUS / "zhengzhou_zy_jianxing_jianwai_2015.txt").read_text(encoding="utf-8")
    (HERE / "zhengzhou_zy_jianxing_jianwai_2015.utf8bom.txt").write_bytes(
        zhengzhou.encode("utf-8-sig")
    )
    import opencc

    traditional = opencc.OpenCC("s2t").convert(BAYANNUR.read_text(encoding="utf-8"))
    (HERE / "bayannur_zy_2025_review.traditional.txt").write_text(traditional, encoding="utf-8")


HEADINGS_004 = (
    "实质化解行政争议 助推法治政府建设",
    "数字赋能提质效 智慧法院惠民生",
    "守正创新护金融 司法服务促发展",
    "精耕细作“五线谱” 奏响后勤保障“协奏曲”",
)

PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>巴彦淖尔中院2025年工作巡礼_巴彦淖尔市中级人民法院</title>
<style>body {{ font-family: serif; }} .nav a {{ margin: 0 1em; }}</style>
<script>var menu = ["首页", "法院概况", "新闻中心"]; document.title += "";</script>
</head><body>
<header><div class="logo">巴彦淖尔市中级人民法院</div>
<nav class="nav"><a href="/">首页</a><a href="/gk">法院概况</a><a href="/xw">新闻中心</a></nav></header>
<div class="position">当前位置：<a href="/">首页</a> &gt; 新闻中心 &gt; 法院动态</div>
<div class="container">
<div class="sidebar"><h3>热点新闻</h3><ul><li><a href="/1">全市法院召开执行工作会议</a></li>
<li><a href="/2">市中院开展宪法宣传周活动</a></li></ul></div>
<div class="content">
<article>
<h1>巴彦淖尔中院2025年工作巡礼</h1>
<div class="share">分享到：微信 微博</div>
{body}
</article>
</div></div>
<footer><p>版权所有 &copy; 巴彦淖尔市中级人民法院 | <a href="/lx">联系我们</a></p>
<p>蒙ICP备12345678号 技术支持：某某信息公司</p></footer>
<script>console.log("统计代码");</script>
</body></html>
"""


def _html_paragraph(text: str, n: int) -> str:
    escaped = html.escape(text, quote=False)
    if n % 3 == 0:  # CMS exports that escape twice: &amp;ldquo; reaches the reader as &ldquo;
        escaped = escaped.replace("“", "&amp;ldquo;").replace("”", "&amp;rdquo;")
    elif n % 3 == 1:
        escaped = escaped.replace("“", "&ldquo;").replace("”", "&rdquo;")
    breaks = [m.start() for m in re.finditer("(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])", escaped)]
    if n % 4 == 0 and len(breaks) > 40:  # a source line break between two Chinese characters
        escaped = escaped[: breaks[40]] + "\n    " + escaped[breaks[40] :]
    return f"<p>{escaped}</p>"


def write_html() -> None:
    lines = normalised_lines(BAYANNUR)
    body = []
    for n, line in enumerate(lines):
        if line in HEADINGS_004:
            body.append(f"<h2>{html.escape(line, quote=False)}</h2>")
        elif n < 2:
            body.append(
                f'<figure><img src="p{n}.jpg" alt=""><figcaption>{line}</figcaption></figure>'
            )
        elif line.startswith("(本版文图"):
            body.append(f'<p class="author">{html.escape(line, quote=False)}</p>')
        else:
            body.append(_html_paragraph(line, n))
    page = PAGE.format(body="\n".join(body))
    (HERE / "bayannur_zy_2025_review.html").write_text(page, encoding="utf-8")


def write_docx() -> None:
    import docx

    document = docx.Document()
    for line in normalised_lines(BAYANNUR):
        if line in HEADINGS_004:
            document.add_heading(line, level=2)
        else:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    (HERE / "bayannur_zy_2025_review.docx").write_bytes(_fixed_zip_times(buffer.getvalue()))


def _fixed_zip_times(data: bytes) -> bytes:
    """The same .docx every run: python-docx stamps each zip entry with the current time."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info))
    return out.getvalue()


def write_pdfs() -> None:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font = "STSong-Light"
    body = ParagraphStyle(
        "body",
        fontName=font,
        fontSize=10,
        leading=15,
        wordWrap="CJK",
        alignment=TA_JUSTIFY,
        firstLineIndent=20,
        spaceAfter=2,
    )
    heading = ParagraphStyle(
        "heading",
        parent=body,
        fontSize=13,
        leading=20,
        firstLineIndent=0,
        spaceBefore=6,
        spaceAfter=4,
    )
    title = ParagraphStyle("title", parent=heading, fontSize=20, leading=28, alignment=TA_CENTER)
    subtitle = ParagraphStyle("subtitle", parent=heading, fontSize=12, alignment=TA_CENTER)

    width, height = A4
    margin, gutter, banner = 50, 24, 110
    column = (width - 2 * margin - gutter) / 2
    top = Frame(margin, height - margin - banner, width - 2 * margin, banner, id="banner")
    first = [
        Frame(
            margin + i * (column + gutter), margin, column, height - 2 * margin - banner, id=f"c{i}"
        )
        for i in range(2)
    ]
    later = [
        Frame(margin + i * (column + gutter), margin, column, height - 2 * margin, id=f"d{i}")
        for i in range(2)
    ]
    lines = normalised_lines(HOHHOT)
    story = [
        Paragraph(lines[0], title),
        Paragraph(lines[1], subtitle),
        Paragraph(lines[2], subtitle),
        FrameBreak(),
    ]
    headings = {
        "服务高质量发展大局",
        "保障首府安全稳定",
        "筑牢生态安全屏障",
        "能动司法形成合力",
        "小案件关乎大民生",
    }
    for line in lines[3:]:
        story.append(Paragraph(html.escape(line), heading if line in headings else body))
    buffer = io.BytesIO()
    document = BaseDocTemplate(buffer, pagesize=A4, title="", author="", invariant=1)
    document.addPageTemplates(
        [
            PageTemplate(id="first", frames=[top, *first], autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=later),
        ]
    )
    document.build(story)
    (HERE / "hohhot_zy_2023_review.pdf").write_bytes(buffer.getvalue())
    _write_scanned()


def _write_scanned() -> None:
    """A page that is one picture of lines of "text", as a scanner makes it."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("1", (300, 420), 1)
    draw = ImageDraw.Draw(image)
    for row in range(30, 400, 14):
        for x in range(20, 280, 11):
            if (x * 7 + row) % 13:
                draw.rectangle((x, row, x + 8, row + 9), fill=0)
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.drawImage(ImageReader(image), 40, 60, width=A4[0] - 80, height=A4[1] - 120)
    page.showPage()
    page.save()
    (HERE / "scanned.pdf").write_bytes(buffer.getvalue())


def main() -> None:
    write_encodings()
    write_html()
    write_docx()
    write_pdfs()
    total = sum(path.stat().st_size for path in HERE.iterdir() if path.name in FILES)
    print(f"{len(FILES)} files, {total / 1024:.0f} KB")


if __name__ == "__main__":
    main()
