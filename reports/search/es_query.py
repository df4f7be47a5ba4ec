"""Elasticsearch request bodies for the query tree of ``reports.search.query``.

The scale-out seam (DESIGN.md, "Scale"): the reader's query is parsed once, in pure Python
(``query.parse_query``), and each engine compiles the tree in its own terms — Whoosh syntax in
``whoosh_syntax``, Elasticsearch's query DSL here. Both follow the same rules:

- every clause must match; the words of a clause (``a OR b``, a court's names) are
  alternatives; ``-词`` excludes;
- a word matches as words of the heading (×4), body (×2) or context (×1) — every word of it
  somewhere (``cross_fields``) — or as a substring of the ``cjk`` bigram field; a word with
  digits or a single character (1.39万, 院) only as the substring;
- a phrase must appear as written (the bigram field), in the heading or body counts more;
- a name typed without its quotes or middle word may stand apart (``query.loose_name``);
- filters are terms or year ranges; facet counts of a chosen field ignore its own filter
  (``post_filter`` plus filtered aggregations: the usual multi-select facets);
- relevance sorts ties by year, newest first;
- reports withdrawn since the index last heard are excluded at once (``exclude_reports``).

Text is folded (``normalize.fold``: traditional → simplified, full-width → half-width) before
it is sent, as the indexed text must be, so no OpenCC plugin is needed on the cluster.

    >>> from reports.search.query import parse_query
    >>> compile_query(parse_query('"司法保护" -刑事'))["bool"]["must_not"][0]["bool"]["should"][-1]
    {'match_phrase': {'cjk': {'query': '刑事', 'boost': 0.5}}}

No Elasticsearch client, no Django, no Whoosh: dictionaries in, dictionaries out.
"""

from __future__ import annotations

import re

from reports.search.normalize import fold
from reports.search.query import RUN, WORD, loose_name
from reports.search.ranking import CONTENT, CONTEXT, GRAMS, HEADING, WEIGHTS

FACET_SIZE = 200
NEWEST = {"year": {"order": "desc"}}
SORTS = {
    "relevance": ["_score", NEWEST],
    "year": [NEWEST, "_score"],
    "court": [{"court": {"order": "asc"}}, NEWEST, "_score"],
}
# Words the CJK word analyzer would cut into single characters or numbers: substring only.
SUBSTRING_ONLY = re.compile(r"[0-9%.]|^.$")

# The index: a Chinese word analyzer on the text fields (the smartcn plugin ships with
# Elasticsearch; IK is the usual alternative) and the built-in ``cjk`` analyzer (bigrams) for
# substrings. Keyword fields for facets and filters; ``year`` as text keeps "2023" filters
# and ranges comparable with Whoosh's (four digits sort as numbers do).
INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                "zh_words": {"type": "custom", "tokenizer": "smartcn_tokenizer"},
                "zh_grams": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["cjk_width", "lowercase", "cjk_bigram"],
                },
            }
        }
    },
    "mappings": {
        "properties": {
            HEADING: {"type": "text", "analyzer": "zh_words"},
            CONTENT: {"type": "text", "analyzer": "zh_words"},
            CONTEXT: {"type": "text", "analyzer": "zh_words"},
            GRAMS: {"type": "text", "analyzer": "zh_grams"},
            **{
                name: {"type": "keyword"}
                for name in ("court", "court_slug", "level", "province", "city", "year")
            },
            **{name: {"type": "keyword"} for name in ("kind", "topic", "report_id")},
            "title": {"type": "keyword", "index": False},
            "order": {"type": "integer", "index": False},
        }
    },
}


def phrase(field: str, text: str, boost: float | None = None) -> dict:
    body = {"query": text} if boost is None else {"query": text, "boost": boost}
    return {"match_phrase": {field: body}}


def _words(text: str) -> dict:
    return {
        "multi_match": {
            "query": text,
            "type": "cross_fields",
            "operator": "and",
            "fields": [f"{f}^{WEIGHTS[f]:g}" for f in (HEADING, CONTENT, CONTEXT)],
        }
    }


def loose(text: str, words: list[str]) -> dict | None:
    """``query.loose_name``'s parts, all required: a word as words, a run as a gram phrase, a
    pair as either bigram phrase; None when the name has none."""
    parts = []
    for kind, texts in loose_name(text, words):
        if kind == WORD:
            parts.append(_words(texts[0]))
        elif kind == RUN:
            parts.append(phrase(GRAMS, texts[0]))
        else:
            pairs = [phrase(GRAMS, p) for p in texts]
            parts.append(
                pairs[0]
                if len(pairs) == 1
                else {"bool": {"should": pairs, "minimum_should_match": 1}}
            )
    return {"bool": {"must": parts}} if parts else None


def compile_word(word, split=None) -> dict:
    """One word or phrase of the tree (``query.Word``). ``split``: the project's word cutter
    (``analysis.query_words``), for names typed loosely; without it they match as written."""
    text = fold(" ".join(word.text.split()))
    grams = phrase(GRAMS, text, WEIGHTS[GRAMS])
    if word.phrase:
        placed = [phrase(HEADING, text, WEIGHTS[HEADING]), phrase(CONTENT, text, WEIGHTS[CONTENT])]
        return {"bool": {"must": [grams], "should": placed}}
    words = split(text) if split else []
    # A name whose words leave lone characters (六个一工作法) may stand apart, below as written.
    spread = loose(text, words) if any(len(w) < 2 for w in words) else None
    if SUBSTRING_ONLY.search(text):
        return {"bool": {"should": [grams, spread], "minimum_should_match": 1}} if spread else grams
    alternatives = [_words(text), grams] + ([spread] if spread else [])
    return {"bool": {"should": alternatives, "minimum_should_match": 1}}


def compile_query(parsed, split=None, exclude_reports=()) -> dict:
    """The ``query`` of a search for a ``query.ParsedQuery`` (match-all when nothing is
    required). ``exclude_reports``: ids of reports withdrawn since the index last heard,
    kept out of hits, counts and facets alike."""
    must = []
    for clause in parsed.must:
        alternatives = [compile_word(w, split) for w in clause.words]
        if len(alternatives) == 1:
            must.append(alternatives[0])
        else:
            must.append({"bool": {"should": alternatives, "minimum_should_match": 1}})
    query = {"bool": {"must": must or [{"match_all": {}}]}}
    must_not = [compile_word(w, split) for w in parsed.must_not]
    if exclude_reports:
        must_not.append({"terms": {"report_id": sorted(str(r) for r in exclude_reports)}})
    if must_not:
        query["bool"]["must_not"] = must_not
    return query


def compile_filter(field: str, values) -> dict:
    """Any of ``values`` in a keyword field; ``a..b`` is an inclusive range, either end open."""
    parts = []
    for value in values:
        low, dots, high = str(value).partition("..")
        if dots:
            bounds = {k: v for k, v in (("gte", low), ("lte", high)) if v}
            parts.append({"range": {field: bounds}})
        else:
            parts.append({"term": {field: str(value)}})
    return parts[0] if len(parts) == 1 else {"bool": {"should": parts, "minimum_should_match": 1}}


def search_body(
    parsed,
    filters=None,
    facets=(),
    sort="relevance",
    offset=0,
    size=10,
    per_report=0,
    split=None,
    exclude_reports=(),
) -> dict:
    """A whole ``_search`` request body.

    ``filters``: {field: [values]} (values of one field ORed, fields ANDed). Each facet counts
    under every filter but its own, so a chosen court's facet still shows the other courts.
    ``per_report`` > 0: ``from``/``size`` count reports (a ``collapse`` on ``report_id``) and
    each report's first ``per_report`` sections come back as its inner hits. ``split`` and
    ``exclude_reports`` as for ``compile_query``."""
    filters = {f: compile_filter(f, v) for f, v in (filters or {}).items() if v}
    body = {
        "query": compile_query(parsed, split, exclude_reports),
        "from": max(offset, 0),
        "size": max(size, 0),
        "sort": SORTS.get(sort, SORTS["relevance"]),
        "track_total_hits": True,
    }
    if per_report > 0:
        body["collapse"] = {
            "field": "report_id",
            "inner_hits": {"name": "sections", "size": per_report, "sort": body["sort"]},
        }
    if filters:
        body["post_filter"] = {"bool": {"filter": list(filters.values())}}
    if facets:
        aggs = {}
        for name in facets:
            others = [q for f, q in filters.items() if f != name]
            aggs[name] = {
                "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
                "aggs": {"values": {"terms": {"field": name, "size": FACET_SIZE}}},
            }
        body["aggs"] = aggs
    return body
