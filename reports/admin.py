"""The editors' admin: courts, reports and what was extracted from them.

Declarative; actions delegate to ``reports.loading.load``; the upload page, the review queue and
re-extraction live in ``reports.admin_views``. Every model keeps its history
(django-simple-history): who changed what, when.
"""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from reports import admin_views, upload_queue
from reports.admin_views import PlainDecimalInput
from reports.choices import InitiativeCategory, ReportStatus, choice_label
from reports.evidence import highlight_figure
from reports.jobs import IngestJob
from reports.loading.corrections import CORRECTABLE, correct_metric
from reports.loading.load import set_published
from reports.models import Court, Initiative, Metric, Report, Section
from reports.templatetags.report_format import metric_value


class LinesField(forms.CharField):
    """A JSON list edited as one item a line."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 60})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


# Change reason of edits made on the admin's own forms and lists (the loader, the review
# queue and the publish actions record theirs).
EDIT_REASON = "后台编辑"


class EditorHistoryAdmin(SimpleHistoryAdmin):
    """Saves from the change form, the editable list and the inlines say why in the history;
    without a reason the history page shows "None"."""

    def save_model(self, request, obj, form, change):
        obj._change_reason = EDIT_REASON
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            inline_form.instance._change_reason = EDIT_REASON
        super().save_formset(request, form, formset, change)


def mark_corrected(form, content_fields):
    """An editor's correction of a row is an editor's reading of it: mark it verified, so
    re-extraction keeps it."""
    if set(form.changed_data) & set(content_fields):
        form.instance.verified = True


@admin.display(description="报告", ordering="report__title")
def report_column(obj):
    """Court and year, compact; the full title on hover."""
    report = obj.report
    court = report.court.display_name if report.court else "未指定法院"
    return format_html('<span title="{}">{} {}</span>', report.title, court, report.year or "")


INITIATIVE_CONTENT = ("name", "canonical_name", "category")
DECIMALS = {models.DecimalField: {"widget": PlainDecimalInput}}


# --- courts --------------------------------------------------------------------------------


class CourtForm(forms.ModelForm):
    aliases = LinesField(label="别称", required=False, help_text="一行一个，如 呼市中院")
    former_names = LinesField(
        label="曾用名",
        required=False,
        help_text="一行一个，如 莱芜市中级人民法院（旧报告用的名称）",
    )

    class Meta:
        model = Court
        fields = "__all__"


class CourtReportInline(admin.TabularInline):
    model = Report
    fields = ("title", "year", "kind", "status")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = "本院报告"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Court)
class CourtAdmin(admin.ModelAdmin):  # reference data from the directory: no history kept
    form = CourtForm
    list_display = ("name", "short_name", "level", "province", "city", "report_count")
    list_filter = ("level", "province")
    # names__name: every name of the court's (CourtName, indexed) — 呼市中院 or the former
    # 莱芜市中院 find their court here and in the court autocomplete of reports.
    search_fields = ("name", "names__name", "city", "adcode")
    autocomplete_fields = ("parent",)
    inlines = (CourtReportInline,)
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(report_count=Count("reports"))

    @admin.display(description="报告数", ordering="report_count")
    def report_count(self, court):
        return court.report_count


# --- reports -------------------------------------------------------------------------------


class SectionInline(admin.TabularInline):
    model = Section
    fields = ("order", "heading", "topic")
    extra = 0
    show_change_link = True
    classes = ("collapse",)


class MetricInline(admin.TabularInline):
    """The report's figures at a glance; corrections go through the figure's own page or the
    review queue (one writer, with the reason in the history), so nothing is edited here."""

    model = Metric
    fields = ("label", "raw", "reads_as", "indicator", "scope", "verified", "dismissed")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    classes = ("collapse",)

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="读作")
    def reads_as(self, metric):
        return metric_value(metric)


class InitiativeForm(forms.ModelForm):
    category = forms.ChoiceField(
        label="类别", choices=[("", "—"), *InitiativeCategory.choices], required=False
    )

    class Meta:
        model = Initiative
        fields = "__all__"


class InitiativeInline(admin.TabularInline):
    model = Initiative
    form = InitiativeForm
    fields = ("name", "canonical_name", "category", "verified")
    extra = 0
    show_change_link = True
    classes = ("collapse",)


class ProvinceFilter(admin.SimpleListFilter):
    """Only the provinces that have reports (the directory has all 31)."""

    title = "省份"
    parameter_name = "province"

    def lookups(self, request, model_admin):
        provinces = (
            Report.objects.exclude(court=None)
            .values_list("court__province", flat=True)
            .distinct()
            .order_by("court__province")
        )
        return [(p, p) for p in provinces if p]

    def queryset(self, request, queryset):
        return queryset.filter(court__province=self.value()) if self.value() else queryset


class ReportForm(forms.ModelForm):
    warnings = LinesField(label="抽取提示", required=False, help_text="处理完毕的提示可删除")

    class Meta:
        model = Report
        exclude = ("text",)

    def clean(self):
        data = super().clean()
        if data.get("status") == ReportStatus.PUBLISHED and not data.get("court"):
            self.add_error("court", "发布前请指定法院。")
        return data


@admin.register(Report)
class ReportAdmin(EditorHistoryAdmin):
    form = ReportForm
    list_display = ("title", "court", "year", "kind", "status", "metric_count", "has_warnings")
    list_filter = ("status", "kind", "year", "court__level", ProvinceFilter)
    search_fields = ("title", "court__name", "court__short_name", "source")
    list_select_related = ("court",)
    autocomplete_fields = ("court",)
    readonly_fields = (
        "text_preview",
        "original_link",
        "content_hash",
        "parser_version",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("title", "court", "year", "period", "kind", "status")}),
        (
            "来源",
            {"fields": ("source", "published_on", "byline", "original_link")},
        ),
        ("抽取", {"fields": ("warnings", "parser_version", "content_hash")}),
        ("正文", {"fields": ("text_preview",), "classes": ("collapse",)}),
        ("记录", {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )
    inlines = (SectionInline, MetricInline, InitiativeInline)
    actions = ("publish", "unpublish", "reextract")
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(metric_count=Count("metrics"))

    def has_add_permission(self, request):
        # Reports come in through the upload page (or the ingest command), which parses them
        # and writes their children; the plain add form could not.
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("upload/", view(admin_views.upload), name="reports_report_upload"),
            path(
                "upload/<int:pk>/",
                view(upload_queue.job_progress),
                name="reports_report_upload_job",
            ),
            path("reextract/", view(admin_views.reextract), name="reports_report_reextract"),
            path(
                "<int:pk>/original/",
                view(admin_views.original),
                name="reports_report_original",
            ),
        ] + super().get_urls()

    @admin.display(description="数据条数", ordering="metric_count")
    def metric_count(self, report):
        return report.metric_count

    @admin.display(description="提示")
    def has_warnings(self, report):
        if not report.warnings:
            return "—"
        return format_html(
            '<span title="{}" class="warning-mark">⚠ {}</span>',
            "\n".join(report.warnings),
            len(report.warnings),
        )

    @admin.display(description="原始文件")
    def original_link(self, report):
        if not report.original_file:
            return "—（粘贴的正文）" if report.pk else "—"
        url = reverse("admin:reports_report_original", args=[report.pk])
        return format_html('<a href="{}">{}</a>', url, report.original_name or "下载")

    @admin.display(description="正文（规范化）")
    def text_preview(self, report):
        return format_html(
            '<div class="report-text">{}</div>',
            report.text,
        )

    def save_formset(self, request, form, formset, change):
        content = {Initiative: INITIATIVE_CONTENT}.get(formset.model)
        if content:
            for inline_form in formset.forms:
                if inline_form.instance.pk:
                    mark_corrected(inline_form, content)
        super().save_formset(request, form, formset, change)

    @admin.action(description="发布所选报告", permissions=["change"])
    def publish(self, request, queryset):
        done = [r for r in queryset if set_published(r, True, user=request.user)]
        if done:
            self.message_user(request, f"已发布 {len(done)} 篇报告。", messages.SUCCESS)
        if len(done) < queryset.count():
            self.message_user(
                request,
                f"{queryset.count() - len(done)} 篇报告未指定法院，未发布。",
                messages.WARNING,
            )

    @admin.action(description="撤回所选报告（改为草稿）", permissions=["change"])
    def unpublish(self, request, queryset):
        for report in queryset:
            set_published(report, False, user=request.user)
        self.message_user(request, f"已撤回 {queryset.count()} 篇报告。", messages.SUCCESS)

    @admin.action(description="重新抽取所选报告（先预览）", permissions=["change"])
    def reextract(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True)[:50])
        return HttpResponseRedirect(f"{reverse('admin:reports_report_reextract')}?ids={ids}")


@admin.register(Section)
class SectionAdmin(EditorHistoryAdmin):
    list_display = ("__str__", report_column, "order", "topic")
    list_filter = ("topic",)
    search_fields = ("heading", "report__title")
    list_select_related = ("report", "report__court")
    autocomplete_fields = ("report",)


# --- extracted rows ------------------------------------------------------------------------


class MetricListForm(forms.ModelForm):
    """Narrow inputs for the editable list: the evidence column needs the room."""

    class Meta:
        model = Metric
        fields = ("label", "value", "unit", "verified")
        widgets = {
            "label": forms.TextInput(attrs={"size": 14}),
            "value": PlainDecimalInput(attrs={"size": 8}),
            "unit": forms.TextInput(attrs={"size": 3}),
        }


@admin.register(Metric)
class MetricAdmin(EditorHistoryAdmin):
    list_display = (
        "raw",
        "reads_as",
        "label",
        "value",
        "unit",
        "verified",
        "evidence_with_figure",
        report_column,
        "confidence",
    )
    list_display_links = ("raw",)
    # Editing a row here marks it verified (see save_model): a correction is a reading.
    list_editable = ("label", "value", "unit", "verified")
    list_filter = ("verified", "dismissed", "indicator", "scope", "approx")
    search_fields = ("label", "raw", "evidence", "report__title")
    list_select_related = ("report", "report__court")
    autocomplete_fields = ("report", "section")
    readonly_fields = ("evidence_with_figure", "start", "end", "confidence")
    formfield_overrides = DECIMALS
    list_per_page = 50

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("review/", view(admin_views.review), name="reports_metric_review"),
        ] + super().get_urls()

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=MetricListForm, **kwargs)

    @admin.display(description="原文依据")
    def evidence_with_figure(self, metric):
        return format_html(
            '<div class="evidence-cell">{}</div>',
            highlight_figure(metric.evidence, metric.raw, around=40),
        )

    @admin.display(description="读作")
    def reads_as(self, metric):
        """As pages show it: a change-only row reads as its change (同比下降17.99%)."""
        return metric_value(metric)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.verified = True  # a figure the parser missed, added by an editor
            return super().save_model(request, obj, form, change)
        # The form has already put the posted values on ``obj``: the writer compares them
        # with the row as stored.
        changes = {n: form.cleaned_data[n] for n in form.changed_data if n in CORRECTABLE}
        if not changes:
            return  # saved as it was: nothing to record
        stored = Metric.objects.get(pk=obj.pk)
        correct_metric(stored, changes, user=request.user, reason=EDIT_REASON)
        obj.verified = stored.verified


class CategoryFilter(admin.SimpleListFilter):
    title = "类别"
    parameter_name = "category"

    def lookups(self, request, model_admin):
        return InitiativeCategory.choices

    def queryset(self, request, queryset):
        return queryset.filter(category=self.value()) if self.value() else queryset


@admin.register(Initiative)
class InitiativeAdmin(EditorHistoryAdmin):
    form = InitiativeForm
    list_display = (
        "name",
        "canonical_name",
        "category_label",
        report_column,
        "linked_reports",
        "verified",
    )
    list_editable = ("canonical_name", "verified")
    list_filter = ("verified", CategoryFilter)
    search_fields = ("name", "canonical_name", "evidence", "report__title")
    list_select_related = ("report", "report__court")
    autocomplete_fields = ("report", "section")
    readonly_fields = ("linked",)
    list_per_page = 50

    def get_queryset(self, request):
        same_name = (
            Initiative.objects.filter(canonical_name=OuterRef("canonical_name"))
            .values("canonical_name")
            .annotate(n=Count("report", distinct=True))
            .values("n")
        )
        return super().get_queryset(request).annotate(linked_count=Subquery(same_name))

    @admin.display(description="类别", ordering="category")
    def category_label(self, initiative):
        return choice_label(InitiativeCategory, initiative.category)

    @admin.display(description="关联报告数", ordering="linked_count")
    def linked_reports(self, initiative):
        return initiative.linked_count

    @admin.display(description="同名举措（按统一名称关联）")
    def linked(self, initiative):
        others = (
            Initiative.objects.filter(canonical_name=initiative.canonical_name)
            .exclude(pk=initiative.pk)
            .select_related("report")
        )
        return (
            format_html_join(
                "",
                '<div><a href="{}">{}</a>（{}）</div>',
                (
                    (reverse("admin:reports_initiative_change", args=[o.pk]), o.name, o.report)
                    for o in others
                ),
            )
            or "—"
        )

    def save_model(self, request, obj, form, change):
        if change:
            mark_corrected(form, INITIATIVE_CONTENT)
        super().save_model(request, obj, form, change)


@admin.register(IngestJob)
class IngestJobAdmin(admin.ModelAdmin):
    """Uploads parsed by the background worker (``manage.py ingest_worker``): read-only."""

    list_display = ("filename", "status", "size", "created_by", "created_at", "progress_link")
    list_filter = ("status",)
    fields = ("filename", "size", "court", "year", "status", "error", "created_by")
    fields += ("created_at", "started_at", "finished_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="进度与预览")
    def progress_link(self, job):
        url = reverse("admin:reports_report_upload_job", args=[job.pk])
        return format_html('<a href="{}">{}</a>', url, "查看")
