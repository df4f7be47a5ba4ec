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

# Longest first, so 个百分点 wins over 个 and 平方公里 over 公里. 年/月/日 are never units:
# "2023年" and "9月15日" are dates, not figures.
UNITS = (
    "个百分点|%|平方公里|平方米|公里|公顷|小时|分钟|人次|元|件|人|名|次|个|份|条|场|项|本|例|天"
    "|字|套|所|案|亩|家|户|起|篇|位|批|处|座|笔|倍|区|县"
)
QUANTITY = re.compile(
    rf"""
    (?P<pre>超过|超|逾|将近|接近|近|大约|约)?
    (?:百分之(?P<pct>{ARABIC}|[{CN_DIGITS}点]+)
      |(?P<num>{ARABIC}|[{CN_DIGITS}]+)
       [ \u3000]?(?P<mid>余|多)?(?P<mult>[万亿]{{1,2}}|千(?=[万亿元]))?(?P<mid2>余|多)?
       [ \u3000]?(?P<unit>{UNITS})?)
    (?P<post>以上|余|多)?
    """,
    re.VERBOSE,
)
# What a change looks like at the end of the words before a figure: 同比下降, 较前一年增加 …
CHANGE = re.compile(
    r"(?P<cmp>同比|较上年|较去年|较前一年|比上年|比去年|超去年全年|超去年)?(?P<each>分别)?"
    r"(?P<dir>上升|增长|增加|提高|下降|减少|降低|多出)?了?$"
)
_NEGATIVE = ("下降", "减少", "降低")
_PERSON_NOUN = re.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:干警|法官|职工|人员|代表|群众|党员|律师|农民工|员工)"
)
_MONEY_WORD = re.compile(r"欠款|金额|资金|标的|债权|款项|财产")
_NOT_AFTER = re.compile(r"个月|次(?:会议|全会|全体会议|代表大会)|个方面")
_SENTENCE_END = "。！？!?\n"


@dataclass
class _Figure:
    """A quantity found in the text, before it becomes a ParsedMetric."""

    start: int
    end: int
    value: Decimal
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


def extract_metrics(text: str, sections: Sequence[ParsedSection]) -> tuple[ParsedMetric, ...]:
    """All figures of ``text`` in order (offsets into ``text``).

    ``"审执结12.7万件，同比上升 27.74%"`` → one metric 127000 件 with ``yoy_change`` +27.74 %.
    """
    quoted = _quoted_spans(text)
    metrics: list[ParsedMetric] = []
    for s_start, s_end in _sentences(text):
        figures = _sentence_figures(text, s_start, s_end, quoted)
        for figure in _attach_changes(figures):
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
        head = label.split("分别")[0] if "分别" in label else ""
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
    if not number:
        return None
    start = match.start("pct") if match.group("pct") else match.start("num")
    if _inside(quoted, start) or text[start - 1 : start] in ("第", "”"):
        return None
    chinese = not number[0].isdigit()
    if chinese and number in ("一", "〇", "零"):
        return None  # 一审, 一名学者, 一起案件: the article "a", not a count
    unit = "%" if match.group("pct") else (match.group("unit") or "")
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
    value = scale(number, match.group("mult") or "")
    end = match.end()
    if not unit:
        unit = "?"  # decided below from the words around it, or dropped
    return _Figure(start=match.start(), end=end, value=value, unit=unit, approx=approx)


def _label_figure(text: str, figure: _Figure, clause_from: int, previous: list[_Figure]) -> None:
    """Label, change marker and implied unit of one figure, from the words around it."""
    raw_before = text[clause_from : figure.start]
    last = previous[-1] if previous else None
    if last and last.change and raw_before.strip(" 、") in ("和", "及", "、", "与"):
        # "分别上升21.9%和1.6%": the second change has no words of its own.
        figure.change, figure.each, figure.continues = last.change, last.each, True
        if last.value < 0:
            figure.value = -figure.value
        return
    figure.in_bracket = clause_from > 0 and text[clause_from - 1] in "（("
    change = CHANGE.search(raw_before)
    if change and change.group("dir"):
        raw_before = raw_before[: change.start()]
        figure.change = "yoy" if change.group("cmp") else "plain"
        figure.each = bool(change.group("each"))
        if change.group("dir") in _NEGATIVE:
            figure.value = -figure.value
    elif change and change.group("cmp") and change.group("cmp").startswith("超去年"):
        raw_before = raw_before[: change.start()]
        figure.change = "yoy"
    before = clean_label(raw_before)

    if figure.unit == "?":
        _implied_unit(text, figure, before, raw_before)
        return
    if figure.unit == "%" and before == "占" or raw_before.strip() == "占":
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
        and raw_before.strip(" 、") in ("和", "及")
        and previous
        and not figure.change
    ):
        figure.label = previous[-1].label
    figure.confidence = label_confidence(figure.label)


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


def _attach_changes(figures: list[_Figure]) -> list[_Figure]:
    """A change right after a figure is that figure's year-on-year change, not a figure.

    ``受理X件、审结Y件，同比分别上升21.9%和1.6%`` gives X +21.9 % and Y +1.6 %.
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
        yoy_units = {f.unit for f in group} <= {"%", "个百分点"}
        if figure.change == "yoy" and not figure.label and owners and yoy_units:
            targets = owners[-len(group) :] if figure.each or len(group) > 1 else owners[-1:]
            for target, change in zip(targets, group, strict=False):
                target.yoy, target.yoy_unit = change.value, change.unit
        else:
            for change in group:
                change.label = change.label or figure.label or (owners[-1].label if owners else "")
                if change.change == "yoy" and change.unit in ("%", "个百分点"):
                    change.yoy, change.yoy_unit = change.value, change.unit
                change.confidence = label_confidence(change.label)
                out.append(change)
        index += len(group)
    return out


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
        indicator=indicator_for(figure.label, figure.unit),
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
