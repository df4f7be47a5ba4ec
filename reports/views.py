"""Public pages (placeholder views, replaced by the web layer)."""

from django.views.generic import DetailView, ListView, TemplateView

from reports.models import Court, Report


class HomeView(TemplateView):
    template_name = "reports/home.html"


class SearchView(TemplateView):
    template_name = "search/search.html"


class CourtListView(ListView):
    model = Court


class CourtDetailView(DetailView):
    model = Court


class ReportDetailView(DetailView):
    queryset = Report.objects.published()
