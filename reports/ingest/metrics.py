"""Every stated figure of a report as a ParsedMetric: label, value in base units, unit,
approximation, year-on-year change, scope, evidence sentence and offsets.

Regexes over the normalised text, never jieba tokens (jieba splits 3.2万件 into 3.2 / 万件).

>>> [(m.label, m.value, m.unit) for m in extract_metrics("全市法院执结案件4.32万件。", ())]
[('执结案件', Decimal('43200'), '件')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .indicators import indicator_for
from .labels import (
    CLASSIFIERS,
    CLAUSE_BREAK,
    SCOPE_REACH,
    clause_start,
    clean_label,
    following_noun,
    label_confidence,
    scope_before,
    title_after,
)
from .numbers import ARABIC, CN_DIGITS, scale
from .types import ParsedMetric, ParsedSection

# The units the field writes after a figure, each with a phrase it comes from. Longest first
# in the pattern, so 个百分点 wins over 个, 场次 over 场 and 平方公里 over 公里. 年/月/日 are
# never units: "2023年" and "9月15日" are dates, not figures. 万元/亿元 are 元 with a
# multiplier (QUANTITY's ``mult``).
UNIT_EXAMPLES = {
    "个百分点": "结案率同比提高1.5个百分点",
    "%": "上诉率同比下降17.99%",
    "‰": "一审案件改判发回重审率为1.2‰",
    "个工作日": "平均办理用时缩短至3个工作日",
    "平方公里": "辖区面积1.3万平方公里",
    "平方米": "建成诉讼服务中心1200平方米",
    "公里": "巡回审判行程3000余公里",
    "公顷": "恢复植被120公顷",
    "小时": "提供24小时自助服务",
    "分钟": "平均接通用时缩短至15分钟",
    "人次": "接待来访群众2.3万人次",
    "件次": "提供诉讼服务5.6万件次",
    "户次": "走访企业300户次",
    "场次": "开展普法宣传120场次",
    "条次": "审查信息2000条次",
    "元": "执行到位金额241.97亿元",
    "件": "审结一审知识产权案件325件",
    "人": "判处罪犯896人",
    "名": "覆盖700余名一线行政执法人员",
    "次": "召开联席会议12次",
    "个": "梳理55个法律风险点",
    "份": "发出司法建议书36份",
    "条": "提出司法建议46条",
    "场": "举办新闻发布会8场",
    "项": "完成调研课题12项",
    "本": "编印案例汇编3000本",
    "例": "纳入失信名单1200例",
    "天": "案件平均审理用时缩短38天",
    "字": "撰写2万余字的《金融风险防控报告》",
    "套": "制作两套专题PPT",
    "所": "走进学校30所",
    "案": "审结涉企案件12案",
    "亩": "追回被占耕地300亩",
    "家": "帮助120家企业重整",
    "户": "帮扶困难群众86户",
    "起": "查处近千起案件",
    "篇": "发表调研文章45篇",
    "位": "邀请12位人大代表旁听",
    "批": "发布典型案例5批",
    "处": "设立巡回审判点26处",
    "座": "建成人民法庭3座",
    "笔": "发放司法救助金120笔",
    "倍": "结案数增长1.5倍",
    "尾": "增殖放流鱼苗30万尾",
    "期": "举办业务培训班12期",
    "通": "接听12368热线来电3000通",
    "宗": "处置土地2宗",
    "册": "整理卷宗1.2万册",
    "辆": "查扣车辆156辆",
    "艘": "拍卖船舶3艘",
    "张": "发放联系卡2000张",
    "吨": "追回非法采砂1.2万吨",
    "轮": "开展集中执行行动3轮",
    "区": "覆盖12区",
    "县": "覆盖8县",
}
# Other spellings of a unit: 14.5万（人）次 is 人次.
UNIT_SPELLINGS = {"（人）次": "人次", "(人)次": "人次", "（件）次": "件次", "(件)次": "件次"}
UNITS = "|".join(
    re.escape(u) for u in sorted([*UNIT_EXAMPLES, *UNIT_SPELLINGS], key=len, reverse=True)
)
QUANTITY = re.compile(
    rf"""
    (?P<pre>超过|超|逾|将近|接近|近|大约|约)?
    (?:百分之(?P<pct>{ARABIC}|[{CN_DIGITS}点]+)
      |(?P<num>{ARABIC}|[{CN_DIGITS}]+|(?<=[近超逾])(?=万)|(?=万[余多]))
       [ \u3000]?(?P<mid>余|多)?(?P<mult>[万亿]{{1,2}}|千(?=[万亿元]))?(?P<mid2>余|多)?
       [ \u3000]?(?P<unit>{UNITS})?)
    (?P<post>以上|余|多)?
    """,
    re.VERBOSE,
)
# What a change looks like at the end of the words before a figure: 同比下降, 较前一年增加,
# 年均分别增长 …
_COMPARED = (
    r"同比|环比|年均|(?:较|比)(?:上年|去年|前一年|上一年|上一?个五年|过去|以往|前[一二三四五六七八九十\d]{1,2}年"
    r"|\d{4}年)(?:同期)?|超去年全年|超去年"
)
CHANGE = re.compile(
    rf"(?P<each0>分别)?(?P<cmp>{_COMPARED})?(?P<each>分别)?"
    r"(?P<dir>上升|增长|增加|增多|提高|下降|减少|降低|多出|回落|缩短)?了?$"
)
_DIRECTIONS = ("上升", "增长", "增加", "增多", "提高", "下降", "减少", "降低", "回落", "缩短")
_HIGHER_THAN = re.compile(
    r"(?P<dir>高出|超出|高于|低于|低出|多于|少于)(?:\d{4}年|上年|去年|前一年|上一年)(?:同期)?了?$"
)
# The words before a change that name what it is compared with, when that is not the year before.
_OTHER_REFERENCE = re.compile(r"(?:比|较|高于|低于|多于|少于)")
_NEGATIVE = ("下降", "减少", "降低", "回落", "缩短")
_PERSON_NOUN = re.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:干警|法官|职工|人员|代表|群众|党员|律师|农民工|员工)"
)
_MONEY_WORD = re.compile(r"欠款|金额|资金|标的|债权|款项|财产")
_NOT_AFTER = re.compile(r"个月|次(?:会议|全会|全体会议|代表大会)|个方面")
_SENTENCE_END = "。！？!?\n"
# Shares and changes are kept to 8 digits before the point (Metric.yoy_change).
_LARGEST_SHARE = Decimal(10) ** 7
# "3.6个、2.6个百分点": a bare 个 whose list ends in 个百分点.
_POINTS_LATER = re.compile(rf"(?:[、和及与]{ARABIC}个)*[、和及与]{ARABIC}个百分点")
# "分别提高3.7和1.3个百分点", "分别增长3.7、2.1和1.3%": a list whose unit is written once, at its end.
_SHARE_UNIT_LATER = re.compile(rf"(?:[、和及与]{ARABIC})*[、和及与]{ARABIC}(?P<unit>个百分点|%)")
# Nouns that make "number + classifier + noun" the name of a document or rule, not a count:
# 中央八项规定, 25条举措, 十条意见, 三项制度 (the genre names its rules by how many they are).
_NAME_HEAD = re.compile(r"(?:规定|举措|措施|意见|禁令|原则|要求|承诺|制度|机制|工程|行动)(?!\d)")
_CASE_NAME = re.compile(r"[\u4e00-\u9fff“”]{0,14}?案")
# "（件数，下同）" after a change: it is the change of the figure counted in 件, not of the
# persons beside it.
_CHANGE_OF = re.compile(r"[（(](?P<what>件数|人数|金额|案件数)")
_CHANGE_OF_UNITS = {"件数": ("件",), "案件数": ("件",), "人数": ("人", "名"), "金额": ("元",)}
# Words before a further change that name nothing: "…再次下降3.4%", "…的基础上进一步下降".
_ADVERB_ONLY = re.compile(r"^(?:的基础上|基础上)?(?:进一步|再次|继续|持续|又|再|也|均|仍|还)*$")
# "由1月的29.23%上升至12月的57.01%": the words before the first level ("由1月的") and before
# the second ("上升至12月的") name no figure of their own.
_FROM_LEVEL = re.compile(r"(?:由|从)(?:\d{4}年)?(?:\d{1,2}月(?:份|底|末)?)?的?$")
_LEVEL_TO = re.compile(
    r"^(?:(?:上升|提高|提升|增加|增长|下降|降低|减少|缩短|回落)(?:至|到)|增至|降至|升至)"
    r"(?:\d{4}年)?(?:\d{1,2}月(?:份|底|末)?)?的?$"
)
# "在上年下降26.2%的基础上": the previous year's change, named before this year's.
_CHAINED_BASE = re.compile(r"在(?:上年|去年|前一年|上一年)?$")


@dataclass
class _Figure:
    """A quantity found in the text, before it becomes a ParsedMetric."""

    start: int
    end: int
    value: Decimal | None  # None once a change turns out to state no value of its own
    unit: str
    approx: str
    label: str = ""
    confidence: float = 0.9
    change: str = ""  # "" for a figure; "yoy"/"plain" for a change; sign is in value
    each: bool = False
    yoy: Decimal | None = None
    yoy_unit: str = ""
    in_bracket: bool = False
    continues: bool = False  # a further change of the same "分别…和…" list
    base_year: bool = False  # "在上年下降26.2%的基础上…": the change of the year before


def extract_metrics(text: str, sections: Sequence[ParsedSection]) -> tuple[ParsedMetric, ...]:
    """All figures of ``text`` in order (offsets into ``text``).

    ``"审执结12.7万件，同比上升 27.74%"`` → one metric 127000 件 with ``yoy_change`` +27.74 %.
    """
    quoted = _quoted_spans(text)
    metrics: list[ParsedMetric] = []
    for s_start, s_end in _sentences(text):
        figures = _sentence_figures(text, s_start, s_end, quoted)
        for figure in _attach_changes(text, figures):
            metrics.append(_to_metric(text, figure, s_start, s_end, sections))
    return tuple(metrics)


def _sentences(text: str):
    start = 0
    for index, char in enumerate(text):
        if char in _SENTENCE_END:
            if index > start:
                yield start, index + 1
            start = index + 1
    if start < len(text):
        yield start, len(text)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    # Numbers inside “…” and 《…》 are names (“六个一”, 《2020年…报告》), not figures.
    return [
        m.span() for m in re.finditer(r"“[^“”\n]{0,40}”|《[^《》\n]{0,60}》|‘[^‘’\n]{0,20}’", text)
    ]


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    index = bisect.bisect_right(spans, (pos, 10**9)) - 1
    return index >= 0 and spans[index][0] < pos < spans[index][1]


def _sentence_figures(text: str, s_start: int, s_end: int, quoted) -> list[_Figure]:
    figures: list[_Figure] = []
    bare: list[_Figure] = []
    for match in QUANTITY.finditer(text, s_start, s_end):
        figure = _read_quantity(text, match, quoted)
        if figure is None:
            continue
        counted = [f for f in figures if f.unit != "?"]
        floor = counted[-1].end if counted else s_start
        clause_from = clause_start(text, match.start(), floor)
        _label_figure(text, figure, clause_from, figures)
        if figure.unit == "?":
            bare.append(figure)
        figures.append(figure)
    for figure in bare:
        _unit_from_siblings(figure, figures)
    kept = [f for f in figures if f.unit != "?" and (f.label or f.change)]
    _split_respectively(kept)
    return kept


def _split_respectively(figures: list[_Figure]) -> None:
    """ "结案率和服判息诉率分别提高到99.4%和83.1%": one label per figure, in order."""
    index = 0
    while index < len(figures):
        label = figures[index].label
        group = 1
        while index + group < len(figures) and figures[index + group].label == label:
            group += 1
        if "分别" in label:
            head = label.split("分别")[0]
        else:  # 分别 was cut from the label with the verb after it (分别提高到)
            head = label if figures[index].each else ""
        parts = [p for p in re.split(r"[和、及与]", head) if p]
        if (
            group > 1
            and len(parts) == group
            and not any(f.change for f in figures[index : index + group])
        ):
            for figure, part in zip(figures[index : index + group], parts, strict=True):
                figure.label = part
                figure.confidence = label_confidence(part)
        index += group


def _read_quantity(text: str, match: re.Match, quoted) -> _Figure | None:
    number = match.group("pct") or match.group("num")
    # 近万名, 万余件: ten thousand written as its multiplier alone (the regex allows it only
    # after 近/超/逾 or before 余/多, so 每万人 and 万家灯火 count nothing).
    bare = match.group("num") == "" and (match.group("mult") or "").startswith("万")
    if not number and not bare:
        return None
    start = match.start("pct") if match.group("pct") else match.start("num")
    if _inside(quoted, start) or text[start - 1 : start] in ("第", "”"):
        return None
    chinese = bare or not number[0].isdigit()
    if bare:
        number = "1"
    elif chinese and number in ("一", "〇", "零"):
        return None  # 一审, 一名学者, 一起案件: the article "a", not a count
    unit = "%" if match.group("pct") else (match.group("unit") or "")
    unit = UNIT_SPELLINGS.get(unit, unit)
    after_at = match.end("unit") if match.group("unit") else match.end()
    if unit and _NOT_AFTER.match(unit + text[after_at : after_at + 4]):
        return None
    if chinese and not unit:
        return None
    if chinese and unit in ("区", "县"):
        return None
    approx = (
        match.group("pre") or match.group("mid") or match.group("mid2") or match.group("post") or ""
    )
    approx = {"超过": "超", "逾": "超", "将近": "近", "接近": "近", "大约": "约", "多": "余"}.get(
        approx, approx
    )
    try:
        value = scale(number, match.group("mult") or "")
    except ValueError:
        return None  # a numeral that counts nothing (千方百计) or a digit run of 30 digits
    if unit in ("%", "‰", "个百分点") and abs(value) >= _LARGEST_SHARE:
        return None  # 100000000%: no share or change is that large (and none could be stored)
    end = match.end()
    if unit == "个" and _POINTS_LATER.match(text, match.end("unit")):
        unit = "个百分点"  # 分别下降3.6个、2.6个百分点: the unit is written once, at the end
    if unit in CLASSIFIERS and _NAME_HEAD.match(text, end):
        return None  # 中央八项规定, 出台25条举措: a number inside a name
    if unit in ("人", "名") and text[start - 1 : start] == "等" and _CASE_NAME.match(text, end):
        return None  # 刘明霞等51人跨境电信诈骗案: the people of a case's name
    if not unit and (later := _SHARE_UNIT_LATER.match(text, end)):
        unit = later.group("unit")
    if not unit:
        unit = "?"  # decided below from the words around it, or dropped
    return _Figure(start=match.start(), end=end, value=value, unit=unit, approx=approx)


def _label_figure(text: str, figure: _Figure, clause_from: int, previous: list[_Figure]) -> None:
    """Label, change marker and implied unit of one figure, from the words around it."""
    raw_before = text[clause_from : figure.start]
    last = previous[-1] if previous else None
    joined = raw_before.strip(" 、和及与")
    # Its own direction continues the list only inside the same clause (…、上升4.05%); a new
    # clause (，增加12958件) is a change of its own.
    between = text[last.end : figure.start] if last else ""
    own_direction = joined in _DIRECTIONS and not any(c in CLAUSE_BREAK for c in between)
    # "同比下降28.9%；92.9%的案件经一审即息诉": after a semicolon, or naming what follows it,
    # a figure with no words before it starts anew.
    anew = any(c in "；;。" for c in between) or text.startswith("的", figure.end)
    if last and last.change and ((joined == "" and not anew) or own_direction):
        # "分别上升21.9%和1.6%": the second change has no words of its own; "分别下降0.23%、
        # 上升4.05%和下降11.70%": each item says its own direction.
        figure.change, figure.each, figure.continues = last.change, last.each, True
        negative = joined in _NEGATIVE if joined else last.value < 0
        if negative:
            figure.value = -figure.value
        return
    figure.in_bracket = clause_from > 0 and text[clause_from - 1] in "（("
    change = CHANGE.search(raw_before)
    if change and change.group("dir"):
        raw_before = raw_before[: change.start()]
        figure.change = "yoy" if change.group("cmp") else "plain"
        figure.each = bool(change.group("each") or change.group("each0"))
        if change.group("dir") in _NEGATIVE:
            figure.value = -figure.value
        chained = _CHAINED_BASE.search(raw_before)
        if chained and text.startswith("的基础上", figure.end):
            figure.base_year = True
            raw_before = raw_before[: chained.start()]
    elif higher := _HIGHER_THAN.search(raw_before):
        # 赞成率99.8%，高出2016年4.95个百分点: a change written as "higher than the year".
        raw_before = raw_before[: higher.start()]
        figure.change = "yoy"
        if higher.group("dir") in ("低于", "少于", "低出"):
            figure.value = -figure.value
    elif change and change.group("cmp") and change.group("cmp").startswith("超去年"):
        raw_before = raw_before[: change.start()]
        figure.change = "yoy"
    figure.each = figure.each or "分别" in raw_before
    raw_before = _FROM_LEVEL.sub("", raw_before)
    level_to = bool(_LEVEL_TO.match(raw_before.strip(" ，,")))
    before = clean_label(raw_before)

    if figure.unit == "?":
        _implied_unit(text, figure, before, raw_before)
        return
    if figure.unit == "%" and before == "占" or raw_before.strip() == "占":
        # 法官403人，占69%: the share of the figure before (占全市的8.5% names its whole).
        owner = next((f for f in reversed(previous) if not f.change and not f.in_bracket), None)
        figure.label = f"{owner.label}占比" if owner and owner.label else "占"
        figure.confidence = 0.7
        return
    follow = following_noun(text, figure.end)
    if figure.unit == "字" and title_after(text, figure.end):
        figure.label = title_after(text, figure.end)
    elif follow and (figure.unit in CLASSIFIERS or not before) and not figure.change:
        figure.label = follow
    else:
        figure.label = before
    if not figure.label and previous and raw_before.strip() == "" and not figure.change:
        figure.label = previous[-1].label  # 576 件 896 人: two figures, one label
    if (
        not figure.label
        and raw_before.strip(" 、") in ("", "和", "及", "与")
        and previous
        and not figure.change
    ):
        figure.label = previous[-1].label  # 分别为1.2万件、1.3万件: the list's label
    named = [f for f in previous if f.unit != "?" and f.label]
    if figure.change and not figure.label and not named:
        figure.label = _subject_before(text, clause_from)
    if level_to and named:
        # 分流率由1月的29.23%上升至12月的57.01%: the new level of the same rate.
        figure.label = named[-1].label
    if figure.change and before and _ADVERB_ONLY.match(before) and named:
        # "…下降17.7%……再次下降3.4%": a further change of what the last figure counts.
        figure.label = named[-1].label
    figure.confidence = label_confidence(figure.label)


# "新收案件数量首次出现下降，同比下降6.2%": the clause before names what changed.
_TREND = re.compile(
    r"(?:首次|连续|持续|继续|明显|大幅|稳步)?(?:出现|有所|呈)?(?:下降|上升|增长|减少|回落)(?:趋势|态势)?$"
)


def _subject_before(text: str, clause_from: int) -> str:
    """What a bare change is of, from the clause before it, if that clause is a trend."""
    if clause_from < 2 or text[clause_from - 1] not in "，,":
        return ""
    start = clause_start(text, clause_from - 1, max(0, clause_from - 40))
    clause = text[start : clause_from - 1]
    trend = _TREND.search(clause)
    subject = clean_label(clause[: trend.start()]) if trend else ""
    return subject if 2 <= len(subject) <= 20 else ""


def _implied_unit(text: str, figure: _Figure, before: str, raw_before: str) -> None:
    """人口555万, 33万干警, 欠款280亿, 男444: the unit is implied by the words around."""
    scaled = figure.value != figure.value.to_integral_value() or text[figure.end - 1] in "万亿"
    person = _PERSON_NOUN.match(text, figure.end)
    if scaled and person:
        figure.unit, figure.label, figure.confidence = "人", person.group(), 0.6
    elif scaled and before.endswith("人口"):
        figure.unit, figure.label, figure.confidence = "人", before, 0.6
    elif scaled and _MONEY_WORD.search(before):
        figure.unit, figure.label, figure.confidence = "元", before, 0.6
    elif (
        not scaled
        and before
        and text[figure.end : figure.end + 1] in "，,；;）)"
        and not re.fullmatch(r"(?:19|20)\d\d", text[figure.start : figure.end])
        and "." not in text[figure.start : figure.end]
    ):
        figure.label, figure.confidence = before, 0.5  # unit from its neighbours, if any
    else:
        figure.label = ""


def _unit_from_siblings(figure: _Figure, figures: list[_Figure]) -> None:
    # "其中男444，女140人": a bare count shares the unit of the next (else previous) count.
    if not figure.label:
        return
    index = figures.index(figure)
    for neighbour in figures[index + 1 : index + 2] + figures[index - 1 : index][::-1]:
        if neighbour.unit in ("人", "名", "件") and not neighbour.change:
            figure.unit = neighbour.unit
            return


def _attach_changes(text: str, figures: list[_Figure]) -> list[_Figure]:
    """A change right after a figure is that figure's year-on-year change, not a figure; a
    change with no figure of its own states no value (``value`` None, the change in ``yoy``).

    ``受理X件、审结Y件，同比分别上升21.9%和1.6%`` gives X +21.9 % and Y +1.6 %;
    ``上诉率同比下降17.99%`` gives 上诉率 with no value and a change of −17.99 %;
    ``人均结案483.99件，同比增加64.13件`` gives 483.99 件 with a change of +64.13 件.
    """
    out: list[_Figure] = []
    index = 0
    while index < len(figures):
        figure = figures[index]
        if not figure.change:
            out.append(figure)
            index += 1
            continue
        group = [figure]
        while index + len(group) < len(figures) and figures[index + len(group)].continues:
            group.append(figures[index + len(group)])
        owners = [f for f in out if not f.change]
        relative = {f.unit for f in group} <= {"%", "个百分点"}
        targets = _owners_of(text, group, owners) if owners else []
        # "人均结案483.99件，同比增加了64.13件": a change in the figure's own unit, right after
        # it, is its change too, unless it already has one (262件，同比下降2.6%，同比减少7件).
        absolute = len(targets) == len(group) and all(
            t.unit == c.unit and t.yoy is None for t, c in zip(targets, group, strict=True)
        )
        if not figure.label and owners and (relative or absolute) and not figure.base_year:
            for target, change in zip(targets, group, strict=False):
                target.yoy, target.yoy_unit = change.value, change.unit
        else:
            _name_changes(group, figure, owners)
            out.extend(group)
        index += len(group)
    return out


def _owners_of(text: str, group: list[_Figure], owners: list[_Figure]) -> list[_Figure]:
    """The figures a change (or a 分别 list of changes) belongs to, in order."""
    said = _CHANGE_OF.match(text, group[-1].end)
    if said:
        units = _CHANGE_OF_UNITS[said.group("what")]
        owners = [f for f in owners if f.unit in units] or owners
    if not (group[0].each or len(group) > 1):
        return owners[-1:]
    # A rate changes by 个百分点, a count by %: "受理1796件，审结1657件，结案率为92.26%，同比
    # 分别上升21.2%和14.3%" are the changes of the two counts, not of the rate.
    if group[0].unit == "%":
        counts = [f for f in owners if f.unit != "%"]
        owners = counts if len(counts) >= len(group) else owners
    elif group[0].unit == "个百分点":
        rates = [f for f in owners if f.unit == "%"]
        owners = rates if len(rates) >= len(group) else owners
    return owners[-len(group) :]


def _name_changes(group: list[_Figure], figure: _Figure, owners: list[_Figure]) -> None:
    """Labels of changes that stand alone; a change keeps no value, only its change."""
    shared = figure.label or (owners[-1].label if owners else "")
    head = shared.split("分别")[0]
    parts = [p for p in re.split(r"[和、及与]", head) if p]
    noun = re.search(r"(?:案件数?|率|量|数|金额)$", parts[-1]) if parts else None
    if noun:  # 一审、二审案件: each item is a 案件 count
        parts = [p if p.endswith(noun.group()) else p + noun.group() for p in parts]
    for position, change in enumerate(group):
        if len(group) > 1 and len(parts) == len(group):
            change.label = parts[position]  # 结案率、调撤率分别下降3.6个、2.6个百分点
        else:
            change.label = change.label or shared
        if change.base_year:
            change.label = f"{change.label}（上年）"
        # A change states no value of its own, whatever it counts: 上诉率同比下降17.99%,
        # 平均用时缩短38天 and 同比减少700件 are changes, never a rate, a duration or a count.
        # A difference from something other than the year before (比全区平均数多出110件) is
        # no year-on-year change: it stays the figure it was written as.
        if change.unit in ("%", "个百分点") or not _OTHER_REFERENCE.match(change.label):
            change.yoy, change.yoy_unit = change.value, change.unit
            change.value, change.unit = None, ""
        change.confidence = label_confidence(change.label)


def _to_metric(text, figure: _Figure, s_start, s_end, sections) -> ParsedMetric:
    # Bounded like scope_before's reach: a paragraph can be a whole pasted page.
    paragraph = text.rfind("\n", max(0, figure.start - SCOPE_REACH), figure.start) + 1
    return ParsedMetric(
        label=figure.label,
        value=figure.value,
        unit=figure.unit,
        raw=text[figure.start : figure.end],
        evidence=text[s_start:s_end].strip(),
        start=figure.start,
        end=figure.end,
        indicator=indicator_for(figure.label, figure.unit) if figure.value is not None else "",
        approx=figure.approx,
        yoy_change=figure.yoy,
        yoy_unit=figure.yoy_unit,
        scope=scope_before(text, figure.start, paragraph),
        section_order=_section_at(sections, figure.start),
        confidence=figure.confidence,
    )


def _section_at(sections: Sequence[ParsedSection], offset: int) -> int | None:
    for section in sections:
        if section.start <= offset < section.end:
            return section.order
    return None
