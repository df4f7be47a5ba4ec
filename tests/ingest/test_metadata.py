"""Title, byline, source, date, year covered, period and kind (metadata.py, kind.py). No database."""

from pathlib import Path

import pytest

from reports.choices import ReportKind
from reports.ingest import kind as kinds
from reports.ingest.kind import detect_kind
from reports.ingest.metadata import (
    detect_period,
    detect_year,
    extract_metadata,
    find_byline,
    find_published_date,
    find_source,
    find_title,
    npc_session_year,
)
from reports.ingest.normalize import normalize_text

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "demo"
CORPUS = ROOT / "tests" / "data" / "corpus"


def text_of(name: str) -> str:
    path = DEMO / name if (DEMO / name).exists() else CORPUS / name
    return normalize_text(path.read_text(encoding="utf-8"))


def test_kind_values_are_report_kinds():
    used = {
        kinds.WORK_REPORT,
        kinds.NEWS_REVIEW,
        kinds.THEMATIC,
        kinds.PROFILE,
        kinds.OTHER,
    }
    assert used == set(ReportKind.values)
    assert set(kinds.KIND_SIGNALS) <= set(ReportKind.values)


# document → (title, year, period, kind, byline, source)
EXPECTED = {
    "hohhot_zy_2023_review.txt": (
        "践行司法为民 保障公平正义——呼和浩特市中级人民法院2023年工作回眸",
        2023,
        "",
        "news_review",
        "本报记者●赵芳",
        "",
    ),
    "bayannur_zy_2025_review.txt": (
        "",
        2025,
        "",
        "news_review",
        "本版文图由本报通讯员 张丽娜 王小雪 王臻晔 王睿鸿 胡娜 提供",
        "",
    ),
    "zhengzhou_zy_jianxing_jianwai_2015.txt": (
        "郑州市两级法院减刑假释暂予监外执行工作主要做法通报",
        2015,
        "1至7月",
        "thematic",
        "",
        "郑州法院网",
    ),
    "spc_2016_npc_session_xinhua_2017.txt": ("", 2016, "", "news_review", "", ""),
    "zhejiang_gy_bankruptcy_2020_news.txt": (
        "浙江法院创新破产程序盘活市场资源",
        2020,
        "",
        "news_review",
        "",
        "",
    ),
    "henan_gy_enforcement_2016_news.txt": (
        "河南“执行风暴”追回“老赖”欠款280亿",
        None,
        "1至10月",
        "news_review",
        "本报讯（记者赵文静）",
        "",
    ),
    "dingxi_zy_profile_2012.txt": ("定西法院介绍", 2012, "", "profile", "", ""),
    # the text says only 成立于1996年: a founding date is not the year covered
    "suqian_zy_profile_2014.txt": ("", None, "", "profile", "", ""),
    # no year written; 第十二届全国人民代表大会第一次会议 was in 2013
    "spc_leadership_change_2013.txt": (
        "中央决定周强任最高人民法院党组书记",
        2013,
        "",
        "other",
        "",
        "",
    ),
}


@pytest.mark.parametrize("name", EXPECTED)
def test_metadata_of_the_seeds_and_corpus(name):
    meta = extract_metadata(text_of(name))
    title, year, period, kind, byline, source = EXPECTED[name]
    assert (meta.title, meta.year, meta.period, meta.kind) == (title, year, period, kind)
    assert (meta.byline, meta.source) == (byline, source)


def test_front_matter_lines_are_reported_for_section_splitting():
    lines = text_of("hohhot_zy_2023_review.txt").split("\n")
    meta = extract_metadata("\n".join(lines))
    assert meta.title_lines == (0, 1)
    assert meta.byline_lines == (2,)
    bayannur = extract_metadata(text_of("bayannur_zy_2025_review.txt"))
    assert bayannur.caption_lines == (0, 1)  # 公开庭审(资料图) / 网络安全攻防演练


@pytest.mark.parametrize(
    "lines, hint, title",
    [
        (
            ["老赖（资料图）", "原标题：河南“执行风暴”追回“老赖”欠款280亿", "本报讯…"],
            "",
            "河南“执行风暴”追回“老赖”欠款280亿",
        ),
        (["一、2024年主要工作", "正文。"], "", ""),  # a numbered heading is not a title
        (["2025年,全市两级法院坚持…"], "", ""),
        (  # a site's ticker and search box above the headline
            [
                "今日特推: 全国公安机关开展为期一年的打击整治专项工作",
                "搜索:",
                "吉林通化县人民法院工作报告获满票通过",
                "吉林省通化县十七届人民代表大会第五次会议于1月6日至8日召开。",
            ],
            "",
            "吉林通化县人民法院工作报告获满票通过",
        ),
        (["2020年工作回顾", "2020年,市人民法院…各项工作取得新成效。"], "", ""),  # a report's part
        (["网页标题", "正文很长的一段话。"], "网页标题", "网页标题"),
        (
            ["正文很长的一段话，没有标题行，正文很长的一段话，没有标题行，正文很长。"],
            "网页标题",
            "网页标题",
        ),
    ],
)
def test_find_title(lines, hint, title):
    assert find_title(lines, hint)[0] == title


@pytest.mark.parametrize(
    "text, title, published_on, year",
    [
        ("2025年,全市两级法院…。\n2026年,全市两级法院将驰而不息。", "", "", 2025),
        ("全市法院审结案件。", "2023年工作回眸", "", 2023),
        ("今年以来，全市法院审结案件1.39万件。", "", "2026-01-20", 2025),  # a review in January
        ("今年以来，全市法院审结案件1.39万件。", "", "2025-07-01", 2025),
        ("周强从五个方面报告了2017年工作安排。2016年是攻坚之年。", "", "", 2016),
        ("宿迁市中级人民法院成立于1996年12月。", "", "", None),
        ("2010年受理16994件；2011年受理17067件；2012年受理19097件。", "", "", 2012),
        ("十二届全国人大一次会议选举周强为最高人民法院院长。", "", "", 2013),
        ("没有任何年份。", "", "", None),
        # the date in a work report's subtitle is when it was delivered
        (
            "2023年，全市法院共受理各类案件14万件。",
            "工作报告——2024年1月15日在第十六届人民代表大会第三次会议上",
            "",
            2023,
        ),
        # the report's review heading names the year, not a collection's title
        (
            "潮州市中级人民法院工作报告\n各位代表:\n2022年主要工作\n2022年,全市法院受理案件。",
            "2024年市中级人民法院工作报告5篇",
            "",
            2022,
        ),
        (
            "各位代表:\n一、2022年主要工作回顾\n全市法院受理案件。",
            "2024年法院工作报告汇编",
            "",
            2022,
        ),
        # a five-year report: "2008年以来" ends in 2012
        ("2008年以来,全省法院各项工作都取得新的成绩。\n五年来,全省法院受理案件。", "", "", 2012),
        ("2023年以来,赞皇县人民法院坚持司法为民。", "", "", 2023),  # since the year's start
        # news on a session: the year reported on and the year the session meets in
        (
            "1月12日上午,甘肃省高级人民法院院长张海波在甘肃省第十三届人民代表大会第三次会议上作了"
            "《甘肃省高级人民法院工作报告》。\n张海波在报告中说,2019年省法院各项工作取得新进步。"
            "\n张海波表示,2020年是全面建成小康社会和“十三五”规划收官之年。",
            "",
            "",
            2019,
        ),
    ],
)
def test_detect_year(text, title, published_on, year):
    assert detect_year(text, title, published_on) == year


@pytest.mark.parametrize(
    "term, session, year",
    [
        ("十二", "五", 2017),
        ("十二", "一", 2013),
        ("十四", "一", 2023),
        ("十", "二", 2004),
        ("五", "一", None),
    ],
)
def test_npc_session_year(term, session, year):
    assert npc_session_year(term, session) == year


@pytest.mark.parametrize(
    "text, year, period",
    [
        ("2015年1至7月底，郑州中院共受理减刑案件1802件", 2015, "1至7月"),
        ("截至10月底，今年全省法院共新收执行案件26.9万件", None, "1至10月"),
        ("2024年上半年，全市法院受理案件", 2024, "上半年"),
        ("2023年，全市法院受理案件14万件。", 2023, ""),
        (
            "2023年，全市法院受理案件14万件。" + "全年工作。" * 80 + "其中1至3月受理2万件。",
            2023,
            "",
        ),
    ],
)
def test_detect_period(text, year, period):
    assert detect_period(text, year) == period


@pytest.mark.parametrize(
    "title, text, kind",
    [
        (
            "呼和浩特市中级人民法院工作报告",
            "各位代表：现在，我代表市中级人民法院报告工作，请予审议。",
            "work_report",
        ),
        ("", "——2024年1月15日在呼和浩特市第十六届人民代表大会第三次会议上", "work_report"),
        ("关于全市法院执行工作情况的专项报告", "全市法院执结案件。", "thematic"),
        ("2023年工作回眸", "本报记者", "news_review"),
        ("", "本报讯（记者赵文静）截至10月底，今年全省法院共新收执行案件", "news_review"),
        ("定西法院介绍", "定西中院辖7个基层人民法院", "profile"),
        ("", "宿迁市中级人民法院成立于1996年12月，下辖5个基层人民法院，中院内设立案庭", "profile"),
        (
            "中央决定周强任最高人民法院党组书记",
            "宣布中共中央关于最高人民法院党组书记调整的决定",
            "other",
        ),
        ("", "全市法院审结案件。", "news_review"),  # no signal at all
        # a journalist's account of the delivery: a speaker at the session, quoted
        (
            "",
            "1月23日上午,在北京市第十六届人民代表大会第二次会议上,北京市高级人民法院院长寇昉"
            "向大会报告工作。\n寇昉表示,过去一年,北京全市法院全年新收案件878247件。",
            "news_review",
        ),
        (
            "",
            "2013年2月1日上午,在昆明市第十三届人民代表大会第四次会议上,院长訚柏代表昆明市中级"
            "人民法院作法院工作报告。\n报告指出全市法院2013年的工作指导思想是:…",
            "news_review",
        ),
        # a headline saying who delivered the report is news, the report's own name is not
        (
            "张海波在省十三届人大三次会议上作法院工作报告",
            "全省法院共受理案件563355件。",
            "news_review",
        ),
        ("吉林通化县人民法院工作报告获满票通过", "共受理各类案件3553件。", "news_review"),
        (
            "赞皇县人民法院2023年度工作报告",
            "1月24日,赞皇县人民法院院长张大为向赞皇县第十七届人民代表大会第五次会议报告法院工作。"
            "\n全年收案3902件,结案3721件。",
            "work_report",
        ),
        # a report's numbered parts of parallel phrases, with no journalist
        (
            "",
            "2018年,区人民法院各项工作取得了新的明显成效。\n一、牢记使命,忠诚履职,坚决捍卫社会"
            "公平正义\n宽严相济,依法惩治刑事犯罪。受理各类刑事案件602件。",
            "work_report",
        ),
        # … but a press conference laid out like the report is news
        (
            "",
            "虎林法院召开2021年第一季度线上新闻发布会,向媒体通报2020年工作回顾和2021年工作任务。"
            "\n一、发挥审判职能,服务经济发展维护社会稳定\n审结一审刑事案件145件。"
            "\n二、深化司法改革,提升审执质效促进公平正义\n院庭长带头办案3206件。",
            "news_review",
        ),
        ("最高人民法院工作报告全文", "全国法院审结案件。", "work_report"),
        # a headline on the vote, over a release laid out like the report
        ("市中院工作报告高票通过", "一、服务大局,护航发展\n全市法院审结案件。", "news_review"),
        # "总的来说," is no speaker, and a count of press conferences is no press conference
        (
            "",
            "一、牢记使命,忠诚履职,坚决捍卫社会公平正义\n总的来说,成效明显。具体来说,审结案件。"
            "\n召开新闻发布会45场,举办新闻发布会12次。",
            "work_report",
        ),
        # the session closing and its vote, over a summary laid out like the report
        (
            "",
            "2月22日,博白县第十七届人民代表大会第四次会议胜利闭幕。经会议表决,博白县人民法院2023年"
            "工作报告获与会代表一致表决通过。\n一、服务大局,护航发展\n全县法院审结案件。",
            "news_review",
        ),
        # a special report to the standing committee, on one field
        (
            "",
            "主任、副主任、秘书长、各位委员:\n我代表市中级人民法院报告全市法院行政审判工作情况,"
            "请予审议。",
            "thematic",
        ),
        ("关于全市法院行政审判工作情况的报告", "全市法院审结行政案件。", "thematic"),
        # one field of work throughout, no total of all cases: a thematic report
        (
            "",
            "2019年,叙州区人民法院实质化运行执行指挥中心,全力推进执行信息化。\n2019年,全院受理"
            "执行案件4009件,执结3844件,执结率95.88%,实际执行到位金额5.51亿元,实际执结率66.44%。",
            "thematic",
        ),
        # a caseload bulletin
        (
            "",
            "2014年1至9月,我院共受理各类案件9471件,同比上升7.85%。\n1、收案情况\n刑事案件262件。"
            "\n2、结案情况\n审结刑事案件270件。\n3、未结案情况\n刑事未结案79件。",
            "other",
        ),
    ],
)
def test_detect_kind(title, text, kind):
    assert detect_kind(text, title) == kind


def test_a_report_about_a_thematic_report_is_news():
    # reporting on 《…破产审判工作报告》 does not make the article a thematic report
    assert (
        detect_kind(
            text_of("zhejiang_gy_bankruptcy_2020_news.txt"), "浙江法院创新破产程序盘活市场资源"
        )
        == "news_review"
    )


@pytest.mark.parametrize(
    "lines, byline",
    [
        (["标题", "本报记者●赵芳", "正文。"], "本报记者●赵芳"),
        (["正文。", "(本版文图由本报通讯员 张丽娜 提供)"], "本版文图由本报通讯员 张丽娜 提供"),
        (
            ["本报讯 （记者赵文静）截至10月底，今年全省法院共新收执行案件26.9万件，同比增长50%。"],
            "本报讯（记者赵文静）",
        ),
        (["正文。", "责任编辑：郑州法院网编辑 刘花瑞"], ""),  # the editor is not the author
        (
            ["某某工作报告", "呼和浩特市中级人民法院院长 赵希民", "各位代表："],
            "呼和浩特市中级人民法院院长 赵希民",
        ),
    ],
)
def test_find_byline(lines, byline):
    assert find_byline(lines)[0] == byline


@pytest.mark.parametrize(
    "lines, source",
    [
        (["正文。", "责任编辑：郑州法院网编辑 刘花瑞"], "郑州法院网"),
        (["来源：人民法院报", "正文。"], "人民法院报"),
        (["新华社北京3月12日电 十二届全国人大五次会议…"], "新华社"),
        (["本报记者●赵芳", "正文。"], ""),
    ],
)
def test_find_source(lines, source):
    assert find_source(lines) == source


@pytest.mark.parametrize(
    "lines, date",
    [
        (["标题", "发布时间：2026-01-15 09:30", "正文。"], "2026-01-15"),
        (["标题", "2026年1月5日 来源：内蒙古日报"], "2026-01-05"),
        (["2023年9月15日，“呼包鄂乌”跨区域知识产权司法保护协作框架协议签署。"], ""),  # an event
    ],
)
def test_find_published_date(lines, date):
    assert find_published_date(lines) == date
