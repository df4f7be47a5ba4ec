"""The Whoosh 2.7.4 internals the fast search path reads, in this one module.

Whoosh walks every hit in Python to count, sort and facet a search (``searcher.search`` with
``sortedby``/``groupedby``: seconds at a few hundred thousand hits). Three things in it are
fast, and the engine (``whoosh_engine``) is built on them alone:

- **match sets**: a term's posting list read a block at a time — each block's document
  numbers are one pickled delta list, turned into ids by ``numpy.cumsum`` — and combined
  with numpy set operations along the query tree (``match_ids``);
- **facet ordinals**: every document's value of a keyword column as an integer array, read
  once per segment and kept until the segment goes away (``Ordinals``); a facet count is then
  ``numpy.bincount`` over the ordinals of the match set;
- **top k**: ``searcher.search(q, limit=k)`` with no sort key and no grouping skips whole
  posting blocks that cannot reach the k-th score. The tie-break to the newer report is
  folded into the score (``RecencyWeighting``) so that no Python sort key is needed. Under an
  ``ANDMAYBE`` the skipping loses hits, so those queries are scored hit by hit
  (``needs_full_walk``).

Whoosh is pinned (2.7.4, unmaintained): the private names used here (``_terms``,
``_perdoc``, ``W3LeafMatcher``'s block fields) do not move; ``tests/test_search_fast.py``
checks every function here against Whoosh's own plain walk.
"""

from __future__ import annotations

import heapq
import threading
from collections import OrderedDict

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.scoring import BaseScorer, WeightingModel

EMPTY = np.zeros(0, dtype=np.int64)
# A newer year multiplies the score by at most this much more than an older one: enough to
# order equal scores by year, too little to reorder scores that differ in earnest.
YEAR_STEP = 1e-7
YEAR_BASE = 1900
MAX_FACTOR = 1 + YEAR_STEP * 300
# Segments whose ordinals stay cached (a live index has a handful; old ones fall out).
CACHED_SEGMENTS = 64


def leaves(searcher) -> list[tuple[object, int]]:
    """(leaf searcher, offset of its first document) per segment."""
    return list(searcher.leaf_searchers())


def segment_id(reader) -> str:
    # An index with no segment yet opens as Whoosh's EmptyReader, which has no id.
    return getattr(reader, "_segid", "empty")


def deleted(reader) -> np.ndarray:
    if not reader.has_deletions():
        return EMPTY
    return np.fromiter(reader._perdoc.deleted_docs(), dtype=np.int64)


def live_docs(reader) -> np.ndarray:
    every = np.arange(reader.doc_count_all(), dtype=np.int64)
    gone = deleted(reader)
    return np.setdiff1d(every, gone, assume_unique=True) if gone.size else every


def posting_ids(reader, field: str, text) -> np.ndarray:
    """Sorted document numbers (of this segment) holding ``text`` in ``field``, deletions
    included: the caller removes them once per query instead of once per term."""
    if field not in reader.schema or (field, text) not in reader:
        return EMPTY
    tbytes = reader._text_to_bytes(field, text)
    matcher = reader._terms.matcher(field, tbytes, reader.schema[field].format)
    if not isinstance(matcher, W3LeafMatcher):  # a short list inlined in the term info
        return np.asarray(list(matcher.all_ids()), dtype=np.int64)
    chunks = []
    while not matcher._atend:
        if matcher._data is None:
            matcher._read_data()
        ids = matcher._data[0]
        if matcher._byteids:
            chunks.append(np.asarray(ids, dtype=np.int64))
        else:
            chunks.append(np.cumsum(np.asarray(ids, dtype=np.int64)))
        matcher._next_block()
    return np.concatenate(chunks) if chunks else EMPTY


def _union(arrays) -> np.ndarray:
    arrays = [a for a in arrays if a.size]
    if not arrays:
        return EMPTY
    if len(arrays) == 1:
        return arrays[0]
    return np.unique(np.concatenate(arrays))


def _intersect(arrays) -> np.ndarray:
    arrays = sorted(arrays, key=len)
    result = arrays[0]
    for other in arrays[1:]:
        if not result.size:
            break
        result = np.intersect1d(result, other, assume_unique=True)
    return result


def leaf_ids(leaf, query) -> np.ndarray:
    """Document numbers of one segment matching ``query`` (deletions included), exactly as
    Whoosh's matcher would find them."""
    reader = leaf.reader()
    if isinstance(query, wq.Every):
        return np.arange(reader.doc_count_all(), dtype=np.int64)
    if isinstance(query, type(wq.NullQuery)):
        return EMPTY
    if isinstance(query, wq.Term):
        return posting_ids(reader, query.fieldname, query.text)
    if isinstance(query, wq.And | wq.Require):
        children = list(query.children()) if isinstance(query, wq.And) else [query.a, query.b]
        positive = [c for c in children if not isinstance(c, wq.Not)]
        negative = [c.query for c in children if isinstance(c, wq.Not)]
        found = _intersect([leaf_ids(leaf, c) for c in positive]) if positive else None
        if found is None:
            found = np.arange(reader.doc_count_all(), dtype=np.int64)
        for child in negative:
            if found.size:
                found = np.setdiff1d(found, leaf_ids(leaf, child), assume_unique=True)
        return found
    if isinstance(query, wq.Or) and not getattr(query, "minmatch", 0):
        return _union([leaf_ids(leaf, c) for c in query.children()])
    if isinstance(query, wq.AndMaybe):
        return leaf_ids(leaf, query.a)
    if isinstance(query, wq.AndNot):
        found = leaf_ids(leaf, query.a)
        return (
            np.setdiff1d(found, leaf_ids(leaf, query.b), assume_unique=True)
            if found.size
            else found
        )
    if isinstance(query, wq.Not):
        every = np.arange(reader.doc_count_all(), dtype=np.int64)
        return np.setdiff1d(every, leaf_ids(leaf, query.query), assume_unique=True)
    if isinstance(query, wq.Phrase):
        found = phrase_ids(reader, query)
        if found is not None:
            return found
    # Phrases (positions are checked per candidate) and anything else: Whoosh's own matcher.
    matcher = query.matcher(leaf)
    return np.fromiter(matcher.all_ids(), dtype=np.int64) if matcher.is_active() else EMPTY


def positions(reader, field: str, text, candidates: np.ndarray) -> dict[int, list[int]] | None:
    """{document: positions of ``text``} for the ``candidates`` (sorted document numbers of
    this segment) only: a posting block's values are decoded just where a candidate is."""
    fmt = reader.schema[field].format
    if not fmt.supports("positions"):
        return None
    matcher = reader._terms.matcher(field, reader._text_to_bytes(field, text), fmt)
    found = {}
    if not isinstance(matcher, W3LeafMatcher):
        wanted = set(candidates.tolist())
        while matcher.is_active():
            if matcher.id() in wanted:
                found[matcher.id()] = list(matcher.value_as("positions"))
            matcher.next()
        return found
    after = 0  # candidates before this index lie in blocks already passed
    while not matcher._atend and after < candidates.size:
        if candidates[after] > matcher._maxid:  # no candidate in this block: not even read
            matcher._next_block()
            continue
        if matcher._data is None:
            matcher._read_data()
        ids = matcher._data[0]
        ids = np.asarray(ids, dtype=np.int64)
        ids = ids if matcher._byteids else np.cumsum(ids)
        after = int(np.searchsorted(candidates, matcher._maxid, side="right"))
        inside = np.flatnonzero(np.isin(ids, candidates, assume_unique=True))
        if inside.size:
            if matcher._values is None:
                matcher._read_values()
            for k in inside.tolist():
                found[int(ids[k])] = fmt.decode_positions(matcher._values[k])
        matcher._next_block()
    return found


def phrase_ids(reader, query) -> np.ndarray | None:
    """Documents of one segment holding ``query``'s words at consecutive positions (a slop-1
    phrase, as Whoosh's span matcher finds them), or None to leave it to Whoosh.

    Candidates are the intersection of the words' posting arrays; positions are decoded for
    candidates only and checked as sets — no span matcher per candidate (at 1,000 reports the
    span walk was 2/3 of a court name's search)."""
    if query.slop != 1 or query.fieldname not in reader.schema:
        return None
    words = list(query.words)
    candidates = _intersect([posting_ids(reader, query.fieldname, w) for w in words])
    if not candidates.size:
        return EMPTY
    found = []
    for word in dict.fromkeys(words):
        table = positions(reader, query.fieldname, word, candidates)
        if table is None:
            return None
        found.append((word, table))
    tables = dict(found)
    keep = []
    for doc in candidates.tolist():
        later = [set(tables[w].get(doc, ())) for w in words[1:]]
        if any(
            all(start + i in s for i, s in enumerate(later, 1))
            for start in tables[words[0]].get(doc, ())
        ):
            keep.append(doc)
    return np.asarray(keep, dtype=np.int64)


def match_ids(searcher, query) -> np.ndarray:
    """Sorted global document numbers of the live documents matching ``query``."""
    parts = []
    for leaf, offset in leaves(searcher):
        reader = leaf.reader()
        found = leaf_ids(leaf, query)
        gone = deleted(reader)
        if gone.size and found.size:
            found = np.setdiff1d(found, gone, assume_unique=True)
        if found.size:
            parts.append(found + offset)
    return np.concatenate(parts) if parts else EMPTY


# -- per-document values ---------------------------------------------------------------------


class Ordinals:
    """Every document's value of each keyword field as ordinals into a sorted value table,
    over the global document numbers of one searcher's segments.

    Segment arrays are read once (``column_reader``, ~2 µs a document) and cached by segment
    id, so a quick write that adds one small segment costs only that segment's read."""

    _segments: OrderedDict[tuple[str, str], tuple[list[str], np.ndarray]] = OrderedDict()
    _lock = threading.Lock()

    def __init__(self, searcher, fields):
        self.values: dict[str, list[str]] = {}
        self.ords: dict[str, np.ndarray] = {}
        parts = leaves(searcher)
        for field in fields:
            tables = [self._segment(leaf.reader(), field) for leaf, _ in parts]
            values = sorted({v for table, _ in tables for v in table})
            position = {v: i for i, v in enumerate(values)}
            arrays = []
            for table, local in tables:
                remap = np.asarray([position[v] for v in table], dtype=np.int32)
                arrays.append(remap[local] if local.size else local.astype(np.int32))
            self.values[field] = values
            self.ords[field] = np.concatenate(arrays) if arrays else np.zeros(0, np.int32)

    @classmethod
    def _segment(cls, reader, field) -> tuple[list[str], np.ndarray]:
        key = (segment_id(reader), field)
        with cls._lock:
            if key in cls._segments:
                cls._segments.move_to_end(key)
                return cls._segments[key]
        count = reader.doc_count_all()
        if field in reader.schema and reader.has_column(field):
            column = reader.column_reader(field, translate=True)
            raw = [column[i] for i in range(count)]
        else:
            raw = [""] * count
        table = sorted({str(v or "") for v in raw})
        position = {v: i for i, v in enumerate(table)}
        local = np.fromiter((position[str(v or "")] for v in raw), dtype=np.int32, count=count)
        with cls._lock:
            cls._segments[key] = (table, local)
            while len(cls._segments) > CACHED_SEGMENTS * 8:
                cls._segments.popitem(last=False)
        return table, local

    def counts(self, field: str, ids: np.ndarray) -> list[tuple[str, int]]:
        """(value, documents among ``ids``) for every non-empty value, most first."""
        values = self.values[field]
        if not ids.size or not values:
            return []
        counted = np.bincount(self.ords[field][ids], minlength=len(values))
        found = [(values[i], int(counted[i])) for i in np.flatnonzero(counted) if values[i]]
        return sorted(found, key=lambda item: (-item[1], item[0]))

    def mask(self, field: str, ids: np.ndarray, allowed) -> np.ndarray:
        """Which of ``ids`` hold one of the ``allowed`` values of ``field``."""
        values = self.values[field]
        chosen = np.zeros(len(values) + 1, dtype=bool)
        for value in allowed:
            i = np.searchsorted(values, value)
            if i < len(values) and values[i] == value:
                chosen[i] = True
        return chosen[self.ords[field][ids]]

    @staticmethod
    def segment_values(reader, field) -> tuple[list[str], np.ndarray]:
        return Ordinals._segment(reader, field)


# -- ranking ---------------------------------------------------------------------------------


def year_factors(reader, field: str = "year") -> list[float]:
    """Per document of one segment: the score multiplier that orders ties by year."""
    table, local = Ordinals.segment_values(reader, field)
    by_value = [
        1 + YEAR_STEP * (int(v) - YEAR_BASE) if v.isdigit() and len(v) == 4 else 1.0 for v in table
    ]
    return np.asarray(by_value, dtype=np.float64)[local].tolist() if table else []


class RecencyWeighting(WeightingModel):
    """A weighting whose every score is multiplied by the document's year factor.

    Scores of a document add up over its matching terms, each multiplied by the same
    factor, so the sum is multiplied by it too: equal scores end up ordered by year, and the
    block-quality bounds stay bounds (multiplied by the largest factor)."""

    def __init__(self, inner):
        self.inner = inner

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = self.inner.scorer(searcher, fieldname, text, qf=qf)
        return RecencyScorer(scorer, year_factors(searcher.reader()))


class RecencyScorer(BaseScorer):
    def __init__(self, inner, factors):
        self.inner = inner
        self.factors = factors

    def supports_block_quality(self):
        return self.inner.supports_block_quality()

    def score(self, matcher):
        factor = self.factors[matcher.id()] if self.factors else 1.0
        return self.inner.score(matcher) * factor

    def max_quality(self):
        return self.inner.max_quality() * MAX_FACTOR

    def block_quality(self, matcher):
        return self.inner.block_quality(matcher) * MAX_FACTOR


def needs_full_walk(query) -> bool:
    """Whether Whoosh's block-quality skipping can lose hits of ``query``.

    Under an ``ANDMAYBE`` (a compound's words with its written-together bonus, a phrase with
    its heading bonus) Whoosh 2.7.4's collector missed documents that the plain walk ranks
    inside the first ten, with or without ``optimize`` (执行2023 on a 14-segment index: a
    section tied 4th was left out; its matcher ``replace()`` is the suspect). Such queries are
    scored document by document over their match set (no sort keys, no grouping)."""
    if isinstance(query, wq.AndMaybe):
        return True
    return any(needs_full_walk(child) for child in query.children())


# Up to this many allowed documents are scored one by one (``skip_to`` each); more go through
# Whoosh's collector with the allowed set as its filter.
SCORE_DIRECTLY = 4000


def top_docs(searcher, query, limit: int, allowed: np.ndarray | None = None):
    """(global document number, score) of the best ``limit`` matches, best first; equal
    scores by document number. ``allowed``: sorted global document numbers to rank among
    (a filtered match set), or None for all.

    Filters are never ANDed into the query for this: Whoosh's intersection skips a child's
    blocks by their own quality, so a low-weight filter clause ends the intersection early
    and loses hits (measured: 1 of 4 for an OR of year terms)."""
    if limit <= 0:
        return []
    walk = needs_full_walk(query)
    if allowed is None and walk:
        allowed = match_ids(searcher, query)
    if allowed is None:
        results = searcher.search(query, limit=limit, terms=False)
        return [
            (results.docnum(i), results.score(i) or 0.0) for i in range(results.scored_length())
        ]
    if not allowed.size:
        return []
    if allowed.size > SCORE_DIRECTLY and not walk:
        allow = set(allowed.tolist())
        results = searcher.search(query, limit=limit, filter=allow, terms=False)
        return [
            (results.docnum(i), results.score(i) or 0.0) for i in range(results.scored_length())
        ]
    scored = []
    context = searcher.context()
    for leaf, offset in leaves(searcher):
        end = offset + leaf.reader().doc_count_all()
        local = allowed[(allowed >= offset) & (allowed < end)] - offset
        if not local.size:
            continue
        matcher = query.matcher(leaf, context)
        for docnum in local.tolist():
            if not matcher.is_active():
                break
            if matcher.id() < docnum:
                matcher.skip_to(docnum)
                if not matcher.is_active():
                    break
            if matcher.id() == docnum:
                scored.append((matcher.score(), -(docnum + offset)))
    best = heapq.nlargest(limit, scored)
    return [(-negative, score) for score, negative in best]
