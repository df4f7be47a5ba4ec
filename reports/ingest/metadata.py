"""What a report says about itself: title, byline, source, date, the year it covers, its kind.

Works on normalised text (one paragraph per line). Every rule is a pattern of the genre:

- **title**: the first short line that is not a photo caption (``公开庭审(资料图)``, ``图为…``),
  joined with a ``——…`` subtitle line under it; ``原标题：…`` names it in reposted news.
- **byline**: ``本报记者●赵芳``, ``本报讯（记者赵文静）``, ``(本版文图由本报通讯员 … 提供)``.
- **year covered**: a work report's review heading (``2022年主要工作``) wins; then a year in the
  title; then the delivery date of a work report
  (``2024年1月15日在…人民代表大会第三次会议上`` → 2023: congresses hear the year before); then
  the years the text reports on, counting
  statements that open a paragraph (``2025年,全市两级法院…``) double and ignoring plans
  (``2026年,…将…``), founding dates (``成立于1996年``), span starts (``2016年至今``) and work
  arrangements (``2008年以来`` in a text on ``五年来`` stands for the span's last year, 2012; news on
  a congress session that names two years as often covers the earlier); a text with nothing but
  plans for a year was written the year before; then the NPC
  session a text reports from (``十二届全国人大一次会议`` → 2013); then the publication date
  (a review published in January–March covers the year before).
- **period**: ``1至7月``, ``截至10月底`` (→ ``1至10月``), ``上半年``, ``前三季度`` next to the year.
- **kind**: ``reports.ingest.kind``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reports.ingest.kind import NEWS_REVIEW, REPORT_PART, detect_kind
from reports.ingest.normalize import BYLINE, MARKER, display_width

# Who delivers or signs a work report: "呼和浩特市中级人民法院院长 赵希民", "院长 赵希民" under
# the title, "赵希民 院长" at the end.
SIGNATURE = re.compile(
    r"^[\u4e00-\u9fff]{0,30}(?:院长|代院长|庭长|局长|主任|书记)\s*[\u4e00-\u9fff·]{2,4}$"
    r"|^[\u4e00-\u9fff·]{2,4}\s*(?:院长|代院长)$"
)
# A byline of another paper or a site ("洛阳日报记者 李明 通讯员 王芳", "人民法院报全媒体记者 张三"),
# beside the 本报记者 forms of normalize.BYLINE.
NEWS_BYLINE = re.compile(
    r"^[(（]?(?:[\u4e00-\u9fff]{2,12}?(?:日报|晚报|法治报|报社|报|新闻网|网|电视台|融媒体中心|客户端))?"
    r"(?:全媒体)?(?:特约)?(?:记者|通讯员)\s*[\u4e00-\u9fff·]{2,4}(?:[\s、][^。；]{0,40})?$"
)
# A name alone on a line at the top is the author or the speaker: "刘争远" over a newspaper
# article, "李 征 明" under a work report's title.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘"
    "祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟"
    "艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞"
    "姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
NAME_ALONE = re.compile(
    rf"^[■●▲◆□]?\s*(?:[{SURNAMES}][\u4e00-\u9fff]{{1,2}}|[{SURNAMES}](?:\s+[\u4e00-\u9fff]){{1,3}})$"
)
# A court site's page furniture copied with the article: "发布时间：2024-01-15 信息来源：某某法院
# 阅读次数：", "作者：张三 来源：某某法院网", "办公时间：周一至周五 8:30-12:00".
META_FIELD = re.compile(
    r"(?:发布时间|发布日期|发表时间|更新时间|时间|日期|信息来源|文章来源|稿件来源|来源|作者|阅读次数"
    r"|浏览次数|阅读量|浏览量|浏览|阅读|点击数|点击量|点击率|字号|访问量)\s*[:：]"
)
# Where the page sits on the site ("您所在的位置:首页 > 法院天地"), an image's file name left by
# the copy ("微信图片_20230213155549.jpg"), and a menu bar ("本网头条 今日要闻 高层动态 …").
BREADCRUMB = re.compile(r"^(?:您所在的位置|您的位置|当前位置|所在位置|位置)\s*[:：]|首页\s*[>＞»/]")
# A site's ticker or search box above the article ("今日特推: 全国公安机关开展…专项工作",
# "搜索:"), or its links to the pages before and after it and to related ones ("下一篇：…",
# "相关新闻："): another page's headline, never this text's title or a heading.
TICKER = re.compile(
    r"^(?:今日特推|今日推荐|今日关注|热点推荐|热门推荐|热点新闻|推荐阅读|最新消息|滚动新闻|搜索"
    r"|热门搜索|站内搜索|上一篇|下一篇|上一条|下一条|相关新闻|相关阅读|相关文章|相关链接)\s*[:：]"
)
# A bar of the page's tools ("打印本页 关闭窗口", "分享到:", "【打印】【关闭】"): words for
# buttons only, so a line of nothing else is no text of the report.
PAGE_TOOLS = re.compile(
    r"^(?:[【\[]?(?:打印本页|关闭窗口|返回顶部|返回列表|加入收藏|打印|关闭|返回|收藏|分享到?|纠错)"
    r"[】\]]?[\s|｜:：]*)+$"
)
IMAGE_FILE = re.compile(r"^\S{0,60}\.(?:jpe?g|png|gif|bmp|webp|tiff?)$", re.I)
MENU_ITEM = re.compile(r"^[\u4e00-\u9fff]{2,6}$")
# A line that is only the name of the paper or site a text was copied from ("桂林日报",
# "中国新闻网"): no heading of the report.
SOURCE_NAME = re.compile(
    r"^[\u4e00-\u9fff]{0,8}(?:日报|晚报|晨报|时报|商报|法制报|法治报|新闻网|电视台|客户端|新闻社)$"
    r"|^(?:人民网|新华网|新华社|中国网|央视网|中新网|光明网|千龙网|澎湃新闻|法制网|法治网|中国法院网)$"
)
# The end of a delivery statement broken over lines: "人民代表大会第四次会议上".
DELIVERY_TAIL = re.compile(r"^[^。，,；;年]{0,12}人民代表大会[^。，,；;]{0,20}会议上[)）]?$")
OFFICE_HOURS = re.compile(
    r"^[(（]?(?:办公时间|工作时间|接待时间|上班时间|咨询时间|服务时间|受理时间)\s*[:：]"
)
# "——呼和浩特市中级人民法院2023年工作回眸": a subtitle, never a title or heading of its own
# (dashes as typed, and the box-drawing "──" some sites use).
SUBTITLE = re.compile(r"^[—–－\-─━]{1,2}\s*\S")
SUBTITLE_MARKS = re.compile(r"^[—–－\-─━\s]+|^[(（]|[)）]$")
DELIVERY_START = re.compile(r"^(?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?\s*在")
# Page furniture: a bare date or number ("2024-01", "26"), the font-size switch ("【字体:").
PAGE_FURNITURE = re.compile(
    r"^[\d\s年月日:：/.\-]{1,20}$|^[【\[](?:字体|字号|打印|关闭|大\s*中\s*小)|^星期[一二三四五六日天]$"
    r"|^(?:打印|关闭|返回|收藏|分享|打印本页|关闭窗口|大|中|小)\s*[|｜]?$"
)
CAPTION = re.compile(r"[（(](?:资料)?图(?:片)?[）)]|^图为|^图[:：/]|摄$|[（(]摄[^）)]*[）)]$")
# "信息来源：" after a time whose space normalisation dropped ("09:30信息来源：洛阳日报")
SOURCE = re.compile(
    r"(?<![\u4e00-\u9fff])(?:来源|稿件来源|信息来源|文章来源)\s*[:：]\s*([^\s|，,。]{2,20})"
)
SOURCE_EDITOR = re.compile(r"([\u4e00-\u9fff]{2,10}(?:网|报|日报|电视台|杂志))编辑")
SOURCE_AGENCY = re.compile(r"^(新华社|中新社|人民网|央视网|新华网)")
DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
# A line that dates the page: 发布时间：…, or a bare date followed by nothing or a space.
DATE_LINE = re.compile(
    r"发布|发表|时间|日期|来源|^(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:$|\s)"
)

YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!代)")
YEAR_LEAD = re.compile(r"^((?:19|20)\d{2})年(?:度)?(?:以来)?[,，]")
REVIEW_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]、)?((?:19|20)\d{2})年(?:度)?(?:主要工作(?:回顾)?|工作回顾)\s*$",
    re.M,
)
# A span looked back on: "五年来", "过去五年" (a five-year report, whose "2008年以来" ends in 2012).
SPAN_YEARS = re.compile(
    r"(?<![\d一二三四五六七八九十])([二三四五六七八九十])年来|过去的?([二三四五六七八九十])年"
)
PLAN = re.compile(r"^.{0,12}(?:将|计划|力争|展望|工作安排|工作思路|工作打算)")
FOUNDED = re.compile(r"(?:成立|始建|设立|组建|建院|建立)于?\s*$")
NPC_SESSION = re.compile(
    r"([一二三四五六七八九十]{1,3})届全国人(?:民代表)?大(?:会)?(?:常委会)?第?([一二三四五六七八九十]{1,3})次会议"
)
# When a work report was delivered: "2024年1月15日在呼和浩特市第十五届人民代表大会第三次会议上",
# or a date alone under the title of a text addressed to the congress ("（2024年1月）").
DELIVERED = re.compile(
    r"((?:19|20)\d{2})年(\d{1,2})月(?:\d{1,2}日)?(?:上午|下午)?[，,\s]*在[^。\n]{0,60}?人民代表大会"
    r"[^。\n]{0,40}?会议(?:上|期间)"
)
# The same statement as a line of its own under the title, with or without brackets or a dash.
DELIVERY_LINE = re.compile(
    r"^[—–\s]*[(（]?(?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?\s*在[^。\n]{0,60}?会议上[)）]?$"
)
DATE_ALONE = re.compile(r"^[(（]?((?:19|20)\d{2})年(\d{1,2})月(?:\d{1,2}日)?[)）]?$")
TO_CONGRESS = re.compile(r"各位代表|人民代表大会|请予审议")
# A text about a session of a people's congress (a news item on the reports it heard).
AT_CONGRESS = re.compile(
    r"人民代表大会|人大[^。\n]{0,12}(?:会议|全体会议)|两院.?工作报告|法院工作报告"
)
WORK_REPORT_TITLE = re.compile(r"工作报告")
FULL_DATE_AFTER = re.compile(r"\s*(\d{1,2})\s*月\s*\d{1,2}\s*日")
PERIOD = re.compile(
    r"(?<!\d)1\s*(?:至|-|—|～|到)\s*(\d{1,2})\s*月|截至(\d{1,2})月底|上半年|前三季度"
)


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    title_lines: tuple[int, ...] = ()  # indices of the lines the title was taken from
    byline: str = ""
    byline_lines: tuple[int, ...] = ()  # lines that are nothing but a byline
    caption_lines: tuple[
        int, ...
    ] = ()  # photo captions, site meta lines and a lone subtitle on top
    year: int | None = None
    period: str = ""
    kind: str = NEWS_REVIEW
    source: str = ""
    published_on: str = ""


def is_byline(line: str) -> bool:
    """``"本报记者●赵芳"``, ``"洛阳日报记者 李明 通讯员 王芳"`` → True."""
    return bool(BYLINE.match(line) or NEWS_BYLINE.match(line.strip()))


def is_boilerplate(line: str) -> bool:
    """Lines that are no part of the report's text: a site's meta line, office hours, a
    signature, a breadcrumb, a menu bar, an image's file name.
    ``is_boilerplate("发布时间：2024-01-15 信息来源：本院 阅读次数：")``,
    ``is_boilerplate("院长 赵希民")``, ``is_boilerplate("办公时间：周一至周五")`` → True;
    ``is_boilerplate("2023年，全市法院受理案件12万件。")`` → False."""
    line = line.strip()
    if not line or display_width(line) > 90:
        return False
    if OFFICE_HOURS.match(line) or SIGNATURE.match(line) or BREADCRUMB.search(line):
        return True
    if TICKER.match(line):
        return True
    if SIGNATURE.match(line.strip("[]【】()（）").strip()):
        return True  # "[最高人民法院院长 周强]"
    if SOURCE_NAME.match(line) or DELIVERY_TAIL.match(line):
        return True
    if IMAGE_FILE.match(line) or PAGE_FURNITURE.match(line) or PAGE_TOOLS.match(line):
        return True
    items = line.split()
    if len(items) >= 5 and all(MENU_ITEM.match(item) for item in items):
        return True
    items = [item.strip() for item in re.split(r"[|｜]", line) if item.strip()]
    if len(items) >= 3 and all(MENU_ITEM.match(item) for item in items):
        return True  # "登录 | 注册 | 在线投稿 | 加入收藏 | 设为首页"
    fields = META_FIELD.findall(line)
    return len(fields) >= 2 or (len(fields) == 1 and META_FIELD.match(line) is not None)


def is_caption(line: str) -> bool:
    """``is_caption("公开庭审(资料图)")``, ``is_caption("图为王胜俊与周强")`` → True."""
    return bool(CAPTION.search(line)) and display_width(line) <= 30


def find_title(
    lines: list[str], title_hint: str = ""
) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """The title, the indices of its lines and of the captions above it:
    ``["践行司法为民 保障公平正义", "——呼和浩特市中级人民法院2023年工作回眸", …]`` →
    ``"践行司法为民 保障公平正义——呼和浩特市中级人民法院2023年工作回眸"``."""
    captions: list[int] = []
    furniture: list[int] = []  # meta lines, signatures and a lone subtitle: skipped like captions
    subtitle: tuple[int, str] | None = None
    for i, line in enumerate(lines[:8]):
        # Photos come in groups: a short phrase right after a caption is the next caption
        # ("公开庭审(资料图)" / "网络安全攻防演练").
        if is_caption(line) or (captions and captions[-1] == i - 1 and display_width(line) <= 12):
            captions.append(i)
            continue
        if not line.strip() or is_boilerplate(line) or NAME_ALONE.match(line.strip()):
            furniture.append(i)  # site furniture above the title is no text of the report
            continue
        if SUBTITLE.match(line) and display_width(line) <= 60:
            # A subtitle before any title: the title is the format's own (front matter,
            # <title>) or missing; the subtitle is never the title by itself.
            subtitle = subtitle or (i, line.lstrip("—–－-").strip())
            furniture.append(i)
            continue
        if line.startswith("原标题"):
            return re.sub(r"^原标题[:：]\s*", "", line), (i,), tuple(captions)
        if not _title_shaped(line):
            break
        under, used, skipped = _under_title(lines, i)
        title = f"{line}——{under}" if under else line
        if title_hint and _squash(title_hint) not in _squash(title):
            break  # the format's own title is elsewhere in the text
        return title, tuple(used), tuple(sorted([*captions, *furniture, *skipped]))
    if title_hint:
        hinted = [i for i, line in enumerate(lines[:8]) if _squash(line) == _squash(title_hint)]
        title = title_hint.strip()
        if subtitle and _squash(subtitle[1]) not in _squash(title):
            title += "——" + subtitle[1]
        return title, tuple(hinted[:1]), tuple(sorted([*captions, *furniture]))
    return "", (), tuple(sorted([*captions, *furniture]))


def _under_title(lines: list[str], at: int) -> tuple[str, list[int], list[int]]:
    """What stands under the title line ``at``: its subtitle or delivery line, which a
    PDF or a site may break in two ("——2024年1月26日在盐田区第六届人民代表大会" / "第四次会议上"),
    and furniture around it (a site's meta lines, the title repeated, the signature). Returns
    the subtitle, the title's lines and the furniture lines."""
    used, skipped, subtitle = [at], [], ""
    k = at + 1
    while k < min(len(lines), at + 12):
        line = lines[k].strip()
        if not line or is_boilerplate(line) or NAME_ALONE.match(line):
            skipped.append(k)
        elif not subtitle and (SUBTITLE.match(line) or DELIVERY_START.match(line)):
            subtitle = SUBTITLE_MARKS.sub("", line)
            used.append(k)
            while DELIVERY_START.match(subtitle) and not subtitle.endswith("会议上"):
                nxt = next(
                    (n for n in range(k + 1, min(len(lines), k + 3)) if lines[n].strip()), None
                )
                if nxt is None or not re.search(r"会议上[)）]?$", lines[nxt].strip()):
                    break
                skipped += range(k + 1, nxt)
                subtitle += SUBTITLE_MARKS.sub("", lines[nxt].strip())
                used.append(nxt)
                k = nxt
        elif _title_shaped(line) and re.sub(r"\W", "", line) in re.sub(r"\W", "", lines[at]):
            skipped.append(
                k
            )  # "盐田区人民法院工作报告" under "深圳市盐田区人民法院工作报告(2023年)"
        else:
            break
        k += 1
    return subtitle, used, skipped


def _title_shaped(line: str) -> bool:
    return (
        0 < display_width(line) <= 40
        and len(re.findall(r"[\u4e00-\u9fff]", line)) >= 2
        and not line.rstrip("”’）)").endswith(("。", "；", "，", ";", ","))
        and not MARKER.match(line)
        and not is_byline(line)
        and not YEAR_LEAD.match(line)
        and not REPORT_PART.match(line)  # "2020年工作回顾" opens a report's first part
    )


def _squash(text: str) -> str:
    return re.sub(r"[\s—\-–:：]", "", text)


def find_byline(lines: list[str]) -> tuple[str, tuple[int, ...]]:
    """``"本报记者●赵芳"`` → ``("本报记者●赵芳", (i,))``; a byline opening a paragraph
    (``本报讯 （记者赵文静）截至…``) is returned without claiming the line."""
    found, own = [], []
    edges = [*range(min(12, len(lines))), *range(max(12, len(lines) - 3), len(lines))]
    for i in edges:
        line = lines[i]
        if SIGNATURE.match(line) or (i < 8 and NAME_ALONE.match(line.strip())):
            found.append(line.strip())
            own.append(i)
        elif is_byline(line) and not line.startswith(("责任编辑", "编辑", "来源")):
            lead = re.match(r"^(本报讯\s*[（(][^）)]{1,20}[）)])", line)
            if lead and display_width(line) > 30:
                found.append(lead.group(1).replace(" ", ""))
                continue
            if display_width(line) <= 60:
                found.append(line.strip("()（）"))
                own.append(i)
    return "；".join(found), tuple(own)


def find_source(lines: list[str]) -> str:
    """``"责任编辑：郑州法院网编辑 刘花瑞"`` → ``"郑州法院网"``; ``"来源：人民法院报"`` → ``"人民法院报"``."""
    for line in [*lines[:8], *lines[-5:]]:
        for pattern in (SOURCE, SOURCE_EDITOR, SOURCE_AGENCY):
            m = pattern.search(line)
            if m:
                return m.group(1)
    return ""


def find_published_date(lines: list[str]) -> str:
    """A date line at the top or bottom: ``"发布时间：2026-01-15 09:30"`` → ``"2026-01-15"``."""
    for line in [*lines[:5], *lines[-4:]]:
        if display_width(line) > 60 or not DATE_LINE.search(line):
            continue
        m = DATE.search(line)
        if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
            return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return ""


def detect_year(text: str, title: str = "", published_on: str = "") -> int | None:
    """The year a report covers: ``"2023年工作回眸"`` in the title → 2023; a body saying
    ``2025年,全市两级法院…`` and ``2026年,…将…`` → 2025; nothing but a publication date
    of 2026-01-20 → 2025."""
    # A full date in the title is when a work report was delivered ("——2024年1月15日在…
    # 人民代表大会…上"), not the year it covers.
    titled = [
        m.group(1) for m in YEAR.finditer(title) if not re.match(r"\d{1,2}月", title[m.end() :])
    ]
    # The report's own review heading ("2022年主要工作", "2019年工作回顾") names the year it
    # covers; a page's title may name the year it was published in ("2024年市中级人民法院工作
    # 报告5篇", a collection of reports on 2022).
    reviewed = REVIEW_HEADING.search(text)
    if reviewed:
        return int(reviewed.group(1))
    delivered = delivery_year(text)
    if titled:
        # "德州市中级人民法院2020年工作报告", delivered in January 2020: the title names the
        # year of the congress, the report the year before.
        year = int(titled[0])
        return year - 1 if delivered == year and WORK_REPORT_TITLE.search(title) else year
    if delivered:
        return delivered - 1
    votes: Counter = Counter()
    plans: set[int] = set()
    dates: list[tuple[int, int]] = []
    for line in text.split("\n"):
        lead = YEAR_LEAD.match(line)
        for m in YEAR.finditer(line):
            after = line[m.end() : m.end() + 16]
            before = line[max(0, m.start() - 6) : m.start()]
            if PLAN.match(after):
                plans.add(int(m.group(1)))
                continue
            if FOUNDED.search(before) or after.startswith("至今"):
                continue  # "2016年至今" starts a span; it is not the year reported on
            length = span_length(text) if after.startswith("以来") else 0
            if length:  # "2008年以来" in a text on "五年来": the span's last year is reported on
                votes[int(m.group(1)) + length - 1] += 2 if lead and m.start() == 0 else 1
                continue
            day = FULL_DATE_AFTER.match(after)
            if day:  # "2025年04月12日": when it was written, not what it reports on
                dates.append((int(m.group(1)), int(day.group(1))))
                continue
            votes[int(m.group(1))] += 2 if lead and m.start() == 0 else 1
    if votes:
        best = max(votes.values())
        tied = [year for year, n in votes.items() if n == best]
        if len(tied) == 2 and max(tied) - min(tied) == 1 and AT_CONGRESS.search(text[:3000]):
            # News on a congress session speaks of the year reported on and of the year the
            # session meets in ("2020年是…收官之年"): the session hears the earlier one.
            return min(tied)
        return max(tied)  # ties: the latest
    if dates:
        # Only dates: a text about the congress's session hears the year before (sessions
        # meet January to March; papers report them until spring's end).
        year, month = dates[0]
        early = 6 if AT_CONGRESS.search(text[:3000]) else 3
        return year - 1 if month <= early else year
    if plans:
        # Only plans ("2020年,金水法院将继续…"): the text was written in the year before them.
        return min(plans) - 1
    session = NPC_SESSION.search(text)
    if session:
        year = npc_session_year(session.group(1), session.group(2))
        if year:
            return year
    if published_on:
        year, month = int(published_on[:4]), int(published_on[5:7])
        return year - 1 if month <= 3 else year
    return None


def span_length(text: str) -> int:
    """How many years a text says it looks back on: ``"五年来，我们完成了…"`` → 5; none → 0."""
    m = SPAN_YEARS.search(text)
    return _small_cn(m.group(1) or m.group(2)) if m else 0


def delivery_year(text: str) -> int | None:
    """The year a work report was delivered to the people's congress, from the opening lines:
    ``"（2024年1月15日在某某市第十五届人民代表大会第三次会议上）"`` → 2024. Congresses meet
    from January to March and hear the report on the year before; a date later in the year is
    no delivery date of an annual report."""
    head = "\n".join(text.split("\n")[:12])
    # The statement may be broken over lines ("——2020年1月11日在德州市第十八届" / blank /
    # "人民代表大会第四次会议上").
    found = DELIVERED.search(head) or DELIVERED.search(re.sub(r"[ \t\u3000]*\n\s*", "", head))
    if found is None and TO_CONGRESS.search(text[:5000]):
        found = next(filter(None, map(DATE_ALONE.match, head.split("\n"))), None)
    if found and 1 <= int(found.group(2)) <= 6:
        return int(found.group(1))
    return None


_CN = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _small_cn(numeral: str) -> int:
    if "十" not in numeral:
        return _CN.get(numeral, 0)
    tens, _, units = numeral.partition("十")
    return (_CN.get(tens, 1) if tens else 1) * 10 + (_CN.get(units, 0) if units else 0)


def npc_session_year(term: str, session: str) -> int | None:
    """Year of a session of the National People's Congress: ``("十二", "一")`` → 2013. Terms
    run five years from 1983 (the sixth) on."""
    term_n, session_n = _small_cn(term), _small_cn(session)
    if term_n < 6 or not 1 <= session_n <= 5:
        return None
    return 1983 + 5 * (term_n - 6) + session_n - 1


def detect_period(text: str, year: int | None) -> str:
    """A partial year stated with the covered year or in the opening: ``"2015年1至7月底"`` →
    ``"1至7月"``; ``"截至10月底，今年…"`` → ``"1至10月"``."""
    zones = [text[:300]]
    if year:
        zones += [text[m.end() : m.end() + 12] for m in re.finditer(f"{year}年", text)]
    for zone in zones:
        m = PERIOD.search(zone)
        if not m:
            continue
        month = m.group(1) or m.group(2)
        if month is None:
            return m.group(0)
        if 1 <= int(month) < 12:
            return f"1至{int(month)}月"
    return ""


def extract_metadata(text: str, title_hint: str = "") -> Metadata:
    """Title, byline, source, publication date, year, period and kind of normalised text, each
    by the rule of the function named for it above."""
    lines = text.split("\n")
    title, title_lines, captions = find_title(lines, title_hint)
    byline, byline_lines = find_byline(lines)
    published_on = find_published_date(lines)
    # A subtitle the title could not take ("——某某法院2024年工作纪实" under no title line)
    # still names the year reviewed.
    subtitles = [lines[i] for i in captions if SUBTITLE.match(lines[i])]
    year = detect_year(text, " ".join([title, *subtitles]), published_on)
    return Metadata(
        title=title,
        title_lines=title_lines,
        byline=byline,
        byline_lines=byline_lines,
        caption_lines=captions,
        year=year,
        period=detect_period(text, year),
        kind=detect_kind(text, title),
        source=find_source(lines),
        published_on=published_on,
    )
