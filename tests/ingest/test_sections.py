"""Section splitting: the headings a reader sees, what is not a section, the lead and the
sidebar, offsets, and topics. No database."""

from pathlib import Path

import pytest

from reports.choices import SectionTopic
from reports.ingest.normalize import normalize_document, normalize_text
from reports.ingest.sections import TOPIC_KEYWORDS, classify_topic, is_caption_line, split_sections

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "demo"
CORPUS = ROOT / "tests" / "data" / "corpus"


def sections_of(path: Path):
    normalized = normalize_document(path.read_text(encoding="utf-8"))
    return normalized.text, split_sections(normalized.text, asides=normalized.asides)


def test_topics_are_section_topics():
    assert set(TOPIC_KEYWORDS) | {"overview", "other"} <= set(SectionTopic.values)


def test_seed_000_the_five_themes_and_the_sidebar_as_lead():
    text, sections = sections_of(DEMO / "hohhot_zy_2023_review.txt")
    assert [(s.heading, s.topic) for s in sections] == [
        ("", "overview"),
        ("服务高质量发展大局", "development"),
        ("保障首府安全稳定", "criminal"),
        ("筑牢生态安全屏障", "environment"),
        ("能动司法形成合力", "governance"),
        ("小案件关乎大民生", "people"),
    ]
    lead = sections[0]
    assert lead.text.startswith("只有干出来的精彩，没有等出来的辉煌。")
    assert lead.text.endswith("保障公平正义的生动实践。")
    assert sections[1].text.startswith("镜头一：2023年9月15日")
    last = sections[-1]
    assert last.text.endswith("为首府高质量发展再谱新华章。")
    for caption in ("庭审现场。", "揭牌仪式。", "普法宣传。"):
        assert all(caption not in s.text for s in sections)
    assert all("本报记者" not in s.text and "2023年工作回眸" not in s.text for s in sections)


def test_seed_004_the_four_parts_with_a_lead():
    _, sections = sections_of(DEMO / "bayannur_zy_2025_review.txt")
    assert [(s.heading, s.topic) for s in sections] == [
        ("", "overview"),
        ("实质化解行政争议 助推法治政府建设", "administrative"),
        ("数字赋能提质效 智慧法院惠民生", "smart_court"),
        ("守正创新护金融 司法服务促发展", "finance"),
        ("精耕细作“五线谱” 奏响后勤保障“协奏曲”", "team"),
    ]
    assert sections[0].text.startswith("2025年,全市两级法院坚持以习近平新时代")
    # run-in leads stay inside their part; captions and the byline are nowhere
    assert "府院联动促规范,协同共治防风险。" in sections[1].text
    assert all("资料图" not in s.text and "网络安全攻防演练\n" not in s.text for s in sections)
    assert all("本版文图" not in s.text for s in sections)


def test_offsets_span_each_section_from_heading_to_last_line():
    for name in ("hohhot_zy_2023_review.txt", "bayannur_zy_2025_review.txt"):
        text, sections = sections_of(DEMO / name)
        for section in sections:
            span = text[section.start : section.end]
            assert span.startswith(section.heading or section.text[:20])
            assert span.endswith(section.text[-20:])
        spans = sorted((s.start, s.end) for s in sections)
        assert all(
            a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False)
        )
        assert [s.order for s in sections] == list(range(1, len(sections) + 1))


def test_sidebar_found_again_in_already_normalised_text():
    # Re-extraction reads the stored text, where the column is plain paragraphs after the
    # captions: the sections must not change.
    text, sections = sections_of(DEMO / "hohhot_zy_2023_review.txt")
    again = split_sections(normalize_text(text))
    assert [(s.heading, s.text) for s in again] == [(s.heading, s.text) for s in sections]


def test_zhengzhou_numbered_sentences_are_list_items_and_the_appendix_a_heading():
    _, sections = sections_of(CORPUS / "zhengzhou_zy_jianxing_jianwai_2015.txt")
    assert [s.heading for s in sections] == ["", "附:减刑、假释、暂予监外执行概念"]
    lead = sections[0].text
    assert "一、2012年在全省最早和监狱建立协同办案平台" in lead
    assert "三是立案、听证、裁判结果全程同步在互联网上公示。" in lead
    assert "责任编辑" not in lead and sections[1].topic == "criminal"


@pytest.mark.parametrize(
    "name",
    [
        "dingxi_zy_profile_2012.txt",
        "henan_gy_enforcement_2016_news.txt",
        "spc_2016_npc_session_xinhua_2017.txt",
        "spc_leadership_change_2013.txt",
        "suqian_zy_profile_2014.txt",
        "zhejiang_gy_bankruptcy_2020_news.txt",
    ],
)
def test_corpus_texts_without_headings_are_one_untitled_section(name):
    text, sections = sections_of(CORPUS / name)
    assert [s.heading for s in sections] == [""]
    assert sections[0].topic == "overview"
    first_line = text.split("\n", 1)[0]
    title_like = len(first_line) < 40 and not first_line.endswith("。")
    assert (first_line not in sections[0].text) == title_like  # the title is not body


@pytest.mark.parametrize(
    "text, headings",
    [
        # numbered headings of a work report, two levels
        (
            "标题\n一、2024年主要工作\n（一）依法惩治犯罪\n全年审结刑事案件1200件。\n"
            "（二）服务发展大局\n审结商事案件3000件。\n二、2025年工作安排\n一是深化改革；二是加强队伍。",
            [
                "一、2024年主要工作",
                "（一）依法惩治犯罪",
                "（二）服务发展大局",
                "二、2025年工作安排",
            ],
        ),
        ("标题\n第一部分 执行工作\n全年执结案件4.32万件。", ["第一部分 执行工作"]),
        (
            "标题\n1.审判质效持续提升\n结案率98%。\n2.诉讼服务更加便捷\n网上立案率90%。",
            ["1.审判质效持续提升", "2.诉讼服务更加便捷"],
        ),
        # a heading set on two lines
        (
            "标题\n深化知识产权司法保护\n助力创新驱动发展\n审结知识产权案件325件。",
            ["深化知识产权司法保护 助力创新驱动发展"],
        ),
        # a collection's table of contents, titles with their page numbers, lists no parts
        (
            "汇编标题\n目录\n1.甲市中级人民法院工作报告 2\n2.乙市中级人民法院工作报告 12\n"
            "3.丙市中级人民法院工作报告 23\n2022年主要工作\n2022年，全市法院审结案件1200件。",
            ["2022年主要工作"],
        ),
        # the title a collection gives a report above its salutation is no part of it
        (
            "2024年工作报告汇编\n甲市中级人民法院工作报告\n"
            "各位代表:我代表市中级人民法院向大会报告工作,请予审议。\n"
            "2022年主要工作\n2022年，全市法院审结案件1200件。",
            ["2022年主要工作"],
        ),
        # a paired heading over a second heading line: a paper's two headings, not one
        (
            "标题\n党建引领 政治铸魂\n建设高素质法院队伍\n完善理论学习机制，教育引导干警忠诚履职。\n"
            "围绕中心 服务大局\n护航经济社会高质量发展\n与25个部门共建府院联动机制。",
            [
                "党建引领 政治铸魂",
                "建设高素质法院队伍",
                "围绕中心 服务大局",
                "护航经济社会高质量发展",
            ],
        ),
        # the next numbered part is a part even when the page ends right after its heading
        (
            "标题\n一、依法履职，维护社会稳定\n全年审结刑事案件3200件。\n二、服务大局，保障经济发展",
            ["一、依法履职，维护社会稳定", "二、服务大局，保障经济发展"],
        ),
        # the decks of a newspaper's headline stand above its name and date, not over a part
        (
            "市人大会议举行第二次全体会议\n听取“两院”工作报告\n江城日报\n2025年04月12日\n"
            "(上接第一版)全市法院受理各类案件14.8万件、审结13.5万件,扭转了案件多年增长的势头。",
            [],
        ),
        # a short line with no body after it is not a heading
        ("标题\n正文第一段。\n结尾一行没有标点", []),
        # captions between paragraphs are not headings
        ("标题\n正文第一段。\n庭审现场。\n正文第二段。", []),
        ("标题\n正文第一段。\n公开庭审(资料图)\n正文第二段。", []),
        # numbered parts whose points (一是…三是…) stand on lines of their own
        (
            "标题\n一、依法履职，维护社会稳定\n全年审结刑事案件3200件。\n一是严惩暴力犯罪\n"
            "审结故意杀人等案件86件。\n二是打击电信诈骗\n审结电信网络诈骗案件412件。\n"
            "二、服务大局，保障经济发展\n审结商事案件1.2万件。\n一是护航民营经济\n出台司法保障意见。",
            ["一、依法履职，维护社会稳定", "二、服务大局，保障经济发展"],
        ),
        # a work report's long numbered part headings
        (
            "标题\n一、坚持以习近平法治思想为指导，以高质量司法服务保障经济社会高质量发展\n"
            "全年审结各类案件12万件。\n（一）依法惩治各类刑事犯罪，全力维护国家安全和社会稳定\n审结刑事案件3200件。",
            [
                "一、坚持以习近平法治思想为指导，以高质量司法服务保障经济社会高质量发展",
                "（一）依法惩治各类刑事犯罪，全力维护国家安全和社会稳定",
            ],
        ),
        # parts numbered 一、二、 that go on 三是、四是: the writer switched styles
        (
            "标题\n一、依法履职，维护社会稳定\n全年审结刑事案件3200件。\n二、服务大局，保障经济发展\n"
            "审结商事案件1.2万件。\n三是坚持司法为民，回应群众关切\n推出一站式诉讼服务。\n"
            "四是加强队伍建设，锻造过硬铁军\n开展队伍教育整顿，查纠整改问题120个。",
            [
                "一、依法履职，维护社会稳定",
                "二、服务大局，保障经济发展",
                "三是坚持司法为民，回应群众关切",
                "四是加强队伍建设，锻造过硬铁军",
            ],
        ),
        # a numbered line that states a figure is a list item
        (
            "标题\n一、服务大局\n2024年，全市法院履职尽责。\n1.全年受理案件12.3万件，同比上升5%\n"
            "审结案件11.9万件。\n二、司法为民\n推出一站式诉讼服务。",
            ["一、服务大局", "二、司法为民"],
        ),
        # site furniture between the paragraphs of a page (海口政法网)
        (
            "标题\n本网头条 今日要闻 高层动态 政法综治 平安建设 法院天地\n您所在的位置:首页 > 法院天地\n"
            "2月10日下午，海口市人大会议闭幕。\n微信图片_20230213155549.jpg\n报告指出，2022年全市法院…。",
            [],
        ),
        # the delivery line of a work report under its title, with no dash
        (
            "温州市中级人民法院工作报告\n2026年1月21日在温州市第十四届人民代表大会第六次会议上\n"
            "温州市中级人民法院院长  赵江涛\n各位代表：\n2025年主要工作\n2025年，全市法院…。",
            ["2025年主要工作"],
        ),
    ],
)
def test_heading_forms(text, headings):
    assert [s.heading for s in split_sections(text) if s.heading] == headings


def test_inline_lists_stay_inside_the_section():
    text = "标题\n审判工作\n一是认真贯彻总体国家安全观；二是服务保障经济社会发展。\n三是切实保障民生权益。"
    (section,) = split_sections(text)
    assert section.heading == "审判工作"
    assert (
        section.text
        == "一是认真贯彻总体国家安全观；二是服务保障经济社会发展。\n三是切实保障民生权益。"
    )


def test_heading_hints_from_the_format_are_headings():
    text = (
        "标题\n正文第一段，说明情况。\n这一行在Word里是标题样式，长一些也没有关系的\n正文第二段。"
    )
    hints = ("这一行在Word里是标题样式，长一些也没有关系的",)
    assert [s.heading for s in split_sections(text, hints)] == ["", hints[0]]


@pytest.mark.parametrize(
    "line, caption",
    [
        ("庭审现场。", True),
        ("送达文书。普法宣传。", True),
        ("公开庭审(资料图)", True),
        ("老赖（资料图）", True),
        ("图为王胜俊与周强", True),
        ("看似寻常最奇崛，成如容易却艰辛。", False),
        ("服务高质量发展大局", False),
    ],
)
def test_is_caption_line(line, caption):
    assert is_caption_line(line) is caption


@pytest.mark.parametrize(
    "heading, body, topic",
    [
        ("筑牢生态安全屏障", "审结各类环境资源案件2022件。", "environment"),
        ("守正创新护金融 司法服务促发展", "金融借款合同纠纷", "finance"),
        ("数字赋能提质效 智慧法院惠民生", "网络安全", "smart_court"),
        ("數字賦能提質效 智慧法院惠民生", "網絡安全防護，審判執行", "smart_court"),  # traditional
        ("工作回顾", "", "other"),
    ],
)
def test_classify_topic(heading, body, topic):
    assert classify_topic(heading, body) == topic


def test_a_heading_wrapped_in_a_pdf_column_is_one_heading():
    # Hard-wrapped text as PDF extraction gives it: a 20-cell column, the long heading wrapped
    # after a comma-free run, body lines filling the column.
    from reports.ingest.normalize import normalize_document

    body = (
        "全市法院受理各类案件十五万件，审执结十四万件，法官人均结案数位居全省前列，审判质效稳步提升。"
        * 3
    )
    column = [body[i : i + 20] for i in range(0, len(body), 20)]
    text = "\n".join(
        [
            "标题",
            "一、坚持能动司法，服务保障经济社会高质",
            "量发展大局",
            *column,
            "二、坚持司法为民",
            *column,
        ]
    )
    headings = [s.heading for s in split_sections(normalize_document(text).text) if s.heading]
    assert headings == ["一、坚持能动司法，服务保障经济社会高质量发展大局", "二、坚持司法为民"]
