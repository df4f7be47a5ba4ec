"""Named initiatives of a report: mechanisms, methods, campaigns, platforms and documents.

Four shapes are read (regexes over the normalised text):

1. a quoted name and its head noun: “六个一”特色工作法, “法院+N”执行联动机制; or a quoted name that
   is itself a studio, platform or list, with the court before it: 新城区法院“赵婧工作室”;
2. every 《…》 title except newspapers and journals: 《呼和浩特市毒品案件证据标准》;
3. a phrase ending in 机制 / 模式 / 工作法 / 平台 / 专项行动 / 专项活动 / 制度 / 工作体系, cut after the
   verb that introduces it (建立, 构建, 推行 …) and after its last 的, kept when its modifier is
   specific: 根治欠薪专项行动, not 管理制度 or 大数据平台.

4. a quoted name alone when it names a place, a body or a rule (“共享法庭”, “三个规定”) or the
   court is said to set it up (推行“分调裁审”); brands and places of work (“河洛调解”品牌,
   行政执法教学基地) and campaigns with a code name (“冬季攻坚”集中执行行动) through the head nouns.

Not initiatives, by rule: quoted slogans without a head noun (“真金白银”), policy slogans and
economic terms of government (“两个毫不动摇”, “六稳”: ``SLOGANS``; they are goals the court
serves, not mechanisms it set up), an adjective in quotes (“一站式”诉讼服务), named problems
(“两难三高”问题), and anything in a sentence about a criminal case (被告人张某某…). The same
initiative is kept once per report (the first evidence wins).

>>> [i.name for i in extract_initiatives("创新推出“六个一”特色工作法,精准解决“两难三高”问题。", ())]
['“六个一”特色工作法']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .metadata import SURNAMES
from .types import ParsedInitiative, ParsedSection

# Where a named thing is done or branded: “河洛调解”工作室, “河洛调解”品牌, “红色驿站”讲堂. These
# carry one name in several wordings, so the canonical name drops them (see canonical_name).
_CARRIERS = (
    "品牌|工作室|工作站|服务站|联络站|驿站|大讲堂|讲堂|课堂|基地|调解室|服务队|团队|服务中心"
)
_HEADS = (
    "特色工作法|工作法|工作举措|特色工作|联动机制|机制|模式|平台|系统|工作体系|体系|制度"
    f"|{_CARRIERS}"
    "|专项行动|专项活动|主题教育实践活动|宣传活动|活动|集中执行行动|执行行动|攻坚行动|行动"
    "|工程"
    "|框架协议|协议"
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
# A quoted name standing alone is an initiative when it names a place, a body or a rule
# (“共享法庭”, “三个规定”, “无讼村居”) or when a court is said to have set it up (推出“…”).
BARE = re.compile(r"“(?P<core>[^“”\n，。；：！？、]{2,16})”")
_INSTITUTION = re.compile(
    rf"(?:法庭|工作室|e站|驿站|中心|窗口|平台|热线|专线|基地|讲堂|课堂|品牌|规定|清单|指引|办法"
    rf"|之家|超市|小程序|村居|社区|调解室|工作法|机制|模式|建设|工程|{_CARRIERS})$"
)
_SET_UP = re.compile(
    r"(?:打造|建成|建立|设立|创建|成立|推出|推行|开通|上线|搭建|组建|开设|首创|创设|构建)了?$"
)
# A campaign goes by a code name (“百日会战”, “雷霆2024”, “冬季攻坚”) and is launched (开展…); an
# activity launched under a plain description (开展“示范庭审”) is no named campaign.
_LAUNCHED = re.compile(r"(?:开展|启动|部署|组织|发起)了?$")
_CODE_NAME = re.compile(
    r"百日|雷霆|利剑|亮剑|风暴|攻坚|会战|清风|护航|春雷|猎狐|铁拳|闪电|飓风|集中|专项|\d{4}"
)
# After a standalone name: punctuation, a list, or what is said of it — not a noun it modifies
# (“一站式”诉讼服务 is an adjective of 诉讼服务).
_AFTER_BARE = re.compile(
    r"[^\u4e00-\u9fff]|等|和|及|与|建设|创建|全覆盖|覆盖|试点|工作|实现|已|在|为|的"
)
# Policy slogans and economic terms of government in quotes are goals, not mechanisms a court
# set up; they count only as the modifier of a named mechanism (“专精特新”企业司法服务站).
SLOGANS = frozenset(
    "两个毫不动摇 两个确立 两个维护 四个意识 四个自信 四个全面 五位一体 六稳 六保 放管服 专精特新"
    " 双循环 双碳 稳中求进 三去一降一补 真金白银 一带一路 负面清单 三农 枫桥经验".split()
)
_NUMBERED_SLOGAN = re.compile(r"^[一二三四五六七八九十两]个[\u4e00-\u9fff]{2,5}$")
# Names of people in criminal-case news (被告人张某某纠集他人…): no initiative names a defendant.
_CASE_NEWS = re.compile(
    rf"被告人?|被害人|犯罪嫌疑人|纠集|判处|有期徒刑|[{SURNAMES}]某(?:某|甲|乙)?(?![些种类])"
)
# A tail that runs on into a clause (“讨债公司”并长期以暴力催收债务的模式) is no head noun phrase.
_CLAUSE = re.compile(r"[并把将让]|被(?!执行)")
DOCUMENT = re.compile(r"《[^《》\n]{2,60}》")
_NEWSPAPER = re.compile(r"《[^》]*(?:报|日报|晚报|杂志|周刊|网)》$")
_PHRASE_HEADS = (
    "机制|模式|工作法|平台|专项行动|专项活动|集中执行行动|制度|工作体系|指标体系"
    "|品牌|工作室|工作站|大讲堂|基地"
)
PHRASE = re.compile(rf"[\u4e00-\u9fffA-Za-z、]{{2,40}}?(?:{_PHRASE_HEADS})")
_VERBS = (
    "创新构建|探索建立|持续开展|严格落实|严格执行|建立|构建|建成|完善|健全|推行|探索|开展|推进|落实"
    "|出台|实行|实施|抓好|打造|纳入|引入|形成|深化|坚持|启动|推出|创新|执行|开通|发挥|建设|优化|了解"
    "|认知|依托|适用|确立|成立|设立|创建|组建|挂牌|授牌|命名|获评|入选|实现"
)
_VERB = re.compile(_VERBS)
_LEADING_VERB = re.compile(rf"(?:{_VERBS})")  # used with .match(text, pos)
_GENERIC = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,4}管理|财务|工作|长效|运行|保障|服务|核心|大数据|信息化|网络|微信|微博"
    r"|社会主义[\u4e00-\u9fff]*|庭审|假释|减刑|[\u4e00-\u9fff]{0,2}审判|相关|各项|一系列|多党合作"
    r"|[\u4e00-\u9fff]{0,3}体制|(?:以|更|等|各|其)[\u4e00-\u9fff]*"
    # a studio or station named for who works there is a kind, not a name (代表委员工作室)
    r"|法官|代表委员|人大代表|政协委员|调解员|律师|党员|检察官|专家"
    # words any court's routine has, and nothing else: 工作长效机制, 常态沟通交流机制
    r"|(?:工作|长效|常态化?|运行|管理|保障|沟通|交流|联络|协调|会商|监督|考核|日常)+)$"
)
_MISUSE = re.compile(r"利用|骗取|惩治|涉嫌|虚假|冒用|盗用")
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

    The place or brand a named practice is carried by is no part of its identity, unless the
    quotes include it (“赵婧工作室” is the studio's own name):

    >>> canonical_name("“河洛调解”工作室"), canonical_name("“河洛调解”品牌"), canonical_name("“河洛调解”")
    ('河洛调解', '河洛调解', '河洛调解')
    >>> canonical_name("行政执法教学基地"), canonical_name("“冬季攻坚”集中执行行动")
    ('行政执法教学基地', '冬季攻坚集中执行行动')
    """
    name = re.sub(r"\s+", "", name)
    if name.startswith("《"):
        return re.sub(r"[“”‘’\"]", "", name)
    if "“" in name:
        name = name[name.index("“") :]
        name = re.sub(r"”(?:等|的)", "”", name)
        # “河洛调解”工作室 and “河洛调解”品牌 are one initiative under two carriers.
        name = re.sub(rf"”(?:特色|调解|服务)?(?:{_CARRIERS})$", "”", name)
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
            if pattern is QUOTED and (
                _borrowed_carrier(match.group("tail")) or _CLAUSE.search(match.group("tail"))
            ):
                continue
            prefix = _trim_prefix(match.group("prefix"))
            start = match.start("core") - 1 - len(prefix)
            found.append((start, match.end(), text[start : match.end()]))
            if pattern is QUOTED and not prefix:
                found.extend(_listed_before(text, start))
    taken = [(a, b) for a, b, _ in found]
    listed_to = -1  # end of the last standalone name: the next one in the same list counts too
    for match in BARE.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        in_list = match.start() - listed_to in (0, 1) and text[listed_to : match.start()] in (
            "",
            "、",
        )
        if not (in_list and _named_core(match.group("core"))) and not _standalone_name(text, match):
            continue
        found.append((match.start(), match.end(), match.group()))
        listed_to = match.end()
    quoted = [(a, b) for a, b, _ in found]
    # Inside a quotation no initiative found above: a slogan's words (“一面旗帜、一个品牌、
    # 一套机制”), not a mechanism's name.
    slogans = [m.span() for m in re.finditer(r"“[^“”\n]{0,60}”", text)]
    for match in PHRASE.finditer(text):
        name, start = _trim_phrase(match.group(), match.start())
        if not name or any(a <= start < b or a < match.end() <= b for a, b in quoted):
            continue
        if any(a < start and match.end() < b for a, b in slogans):
            continue
        found.append((start, start + len(name), name))
    return _deduplicate(text, sorted(found), sections)


def _borrowed_carrier(tail: str) -> bool:
    """“赵婧工作室”等亮点品牌: a carrier after 等 or 的 is what the list is called, not the name."""
    return tail.startswith(("等", "的")) and re.search(rf"(?:{_CARRIERS})$", tail) is not None


def _named_core(core: str) -> bool:
    return core not in SLOGANS and re.search(r"[\u4e00-\u9fff]{2}", core) is not None


def _standalone_name(text: str, match: re.Match) -> bool:
    """Whether a quoted name with no head noun is an initiative of its own (see BARE)."""
    core = match.group("core")
    if not _named_core(core):
        return False
    after = text[match.end() : match.end() + 3]
    if after and not _AFTER_BARE.match(after):
        return False
    if _INSTITUTION.search(core):
        return True
    if _NUMBERED_SLOGAN.match(core):
        return False
    before = text[max(0, match.start() - 6) : match.start()]
    return bool(_SET_UP.search(before) or (_LAUNCHED.search(before) and _CODE_NAME.search(core)))


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
    head = re.search(rf"(?:{_PHRASE_HEADS})$", name)
    modifier = name[: head.start()] if head else name
    if len(modifier) < 3 or _GENERIC.match(modifier) or "和" in name or len(name) > 24:
        return "", start
    if modifier.endswith("在") or re.search(r"、[^、]*等", modifier):
        # 工作信息在平台(上公开): where something is, not a platform's name; 打击治理毒品、
        # 缉枪治爆等专项行动: a kind of campaign with examples, not one named campaign.
        return "", start
    if _MISUSE.search(modifier):
        return "", start  # 利用虚假刷单骗取平台(补贴): the platform is what a crime used
    return name, start


def _deduplicate(
    text: str, found, sections: Sequence[ParsedSection]
) -> tuple[ParsedInitiative, ...]:
    seen: set[str] = set()
    out: list[ParsedInitiative] = []
    for start, end, name in found:
        key = canonical_name(name)
        evidence = _sentence(text, start, end)
        if key in seen or not key or _CASE_NEWS.search(name) or _CASE_NEWS.search(evidence):
            continue
        if not name.startswith(("“", "《")) and any(
            len(other) >= 6 and (other in key or key in other) for other in seen
        ):
            continue  # 环境资源司法保护教育基地 after 内蒙古环境资源司法保护教育基地
        seen.add(key)
        out.append(
            ParsedInitiative(
                name=name,
                canonical_name=key,
                evidence=evidence,
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
