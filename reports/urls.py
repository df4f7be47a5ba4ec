from django.urls import path

from reports.pages import api, metrics_views, views, year_over_year
from reports.pages.feeds import (
    CourtReportsFeed,
    LatestReportsFeed,
    ProvinceReportsFeed,
    SearchFeed,
)

app_name = "reports"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("courts/", views.CourtListView.as_view(), name="court_list"),
    path("courts/<slug:slug>/", views.CourtDetailView.as_view(), name="court_detail"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<int:pk>/original/", views.original_file, name="report_original"),
    path(
        "reports/<int:pk>/compare/<int:other>/",
        year_over_year.YearOverYearView.as_view(),
        name="report_compare",
    ),
    path("metrics/", metrics_views.MetricsExplorerView.as_view(), name="metrics"),
    path("metrics/coverage/", metrics_views.CoverageView.as_view(), name="coverage"),
    path("initiatives/", views.InitiativeListView.as_view(), name="initiative_list"),
    path("initiatives/<path:name>/", views.InitiativeDetailView.as_view(), name="initiative"),
    path("feeds/reports/", LatestReportsFeed(), name="feed"),
    path("feeds/courts/<slug:slug>/", CourtReportsFeed(), name="court_feed"),
    path("feeds/provinces/<str:province>/", ProvinceReportsFeed(), name="province_feed"),
    path("feeds/search/", SearchFeed(), name="search_feed"),
    path("api/search", api.search, name="api_search"),
    path("api/suggest", api.suggest, name="api_suggest"),
    # Any id, so that a malformed one gets the API's JSON 404 rather than the HTML page.
    path("api/reports/<str:pk>", api.report_detail, name="api_report"),
    path("api/courts", api.courts, name="api_courts"),
    path("api/metrics", api.metrics, name="api_metrics"),
]
