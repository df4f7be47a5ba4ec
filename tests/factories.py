"""Factories for tests: a court, a published report and its children, in Chinese."""

import hashlib
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from reports.choices import CourtLevel, ReportKind, ReportStatus, SectionTopic
from reports.models import Court, Initiative, Metric, Report, Section


class CourtFactory(DjangoModelFactory):
    class Meta:
        model = Court
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试市{n}中级人民法院")
    short_name = factory.LazyAttribute(lambda o: o.name.replace("中级人民法院", "中院"))
    level = CourtLevel.INTERMEDIATE
    province = "内蒙古自治区"
    city = "呼和浩特市"
    slug = factory.Sequence(lambda n: f"court-{n}")


class ReportFactory(DjangoModelFactory):
    class Meta:
        model = Report

    court = factory.SubFactory(CourtFactory)
    year = 2023
    title = factory.LazyAttribute(lambda o: f"{o.court.name}{o.year}年工作回眸")
    kind = ReportKind.NEWS_REVIEW
    source = "内蒙古日报"
    text = factory.Sequence(lambda n: f"报告正文第{n}篇。")
    content_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.text.encode()).hexdigest())
    status = ReportStatus.PUBLISHED


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = Section

    report = factory.SubFactory(ReportFactory)
    order = factory.Sequence(lambda n: n + 1)
    heading = "服务高质量发展大局"
    topic = SectionTopic.DEVELOPMENT
    text = "审结一审知识产权案件325件，建立“呼包鄂乌”知识产权司法保护协作机制。"


class MetricFactory(DjangoModelFactory):
    class Meta:
        model = Metric

    report = factory.SubFactory(ReportFactory)
    section = None
    label = "审结一审知识产权案件"
    value = Decimal("325")
    unit = "件"
    raw = "325件"
    evidence = "审结一审知识产权案件325件。"


class InitiativeFactory(DjangoModelFactory):
    class Meta:
        model = Initiative

    report = factory.SubFactory(ReportFactory)
    section = None
    name = "“呼包鄂乌”知识产权司法保护协作机制"
    canonical_name = factory.LazyAttribute(lambda o: o.name.strip("“”《》"))
    evidence = "建立“呼包鄂乌”知识产权司法保护协作机制。"
