from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from reports.pages import site
from reports.pages.sitemaps import SITEMAPS

admin.site.site_header = "法院工作报告检索 · 编辑后台"
admin.site.site_title = "法院工作报告检索"
admin.site.index_title = "报告管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("reports.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", site.robots_txt, name="robots"),
    path("favicon.ico", site.FaviconView.as_view()),
    path("api/", site.ApiPageView.as_view(), name="api"),
    path("api/openapi.json", site.openapi_json, name="openapi"),
]
