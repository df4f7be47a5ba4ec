"""The Elasticsearch/OpenSearch implementation of the engine layer (``engine.Engine``),
chosen when ``PORTAL_SEARCH_URL`` is set (e.g. ``http://127.0.0.1:9200``; the index name is
``PORTAL_SEARCH_INDEX``, default ``sections``).

What runs here is the seam only: request bodies from ``es_query.search_body`` go to
``POST {url}/{index}/_search`` and the answer is read back into ``engine.Matches``. The tests
check both halves against a recorded answer; **no cluster has run them** (none can run on the
project's machines), and nothing writes the index yet: filling it (``es_query.INDEX_SETTINGS``
plus a bulk load of ``SectionIndex``'s documents, and the sync of ``signals``) is the next
step before the setting can be used in production. Word suggestions need the cluster's
``term`` suggester and are not asked for: "did you mean" then offers court names only.
"""

from __future__ import annotations

import json
import urllib.request

from reports.search import es_query
from reports.search.engine import FACET_FIELDS, HIT_FIELDS, Found, Matches, recently_withdrawn

TIMEOUT = 10.0


def found(hit: dict) -> Found:
    source = hit.get("_source", {})
    return Found(
        section_id=int(source.get("django_id") or hit.get("_id", "0").split(".")[-1]),
        report_id=int(source.get("report_id") or 0),
        score=float(hit.get("_score") or 0.0),
        fields={k: source.get(k) for k in HIT_FIELDS},
    )


class ElasticsearchEngine:
    def __init__(self, url: str, index: str = "sections", transport=None):
        self.url = url.rstrip("/")
        self.index = index
        self.transport = transport or self.post

    def post(self, path: str, body: dict) -> dict:
        request = urllib.request.Request(
            f"{self.url}/{self.index}/{path}",
            data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return json.loads(response.read().decode("utf-8"))

    @staticmethod
    def _rules() -> dict:
        """What the compiler takes from this side: the project's word cutter (loosely typed
        names) and the reports withdrawn since the index last heard."""
        from reports.search.analysis import query_words

        return {"split": query_words, "exclude_reports": recently_withdrawn()}

    def execute(
        self, parsed, filters, *, sort, offset, limit, facets=FACET_FIELDS, per_report=0
    ) -> Matches:
        body = es_query.search_body(
            parsed,
            filters=filters,
            facets=facets,
            sort=sort,
            offset=offset,
            size=limit,
            per_report=per_report,
            **self._rules(),
        )
        # Distinct reports under every filter (exact up to 40,000 reports).
        body.setdefault("aggs", {})["reports"] = {
            "filter": body.get("post_filter", {"match_all": {}}),
            "aggs": {
                "distinct": {"cardinality": {"field": "report_id", "precision_threshold": 40000}}
            },
        }
        answer = self.transport("_search", body)
        aggregations = answer.get("aggregations", {})
        hits, sections = [], {}
        for top in answer.get("hits", {}).get("hits", []):
            # Collapsed: each top hit stands for its report, whose sections are inner hits.
            inner = top.get("inner_hits", {}).get("sections", {}).get("hits")
            for hit in inner.get("hits", []) if inner else [top]:
                hits.append(found(hit))
            if inner:
                sections[found(top).report_id] = int(inner.get("total", {}).get("value", 0))
        return Matches(
            count=int(answer.get("hits", {}).get("total", {}).get("value", 0)),
            reports=int(aggregations.get("reports", {}).get("distinct", {}).get("value", 0)),
            hits=hits,
            facets={
                name: [
                    (str(b["key"]), int(b["doc_count"]))
                    for b in aggregations.get(name, {}).get("values", {}).get("buckets", [])
                    if str(b["key"])
                ]
                for name in facets
            },
            sections=sections,
        )

    def count(self, parsed, filters=None) -> int:
        body = es_query.search_body(parsed, filters=filters, size=0, **self._rules())
        answer = self.transport("_search", body)
        return int(answer.get("hits", {}).get("total", {}).get("value", 0))

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        return []
