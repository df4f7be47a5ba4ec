"""Read-only JSON API (DESIGN.md, "contract — JSON API"): published content only.

Keys listed in the contract are never removed or renamed; extra keys (``took_ms``,
``label`` on facet values, ``url`` on courts) may be added.
"""

import csv
import io
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from reports.forms import SearchForm
from reports.models import Court, Initiative, Metric, Report, Section
from reports.pages.explorer import MetricFilterForm, metric_flags
from reports.pages.views import READING_ORDER
from reports.search.autocomplete import MAX_SUGGESTIONS, completer
from reports.search.labels import FACET_FIELDS
from reports.search.page import search as run_search

HIT_KEYS = ("report_id", "section_id", "court", "year", "title", "heading", "topic", "snippet")
MAX_SUGGEST_CHARS = 50
NOT_FOUND = "报告不存在或尚未发布 / Report not found or not published"


def json_response(data, status=200):
    response = JsonResponse(
        data,
        status=status,
        safe=False,
        json_dumps_params={"ensure_ascii": False},
        content_type="application/json; charset=utf-8",
    )
    # Public, read-only data: other sites may call it from the browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def number(value):
    """Decimal → JSON number: ``Decimal("13900.0000")`` → ``13900``, ``"27.7400"`` → ``27.74``."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


@require_GET
def search(request):
    page = run_search(SearchForm(request.GET).search_request())
    if page.error:
        return json_response({"error": page.error}, status=400)
    return json_response(
        {
            "query": page.query,
            "count": page.count,
            "page": page.page,
            "pages": page.pages,
            "results": [
                {**{key: getattr(hit, key) for key in HIT_KEYS}, "url": hit.url, "kind": hit.kind}
                for hit in page.results
            ],
            "facets": {
                name: [
                    {"value": value.value, "count": value.count, "label": value.label}
                    for value in page.facets.get(name, [])
                ]
                for name in FACET_FIELDS
            },
            "suggestion": page.suggestion,
            "offers": [{"field": o.field, "value": o.value, "label": o.label} for o in page.offers],
            "notices": page.notices,
            "sort": page.sort,
            "reports": page.report_count,
            "took_ms": round(page.took_ms, 1),
        }
    )


@require_GET
def suggest(request):
    """Names for the search box as the reader types (an addition to the contract):
    ``/api/suggest?q=呼市`` → ``{"query", "suggestions": [{"value", "kind", "label", "url"}]}``,
    courts and initiatives of published reports only."""
    q = request.GET.get("q", "")[:MAX_SUGGEST_CHARS]
    entries = completer().complete(q, limit=MAX_SUGGESTIONS)
    return json_response(
        {
            "query": q,
            "suggestions": [
                {"value": e.value, "kind": e.kind, "label": e.label, "url": e.url} for e in entries
            ],
        }
    )


@require_GET
def report_detail(request, pk):
    if not (pk.isascii() and pk.isdigit()):
        return json_response({"error": NOT_FOUND}, status=404)
    report = (
        Report.objects.published()
        .select_related("court")
        .prefetch_related(
            Prefetch("sections", queryset=Section.objects.order_by("order")),
            Prefetch("metrics", queryset=Metric.objects.figures().order_by(*READING_ORDER)),
            Prefetch("initiatives", queryset=Initiative.objects.order_by(*READING_ORDER)),
        )
        .filter(pk=pk)
        .first()
    )
    if report is None:
        return json_response({"error": NOT_FOUND}, status=404)
    court = report.court
    url = report.get_absolute_url()
    return json_response(
        {
            "id": report.pk,
            "court": court
            and {
                "name": court.name,
                "short_name": court.short_name,
                "level": court.level,
                "province": court.province,
                "city": court.city,
            },
            "year": report.year,
            "title": report.title,
            "kind": report.kind,
            "source": report.source,
            "published_on": report.published_on and report.published_on.isoformat(),
            "url": url,
            "sections": [
                {
                    "id": section.pk,
                    "order": section.order,
                    "heading": section.heading,
                    "topic": section.topic,
                    "text": section.text,
                    "url": f"{url}#{section.anchor}",
                }
                for section in report.sections.all()
            ],
            "metrics": [
                {"id": metric.pk, "section_id": metric.section_id, **figure_fields(metric)}
                for metric in report.metrics.all()
            ],
            "initiatives": [
                {
                    "id": initiative.pk,
                    "section_id": initiative.section_id,
                    "name": initiative.name,
                    "evidence": initiative.evidence,
                }
                for initiative in report.initiatives.all()
            ],
        }
    )


@require_GET
def courts(request):
    """The whole directory (about 3,500 courts) in one query, each with its count of
    published reports; ``?province=`` narrows it."""
    rows = Court.objects.annotate_report_counts().order_by("adcode", "name")
    if province := request.GET.get("province"):
        rows = rows.filter(province=province)
    if q := request.GET.get("q", "").strip()[:50]:
        # The directory's filter box, as the reader types (an addition to the contract).
        rows = rows.filter(Q(name__icontains=q) | Q(short_name__icontains=q))
    # One reverse() instead of 3,500.
    court_url = reverse("reports:court_detail", kwargs={"slug": "__slug__"})
    return json_response(
        [
            {
                "name": row["name"],
                "short_name": row["short_name"],
                "level": row["level"],
                "province": row["province"],
                "city": row["city"],
                "reports": row["published_reports"],
                "url": court_url.replace("__slug__", row["slug"]),
            }
            for row in rows.values(
                "name", "short_name", "level", "province", "city", "slug", "published_reports"
            )
        ]
    )


METRIC_KEYS = (
    "report_id", "court", "year", "indicator", "label", "value", "unit", "approx",
    "yoy_change", "yoy_unit", "scope", "evidence", "verified", "url",
)  # fmt: skip
METRICS_PER_PAGE = 1000


def figure_fields(metric) -> dict:
    """What a figure says, as both /api/reports/<id> and /api/metrics give it (value null for a
    change-only statement)."""
    return {
        "label": metric.label,
        "indicator": metric.indicator,
        "value": number(metric.value),
        "unit": metric.unit,
        "approx": metric.approx,
        "yoy_change": number(metric.yoy_change),
        "yoy_unit": metric.yoy_unit,
        "scope": metric.scope,
        "evidence": metric.evidence,
        "verified": metric.verified,
    }


def metric_url(metric):
    """The report opened at the figure's row, which quotes its sentence."""
    return f"{metric.report.get_absolute_url()}#metric-{metric.pk}"


def metric_row(metric):
    report = metric.report
    return {
        "report_id": report.pk,
        "court": report.court.name if report.court else "",
        "year": report.year,
        **figure_fields(metric),
        "url": metric_url(metric),
        # Additions: where the figure sits, and why it may not compare with another's.
        "id": metric.pk,
        "section_id": metric.section_id,
        "flags": [flag.code for flag in metric_flags(metric)],
    }


@require_GET
def metrics(request):
    """Figures of published reports, one row each (DESIGN.md ``/api/metrics``): JSON pages
    of 1,000 rows, or ``format=csv`` — every row, UTF-8 with a BOM so that Excel reads it."""
    form = MetricFilterForm(request.GET)
    output = request.GET.get("format", "json")
    if output not in ("json", "csv"):
        form.is_valid()
        form.add_error(None, "format 只能是 json 或 csv / format must be json or csv")
    if not form.is_valid():
        return json_response({"error": form.error_text()}, status=400)
    rows = form.metrics()
    if output == "csv":
        return metrics_csv(rows, request)
    paginator = Paginator(rows, METRICS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return json_response(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "results": [metric_row(metric) for metric in page],
        }
    )


def metrics_csv(rows, request):
    """Streamed, so an export of the whole corpus never sits in memory."""

    def lines():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")
        writer.writerow([*METRIC_KEYS, "flags"])
        for metric in rows.iterator(chunk_size=2000):
            row = metric_row(metric)
            # A spreadsheet has no page to resolve a relative link against.
            row["url"] = request.build_absolute_uri(row["url"])
            writer.writerow([*(row[key] for key in METRIC_KEYS), " ".join(row["flags"])])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="metrics.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
