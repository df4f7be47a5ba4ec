"""Courts, their reports, and what the parser found in them.

Row facts live on the models, collection queries on the QuerySets. Only
``reports.loading.load.load_report`` creates a report's sections, metrics and initiatives.
"""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from reports.choices import (
    Approximation,
    CourtLevel,
    CourtNameKind,
    Indicator,
    MetricScope,
    ReportKind,
    ReportStatus,
    SectionTopic,
    YoyUnit,
)
from reports.search.normalize import fold


class CourtQuerySet(models.QuerySet):
    def with_published_reports(self):
        return self.filter(reports__status=ReportStatus.PUBLISHED).distinct()

    def annotate_report_counts(self):
        return self.annotate(
            published_reports=models.Count(
                "reports", filter=models.Q(reports__status=ReportStatus.PUBLISHED)
            )
        )

    def covered(self):
        """Courts with at least one published report, each with its ``published_reports``.

        Joins from the reports (filter before annotate) instead of counting for all 3,500
        courts and dropping the zeros."""
        return self.filter(reports__status=ReportStatus.PUBLISHED).annotate(
            published_reports=models.Count("reports")
        )

    def province_counts(self):
        """Per province: ``courts`` in the directory and how many are ``covered``."""
        return (
            self.values("province")
            .annotate(
                courts=models.Count("id", distinct=True),
                covered=models.Count(
                    "id",
                    filter=models.Q(reports__status=ReportStatus.PUBLISHED),
                    distinct=True,
                ),
                # GB/T 2260 order (北京 11, 天津 12 …) is the order readers know.
                first_adcode=models.Min("adcode"),
            )
            .order_by("first_adcode", "province")
        )


class Court(models.Model):
    name = models.CharField("全称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=50, blank=True)
    aliases = models.JSONField("别称", default=list, blank=True, help_text="如 呼市中院；一行一个")
    former_names = models.JSONField(
        "曾用名",
        default=list,
        blank=True,
        help_text="前身法院的名称，如 莱芜市中级人民法院（今济南市中级人民法院）；一行一个",
    )
    level = models.CharField("层级", max_length=20, choices=CourtLevel.choices)
    province = models.CharField("省份", max_length=30, blank=True, db_index=True)
    city = models.CharField("城市", max_length=30, blank=True)
    adcode = models.CharField("行政区划代码", max_length=12, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级法院",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    slug = models.SlugField("网址标识", max_length=120, unique=True)

    objects = CourtQuerySet.as_manager()

    class Meta:
        verbose_name = "法院"
        verbose_name_plural = "法院"
        ordering = ["adcode", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reports:court_detail", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        CourtName.objects.index([self])  # bulk writes (load_courts) index their courts too

    def name_forms(self) -> list[tuple[str, str]]:
        """(kind, name) for every name the court goes by, best kind first."""
        return (
            [(CourtNameKind.NAME, self.name), (CourtNameKind.SHORT, self.short_name)]
            + [(CourtNameKind.ALIAS, a) for a in self.aliases or () if isinstance(a, str)]
            + [(CourtNameKind.FORMER, a) for a in self.former_names or () if isinstance(a, str)]
        )


def name_key(text: str) -> str:
    """The lookup form of a court name: no spaces, simplified, half-width, lowercase —
    "莱蕪市 中院" → "莱芜市中院"."""
    return fold("".join(text.split()))


class CourtNameQuerySet(models.QuerySet):
    def index(self, courts) -> None:
        """Replace the name rows of ``courts`` with their current names (one query to delete,
        one to insert, whatever the number of courts)."""
        courts = [c for c in courts if c.pk]
        self.filter(court__in=courts).delete()
        rows, seen = [], set()
        for court in courts:
            for kind, form in court.name_forms():
                key = name_key(form or "")
                if key and (court.pk, key) not in seen:
                    seen.add((court.pk, key))
                    rank = CourtNameKind.rank(kind)
                    rows.append(
                        CourtName(court=court, name=form.strip(), key=key, kind=kind, rank=rank)
                    )
        self.bulk_create(rows, batch_size=1000)

    def called(self, text: str):
        """The rows whose name is ``text``, best kind first: "呼市中院" → 呼和浩特市中级人民法院's alias."""
        return self.filter(key=name_key(text or "")).order_by("rank", "court_id")


class CourtName(models.Model):
    """One name a court goes by — its full name, short name, an alias or a former name — kept
    from the Court's fields so that a name is found by an index, not by reading every court.
    Written only by ``CourtName.objects.index`` (Court.save and load_courts call it)."""

    court = models.ForeignKey(Court, on_delete=models.CASCADE, related_name="names")
    name = models.CharField("名称", max_length=100)
    key = models.CharField("检索形式", max_length=100, db_index=True)
    kind = models.CharField("类别", max_length=10, choices=CourtNameKind.choices)
    rank = models.PositiveSmallIntegerField(editable=False, default=0)  # CourtNameKind.rank

    objects = CourtNameQuerySet.as_manager()

    class Meta:
        verbose_name = "法院名称"
        verbose_name_plural = "法院名称"
        constraints = [
            models.UniqueConstraint(fields=["court", "key"], name="court_name_once_per_court")
        ]

    def __str__(self):
        return self.name


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ReportStatus.PUBLISHED)

    def drafts(self):
        return self.filter(status=ReportStatus.DRAFT)

    def for_court(self, court):
        return self.filter(court=court)

    def newest_first(self):
        return self.order_by(models.F("year").desc(nulls_last=True), "-published_on", "-id")

    def with_warnings(self):
        """Reports whose extraction left notes for an editor (``warnings`` not empty)."""
        return self.exclude(warnings=[]).exclude(warnings__isnull=True)

    def year_counts(self):
        """``[{"year": 2025, "reports": 3}, …]``, newest year first."""
        return (
            self.exclude(year=None)
            .values("year")
            .annotate(reports=models.Count("id"))
            .order_by("-year")
        )


def report_upload_path(instance, filename):
    return f"reports/{instance.content_hash[:2]}/{instance.content_hash}/{filename}"


class Report(models.Model):
    court = models.ForeignKey(
        Court,
        verbose_name="法院",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    year = models.PositiveSmallIntegerField("报告年度", null=True, blank=True, db_index=True)
    period = models.CharField(
        "期间", max_length=30, blank=True, help_text="部分年度时填写，如 1至7月"
    )
    title = models.CharField("标题", max_length=300)
    kind = models.CharField(
        "类型", max_length=20, choices=ReportKind.choices, default=ReportKind.NEWS_REVIEW
    )
    source = models.CharField("来源", max_length=200, blank=True)
    published_on = models.DateField("发表日期", null=True, blank=True)
    byline = models.CharField("署名", max_length=300, blank=True)
    # The upload path alone (reports/ab/<sha256>/) is 76 characters: room for the file name.
    original_file = models.FileField(
        "原始文件", upload_to=report_upload_path, blank=True, max_length=300
    )
    original_name = models.CharField("原始文件名", max_length=255, blank=True)
    text = models.TextField("正文（规范化）")
    content_hash = models.CharField("内容指纹", max_length=64, unique=True, editable=False)
    status = models.CharField(
        "状态",
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
        db_index=True,
    )
    warnings = models.JSONField("抽取提示", default=list, blank=True)
    parser_version = models.CharField("解析器版本", max_length=20, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    # Indexed: searches leave out reports withdrawn lately before the index has caught up.
    updated_at = models.DateTimeField("更新时间", auto_now=True, db_index=True)

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        verbose_name = "报告"
        verbose_name_plural = "报告"
        ordering = ["-year", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:report_detail", kwargs={"pk": self.pk})

    @property
    def is_published(self):
        return self.status == ReportStatus.PUBLISHED


class SectionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(report__status=ReportStatus.PUBLISHED)


class Section(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField("序号")
    heading = models.CharField("标题", max_length=300, blank=True)
    topic = models.CharField(
        "主题", max_length=20, choices=SectionTopic.choices, default=SectionTopic.OTHER
    )
    text = models.TextField("正文")
    start = models.PositiveIntegerField("起始位置", default=0, help_text="在报告正文中的字符位置")

    objects = SectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "章节"
        verbose_name_plural = "章节"
        ordering = ["report", "order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "order"], name="section_order_unique")
        ]

    def __str__(self):
        return self.heading or f"第{self.order}部分"

    @property
    def anchor(self):
        """Stable permalink anchor: sections keep their order number across re-extraction."""
        return f"section-{self.order}"

    def get_absolute_url(self):
        return f"{self.report.get_absolute_url()}#{self.anchor}"


class Initiative(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="initiatives")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="initiatives"
    )
    name = models.CharField("名称", max_length=200)
    canonical_name = models.CharField(
        "统一名称",
        max_length=200,
        db_index=True,
        help_text="同一机制在不同报告中的统一名称；相同统一名称的条目互相关联",
    )
    category = models.CharField("类别", max_length=20, blank=True)
    evidence = models.TextField("原文依据", blank=True)
    start = models.PositiveIntegerField("起始位置", null=True, blank=True)
    end = models.PositiveIntegerField("结束位置", null=True, blank=True)
    verified = models.BooleanField("已核对", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "举措"
        verbose_name_plural = "举措"
        ordering = ["report", "start", "id"]

    def __str__(self):
        return self.name


def yoy_unit_choices():
    """A change is relative (% or 个百分点) or counted in a unit of the field (同比减少700件,
    平均用时缩短38天): the units the extractor knows."""
    from reports.ingest.metrics import UNIT_EXAMPLES

    relative = [YoyUnit.PERCENT, YoyUnit.POINTS]
    return [
        (YoyUnit.NONE, YoyUnit.NONE.label),
        *[(unit.value, unit.label) for unit in relative],
        *[(unit, unit) for unit in UNIT_EXAMPLES if unit not in relative],
    ]


class MetricQuerySet(models.QuerySet):
    def published(self):
        return self.filter(report__status=ReportStatus.PUBLISHED)

    def unverified(self):
        return self.filter(verified=False)

    def figures(self):
        """Rows that are statistics: what editors dismissed as "not a figure" is kept (so
        re-extraction does not bring it back) but never shown or compared."""
        return self.filter(dismissed=False)

    def with_value(self):
        """Figures that state a value; change-only statements (上诉率同比下降17.99%) have none."""
        return self.figures().filter(value__isnull=False)


class Metric(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="metrics")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="metrics"
    )
    label = models.CharField("指标", max_length=200)
    indicator = models.CharField(
        "标准指标", max_length=40, choices=Indicator.choices, blank=True, db_index=True
    )
    # Null for a statement that gives only a change (上诉率同比下降17.99%): it states no value
    # of its own, and a change must never be compared as a rate.
    value = models.DecimalField("数值", max_digits=24, decimal_places=4, null=True, blank=True)
    unit = models.CharField("单位", max_length=20, blank=True)
    raw = models.CharField("原文数值", max_length=60, blank=True, help_text="如 1.39万件")
    approx = models.CharField(
        "约数", max_length=4, choices=Approximation.choices, blank=True, default=""
    )
    # Signed; in % or 个百分点 (同比下降6.2%), or in the figure's own unit for a change counted
    # in cases, days or yuan (同比减少700件: -700 件; 减少3.2亿元: -320000000 元).
    yoy_change = models.DecimalField(
        "同比变化", max_digits=24, decimal_places=4, null=True, blank=True
    )
    yoy_unit = models.CharField(
        "同比单位",
        max_length=20,
        blank=True,
        default="",
        choices=yoy_unit_choices,
        help_text="%、个百分点，或件、天、元等（增减的绝对数）",
    )
    scope = models.CharField(
        "范围", max_length=10, choices=MetricScope.choices, blank=True, default=""
    )
    evidence = models.TextField("原文依据")
    start = models.PositiveIntegerField("起始位置", null=True, blank=True)
    end = models.PositiveIntegerField("结束位置", null=True, blank=True)
    confidence = models.FloatField("置信度", default=1.0)
    verified = models.BooleanField("已核对", default=False, db_index=True)
    dismissed = models.BooleanField(
        "非统计数据",
        default=False,
        help_text="编辑判定此行不是统计数据（如名称中的数字）；重新抽取不会再加入",
    )

    objects = MetricQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "统计数据"
        verbose_name_plural = "统计数据"
        ordering = ["report", "start", "id"]

    def __str__(self):
        return f"{self.label} {self.raw or self.value}"

    @property
    def is_change_only(self) -> bool:
        return self.value is None and self.yoy_change is not None


# Uploads waiting for the background parser (reports/jobs.py).
from reports.jobs import IngestJob  # noqa: E402, F401
