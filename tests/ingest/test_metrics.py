"""Every stated figure becomes a metric a reader can trust: value, unit, label, change, scope.

Inputs are normalised text (lines joined, no spaces inside numbers), as parse_report hands it on.
"""

import doctest
import subprocess
import sys
from decimal import Decimal

import pytest

from reports.ingest import indicators, labels, metrics
from reports.ingest.indicators import indicator_for
from reports.ingest.metrics import extract_metrics
from reports.ingest.normalize import normalize_text
from reports.ingest.types import ParsedSection


def rows(text):
    return [(m.label, str(m.value), m.unit) for m in extract_metrics(text, ())]


def only(text):
    found = extract_metrics(text, ())
    assert len(found) == 1, [(m.label, m.value, m.unit) for m in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("呼和浩特市法院审结一审知识产权案件325件。", [("审结一审知识产权案件", "325", "件")]),
        ("审结了民事案件1.39万件。", [("审结了民事案件", "13900", "件")]),
        ("执行到位金额241.97亿元。", [("执行到位金额", "24197000000", "元")]),
        ("为农牧民工追回劳动报酬3119万元。", [("为农牧民工追回劳动报酬", "31190000", "元")]),
        ("执行到位涉黑恶财产11.03亿元。", [("执行到位涉黑恶财产", "1103000000", "元")]),
        ("全市两级行政机关负责人出庭率达到100%。", [("全市两级行政机关负责人出庭率", "100", "%")]),
        ("审结各类环境资源案件2022件。", [("审结各类环境资源案件", "2022", "件")]),
        ("全市法院执结案件4.32万件。", [("执结案件", "43200", "件")]),
        # compound figures: two units, one label; two figures, two labels
        (
            "审结暴力犯罪案件576件896人。",
            [("审结暴力犯罪案件", "576", "件"), ("审结暴力犯罪案件", "896", "人")],
        ),
        (
            "实际执结案件14.6万件执行到位280亿元。",
            [("实际执结案件", "146000", "件"), ("执行到位", "28000000000", "元")],
        ),
        (
            "受理各类案件16994件，审（执）结16517件。",
            [("受理各类案件", "16994", "件"), ("审（执）结", "16517", "件")],
        ),
        # the counted noun after a classifier
        ("覆盖700余名一线行政执法人员。", [("一线行政执法人员", "700", "名")]),
        ("系统梳理各环节中55个法律风险点、操作难点。", [("法律风险点", "55", "个")]),
        ("撰写完成2万余字的《金融风险防控报告》。", [("《金融风险防控报告》", "20000", "字")]),
        # Chinese numerals
        ("审结三千余件。", [("审结", "3000", "件")]),
        # ten thousand written as its multiplier alone, only beside 近/超/逾 or 余/多
        ("执结案件近万件。", [("执结案件", "10000", "件")]),
        ("调解案件万余件。", [("调解案件", "10000", "件")]),
        ("为近万余名学生上法治课。", [("学生上法治课", "10000", "名")]),
        ("每万人成讼率持续下降，万家灯火。", []),
        ("制作两套专题PPT。", [("专题PPT", "2", "套")]),
        ("调解率达百分之九十。", [("调解率", "90", "%")]),
        # a share introduced by 占 takes the label of the figure it is a share of
        ("法官403人，占69%。", [("法官", "403", "人"), ("法官占比", "69", "%")]),
        # implied units
        ("其中男444，女140人。", [("男", "444", "人"), ("女", "140", "人")]),
        ("人口555万。", [("人口", "5550000", "人")]),
        ("紧紧依靠全国法院33万干警。", [("干警", "330000", "人")]),
    ],
)
def test_figures(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2023年9月15日，协议签署。",
        "截至10月底，工作推进。",
        "第一届四地法院知识产权司法保护经验交流会召开。",
        "第二届同堂培训举办。",
        "12368诉讼服务热线全天开通。",
        "（2023）内01民初123号判决书生效。",
        "〔2023〕5号文件印发。",
        "高质量完成五大任务。",
        "创新推出“六个一”特色工作法。",
        "从五个方面报告了工作。",
        "十二届全国人大五次会议举行。",
        "超3个月未归档案件全面清理。",
        "深度研判近三年裁判文书。",
        "一审服判息诉，二审改判。",
        "一起继承纠纷案的当事人送来一面锦旗。",
        "《2020年浙江法院破产审判工作报告》发布。",
        "精耕细作“基础建设、制度规范”5条线。",
        "2025,市中级人民法院装备科提升了保障能力。",
    ],
)
def test_not_figures(text):
    assert rows(text) == []


@pytest.mark.parametrize(
    ("text", "approx", "value"),
    [
        ("接通率超99%。", "超", "99"),
        ("结案率近90%。", "近", "90"),
        ("覆盖700余名人员。", "余", "700"),
        ("案件量年均4000件以上。", "以上", "4000"),
        ("申报债权共约1774亿元。", "约", "177400000000"),
        ("处置房屋面积800余万平方米。", "余", "8000000"),
        ("安置职工1.7万余人。", "余", "17000"),
        ("办理案件超过200件。", "超", "200"),
    ],
)
def test_approximations(text, approx, value):
    metric = only(text)
    assert (metric.approx, str(metric.value)) == (approx, value)


def test_yoy_attaches_to_the_figure_before_it():
    metric = only("审执结12.7万件，同比上升27.74%，平均审理用时缩短。")
    assert (metric.label, metric.value, metric.unit) == ("审执结", Decimal("127000"), "件")
    assert (metric.yoy_change, metric.yoy_unit) == (Decimal("27.74"), "%")
    assert metric.indicator == "cases_closed_all"


def test_yoy_respectively_splits_in_order():
    found = extract_metrics("受理案件1200件、审结1100件，同比分别上升21.9%和1.6%。", ())
    assert [(m.label, m.value, m.yoy_change) for m in found] == [
        ("受理案件", Decimal("1200"), Decimal("21.9")),
        ("审结", Decimal("1100"), Decimal("1.6")),
    ]


def test_respectively_splits_labels_in_order():
    found = extract_metrics("法定审限内结案率和一审服判息诉率分别提高到99.4%和83.1%。", ())
    assert [(m.label, m.value) for m in found] == [
        ("法定审限内结案率", Decimal("99.4")),
        ("一审服判息诉率", Decimal("83.1")),
    ]


def test_a_change_in_cases_after_a_yoy_is_a_change_in_cases_not_a_count():
    found = extract_metrics("刑事案件262件，同比下降2.6%，同比减少7件；执行案件2018件。", ())
    assert [(m.label, m.value, m.unit, m.yoy_change, m.yoy_unit) for m in found] == [
        ("刑事案件", Decimal("262"), "件", Decimal("-2.6"), "%"),
        ("刑事案件", None, "", Decimal("-7"), "件"),
        ("执行案件", Decimal("2018"), "件", None, ""),
    ]
    assert found[1].indicator == ""  # a change is never a court's count


@pytest.mark.parametrize(
    "text, change",
    [
        ("案件执行平均用时缩短38天。", ("案件执行平均用时", Decimal("-38"), "天")),
        ("全年受理案件比上年增加3200件。", ("受理案件", Decimal("3200"), "件")),
        ("执行到位金额同比减少3.2亿元。", ("执行到位金额", Decimal("-320000000"), "元")),
        ("结案数同比增长1.5倍。", ("结案数", Decimal("1.5"), "倍")),
    ],
)
def test_a_change_in_its_own_unit_states_no_value(text, change):
    changes = [m for m in extract_metrics(text, ()) if m.yoy_change is not None]
    assert [(m.label, m.yoy_change, m.yoy_unit) for m in changes] == [change]
    assert [(m.value, m.unit, m.indicator) for m in changes] == [(None, "", "")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a change in the figure's own unit right after it is its change
        ("一线法官人均结案483.99件，同比增加了64.13件。", [("483.99", "64.13", "件")]),
        ("受理案件1.2万件，比上年减少3200件。", [("12000", "-3200", "件")]),
        # one that already has a change keeps it; the count of cases stands alone
        ("刑事案件262件，同比下降2.6%，同比减少7件。", [("262", "-2.6", "%"), (None, "-7", "件")]),
        # in another unit it is a change of something else
        ("审结案件8000件，平均审理用时减少10天。", [("8000", None, ""), (None, "-10", "天")]),
    ],
)
def test_a_change_in_the_figures_own_unit_is_its_change(text, expected):
    found = [(m.value, m.yoy_change, m.yoy_unit) for m in extract_metrics(text, ())]
    assert found == [
        (None if v is None else Decimal(v), None if c is None else Decimal(c), u)
        for v, c, u in expected
    ]


def test_after_a_semicolon_a_figure_starts_anew():
    found = extract_metrics("12个月以上未结案件同比下降28.9%；92.9%的案件经一审即息诉。", ())
    assert [(m.label, m.value, m.yoy_change) for m in found] == [
        ("12个月以上未结案件", None, Decimal("-28.9")),
        ("案件经一审即息诉", Decimal("92.9"), None),
    ]


def test_a_duration_shortened_to_a_value_is_a_value():
    metric = only("平均办理用时缩短至3个工作日。")
    assert (metric.value, metric.unit, metric.yoy_change) == (Decimal("3"), "个工作日", None)


def test_yoy_in_percentage_points():
    metric = only("结案率95%，同比上升9个百分点。")
    assert (metric.value, metric.yoy_change, metric.yoy_unit) == (
        Decimal("95"),
        Decimal("9"),
        "个百分点",
    )


@pytest.mark.parametrize(
    ("text", "label", "yoy", "yoy_unit"),
    [
        ("上诉率同比下降17.99%。", "上诉率", "-17.99", "%"),
        (
            "促推2025年一审行政征收与补偿类案件同比下降39%。",
            "一审行政征收与补偿类案件",
            "-39",
            "%",
        ),
        ("破产案件结案量较前一年增加66%。", "破产案件结案量", "66", "%"),
        ("结案率同比提高1.5个百分点。", "结案率", "1.5", "个百分点"),
        ("新收案件下降8.2%。", "新收案件", "-8.2", "%"),
    ],
)
def test_a_change_on_its_own_states_no_value(text, label, yoy, yoy_unit):
    # Nobody comparing 上诉率 across courts may read a change as a rate.
    metric = only(text)
    assert (metric.label, metric.value, metric.unit) == (label, None, "")
    assert (metric.yoy_change, metric.yoy_unit) == (Decimal(yoy), yoy_unit)
    assert metric.indicator == ""


@pytest.mark.parametrize(
    ("text", "label", "change", "unit"),
    [
        ("案件执行平均用时减少38天。", "案件执行平均用时", "-38", "天"),
        ("平均审理用时同比减少10天。", "平均审理用时", "-10", "天"),
    ],
)
def test_a_change_in_days_is_a_change_counted_in_days(text, label, change, unit):
    # A change counted in days or cases is a change in that unit, never a duration or count.
    metric = only(text)
    assert (metric.label, metric.value, metric.unit) == (label, None, "")
    assert (str(metric.yoy_change), metric.yoy_unit) == (change, unit)


def test_two_changes_of_their_own_keep_their_sign():
    found = extract_metrics("一审、二审案件同比分别下降5%和3%。", ())
    assert [(m.label, m.value, m.yoy_change) for m in found] == [
        ("一审案件", None, Decimal("-5")),
        ("二审案件", None, Decimal("-3")),
    ]


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("全市两级法院调撤结案134件。", "region"),
        ("全市法院执结案件4.32万件。", "region"),
        ("全省法院共新收执行案件26.9万件。", "region"),
        ("本院审结案件500件。", "court"),
        ("该院审结一审商事案件2.9万件。", "court"),
        ("市中级人民法院行政庭阅核案件390件。", "court"),
        ("审结案件500件。", ""),
    ],
)
def test_scope(text, scope):
    assert only(text).scope == scope


def test_scope_is_inherited_from_the_paragraph():
    found = extract_metrics("2023年，全市法院坚持能动司法。审结案件500件。\n审结案件600件。", ())
    assert [m.scope for m in found] == ["region", ""]


def test_offsets_evidence_and_section():
    text = "服务大局\n审结一审知识产权案件325件，同比上升5%。\n保障安全\n审结刑事案件1557件。"
    sections = (
        ParsedSection(
            order=1, heading="服务大局", text="", topic="ip", start=0, end=text.index("保障")
        ),
        ParsedSection(
            order=2,
            heading="保障安全",
            text="",
            topic="criminal",
            start=text.index("保障"),
            end=len(text),
        ),
    )
    first, second = extract_metrics(text, sections)
    for metric in (first, second):
        assert text[metric.start : metric.end] == metric.raw
        assert metric.raw in metric.evidence
    assert first.evidence == "审结一审知识产权案件325件，同比上升5%。"
    assert (first.section_order, second.section_order) == (1, 2)


def test_weak_labels_get_lower_confidence():
    strong = only("审结一审知识产权案件325件。")
    long = only(
        "审结危害食品药品安全、非法集资、危险驾驶、侵犯公民个人信息等人民群众深恶痛绝的犯罪案件1557件。"
    )
    one_char = extract_metrics("其中男444，女140人。", ())[0]
    assert strong.confidence > 0.8 > long.confidence
    assert strong.confidence > 0.8 > one_char.confidence


@pytest.mark.parametrize(
    ("label", "unit", "indicator"),
    [
        ("受理各类案件", "件", "cases_received"),
        ("新收案件", "件", "cases_received"),
        ("收案", "件", "cases_received"),
        ("审结一审知识产权案件", "件", "cases_closed"),
        ("结案", "件", "cases_closed"),
        ("审执结", "件", "cases_closed_all"),
        ("审（执）结", "件", "cases_closed_all"),
        ("执结案件", "件", "enforcement_closed"),
        ("执行到位金额", "元", "enforcement_amount"),
        ("新收执行案件", "件", "enforcement_received"),
        ("诉前调解成功案件", "件", "pre_litigation_mediation"),
        ("成功调解案件", "件", "mediation"),
        ("结案率", "%", "closure_rate"),
        ("上诉率", "%", "appeal_rate"),
        ("行政机关负责人出庭率", "%", "officials_in_court_rate"),
        ("平均结案周期", "天", "average_duration"),
        ("追回劳动报酬", "元", "wages_recovered"),
        ("录入失信名单", "例", "dishonest_debtors"),
        ("发送司法建议", "件", "judicial_suggestions"),
        ("被判处刑罚", "人", "defendants"),
        ("审结暴力犯罪案件", "人", "defendants"),
        ("专题授课", "次", ""),
        ("审结", "%", ""),  # a share is not a count of cases
    ],
)
def test_indicator_dictionary(label, unit, indicator):
    assert indicator_for(label, unit) == indicator


def test_indicator_values_are_choices():
    from reports.choices import Indicator

    assert {value for _, _, value in indicators._TABLE} <= set(Indicator.values)


def test_docstring_examples_hold():
    for module in (metrics, labels, indicators):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_parsing_needs_no_django():
    code = (
        "import sys, reports.ingest.metrics, reports.ingest.initiatives, reports.evaluation.extraction;"
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_long_paragraph_is_read_in_linear_time():
    """Pasted web text can arrive as one paragraph of tens of thousands of characters; the
    scope of each figure is looked for nearby, not from the paragraph's start (which made
    2,000 figures take 30 s)."""
    import time

    text = "全市法院受理案件1.39万件。本院执行到位金额12亿元。" * 1500  # 40,500 chars
    started = time.perf_counter()
    found = extract_metrics(text, ())
    took = time.perf_counter() - started
    assert len(found) == 3000
    assert [m.scope for m in found[-2:]] == ["region", "court"]
    assert took < 4, f"{took:.1f} s for {len(text)} characters in one paragraph"


# --- defects found on real reports nobody tuned for (issue: figures you can trust) ---------


def changes(text):
    return [
        (m.label, None if m.value is None else str(m.value), m.unit, str(m.yoy_change), m.yoy_unit)
        for m in extract_metrics(normalize_text(text), ())
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 近千起: a numeral that opens with 千 ("a thousand") crashed the whole report
        ("依法查处近千起侵害未成年人权益案件。", [("查处", "1000", "起", "None", "")]),
        ("走访百余家企业。", [("企业", "100", "家", "None", "")]),
        ("千方百计为群众解难题，百花齐放。", []),
        # pairs and lists joined by 、: each change goes to its own figure
        (
            "收案2.1万件，结案2.3万件，同比分别下降6.5%、1.2%。",
            [("收案", "21000", "件", "-6.5", "%"), ("结案", "23000", "件", "-1.2", "%")],
        ),
        (
            "受理案件分别为1.2万件、1.3万件、1.4万件，年均分别增长3%、4%、5%。",
            [
                ("受理案件", "12000", "件", "3", "%"),
                ("受理案件", "13000", "件", "4", "%"),
                ("受理案件", "14000", "件", "5", "%"),
            ],
        ),
        (
            "一审服判息诉率、调撤率分别下降3.6个、2.6个百分点。",
            [
                ("一审服判息诉率", None, "", "-3.6", "个百分点"),
                ("调撤率", None, "", "-2.6", "个百分点"),
            ],
        ),
        # （件数，下同）: the change is of the cases, not of the persons beside them
        (
            "审结刑事案件4.6万件5.3万人，同比下降7.3%（件数，下同）。",
            [
                ("审结刑事案件", "46000", "件", "-7.3", "%"),
                ("审结刑事案件", "53000", "人", "None", ""),
            ],
        ),
        # chained changes: the year before, then this year's
        (
            "新收案件在上年下降26.2%的基础上进一步下降19.1%。",
            [("新收案件（上年）", None, "", "-26.2", "%"), ("新收案件", None, "", "-19.1", "%")],
        ),
        (
            "诉讼案件下降17.7%……2024年再次下降3.4%。",
            [("诉讼案件", None, "", "-17.7", "%"), ("诉讼案件", None, "", "-3.4", "%")],
        ),
        # a sentence cut by a PDF's line end
        ("结案率同比提高\n1.5 个百分点。", [("结案率", None, "", "1.5", "个百分点")]),
        (
            "审结毒品犯罪案件12 件\n106 人。",
            [
                ("审结毒品犯罪案件", "12", "件", "None", ""),
                ("审结毒品犯罪案件", "106", "人", "None", ""),
            ],
        ),
        # numbers inside names are no figures
        ("严格落实中央八项规定精神。", []),
        ("出台服务保障民营经济发展25条举措。", []),
        ("开通“执行110”快速反应机制。", []),
        ("印发《关于优化法治化营商环境的二十条措施》。", []),
        # a change written as "higher than the year before"
        (
            "赞成率99.8%，高出2016年4.95个百分点。",
            [("赞成率", "99.8", "%", "4.95", "个百分点")],
        ),
        # a 分别 pair of % changes belongs to the counts, not to the rate between them
        (
            "受理各类案件1796件，审结1657件，结案率为92.26%，同比分别上升21.2%和14.3%。",
            [
                ("受理各类案件", "1796", "件", "21.2", "%"),
                ("审结", "1657", "件", "14.3", "%"),
                ("结案率", "92.26", "%", "None", ""),
            ],
        ),
        # the counted noun ends where the verb of the clause begins
        ("组织32名法院干警到各个代表团旁听审议。", [("法院干警", "32", "名", "None", "")]),
        # from one level to another: both are levels of the same rate
        (
            "诉前调解成功分流率由1月的29.23%上升至12月的57.01%。",
            [
                ("诉前调解成功分流率", "29.23", "%", "None", ""),
                ("诉前调解成功分流率", "57.01", "%", "None", ""),
            ],
        ),
        (
            "调解率从2022年的45%提高到60%。",
            [("调解率", "45", "%", "None", ""), ("调解率", "60", "%", "None", "")],
        ),
        ("发改率降至1.2%。", [("发改率", "1.2", "%", "None", "")]),
        # a bare change names its subject in the clause before
        ("新收案件数量首次出现下降，同比下降6.2%。", [("新收案件数量", None, "", "-6.2", "%")]),
        ("平均立案周期21.6天，较过去缩短77.7%。", [("平均立案周期", "21.6", "天", "-77.7", "%")]),
        ("3项工作经验获全省法院推介。", [("工作经验", "3", "项", "None", "")]),
        # a 分别 list whose items say their own direction
        (
            "新收刑事案件10407件、审结9691件，判处罪犯7663人，同比分别下降0.23%、上升4.05%和下降11.70%。",
            [
                ("新收刑事案件", "10407", "件", "-0.23", "%"),
                ("审结", "9691", "件", "4.05", "%"),
                ("判处罪犯", "7663", "人", "-11.7", "%"),
            ],
        ),
        # compared with the five years before, or with a named year
        (
            "五年来共受理案件338194件，办结328816件，比前五年分别上升82.31%、86.71%。",
            [("受理案件", "338194", "件", "82.31", "%"), ("办结", "328816", "件", "86.71", "%")],
        ),
        (
            "法官人均结案354件，比2016年增多139件。",
            [("法官人均结案", "354", "件", "139", "件")],
        ),
        (
            "受理涉诉信访14.5万（人）次，同比下降43.2%。",
            [("受理涉诉信访", "145000", "人次", "-43.2", "%")],
        ),
        # the people named in a case's name are no figure; a time "以来" is not in a label
        (
            "审结刘明霞等51人跨境电信诈骗案等案件1347件。",
            [("审结刘明霞等51人跨境电信诈骗案等案件", "1347", "件", "None", "")],
        ),
        (
            "常态化斗争以来涉黑恶财产执行到位3.6亿元。",
            [("涉黑恶财产执行到位", "360000000", "元", "None", "")],
        ),
        # a change in cases in its own clause after a change in % is not part of a list
        (
            "结案45728件，同比增长36.18%，增加12958件。",
            [("结案", "45728", "件", "36.18", "%"), ("结案", None, "", "12958", "件")],
        ),
        (
            "受理案件82976件，审执结82461件，结案率99.37%，较上一个五年分别上升44.05%、67.15%、14.79%。",
            [
                ("受理案件", "82976", "件", "44.05", "%"),
                ("审执结", "82461", "件", "67.15", "%"),
                ("结案率", "99.37", "%", "14.79", "%"),
            ],
        ),
        ("一审案件改判发回重审率为1.2‰。", [("一审案件改判发回重审率", "1.2", "‰", "None", "")]),
        # units of the field
        ("联合开展增殖放流活动，放流鱼苗30万尾。", [("放流鱼苗", "300000", "尾", "None", "")]),
        ("举办法官业务培训班12期。", [("举办法官业务培训班", "12", "期", "None", "")]),
        ("12368热线接听来电3.1万通。", [("12368热线接听来电", "31000", "通", "None", "")]),
        ("开展普法宣传120场次。", [("开展普法宣传", "120", "场次", "None", "")]),
        ("审查网络信息2000条次。", [("审查网络信息", "2000", "条次", "None", "")]),
        ("接待来访群众2.3万人次。", [("接待来访群众", "23000", "人次", "None", "")]),
        ("提供诉讼服务5.6万件次。", [("提供诉讼服务", "56000", "件次", "None", "")]),
        ("处置闲置土地2宗。", [("处置闲置土地", "2", "宗", "None", "")]),
        ("整理归档卷宗1.2万册。", [("整理归档卷宗", "12000", "册", "None", "")]),
        ("发布典型案例5批。", [("发布典型案例", "5", "批", "None", "")]),
    ],
)
def test_real_phrases(text, expected):
    assert changes(text) == expected


def test_names_keep_their_numerals():
    # Normalising Chinese numerals must not rewrite a title: 《…二十条措施》 stays as written.
    text = normalize_text("印发《关于优化法治化营商环境的二十条措施》，审结三千余件。")
    assert "《关于优化法治化营商环境的二十条措施》" in text
    assert "审结3000余件" in text


def test_every_unit_of_the_vocabulary_reads_its_example():
    # The documented example of each unit is read with that unit (个百分点 and % are changes).
    for unit, example in metrics.UNIT_EXAMPLES.items():
        found = extract_metrics(normalize_text(example + "。"), ())
        units = {m.yoy_unit if m.value is None else m.unit for m in found}
        assert unit in units, (unit, example, [(m.label, m.value, m.unit) for m in found])


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        (
            "结案率96.8%，服判息诉率97.9%，同比分别提高3.7和1.3个百分点。",
            [("3.7", "个百分点"), ("1.3", "个百分点")],
        ),
        ("收案2.1万件、结案2.3万件，同比分别增长3.7、2.1%。", [("3.7", "%"), ("2.1", "%")]),
    ],
)
def test_a_list_of_changes_names_its_unit_once_at_the_end(text, changes):
    found = extract_metrics(text, ())
    assert [(str(m.yoy_change), m.yoy_unit) for m in found] == changes
    assert all(m.value is not None for m in found)
