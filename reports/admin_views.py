"""Editors' pages inside the admin: upload with preview, the review queue, re-extraction.

Each view is wrapped by ``admin_site.admin_view`` (staff only; others go to the login page) and
checks the model permission it needs. Writes go through ``reports.loading.load``; what the
preview showed is never trusted on save: the uploaded file is kept under MEDIA_ROOT, keyed by
its SHA-256, and parsed again.
"""

import dataclasses
import re
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from reports.choices import (
    Indicator,
    InitiativeCategory,
    MetricScope,
    ReportKind,
    SectionTopic,
    choice_label,
)
from reports.court_names import resolve_court
from reports.evidence import highlight_figure, highlighted_source
from reports.ingest.decode import describe_size
from reports.ingest.types import IngestError
from reports.loading.corrections import correct_metric
from reports.loading.load import load_report, parse_upload, reextract_report
from reports.models import Court, Metric, Report
from reports.pages.views import original_file_response
from reports.reextract import METRIC_CONTENT
from reports.staging import stage, staged, unstage
from reports.templatetags.report_format import metric_value, plain_number, yoy_words
from reports.templatetags.report_format import yoy_change as signed_change
from reports.upload_queue import enqueue_upload, parsed_by_worker, parsed_in_background

LOW_CONFIDENCE = 0.6
# Change reasons in the history of rows the review queue writes.
CORRECTED = "审核队列：更正"
CONFIRMED = "审核队列：核对无误"
DISMISSED = "审核队列：非统计数据"
PASTED_NAME = "粘贴文本.txt"


# --- upload ----------------------------------------------------------------------------------


class UploadForm(forms.Form):
    file = forms.FileField(label="报告文件", required=False, help_text="txt、html、docx 或 pdf")
    text = forms.CharField(
        label="或粘贴正文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80}),
    )
    court = forms.ModelChoiceField(
        Court.objects.all(),
        label="指定法院",
        required=False,
        help_text="留空则自动识别；可输入全称、简称或别称查找",
        widget=AutocompleteSelect(Report._meta.get_field("court"), admin.site),
    )
    year = forms.IntegerField(
        label="指定年度", required=False, min_value=1949, max_value=2100, help_text="留空则自动识别"
    )
    source = forms.CharField(
        label="来源",
        required=False,
        max_length=200,
        help_text="报纸或网站名称，如 内蒙古日报；留空则按原文识别",
    )
    published_on = forms.DateField(
        label="发表日期", required=False, help_text="如 2024-01-26；留空则按原文识别"
    )

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if "file" in self.errors:
            return data  # an empty or unreadable file already has its message
        if not upload and not text:
            raise forms.ValidationError("请选择文件或粘贴正文。")
        limit = settings.PORTAL_MAX_UPLOAD_BYTES
        if upload:
            if upload.size > limit:
                raise forms.ValidationError(
                    f"文件过大（{describe_size(upload.size)}，上限 {describe_size(limit)}）。"
                )
            data["content"], data["filename"] = upload.read(), upload.name
        else:
            content = text.encode("utf-8")
            if len(content) > limit:
                raise forms.ValidationError(
                    f"粘贴的正文过长（{describe_size(len(content))}，上限 {describe_size(limit)}）。"
                )
            data["content"], data["filename"] = content, PASTED_NAME
        return data


class SaveForm(forms.Form):
    """What the preview page posts back: which staged file, and the editor's overrides."""

    key = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)
    court = forms.ModelChoiceField(Court.objects.all(), required=False, widget=forms.HiddenInput)
    year = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Parsed by the background worker: its result is saved instead of parsing again.
    job = forms.IntegerField(required=False, widget=forms.HiddenInput)
    source = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    published_on = forms.DateField(required=False, widget=forms.HiddenInput)


def with_editor_facts(parsed, source, published_on):
    """What the editor typed for source and date wins over what the parser read."""
    return dataclasses.replace(
        parsed,
        source=source or parsed.source,
        published_on=published_on.isoformat() if published_on else parsed.published_on,
    )


def upload(request):
    if not request.user.has_perm("reports.add_report"):
        raise PermissionDenied
    context = {**admin.site.each_context(request), "title": "上传报告"}
    if request.method == "POST" and "key" in request.POST:
        return save_upload(request, context)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if not form.is_bound or not form.is_valid():
        return render(request, "admin/reports/upload.html", {**context, "form": form})

    data = form.cleaned_data
    court, year = data["court"], data["year"]
    if parsed_in_background(data["content"], data["filename"]):
        return enqueue_upload(request, form, context)
    try:
        parsed = parse_upload(data["content"], data["filename"], court, year)
        parsed = with_editor_facts(parsed, data["source"], data["published_on"])
    except IngestError as error:
        form.add_error(None, error.message)
        return render(request, "admin/reports/upload.html", {**context, "form": form})
    existing = Report.objects.filter(content_hash=parsed.content_hash).first()
    if existing:
        return render(
            request,
            "admin/reports/upload.html",
            {**context, "form": form, "duplicate": existing},
        )
    key = stage(data["content"], data["filename"])
    return render_preview(
        request,
        context,
        parsed,
        data["filename"],
        key,
        court,
        year,
        source=data["source"],
        published_on=data["published_on"],
    )


def render_preview(
    request, context, parsed, filename, key, court, year, job=None, source="", published_on=None
):
    preview = {
        **context,
        "title": "核对抽取结果",
        "parsed": parsed,
        "filename": filename,
        "court": court or resolve_court(parsed.court_name, create=False),
        "year": year or parsed.year,
        "kind": choice_label(ReportKind, parsed.kind),
        "source_html": highlighted_source(parsed.text, parsed),
        "sections": section_rows(parsed),
        "metrics": metric_rows(parsed),
        "initiatives": [
            (i, choice_label(InitiativeCategory, i.category)) for i in parsed.initiatives
        ],
        "save_form": SaveForm(
            initial={
                "key": key,
                "court": court,
                "year": year,
                "job": job.pk if job else None,
                "source": source,
                "published_on": published_on,
            }
        ),
    }
    return render(request, "admin/reports/upload_preview.html", preview)


def section_rows(parsed):
    return [
        {
            "section": s,
            "topic": choice_label(SectionTopic, s.topic),
            "metrics": sum(1 for m in parsed.metrics if m.section_order == s.order),
            "initiatives": sum(1 for i in parsed.initiatives if i.section_order == s.order),
        }
        for s in parsed.sections
    ]


def metric_rows(parsed):
    rows = []
    for number, m in enumerate(parsed.metrics, 1):
        rows.append(
            {
                "number": number,
                "metric": m,
                # A change-only statement reads as its change, never as a value.
                "value": yoy_words(m) if m.value is None else plain_number(m.value, grouped=True),
                "yoy": signed_change(m),
                "scope": choice_label(MetricScope, m.scope, empty=""),
                "indicator": choice_label(Indicator, m.indicator, empty=""),
                "evidence": highlight_figure(m.evidence, m.raw, around=30),
                "low": m.confidence < LOW_CONFIDENCE,
            }
        )
    return rows


def save_upload(request, context):
    form = SaveForm(request.POST)
    upload_url = reverse("admin:reports_report_upload")
    if not form.is_valid():
        messages.error(request, "提交的内容无效，请重新上传。")
        return redirect(upload_url)
    key, court, year = (form.cleaned_data[k] for k in ("key", "court", "year"))
    original = staged(key)
    if original is None:
        messages.error(request, "上传的文件已过期，请重新上传。")
        return redirect(upload_url)
    publish = "publish" in request.POST
    try:
        parsed = parsed_by_worker(form.cleaned_data["job"], key)
        parsed = parsed or parse_upload(*original, court, year)
        parsed = with_editor_facts(
            parsed, form.cleaned_data["source"], form.cleaned_data["published_on"]
        )
        # Pasted text has no file to keep, and no file name to recognise a new version by.
        kept = None if original[1] == PASTED_NAME else original
        result = load_report(
            parsed, original=kept, publish=publish, court=court, year=year, user=request.user
        )
    except IngestError as error:
        messages.error(request, error.message)
        return redirect(upload_url)
    unstage(key)
    report = result.report
    link = reverse("admin:reports_report_change", args=[report.pk])
    if result.status == "duplicate":
        messages.warning(request, "正文与已有报告相同，未作更改。")
    elif publish and not report.is_published:
        messages.warning(request, "未识别出法院，报告已保存为草稿；请指定法院后再发布。")
    else:
        done = {"created": "已新建", "updated": "已更新"}[result.status]
        state = "并发布" if report.is_published else "为草稿"
        messages.success(
            request,
            f"{done}{state}：{report.title}（章节 {report.sections.count()}，"
            f"数据 {report.metrics.count()}，举措 {report.initiatives.count()}）",
        )
    return redirect(link)


# --- review queue ----------------------------------------------------------------------------


class PlainDecimalInput(forms.TextInput):
    """13900.0000 as stored is shown as 13900, the way editors write it."""

    def format_value(self, value):
        if isinstance(value, Decimal):
            value = plain_number(value)
        return super().format_value(value)


# Choice fields of the queue: a row must fit beside its evidence (widths in admin-tools.css:
# the Content-Security-Policy allows no style attributes).
NARROW = {"class": "narrow-choice"}


class ReviewForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The table's column headings are not labels: name each input with its row's figure.
        for name in self.Meta.fields:
            label = Metric._meta.get_field(name).verbose_name
            self.fields[name].widget.attrs["aria-label"] = f"{label}（{self.instance.raw}）"

    class Meta:
        model = Metric
        # Every field of a figure, and whether it is one at all.
        fields = (*METRIC_CONTENT, "dismissed")
        widgets = {
            "label": forms.TextInput(attrs={"size": 14}),
            "value": PlainDecimalInput(attrs={"size": 8, "inputmode": "decimal"}),
            "unit": forms.TextInput(attrs={"size": 3}),
            "approx": forms.Select(attrs=NARROW),
            "yoy_change": PlainDecimalInput(attrs={"size": 5, "inputmode": "decimal"}),
            "yoy_unit": forms.Select(attrs=NARROW),
            "scope": forms.Select(attrs=NARROW),
            "indicator": forms.Select(attrs={"class": "indicator-choice"}),
        }


ReviewFormSet = forms.modelformset_factory(Metric, form=ReviewForm, extra=0)


def review(request):
    if not request.user.has_perm("reports.change_metric"):
        raise PermissionDenied
    queue = (
        Metric.objects.unverified()
        .figures()
        .select_related("report", "report__court")
        .order_by("confidence", "report_id", "start", "id")
    )
    report_id = request.GET.get("report", "")
    if report_id.isdigit():
        queue = queue.filter(report_id=report_id)

    if request.method == "POST":
        posted = [
            v for k, v in request.POST.items() if re.fullmatch(r"form-\d+-id", k) and v.isdigit()
        ]
        formset = ReviewFormSet(request.POST, queryset=review_rows(posted))
        if formset.is_valid():
            corrected, dismissed = save_corrections(formset, request.user)
            ids = [int(i) for i in request.POST.getlist("selected") if i.isdigit()]
            verified = mark_verified(
                Metric.objects.filter(pk__in=ids, verified=False), request.user
            )
            done = f"已更正 {corrected} 条，标记为已核对 {verified} 条"
            messages.success(
                request, done + (f"，判定非统计数据 {dismissed} 条。" if dismissed else "。")
            )
            return redirect(request.get_full_path())
        page = None
    else:
        page = Paginator(queue, 50).get_page(request.GET.get("page"))
        formset = ReviewFormSet(queryset=review_rows([m.pk for m in page]))

    rows = [
        {
            "form": form,
            "metric": form.instance,
            "reads": metric_value(form.instance),  # a change-only row: 同比下降17.99%
            "evidence": highlight_figure(form.instance.evidence, form.instance.raw, around=40),
            "low": form.instance.confidence < LOW_CONFIDENCE,
        }
        for form in formset.forms
    ]
    context = {
        **admin.site.each_context(request),
        "title": "审核队列",
        "formset": formset,
        "rows": rows,
        "page": page,
        "total": queue.count(),
        "report_filter": report_id,
        "filtered_report": Report.objects.filter(pk=report_id).first()
        if report_id.isdigit()
        else None,
        "warned_reports": reports_with_warnings(),
    }
    return render(request, "admin/reports/review_queue.html", context)


def save_corrections(formset, user) -> tuple[int, int]:
    """The rows an editor changed, through the one correction writer; (corrected, dismissed)."""
    changed = [form for form in formset.forms if form.has_changed()]
    # The forms' instances already carry the posted values: compare against the stored rows.
    stored = Metric.objects.in_bulk([form.instance.pk for form in changed])
    corrected = dismissed = 0
    for form in changed:
        values = {name: form.cleaned_data[name] for name in form.changed_data}
        dismissing = values.get("dismissed") is True
        reason = DISMISSED if dismissing else CORRECTED
        if correct_metric(stored[form.instance.pk], values, user=user, reason=reason):
            dismissed += dismissing
            corrected += not dismissing
    return corrected, dismissed


def review_rows(ids):
    return (
        Metric.objects.filter(pk__in=ids)
        .select_related("report", "report__court")
        .order_by("confidence", "report_id", "start", "id")
    )


def mark_verified(queryset, user=None) -> int:
    # One by one, so each gets its history record.
    return sum(correct_metric(metric, {}, user=user, reason=CONFIRMED) for metric in queryset)


def reports_with_warnings(limit=30):
    reports = Report.objects.with_warnings().select_related("court")
    return reports.only("id", "title", "year", "status", "warnings", "court__name").order_by("-id")[
        :limit
    ]


# --- original file -------------------------------------------------------------------------


def original(request, pk):
    """The uploaded file as it came in. Media is not served publicly (a draft's file must not
    be), so editors open it here."""
    if not request.user.has_perm("reports.view_report"):
        raise PermissionDenied
    return original_file_response(get_object_or_404(Report, pk=pk))


# --- re-extraction ---------------------------------------------------------------------------


def reparse(report: Report):
    """The report parsed again by today's parser: from its original file when stored (a
    better decoder may read it differently), else from its text."""
    content, filename = None, report.original_name or "report.txt"
    if report.original_file:
        try:
            with report.original_file.open("rb") as f:
                content = f.read()
        except OSError:
            content = None
    if content is None:
        content, filename = report.text.encode("utf-8"), "report.txt"
    return parse_upload(content, filename, report.court, report.year)


def reextract(request):
    if not request.user.has_perm("reports.change_report"):
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    ids = [int(i) for i in re.findall(r"\d+", source.get("ids", ""))][:50]
    reports = list(Report.objects.filter(pk__in=ids).select_related("court").order_by("id"))
    if not reports:
        messages.error(request, "请先选择要重新抽取的报告。")
        return redirect("admin:reports_report_changelist")

    if request.method == "POST":
        for report in reports:
            try:
                diff = reextract_report(report, reparse(report), apply=True, user=request.user)
            except IngestError as error:
                messages.error(request, f"{report.title}：{error.message}")
                continue
            messages.success(request, f"已重新抽取 {report.title}：{diff.summary()}")
        if len(reports) == 1:
            return redirect("admin:reports_report_change", reports[0].pk)
        return redirect("admin:reports_report_changelist")

    previews = []
    for report in reports:
        try:
            previews.append({"report": report, "diff": reextract_report(report, reparse(report))})
        except IngestError as error:
            previews.append({"report": report, "error": error.message})
    context = {
        **admin.site.each_context(request),
        "title": "重新抽取",
        "previews": previews,
        "ids": ",".join(str(r.pk) for r in reports),
    }
    return render(request, "admin/reports/reextract.html", context)
