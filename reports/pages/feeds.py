"""Atom feeds of newly published reports: all of them, one court's, one province's — for
readers who follow a court's year in a feed reader."""

from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from reports.forms import SearchForm
from reports.models import Court, Report
from reports.search.page import search

FEED_SIZE = 30


class LatestReportsFeed(Feed):
    feed_type = Atom1Feed
    title = "法院工作报告检索 · 最新报告"
    link = reverse_lazy("reports:home")
    subtitle = "新发布的人民法院工作报告与年度综述"
    language = "zh-cn"

    def reports(self, obj):
        return Report.objects.published()

    def items(self, obj=None):
        return self.reports(obj).select_related("court").order_by("-created_at", "-id")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [item.court.name if item.court else "", f"{item.year}年" if item.year else ""]
        parts += [item.get_kind_display(), item.source]
        return " · ".join(part for part in parts if part)

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.court.name if item.court else None

    def item_categories(self, item):
        return [item.court.name] if item.court else []


class CourtReportsFeed(LatestReportsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Court, slug=slug)

    def title(self, court):
        return f"{court.name} · 新发布的报告"

    def link(self, court):
        return court.get_absolute_url()

    def subtitle(self, court):
        return f"{court.name}新发布的工作报告与年度综述"

    def reports(self, court):
        return Report.objects.published().for_court(court)


class ProvinceReportsFeed(LatestReportsFeed):
    def get_object(self, request, province):
        if not Court.objects.filter(province=province).exists():
            raise Http404("没有这个省份")
        return province

    def title(self, province):
        return f"{province}法院 · 新发布的报告"

    def link(self, province):
        return f"{reverse('reports:court_list')}?{urlencode({'province': province})}"

    def subtitle(self, province):
        return f"{province}各级人民法院新发布的工作报告与年度综述"

    def reports(self, province):
        return Report.objects.published().filter(court__province=province)


class SearchFeed(LatestReportsFeed):
    """A saved search: the newest reports with sections matching the search page's own
    parameters (/feeds/search/?q=执行&court=…), so a reader follows a topic in a feed reader."""

    # Sections read to find the reports; a feed shows at most FEED_SIZE of them.
    SECTIONS = 200

    def get_object(self, request):
        wanted = SearchForm(request.GET).search_request()
        wanted.sort, wanted.page, wanted.per_page = "year", 1, self.SECTIONS
        wanted.fallbacks = False  # a feed follows what was asked, not a looser query
        return wanted

    def title(self, wanted):
        return (
            f"检索“{wanted.text}” · 法院工作报告检索" if wanted.text else "检索 · 法院工作报告检索"
        )

    def link(self, wanted):
        return f"{reverse('reports:search')}?{urlencode(wanted.params)}"

    def subtitle(self, wanted):
        return "符合这次检索的最新报告"

    def items(self, wanted):
        found = search(wanted)
        if found.error:
            return []
        ids = list(dict.fromkeys(group.report_id for group in found.groups))[:FEED_SIZE]
        reports = Report.objects.published().filter(pk__in=ids).select_related("court")
        return sorted(reports, key=lambda report: ids.index(report.pk))
