"""How figures read on public pages: the way Chinese reports write them.

Metrics are stored in base units (13900 件, 24197000000 元); readers expect 1.39万件 and
241.97亿元, and analysts want the exact figure too, so pages show both.
"""

import re
from decimal import Decimal

from django import template
from django.utils.html import conditional_escape, format_html

from reports.ingest.numbers import as_decimal

register = template.Library()

# Units for which 万/亿 make sense; 27.74% or 45 天 stay as they are.
SCALABLE_UNITS = {
    *("", "件", "元", "人", "次", "个", "名", "户", "起", "家", "项", "条", "份", "笔"),
    *("人次", "件次", "户次", "场次", "条次", "尾", "册", "宗", "通", "篇", "张", "辆", "吨"),
}
PREFIX_APPROX = {"超", "近", "约"}
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


def plain_number(value, grouped=False):
    """Decimal without trailing zeros or exponent: ``Decimal("27.7400")`` → ``"27.74"``,
    ``-0`` → ``"0"``, None → ``""``; ``grouped`` groups thousands (``"13,900"``). The one
    number formatter of pages, admin and previews."""
    number = as_decimal(value)
    if number is None:
        return ""
    text = format(number.normalize(), "f")
    text = "0" if text in {"-0", ""} else text
    return grouped_number(text) if grouped else text


def grouped_number(value):
    """Digits grouped by thousands: ``13900`` → ``"13,900"``; ``27.74`` stays ``"27.74"``."""
    number = as_decimal(value)
    if number is None:
        return ""
    text = format(number.normalize(), "f")
    text = "0" if text in {"-0", ""} else text
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}"
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"


def compact_number(value):
    """As a report writes it: ``13900`` → ``"1.39万"``, ``24197000000`` → ``"241.97亿"``,
    ``3200`` → ``"3200"``.

    Only when the scaled figure is exact to two decimals, so ``12345`` stays ``"12,345"``
    rather than becoming a rounded ``"1.23万"`` the report never said.
    """
    number = as_decimal(value)
    if number is None:
        return ""
    for threshold, suffix in ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")):
        scaled = number / threshold
        if abs(number) >= threshold and scaled == scaled.quantize(Decimal("0.01")):
            return f"{plain_number(scaled)}{suffix}"
    # Reports write 3200 without a separator; longer figures read better grouped.
    return grouped_number(number) if abs(number) >= 10000 else plain_number(number)


@register.filter
def metric_value(metric):
    """``Metric(13900, 件, approx=超)`` → ``"超1.39万件"``; ``(90, %, 以上)`` → ``"90%以上"``;
    a change-only statement reads as its change: ``"同比下降17.99%"``, never as a value."""
    if metric.value is None:
        return yoy_words(metric)
    unit = metric.unit or ""
    number = compact_number(metric.value) if unit in SCALABLE_UNITS else plain_number(metric.value)
    return with_approx(number, metric.approx, unit)


def with_approx(number: str, approx: str, unit: str = "") -> str:
    """The approximation word where Chinese puts it: 超1.39万件, 1.39万余件, 4000件以上."""
    approx = approx or ""
    if approx in PREFIX_APPROX:
        return f"{approx}{number}{unit}"
    if approx == "余":
        return f"{number}余{unit}"
    return f"{number}{unit}{approx}"


@register.filter
def metric_full_value(metric):
    """The exact stored figure for analysts: ``"13,900 件"``, ``"24,197,000,000 元"``; for a
    change-only statement its change."""
    if metric.value is None:
        return yoy_words(metric)
    unit = metric.unit or ""
    if unit in {"%", "‰"}:
        return f"{plain_number(metric.value)}{unit}"
    return f"{grouped_number(metric.value)} {unit}".strip()


@register.filter
def metric_exact(metric):
    """The exact figure when the displayed one is scaled (``"13,900 件"`` beside
    ``"1.39万件"``), else "" — ``325件`` needs no second reading."""
    shown = metric_value(metric)
    return metric_full_value(metric) if "万" in shown or "亿" in shown else ""


RELATIVE_CHANGE_UNITS = {"%", "个百分点"}


def change_amount(change, unit: str) -> str:
    """A change's size as reports write it: ``27.74%``, ``1.5个百分点``, ``700件``, ``3.2亿元``."""
    number = compact_number(change) if unit in SCALABLE_UNITS else plain_number(change)
    return f"{number}{unit}"


@register.filter
def yoy_change(metric):
    """Signed change with its unit: ``"+27.74%"``, ``"-6.2%"``, ``"+9 个百分点"``, ``"-700 件"``,
    ``"-3.2亿 元"``; "" if none."""
    change = as_decimal(metric.yoy_change)
    if change is None:
        return ""
    sign = "+" if change > 0 else ""
    unit = metric.yoy_unit or "%"
    separator = "" if unit in {"%", "‰"} else " "
    number = compact_number(change) if unit in SCALABLE_UNITS else plain_number(change)
    return f"{sign}{number}{separator}{unit}"


@register.filter
def yoy_words(metric):
    """The same change in words, for screen readers and tooltips: ``"同比上升27.74%"``; a
    change counted in a unit of its own is an increase or a decrease: ``"同比减少700件"``."""
    change = as_decimal(metric.yoy_change)
    if change is None:
        return ""
    if change == 0:
        return "同比持平"
    unit = metric.yoy_unit or "%"
    if unit in RELATIVE_CHANGE_UNITS:
        direction = "上升" if change > 0 else "下降"
    else:
        direction = "增加" if change > 0 else "减少"
    return f"同比{direction}{change_amount(abs(change), unit)}"


@register.filter
def yoy_direction(metric):
    change = as_decimal(metric.yoy_change)
    if change is None or change == 0:
        return "flat"
    return "up" if change > 0 else "down"


# Characters of evidence kept on each side of the figure in tables and lists; the whole
# sentence is one click away in its section, and some "sentences" run to 300 characters.
EXCERPT_RADIUS = 36


def find_figure(evidence, raw):
    """(start, end) of ``raw`` in ``evidence``, else of its bare number (raw ``1.39万件``
    written ``1.39万余件``), else None."""
    for needle in (raw or "", *NUMBER_RE.findall(raw or "")[:1]):
        index = evidence.find(needle) if needle else -1
        if index >= 0:
            return index, index + len(needle)
    return None


@register.filter
def highlight_figure(evidence, raw):
    """Evidence sentence, escaped, with the figure it supports in ``<mark>``."""
    evidence = evidence or ""
    found = find_figure(evidence, raw)
    if not found:
        return conditional_escape(evidence)
    start, end = found
    return format_html("{}<mark>{}</mark>{}", evidence[:start], evidence[start:end], evidence[end:])


@register.filter
def evidence_excerpt(evidence, raw):
    """Like ``highlight_figure`` but only the words around the figure, with "…" where the
    sentence was cut."""
    evidence = evidence or ""
    start, end = find_figure(evidence, raw) or (0, 0)
    left = max(0, start - EXCERPT_RADIUS)
    # What the left side could not use goes to the right: the excerpt keeps its length.
    spare = EXCERPT_RADIUS - (start - left)
    right = min(len(evidence), end + EXCERPT_RADIUS + spare)
    # Never cut a number in two ("…025年" for 2025年).
    while 0 < left < start and evidence[left - 1].isdigit() and evidence[left].isdigit():
        left += 1
    while (
        end < right < len(evidence) and evidence[right - 1].isdigit() and evidence[right].isdigit()
    ):
        right -= 1
    before = ("…" if left else "") + evidence[left:start]
    after = evidence[end:right] + ("…" if right < len(evidence) else "")
    if start == end:
        return conditional_escape(before + after)
    return format_html("{}<mark>{}</mark>{}", before, evidence[start:end], after)


@register.filter
def section_title(section):
    """A section's heading; the untitled opening of a report reads as its 导语."""
    if section is None:
        return ""
    if section.heading:
        return section.heading
    return untitled_name(section.order)


def untitled_name(order: int) -> str:
    return "导语" if order == 1 else f"第{order}部分"


@register.filter
def hit_heading(hit):
    """A search hit's section heading, an untitled one named as in the report's contents
    (the hit knows its section only by its anchor: ``/reports/7/#section-1`` → 导语)."""
    if hit.heading:
        return hit.heading
    anchor = re.search(r"#section-(\d+)$", hit.url or "")
    return untitled_name(int(anchor.group(1))) if anchor else "正文"


@register.filter
def cn_count(value):
    """Counts on pages: ``13900`` → ``"13,900"`` (readers compare them; no 万 here)."""
    return grouped_number(value)


@register.filter
def paragraphs(text):
    """Section text split into paragraphs at line breaks, blank lines dropped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
