"""What the search index holds: one document per section of a published report.

The section is what a reader lands on (``/reports/<id>/#section-<n>``); the report's court,
place, year and kind are copied onto it so facets and filters need no database. Only
published reports are indexed (``index_queryset``; ``reports.search.signals`` adds and
removes them as they are published and withdrawn).
"""

from haystack import indexes

from reports.models import Section
from reports.search.fields import KeywordField


class SectionIndex(indexes.SearchIndex, indexes.Indexable):
    # The body, stored once: snippets are cut from it.
    text = indexes.CharField(document=True, use_template=True)
    heading = indexes.CharField(model_attr="heading", default="")
    # Every name of the court, its place, the report title and year: "巴彦淖尔 执行" finds
    # the sections of that court's reports even where the body only says 本院.
    context = indexes.CharField(stored=False)
    court = KeywordField(default="")
    court_slug = KeywordField(default="")
    level = KeywordField(default="")
    province = KeywordField(default="")
    city = KeywordField(default="")
    year = KeywordField(null=True)
    kind = KeywordField(model_attr="report__kind")
    topic = KeywordField(model_attr="topic")
    report_id = KeywordField(model_attr="report_id")
    title = indexes.CharField(model_attr="report__title", indexed=False)
    order = indexes.IntegerField(model_attr="order", indexed=False)

    def get_model(self):
        return Section

    def index_queryset(self, using=None):
        return Section.objects.published().select_related("report__court")

    def read_queryset(self, using=None):
        return self.index_queryset(using)

    def _court_value(self, obj, attribute):
        court = obj.report.court
        return getattr(court, attribute) or "" if court else ""

    def prepare_court(self, obj):
        return self._court_value(obj, "name")

    def prepare_court_slug(self, obj):
        return self._court_value(obj, "slug")

    def prepare_level(self, obj):
        return self._court_value(obj, "level")

    def prepare_province(self, obj):
        return self._court_value(obj, "province")

    def prepare_city(self, obj):
        return self._court_value(obj, "city")

    def prepare_year(self, obj):
        return str(obj.report.year) if obj.report.year else None

    def prepare_context(self, obj):
        report, court = obj.report, obj.report.court
        parts = [report.title, report.get_kind_display()]
        if report.year:
            parts.append(f"{report.year}年")
        if court:
            parts += [court.name, court.short_name, court.city, court.province]
            parts += [a for a in court.aliases or () if isinstance(a, str)]
        return "\n".join(p for p in parts if p)
