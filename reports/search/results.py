"""What a search returns to pages and the API (the search layer fills it, views render it).

Kept free of Whoosh so the Elasticsearch backend can fill the same shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Hit:
    report_id: int
    section_id: int
    court: str  # full court name
    court_slug: str
    year: int | None
    title: str  # report title
    heading: str  # section heading
    topic: str  # SectionTopic value
    topic_label: str
    kind: str
    snippet: str  # HTML-safe, matches wrapped in <mark>…</mark>
    url: str  # /reports/<id>/#section-<n>
    score: float = 0.0


@dataclass
class ReportGroup:
    """Hits of one report, in rank order; pages show results grouped this way."""

    report_id: int
    title: str
    court: str
    court_slug: str
    year: int | None
    url: str
    hits: list[Hit] = field(default_factory=list)
    sections: int = 0  # matching sections of the report in all (at least len(hits))
    more_url: str = ""  # the search inside this report, when more match than are shown


@dataclass
class FacetValue:
    value: str  # the filter value as used in the query string
    label: str  # what readers see (e.g. 中级人民法院 for "intermediate")
    count: int
    selected: bool
    url: str  # query string that toggles this value (keeps the other filters)


@dataclass
class ActiveFilter:
    field: str  # court / province / level / year / topic / kind
    label: str  # "法院：呼和浩特市中级人民法院"
    remove_url: str  # query string without this filter


@dataclass
class FilterOffer:
    """A filter the query seems to mean, offered as a link: "只看 呼和浩特市中级人民法院"."""

    field: str
    value: str
    label: str
    url: str  # query string with this filter added


@dataclass
class SearchPage:
    query: str
    count: int  # matching sections
    page: int
    pages: int
    results: list[Hit]
    groups: list[ReportGroup]
    facets: dict[str, list[FacetValue]]  # keys: court, province, level, year, topic, kind
    filters: list[ActiveFilter]
    suggestion: str = ""  # "did you mean" when nothing matched
    suggestion_url: str = ""
    suggestion_ms: float = 0.0  # what looking for the suggestion cost (part of took_ms)
    notices: list[str] = field(default_factory=list)  # e.g. "查询过长，已截取前 200 个字符"
    error: str = ""  # a query that could not be understood (Chinese + English)
    took_ms: float = 0.0
    sort: str = "relevance"  # relevance / year / court
    report_count: int = 0  # distinct reports among the matching sections
    offers: list[FilterOffer] = field(default_factory=list)
