"""Splitting normalised text into the sections a reader sees, each with a topic.

A heading is a line that looks like one and is followed by body text:

- a short standalone line without sentence punctuation: ``服务高质量发展大局`` (followed by
  ``镜头一：…``), ``实质化解行政争议 助推法治政府建设``, ``附:减刑、假释、暂予监外执行概念``;
  two such lines in a row before body text are one heading;
- a numbered line of the same shape: ``一、`` ``（一）`` ``第一部分`` ``1.``. A numbered line
  that is a whole sentence (``一、2012年在全省最早…矛盾。``) or states a figure
  (``1.全年受理案件12.3万件``) is a list item and stays in the body, as do run-in leads
  (``府院联动促规范,协同共治防风险。…``) and ``一是…二是…`` points, even on a line of their own
  (``三是护航民营经济``);
- a heading the format marked (``heading_hints``: docx styles, html ``<h2>``).

Not sections: the title, byline and captions at the top (``metadata.find_title``), photo
captions anywhere (``庭审现场。``, ``公开庭审(资料图)``), editor footers, bylines, and a
collection's table of contents (``1.某某法院工作报告 2``). Text before
the first heading becomes an untitled lead section; a sidebar column (``asides`` from
normalisation, or the paragraphs after a run of captions at the end of a newspaper page) becomes
its own untitled section, read before the headed ones.

Topics come from keyword scores (``TOPIC_KEYWORDS``), a heading's words weighing four times
those of the body; an untitled lead is an overview.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reports.ingest.metadata import (
    SOURCE_NAME,
    SUBTITLE,
    find_byline,
    find_title,
    is_boilerplate,
    is_byline,
    is_caption,
)
from reports.ingest.normalize import MARKER, POINT_MARKS, display_width, ends_sentence
from reports.ingest.script import simplified, simplified_line
from reports.ingest.types import ParsedSection

# SectionTopic values (reports.choices) and the words that signal them. Order breaks ties.
TOPIC_KEYWORDS: dict[str, tuple[str, ...]] = {
    "smart_court": (
        "智慧法院",
        "信息化",
        "数字",
        "网络安全",
        "智能",
        "大数据",
        "线上",
        "电子送达",
        "在线",
    ),
    "ip": ("知识产权", "专利", "商标", "著作权", "技术秘密"),
    "finance": ("金融", "借款", "信贷", "理财", "金融机构", "债权", "证券"),
    "environment": ("环境", "生态", "环境资源", "黄河", "绿色", "屏障", "山水林田湖草沙"),
    "administrative": (
        "行政争议",
        "行政审判",
        "行政机关",
        "行政诉讼",
        "法治政府",
        "行政案件",
        "负责人出庭",
    ),
    "enforcement": (
        "执行难",
        "执结案件",
        "执行到位",
        "失信",
        "老赖",
        "拒执",
        "执行案件",
        "执行攻坚",
    ),
    "criminal": (
        "刑事",
        "犯罪",
        "罪犯",
        "扫黑除恶",
        "涉黑",
        "诈骗",
        "毒品",
        "减刑",
        "假释",
        "监外执行",
        "安全稳定",
    ),
    "civil": ("民事", "民商事", "商事", "合同纠纷", "婚姻家庭", "继承", "劳动争议", "破产", "借贷"),
    "governance": (
        "诉源治理",
        "多元解纷",
        "调解",
        "社会治理",
        "矛盾纠纷",
        "能动司法",
        "合力",
        "司法建议",
        "联动",
    ),
    "people": ("民生", "司法为民", "群众", "诉讼服务", "未成年人", "欠薪", "便民", "司法救助"),
    "development": ("高质量发展", "大局", "营商环境", "服务保障", "经济社会", "优化营商"),
    "reform": ("改革", "司法责任制", "繁简分流", "员额", "立案登记", "审判权运行"),
    "team": ("队伍", "党建", "干警", "从严治院", "廉政", "作风", "后勤", "装备", "从优待警"),
    "supervision": ("接受监督", "人大代表", "代表委员", "政协委员", "人大监督", "民主监督"),
}
HEADING_WEIGHT = 4
KEYWORD_CAP = 3  # a word repeated ten times in a long body counts three times
OVERVIEW, OTHER = "overview", "other"

HEADING_MAX_WIDTH = 32
NUMBERED_MAX_WIDTH = 48
NUMBERED_PART = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])"
)
FOOTER = re.compile(
    r"^[(（]?(?:责任编辑|编辑|责编|审核|审校|校对|终审|监制|来源|稿件来源|原标题)\s*[:：]"
)
_DATE_ONLY = re.compile(r"^[\d\s年月日:：/.-]+$")
# "◉助力常态化疫情防控 ◉优化法治化营商环境": the points under a part, not parts of their own.
BULLET = re.compile(f"^[{POINT_MARKS}○·]")
# "三是护航民营经济": the third point of a paragraph's list, even on a line of its own.
LIST_ITEM = re.compile(r"^([一二三四五六七八九十]{1,3})是")
PART = re.compile(r"^([一二三四五六七八九十]{1,3})、")
_DIGITS = "一二三四五六七八九"
PHRASE = re.compile(r"[\u4e00-\u9fff“”]+")
# A speech opens with its salutation; the line before it is the report's title (a collection
# gives each report's title above its "各位代表:"), never one of its parts.
SALUTATION = re.compile(r"^(?:各位代表|各位委员|各位领导|同志们)[,，:：]")
# A collection's table of contents: "1.潮州市中级人民法院工作报告 2", a title and its page.
CONTENTS_ENTRY = re.compile(r"[\u4e00-\u9fff》”)）]\s*(\d{1,4})$")
CONTENTS_HEADING = re.compile(r"^目\s*录$")
# A stated figure ("12.3万件", "同比上升5%") makes a numbered line a list item, not a heading.
FIGURE = re.compile(r"\d(?:[\d.,]*)\s*(?:万|亿)?(?:件|人|名|元|个|次|起|项|户|家|%|％|个百分点)")


@dataclass
class _Line:
    index: int
    text: str
    start: int
    end: int
    role: str = "body"  # body / heading / skip / caption / aside


def split_sections(
    text: str,
    heading_hints: Iterable[str] = (),
    *,
    asides: Sequence[tuple[int, int]] = (),
    skip_lines: Iterable[int] | None = None,
) -> tuple[ParsedSection, ...]:
    """Sections of normalised text: ``"题目\\n服务大局\\n镜头一：…。\\n正文…。"`` →
    ``(ParsedSection(1, "服务大局", "镜头一：…。\\n正文…。", "development", …),)``.
    ``skip_lines`` are the front-matter lines (computed with ``metadata`` when not given)."""
    lines = _lines(text)
    if skip_lines is None:
        raw = [line.text for line in lines]
        _, title_lines, captions = find_title(raw)
        skip_lines = {*title_lines, *captions, *find_byline(raw)[1]}
    hints = {_squash(h) for h in heading_hints if h.strip()}
    _mark_roles(lines, set(skip_lines), hints, asides)
    return _assemble(text, lines)


def _lines(text: str) -> list[_Line]:
    result, start = [], 0
    for i, line in enumerate(text.split("\n")):
        result.append(_Line(i, line.strip(), start, start + len(line)))
        start += len(line) + 1
    return result


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text)


def is_caption_line(line: str) -> bool:
    """Photo captions: ``"庭审现场。"``, ``"送达文书。普法宣传。"``, ``"老赖（资料图）"``."""
    if is_caption(line):
        return True
    # A caption names what the photo shows in a few characters, with no figures in it.
    sentences = [s for s in line.split("。") if s]
    return (
        bool(sentences)
        and line.endswith("。")
        and all(display_width(s) <= 8 for s in sentences)
        and not re.search(r"[，,、；：“\d%]", line)
    )


def _heading_shaped(line: str) -> bool:
    # A work report's numbered parts run long ("一、坚持服务大局，以高质量司法服务保障经济社会
    # 高质量发展"); an unnumbered line that long is a paragraph's unpunctuated end.
    limit = NUMBERED_MAX_WIDTH if NUMBERED_PART.match(line) else HEADING_MAX_WIDTH
    if not 2 <= display_width(line) <= limit:
        return False
    if ends_sentence(line) or line[-1] in "，,、：:" or "。" in line:
        return False
    if is_byline(line) or FOOTER.match(line) or is_caption_line(line) or _DATE_ONLY.match(line):
        return False
    if SUBTITLE.match(line):
        return False  # "——某某法院2024年工作纪实" belongs to the title
    if LIST_ITEM.match(line) or FIGURE.search(line) or BULLET.match(line):
        return False
    return len(re.findall(r"[\u4e00-\u9fff]", line)) >= 4


def _paired_heading(line: str) -> bool:
    """A newspaper heading of two parallel phrases of one length, set apart by a space, is
    complete: ``"党建引领 政治铸魂"`` and ``"数字赋能提质效 智慧法院惠民生"`` are, while
    ``"深化知识产权司法保护"`` (whose second half may stand on the next line) is not. A paper
    sets such a line over a second heading line (``建设高素质法院队伍``): two headings."""
    halves = line.split(" ")
    return (
        len(halves) == 2
        and len(halves[0]) == len(halves[1]) >= 4
        and all(PHRASE.fullmatch(half) for half in halves)
    )


def _ordinal(numeral: str) -> int:
    """``"三"`` → 3, ``"十二"`` → 12 (the part numbers of a report)."""
    tens, ten, units = numeral.partition("十")
    if not ten:
        return _DIGITS.index(numeral) + 1 if numeral in _DIGITS else 0
    high = _DIGITS.index(tens) + 1 if tens in _DIGITS else 1
    return high * 10 + (_DIGITS.index(units) + 1 if units in _DIGITS else 0)


def _body_like(line: str) -> bool:
    """A line that can follow a heading: a paragraph, a ``镜头一：`` shot, a numbered item."""
    return (
        display_width(line) > HEADING_MAX_WIDTH or ends_sentence(line) or bool(MARKER.match(line))
    )


def _mark_roles(lines: list[_Line], skip: set[int], hints: set[str], asides) -> None:
    for line in lines:
        if (
            not line.text
            or line.index in skip
            or FOOTER.match(simplified_line(line.text))
            or is_boilerplate(simplified_line(line.text))
        ):
            line.role = "skip"
        elif any(a <= line.start and line.end <= b for a, b in asides):
            line.role = "aside"
        elif is_caption_line(line.text) or (
            is_byline(line.text) and display_width(line.text) <= 60
        ):
            line.role = "caption"
    # Photos come in groups: an unpunctuated short phrase right after a "(资料图)" caption is
    # the next photo's caption ("公开庭审(资料图)" / "网络安全攻防演练").
    for previous, line in zip(lines, lines[1:], strict=False):
        if (
            line.role == "body"
            and previous.role == "caption"
            and is_caption(previous.text)
            and display_width(line.text) <= 12
            and not ends_sentence(line.text)
        ):
            line.role = "caption"
    _mark_contents(lines)
    content = [line for line in lines if line.role == "body"]
    part, points = 0, 0  # ordinal of the last 一、 part; 一是… points seen under it
    for k, line in enumerate(content):
        following = content[k + 1].text if k + 1 < len(content) else ""
        hinted = _squash(line.text) in hints and display_width(line.text) <= 60
        # A numbered part may open with the line of its points (◉…) instead of a paragraph.
        follows = (
            following
            and (
                _body_like(following)
                or (bool(NUMBERED_PART.match(line.text)) and bool(BULLET.match(following)))
            )
            and not SALUTATION.match(following)
            and not _dateline_between(lines, line, content[k + 1])
        )
        # The next part of a numbered sequence of headings is a part even where no body
        # follows it: a page cut right after the heading of part 四.
        numbered = PART.match(line.text)
        next_part = bool(numbered) and part > 0 and _ordinal(numbered.group(1)) == part + 1
        if hinted or (_heading_shaped(line.text) and (follows or next_part)):
            line.role = "heading"
        elif (point := LIST_ITEM.match(line.text)) and following and _body_like(following):
            # A report that numbers its parts 一、二、 and goes on 三是、四是 (the writer
            # switched styles): a 是 line continuing the parts is the next part, while the
            # points of a part start again at 一是.
            ordinal = _ordinal(point.group(1))
            if (
                part
                and not points
                and ordinal == part + 1
                and _heading_shaped(f"{point.group(1)}、{line.text[point.end() :]}")
            ):
                line.role = "heading"
            else:
                points += 1
                continue
        if line.role == "heading" and (numbered := PART.match(line.text)):
            part, points = _ordinal(numbered.group(1)), 0
        elif line.role == "heading" and LIST_ITEM.match(line.text):
            part, points = part + 1, 0
    # Two heading-shaped lines in a row, the second a heading: one heading on two lines,
    # unless the first is a paired heading, whole in itself, over a heading line of its own.
    for k in range(1, len(content)):
        first, second = content[k - 1], content[k]
        if (
            second.role == "heading"
            and first.role == "body"
            and _heading_shaped(first.text)
            and not MARKER.match(first.text)
            and not MARKER.match(second.text)
            and (k < 2 or content[k - 2].role != "body" or _body_like(content[k - 2].text))
        ):
            first.role = "heading" if _paired_heading(first.text) else "heading-start"
    _mark_trailing_sidebar(lines)


def _dateline_between(lines: list[_Line], line: _Line, following: _Line) -> bool:
    """Whether the paper's name, a date or a byline stands between ``line`` and the paragraph
    after it: then the line is a deck of the headline above them (``市六届人大六次会议…`` /
    ``听取“两院”工作报告`` / ``桂林日报`` / ``2025年04月12日``), not a part heading over that
    paragraph."""
    return any(
        SOURCE_NAME.match(between.text) or _DATE_ONLY.match(between.text) or is_byline(between.text)
        for between in lines[line.index + 1 : following.index]
        if between.text
    )


def _mark_contents(lines: list[_Line]) -> None:
    """A table of contents (``目录`` / ``1.某某法院工作报告 2`` / ``2.…工作报告 12``) lists the
    titles a collection holds, not the parts of this text: two or more lines in a row, each
    a title ending in its page number, the pages rising, are skipped with their ``目录`` line."""
    body = [line for line in lines if line.role == "body"]
    start = 0
    while start < len(body):
        end, last_page = start, -1
        while end < len(body) and (entry := CONTENTS_ENTRY.search(body[end].text)):
            if int(entry.group(1)) <= last_page:
                break
            end, last_page = end + 1, int(entry.group(1))
        if end - start >= 2:
            if start and CONTENTS_HEADING.match(body[start - 1].text):
                body[start - 1].role = "skip"
            for line in body[start:end]:
                line.role = "skip"
        start = max(end, start + 1)


def _mark_trailing_sidebar(lines: list[_Line]) -> None:
    """Newspaper pages extracted to text end with the photo captions and then the sidebar
    column; after two or more captions past the last heading, the rest is that column."""
    last_heading = max((ln.index for ln in lines if ln.role == "heading"), default=-1)
    run, sidebar_from = 0, None
    for line in lines[last_heading + 1 :]:
        if line.role == "caption" and not is_byline(line.text):
            run += 1
        elif line.role == "body":
            if run >= 2 and sidebar_from is None:
                sidebar_from = line.index
            run = 0
    if sidebar_from is not None and any(ln.role == "heading" for ln in lines):
        for line in lines[sidebar_from:]:
            if line.role == "body":
                line.role = "aside"


def _assemble(text: str, lines: list[_Line]) -> tuple[ParsedSection, ...]:
    lead: list[_Line] = []
    asides: list[list[_Line]] = []
    headed: list[tuple[str, int, list[_Line]]] = []
    pending_heading: list[_Line] = []
    for line in lines:
        if line.role == "heading-start":
            pending_heading.append(line)
        elif line.role == "heading":
            parts = [*pending_heading, line]
            headed.append((" ".join(p.text for p in parts), parts[0].start, []))
            pending_heading = []
        elif line.role == "aside":
            if asides and asides[-1][-1].index == line.index - 1:
                asides[-1].append(line)
            else:
                asides.append([line])
        elif line.role == "body":
            (headed[-1][2] if headed else lead).append(line)
    blocks: list[tuple[str, int, list[_Line]]] = []
    if lead:
        blocks.append(("", lead[0].start, lead))
    blocks += [("", block[0].start, block) for block in asides]
    blocks += headed
    sections = []
    for order, (heading, start, body) in enumerate(blocks, 1):
        body_text = "\n".join(line.text for line in body)
        end = body[-1].end if body else start + len(heading)
        topic = OVERVIEW if not heading else classify_topic(heading, body_text)
        sections.append(ParsedSection(order, heading, body_text, topic, start=start, end=end))
    return tuple(sections)


def classify_topic(heading: str, body: str) -> str:
    """``classify_topic("筑牢生态安全屏障", "…环境资源案件…")`` → ``"environment"``; a
    heading and body without any keyword → ``"other"``."""
    heading, body = simplified(heading), simplified(body)
    scores = {}
    for topic, words in TOPIC_KEYWORDS.items():
        score = 0
        for word in words:
            score += HEADING_WEIGHT * heading.count(word) + min(KEYWORD_CAP, body.count(word))
        scores[topic] = score
    best = max(scores.values())
    if best == 0:
        return OTHER
    return next(topic for topic, score in scores.items() if score == best)
