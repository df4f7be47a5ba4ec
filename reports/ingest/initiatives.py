"""Named initiatives of a report: mechanisms, methods, campaigns, platforms and documents.

Three shapes are read (regexes over the normalised text):

1. a quoted name and its head noun: “六个一”特色工作法, “法院+N”执行联动机制; or a quoted name that
   is itself a studio, platform or list, with the court before it: 新城区法院“赵婧工作室”;
2. every 《…》 title except newspapers and journals: 《呼和浩特市毒品案件证据标准》;
3. a phrase ending in 机制 / 模式 / 工作法 / 平台 / 专项行动 / 专项活动 / 制度 / 工作体系, cut after the
   verb that introduces it (建立, 构建, 推行 …) and after its last 的, kept when its modifier is
   specific: 根治欠薪专项行动, not 管理制度 or 大数据平台.

Quoted slogans without a head noun (“真金白银”) and named problems (“两难三高”问题) are not
initiatives. The same initiative is kept once per report (the first evidence wins).

>>> [i.name for i in extract_initiatives("创新推出“六个一”特色工作法,精准解决“两难三高”问题。", ())]
['“六个一”特色工作法']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .types import ParsedInitiative, ParsedSection

_HEADS = (
    "特色工作法|工作法|工作举措|特色工作|联动机制|机制|模式|平台|系统|工作体系|体系|制度|工作室"
    "|专项行动|专项活动|主题教育实践活动|宣传活动|活动|框架协议|协议"
)
# “name” + head noun, with an optional short prefix naming whose it is (院庭长“阅核”制度).
QUOTED = re.compile(
    rf"(?P<prefix>(?:[\u4e00-\u9fff]{{1,6}}?(?:法院|院庭长|审判|审理))?)"
    rf"“(?P<core>[^“”\n]{{1,30}})”(?P<tail>[\u4e00-\u9fff]{{0,20}}?(?:{_HEADS}))"
)
# A quoted name that is the thing itself: “赵婧工作室”, “人民法院在线服务”, “正面清单”.
SELF_NAMED = re.compile(
    r"(?P<prefix>(?:[\u4e00-\u9fff]{1,6}?(?:法院|审判|审理))?)"
    r"“(?P<core>[^“”\n]{1,20}(?:工作室|平台|在线服务|清单))”"
)
DOCUMENT = re.compile(r"《[^《》\n]{2,60}》")
_NEWSPAPER = re.compile(r"《[^》]*(?:报|日报|晚报|杂志|周刊|网)》$")
PHRASE = re.compile(
    r"[\u4e00-\u9fffA-Za-z、]{2,40}?(?:机制|模式|工作法|平台|专项行动|专项活动|制度|工作体系)"
)
_VERBS = (
    "创新构建|探索建立|持续开展|严格落实|严格执行|建立|构建|建成|完善|健全|推行|探索|开展|推进|落实"
    "|出台|实行|实施|抓好|打造|纳入|引入|形成|深化|坚持|启动|推出|创新|执行|开通|发挥|建设|优化|了解"
    "|认知|依托|适用|确立"
)
_VERB = re.compile(_VERBS)
_LEADING_VERB = re.compile(rf"(?:{_VERBS})")  # used with .match(text, pos)
_GENERIC = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,4}管理|财务|工作|长效|运行|保障|服务|核心|大数据|信息化|网络|微信|微博"
    r"|社会主义[\u4e00-\u9fff]*|庭审|假释|减刑|[\u4e00-\u9fff]{0,2}审判|相关|各项|一系列|多党合作"
    r"|[\u4e00-\u9fff]{0,3}体制|(?:以|更|等|各|其)[\u4e00-\u9fff]*)$"
)
_HEAD_AT_END = re.compile(rf"(?:{_HEADS})$")
_UNIFY = (
    ("特色工作举措", "特色工作法"),
    ("工作举措", "工作法"),
    ("特色工作", "特色工作法"),
    ("工作机制", "机制"),
    ("运行机制", "机制"),
)
_CATEGORY = (
    ("《", "document"),
    ("协议", "document"),
    ("专项行动", "campaign"),
    ("活动", "campaign"),
    ("机制", "mechanism"),
    ("制度", "mechanism"),
    ("体系", "mechanism"),
    ("工作法", "method"),
    ("模式", "method"),
    ("举措", "method"),
    ("平台", "platform"),
    ("系统", "platform"),
    ("工作室", "platform"),
    ("在线服务", "platform"),
)


def canonical_name(name: str) -> str:
    """The key that links one initiative across reports and wordings.

    Quotes and the court or department before a quoted name are dropped, 《》 is kept for
    documents (with the quotes inside it dropped), and head nouns are unified
    (工作机制 → 机制, 特色工作举措 → 特色工作法):

    >>> canonical_name("行政审判“六个一”特色工作举措"), canonical_name("新城区法院“赵婧工作室”")
    ('六个一特色工作法', '赵婧工作室')
    >>> canonical_name("《全国法院“百篇优秀裁判文书”汇编》")
    '《全国法院百篇优秀裁判文书汇编》'
    """
    name = re.sub(r"\s+", "", name)
    if name.startswith("《"):
        return re.sub(r"[“”‘’\"]", "", name)
    if "“" in name:
        name = name[name.index("“") :]
        name = re.sub(r"”(?:等|的)", "”", name)
    name = re.sub(r"[“”‘’\"]", "", name)
    for old, new in _UNIFY:
        if name.endswith(old):
            name = name[: -len(old)] + new
            break
    return name


def category_of(name: str) -> str:
    for marker, category in _CATEGORY:
        if marker in name:
            return category
    return "other"


def extract_initiatives(
    text: str, sections: Sequence[ParsedSection]
) -> tuple[ParsedInitiative, ...]:
    """Initiatives in text order, one per canonical name (offsets into ``text``)."""
    found: list[tuple[int, int, str]] = []
    documents = [m.span() for m in DOCUMENT.finditer(text)]
    for match in DOCUMENT.finditer(text):
        if not _NEWSPAPER.search(match.group()):
            found.append((match.start(), match.end(), match.group()))
    for pattern in (QUOTED, SELF_NAMED):
        for match in pattern.finditer(text):
            start = match.start("prefix") if match.group("prefix") else match.start("core") - 1
            if any(a <= start < b for a, b in documents):
                continue  # “百篇优秀裁判文书” inside a 《title》 belongs to the title
            prefix = _trim_prefix(match.group("prefix"))
            start = match.start("core") - 1 - len(prefix)
            found.append((start, match.end(), text[start : match.end()]))
            if pattern is QUOTED and not prefix:
                found.extend(_listed_before(text, start))
    quoted = [(a, b) for a, b, _ in found]
    for match in PHRASE.finditer(text):
        name, start = _trim_phrase(match.group(), match.start())
        if not name or any(a <= start < b or a < match.end() <= b for a, b in quoted):
            continue
        found.append((start, start + len(name), name))
    return _deduplicate(text, sorted(found), sections)


def _listed_before(text: str, start: int) -> list[tuple[int, int, str]]:
    """“百日执行会战”“三秦飓风”“雷霆行动”等执行专项行动: the names listed before the last one
    share its head noun, and each is an initiative of its own."""
    listed = []
    while match := re.search(r"“[^“”\n]{1,20}”[、和及]?$", text[max(0, start - 24) : start]):
        begin = start - len(match.group())
        name = match.group().rstrip("、和及")
        listed.append((begin, begin + len(name), name))
        start = begin
    return listed


def _trim_prefix(prefix: str) -> str:
    # "严格落实院庭长" → "院庭长": the prefix names whose, the verb before it does not.
    verbs = list(_VERB.finditer(prefix))
    return (prefix[verbs[-1].end() :] if verbs else prefix).lstrip("了的等和及与在")


def _trim_phrase(phrase: str, start: int) -> tuple[str, int]:
    """Cut the introducing verb and anything before the last 的; reject generic phrases."""
    cut = 0
    verb = _VERB.search(phrase)
    if verb and verb.start() < len(phrase) - 4:
        cut = verb.end()
        while lead := _LEADING_VERB.match(phrase, cut):
            if lead.end() >= len(phrase) - 2:
                break
            cut = lead.end()
    if "的" in phrase[cut:]:
        cut = phrase.rindex("的") + 1
    name = phrase[cut:].lstrip("、了等")
    start += len(phrase) - len(name)
    head = re.search(r"(?:机制|模式|工作法|平台|专项行动|专项活动|制度|工作体系)$", name)
    modifier = name[: head.start()] if head else name
    if len(modifier) < 3 or _GENERIC.match(modifier) or "和" in name or len(name) > 24:
        return "", start
    return name, start


def _deduplicate(
    text: str, found, sections: Sequence[ParsedSection]
) -> tuple[ParsedInitiative, ...]:
    seen: set[str] = set()
    out: list[ParsedInitiative] = []
    for start, end, name in found:
        key = canonical_name(name)
        if key in seen or not key:
            continue
        seen.add(key)
        out.append(
            ParsedInitiative(
                name=name,
                canonical_name=key,
                evidence=_sentence(text, start, end),
                start=start,
                end=end,
                category=category_of(name),
                section_order=next((s.order for s in sections if s.start <= start < s.end), None),
            )
        )
    return tuple(out)


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in "。！？\n") + 1
    rights = [i for i in (text.find(c, end) for c in "。！？\n") if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    return text[left:right].strip()
