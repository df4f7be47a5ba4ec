"""haystack's Whoosh backend, adapted for Chinese and for one writer at a time.

What changes against ``haystack.backends.whoosh_backend`` (each is a measured trap with its
test in ``tests/test_search.py`` or ``tests/test_search_sync.py``):

- Schema: jieba analysis on the text fields, a CJK-gram field ``cjk`` (heading, text and
  context) for substring recall, untokenised ID fields for facets and filters, and only what
  result pages show is stored (the section body once).
- Match-all (``*``, browse pages) runs Whoosh's ``Every()`` over document numbers instead of
  expanding every term of the text field.
- Slicing: ``search(start_offset=5, end_offset=15)`` returns hits 5–14 (haystack computed a
  page number and returned 0–9).
- A searcher is kept per thread and refreshed only when the index changed.
- Writes take ``storage.write_lock`` and retry Whoosh's own ``LockError`` with backoff, and
  raise when they finally fail instead of logging and dropping the change.
- Highlighting uses the field's own analysis (``highlighting.snippet``), not StemmingAnalyzer.

Queries arrive as Whoosh syntax compiled from ``query.ParsedQuery`` by ``compile_query``
(``whoosh_syntax``, where the ranking weights are too).
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time

from django.utils.encoding import force_str
from haystack.backends import BaseEngine, log_query
from haystack.backends.whoosh_backend import WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SkipDocument
from haystack.models import SearchResult
from haystack.utils import get_identifier, get_model_ct
from haystack.utils.app_loading import haystack_get_model
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.fields import BOOLEAN, DATETIME, NUMERIC, STORED, TEXT, Schema
from whoosh.fields import ID as WHOOSH_ID
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.index import LockError
from whoosh.qparser import QueryParser
from whoosh.reading import ReaderClosed
from whoosh.scoring import BM25F
from whoosh.sorting import Count, FieldFacet, MultiFacet, ScoreFacet

from reports.search import highlighting, storage
from reports.search import whoosh_syntax as syntax
from reports.search.analysis import (
    ANALYZER_VERSION,
    ChineseAnalyzer,
    CJKGramAnalyzer,
    dictionary_fingerprint,
)
from reports.search.normalize import fold
from reports.search.ranking import CONTENT, CONTEXT, GRAMS, HEADING
from reports.search.spelling import Speller
from reports.search.whoosh_fast import RecencyWeighting

logger = logging.getLogger(__name__)

# How long a writer waits for Whoosh's own lock once it holds ours (only writers that bypass
# this backend, such as haystack's update_index in another process, can hold it).
WRITER_TIMEOUT = 30.0
# How long a "did you mean" vocabulary serves an index that keeps changing.
SPELLER_MAX_AGE = 60.0
NUMBER_RE = re.compile(r"^[0-9.%]+$")
# "Did you mean" spellers by index directory, and the directories being rebuilt.
_spellers: dict[str, tuple[tuple, float, Speller]] = {}
_speller_builds: set[str] = set()
_spellers_lock = threading.Lock()


class ChineseWhooshSearchBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self._local = threading.local()
        self.generation = None

    # -- opening --------------------------------------------------------------------------

    def setup(self):
        from haystack import connections

        self.content_field_name, self.schema = self.build_schema(
            connections[self.connection_alias].get_unified_index().all_searchfields()
        )
        self.parser = QueryParser(self.content_field_name, schema=self.schema)
        if self.use_file_storage:
            if not os.path.lexists(self.path):
                with storage.write_lock(self.path):
                    if not os.path.lexists(self.path):
                        generation = storage.new_generation(self.path)
                        FileStorage(generation).create_index(self.schema)
                        self.write_meta(generation, documents=0)
                        storage.point_to(self.path, generation)
            self.generation = storage.current_generation(self.path)
            self.storage = FileStorage(self.generation)
        else:
            self.storage = RamStorage()
        try:
            self.index = self.storage.open_index(schema=self.schema)
        except whoosh_index.EmptyIndexError:
            self.index = self.storage.create_index(self.schema)
        self._local = threading.local()
        self.setup_complete = True
        if self.use_file_storage:
            self.check_fingerprint()

    def check_fingerprint(self) -> bool:
        """Warn when the index was built with another dictionary (its words would not match)."""
        built = storage.read_meta(self.generation).get("dictionary")
        if built and built != dictionary_fingerprint():
            logger.warning(
                "搜索索引使用的词典已变更，请运行 manage.py build_index 重建索引 "
                "(index dictionary %s differs from the current %s: rebuild the index)",
                built,
                dictionary_fingerprint(),
            )
            return False
        return True

    def write_meta(self, directory, **facts):
        storage.write_meta(
            directory, dictionary=dictionary_fingerprint(), analyzer=ANALYZER_VERSION, **facts
        )

    def _refresh(self):
        """Follow a swap to a new generation (``build_index``) made by any process."""
        if not self.setup_complete:
            self.setup()
        elif self.use_file_storage and storage.current_generation(self.path) != self.generation:
            self.setup()

    def searcher(self):
        self._refresh()
        searcher = getattr(self._local, "searcher", None)
        if searcher is None or searcher._ix is not self.index:
            if searcher is not None:
                searcher.close()  # a generation swapped out by build_index
            # Equal scores go to the newer report, inside the score (see whoosh_fast).
            searcher = self.index.searcher(weighting=RecencyWeighting(BM25F()))
        elif not searcher.up_to_date():
            searcher = self._refreshed(searcher)
        self._local.searcher = searcher
        return searcher

    def _refreshed(self, searcher):
        """The searcher on the index's latest commit, reusing the segments it already reads.

        A merge in another process may delete a segment between reading the table of contents
        and opening it; Whoosh then retries, but with the readers it has just closed, and
        raises ReaderClosed. The old searcher is unusable by then: a new one opens every
        segment afresh."""
        try:
            return searcher.refresh()
        except (ReaderClosed, OSError):
            logger.info("search index changed while its reader was refreshed; reopened")
            return self.index.searcher(weighting=RecencyWeighting(BM25F()))

    def build_schema(self, fields):
        schema = {
            ID: WHOOSH_ID(stored=True, unique=True),
            DJANGO_CT: WHOOSH_ID(stored=True),
            DJANGO_ID: WHOOSH_ID(stored=True),
        }
        content_field_name = ""
        for field in fields.values():
            name = field.index_fieldname
            if field.field_type == "keyword":
                schema[name] = WHOOSH_ID(stored=field.stored, sortable=True)
            elif not field.indexed:
                schema[name] = STORED()
            elif field.field_type in ("date", "datetime"):
                schema[name] = DATETIME(stored=field.stored, sortable=True)
            elif field.field_type in ("integer", "float"):
                numtype = int if field.field_type == "integer" else float
                schema[name] = NUMERIC(stored=field.stored, numtype=numtype, sortable=True)
            elif field.field_type == "boolean":
                schema[name] = BOOLEAN(stored=field.stored)
            else:
                schema[name] = TEXT(
                    analyzer=ChineseAnalyzer(),
                    phrase=True,
                    stored=field.stored,
                    field_boost=field.boost,
                )
            if field.document:
                content_field_name = name
        schema[GRAMS] = TEXT(analyzer=CJKGramAnalyzer(), phrase=True, stored=False)
        return content_field_name, Schema(**schema)

    # -- writing --------------------------------------------------------------------------

    def document(self, index, obj) -> dict | None:
        """The Whoosh document of ``obj``, or None when its index skips it."""
        try:
            prepared = index.full_prepare(obj)
        except SkipDocument:
            return None
        doc = {}
        for key, value in prepared.items():
            if value is None or key == "boost" or key not in self.schema:
                continue
            doc[key] = self._from_python(value)
        doc[GRAMS] = "\n".join(str(doc.get(f, "")) for f in (HEADING, CONTENT, CONTEXT))
        return doc

    def writer(self):
        """Whoosh's writer, retrying its lock with backoff; raises LockError in the end."""
        deadline = time.monotonic() + WRITER_TIMEOUT
        delay = 0.05
        while True:
            try:
                return self.index.writer()
            except LockError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

    def write(self, deletions=(), documents=(), merge=True, upsert=True):
        """Delete ``(field, term)`` pairs and add ``documents`` in one commit, under the lock.

        ``merge=False`` leaves merging segments (up to a second) to a later writer.
        ``upsert=False`` when ``deletions`` already remove every older copy of ``documents``:
        Whoosh's ``update_document`` opens a reader over every segment per document to delete
        the old copy, which was most of a report's publish time."""
        with storage.write_lock(self.path):
            self._refresh()
            writer = self.writer()
            try:
                for field, term in deletions:
                    writer.delete_by_term(field, term)
                add = writer.update_document if upsert else writer.add_document
                for doc in documents:
                    add(**doc)
            except BaseException:
                writer.cancel()
                raise
            writer.commit(merge=merge)

    def update(self, index, iterable, commit=True):
        self._refresh()
        docs = [doc for obj in iterable if (doc := self.document(index, obj))]
        if docs:
            self.write(documents=docs)

    def remove(self, obj_or_string, commit=True):
        self._refresh()
        self.write(deletions=[(ID, get_identifier(obj_or_string))])

    def replace(self, field, value, index, objects, merge=True):
        """Atomically swap every document whose ``field`` is ``value`` for ``objects``' (a
        report's sections: re-extraction may have renumbered or dropped some)."""
        self.replace_many(field, [value], index, objects, merge=merge)

    def replace_many(self, field, values, index, objects, merge=True):
        """``replace`` for several values in one commit."""
        self._refresh()
        docs = [doc for obj in objects if (doc := self.document(index, obj))]
        deletions = [(field, str(value)) for value in values]
        self.write(deletions=deletions, documents=docs, merge=merge, upsert=False)

    def merge_segments(self):
        """Merge the small segments that quick writes (``merge=False``) left behind."""
        self.write(merge=True)

    def segment_count(self) -> int:
        self._refresh()
        return len(self.index.refresh()._segments()) if self.use_file_storage else 0

    def clear(self, models=None, commit=True):
        self._refresh()
        if models is None:
            with storage.write_lock(self.path):
                writer = self.writer()
                writer.delete_by_query(wq.Every())
                writer.commit()
        else:
            self.write(deletions=[(DJANGO_CT, get_model_ct(model)) for model in models])

    def delete_index(self):
        self.clear()

    # -- compiling queries ----------------------------------------------------------------

    def compile_query(self, parsed) -> str:
        """Whoosh syntax for a ``query.ParsedQuery`` (``*`` when nothing is required)."""
        return syntax.compile_query(parsed)

    def compile_filter(self, field: str, values) -> str:
        return syntax.compile_filter(field, values)

    def parse(self, query_string: str):
        query_string = force_str(query_string).strip()
        if query_string in ("*", "*:*"):
            return wq.Every()
        parsed = self.parser.parse(query_string, normalize=False)
        return parsed.accept(self._repair).normalize()

    @staticmethod
    def _repair(query):
        # "*" next to other clauses parses as Every("text"), which walks every term of the
        # field; Every() walks document numbers.
        if isinstance(query, wq.Every):
            return wq.Every()
        # Whoosh turns a one-word phrase into a Term and drops its boost on the way.
        if isinstance(query, wq.Phrase) and len(query.words) == 1:
            return wq.Term(query.fieldname, query.words[0], boost=query.boost)
        return query

    # -- searching ------------------------------------------------------------------------

    @log_query
    def search(
        self,
        query_string,
        sort_by=None,
        start_offset=0,
        end_offset=None,
        fields="",
        highlight=False,
        facets=None,
        date_facets=None,
        query_facets=None,
        narrow_queries=None,
        spelling_query=None,
        within=None,
        dwithin=None,
        distance_point=None,
        models=None,
        limit_to_registered_models=None,
        result_class=None,
        **kwargs,
    ):
        searcher = self.searcher()
        if not query_string or not str(query_string).strip():
            return {"results": [], "hits": 0, "facets": {"fields": {}, "dates": {}, "queries": {}}}
        query = self.parse(query_string)
        filters = [self.parse(nq) for nq in narrow_queries or () if nq]
        model_cts = sorted(get_model_ct(m) for m in models or ()) or self.build_models_list()
        if model_cts:
            filters.append(wq.Or([wq.Term(DJANGO_CT, ct) for ct in model_cts]))
        groups = {name: FieldFacet(name, maptype=Count) for name in facets or ()}
        start = max(start_offset or 0, 0)
        limit = None if end_offset is None else max(end_offset, start + 1)
        sorting, score_at = self._sorting(sort_by)
        results = searcher.search(
            query,
            limit=limit,
            filter=wq.And(filters) if filters else None,
            sortedby=sorting,
            groupedby=groups or None,
            terms=False,
        )
        hits = len(results)
        end = hits if end_offset is None else min(end_offset, hits)
        terms = highlighting.query_terms(query) if highlight else ()
        found = [
            self._result(results[i], self._score(results.score(i), score_at), result_class, terms)
            for i in range(start, end)
        ]
        facet_counts = {"fields": {}, "dates": {}, "queries": {}}
        for name in groups:
            counts = results.groups(name)
            facet_counts["fields"][name] = sorted(
                ((v, n) for v, n in counts.items() if v not in (None, "")),
                key=lambda item: (-item[1], item[0]),
            )
        return {
            "results": [r for r in found if r is not None],
            "hits": hits,
            "facets": facet_counts,
            "spelling_suggestion": None,
        }

    def _sorting(self, sort_by):
        """(sort facet, where the score is in its key): relevance with ties to the newer
        year by default; ``-year``/``year`` put the year first, then relevance."""
        facets = []
        for key in sort_by or ():
            name = key.lstrip("-")
            if name != "score" and name in self.schema:
                facets.append(FieldFacet(name, reverse=key.startswith("-")))
        if not facets and "year" in self.schema:
            return MultiFacet([ScoreFacet(), FieldFacet("year", reverse=True)]), 0
        return MultiFacet([*facets, ScoreFacet()]), len(facets)

    @staticmethod
    def _score(key, score_at):
        """Whoosh reports a sorted hit's sort key; ScoreFacet keys are the negated score."""
        if isinstance(key, tuple):
            key = key[score_at] if score_at < len(key) else 0
        return -key if isinstance(key, int | float) else 0.0

    def _result(self, hit, score, result_class, terms):
        result_class = result_class or SearchResult
        stored = hit.fields()
        app_label, model_name = stored.pop(DJANGO_CT).split(".")
        model = haystack_get_model(app_label, model_name)
        if model is None:
            return None
        pk = stored.pop(DJANGO_ID)
        stored.pop(ID, None)
        if terms and stored.get(self.content_field_name):
            stored["highlighted"] = {
                self.content_field_name: [
                    highlighting.snippet(stored[self.content_field_name], terms)
                ]
            }
        return result_class(app_label, model_name, pk, score or 0, **stored)

    def vocabulary(self, reader=None):
        """(word, sections using it) for the words of headings and bodies that a reader could
        have meant: two characters or more, not bare numbers."""
        reader = reader or self.searcher().reader()
        for field in (HEADING, self.content_field_name):
            if field not in reader.schema:
                continue
            for term, info in reader.iter_field(field):
                word = force_str(term)
                if len(word) >= 2 and not NUMBER_RE.match(word):
                    yield word, info.doc_frequency()

    def speller(self) -> Speller:
        """The "did you mean" speller of the index, shared by the threads of the process
        (haystack gives each thread its own backend). Built on first use; once the index
        changed and a minute passed, rebuilt in the background while the old one answers —
        a suggestion is checked by a search before it is shown, so an old vocabulary costs
        nothing, and no reader waits for a rebuild (~2 s for 200,000 words)."""
        key = (self.generation or str(id(self.index)), self.index.latest_generation())
        with _spellers_lock:
            cached = _spellers.get(key[0])
        if cached is None:
            speller = Speller(self.vocabulary())
            with _spellers_lock:
                _spellers.clear()  # one index per process: forget swapped-out ones
                _spellers[key[0]] = (key, time.monotonic(), speller)
            return speller
        built_for, built_at, speller = cached
        if built_for != key and time.monotonic() - built_at >= SPELLER_MAX_AGE:
            self._rebuild_speller(key)
        return speller

    def _rebuild_speller(self, key):
        with _spellers_lock:
            if key[0] in _speller_builds:
                return
            _speller_builds.add(key[0])

        def build():
            try:
                reader = self.index.reader()
                try:
                    speller = Speller(self.vocabulary(reader))
                finally:
                    reader.close()
                with _spellers_lock:
                    if key[0] in _spellers:
                        _spellers[key[0]] = (key, time.monotonic(), speller)
            except Exception:  # an index swapped out meanwhile: the next query retries
                logger.warning("search vocabulary not rebuilt", exc_info=True)
            finally:
                with _spellers_lock:
                    _speller_builds.discard(key[0])

        threading.Thread(target=build, name="search-vocabulary", daemon=True).start()

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        """Words of the index one edit from ``word``, used by the most sections first."""
        return self.speller().correct(fold(word), limit)

    def doc_count(self) -> int:
        return self.searcher().doc_count()


class ChineseWhooshSearchQuery(WhooshSearchQuery):
    pass


class ChineseWhooshEngine(BaseEngine):
    backend = ChineseWhooshSearchBackend
    query = ChineseWhooshSearchQuery
