"""A search request in, the ``SearchPage`` a view renders out.

    request = build_request("知识产权 court:呼市中院", filters=[("year", "2023")])
    page = search(request)
    page.count, page.report_count, page.groups[0].hits[0].snippet, page.facets["year"][0].label

``build_request`` reads the query text (``query.parse_query``, with the courts' names and the
synonyms) and the chosen filters into canonical values; ``search`` asks the engine
(``engine.get_engine``) for the page, falls back when nothing matches every word, hides
anything the database no longer publishes, cuts snippets, groups the hits by report and
offers "did you mean". Any input gives a page; a query with nothing searchable in it, or a
filter with too many values, gives a page with ``error`` set.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from reports.choices import ReportStatus
from reports.models import Section
from reports.search.analysis import get_dictionary, query_words
from reports.search.courts import court_names
from reports.search.engine import SORTS, get_engine
from reports.search.labels import FACET_FIELDS, FIELD_LABELS, label_for, match_choice
from reports.search.links import Links
from reports.search.normalize import fold
from reports.search.query import ParsedQuery, parse_query, parse_year
from reports.search.results import (
    ActiveFilter,
    FacetValue,
    FilterOffer,
    Hit,
    ReportGroup,
    SearchPage,
)
from reports.search.synonyms import synonyms

PER_PAGE = getattr(settings, "HAYSTACK_SEARCH_RESULTS_PER_PAGE", 10)
MAX_PAGE = 1000
# More values than this for one filter is no reader's choice (372 report= values rendered a
# 2.3 MB page): the request is refused.
MAX_FILTER_VALUES = 20
INDEX_FIELDS = {"report": "report_id"}
OR_FALLBACK_NOTICE = "没有同时包含全部词语的结果，以下是包含其中部分词语的结果"
SPLIT_FALLBACK_NOTICE = "没有找到连在一起的原词，以下结果分别包含其中各个词语"


def too_many_values(field_name: str, count: int) -> str:
    return (
        f"每个筛选条件最多 {MAX_FILTER_VALUES} 个值，“{FIELD_LABELS[field_name]}”有 {count} 个 "
        f"(At most {MAX_FILTER_VALUES} values per filter; {field_name} has {count}.)"
    )


@dataclass(frozen=True)
class Chosen:
    value: str  # canonical (the index's value)
    typed: str  # as the reader typed it
    in_query: bool  # typed inside the query text (court:…), not as a parameter


@dataclass
class SearchRequest:
    text: str
    query: ParsedQuery
    chosen: dict[str, list[Chosen]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    params: tuple = ()  # (key, value) as typed, for the page's links
    notices: list[str] = field(default_factory=list)
    error: str = ""
    fallbacks: bool = True
    # > 0: a page holds ``per_page`` reports, each with up to this many of its sections
    # (the search page); 0: ``per_page`` sections (the API, feeds, evaluation).
    per_report: int = 0

    @property
    def filters(self) -> dict[str, list[str]]:
        """{index field: canonical values}."""
        return {INDEX_FIELDS.get(f, f): [c.value for c in cs] for f, cs in self.chosen.items()}


def canonical(field_name: str, value: str, names) -> str | None:
    if field_name == "court":
        return names.resolve(value)
    if field_name == "province":
        return names.resolve_province(value)
    if field_name == "year":
        return parse_year(value)
    if field_name == "report":
        return value if value.isdigit() else None
    return match_choice(field_name, value)


def build_request(
    text: str,
    filters=(),
    sort: str = "relevance",
    page: int = 1,
    params=(),
    use_court_names: bool = True,
    use_synonyms: bool = True,
    fallbacks: bool = True,
    per_report: int = 0,
) -> SearchRequest:
    """``filters``: (field, value as typed) pairs; values that match nothing are dropped with
    a notice."""
    names = court_names()
    parsed = parse_query(
        text,
        courts=names.find if use_court_names else None,
        synonyms=synonyms().lookup if use_synonyms else None,
    )
    notices = list(parsed.notices)
    typed = [(f, v, False) for f, v in filters]
    typed += [(f, v, True) for f, values in parsed.filters for v in values]
    chosen: dict[str, list[Chosen]] = {}
    error = parsed.error
    for field_name in FIELD_LABELS:
        count = sum(1 for f, _, _ in typed if f == field_name)
        if count > MAX_FILTER_VALUES and not error:
            error = too_many_values(field_name, count)
    for field_name, value, in_query in [] if error else typed:
        value_now = canonical(field_name, value, names)
        if value_now is None:
            notices.append(f"未找到{FIELD_LABELS[field_name]}“{value}”，已忽略该条件")
            continue
        here = chosen.setdefault(field_name, [])
        if value_now not in [c.value for c in here]:
            here.append(Chosen(value_now, value, in_query))
    return SearchRequest(
        text=text,
        query=parsed,
        chosen=chosen,
        sort=sort if sort in SORTS else "relevance",
        page=min(max(page, 1), MAX_PAGE),
        params=tuple(params),
        notices=notices,
        error=error,
        fallbacks=fallbacks,
        # Inside one report there is nothing to group: its sections are paged.
        per_report=0 if "report" in chosen else per_report,
    )


def highlight_terms(parsed: ParsedQuery) -> list[str]:
    terms = []
    for word in parsed.positive_words():
        terms.append(word.text)
        if not word.phrase:
            terms += [w for w in query_words(word.text) if len(w) >= 2]
    return terms


def search(request: SearchRequest, engine=None) -> SearchPage:
    started = time.perf_counter()
    links = Links(request.params)
    page = SearchPage(
        query=request.text, count=0, page=request.page, pages=0, results=[], groups=[],
        facets={}, filters=active_filters(request, links), notices=list(request.notices),
        sort=request.sort,
    )  # fmt: skip
    if request.error:
        page.error = request.error
        page.took_ms = (time.perf_counter() - started) * 1000
        return page
    engine = engine or get_engine()
    parsed, filters = request.query, request.filters

    def run(query, number):
        start = (number - 1) * request.per_page
        return engine.execute(
            query,
            filters,
            sort=request.sort,
            offset=start,
            limit=request.per_page,
            per_report=request.per_report,
        )

    found = run(parsed, page.page)
    # Nothing with every word: compound terms cut into their parts, then any word.
    for fallback, notice in (
        (parsed.split_words(get_dictionary().split), SPLIT_FALLBACK_NOTICE),
        (parsed.any_word(), OR_FALLBACK_NOTICE),
    ):
        if found.count or fallback == parsed or not request.fallbacks:
            continue
        retry = run(fallback, page.page)
        if retry.count:
            parsed, found = fallback, retry
            page.notices.append(notice)
    paged = found.reports if request.per_report else found.count
    page.pages = math.ceil(paged / request.per_page)
    if found.count and page.page > page.pages:
        page.page = page.pages
        found = run(parsed, page.page)
    page.results = hydrate(found.hits, highlight_terms(parsed))
    page.count = found.count - (len(found.hits) - len(page.results))
    page.report_count = found.reports
    page.groups = group(page.results, found.sections, request, links)
    page.facets = {
        f: facet(f, found.facets.get(f, []), request.chosen.get(f, ()), request.text, links)
        for f in FACET_FIELDS
    }
    page.offers = offers(request, parsed, page.facets, links)
    if not page.count and parsed.must:
        asked = time.perf_counter()
        page.suggestion = suggestion(request, parsed, engine)
        page.suggestion_ms = (time.perf_counter() - asked) * 1000
        if page.suggestion:
            page.suggestion_url = links.link(page.suggestion)
    page.took_ms = (time.perf_counter() - started) * 1000
    return page


def active_filters(request: SearchRequest, links: Links) -> list[ActiveFilter]:
    filters = []
    for field_name, chosen in request.chosen.items():
        for c in chosen:
            url = links.toggle(request.text, field_name, c.value, [(c.value, c.typed, c.in_query)])
            label = f"{FIELD_LABELS[field_name]}：{label_for(field_name, c.value)}"
            filters.append(ActiveFilter(field=field_name, label=label, remove_url=url))
    return filters


def facet(field_name, counts, chosen, q, links: Links) -> list[FacetValue]:
    found = dict(counts)
    chosen_values = [c.value for c in chosen]
    for value in chosen_values:
        if field_name == "year" and ".." in value:
            # A chosen range counts the years it spans (year counts ignore the year
            # filter, so each year still says what choosing it would add).
            low, _, high = value.partition("..")
            spanned = [n for y, n in counts if ".." not in y and low <= y and y <= (high or y)]
            found[value] = sum(spanned)
        found.setdefault(value, 0)
    if field_name == "year":
        order = sorted(found, key=lambda v: (".." in v, v), reverse=True)  # ranges first
    else:
        order = sorted(found, key=lambda v: (-found[v], v))
    typed = [(c.value, c.typed, c.in_query) for c in chosen]
    return [
        FacetValue(
            value,
            label_for(field_name, value),
            found[value],
            value in chosen_values,
            links.toggle(q, field_name, value, typed),
        )
        for value in order
    ]


def hydrate(found, terms) -> list[Hit]:
    """Hits of the sections the database still publishes, with their snippets."""
    from reports.search.highlighting import snippet
    from reports.search.signals import schedule_reports

    ids = [f.section_id for f in found]
    live = set(
        Section.objects.filter(pk__in=ids, report__status=ReportStatus.PUBLISHED).values_list(
            "pk", flat=True
        )
    )
    stale = {f.report_id for f in found if f.section_id not in live}
    if stale:  # the index lags the database: never show it, and repair it
        schedule_reports(stale)
    hits = []
    for f in found:
        if f.section_id not in live:
            continue
        stored = f.fields
        topic = stored.get("topic") or ""
        year = str(stored.get("year") or "")
        hits.append(
            Hit(
                report_id=f.report_id,
                section_id=f.section_id,
                court=stored.get("court") or "",
                court_slug=stored.get("court_slug") or "",
                year=int(year) if year.isdigit() else None,
                title=stored.get("title") or "",
                heading=stored.get("heading") or "",
                topic=topic,
                topic_label=label_for("topic", topic) if topic else "",
                kind=stored.get("kind") or "",
                snippet=snippet(stored.get("text") or "", terms),
                url=reverse("reports:report_detail", kwargs={"pk": f.report_id})
                + f"#section-{stored.get('order')}",
                score=f.score,
            )
        )
    return hits


def group(hits, sections=None, request=None, links=None) -> list[ReportGroup]:
    """Hits by report, in rank order. ``sections`` (report id → matching sections) gives each
    group its count and, when more match than are shown, the search inside that report."""
    groups: dict[int, ReportGroup] = {}
    for hit in hits:
        if hit.report_id not in groups:
            groups[hit.report_id] = ReportGroup(
                report_id=hit.report_id, title=hit.title, court=hit.court,
                court_slug=hit.court_slug, year=hit.year, url=hit.url.split("#")[0],
            )  # fmt: skip
        groups[hit.report_id].hits.append(hit)
    for report_id, found in groups.items():
        found.sections = (sections or {}).get(report_id, len(found.hits))
        if links is not None and found.sections > len(found.hits):
            found.more_url = links.link(request.text, add=[("report", str(report_id))])
    return list(groups.values())


def offers(request: SearchRequest, parsed, facets, links: Links) -> list[FilterOffer]:
    names = court_names()
    found = []
    for offer in parsed.offers:
        if offer.value in [c.value for c in request.chosen.get(offer.field, ())]:
            continue
        if offer.field == "court" and offer.value not in names.with_reports:
            continue
        known = {v.value for v in facets.get(offer.field, [])}
        low, dots, high = offer.value.partition("..")
        if dots:  # a range is worth offering when some year of the results is inside
            if known and not any(low <= y <= high for y in known if ".." not in y):
                continue
        elif known and offer.value not in known:
            continue
        url = links.link(request.text, add=[(offer.field, offer.value)])
        found.append(FilterOffer(offer.field, offer.value, offer.label, url))
    return found


def suggestion(request: SearchRequest, parsed, engine) -> str:
    """ "Did you mean": each word with a close court name or index word swapped in, if that
    finds something."""
    names = court_names()
    q = request.text
    suggested = q
    for word in parsed.positive_words():
        if word.phrase or word.text not in suggested:
            continue
        alternative = names.similar(word.text)
        if not alternative:
            alternative = next(iter(engine.suggest(word.text)), None)
            alternative = alternative or correct_parts(word.text, engine, request.filters)
        if alternative and alternative != word.text:
            suggested = suggested.replace(word.text, alternative)
    if suggested == q:
        return ""
    found = engine.count(parse_query(suggested, names.find, synonyms().lookup), request.filters)
    return suggested if found else ""


def correct_parts(text, engine, filters) -> str | None:
    """A compound with a slip in one of its words: 司法保户 → 司法保护. Only when the
    corrected compound is written somewhere (量子计算 must not become 量刑计算)."""
    parts = query_words(text)
    if len(parts) < 2 or "".join(parts) != fold(text):
        return None
    slips = [i for i, p in enumerate(parts) if len(p) >= 2 and engine.suggest(p)]
    if len(slips) != 1:  # one slip; more would be guessing
        return None
    i = slips[0]
    written = {}
    for candidate in engine.suggest(parts[i]):
        compound = "".join([*parts[:i], candidate, *parts[i + 1 :]])
        written[compound] = engine.count(parse_query(f'"{compound}"'), filters)
    best = max(written, key=written.get, default=None)
    return best if best and written[best] else None
