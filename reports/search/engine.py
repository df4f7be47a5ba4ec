"""The search engine layer: a parsed query with filters, sort and a slice in; the hits of the
slice, exact counts and facet counts out.

    engine = get_engine()
    found = engine.execute(parse_query("知识产权"), {"court": ["呼和浩特市中级人民法院"]},
                           sort="relevance", offset=0, limit=10, facets=FACET_FIELDS)
    found.count, found.reports, found.hits[0].fields["heading"], found.facets["year"]

Two implementations, chosen by configuration alone (DESIGN.md, "Scale"): Whoosh on this
machine (``whoosh_engine``, the default) and Elasticsearch/OpenSearch when
``PORTAL_SEARCH_URL`` is set (``es_engine``). Everything above this layer — reading the
reader's query (``query``), the form, fallbacks, snippets, pages — is the same for both.

Filters are ``{index field: values}``: the values of one field are alternatives, fields all
apply; ``a..b`` is a year range. Each facet counts under every filter but its own (so a
chosen court's facet still shows how many a second court would add).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings

from reports.search.labels import FACET_FIELDS

SORTS = ("relevance", "year", "court")
# What a hit carries from the index (the stored fields of a section document).
HIT_FIELDS = ("court", "court_slug", "year", "title", "heading", "topic", "kind", "text")
HIT_FIELDS += ("order", "report_id")


@dataclass
class Found:
    """One section of the requested slice."""

    section_id: int
    report_id: int
    score: float
    fields: dict = field(default_factory=dict)  # HIT_FIELDS as stored


@dataclass
class Matches:
    count: int  # matching sections, exact
    reports: int  # distinct reports among them, exact
    hits: list[Found]
    facets: dict[str, list[tuple[str, int]]]  # field → (value, sections), most first
    # With ``per_report``: matching sections of each report of the page (report id → count).
    sections: dict[int, int] = field(default_factory=dict)


class Engine(Protocol):
    def execute(
        self,
        parsed,
        filters: dict,
        *,
        sort: str,
        offset: int,
        limit: int,
        facets=FACET_FIELDS,
        per_report: int = 0,
    ) -> Matches:
        """The slice [offset, offset + limit) of the matches in ``sort`` order: relevance
        (equal scores to the newer report), year (newest first, then relevance) or court
        (by name, then newest, then relevance).

        ``per_report`` > 0 pages by report: the slice counts reports, ranked by their best
        section in ``sort`` order, and ``hits`` holds the first ``per_report`` sections of
        each, with ``sections`` saying how many of theirs match in all."""

    def count(self, parsed, filters: dict | None = None) -> int:
        """How many sections match (for fallbacks and suggestions: no hits, no facets)."""

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        """Words of the index one edit from ``word``, most used first."""


# A withdrawal reaches the index within the background writer's retries (signals.GIVE_UP_AFTER,
# 10 minutes); reports withdrawn longer ago than this are out of the index or reported as an
# error to rebuild.
WITHDRAWN_WINDOW_SECONDS = 900


def recently_withdrawn() -> set[str]:
    """Ids (as the index stores them) of reports not published that changed lately: every
    engine keeps their sections out of hits, counts and facets before its index has heard."""
    from datetime import timedelta

    from django.utils import timezone

    from reports.choices import ReportStatus
    from reports.models import Report

    since = timezone.now() - timedelta(seconds=WITHDRAWN_WINDOW_SECONDS)
    # No ordering: the model's (by year) made SQLite walk every report in year order instead of
    # the few in the updated_at index's range.
    changed = (
        Report.objects.filter(updated_at__gte=since)
        .exclude(status=ReportStatus.PUBLISHED)
        .order_by()
    )
    return {str(pk) for pk in changed.values_list("pk", flat=True)}


def get_engine() -> Engine:
    url = getattr(settings, "PORTAL_SEARCH_URL", "")
    if url:
        from reports.search.es_engine import ElasticsearchEngine

        return ElasticsearchEngine(url, getattr(settings, "PORTAL_SEARCH_INDEX", "sections"))
    from reports.search.whoosh_engine import WhooshEngine

    return WhooshEngine()
