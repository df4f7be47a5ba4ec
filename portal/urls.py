from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "法院工作报告检索 · 编辑后台"
admin.site.site_title = "法院工作报告检索"
admin.site.index_title = "报告管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("reports.urls")),
]
