"""Public pages. Thin: the QuerySets and the search form do the work."""

from django.db.models import F, Prefetch
from django.http import Http404
from django.views.generic import DetailView, TemplateView

from reports.forms import SearchForm
from reports.models import Court, Initiative, Metric, Report, Section
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


class SearchView(TemplateView):
    template_name = "search/search.html"

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET)
        request = form.search_request()
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
        provinces = list(Court.objects.province_counts())
        for row in provinces:
            row["label"] = row["province"] or NATIONAL
        context = {"provinces": provinces, "province": province}
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
        return super().get_context_data(
            reports=Report.objects.published().for_court(court).newest_first(),
            children=court.children.covered().order_by("adcode", "name"),
            court_filter=[("court", court.name)],
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
                queryset=Metric.objects.select_related("section").order_by(*READING_ORDER),
            ),
            Prefetch(
                "initiatives",
                queryset=Initiative.objects.select_related("section").order_by(*READING_ORDER),
            ),
        )
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(report_filter=[("report", self.object.pk)], **kwargs)
