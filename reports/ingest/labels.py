"""What a stated figure counts: its label, read from the words around it, and its scope.

Chinese reports put the noun before the figure (审结一审知识产权案件325件) or, after a classifier,
behind it (覆盖700余名一线行政执法人员); subjects (全市法院), times (2023年) and verbs of degree
(达到, 保持) are not part of what is counted, so they are cut.
"""

from __future__ import annotations

import re

# A clause ends at these; 、 does not (it joins the items of one label: 故意杀人、抢劫等案件).
CLAUSE_BREAK = "，,。；;：:！!？?\n\r\t（(）)"
# Units after which the counted noun usually follows: 55个法律风险点, 700余名一线执法人员.
CLASSIFIERS = frozenset("个名项场条套份所家位")

_TIME = re.compile(
    r"(?:\d{4}年(?:\d{1,2}(?:至\d{1,2})?月(?:底|份)?)?(?:全年|以来|上半年|下半年|前三季度)?"
    r"|今年(?:以来)?|去年(?:一年)?|全年|截至[^，,。]{1,8}?(?:底|止)|近年来|过去一年里?|年内"
    r"|(?:近|过去)?[一二三四五六七八九十\d]{1,2}年(?:来|以来|间)|[\u4e00-\u9fff]{2,8}?以来)"
)
_SUBJECT = re.compile(
    r"^(?:全市两级法院|全省三级法院|全市法院|全省法院|全区法院|全国法院|两级法院|三级法院"
    r"|全市(?!两级|三级)|全省(?!两级|三级)|本院|该院|市中院|中院|市中级人民法院"
    r"|[\u4e00-\u9fff]{2,8}?(?:中级人民法院|高级人民法院|中院|高院|法院))"
)
_LEAD = re.compile(
    r"^(?:其中|同时|此外|另有|另外|并且|并|还|又|共有|现有|共计|共|累计|依法|先后|对|向)"
)
_TRAIL = re.compile(
    r"(?:的|达到|达|为|保持|共计|共|约|仅|均|计|是|有|分别|已经"
    r"|(?:上升|提高|提升|增加|增长|下降|降低|减少|缩短|回落)(?:至|到)|降至|升至|增至)$"
)
_FUNCTION_ONLY = frozenset(
    {"", "对", "向", "为", "在", "将", "把", "共", "约", "达", "计", "和", "及", "与"}
)
# A following noun ends at these, or at a verb that starts the rest of the clause.
_FOLLOW_STOP = re.compile(
    r"[，,。；;：:！!？?、的与和及（()）“”\s]|参加|进行|制作|开展|均为|主动|表示|全覆盖"
    r"|到各|赴|深入|走进|参与|前往|获|荣获|受到|被"
)
_FOLLOW_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_PRONOUN = re.compile(r"^(?:该|其|此|这|上述)")

_REGION = re.compile(
    r"全市两级|全省三级|全市|全省|全区|全国法院|两级法院|三级法院|[\u4e00-\u9fff]{2,6}市法院"
)
_COURT = re.compile(
    r"本院|该院|中院|中级人民法院|高院|高级人民法院|最高人民法院|[一二三四五六七八九]庭"
)


def clause_start(text: str, pos: int, floor: int) -> int:
    """Where the clause ending at ``pos`` begins (not before ``floor``).

    A short bracket such as 审（执）结 is part of a word, not a clause break.
    """
    i = pos
    while i > floor:
        char = text[i - 1]
        if char in "）)":
            opening = max(text.rfind("（", floor, i - 1), text.rfind("(", floor, i - 1))
            if opening >= 0 and i - 1 - opening <= 2:
                i = opening
                continue
        if char in CLAUSE_BREAK:
            return i
        i -= 1
    return floor


def clean_label(raw: str) -> str:
    """The counted noun phrase from the words before a figure.

    >>> clean_label("2023年，呼和浩特市法院审结了涉及教育等民事案件")
    '审结了涉及教育等民事案件'
    >>> clean_label("全市两级行政机关负责人出庭率达到"), clean_label("大学以上学历的")
    ('全市两级行政机关负责人出庭率', '大学以上学历')
    """
    label = raw.strip(" 、，,　")
    times = list(_TIME.finditer(label))
    if times and label[times[-1].end() :].strip():
        label = label[times[-1].end() :]
    for _ in range(4):
        before = label
        label = label.strip(" 、，,　")
        subject = _SUBJECT.match(label)
        if subject and len(label) - subject.end() >= 2:
            label = label[subject.end() :]
        lead = _LEAD.match(label)
        if lead and len(label) - lead.end() >= 1:
            label = label[lead.end() :]
        trail = _TRAIL.search(label)
        if trail and trail.start() >= 2:
            label = label[: trail.start()]
        if label == before:
            break
    return "" if label in _FUNCTION_ONLY else label


def following_noun(text: str, pos: int) -> str:
    """The noun right after a classifier: ``55个法律风险点、…`` → 法律风险点; after a share,
    what it is a share of: ``92.9%的案件经一审即息诉`` → 案件经一审即息诉."""
    if text.startswith("的", pos):
        pos += 1
    end = pos
    while end < len(text) and end - pos < 16 and _FOLLOW_RUN.match(text[end]):
        end += 1
    run = text[pos:end]
    stop = _FOLLOW_STOP.search(run, 1)
    return run[: stop.start()] if stop else run


def title_after(text: str, pos: int) -> str:
    """A 《title》 right after a figure: ``2万余字的《…报告》`` names what the words are of."""
    match = re.match(r"的?(《[^》]{1,40}》)", text[pos : pos + 45])
    return match.group(1) if match else ""


def label_confidence(label: str) -> float:
    """Weak labels (missing, a pronoun, a whole clause) make the figure worth an editor's look."""
    if not label:
        return 0.3
    if _PRONOUN.match(label) or len(label) == 1:
        return 0.5
    if len(label) > 24:
        return 0.6
    return 0.9


# How far back a figure's scope cue is looked for. A paragraph can be a whole pasted web
# page: scanning it from its start for every figure took quadratic time (30 s for 2,000
# figures), and a cue that far back no longer speaks of the figure.
SCOPE_REACH = 1000


def scope_before(text: str, pos: int, floor: int) -> str:
    """ "region" (全市两级法院 …), "court" (本院, 市中院 …) or "", from the nearest cue before:
    ``scope_before("全市法院受理案件1.39万件", 8, 0)`` → ``"region"``."""
    window = text[max(floor, pos - SCOPE_REACH) : pos]
    best, kind = -1, ""
    for pattern, value in ((_REGION, "region"), (_COURT, "court")):
        for match in pattern.finditer(window):
            if match.start() > best or (match.start() == best and value == "region"):
                best, kind = match.start(), value
    return kind
