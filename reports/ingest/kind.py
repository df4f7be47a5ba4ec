"""What kind of text a report is: a work report, a news review, a thematic report, a profile
or something else, by signals of each genre, the title counting more than the body
(``KIND_SIGNALS``).

A work report speaks to the congress itself (``各位代表``, ``请予审议``, the delivery line under
its title) and is built of the report's parts (``2020年工作回顾``, ``一、牢记使命,忠诚履职,…``);
a news review tells of it in the third person (``院长寇昉向大会报告工作``, ``报告指出``,
``寇昉表示,``) or of a meeting or press conference; a thematic report keeps to one field of
work (``about_one_field``); a caseload bulletin is ``other``.

Works on normalised text (one paragraph per line); ties keep the order of ``KIND_SIGNALS``.
"""

from __future__ import annotations

import re
from collections import Counter

# ReportKind values (reports.choices; not imported: this package stays free of Django).
WORK_REPORT, NEWS_REVIEW, THEMATIC, PROFILE, OTHER = (
    "work_report",
    "news_review",
    "thematic",
    "profile",
    "other",
)

# The parts a work report is built of, standing alone as lines: "2020年工作回顾", "2021年主要任务",
# "今年工作安排"; its numbered parts are two parallel phrases ("一、牢记使命,忠诚履职,坚决捍卫社会公平
# 正义", "一、全面贯彻新发展理念,精准服务“六稳”“六保”").
REPORT_PART = re.compile(
    r"^\s*(?:[一二三四五六七八九十]、)?(?:(?:19|20)\d{2}年(?:度)?|过去一年|过去五年|五年来|今年)?(?:的)?"
    r"(?:主要工作(?:回顾)?|工作回顾|主要任务|工作安排|工作打算|工作建议|工作任务|工作思路)\s*$"
)
PARALLEL_PHRASES = r"[^。，,；;\n]{2,20}[，,][^。；;\n]{2,24}$"
# Numerals of a date as a work report's delivery line writes them: "2024年1月15日",
# "二〇二一年一月十九日".
_DATE_DIGIT = r"[\d〇零一二三四五六七八九十]"
KIND_SIGNALS: dict[str, tuple[tuple[str, float, float, int], ...]] = {
    # kind: (pattern, weight in the title, weight in the body, matches the body counts at most)
    WORK_REPORT: (
        # The report's own name: "赞皇县人民法院2023年度工作报告", "…工作报告(2022年)",
        # "…工作报告——2024年1月15日在…". A headline that says who delivered it or what
        # became of it ("张海波在…会议上作法院工作报告", "…工作报告获满票通过") is news.
        (
            r"^[^在作获向听]{0,30}(?<!审判)(?<!专项)工作报告(?:[(（][^()（）]{0,10}[)）]|全文|摘要|摘登)?$"
            r"|^.{0,20}工作报告[（(——]",
            6,
            0,
            3,
        ),
        # The report speaking to the congress in its own voice: the salutation, "我代表…向大会
        # 报告工作，请予审议", and the delivery line under the title, a date with no one
        # before it ("——2024年1月15日在…人民代表大会…"). A journalist writes the same event
        # with a speaker ("1月23日上午,在…会议上,院长寇昉…"): no signal here.
        (
            rf"各位代表|请予审议|我代表[^。]{{0,20}}向大会报告"
            rf"|(?m:^[—–\-(（\s]*{_DATE_DIGIT}{{4}}年{_DATE_DIGIT}{{1,2}}月{_DATE_DIGIT}{{1,3}}日?"
            rf"在[^。\n]{{0,40}}人民代表大会)",
            0,
            5,
            3,
        ),
        # The report's parts. A press release may be laid out the same way, so the layout
        # counts once, as one sign.
        (
            rf"(?m:{REPORT_PART.pattern})|(?m:^\s*[一二三四五六七八九十]、{PARALLEL_PHRASES})",
            0,
            3,
            1,
        ),
    ),
    THEMATIC: (
        (r"专项|通报|白皮书|审判工作(?:情况)?报告|专题|情况报告|关于.{2,30}情况的报告", 5, 0, 3),
        # A special report to the congress's standing committee, on one field of work: its
        # salutation is to the committee's officers, not to the deputies.
        (r"主任、副主任", 0, 6, 1),
    ),
    NEWS_REVIEW: (
        (r"回眸|综述|回顾|盘点|纪实|巡礼|年终|亮点", 5, 1, 3),
        # Headlines of news on a report: who delivered it, how the congress voted.
        (
            r"在.{0,20}(?:会议|大会)上?作.{0,16}报告|(?:获|高票|全票|满票|一致|表决).{0,4}通过|通过率",
            5,
            0,
            3,
        ),
        (
            r"本报讯|本报记者|本报通讯员|记者|通讯员|新华社|日前|近日|原标题|听取和审议|报告显示",
            0,
            2,
            3,
        ),
        # A report told in the third person: what the report says ("报告指出", "报告从五个方面"),
        # the president delivering it ("院长张军在…会议上作", "院长寇昉向大会报告工作"), a
        # speaker quoted ("寇昉表示,", "张海波在报告中说,"), a press conference or a meeting,
        # the session closing and the report passed ("会议胜利闭幕", "工作报告获…一致表决通过").
        (
            r"报告(?:指出|显示|称|说|介绍|透露|强调|提出|认为|要求|总结|回顾|最后|还|从|对|中说)"
            r"|(?:院长|代院长)\s?[\u4e00-\u9fff·]{2,4}(?:在|向|代表|作|所作)"
            r"|[\u4e00-\u9fff]{2,4}(?:表示|介绍|(?<!来)说)[,，:：]"
            # a press conference held, not the court's count of them ("召开新闻发布会45场")
            r"|(?:新闻)?发布会(?![\d一二三四五六七八九十百余多]+[场次期])"
            r"|召开[^。]{0,30}(?:总结|表彰)[^。]{0,6}大会"
            # the session itself and its vote on the report
            r"|(?:会议|大会)[^。，,]{0,8}(?:闭幕|开幕)"
            r"|(?:表决|审议)通过了?[^。]{0,20}(?<!审判)工作报告"
            r"|(?<!审判)(?<!专项)工作报告[^。]{0,12}(?:获|以)[^。]{0,10}通过",
            0,
            3,
            3,
        ),
    ),
    PROFILE: (
        (r"法院介绍|法院简介|法院概况|^.{0,12}概况$|简介$", 6, 0, 3),
        (r"成立于|始建于|内设|下辖|辖区面积|总人口|管辖\d", 0, 1, 3),
    ),
    OTHER: (
        (r"任.{0,15}(?:党组书记|院长|庭长)|任免|履新|当选", 6, 0, 3),
        (r"任免|不再担任|宣布.{0,20}决定|领导干部大会", 0, 3, 3),
        # A caseload bulletin: nothing but the counts, under "1、收案情况", "2、结案情况".
        (
            r"收结案情况|审判运行态势|司法统计"
            r"|(?m:^\s*\d{1,2}[、.．]\s*[\u4e00-\u9fff]{0,4}(?:收案|结案|未结案|存案)情况\s*$)",
            6,
            3,
            3,
        ),
    ),
}
# The fields of a court's work. A text that names one of them again and again, and gives no
# total of all the court's cases, is a thematic report on that field (叙州's 执行 in 2019:
# "全院受理执行案件4009件，执结3844件"). 审执结 and 审判执行 are the whole of the court's work.
FIELDS = (
    r"(?<!审判)执行|(?<!审)执结",
    r"破产",
    r"知识产权",
    r"减刑|假释",
    r"刑事",
    r"民事|民商事|家事",
    r"行政",
    r"环境资源|环资",
    r"未成年|少年",
    r"金融",
)
ALL_CASES = re.compile(r"各类案件|受理案件|新收案件|审[(（]?执[)）]?结|审结、执结")
ONE_FIELD_WEIGHT = 4  # below the journalist's signs: news on one field is still news


def detect_kind(text: str, title: str = "") -> str:
    """``detect_kind(…, title="…2023年工作回眸") == "news_review"``; ``"定西法院介绍"`` →
    ``"profile"``; ``"中央决定周强任最高人民法院党组书记"`` → ``"other"``. Ties keep the
    order of KIND_SIGNALS; a text with no signal at all is a news review."""
    body = text[:3000]
    scores: Counter = Counter()
    for kind, signals in KIND_SIGNALS.items():
        for pattern, in_title, in_body, most in signals:
            if title and in_title and re.search(pattern, title):
                scores[kind] += in_title
            if in_body:
                scores[kind] += in_body * min(most, len(re.findall(pattern, body)))
    if about_one_field(text):
        scores[THEMATIC] += ONE_FIELD_WEIGHT
    if not scores or max(scores.values()) == 0:
        return NEWS_REVIEW
    best = max(scores.values())
    return next(kind for kind in KIND_SIGNALS if scores[kind] == best)


def about_one_field(text: str) -> bool:
    """``"全院受理执行案件4009件，执结3844件，执结率95.88%，实际执行到位金额5.51亿元…"`` → True: one
    field named at least five times and three times as often as all others together, and
    no count of all the court's cases (``受理各类案件``)."""
    if ALL_CASES.search(text):
        return False
    counts = sorted((len(re.findall(field, text)) for field in FIELDS), reverse=True)
    return counts[0] >= 5 and counts[0] >= 3 * sum(counts[1:])
