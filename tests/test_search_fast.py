"""The fast path (``whoosh_fast``, ``whoosh_engine``) against Whoosh's own plain walk over the
same fresh index: the same hits, the same exact counts, the same facets, the same order.

The index holds the two seed reports plus sections spread over courts and years, written in
several commits (several segments) with one report withdrawn afterwards (deleted documents
inside the segments), so every shortcut the fast path takes meets what it must skip."""

import numpy as np
import pytest
from whoosh import query as wq
from whoosh.sorting import Count, FieldFacet, MultiFacet, ScoreFacet

from reports.choices import ReportStatus
from reports.search import signals
from reports.search import whoosh_fast as fast
from reports.search.indexing import get_backend
from reports.search.labels import FACET_FIELDS
from reports.search.page import build_request
from reports.search.whoosh_engine import WhooshEngine, expand
from tests.factories import CourtFactory, ReportFactory, SectionFactory
from tests.search_data import make_seed_reports

QUERIES = [
    "执行",  # a common two-character word: one term per field since the trailing gram went
    "法院",
    "知识产权",  # a dictionary word: words and a gram phrase
    "呼和浩特",
    "呼和浩特中院",  # a court's names: several gram phrases sharing their first grams
    "知识产权 执行",  # AND
    "破产 OR 金融",  # OR
    "知识产权 -刑事",  # exclusion
    '"司法保护"',  # phrase
    '"司法 保护"',  # typed with a space inside the quotes
    "院",  # a single character: grams only
    "执行2023",  # a number after a word: a gram phrase whose lone 行 needs no position check
    "",  # browse: match-all
    "-执行",  # match-all minus an exclusion
    "量子纠缠",  # nothing
]
FILTERS = [
    {},
    {"court": ["呼和浩特市中级人民法院"]},
    {"year": ["2019..2023"]},
    {"court": ["甲县人民法院", "乙县人民法院"], "topic": ["enforcement"]},
]


@pytest.fixture
def index(db, django_capture_on_commit_callbacks, monkeypatch):
    # Keep every commit's segment (no background merge): the fast path must span segments.
    monkeypatch.setattr(signals, "MAX_SEGMENTS", 1000)
    with django_capture_on_commit_callbacks(execute=True):
        make_seed_reports()
    courts = [CourtFactory(name=n) for n in ("甲县人民法院", "乙县人民法院", "丙县人民法院")]
    texts = [
        "强化执行工作，兑现胜诉权益，执行到位金额2023年创新高。",
        "审理破产案件，服务金融稳定，法院执行联动。",
        "知识产权司法保护，严惩刑事犯罪。",
        "法院深化诉源治理，司法保护未成年人。",
        # Every gram and word of 司法保护, never together: a phrase candidate to reject.
        "依法保护司法公正，执法保障有力。",
    ]
    withdrawn = None
    for i in range(12):  # one commit per report: several segments
        with django_capture_on_commit_callbacks(execute=True):
            report = ReportFactory(court=courts[i % 3], year=2016 + i % 9)
            for order, text in enumerate(texts[i % 5 :] + texts[: i % 5], start=1):
                topic = "enforcement" if "执行" in text else "overview"
                SectionFactory(report=report, order=order, text=text * (1 + i % 3), topic=topic)
            withdrawn = withdrawn or report
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn.status = ReportStatus.DRAFT
        withdrawn.save()
    backend = get_backend()
    searcher = backend.searcher()
    assert len(fast.leaves(searcher)) > 1 and searcher.reader().has_deletions()
    return backend


def plain_filter(searcher, ords, filters, without=None):
    terms = []
    for field, values in filters.items():
        if field != without:
            terms.append(wq.Or([wq.Term(field, v) for v in expand(ords.values[field], values)]))
    return wq.And(terms) if terms else None


def plain(searcher, query, filters, ords, sort=None):
    """Whoosh's own walk: every hit scored, grouped and sorted in Python."""
    results = searcher.search(
        query,
        limit=None,
        filter=plain_filter(searcher, ords, filters),
        groupedby={"report_id": FieldFacet("report_id", maptype=Count)},
        sortedby=sort,
        optimize=False,
    )
    return results


@pytest.fixture(params=[True, False], ids=["numpy scores", "matcher fallback"])
def scoring(request, monkeypatch):
    """Both ranking paths: the numpy scores, and Whoosh's top k that queries the numpy
    scorer cannot score fall back to."""
    from reports.search import whoosh_engine

    monkeypatch.setattr(whoosh_engine, "NUMPY_SCORES", request.param)
    return request.param


def test_counts_facets_and_ranking_equal_the_plain_walk(index, scoring):
    engine = WhooshEngine(index)
    searcher = index.searcher()
    for filters, q in [(f, q) for f in FILTERS for q in QUERIES]:
        parsed = build_request(q).query
        query = engine.query(parsed)
        ords = engine_ordinals(searcher)
        results = plain(searcher, query, filters, ords)
        found = engine.execute(parsed, filters, sort="relevance", offset=0, limit=10)
        assert found.count == len(results), (q, filters)
        assert found.reports == len(results.groups("report_id")), q
        for field in FACET_FIELDS:
            expected = searcher.search(
                query,
                limit=None,
                filter=plain_filter(searcher, ords, filters, without=field),
                groupedby={field: FieldFacet(field, maptype=Count)},
            ).groups(field)
            expected = {v: n for v, n in expected.items() if v}
            assert dict(found.facets[field]) == expected, (q, field)
        if parsed.browse:
            continue
        # The best ten by the full walk's scores, and each hit is the section with its score.
        items = list(results.items())
        by_section = dict(zip(stored_ids(searcher, [d for d, _ in items]), items, strict=True))
        best = sorted((score for _, score in items), reverse=True)[:10]
        assert [h.score for h in found.hits] == pytest.approx(best, rel=1e-12, abs=1e-8), q
        for hit in found.hits:
            assert by_section[hit.section_id][1] == pytest.approx(hit.score, rel=1e-12, abs=1e-8), q


def engine_ordinals(searcher):
    from reports.search.whoosh_engine import ordinals

    return ordinals(searcher)


def stored_ids(searcher, docnums):
    return [int(searcher.stored_fields(d)["django_id"]) for d in docnums]


def test_year_and_court_sorts_equal_the_plain_walk_page_by_page(index, scoring):
    engine = WhooshEngine(index)
    searcher = index.searcher()
    for sort, q in [
        (s, q) for s in ("year", "court") for q in ("执行", "法院", "", "知识产权 -刑事")
    ]:
        keys = [FieldFacet("year", reverse=True), ScoreFacet()]
        if sort == "court":
            keys.insert(0, FieldFacet("court"))
        parsed = build_request(q).query
        ords = engine_ordinals(searcher)
        results = plain(searcher, engine.query(parsed), {}, ords, MultiFacet(keys))
        expected = stored_ids(searcher, [d for d, _ in results.items()])
        shown = []
        for offset in range(0, len(expected), 7):
            found = engine.execute(parsed, {}, sort=sort, offset=offset, limit=7)
            shown += [h.section_id for h in found.hits]
        if parsed.browse:  # equal scores: any order inside a group is right
            assert sorted(shown) == sorted(expected)
            assert group_keys(searcher, shown, sort) == group_keys(searcher, expected, sort)
        else:
            assert shown == expected, q


def group_keys(searcher, section_ids, sort):
    by_id = {int(f["django_id"]): f for f in searcher.all_stored_fields()}
    fields = ("court", "year") if sort == "court" else ("year",)
    return [tuple(by_id[s].get(f) for f in fields) for s in section_ids]


def test_posting_ids_read_blockwise_equal_the_matcher(index):
    searcher = index.searcher()
    for leaf, _ in fast.leaves(searcher):
        reader = leaf.reader()
        for field, text in (("text", "执行"), ("cjk", "法院"), ("year", "2023"), ("cjk", "无此词")):
            expected = []
            if (field, text) in reader:
                matcher = reader._terms.matcher(field, reader._text_to_bytes(field, text),
                                                reader.schema[field].format)  # fmt: skip
                expected = list(matcher.all_ids())
            assert fast.posting_ids(reader, field, text).tolist() == expected


def test_long_posting_lists_span_blocks(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = ReportFactory()
        for order in range(300):  # more than one 128-posting block
            SectionFactory(report=report, order=order, text=f"第{order}段，执行。")
    searcher = get_backend().searcher()
    ids = fast.match_ids(searcher, wq.Term("text", "执行"))
    assert ids.size == 300 and np.all(np.diff(ids) > 0)


def whoosh_scores(searcher, query) -> dict[int, float]:
    """{global document number: score} by Whoosh's own matchers, segment by segment."""
    scores = {}
    for leaf, offset in fast.leaves(searcher):
        matcher = query.matcher(leaf, searcher.context())
        while matcher.is_active():
            if not leaf.reader().is_deleted(matcher.id()):
                scores[matcher.id() + offset] = matcher.score()
            matcher.next()
    return scores


def test_numpy_scores_equal_whooshs_matchers_over_long_posting_lists(
    db, django_capture_on_commit_callbacks
):
    # Frequencies, lengths and years that differ per section, over 128-posting blocks.
    with django_capture_on_commit_callbacks(execute=True):
        for year in (2019, 2023):
            report = ReportFactory(year=year)
            for order in range(160):
                text = "执行" * (1 + order % 4) + "法院审理案件。" * (1 + order % 7)
                if order % 3 == 0:
                    text += "知识产权司法保护。"
                if order % 5 == 0:
                    text += "依法保护司法公正。"  # every gram of 司法保护, never together
                SectionFactory(report=report, order=order, text=text)
    engine = WhooshEngine(get_backend())
    searcher = engine.backend.searcher()
    assert (
        max(
            len(fast.posting_ids(leaf.reader(), "cjk", "法院")) for leaf, _ in fast.leaves(searcher)
        )
        > 128
    )
    for q in (
        "执行",
        "法院 执行",
        "执行法院",
        '"司法保护"',
        "知识产权 -公正",
        "执行 OR 保护",
        "院",
    ):
        query = engine.query(build_request(q).query)
        ids, scores = fast.scored_matches(searcher, query)
        expected = whoosh_scores(searcher, query)
        assert ids.tolist() == sorted(expected), q
        assert scores.tolist() == pytest.approx([expected[i] for i in ids.tolist()], rel=1e-12), q


def test_a_query_part_without_numpy_scores_leaves_scoring_to_whoosh(index):
    searcher = index.searcher()
    assert fast.scored_matches(searcher, wq.Every()) is None
    assert fast.scored_matches(searcher, wq.Or([wq.Term("text", "执行")], minmatch=1)) is None
    assert fast.scored_matches(searcher, wq.Phrase("text", ["执行", "工作"], slop=2)) is None


def test_best_orders_by_score_then_document_number():
    ids = np.array([3, 5, 8, 9, 12])
    scores = np.array([1.0, 2.0, 2.0, 0.5, 2.0])
    assert fast.best(ids, scores, 0, 2) == [(5, 2.0), (8, 2.0)]
    assert fast.best(ids, scores, 2, 2) == [(12, 2.0), (3, 1.0)]
    assert fast.best(ids, scores, 4, 10) == [(9, 0.5)]
    assert fast.best(ids, scores, 5, 10) == []


def test_ordinals_follow_each_document_value(index):
    searcher = index.searcher()
    ords = engine_ordinals(searcher)
    reader = searcher.reader()
    for docnum in reader.all_doc_ids():
        stored = reader.stored_fields(docnum)
        for field in ("court", "year", "topic"):
            assert ords.values[field][ords.ords[field][docnum]] == (stored.get(field) or "")


def test_recency_factor_orders_ties_and_keeps_block_bounds():
    class Fixed:
        def supports_block_quality(self):
            return True

        def score(self, matcher):
            return 2.0

        def max_quality(self):
            return 2.0

        def block_quality(self, matcher):
            return 2.0

    newer, older = fast.RecencyScorer(Fixed(), [1 + 2e-6]), fast.RecencyScorer(Fixed(), [1 + 1e-6])

    class At:
        def id(self):
            return 0

    assert newer.score(At()) > older.score(At())
    assert newer.score(At()) <= newer.max_quality() and newer.block_quality(At()) >= newer.score(
        At()
    )


def test_an_empty_index_answers_with_nothing(db):
    found = WhooshEngine(get_backend()).execute(
        build_request("执行").query, {"court": ["甲县人民法院"]}, sort="year", offset=0, limit=10
    )
    assert (found.count, found.reports, found.hits) == (0, 0, [])
    assert all(found.facets[f] == [] for f in FACET_FIELDS)


def test_cached_posting_lists_give_the_same_pages(index, monkeypatch):
    monkeypatch.setattr(fast.PostingCache, "MIN_POSTINGS", 1)  # cache every list
    fast.posting_cache.clear()
    engine = WhooshEngine(index)

    def pages():
        return [
            (found.count, [(h.section_id, h.score) for h in found.hits], found.facets)
            for q in QUERIES
            for found in [
                engine.execute(build_request(q).query, {}, sort="relevance", offset=0, limit=10)
            ]
        ]

    first = pages()  # read from the files, filling the cache
    assert fast.posting_cache.entries
    assert pages() == first  # from the cache
    fast.posting_cache.clear()


def test_posting_cache_keeps_to_its_budget_dropping_the_least_recently_used(monkeypatch):
    monkeypatch.setattr(fast.PostingCache, "MIN_POSTINGS", 1)
    cache = fast.PostingCache(budget_bytes=3 * 16 * 100)  # three lists of 100 postings
    lists = {k: (np.arange(100, dtype=np.int64), np.ones(100)) for k in "abcd"}
    for key in "abc":
        cache.put(key, *lists[key])
    cache.get("a")  # used lately: b is now the oldest
    cache.put("d", *lists["d"])
    assert set(cache.entries) == {"a", "c", "d"} and cache.size <= cache.budget
    with pytest.raises(ValueError):
        cache.get("a")[0][0] = 5  # shared by every query: read-only


def test_a_compound_segment_opens_without_copying_its_parts(tmp_path):
    """Whoosh's own BufferFile copied each whole part into BytesIO at every reader open."""
    import tracemalloc

    from whoosh.fields import ID, TEXT, Schema
    from whoosh.filedb import compound
    from whoosh.filedb.filestore import FileStorage

    assert compound.BufferFile is fast.MappedPart
    ix = FileStorage(str(tmp_path)).create_index(Schema(id=ID(stored=True), body=TEXT))
    writer = ix.writer()
    for n in range(600):
        writer.add_document(id=str(n), body=" ".join(f"w{(n * 7 + k) % 5000}" for k in range(400)))
    writer.commit()
    size = sum(f.stat().st_size for f in tmp_path.iterdir())
    assert size > 2_000_000
    tracemalloc.start()
    reader = ix.reader()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < size / 4, (peak, size)
    # And it reads what was written: terms, postings, stored fields.
    searcher = ix.searcher()
    assert searcher.stored_fields(5) == {"id": "5"}
    assert len(searcher.search(wq.Term("body", "w35"), limit=None)) > 0
    searcher.close()
    reader.close()


def test_view_stream_reads_as_a_file_does():
    import io

    data = b"first line\nsecond\n\nlast"
    ours, theirs = fast.ViewStream(memoryview(data)), io.BytesIO(data)
    for step in (lambda f: f.read(3), lambda f: f.readline(), lambda f: f.tell(),
                 lambda f: f.seek(-4, 2), lambda f: f.read(), lambda f: f.read(),
                 lambda f: f.seek(0), lambda f: list(f), lambda f: f.seek(2, 1),
                 lambda f: f.readline(3)):  # fmt: skip
        assert step(ours) == step(theirs)
