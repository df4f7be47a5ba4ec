"""Figures on pages read as the reports write them (1.39万件, 241.97亿元, +27.74%)."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from reports.templatetags.report_format import (
    compact_number,
    evidence_excerpt,
    highlight_figure,
    metric_exact,
    metric_full_value,
    metric_value,
    section_title,
    yoy_change,
    yoy_words,
)
from reports.templatetags.search_links import as_href, page_window


def metric(value, unit="件", approx="", yoy=None, yoy_unit=""):
    return SimpleNamespace(
        value=Decimal(value),
        unit=unit,
        approx=approx,
        yoy_change=None if yoy is None else Decimal(yoy),
        yoy_unit=yoy_unit,
    )


@pytest.mark.parametrize(
    "value, expected",
    [
        ("13900", "1.39万"),
        ("29000", "2.9万"),
        ("24197000000", "241.97亿"),
        ("28000000000", "280亿"),
        ("100000000", "1亿"),
        ("123450000", "12345万"),  # not exact in 亿 to two decimals
        ("12345", "12,345"),  # never rounded to a 1.23万 the report did not say
        ("3200", "3200"),
        ("325.0000", "325"),
        ("0", "0"),
    ],
)
def test_compact_number(value, expected):
    assert compact_number(Decimal(value)) == expected


@pytest.mark.parametrize(
    "m, shown, full, exact",
    [
        (metric("13900"), "1.39万件", "13,900 件", "13,900 件"),
        (metric("24197000000", "元"), "241.97亿元", "24,197,000,000 元", "24,197,000,000 元"),
        (metric("27.7400", "%"), "27.74%", "27.74%", ""),
        (metric("14600", approx="超"), "超1.46万件", "14,600 件", "14,600 件"),
        (metric("3200", "人", approx="余"), "3200余人", "3,200 人", ""),
        (metric("90", "%", approx="以上"), "90%以上", "90%", ""),
        (metric("45", "天", approx="近"), "近45天", "45 天", ""),
    ],
)
def test_metric_value_full_and_exact(m, shown, full, exact):
    assert (metric_value(m), metric_full_value(m), metric_exact(m)) == (shown, full, exact)


@pytest.mark.parametrize(
    "yoy, unit, change, words",
    [
        ("27.74", "%", "+27.74%", "同比上升27.74%"),
        ("-6.2000", "%", "-6.2%", "同比下降6.2%"),
        ("9", "个百分点", "+9 个百分点", "同比上升9个百分点"),
        ("0", "%", "0%", "同比持平"),
        (None, "", "", ""),
        # changes counted in a unit of their own: more or fewer, scaled as reports write them
        ("-700", "件", "-700 件", "同比减少700件"),
        ("-38", "天", "-38 天", "同比减少38天"),
        ("-320000000", "元", "-3.2亿 元", "同比减少3.2亿元"),
        ("12000", "件", "+1.2万 件", "同比增加1.2万件"),
    ],
)
def test_yoy_change_and_words(yoy, unit, change, words):
    m = metric("1", yoy=yoy, yoy_unit=unit)
    assert (yoy_change(m), yoy_words(m)) == (change, words)


@pytest.mark.parametrize(
    "evidence, raw, expected",
    [
        ("执行到位241.97亿元。", "241.97亿元", "执行到位<mark>241.97亿元</mark>。"),
        (
            "审结1.39万余件。",
            "1.39万件",
            "审结<mark>1.39</mark>万余件。",
        ),  # falls back to the number
        ("<b>325件</b>", "325件", "&lt;b&gt;<mark>325件</mark>&lt;/b&gt;"),  # text stays escaped
        ("没有数字。", "12件", "没有数字。"),
        ("", "", ""),
    ],
)
def test_highlight_figure(evidence, raw, expected):
    assert str(highlight_figure(evidence, raw)) == expected


LONG = "甲" * 100 + "审结案件325件" + "乙" * 100


@pytest.mark.parametrize(
    "evidence, raw, expected",
    [
        ("执行到位241.97亿元。", "241.97亿元", "执行到位<mark>241.97亿元</mark>。"),
        (LONG, "325件", "…" + "甲" * 32 + "审结案件<mark>325件</mark>" + "乙" * 36 + "…"),
        # Near the start: the unused left side goes to the right.
        ("审结325件" + "乙" * 100, "325件", "审结<mark>325件</mark>" + "乙" * 70 + "…"),
        ("乙" * 100, "325件", "乙" * 72 + "…"),
        # A number at either edge is dropped whole rather than cut.
        (
            "甲" * 2 + "2025" + "乙" * 33 + "325件" + "丙" * 34 + "12345",
            "325件",
            "…" + "乙" * 33 + "<mark>325件</mark>" + "丙" * 34 + "…",
        ),
        ("<b>325件</b>", "325件", "&lt;b&gt;<mark>325件</mark>&lt;/b&gt;"),
    ],
)
def test_evidence_excerpt_keeps_the_words_around_the_figure(evidence, raw, expected):
    assert str(evidence_excerpt(evidence, raw)) == expected


@pytest.mark.parametrize(
    "heading, order, title",
    [("服务高质量发展大局", 1, "服务高质量发展大局"), ("", 1, "导语"), ("", 3, "第3部分")],
)
def test_section_title(heading, order, title):
    assert section_title(SimpleNamespace(heading=heading, order=order)) == title


@pytest.mark.parametrize(
    "current, pages, expected",
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (6, 20, [1, None, 4, 5, 6, 7, 8, None, 20]),
        (1, 20, [1, 2, 3, None, 20]),
        (20, 20, [1, None, 18, 19, 20]),
        (4, 7, [1, 2, 3, 4, 5, 6, 7]),
    ],
)
def test_page_window(current, pages, expected):
    assert page_window(current, pages) == expected


@pytest.mark.parametrize(
    "query_string, href",
    [("q=执行", "?q=执行"), ("?q=执行", "?q=执行"), ("", "?"), ("/search/?q=a", "/search/?q=a")],
)
def test_as_href(query_string, href):
    assert as_href(query_string) == href


@pytest.mark.parametrize(
    "value, unit, shown",
    [("300000", "尾", "30万尾"), ("23000", "人次", "2.3万人次"), ("12000", "册", "1.2万册")],
)
def test_units_of_the_field_read_as_reports_write_them(value, unit, shown):
    assert metric_value(metric(value, unit=unit)) == shown


def test_a_change_only_figure_reads_as_its_change():
    change = SimpleNamespace(
        value=None, unit="", approx="", yoy_change=Decimal("-17.99"), yoy_unit="%"
    )
    assert (metric_value(change), metric_full_value(change), metric_exact(change)) == (
        "同比下降17.99%",
        "同比下降17.99%",
        "",
    )
