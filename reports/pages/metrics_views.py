"""The metrics explorer (``/metrics/``) and the disclosure grid (``/metrics/coverage/``)."""

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import QueryDict
from django.views.generic import TemplateView

from reports.choices import Indicator
from reports.models import Court, Metric, Report
from reports.pages.explorer import MetricFilterForm, chart_data, metric_flags, scale_for
from reports.pages.indicators import NOTES, note_for

# A page shows this many figures; the export has them all.
MAX_TABLE_ROWS = 1000


def export_query(request, output):
    """The page's own filters with ``format=`` set: the export is what the table shows."""
    query = QueryDict(mutable=True)
    for key in ("indicator", "court", "province", "level", "year", "year_from", "year_to"):
        values = [value for value in request.GET.getlist(key) if value]
        if values:
            query.setlist(key, values)
    query["format"] = output
    return query.urlencode()


class MetricsExplorerView(TemplateView):
    template_name = "reports/metrics.html"

    def get_context_data(self, **kwargs):
        form = MetricFilterForm(self.request.GET)
        valid = form.is_valid()
        counts = dict(
            Metric.objects.published()
            .figures()
            .exclude(indicator="")
            .values_list("indicator")
            .annotate(n=Count("id"))
        )
        context = {
            "form": form,
            # One court typed in the box; several as the chosen province's checkboxes.
            "court_value": next(iter(self.request.GET.getlist("court")), ""),
            "chosen_courts": set(self.request.GET.getlist("court")),
            "province_courts": Court.objects.covered()
            .filter(province=self.request.GET.get("province", ""))
            .order_by("adcode", "name")
            if self.request.GET.get("province")
            else [],
            "indicators": [(note, counts.get(value, 0)) for value, note in NOTES.items()],
            "provinces": Court.objects.with_published_reports()
            .exclude(province="")
            .order_by("province")
            .values_list("province", flat=True)
            .distinct(),
            "courts": Court.objects.covered().order_by("adcode", "name"),
            "years": [row["year"] for row in Report.objects.published().year_counts()],
        }
        indicator = valid and form.cleaned_data["indicator"]
        if indicator:
            note = note_for(indicator)
            metrics = list(form.metrics()[: MAX_TABLE_ROWS + 1])
            truncated = len(metrics) > MAX_TABLE_ROWS
            metrics = metrics[:MAX_TABLE_ROWS]
            scale = scale_for(note.unit, [m.value for m in metrics])
            context.update(
                note=note,
                scale=scale,
                truncated=truncated,
                rows=[
                    {"metric": m, "scaled": scale.apply(m.value), "flags": metric_flags(m)}
                    for m in metrics
                ],
                chart=chart_data(metrics, scale, note.is_rate),
                csv_query=export_query(self.request, "csv"),
                json_query=export_query(self.request, "json"),
            )
        return super().get_context_data(**context, **kwargs)


# Reports per page of the disclosure grid (the national corpus has about 35,000).
COVERAGE_PER_PAGE = 200


class CoverageView(TemplateView):
    """Court × year × indicator: which figures each published report disclosed."""

    template_name = "reports/coverage.html"

    def get_context_data(self, **kwargs):
        province = self.request.GET.get("province", "").strip()
        reports = (
            Report.objects.published()
            .select_related("court")
            .order_by("court__adcode", "court__name", "-year", "id")
        )
        if province:
            reports = reports.filter(court__province=province)
        paginator = Paginator(reports, COVERAGE_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("page"))
        reports = list(page)
        counts = {}
        for report_id, indicator, n in (
            Metric.objects.figures()
            .filter(report__in=reports)
            .exclude(indicator="")
            .values_list("report_id", "indicator")
            .annotate(n=Count("id"))
        ):
            counts[(report_id, indicator)] = n
        indicators = [i for i in Indicator if any(key[1] == i.value for key in counts)]
        rows = [
            (report, [(i, counts.get((report.pk, i.value), 0)) for i in indicators])
            for report in reports
        ]
        provinces = (
            Court.objects.with_published_reports()
            .exclude(province="")
            .order_by("province")
            .values_list("province", flat=True)
            .distinct()
        )
        return super().get_context_data(
            rows=rows,
            indicators=indicators,
            province=province,
            provinces=provinces,
            page_obj=page,
            **kwargs,
        )
