"""The search form: query-string parameters in, a ``SearchPage`` out.

    page = SearchForm({"q": "知识产权", "court": ["呼和浩特市中级人民法院"]}).search()
    page.count, page.groups[0].hits[0].snippet, page.facets["year"][0].label

Parameters: ``q`` (the query language of ``reports.search.query``), filters ``court``,
``province``, ``level``, ``year``, ``topic``, ``kind`` (each may repeat: values of one filter
are ORed, filters are ANDed), ``report`` (search inside one report), ``sort`` (``relevance``
or ``year``) and ``page``. Any input gives a page; a query with nothing searchable in it
gives a page with ``error`` set.
"""

from __future__ import annotations

import math
import re
import time
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.urls import reverse

from reports.choices import CourtLevel, ReportKind, ReportStatus, SectionTopic
from reports.models import Section
from reports.search.analysis import get_dictionary, query_words
from reports.search.courts import court_names
from reports.search.indexing import get_backend
from reports.search.normalize import fold
from reports.search.query import FIELD_ALIASES, ParsedQuery, parse_query, parse_year
from reports.search.results import (
    ActiveFilter,
    FacetValue,
    FilterOffer,
    Hit,
    ReportGroup,
    SearchPage,
)
from reports.search.synonyms import synonyms

FACET_FIELDS = ("court", "province", "level", "year", "topic", "kind")
FILTER_FIELDS = (*FACET_FIELDS, "report")
# The ends of a year range, as the sidebar's range control sends them (year=2020..2023 too).
YEAR_RANGE_KEYS = ("year_from", "year_to")
LINK_KEYS = (*FILTER_FIELDS, *YEAR_RANGE_KEYS)
INDEX_FIELDS = {"report": "report_id"}
FIELD_LABELS = {"court": "法院", "province": "省份", "level": "法院层级", "year": "年份"}
FIELD_LABELS |= {"topic": "主题", "kind": "报告类型", "report": "报告"}
CHOICES = {"level": CourtLevel, "topic": SectionTopic, "kind": ReportKind}
PER_PAGE = getattr(settings, "HAYSTACK_SEARCH_RESULTS_PER_PAGE", 10)
MAX_PAGE = 1000
OR_FALLBACK_NOTICE = "没有同时包含全部词语的结果，以下是包含其中部分词语的结果"
SPLIT_FALLBACK_NOTICE = "没有找到连在一起的原词，以下结果分别包含其中各个词语"


def label_for(field: str, value: str) -> str:
    if field in CHOICES:
        try:
            return str(CHOICES[field](value).label)
        except ValueError:
            return value
    if field == "year":
        low, dots, high = value.partition("..")
        return f"{low or '…'}–{high or '…'}年" if dots else f"{value}年"
    return value


def match_choice(field: str, value: str) -> str | None:
    """A choice value from its value or label, or a unique part of a label (中级 → intermediate)."""
    choices = CHOICES[field]
    value = value.strip()
    for choice in choices:
        if value in (choice.value, str(choice.label)):
            return choice.value
    partial = [c.value for c in choices if value and value in str(c.label)]
    return partial[0] if len(partial) == 1 else None


def highlight_terms(parsed: ParsedQuery) -> list[str]:
    terms = []
    for word in parsed.positive_words():
        terms.append(word.text)
        if not word.phrase:
            terms += [w for w in query_words(word.text) if len(w) >= 2]
    return terms


class SearchForm(forms.Form):
    q = forms.CharField(required=False)

    # Parts of query handling that evaluate_search can switch off to measure them.
    use_court_names = True
    use_synonyms = True
    use_fallbacks = True

    def __init__(self, data=None, **kwargs):
        super().__init__(data or {}, **kwargs)

    def values(self, key: str) -> list[str]:
        if hasattr(self.data, "getlist"):
            raw = self.data.getlist(key)
        else:
            raw = self.data.get(key, [])
            raw = list(raw) if isinstance(raw, list | tuple) else [raw]
        return [str(v).strip() for v in raw if v is not None and str(v).strip()]

    def value(self, key: str) -> str:
        values = self.values(key)
        return values[0] if values else ""

    # -- reading the parameters -----------------------------------------------------------

    def canonical(self, field: str, value: str, names) -> str | None:
        if field == "court":
            return names.resolve(value)
        if field == "province":
            return names.resolve_province(value)
        if field == "year":
            return parse_year(value)
        if field == "report":
            return value if value.isdigit() else None
        return match_choice(field, value)

    def read_filters(self, parsed: ParsedQuery, names, notices: list[str]):
        """{field: [(value, typed, from the query text)]}; values that match nothing are
        dropped with a notice."""
        typed = [(f, v, False) for f in FILTER_FIELDS for v in self.values(f)]
        if self.typed_range():
            typed.append(("year", self.typed_range(), False))
        typed += [(f, v, True) for f, values in parsed.filters for v in values]
        selected: dict[str, list[tuple[str, str, bool]]] = {}
        for field, value, in_query in typed:
            canonical = self.canonical(field, value, names)
            if canonical is None:
                notices.append(f"未找到{FIELD_LABELS[field]}“{value}”，已忽略该条件")
                continue
            chosen = selected.setdefault(field, [])
            if canonical not in [c for c, _, _ in chosen]:
                chosen.append((canonical, value, in_query))
        return selected

    def typed_range(self) -> str:
        """``year_from``/``year_to`` as one year filter value: 2020..2023, 2020.., ..2023."""
        low, high = (self.value(k) for k in YEAR_RANGE_KEYS)
        return f"{low}..{high}" if low or high else ""

    # -- links ----------------------------------------------------------------------------

    def removal(self, field: str, typed: str) -> list[tuple[str, str]]:
        """The parameters to drop to remove one chosen value."""
        if field == "year" and typed and typed == self.typed_range():
            return [(k, self.value(k)) for k in YEAR_RANGE_KEYS]
        return [(field, typed)]

    def link(self, q: str, remove=(), add=()) -> str:
        params = [("q", q)] if q else []
        for field in LINK_KEYS:
            for value in self.values(field):
                if (field, value) not in remove:
                    params.append((field, value))
        params += [p for p in add if p not in params]
        if self.value("sort") == "year":
            params.append(("sort", "year"))
        return "?" + urlencode(params)

    def without_filter_in_query(self, q: str, field: str, typed: str) -> str:
        names = [field] + [k for k, v in FIELD_ALIASES.items() if v == field]
        pattern = "|".join(re.escape(n) for n in names)
        token = re.compile(rf'(?<!\S)[-+]?(?:{pattern})[:：](?:"([^"]*)"|“([^”]*)”|(\S+))', re.I)

        def drop(match):
            value = next(g for g in match.groups() if g is not None)
            return "" if value.strip() == typed else match.group(0)

        return " ".join(token.sub(drop, q).split())

    # -- searching ------------------------------------------------------------------------

    def search(self) -> SearchPage:
        started = time.perf_counter()
        q = self.value("q")
        names = court_names()
        parsed = parse_query(
            q,
            courts=names.find if self.use_court_names else None,
            synonyms=synonyms().lookup if self.use_synonyms else None,
        )
        notices = list(parsed.notices)
        selected = self.read_filters(parsed, names, notices)
        sort = "year" if self.value("sort") == "year" else "relevance"
        page = SearchPage(
            query=q, count=0, page=1, pages=0, results=[], groups=[], facets={},
            filters=self.active_filters(q, selected), notices=notices, sort=sort,
        )  # fmt: skip
        if parsed.error:
            page.error = parsed.error
            page.took_ms = (time.perf_counter() - started) * 1000
            return page

        backend = get_backend()
        narrow = {
            field: backend.compile_filter(INDEX_FIELDS.get(field, field), [c for c, _, _ in chosen])
            for field, chosen in selected.items()
        }
        sort_by = ["-year"] if sort == "year" else None
        number = self.value("page")
        page.page = min(int(number), MAX_PAGE) if number.isdigit() and int(number) > 0 else 1

        def run(parsed_query, facets, start, end, without=None):
            return backend.search(
                backend.compile_query(parsed_query),
                narrow_queries={nq for f, nq in narrow.items() if f != without and nq},
                facets=facets,
                sort_by=sort_by,
                start_offset=start,
                end_offset=end,
                models=[Section],
            )

        open_facets = [f for f in FACET_FIELDS if f not in selected]
        start = (page.page - 1) * PER_PAGE
        raw = run(parsed, open_facets, start, start + PER_PAGE)
        # Nothing with every word: compound terms cut into their parts, then any word.
        for fallback, notice in (
            (parsed.split_words(get_dictionary().split), SPLIT_FALLBACK_NOTICE),
            (parsed.any_word(), OR_FALLBACK_NOTICE),
        ):
            if raw["hits"] or fallback == parsed or not self.use_fallbacks:
                continue
            retry = run(fallback, open_facets, start, start + PER_PAGE)
            if retry["hits"]:
                parsed, raw = fallback, retry
                notices.append(notice)
        page.count = raw["hits"]
        page.pages = math.ceil(page.count / PER_PAGE)
        if page.count and page.page > page.pages:
            page.page = page.pages
            start = (page.page - 1) * PER_PAGE
            raw = run(parsed, open_facets, start, start + PER_PAGE)

        counts = dict(raw.get("facets", {}).get("fields", {}))
        for field in selected:
            if field in FACET_FIELDS:
                # Counts of a filtered field ignore its own filter, so its other values still
                # say how many a second choice would add (two courts at once).
                counts[field] = run(parsed, [field], 0, 1, without=field)["facets"]["fields"][field]
        page.facets = {
            f: self.facet(f, counts.get(f, []), selected.get(f, ())) for f in FACET_FIELDS
        }
        page.results = self.hits(raw["results"], highlight_terms(parsed))
        page.count -= len(raw["results"]) - len(page.results)
        page.groups = self.group(page.results)
        page.offers = self.offers(q, parsed, selected, names, page.facets)
        if not page.count and parsed.must:
            asked = time.perf_counter()
            page.suggestion = self.suggestion(q, parsed, names, backend, run)
            page.suggestion_ms = (time.perf_counter() - asked) * 1000
            if page.suggestion:
                page.suggestion_url = self.link(page.suggestion)
        page.took_ms = (time.perf_counter() - started) * 1000
        return page

    def active_filters(self, q, selected) -> list[ActiveFilter]:
        filters = []
        for field, chosen in selected.items():
            for value, typed, in_query in chosen:
                if in_query:
                    url = self.link(self.without_filter_in_query(q, field, typed))
                else:
                    url = self.link(q, remove=self.removal(field, typed))
                label = f"{FIELD_LABELS[field]}：{label_for(field, value)}"
                filters.append(ActiveFilter(field=field, label=label, remove_url=url))
        return filters

    def facet(self, field, counts, chosen) -> list[FacetValue]:
        found = dict(counts)
        chosen_values = [c for c, _, _ in chosen]
        for value in chosen_values:
            if field == "year" and ".." in value:
                # A chosen range counts the years it spans (year counts ignore the year
                # filter, so each year still says what choosing it would add).
                low, _, high = value.partition("..")
                spanned = [n for y, n in counts if ".." not in y and low <= y and y <= (high or y)]
                found[value] = sum(spanned)
            found.setdefault(value, 0)
        typed = {c: (t, in_query) for c, t, in_query in chosen}
        q = self.value("q")
        if field == "year":
            order = sorted(found, key=lambda v: (".." in v, v), reverse=True)  # ranges first
        else:
            order = sorted(found, key=lambda v: (-found[v], v))
        values = []
        for value in order:
            selected = value in chosen_values
            if not selected:
                url = self.link(q, add=[(field, value)])
            elif typed[value][1]:
                url = self.link(self.without_filter_in_query(q, field, typed[value][0]))
            else:
                url = self.link(q, remove=self.removal(field, typed[value][0]))
            values.append(FacetValue(value, label_for(field, value), found[value], selected, url))
        return values

    def hits(self, results, terms) -> list[Hit]:
        from reports.search.highlighting import snippet
        from reports.search.signals import schedule_reports

        ids = [int(r.pk) for r in results]
        live = set(
            Section.objects.filter(pk__in=ids, report__status=ReportStatus.PUBLISHED).values_list(
                "pk", flat=True
            )
        )
        stale = {int(r.report_id) for r in results if int(r.pk) not in live}
        if stale:  # the index lags the database: never show it, and repair it
            schedule_reports(stale)
        hits = []
        for r in results:
            if int(r.pk) not in live:
                continue
            report_id = int(r.report_id)
            topic = getattr(r, "topic", "") or ""
            hits.append(
                Hit(
                    report_id=report_id,
                    section_id=int(r.pk),
                    court=getattr(r, "court", "") or "",
                    court_slug=getattr(r, "court_slug", "") or "",
                    year=int(r.year) if str(getattr(r, "year", "") or "").isdigit() else None,
                    title=getattr(r, "title", "") or "",
                    heading=getattr(r, "heading", "") or "",
                    topic=topic,
                    topic_label=label_for("topic", topic) if topic else "",
                    kind=getattr(r, "kind", "") or "",
                    snippet=snippet(getattr(r, "text", "") or "", terms),
                    url=reverse("reports:report_detail", kwargs={"pk": report_id})
                    + f"#section-{r.order}",
                    score=float(r.score or 0),
                )
            )
        return hits

    @staticmethod
    def group(hits) -> list[ReportGroup]:
        groups: dict[int, ReportGroup] = {}
        for hit in hits:
            if hit.report_id not in groups:
                groups[hit.report_id] = ReportGroup(
                    report_id=hit.report_id, title=hit.title, court=hit.court,
                    court_slug=hit.court_slug, year=hit.year, url=hit.url.split("#")[0],
                )  # fmt: skip
            groups[hit.report_id].hits.append(hit)
        return list(groups.values())

    def offers(self, q, parsed, selected, names, facets) -> list[FilterOffer]:
        offers = []
        for offer in parsed.offers:
            if offer.value in [c for c, _, _ in selected.get(offer.field, ())]:
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
            url = self.link(q, add=[(offer.field, offer.value)])
            offers.append(FilterOffer(offer.field, offer.value, offer.label, url))
        return offers

    def suggestion(self, q, parsed, names, backend, run) -> str:
        """ "Did you mean": each word with a close court name or index word swapped in, if
        that finds something."""
        suggested = q
        for word in parsed.positive_words():
            if word.phrase or word.text not in suggested:
                continue
            alternative = names.similar(word.text)
            if not alternative and hasattr(backend, "suggest"):
                alternative = next(iter(backend.suggest(word.text)), None)
                alternative = alternative or self.correct_parts(word.text, backend, run)
            if alternative and alternative != word.text:
                suggested = suggested.replace(word.text, alternative)
        if suggested == q:
            return ""
        found = run(parse_query(suggested, names.find, synonyms().lookup), [], 0, 1)["hits"]
        return suggested if found else ""

    @staticmethod
    def correct_parts(text, backend, run) -> str | None:
        """A compound with a slip in one of its words: 司法保户 → 司法保护. Only when the
        corrected compound is written somewhere (量子计算 must not become 量刑计算)."""
        parts = query_words(text)
        if len(parts) < 2 or "".join(parts) != fold(text):
            return None
        slips = [i for i, p in enumerate(parts) if len(p) >= 2 and backend.suggest(p)]
        if len(slips) != 1:  # one slip; more would be guessing
            return None
        i = slips[0]
        written = {}
        for candidate in backend.suggest(parts[i]):
            compound = "".join([*parts[:i], candidate, *parts[i + 1 :]])
            written[compound] = run(parse_query(f'"{compound}"'), [], 0, 1)["hits"]
        best = max(written, key=written.get, default=None)
        return best if best and written[best] else None
