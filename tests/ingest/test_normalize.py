"""Normalisation: each step on the cases the genre produces, the seeds end to end, idempotency
and the offset map back to the raw text. No database."""

from pathlib import Path

import pytest

from reports.ingest.normalize import (
    collapse_spaces,
    convert_chinese_numerals,
    join_lines,
    normalize_document,
    normalize_text,
    strip_indents,
    to_halfwidth,
    unescape_entities,
)

ROOT = Path(__file__).resolve().parents[2]
HOHHOT = ROOT / "fixtures" / "demo" / "hohhot_zy_2023_review.txt"
BAYANNUR = ROOT / "fixtures" / "demo" / "bayannur_zy_2025_review.txt"
CORPUS = sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("&amp;ldquo;三类罪犯&rdquo;", "“三类罪犯”"),
        ("严控&ldquo;三类罪犯&rdquo;", "严控“三类罪犯”"),
        ("&#8220;有权人&#x201D;", "“有权人”"),
        ("R&D 与 AT&T", "R&D 与 AT&T"),  # not entities: left alone
        ("&unknownentity;", "&unknownentity;"),
    ],
)
def test_unescape_entities(raw, expected):
    assert unescape_entities(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("\t定西法院介绍", "定西法院介绍"),
        ("\u3000\u3000宿迁市位于江苏省北部", "宿迁市位于江苏省北部"),
        ("    近年来，郑州中院\r\n", "近年来，郑州中院\n"),
        ("最后    由审监庭", "最后 由审监庭"),  # a gap inside a line: one space, judged later
        ("甲\u200b乙\ufeff丙", "甲乙丙"),
    ],
)
def test_strip_indents(raw, expected):
    assert strip_indents(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("１２３６８诉讼服务热线", "12368诉讼服务热线"),
        ("接通率９９．８％", "接通率99.8%"),
        ("专题ＰＰＴ", "专题PPT"),
        ("１２，３４５件", "12,345件"),
        ("２０２３年，全市法院", "2023年，全市法院"),  # the Chinese comma after 年 stays
        ("“法院＋Ｎ”执行联动机制", "“法院＋N”执行联动机制"),  # ＋ is not in a number
        ("（一）《关于…》；：", "（一）《关于…》；："),
    ],
)
def test_to_halfwidth(raw, expected):
    assert to_halfwidth(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2 0 2 3 年", "2023年"),
        ("审结一审商事案件 2.9 万件，", "审结一审商事案件2.9万件，"),
        ("1.39 万件", "1.39万件"),
        ("呼 和 浩 特", "呼和浩特"),
        ("煌 。 2023 年 ，呼 和 浩 特", "煌。2023年，呼和浩特"),
        ("同比上升 27.74 %", "同比上升27.74%"),
        ("实质化解行政争议 助推法治政府建设", "实质化解行政争议 助推法治政府建设"),
        ("精耕细作“五线谱” 奏响后勤保障“协奏曲”", "精耕细作“五线谱” 奏响后勤保障“协奏曲”"),
        ("(本版文图由本报通讯员 张丽娜 王小雪 提供)", "(本版文图由本报通讯员 张丽娜 王小雪 提供)"),
        ("Whoosh 与 jieba", "Whoosh 与 jieba"),  # spaces around Latin words stay
        (
            "本报讯 （记者赵文静）截至10月底，今年全省法院共新收执行案件26.9万件，同比增长50%",
            "本报讯（记者赵文静）截至10月底，今年全省法院共新收执行案件26.9万件，同比增长50%",
        ),
    ],
)
def test_collapse_spaces(raw, expected):
    assert collapse_spaces(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("二〇二五年", "2025年"),
        ("二〇二三年十二月三十一日", "2023年12月31日"),
        ("一至七月", "1至7月"),
        ("审结三千余件", "审结3000余件"),
        ("两万余人", "2万余人"),
        ("一万二千件", "12000件"),
        ("十余项高频事务", "10余项高频事务"),
        ("百分之九十", "90%"),
        ("百分之三十五点五", "35.5%"),
        ("百分之百", "100%"),
        # ordinals, names and small counts stay as written
        ("第二十个", "第二十个"),
        ("十二届全国人大五次会议", "十二届全国人大五次会议"),
        ("从五个方面报告", "从五个方面报告"),
        ("千家万户", "千家万户"),
        ("“六个一”特色工作法", "“六个一”特色工作法"),
        ("党的二十大", "党的二十大"),
    ],
)
def test_convert_chinese_numerals(raw, expected):
    assert convert_chinese_numerals(raw) == expected


def test_join_lines_reads_a_hard_wrapped_newspaper_column():
    # From seed 000: the column is wrapped at ~18 cells; blank lines fall inside paragraphs.
    raw = (
        "服务高质量发展大局\n"
        "镜头一：2023年9月15日，“呼包鄂乌”\n\n"
        "跨区域知识产权司法保护协作框架协议签署\n"
        "仪式暨第一届四地法院知识产权司法保护经\n"
        "验交流会在呼和浩特召开。\n\n"
        "作为创新发展的重要支柱，知识产权\n"
        "是经济提质增效的源泉，保护知识产权就\n"
        "是保护创新。呼和浩特市法院立足审判，\n"
        "深化知识产权司法保护，审结一审知识产\n"
        "权案件325件，同时探索构建知识产权跨系\n"
        "统跨区域协同保护模式。\n\n"
        "保障首府安全稳定\n"
        "镜头二：2023年2月16日，呼和浩特市\n\n"
        "中院公开开庭审理了该院第一起跨国电信网\n"
        "络诈骗案件。\n"
    )
    assert join_lines(raw).split("\n") == [
        "服务高质量发展大局",
        "镜头一：2023年9月15日，“呼包鄂乌”跨区域知识产权司法保护协作框架协议签署"
        "仪式暨第一届四地法院知识产权司法保护经验交流会在呼和浩特召开。",
        "作为创新发展的重要支柱，知识产权是经济提质增效的源泉，保护知识产权就是保护创新。"
        "呼和浩特市法院立足审判，深化知识产权司法保护，审结一审知识产权案件325件，"
        "同时探索构建知识产权跨系统跨区域协同保护模式。",
        "保障首府安全稳定",
        "镜头二：2023年2月16日，呼和浩特市中院公开开庭审理了该院第一起跨国电信网络诈骗案件。",
    ]


def test_join_lines_keeps_paragraph_lines_and_list_items_apart():
    raw = "特色有：\n一、建立协同办案平台。\n二、成立合议庭，\n三是立案公示。"
    assert join_lines(raw) == raw


def test_seed_000_words_and_numbers_broken_across_lines_are_whole():
    text = normalize_text(HOHHOT.read_text(encoding="utf-8"))
    for phrase in (
        "执行到位涉黑恶财产11.03亿元",  # "执\n\n行到位"
        "审结一审知识产权案件325件",  # "知识产\n权案件 325 件"
        "全市法院执结案件4.32万件",
        "员额法官人均结案数位居全区第一",  # in the sidebar: "员\n\n额法官"
        "呼和浩特市中级人民法院应时代之变",  # letter-spaced "呼 和 浩 特"
        "同比上升27.74%",
    ):
        assert phrase in text, phrase


def test_seed_000_headings_title_and_byline_stay_on_their_own_lines():
    lines = normalize_text(HOHHOT.read_text(encoding="utf-8")).split("\n")
    assert lines[:4] == [
        "践行司法为民 保障公平正义",
        "——呼和浩特市中级人民法院2023年工作回眸",
        "本报记者●赵芳",
        "服务高质量发展大局",
    ]
    for heading in ("保障首府安全稳定", "筑牢生态安全屏障", "能动司法形成合力", "小案件关乎大民生"):
        assert heading in lines
    for caption in ("庭审现场。", "揭牌仪式。", "送达文书。普法宣传。"):
        assert caption in lines


def test_seed_000_sidebar_is_rebuilt_as_its_own_paragraphs():
    normalized = normalize_document(HOHHOT.read_text(encoding="utf-8"))
    assert len(normalized.asides) == 1
    start, end = normalized.asides[0]
    sidebar = normalized.text[start:end].split("\n")
    assert sidebar[0].startswith(
        "只有干出来的精彩，没有等出来的辉煌。2023年，呼和浩特市中级人民法院"
    )
    assert sidebar[1].startswith("回顾过往，呼和浩特市中院的发展蝶变在时间的刻度里绽放。")
    assert sidebar[2] == (
        "今天，跟随记者的“镜头”，共同盘点呼和浩特市中院2023年的工作重点、亮点，"
        "共同感受新时代法院工作践行司法为民、保障公平正义的生动实践。"
    )
    # the captions before it are not part of the column
    assert (
        normalized.text[start - len("送达文书。普法宣传。\n") : start] == "送达文书。普法宣传。\n"
    )


def test_seed_004_is_already_clean_and_stays_as_written():
    raw = BAYANNUR.read_text(encoding="utf-8")
    assert normalize_text(raw).split("\n") == [line for line in raw.split("\n") if line]


def _all_texts():
    texts = [HOHHOT.read_text(encoding="utf-8"), BAYANNUR.read_text(encoding="utf-8")]
    texts += [path.read_text(encoding="utf-8") for path in CORPUS]
    texts.append("\u3000\u3000二〇二五年，审结三千余件，占百分之九十。\r\n\r\n１２３６８ 热线")
    return texts


@pytest.mark.parametrize("index", range(len(_all_texts())))
def test_normalisation_is_idempotent(index):
    once = normalize_text(_all_texts()[index])
    assert normalize_text(once) == once


@pytest.mark.parametrize("index", range(len(_all_texts())))
def test_output_has_no_blank_lines_indents_or_tabs(index):
    text = normalize_text(_all_texts()[index])
    for line in text.split("\n"):
        assert line and line == line.strip() and "\t" not in line and "\u3000" not in line


def test_offsets_point_back_to_the_raw_text():
    raw = HOHHOT.read_text(encoding="utf-8")
    normalized = normalize_document(raw)
    assert len(normalized.offsets) == len(normalized.text)
    # every character that normalisation kept is where the map says
    same = sum(raw[o] == c for c, o in zip(normalized.text, normalized.offsets, strict=True))
    assert same / len(normalized.text) > 0.98
    at = normalized.text.index("11.03亿元")
    start, end = normalized.source_span(at, at + len("11.03亿元"))
    assert raw[start:end] == "11.03 亿元"


def test_offsets_of_a_converted_numeral_cover_what_was_written():
    raw = "　　二〇二五年，全市法院审结三千余件。"
    normalized = normalize_document(raw)
    assert normalized.text == "2025年，全市法院审结3000余件。"
    start, end = normalized.source_span(0, 5)
    assert raw[start:end] == "二〇二五年"
    at = normalized.text.index("3000")
    start, end = normalized.source_span(at, at + 4)
    assert raw[start:end].startswith("三")


def _wrapped(text: str, width: float, indent: str) -> str:
    """``text`` hard-wrapped at ``width`` cells as a PDF or OCR export does it, breaking
    anywhere (inside words and numbers), with a blank line now and then."""
    from reports.ingest.normalize import display_width

    lines = []
    for n, paragraph in enumerate(text.split("\n")):
        current = indent if len(paragraph) > 40 else ""
        for char in paragraph:
            if display_width(current + char) > width:
                lines.append(current)
                current = ""
            current += char
        lines.append(current)
        if n % 3 == 0:
            lines.append("")
    return "\n".join(lines)


def test_an_indented_wrapped_export_is_rejoined_exactly():
    expected = normalize_text(BAYANNUR.read_text(encoding="utf-8"))
    assert normalize_text(_wrapped(expected, 30, "\u3000\u3000")) == expected


def test_without_indents_only_a_line_ending_a_sentence_can_split_a_paragraph():
    expected = normalize_text(BAYANNUR.read_text(encoding="utf-8"))
    paragraphs = expected.split("\n")
    found = normalize_text(_wrapped(expected, 30, ""))
    assert found.replace("\n", "") == expected.replace("\n", "")  # nothing lost or added
    for line in found.split("\n"):
        if line not in paragraphs:  # cut where a wrapped line happened to end with 。 or ；
            assert line[-1] in "。；;" or any(p.endswith(line) for p in paragraphs)
    assert len(found.split("\n")) - len(paragraphs) <= 4


def test_a_long_line_full_of_spaces_does_not_hang_the_upload():
    # Judging each space used to rescan its whole line: 60,000 characters took minutes.
    import time

    start = time.perf_counter()
    text = normalize_text("全市 法院 审结 案件 呼 和 浩 特 " * 4000)
    assert time.perf_counter() - start < 10
    assert text.startswith("全市 法院 审结 案件呼和浩特全市")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a figure cut by a PDF's line end stays one sentence
        ("结案率同比提高\n1.5 个百分点。", "结案率同比提高1.5个百分点。"),
        ("审结毒品犯罪案件12 件\n106 人。", "审结毒品犯罪案件12件106人。"),
        # a year opening the next paragraph is not the rest of a figure
        ("受理案件1234件\n2023年，审结案件100件。", "受理案件1234件\n2023年，审结案件100件。"),
        # names keep their numerals; counts outside names become digits
        ("印发《关于优化营商环境的二十条措施》", "印发《关于优化营商环境的二十条措施》"),
        ("创建“三十六计”工作法，审结三千余件", "创建“三十六计”工作法，审结3000余件"),
        ("查处近千起案件", "查处近千起案件"),
    ],
)
def test_figures_across_line_ends_and_numerals_inside_names(raw, expected):
    assert normalize_text(raw) == expected


def test_pinyin_glosses_are_no_part_of_the_text():
    text = normalize_text("敘州區(qū)人民法院執(zhí)行案件(一)與(a)")
    assert text == "敘州區人民法院執行案件(一)與(a)"


def test_a_papers_point_lines_stay_apart_from_the_part_heading_above():
    # A page of even-width lines reads as hard-wrapped; its ◉ and ★ lines are points
    # under the part heading, each starting a line of its own.
    raw = (
        "一、全面贯彻新发展理念,精准服务“六稳”“六保”\n"
        "◉助力常态化疫情防控 ◉优化法治化营商环境\n"
        "◉服务高水平对外开放 ◉助推城乡协调发展\n"
        "★ 6个集体、19名干警荣获苏州市级以上表彰奖励\n"
        "二、全力维护社会稳定,建设更高水平平安城市\n"
        "◉决战决胜扫黑除恶 ◉依法惩处刑事犯罪\n"
        "◉防范化解重大风险 ◉积极参与社会治理\n"
        "三、坚持以人民为中心,不断提升群众获得感\n"
        "◉强化民生权益保护 ◉推进“切实解决执行难”"
    )
    assert normalize_text(raw).split("\n") == raw.split("\n")
