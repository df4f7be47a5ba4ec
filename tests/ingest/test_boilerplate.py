"""Boilerplate never becomes the title or a heading; the year of a report delivered early in
a year is the year before. The phrase shapes are those of real court sites, newspaper Markdown
and work reports (issue 7). No database."""

import doctest

import pytest

from reports.ingest import markdown
from reports.ingest.court import load_directory
from reports.ingest.markdown import read_markdown, strip_provenance
from reports.ingest.metadata import (
    delivery_year,
    detect_year,
    find_byline,
    find_title,
    is_boilerplate,
)
from reports.ingest.parse import parse_text
from reports.ingest.sections import split_sections
from reports.ingest.types import DecodedDocument
from tests.ingest.test_parse import ROOT


@pytest.fixture(scope="module")
def courts():
    return load_directory(ROOT / "fixtures" / "courts.json")


@pytest.mark.parametrize(
    "line, boilerplate",
    [
        ("发布时间：2024-01-15 09:30 信息来源：呼和浩特市中级人民法院 阅读次数：", True),
        ("发布时间：2025-01-20 09:30信息来源：洛阳日报 阅读次数：1024", True),
        ("作者：张三  来源：巴彦淖尔市中级人民法院  点击数：312", True),
        ("来源：人民法院报", True),
        ("办公时间：周一至周五 上午8:30—12:00 下午14:30—17:30", True),
        ("工作时间：法定工作日 9:00-17:00", True),
        ("院长 赵希民", True),
        ("赵希民 院长", True),
        ("呼和浩特市中级人民法院院长 赵希民", True),
        # Report text that mentions the same words is no boilerplate.
        ("2023年，全市法院受理案件12万件，同比上升5%。", False),
        ("延长诉讼服务中心工作时间，实现“午间不打烊”。", False),
        ("院长带头办理重大疑难案件86件。", False),
        ("服务高质量发展大局", False),
        # a page's tool bar and links to other pages: their headlines are not this text's
        ("打印本页 关闭窗口", True),
        ("收藏 | 打印 | 关闭", True),
        ("分享到：", True),
        ("热门搜索: 工作报告 执行", True),
        ("上一篇：全市法院召开执行工作推进会", True),
        ("下一篇：某某法院审结案件1200件", True),
        ("【党建引领】", False),
        ("关闭企业职工权益保护", False),
        # a site's header and tool lines (chinatrial.net.cn, xyzy.jxfy.gov.cn)
        ("登录 | 注册 | 在线投稿 | 加入收藏 | 设为首页", True),
        ("当前位置:首页 >> 理事会 >> 论坛征文 >> 正文", True),
        ("时间:2014-07-09 10:09:43    作者:刘静 齐绍杰    来源:湖南省高级人民法院", True),
        ("星期一", True),
        ("字号:", True),
        ("大 |", True),
        ("打印", True),
        ("2021-09-20", True),
        # the paper or site a text was copied from, a signature in brackets, the tail of a
        # delivery line broken over two lines
        ("桂林日报", True),
        ("中国新闻网", True),
        ("人民网", True),
        ("[最高人民法院院长 周强]", True),
        ("人民代表大会第四次会议上", True),
        ("织密执行联动网", False),
        ("——2026年1月27日在天津市第十八届人民代表大会第四次会议上", False),
    ],
)
def test_is_boilerplate(line, boilerplate):
    assert is_boilerplate(line) is boilerplate


@pytest.mark.parametrize(
    "lines, hint, title",
    [
        # A site's meta line above the title is skipped, not taken as the title.
        (
            [
                "发布时间：2024-01-15 信息来源：本院 阅读次数：",
                "公正司法护航发展",
                "2023年，全市…。",
            ],
            "",
            "公正司法护航发展",
        ),
        # A subtitle with no title line above it joins the format's title, never stands alone.
        (
            ["——洛阳市中级人民法院2024年工作纪实", "本报记者 李明", "2024年，全市法院…。"],
            "能动司法护航发展",
            "能动司法护航发展——洛阳市中级人民法院2024年工作纪实",
        ),
        (["——洛阳市中级人民法院2024年工作纪实", "一、服务大局", "2024年，全市法院…。"], "", ""),
        # The signature line under the title is no part of it.
        (
            ["呼和浩特市中级人民法院工作报告", "院长 赵希民", "各位代表：…。"],
            "",
            "呼和浩特市中级人民法院工作报告",
        ),
    ],
)
def test_find_title_skips_boilerplate(lines, hint, title):
    assert find_title(lines, hint)[0] == title


@pytest.mark.parametrize(
    "lines, byline",
    [
        (["题目", "洛阳日报记者 李明 通讯员 王芳", "正文…。"], "洛阳日报记者 李明 通讯员 王芳"),
        (["题目", "人民法院报全媒体记者 张三", "正文…。"], "人民法院报全媒体记者 张三"),
        (["题目", "■张祖成", "正文…。"], "■张祖成"),
        (
            [
                "题目",
                "正文…。",
                "正文…。",
                "正文…。",
                "正文…。",
                "正文…。",
                "正文…。",
                "赵希民 院长",
            ],
            "赵希民 院长",
        ),
    ],
)
def test_bylines_and_signatures(lines, byline):
    found, own = find_byline(lines)
    assert found == byline and len(own) == 1


def test_boilerplate_lines_are_never_headings():
    text = "\n".join(
        [
            "服务大局有担当",
            "2024年，全市法院受理案件15.2万件，审执结14.9万件。",
            "——洛阳市中级人民法院2024年工作纪实",
            "全市法院推出“一站式”诉讼服务。",
            "办公时间：周一至周五 上午8:00—12:00",
            "联系电话与地址见诉讼服务中心公告栏。",
            "院长 张某某",
            "編輯:柳夢歌苗雅香",
            "本報訊，全省法院繼續推進執行工作。",
            "原标题:张海波在省十三届人大三次会议上作法院工作报告",
            "浏览: 来源:山东法制传媒网",
            "全省法院审结案件同比上升。",
            "二、全力维护社会稳定",
            "◉决战决胜扫黑除恶 ◉依法惩处刑事犯罪",
            "全市法院审结涉黑恶案件12件。",
        ]
    )
    headings = [s.heading for s in split_sections(text, skip_lines=())]
    # a traditional 編輯: line is an editor's line too; a numbered part may open with its points
    assert headings == ["服务大局有担当", "二、全力维护社会稳定"]


MARKDOWN_ARTICLE = """---
title: "能动司法护航发展 公正为民守护平安"
date: 2025-01-20
---

——洛阳市中级人民法院2024年工作纪实

> 洛阳日报记者 李明 通讯员 王芳

发布时间：2025-01-20 09:30 信息来源：洛阳日报 阅读次数：1024

2024年，洛阳两级法院共受理各类案件15.2万件，审执结14.9万件，同比分别增长3.1%、2.8%。

**一、服务大局有担当**

全市法院坚持能动司法，**主动融入**社会治理，执结案件3.2万件。

**二、司法为民有温度**

推出“一站式”诉讼服务，建成法官工作站28个。

![庭审现场](https://example.org/a.jpg)

院长 张某某
"""


def test_a_newspaper_markdown_article(courts):
    report = parse_text(MARKDOWN_ARTICLE, courts)
    assert report.title == "能动司法护航发展 公正为民守护平安——洛阳市中级人民法院2024年工作纪实"
    assert (report.court_name, report.year) == ("洛阳市中级人民法院", 2024)
    assert report.byline.startswith("洛阳日报记者 李明 通讯员 王芳")
    assert report.source == "洛阳日报"
    assert [s.heading for s in report.sections] == ["", "一、服务大局有担当", "二、司法为民有温度"]
    assert "**" not in report.text and "title:" not in report.text and ">" not in report.text
    assert report.sections[1].text == "全市法院坚持能动司法，主动融入社会治理，执结案件3.2万件。"
    assert all("发布时间" not in s.text and "院长 张某某" not in s.text for s in report.sections)


@pytest.mark.parametrize(
    "text, title, headings",
    [
        ("# 公正司法护航发展\n\n## 一、服务大局\n\n正文。", "公正司法护航发展", ("一、服务大局",)),
        ("题目\n\n__执行攻坚__\n\n正文。", "", ("执行攻坚",)),
        # an export's key: value lines before its # title (a newspaper archive's Markdown)
        (
            "版次: 头版（v1）\n日期: 2025-11-19\n\n来源: https://www.example.org/s?wd=1\n\n"
            "# 指引法治中国建设\n\n## 摘要\n正文。",
            "指引法治中国建设",
            ("摘要",),
        ),
        # A bold sentence is emphasis, not a heading.
        ("题目\n\n**全年受理案件12万件。**\n\n正文。", "", ()),
        ("# 题目\n- 第一项\n- 第二项\n* * *\n正文。", "题目", ()),
    ],
)
def test_read_markdown(text, title, headings):
    document = read_markdown(DecodedDocument(text, "utf-8", "txt"))
    assert (document.title_hint, document.headings) == (title, headings)
    assert not any(mark in document.text for mark in ("#", "**", "__", "- ", "* * *"))


def test_plain_text_is_left_as_it_is():
    document = DecodedDocument("2023年，全市法院受理案件12万件。\n一、服务大局", "utf-8", "txt")
    assert read_markdown(document) is document


def test_the_corpus_provenance_line_is_no_text(courts):
    line = "# source: github:kevonz/jspxcms:db/jspxcms.sql@5fb0 | court: 最高人民法院 | year: 2013 | kind: other"
    assert strip_provenance(f"{line}\n正文") == "正文"
    corpus = ROOT / "tests" / "data" / "corpus" / "zhejiang_gy_bankruptcy_2020_news.txt"
    body = corpus.read_text(encoding="utf-8")
    plain = parse_text(body, courts)
    with_line = parse_text(f"{line}\n{body}", courts)
    assert (with_line.title, with_line.text, with_line.sections) == (
        plain.title,
        plain.text,
        plain.sections,
    )


@pytest.mark.parametrize(
    "text, title, year",
    [
        # A work report delivered early in a year covers the year before.
        (
            "洛阳市中级人民法院工作报告\n（2025年1月18日在洛阳市第十六届人民代表大会第五次会议上）\n"
            "洛阳市中级人民法院院长 张某某\n各位代表：\n现在，我代表洛阳市中级人民法院报告工作。"
            "2025年，我们将坚持…。2024年全市法院受理案件15.2万件。2025年1月，…。",
            "洛阳市中级人民法院工作报告",
            2024,
        ),
        (
            "最高人民法院工作报告\n——2024年3月8日在第十四届全国人民代表大会第二次会议上\n"
            "最高人民法院院长 张军\n各位代表：2024年1月以来…。",
            "最高人民法院工作报告——2024年3月8日在第十四届全国人民代表大会第二次会议上",
            2023,
        ),
        (
            "某某区人民法院工作报告\n2024年1月\n各位代表：过去一年，区法院受理案件8000件。"
            "2024年，区法院将…。2024年1月，…。",
            "某某区人民法院工作报告",
            2023,
        ),
        # A review covers the year it reviews, whatever its publication date.
        ("题目\n2024年，全市法院受理案件15.2万件。2025年1月20日。", "——某法院2024年工作纪实", 2024),
        # A date under the title of a text not addressed to a congress is no delivery date.
        ("某法院召开会议\n2024年1月\n2024年1月，全院干警…。", "某法院召开会议", 2024),
        # A title naming the year of the congress that heard it, with the delivery line broken
        # over lines: the report covers the year before.
        (
            "德州市中级人民法院2020年工作报告\n\n  ——2020年1月11日在德州市第十八届\n\n"
            "  人民代表大会第四次会议上\n各位代表：现在，我代表市中级人民法院向大会报告工作。",
            "德州市中级人民法院2020年工作报告",
            2019,
        ),
        # A news item on a congress session whose only year is its date: the year before.
        (
            "听取“两院”工作报告\n桂林日报\n2025年04月12日\n全市法院受理各类案件148895件。",
            "市六届人大六次会议举行第二次全体会议",
            2024,
        ),
        # Only a date, in autumn, on a text that is not about a congress: that year.
        ("执行工作会议召开\n2024年10月12日\n全市法院执结案件1.2万件。", "执行工作会议召开", 2024),
    ],
)
def test_detect_year_of_delivered_reports(text, title, year):
    assert detect_year(text, title) == year


def test_a_news_item_on_the_delivery_of_a_report():
    text = (
        "市中院工作报告获高票通过\n2024年1月15日上午，在呼和浩特市第十五届人民代表大会第三次会议上，"
        "市中院院长作工作报告。报告显示，2024年1月以来…。"
    )
    assert detect_year(text, "市中院工作报告获高票通过") == 2023


def test_delivery_year_needs_an_early_date():
    assert delivery_year("（2024年1月15日在某市第十五届人民代表大会第三次会议上）") == 2024
    assert delivery_year("（2024年9月15日在某市人民代表大会常务委员会第十次会议上）") is None


def test_doctests():
    assert doctest.testmod(markdown).failed == 0


@pytest.mark.parametrize(
    "text, year",
    [
        # 金水法院: a review of the year written at its end, with only the next year's plans
        # and a span ("2016年至今") in it.
        (
            "12月31日上午，全国法院工作总结表彰大会在京召开。\n近年来，金水法院2016年至今共结案96608件。\n"
            "2020年，金水法院将继续坚持…，健全完善执行工作长效机制。",
            2019,
        ),
        ("2023年以来，全市法院受理案件15.2万件。", 2023),
    ],
)
def test_detect_year_from_plans_and_spans(text, year):
    assert detect_year(text) == year


@pytest.mark.parametrize(
    "lines, title, byline",
    [
        # a reporter's name alone over a newspaper article
        (["刘争远", "1月31日，陕西省第十三届人民代表大会第一次会议高票通过…。"], "", "刘争远"),
        # the speaker's name, spaced, under a work report's title and delivery line
        (
            [
                "娄底市中级人民法院工作报告",
                "——2022年12月30日在娄底市第六届人民代表大会第二次会议上",
                "李 征 明",
                "各位代表：",
            ],
            "娄底市中级人民法院工作报告——2022年12月30日在娄底市第六届人民代表大会第二次会议上",
            "李 征 明",
        ),
        # a delivery line with no dash joins the title
        (
            [
                "温州市中级人民法院工作报告",
                "发布时期:2026-02-09 信息来源:市人大 作者:网站信息员",
                "2026年1月21日在温州市第十四届人民代表大会第六次会议上",
                "温州市中级人民法院院长  赵江涛",
                "各位代表:",
            ],
            "温州市中级人民法院工作报告——2026年1月21日在温州市第十四届人民代表大会第六次会议上",
            "温州市中级人民法院院长  赵江涛",
        ),
    ],
)
def test_titles_and_names_at_the_top(lines, title, byline):
    assert find_title(lines)[0] == title
    assert find_byline(lines)[0] == byline


def test_a_report_delivered_in_december_covers_that_year():
    text = "娄底市中级人民法院工作报告\n——2022年12月30日在娄底市第六届人民代表大会第二次会议上\n2022年，全市法院受理案件54042件。"
    assert delivery_year(text) is None
    assert detect_year(text, find_title(text.split("\n"))[0]) == 2022


def test_a_variant_character_outside_opencc_still_names_the_court(courts):
    # 陜 (U+965C) in a traditional-character newspaper text; OpenCC maps only 陝.
    report = parse_text(
        "陜西省高級人民法院工作報告獲高票通過。全省法院審結案件。實現發展。", courts
    )
    assert report.court_name == "陕西省高级人民法院"
    assert "陜" in report.text  # stored as written


# Openings of real work reports as their sites give them (the first lines only):
# renda.jiading.cn/gzzl/qrdh/qqjrdschyhy/content_877425 (嘉定), shenpan.gov.cn/swgk/gzbg/content/
# post_1536114.html (盐田), ftcourt.gov.cn/swgk/gzbg/content/post_1425176.html (福田). The
# delivery line is broken in two, dashed with "──", and the page's furniture surrounds the title.
OPENINGS = {
    "jiading": (
        "上海市嘉定区人民法院工作报告\n──2024年1月17日在上海市嘉定区第七届\n人民代表大会第四次会议上\n"
        "上海市嘉定区人民法院院长 顾 全\n各位代表:\n现在,我代表区人民法院向大会报告工作,请予审议。\n"
        "2023年主要工作\n2023年,我院坚持稳中求进、进中提质,全面推进法院各项工作现代化。\n"
        "一、抓公正促效率,在维护公平正义上强担当\n共受理和审(执)结各类案件49157件。",
        "上海市嘉定区人民法院工作报告——2024年1月17日在上海市嘉定区第七届人民代表大会第四次会议上",
        2023,
        "上海市嘉定区人民法院",
    ),
    "yantian": (
        "当前位置: 首页 > 审务公开 > 工作报告\n26\n2024-01\n\n深圳市盐田区人民法院工作报告(2023年)\n\n"
        "信息提供日期 : 2024-01-26 18:00来源 : 深圳市盐田区人民法院\n【字体:\n2025-01-25\n\n"
        "盐田区人民法院工作报告\n\n——2024年1月26日在盐田区第六届人民代表大会\n\n第四次会议上\n\n"
        "盐田区人民法院院长  耿焱\n\n各位代表:\n\n  现在,我代表区人民法院向大会报告工作。\n\n"
        "  2023年主要工作\n\n  2023年是全面贯彻落实党的二十大精神的开局之年。\n\n"
        "  一、坚持服务发展大局,坚定护航平安法治建设\n\n  聚焦平安盐田建设。审结刑事案件240件。",
        "深圳市盐田区人民法院工作报告(2023年)——2024年1月26日在盐田区第六届人民代表大会第四次会议上",
        2023,
        "深圳市盐田区人民法院",
    ),
    "futian": (
        "福田区人民法院工作报告\n——2023年1月7日在福田区第八届\n人民代表大会第三次会议上\n"
        "福田区人民法院院长 詹旭伟\n各位代表:\n我代表福田区人民法院向大会报告工作。\n2022年主要工作\n"
        "2022年,区法院忠实履行宪法法律职责。全年受理案件106917件。\n"
        "一、优化高质效司法供给,推动更高水平的“首善发展”\n服务新发展格局,构建司法保障体系。",
        "福田区人民法院工作报告——2023年1月7日在福田区第八届人民代表大会第三次会议上",
        2022,
        "深圳市福田区人民法院",
    ),
}


@pytest.mark.parametrize("name", sorted(OPENINGS))
def test_openings_of_real_work_reports(name, courts):
    text, title, year, court = OPENINGS[name]
    report = parse_text(text, courts)
    assert (report.title, report.year, report.court_name) == (title, year, court)
    headings = [s.heading for s in report.sections if s.heading]
    assert headings[0].endswith("主要工作") and headings[1].startswith("一、")
    assert len(headings) == 2
    assert "院长" in report.byline
