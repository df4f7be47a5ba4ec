"""RSS of newly published reports, for readers who follow a court's year in a feed reader."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy

from reports.models import Report


class LatestReportsFeed(Feed):
    title = "法院工作报告检索 · 最新报告"
    link = reverse_lazy("reports:home")
    description = "新发布的人民法院工作报告与年度综述"
    language = "zh-cn"

    def items(self):
        return Report.objects.published().select_related("court").order_by("-created_at")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [item.court.name if item.court else "", f"{item.year}年" if item.year else ""]
        parts += [item.get_kind_display(), item.source]
        return " · ".join(part for part in parts if part)

    def item_pubdate(self, item):
        return item.created_at

    def item_categories(self, item):
        return [item.court.name] if item.court else []
