"""The search path before the engine layer, kept to be measured against in the same run.

``LegacyEngine`` answers the engine protocol the way ``SearchForm.search()`` did until the
engine layer replaced it: haystack's ``backend.search`` with Whoosh's ``sortedby`` (relevance,
then year) and ``groupedby`` (the open facets), a ``django_ct`` filter on every query, filters
as Whoosh ``filter=`` queries checked per hit, one more search per chosen facet field, and the
query's trailing CJK gram (``执行`` as the phrase ``执行 行``). Everything around the engine
(parsing, fallbacks, snippets, the page) is the current code, so the ratio is the engine's.
"""

from __future__ import annotations

from contextlib import contextmanager

from reports.models import Section
from reports.search import analysis
from reports.search.engine import FACET_FIELDS, HIT_FIELDS, Found, Matches
from reports.search.indexing import get_backend


@contextmanager
def old_query_shape():
    saved = analysis.DROP_FINAL_GRAM
    analysis.DROP_FINAL_GRAM = False
    try:
        yield
    finally:
        analysis.DROP_FINAL_GRAM = saved


class LegacyEngine:
    def __init__(self):
        self.backend = get_backend()

    def _run(self, parsed, filters, facets, start, end, sort, without=None):
        backend = self.backend
        narrow = {backend.compile_filter(f, v) for f, v in filters.items() if v and f != without}
        with old_query_shape():
            return backend.search(
                backend.compile_query(parsed),
                narrow_queries=narrow,
                facets=facets,
                sort_by=["-year"] if sort == "year" else None,
                start_offset=start,
                end_offset=end,
                models=[Section],
            )

    def execute(
        self, parsed, filters, *, sort, offset, limit, facets=FACET_FIELDS, per_report=0
    ) -> Matches:
        # The old page paged sections, not reports: per_report is not read.
        open_facets = [f for f in facets if f not in filters]
        raw = self._run(parsed, filters, open_facets, offset, offset + limit, sort)
        counts = dict(raw["facets"]["fields"])
        for field in facets:
            if field in filters:
                again = self._run(parsed, filters, [field], 0, 1, sort, without=field)
                counts[field] = again["facets"]["fields"][field]
        hits = [
            Found(
                section_id=int(r.pk),
                report_id=int(r.report_id),
                score=float(r.score or 0),
                fields={k: getattr(r, k, None) for k in HIT_FIELDS},
            )
            for r in raw["results"]
        ]
        # The old page counted no reports.
        return Matches(count=raw["hits"], reports=0, hits=hits, facets=counts)

    def count(self, parsed, filters=None) -> int:
        return self._run(parsed, filters or {}, [], 0, 1, "relevance")["hits"]

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        return self.backend.suggest(word, limit)
