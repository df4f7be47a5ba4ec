"""Readers for web pages, Word files and PDFs; ``decode.py`` chooses among them.

Each returns the document's running text, one block (paragraph, heading, table row) per line,
plus what the format says about structure: the title and heading lines, so section splitting
does not have to guess what the author marked.
"""

from __future__ import annotations

import io
import re

from reports.ingest.charset import decode_bytes
from reports.ingest.normalize import ends_sentence, unescape_entities
from reports.ingest.types import DecodedDocument, IngestError

# -- HTML -------------------------------------------------------------------------------------

DROP_TAGS = (
    "script style noscript nav header footer aside form iframe template svg button select "
    "object embed menu dialog"
).split()
# class/id words of page furniture; such an element is dropped unless it holds most of the text
FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|breadcrumb|crumbs?|copyright|share|sidebar|"
    r"toolbar|topbar|banner|comments?|related|recommend|pager|pagination|position|location)"
    r"(?:$|[\s_-])",
    re.I,
)
BLOCK_TAGS = set(
    "p div br h1 h2 h3 h4 h5 h6 li ul ol tr table section article blockquote pre dd dt dl "
    "figure figcaption main center hr address".split()
)
# Short lines of site furniture that survive tag-based cleaning.
BOILERPLATE = re.compile(
    r"版权所有|Copyright|©|联系我们|ICP备|ICP证|公网安备|技术支持|主办单位|承办单位|网站地图|设为首页|"
    r"加入收藏|当前位置|您的位置|上一篇|下一篇|打印本页|关闭窗口|分享到|【字体|字号[:：]|浏览次数|"
    r"点击数|扫一扫|返回顶部"
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)
_CJK_BREAK = re.compile(
    r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”])[ \t\r\n]*\n[ \t\r\n]*(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”])"
)
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")


def _html_text(data: bytes) -> tuple[str, str]:
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii", "ignore").lower()
        name = "gb18030" if name in {"gb2312", "gbk", "gb18030", "x-gbk"} else name
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass  # pages often lie about their charset: detect instead
    return decode_bytes(data)


def decode_html(data: bytes) -> DecodedDocument:
    """A web page's article text: ``<nav>``, footers, scripts and styles dropped, the main
    block chosen by text density; ``<h1>``–``<h4>`` inside it become heading hints."""
    import lxml.html
    from lxml import etree

    text, encoding = _html_text(data)
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text))
    except (etree.ParserError, ValueError) as exc:
        raise IngestError("网页文件无法解析", f"lxml: {exc}") from exc
    page_title = _clean(root.findtext(".//title") or "")
    for element in root.xpath("//*[" + " or ".join(f"self::{t}" for t in DROP_TAGS) + "]"):
        element.drop_tree()
    etree.strip_elements(root, etree.Comment, with_tail=False)
    total = len(root.text_content())
    for element in root.xpath("//*[@class or @id]"):
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        if FURNITURE.search(marks) and len(element.text_content()) < 0.4 * total:
            if element.getparent() is not None:
                element.drop_tree()
    h1 = next((_clean(h.text_content()) for h in root.iter("h1") if h.text_content().strip()), "")
    main = _main_block(root)
    lines, headings = _block_lines(main)
    lines = [line for line in lines if not (len(line) <= 60 and BOILERPLATE.search(line))]
    title = h1 or re.split(r"\s*[-_|｜—]+\s*", page_title)[0]
    if title and lines and _clean(lines[0]) != title and title not in lines[:3]:
        lines.insert(0, title)
    body = unescape_entities("\n".join(lines))
    if not body.strip():
        raise IngestError("网页中没有找到正文", "no article text in the HTML")
    return DecodedDocument(
        text=body,
        encoding=encoding,
        format="html",
        title_hint=unescape_entities(title),
        headings=tuple(unescape_entities(h) for h in headings if h != title),
    )


def _main_block(root):
    """The element holding the article: an ``<article>``/``<main>`` if the page has one,
    else the element whose paragraphs carry the most text (readability-style scoring)."""
    for xpath in ("//article", "//main", "//*[@role='main']"):
        found = sorted(root.xpath(xpath), key=lambda e: len(e.text_content()), reverse=True)
        if found and len(found[0].text_content().strip()) > 50:
            return found[0]
    scores: dict = {}
    for node in root.iter("p", "div", "td", "section", "span", "font", "li", "pre"):
        own = (node.text or "") + "".join(child.tail or "" for child in node)
        if node.tag == "p":
            own = node.text_content()
        weight = len(re.findall(r"[\u4e00-\u9fff，。；、]", own))
        if weight < 10:
            continue
        parent = node.getparent()
        for holder, share in ((node if node.tag != "p" else parent, 1.0), (parent, 0.5)):
            if holder is not None:
                scores[holder] = scores.get(holder, 0.0) + share * weight
    if not scores:
        return root.find("body") if root.find("body") is not None else root
    return max(scores, key=scores.get)


def _inline(text: str | None) -> str:
    """Source whitespace inside running text: a line break between two Chinese characters
    is nothing (as browsers render it), any other run one space."""
    return _HTML_SPACE.sub(" ", _CJK_BREAK.sub("", text)) if text else ""


def _clean(text: str) -> str:
    return _HTML_SPACE.sub(" ", _CJK_BREAK.sub("", text)).strip()


def _block_lines(element) -> tuple[list[str], list[str]]:
    """Text of ``element`` one block per line, and the text of its h1–h4 headings."""
    parts: list[str] = []
    headings: list[str] = []

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("h1", "h2", "h3", "h4"):
            heading = _clean(node.text_content())
            if heading:
                headings.append(heading)
        if tag in BLOCK_TAGS:
            parts.append("\n")
        if tag in ("td", "th"):
            parts.append(" | ")
        if tag == "pre":
            parts.append(node.text_content())
        else:
            parts.append(_inline(node.text))
            for child in node:
                walk(child)
                parts.append(_inline(child.tail))
        if tag in BLOCK_TAGS:
            parts.append("\n")

    walk(element)
    lines = [_clean(line).strip(" |") for line in "".join(parts).split("\n")]
    return [line for line in lines if line], headings


# -- Word -------------------------------------------------------------------------------------


def decode_docx(data: bytes) -> DecodedDocument:
    """A .docx body in reading order: paragraphs, tables as ``cell | cell`` rows; paragraphs
    in Heading/标题 styles, and short numbered ones, become heading hints."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types on a damaged package
        raise IngestError("Word 文件无法读取（文件可能已损坏）", f"python-docx: {exc!r}") from exc
    lines: list[str] = []
    headings: list[str] = []
    title = (document.core_properties.title or "").strip()
    # Paragraph.style searches the whole style table for each paragraph (0.6 s for 100
    # paragraphs); look styles up by id once.
    styles = {style.style_id: style for style in document.styles}
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_rows(block))
            continue
        text = block.text.strip()
        if not text:
            continue
        paragraph_style = _style_of(block, styles)
        style = (paragraph_style.name if paragraph_style is not None else "").lower()
        numbered = _numbered(block, paragraph_style)
        if style.startswith("title") or style == "标题":
            title = title or text
        elif style.startswith(("heading", "标题")) or (
            numbered and len(text) <= 30 and not ends_sentence(text)
        ):
            headings.append(text)
        lines.append(text)
    if not lines:
        raise IngestError("Word 文件中没有文字", "empty document body")
    return DecodedDocument(
        text="\n".join(lines),
        encoding="utf-8",
        format="docx",
        title_hint=title,
        headings=tuple(headings),
    )


def _style_of(paragraph, styles: dict):
    ppr = paragraph._p.pPr
    style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
    return styles.get(style_id) if style_id else None  # None: the default paragraph style


def _numbered(paragraph, style) -> bool:
    """Numbering set on the paragraph or inherited from its style (List Number, 列表编号)."""
    if paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None:
        return True
    while style is not None:
        ppr = style.element.pPr
        if ppr is not None and ppr.numPr is not None:
            return True
        style = style.base_style
    return False


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:  # a merged cell appears once per grid column it spans
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


# -- PDF --------------------------------------------------------------------------------------

OCR_NEEDED = "该 PDF 没有文字层，需要先进行 OCR 识别"


def decode_pdf(data: bytes) -> DecodedDocument:
    """Text of a PDF with a text layer, each page read column by column (newspaper pages set
    two to five columns under a full-width title); a PDF without text raises ``IngestError``
    asking for OCR."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFTextExtractionNotAllowed

    # boxes_flow=None: pdfminer's own box ordering mixes columns; _reading_order does it.
    params = LAParams(boxes_flow=None, line_margin=0.6)
    try:
        layouts = list(extract_pages(io.BytesIO(data), laparams=params))
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFTextExtractionNotAllowed) as exc:
        raise IngestError("PDF 已加密或禁止提取文字", f"pdfminer: {exc!r}") from exc
    except Exception as exc:  # pdfminer raises assorted errors on malformed files
        raise IngestError("PDF 文件无法读取（文件可能已损坏）", f"pdfminer: {exc!r}") from exc
    # Columns are found over the whole document: a newspaper keeps its grid from page to page,
    # and a last page with one short column would not show its gutter on its own.
    columns = _columns([line for page in layouts for line in _text_lines(page)])
    pages = ["\n".join(_box_text(b) for b in _reading_order(page, columns)) for page in layouts]
    text = "\n\n".join(pages)
    visible = re.sub(r"\s", "", text)
    unmapped = len(re.findall(r"\(cid:\d+\)", text))
    if len(visible) < 10 or unmapped * 8 > len(visible):
        raise IngestError(OCR_NEEDED, "scanned PDF: OCR needed")
    return DecodedDocument(text=text, encoding="pdf", format="pdf")


def _box_text(box) -> str:
    return box.get_text().rstrip("\n")


def _text_boxes(page) -> list:
    from pdfminer.layout import LTTextBox

    return [b for b in page if isinstance(b, LTTextBox) and b.get_text().strip()]


def _text_lines(page) -> list:
    from pdfminer.layout import LTTextLine

    return [line for box in _text_boxes(page) for line in box if isinstance(line, LTTextLine)]


def _reading_order(page, columns: list[tuple[float, float]]) -> list:
    """Text boxes of a page in reading order: a box wider than one column (a title, a byline
    across the gutter) starts a new band; within a band columns are read left to right, each
    top to bottom."""
    boxes = _text_boxes(page)

    def column_of(box) -> int | None:
        # Most of the box inside one column: lines may overhang by a punctuation mark.
        overlaps = [min(box.x1, x1) - max(box.x0, x0) for x0, x1 in columns]
        best = max(range(len(columns)), key=overlaps.__getitem__)
        return best if overlaps[best] >= 0.8 * box.width else None

    if len(columns) < 2:
        return sorted(boxes, key=lambda b: (-round(b.y1), b.x0))
    wide = sorted((b for b in boxes if column_of(b) is None), key=lambda b: -b.y1)
    bands: list[list] = [[] for _ in range(len(wide) + 1)]
    for box in boxes:
        if column_of(box) is not None:
            bands[sum(1 for w in wide if w.y1 > box.y1)].append(box)
    ordered = sorted(bands[0], key=lambda b: (column_of(b), -b.y1))
    for separator, band in zip(wide, bands[1:], strict=True):
        ordered.append(separator)
        ordered.extend(sorted(band, key=lambda b: (column_of(b), -b.y1)))
    return ordered


def _columns(lines, step: float = 4.0) -> list[tuple[float, float]]:
    """x-ranges of the columns: runs of 4-pt bins crossed by at least a tenth as many text
    lines as the busiest bin. The few lines of a title crossing a gutter do not close it."""
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    bins = [0] * (int((max(line.x1 for line in lines) - left) / step) + 1)
    for line in lines:
        for i in range(int((line.x0 - left) / step), int((line.x1 - left) / step) + 1):
            bins[i] += 1
    threshold = max(3, max(bins) / 10)
    columns: list[tuple[float, float]] = []
    start = None
    for i, count in enumerate([*bins, 0]):
        if count >= threshold and start is None:
            start = i
        elif count < threshold and start is not None:
            x0, x1 = left + start * step, left + i * step
            if columns and x0 - columns[-1][1] < 2 * step:
                columns[-1] = (columns[-1][0], x1)
            else:
                columns.append((x0, x1))
            start = None
    return columns
