"""A small demo-like corpus for page, API and browser tests: two published reviews (as in
the seeds), a draft that must never show, and courts with and without reports."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reports.choices import CourtLevel, MetricScope, ReportStatus, SectionTopic, YoyUnit
from tests.factories import (
    CourtFactory,
    InitiativeFactory,
    MetricFactory,
    ReportFactory,
    SectionFactory,
)

DRAFT_TITLE = "草稿：尚未发布的2024年工作报告"
DRAFT_WORD = "秘密草稿词"


@dataclass
class Sample:
    hohhot: object
    bayannur: object
    baotou: object  # only a draft
    wuhai: object  # no report at all
    report_2023: object
    report_2025: object
    draft: object
    ip_section: object


def index_sample():
    """Index the published sections into this test's own Whoosh directory."""
    from reports.search.indexing import build_index
    from reports.search.signals import wait_for_index

    wait_for_index()  # saves made while building the sample sync in the background
    return build_index()


def build_sample():
    region = dict(province="内蒙古自治区", level=CourtLevel.INTERMEDIATE)
    high = CourtFactory(
        name="内蒙古自治区高级人民法院",
        short_name="内蒙古高院",
        level=CourtLevel.HIGH,
        province="内蒙古自治区",
        city="",
        adcode="150000",
        slug="nei-mong-gol-gy",
    )
    hohhot = CourtFactory(
        name="呼和浩特市中级人民法院",
        short_name="呼和浩特中院",
        aliases=["呼市中院"],
        city="呼和浩特市",
        adcode="150100",
        slug="hohhot-zy",
        parent=high,
        **region,
    )
    baotou = CourtFactory(
        name="包头市中级人民法院", city="包头市", adcode="150200", slug="baotou-zy", **region
    )
    wuhai = CourtFactory(
        name="乌海市中级人民法院", city="乌海市", adcode="150300", slug="wuhai-zy", **region
    )
    bayannur = CourtFactory(
        name="巴彦淖尔市中级人民法院",
        short_name="巴彦淖尔中院",
        city="巴彦淖尔市",
        adcode="150800",
        slug="bayannur-zy",
        **region,
    )
    CourtFactory(
        name="上海市高级人民法院",
        short_name="上海高院",
        level=CourtLevel.HIGH,
        province="上海市",
        city="",
        adcode="310000",
        slug="shanghai-gy",
    )

    report_2023 = ReportFactory(
        court=hohhot,
        year=2023,
        title="践行司法为民 保障公平正义——呼和浩特市中级人民法院2023年工作回眸",
        source="内蒙古法制报",
        published_on=date(2024, 1, 26),
        byline="本报记者 赵芳",
    )
    ip_section = SectionFactory(
        report=report_2023,
        order=1,
        heading="服务高质量发展大局",
        topic=SectionTopic.DEVELOPMENT,
        text=(
            "作为创新发展的重要支柱，知识产权是经济提质增效的源泉。\n"
            "呼和浩特市法院审结一审知识产权案件325件，建立“呼包鄂乌”知识产权司法保护协作机制。\n"
            "审结一审商事案件2.9万件。"
        ),
    )
    safety = SectionFactory(
        report=report_2023,
        order=2,
        heading="保障首府安全稳定",
        topic=SectionTopic.CRIMINAL,
        text="审结一审刑事案件1.39万件，判处罪犯3200余人。",
    )
    SectionFactory(
        report=report_2023,
        order=3,
        heading="践行司法为民宗旨",
        topic=SectionTopic.PEOPLE,
        text="全市法院执行到位金额241.97亿元，同比上升27.74%。",
    )
    MetricFactory(
        report=report_2023,
        section=ip_section,
        label="审结一审知识产权案件",
        value=Decimal("325"),
        unit="件",
        raw="325件",
        evidence="呼和浩特市法院审结一审知识产权案件325件。",
        verified=True,
    )
    MetricFactory(
        report=report_2023,
        section=safety,
        label="审结一审刑事案件",
        indicator="cases_closed",
        value=Decimal("13900"),
        unit="件",
        raw="1.39万件",
        evidence="审结一审刑事案件1.39万件，判处罪犯3200余人。",
    )
    MetricFactory(
        report=report_2023,
        section=safety,
        label="判处罪犯",
        value=Decimal("3200"),
        unit="人",
        raw="3200余人",
        approx="余",
        evidence="审结一审刑事案件1.39万件，判处罪犯3200余人。",
    )
    MetricFactory(
        report=report_2023,
        section=None,
        label="执行到位金额",
        indicator="enforcement_amount",
        value=Decimal("24197000000"),
        unit="元",
        raw="241.97亿元",
        yoy_change=Decimal("27.74"),
        yoy_unit=YoyUnit.PERCENT,
        scope=MetricScope.REGION,
        evidence="全市法院执行到位金额241.97亿元，同比上升27.74%。",
    )
    InitiativeFactory(
        report=report_2023,
        section=ip_section,
        name="“呼包鄂乌”知识产权司法保护协作机制",
        evidence="建立“呼包鄂乌”知识产权司法保护协作机制。",
    )

    report_2025 = ReportFactory(
        court=bayannur,
        year=2025,
        title="巴彦淖尔市中级人民法院2025年工作综述",
        source="巴彦淖尔日报",
        published_on=date(2026, 1, 20),
    )
    admin_section = SectionFactory(
        report=report_2025,
        order=1,
        heading="实质化解行政争议 助推法治政府建设",
        topic=SectionTopic.ADMINISTRATIVE,
        text="创新推出“六个一”特色工作法，行政机关负责人出庭应诉率达100%，同比上升9个百分点。",
    )
    MetricFactory(
        report=report_2025,
        section=admin_section,
        label="行政机关负责人出庭应诉率",
        value=Decimal("100"),
        unit="%",
        raw="100%",
        yoy_change=Decimal("9"),
        yoy_unit=YoyUnit.POINTS,
        evidence="行政机关负责人出庭应诉率达100%，同比上升9个百分点。",
    )
    InitiativeFactory(
        report=report_2025,
        section=admin_section,
        name="“六个一”特色工作法",
        evidence="创新推出“六个一”特色工作法。",
    )

    draft = ReportFactory(
        court=hohhot,
        year=2024,
        title=DRAFT_TITLE,
        status=ReportStatus.DRAFT,
        published_on=date(2025, 1, 20),
    )
    SectionFactory(report=draft, order=1, heading=f"{DRAFT_WORD}章节", text=DRAFT_WORD)
    ReportFactory(court=baotou, year=2023, title="包头市中级人民法院草稿", status="draft")

    return Sample(
        hohhot=hohhot,
        bayannur=bayannur,
        baotou=baotou,
        wuhai=wuhai,
        report_2023=report_2023,
        report_2025=report_2025,
        draft=draft,
        ip_section=ip_section,
    )
