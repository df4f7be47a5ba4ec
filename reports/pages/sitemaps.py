"""``/sitemap.xml``: every published report, the courts that have one, the main pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from reports.models import Court, Report


class ReportSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Report.objects.published().only("id", "updated_at").order_by("id")

    def lastmod(self, report):
        return report.updated_at


class CourtSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 5000

    def items(self):
        return Court.objects.covered().only("slug").order_by("id")


class PageSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return ["reports:home", "reports:court_list", "reports:metrics", "reports:initiative_list"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "reports": ReportSitemap, "courts": CourtSitemap}
