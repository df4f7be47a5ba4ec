"""Public pages. Thin: the QuerySets and the search form do the work."""

from collections import Counter
from pathlib import Path

from django.db.models import Count, F, Max, Min, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from reports.choices import ReportStatus
from reports.forms import SearchForm
from reports.models import Court, Initiative, Metric, Report, Section
from reports.pages.reading import neighbours, searched_terms
from reports.pages.trends import court_trends
from reports.search.labels import FACET_FIELDS, FIELD_LABELS
from reports.search.links import Links
from reports.search.page import search

# Courts without a province (最高人民法院, national specialised courts) are listed under this.
NATIONAL = "全国"
# Figures and initiatives as a reader meets them: section by section, in the order of the
# table of contents, then by place in the text. A report's 导语 can sit at the end of the
# source (a newspaper sidebar) and still comes first, as section 1.
READING_ORDER = (F("section__order").asc(nulls_last=True), "start", "id")


class HomeView(TemplateView):
    template_name = "reports/home.html"

    def get_context_data(self, **kwargs):
        published = Report.objects.published()
        return super().get_context_data(
            latest=published.select_related("court").newest_first()[:8],
            report_count=published.count(),
            years=list(published.year_counts()),
            courts=Court.objects.covered().order_by("-published_reports", "adcode", "name")[:24],
            court_count=Court.objects.covered().count(),
            **kwargs,
        )


# The search page pages by report; each report shows its best sections up to this many,
# with a link to the search inside it for the rest.
HITS_PER_REPORT = 3


class SearchView(TemplateView):
    template_name = "search/search.html"

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET)
        request = form.search_request(per_report=HITS_PER_REPORT)
        page = search(request)
        facets = [(f, FIELD_LABELS[f], page.facets[f]) for f in FACET_FIELDS if page.facets.get(f)]
        return super().get_context_data(
            form=form, page=page, facets=facets, carried=Links(request.params).carried(), **kwargs
        )


class CourtListView(TemplateView):
    """Covered courts by province, and the whole directory one province at a time (a
    province has at most a few hundred courts, so the page stays small and fast)."""

    template_name = "reports/court_list.html"

    def get_context_data(self, **kwargs):
        province = self.request.GET.get("province", "").strip()
        q = self.request.GET.get("q", "").strip()[:MAX_COURT_QUERY]
        provinces = list(Court.objects.province_counts())
        for row in provinces:
            row["label"] = row["province"] or NATIONAL
        context = {"provinces": provinces, "province": province, "q": q}
        if q:
            matches = matching_courts(q)
            context["matches"] = matches[:MAX_COURT_MATCHES]
            context["match_count"] = len(matches)
        if province:
            if province not in {row["label"] for row in provinces}:
                raise Http404("没有这个省份")
            courts = (
                Court.objects.filter(province="" if province == NATIONAL else province)
                .annotate_report_counts()
                .order_by("adcode", "name")
            )
            context["groups"] = group_by(courts, lambda court: court.city or province)
        else:
            courts = Court.objects.covered().order_by("adcode", "name")
            context["groups"] = group_by(courts, lambda court: court.province or NATIONAL)
        return super().get_context_data(**context, **kwargs)


MAX_COURT_QUERY = 50
MAX_COURT_MATCHES = 200


def matching_courts(q):
    """Courts whose full or short name contains ``q`` (巴彦 → 巴彦淖尔市中级人民法院), in
    directory order, each with its count of published reports."""
    return list(
        Court.objects.filter(Q(name__icontains=q) | Q(short_name__icontains=q))
        .annotate_report_counts()
        .order_by("adcode", "name")
    )


def group_by(items, key):
    """[(key, [items…]), …] in order of first appearance (items arrive sorted by adcode;
    a court without an adcode still joins its province's group)."""
    groups = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return list(groups.items())


class CourtDetailView(DetailView):
    model = Court
    context_object_name = "court"

    def get_context_data(self, **kwargs):
        court = self.object
        initiatives = (
            published_initiatives()
            .filter(report__court=court)
            .values("canonical_name")
            .annotate(mentions=Count("id"), name=Min("name"), first_year=Min("report__year"))
            .order_by("-mentions", "first_year", "canonical_name")
        )
        return super().get_context_data(
            reports=Report.objects.published().for_court(court).newest_first(),
            children=court.children.covered().order_by("adcode", "name"),
            court_filter=[("court", court.name)],
            trends=court_trends(court),
            initiatives=initiatives,
            **kwargs,
        )


class ReportDetailView(DetailView):
    context_object_name = "report"
    queryset = (
        Report.objects.published()
        .select_related("court")
        .prefetch_related(
            Prefetch("sections", queryset=Section.objects.order_by("order")),
            Prefetch(
                "metrics",
                queryset=Metric.objects.figures()
                .select_related("section")
                .order_by(*READING_ORDER),
            ),
            Prefetch(
                "initiatives",
                queryset=Initiative.objects.select_related("section").order_by(*READING_ORDER),
            ),
        )
    )

    def get_context_data(self, **kwargs):
        report = self.object
        q = self.request.GET.get("q", "").strip()
        previous, following = neighbours(report)
        figure = self.request.GET.get("figure", "")
        # The figure a reader followed from a table: its sentence is marked in the text.
        figure = next((m for m in report.metrics.all() if str(m.pk) == figure), None)
        return super().get_context_data(
            figure=figure,
            report_filter=[("report", report.pk)],
            q=q,
            # The text as the page shows it: its sections (prefetched).
            terms=searched_terms(q, "\n".join(s.text for s in report.sections.all())) if q else [],
            previous_report=previous,
            next_report=following,
            **kwargs,
        )


def original_file(request, pk):
    """A published report's file as it came in (a draft's file is never public)."""
    return original_file_response(get_object_or_404(Report.objects.published(), pk=pk))


def original_file_response(report):
    """The stored file as a download under the name it was uploaded with; 404 when the report
    has none or storage lost it (the admin's view for editors serves drafts through this too)."""
    if not report.original_file:
        raise Http404("这篇报告没有保存原始文件")
    try:
        handle = report.original_file.open("rb")
    except OSError as error:
        raise Http404("原始文件已不在存储中") from error
    name = report.original_name or Path(report.original_file.name).name
    return FileResponse(handle, as_attachment=True, filename=name)


def published_initiatives():
    return Initiative.objects.filter(report__status=ReportStatus.PUBLISHED)


def names_and_aliases(counted):
    """[(name, mentions), …] → (the name most reports use, the other names, sorted):
    ``[("“六个一”工作法", 3), ("六个一工作法", 1)]`` → ``("“六个一”工作法", ["六个一工作法"])``."""
    ranked = sorted(counted, key=lambda pair: (-pair[1], pair[0]))
    if not ranked:
        return "", []
    return ranked[0][0], sorted(name for name, _ in ranked[1:])


class InitiativeListView(ListView):
    """Every named initiative of published reports, one row per ``canonical_name`` (the
    same mechanism under other wording is one row, its other names listed as aliases)."""

    template_name = "reports/initiative_list.html"
    context_object_name = "initiatives"
    paginate_by = 100

    def get_queryset(self):
        rows = published_initiatives()
        self.q = self.request.GET.get("q", "").strip()[:50]
        if self.q:
            rows = rows.filter(Q(canonical_name__icontains=self.q) | Q(name__icontains=self.q))
        return (
            rows.values("canonical_name")
            .annotate(
                mentions=Count("id"),
                courts=Count("report__court", distinct=True),
                first_year=Min("report__year"),
                last_year=Max("report__year"),
            )
            .order_by("-courts", "-mentions", "canonical_name")
        )

    def paginate_queryset(self, queryset, page_size):
        """A page number out of range or not a number shows the nearest page, not a 404."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(q=self.q, **kwargs)
        shown = [row["canonical_name"] for row in context["initiatives"]]
        names = {}
        for canonical, name, n in (
            published_initiatives()
            .filter(canonical_name__in=shown)
            .values_list("canonical_name", "name")
            .annotate(n=Count("id"))
        ):
            names.setdefault(canonical, []).append((name, n))
        for row in context["initiatives"]:
            row["name"], row["aliases"] = names_and_aliases(names.get(row["canonical_name"], []))
        return context


class InitiativeDetailView(TemplateView):
    """One initiative's mentions, oldest first, each with its sentence and a link to it."""

    template_name = "reports/initiative_detail.html"

    def get_context_data(self, **kwargs):
        name = kwargs.pop("name")
        mentions = list(
            published_initiatives()
            .filter(canonical_name=name)
            .select_related("report__court", "section")
            .order_by(F("report__year").asc(nulls_last=True), "report__published_on", "start")
        )
        if not mentions:
            raise Http404("没有这项举措")
        title, aliases = names_and_aliases(Counter(m.name for m in mentions).items())
        courts = list(dict.fromkeys(m.report.court for m in mentions if m.report.court))
        return super().get_context_data(
            canonical_name=name,
            name=title,
            mentions=mentions,
            first=mentions[0],
            aliases=aliases,
            courts=courts,
            years=sorted({m.report.year for m in mentions if m.report.year}),
            **kwargs,
        )
