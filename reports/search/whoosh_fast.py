"""The Whoosh 2.7.4 internals the fast search path reads, in this one module.

Whoosh walks every hit in Python to count, sort and facet a search (``searcher.search`` with
``sortedby``/``groupedby``: seconds at a few hundred thousand hits), and scores every hit
through a tree of matcher objects. What is fast in it are its files, and the engine
(``whoosh_engine``) reads them directly:

- **match sets**: a term's posting list read a block at a time — each block's document
  numbers are one pickled delta list, turned into ids by ``numpy.cumsum`` — and combined
  with numpy set operations along the query tree (``match_ids``);
- **scores**: the same blocks carry each posting's term frequency and the segment's length
  column each document's field length, so BM25F is one numpy expression per term, summed
  along the query tree as Whoosh's matchers sum them (``scored_matches``; equal to Whoosh's
  own scores, which ``tests/test_search_fast.py`` checks), and the page is a partial sort
  (``best``);
- **phrases**: positions decoded only for the candidates of the phrase's rarest word, in
  the blocks where they are, and checked as integer sets (``phrase_matches``);
- **facet ordinals**: every document's value of a keyword column as an integer array, read
  once per segment and kept until the segment goes away (``Ordinals``); a facet count is then
  ``numpy.bincount`` over the ordinals of the match set;
- **top k** (for the queries the numpy scorer leaves to Whoosh): ``searcher.search(q,
  limit=k)`` with no sort key and no grouping skips whole posting blocks that cannot reach
  the k-th score. The tie-break to the newer report is folded into the score
  (``RecencyWeighting``) so that no Python sort key is needed. Under an ``ANDMAYBE`` the
  skipping loses hits, so those queries are scored hit by hit (``needs_full_walk``).

Whoosh is pinned (2.7.4, unmaintained): the private names used here (``_terms``,
``_perdoc``, ``W3LeafMatcher``'s block fields) do not move; ``tests/test_search_fast.py``
checks every function here against Whoosh's own plain walk.
"""

from __future__ import annotations

import heapq
import threading
from collections import OrderedDict
from itertools import chain

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile
from whoosh.scoring import BaseScorer, BM25FScorer, WeightingModel
from whoosh.util.numeric import byte_to_length

from reports.search.ranking import GRAMS

EMPTY = np.zeros(0, dtype=np.int64)
EMPTY_FLOAT = np.zeros(0, dtype=np.float64)
# A newer year multiplies the score by at most this much more than an older one: enough to
# order equal scores by year, too little to reorder scores that differ in earnest.
YEAR_STEP = 1e-7
YEAR_BASE = 1900
MAX_FACTOR = 1 + YEAR_STEP * 300
# Segments whose ordinals stay cached (a live index has a handful; old ones fall out).
CACHED_SEGMENTS = 64


class ViewStream:
    """A read-only file over a memoryview: what ``read``/``seek``/``readline`` return is
    copied, the view itself never is (``BytesIO(view)`` copies all of it at once)."""

    def __init__(self, view):
        self._view = view
        self._pos = 0

    def read(self, size=-1):
        end = (
            len(self._view) if size is None or size < 0 else min(self._pos + size, len(self._view))
        )
        data = bytes(self._view[self._pos : end])
        self._pos = max(self._pos, end)
        return data

    def readline(self, size=-1):
        limit = (
            len(self._view) if size is None or size < 0 else min(self._pos + size, len(self._view))
        )
        start = end = self._pos
        while end < limit:
            window = bytes(self._view[end : min(end + 256, limit)])
            newline = window.find(b"\n")
            if newline >= 0:
                end += newline + 1
                break
            end += len(window)
        self._pos = end
        return bytes(self._view[start:end])

    def __iter__(self):
        while line := self.readline():
            yield line

    def seek(self, offset, whence=0):
        base = (0, self._pos, len(self._view))[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self):
        return self._pos

    def close(self):
        self._view = memoryview(b"")


class MappedPart(BufferFile):
    """A part of a compound segment, read from the segment's memory map without a copy.

    Whoosh's ``BufferFile`` wraps the part in ``BytesIO(buf)``, a copy of the whole part, at
    every reader it opens: at 5,000 reports the 43 parts a refresh opened took 2.2 s of a
    publish and of the search after it. Here the stream (which the terms table's header and
    pickled headers are read through) is a ``ViewStream`` over the same map; reads by
    position (``get``: postings, terms, columns) were never copies of the whole. (Plain-file
    segments would avoid the copy too, but their parts are opened lazily, and a merge in
    another process deletes them under a reader of the previous generation.)"""

    def __init__(self, buf, name=None, onclose=None):
        self._buf = buf
        self._name = name
        self.file = ViewStream(buf)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False


# Compound storage opens its parts through this module's name for the class.
compound.BufferFile = MappedPart


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
    return postings(reader, field, text)[0]


class PostingCache:
    """Decoded posting lists of common terms (法院, 执行: every block of theirs is unpickled
    and decompressed per query otherwise), least recently used first out, within a budget of
    bytes. A segment's postings never change (deletions are applied after), so an entry
    stays right until its segment goes; keys carry the segment id."""

    # Shorter lists read faster than they would be worth keeping.
    MIN_POSTINGS = 2048

    def __init__(self, budget_bytes: int):
        self.budget = budget_bytes
        self.size = 0
        self.entries: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
            return found

    def put(self, key, ids: np.ndarray, freqs: np.ndarray) -> None:
        cost = ids.nbytes + freqs.nbytes
        if ids.size < self.MIN_POSTINGS or cost > self.budget:
            return
        # Shared by every query from now on: nobody may change them in place.
        ids.setflags(write=False)
        freqs.setflags(write=False)
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = (ids, freqs)
            self.size += cost
            while self.size > self.budget:
                _, (old_ids, old_freqs) = self.entries.popitem(last=False)
                self.size -= old_ids.nbytes + old_freqs.nbytes

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0


def _cache_budget() -> int:
    from django.conf import settings

    megabytes = getattr(settings, "PORTAL_POSTINGS_CACHE_MB", 128) if settings.configured else 128
    return int(megabytes) * 1024 * 1024


posting_cache = PostingCache(_cache_budget())


def postings(reader, field: str, text, weights: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(sorted document numbers, term frequencies) of ``text`` in ``field`` in this segment,
    read a block at a time; the frequencies only with ``weights`` (else an empty array).
    Long lists come from ``posting_cache`` once read."""
    if field not in reader.schema or (field, text) not in reader:
        return EMPTY, EMPTY_FLOAT
    key = (segment_id(reader), field, text)
    cached = posting_cache.get(key)
    if cached is not None:
        return cached[0], cached[1] if weights else EMPTY_FLOAT
    ids, freqs = _read_postings(reader, field, text)
    posting_cache.put(key, ids, freqs)
    return ids, freqs if weights else EMPTY_FLOAT


def _block_weights(matcher, inside=None) -> np.ndarray:
    """The term frequencies of a W3 block (of its postings at ``inside``), as
    ``W3LeafMatcher._read_weights`` reads them: None means every weight is 1, a float that
    every weight is that float, else an array("f") of them."""
    block = matcher._data[1]
    count = matcher._blocklength if inside is None else len(inside)
    if block is None or isinstance(block, float):
        return np.full(count, 1.0 if block is None else block)
    weights = np.asarray(block, dtype=np.float64)
    return weights if inside is None else weights[inside]


def _read_postings(reader, field: str, text) -> tuple[np.ndarray, np.ndarray]:
    """Every (document number, term frequency) of a term in one segment, block by block."""
    tbytes = reader._text_to_bytes(field, text)
    matcher = reader._terms.matcher(field, tbytes, reader.schema[field].format)
    if not isinstance(matcher, W3LeafMatcher):  # a short list inlined in the term info
        found = []
        while matcher.is_active():
            found.append((matcher.id(), matcher.weight()))
            matcher.next()
        return (
            np.asarray([i for i, _ in found], dtype=np.int64),
            np.asarray([w for _, w in found], dtype=np.float64),
        )
    chunks, freqs = [], []
    while not matcher._atend:
        if matcher._data is None:
            matcher._read_data()
        ids = np.asarray(matcher._data[0], dtype=np.int64)
        chunks.append(ids if matcher._byteids else np.cumsum(ids))
        freqs.append(_block_weights(matcher))
        matcher._next_block()
    if not chunks:
        return EMPTY, EMPTY_FLOAT
    return np.concatenate(chunks), np.concatenate(freqs)


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


def postings_at(
    reader, field: str, text, candidates: np.ndarray, with_positions: bool = True
) -> tuple[np.ndarray, np.ndarray, list | None]:
    """(the ``candidates`` holding ``text``, their term frequencies, their positions or None)
    for sorted document numbers of this segment: a posting block is read only where a
    candidate is, and its positions decoded only for the candidates in it."""
    fmt = reader.schema[field].format
    if (field, text) not in reader or not candidates.size:
        return EMPTY, EMPTY_FLOAT, [] if with_positions else None
    matcher = reader._terms.matcher(field, reader._text_to_bytes(field, text), fmt)
    found_ids, weights, places = [], [], []
    if not isinstance(matcher, W3LeafMatcher):
        wanted = set(candidates.tolist())
        while matcher.is_active():
            if matcher.id() in wanted:
                found_ids.append(matcher.id())
                weights.append(matcher.weight())
                if with_positions:
                    places.append(list(matcher.value_as("positions")))
            matcher.next()
        return (
            np.asarray(found_ids, dtype=np.int64),
            np.asarray(weights, dtype=np.float64),
            places if with_positions else None,
        )
    id_parts, weight_parts = [], []
    after = 0  # candidates before this index lie in blocks already passed
    while not matcher._atend and after < candidates.size:
        if candidates[after] > matcher._maxid:  # no candidate in this block: not even read
            matcher._next_block()
            continue
        if matcher._data is None:
            matcher._read_data()
        ids = np.asarray(matcher._data[0], dtype=np.int64)
        ids = ids if matcher._byteids else np.cumsum(ids)
        after = int(np.searchsorted(candidates, matcher._maxid, side="right"))
        inside = np.flatnonzero(np.isin(ids, candidates, assume_unique=True))
        if inside.size:
            id_parts.append(ids[inside])
            weight_parts.append(_block_weights(matcher, inside))
            if with_positions:
                if matcher._values is None:
                    matcher._read_values()
                places += [fmt.decode_positions(matcher._values[k]) for k in inside.tolist()]
        matcher._next_block()
    if not id_parts:
        return EMPTY, EMPTY_FLOAT, [] if with_positions else None
    return (
        np.concatenate(id_parts),
        np.concatenate(weight_parts),
        places if with_positions else None,
    )


def _implied(field: str, words: list[str]) -> set[int]:
    """Indexes of phrase words that need no position check: in the gram field a lone
    character right after a bigram ending with it (司法 法 保护) stands wherever the bigram
    does, since the text carries every character's unigram one position after its bigram."""
    if field != GRAMS:
        return set()
    return {
        i
        for i in range(1, len(words))
        if len(words[i]) == 1 and len(words[i - 1]) == 2 and words[i - 1][1] == words[i]
    }


def phrase_matches(
    reader, query, within: np.ndarray | None = None, memo: dict | None = None
) -> tuple[np.ndarray, dict[str, np.ndarray]] | None:
    """(documents of one segment holding ``query``'s words at consecutive positions — a
    slop-1 phrase, as Whoosh's span matcher finds them —, {word: its frequency in each}), or
    None to leave the phrase to Whoosh. ``within``: sorted documents to look among only;
    ``memo``: positions already decoded for this segment by other phrases of the query (a
    court's five names share 巴彦淖尔's grams).

    The rarest word's postings give the candidates, every further word narrows them by its
    document numbers alone (read only in the blocks where candidates are, or from the posting
    cache), and positions are decoded last, for the candidates holding every word, and
    checked as integer sets — no span matcher per candidate (at 1,000 reports the span walk
    was 2/3 of a court name's search), and no full read of a common gram (法院, 人民) that a
    rare one has narrowed."""
    field = query.fieldname
    if query.slop != 1 or field not in reader.schema:
        return None
    if not reader.schema[field].format.supports("positions"):
        return None
    words = list(query.words)
    unique = list(dict.fromkeys(words))
    if any((field, w) not in reader for w in unique):
        return EMPTY, {}
    skip = _implied(field, words)
    implied = {words[i] for i in skip} - {w for i, w in enumerate(words) if i not in skip}
    checked = sorted(
        (w for w in unique if w not in implied), key=lambda w: reader.doc_frequency(field, w)
    )
    candidates = posting_ids(reader, field, checked[0])
    if within is not None:
        candidates = np.intersect1d(candidates, within, assume_unique=True)
    for word in checked[1:]:
        if not candidates.size:
            return EMPTY, {}
        cached = posting_cache.get((segment_id(reader), field, word))
        if cached is not None:
            candidates = np.intersect1d(candidates, cached[0], assume_unique=True)
        else:
            candidates = postings_at(reader, field, word, candidates, with_positions=False)[0]
    if not candidates.size:
        return EMPTY, {}
    memo = {} if memo is None else memo
    tables = {w: _decoded(reader, field, w, candidates, memo) for w in checked}
    found = _consecutive(words, skip, tables)
    frequencies = {}
    for word in unique:
        if word in tables:
            ids, weights, _ = tables[word]
            frequencies[word] = weights[np.searchsorted(ids, found)]
        else:
            ids, weights, _ = postings_at(reader, field, word, found, with_positions=False)
            frequencies[word] = weights
    return found, frequencies


def _decoded(reader, field, word, docs: np.ndarray, memo: dict):
    """(docs, their frequencies of ``word``, their positions) for ``docs`` that all hold it,
    decoding only what ``memo`` lacks."""
    known = memo.setdefault((segment_id(reader), field, word), {})
    missing = np.asarray([d for d in docs.tolist() if d not in known], dtype=np.int64)
    if missing.size:
        ids, weights, places = postings_at(reader, field, word, missing)
        for doc, weight, at in zip(ids.tolist(), weights.tolist(), places, strict=True):
            known[doc] = (weight, at)
    rows = [known[d] for d in docs.tolist()]
    return docs, np.asarray([w for w, _ in rows], dtype=np.float64), [at for _, at in rows]


def _consecutive(words, skip, tables) -> np.ndarray:
    """Documents where every checked word ``words[i]`` stands at some start + i: each
    (document, position - i) pair of each word as one integer, intersected across words."""
    pairs = {}
    for word, (ids, _, places) in tables.items():
        counts = np.fromiter((len(p) for p in places), dtype=np.int64, count=len(places))
        docs = np.repeat(ids, counts)
        at = np.fromiter(chain.from_iterable(places), dtype=np.int64, count=int(counts.sum()))
        pairs[word] = (docs, at)
    reach = max((int(at.max()) for _, at in pairs.values() if at.size), default=0)
    stride = reach + 2 * len(words) + 1  # a start (position - i, shifted to stay >= 0) per row
    starts = None
    for i, word in enumerate(words):
        if i in skip:
            continue
        docs, at = pairs[word]
        keys = np.unique(docs * stride + (at - i + len(words)))
        starts = keys if starts is None else np.intersect1d(starts, keys, assume_unique=True)
        if not starts.size:
            return EMPTY
    return np.unique(starts // stride)


def phrase_ids(reader, query) -> np.ndarray | None:
    """Documents of one segment holding ``query``'s words at consecutive positions, or None
    to leave the phrase to Whoosh (``phrase_matches``)."""
    found = phrase_matches(reader, query)
    return None if found is None else found[0]


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


# -- scores without a matcher ----------------------------------------------------------------

# Whoosh stores a field's length per document as one byte (a logarithmic approximation).
BYTE_LENGTHS = np.asarray([byte_to_length(b) for b in range(256)], dtype=np.float64)
_lengths: OrderedDict[tuple[str, str], np.ndarray | None] = OrderedDict()
_lengths_lock = threading.Lock()


def field_lengths(reader, field: str) -> np.ndarray | None:
    """Every document's length of ``field`` in one segment, as the scorer reads it (the
    stored byte's length; 0 for none), cached by segment id; None if the segment stores none."""
    key = (segment_id(reader), field)
    with _lengths_lock:
        if key in _lengths:
            _lengths.move_to_end(key)
            return _lengths[key]
    column = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
    found = None
    if column is not None:
        codes = np.zeros(reader.doc_count_all(), dtype=np.uint8)
        count = min(column._count, codes.size)
        if count:
            raw = column._dbfile.get(column._basepos, count)
            codes[:count] = np.frombuffer(bytes(raw), dtype=np.uint8)
        found = BYTE_LENGTHS[codes]
    with _lengths_lock:
        _lengths[key] = found
        while len(_lengths) > CACHED_SEGMENTS * 8:
            _lengths.popitem(last=False)
    return found


class Unscorable(Exception):
    """A query part the numpy scorer does not score as Whoosh would: the caller falls back
    to Whoosh's matchers."""


def _bm25(leaf, field: str, text, ids: np.ndarray, tf: np.ndarray, factors) -> np.ndarray:
    """The scores of one term at ``ids`` (its frequencies ``tf`` there): BM25F as Whoosh's
    scorer computes it (its own idf, average length, B and K1), times the year factor."""
    reader = leaf.reader()
    weighting = leaf.weighting
    inner = weighting.inner if isinstance(weighting, RecencyWeighting) else weighting
    scorer = inner.scorer(leaf, field, reader._text_to_bytes(field, text))
    if not isinstance(scorer, BM25FScorer):
        raise Unscorable(f"{field}: {type(scorer).__name__}")
    lengths = field_lengths(reader, field)
    fl = lengths[ids] if lengths is not None else np.ones(ids.size)
    b, k1 = scorer.B, scorer.K1
    scores = scorer.idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / scorer.avgfl)))
    if isinstance(weighting, RecencyWeighting) and factors.size:
        scores = scores * factors[ids]
    return scores


def term_scores(leaf, field: str, text, factors) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, scores) of one term in one segment."""
    reader = leaf.reader()
    if field not in reader.schema or (field, text) not in reader:
        return EMPTY, EMPTY_FLOAT
    ids, tf = postings(reader, field, text, weights=True)
    return ids, _bm25(leaf, field, text, ids, tf, factors)


def _at(ids: np.ndarray, scored_ids: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """``scores`` of the documents ``ids`` (each of them among ``scored_ids``)."""
    return scores[np.searchsorted(scored_ids, ids)]


def _add(parts) -> tuple[np.ndarray, np.ndarray]:
    """The union of (ids, scores) parts, scores summed where ids meet."""
    parts = [(i, s) for i, s in parts if i.size]
    if not parts:
        return EMPTY, EMPTY_FLOAT
    if len(parts) == 1:
        return parts[0]
    ids, where = np.unique(np.concatenate([i for i, _ in parts]), return_inverse=True)
    return ids, np.bincount(
        where, weights=np.concatenate([s for _, s in parts]), minlength=ids.size
    )


def leaf_scores(leaf, query, factors, within=None, memo=None) -> tuple[np.ndarray, np.ndarray]:
    """(sorted document numbers, scores) of one segment's matches of ``query`` (deletions
    included), the scores as Whoosh's matchers add them up: an AND or OR sums its matching
    children, ANDMAYBE adds its second part where it matches, ANDNOT and REQUIRE score their
    first part, a phrase sums its words' scores, a boost multiplies. Raises ``Unscorable``
    for anything else. ``within``: sorted documents the caller needs only (ANDMAYBE's second
    part is looked for among the first part's matches); others may or may not be returned."""
    boost = getattr(query, "boost", 1.0)
    if isinstance(query, type(wq.NullQuery)):
        return EMPTY, EMPTY_FLOAT
    if isinstance(query, wq.Term):
        ids, scores = term_scores(leaf, query.fieldname, query.text, factors)
    elif isinstance(query, wq.Phrase):
        found = phrase_matches(leaf.reader(), query, within, memo)
        if found is None:
            raise Unscorable("phrase")
        ids, frequencies = found
        scores = np.zeros(ids.size)
        for word in query.words:  # each occurrence: Whoosh intersects one matcher a word
            if ids.size:
                scores = scores + _bm25(
                    leaf, query.fieldname, word, ids, frequencies[word], factors
                )
    elif isinstance(query, wq.And):
        positive = [c for c in query.children() if not isinstance(c, wq.Not)]
        negative = [c.query for c in query.children() if isinstance(c, wq.Not)]
        if not positive:
            raise Unscorable("AND of exclusions only")
        parts = [leaf_scores(leaf, c, factors, within, memo) for c in positive]
        ids = _intersect([i for i, _ in parts])
        for child in negative:
            if ids.size:
                ids = np.setdiff1d(ids, leaf_ids(leaf, child), assume_unique=True)
        # Whoosh intersects an exclusion as a matcher of everything else, weight 1 apiece.
        scores = np.full(ids.size, float(len(negative)))
        for part_ids, part_scores in parts:
            scores = scores + _at(ids, part_ids, part_scores)
    elif isinstance(query, wq.Or) and not getattr(query, "minmatch", 0):
        if getattr(query, "scale", None):
            raise Unscorable("OR with coordination")
        ids, scores = _add(leaf_scores(leaf, c, factors, within, memo) for c in query.children())
    elif isinstance(query, wq.AndMaybe):
        ids, scores = leaf_scores(leaf, query.a, factors, within, memo)
        if ids.size:
            maybe_ids, maybe_scores = leaf_scores(leaf, query.b, factors, ids, memo)
            both = np.isin(ids, maybe_ids, assume_unique=True)
            scores = scores.copy()
            scores[both] += _at(ids[both], maybe_ids, maybe_scores)
    elif isinstance(query, wq.AndNot | wq.Require):
        ids, scores = leaf_scores(leaf, query.a, factors, within, memo)
        if ids.size:
            other = leaf_ids(leaf, query.b)
            keep = np.isin(ids, other, assume_unique=True)
            keep = ~keep if isinstance(query, wq.AndNot) else keep
            ids, scores = ids[keep], scores[keep]
    else:
        raise Unscorable(type(query).__name__)
    if boost != 1.0:  # binary queries pass theirs down to their parts
        scores = scores * boost
    return ids, scores


def scored_matches(searcher, query) -> tuple[np.ndarray, np.ndarray] | None:
    """(sorted global document numbers, scores) of every live match of ``query``, scored as
    Whoosh would score each (``leaf_scores``), or None when part of the query has no numpy
    scoring (a match-all, say): then ``match_ids`` and ``top_docs`` serve."""
    ids_parts, score_parts = [], []
    try:
        for leaf, offset in leaves(searcher):
            reader = leaf.reader()
            ids, scores = leaf_scores(leaf, query, year_factor_array(reader), memo={})
            gone = deleted(reader)
            if gone.size and ids.size:
                keep = ~np.isin(ids, gone, assume_unique=True)
                ids, scores = ids[keep], scores[keep]
            if ids.size:
                ids_parts.append(ids + offset)
                score_parts.append(scores)
    except Unscorable:
        return None
    if not ids_parts:
        return EMPTY, EMPTY_FLOAT
    return np.concatenate(ids_parts), np.concatenate(score_parts)


def best(ids: np.ndarray, scores: np.ndarray, start: int, size: int) -> list[tuple[int, float]]:
    """(document, score) of ranks [start, start + size) by score, best first; equal scores
    by document number, as Whoosh's collector orders them."""
    end = min(start + size, ids.size)
    if end <= start:
        return []
    if end < ids.size:
        # Everything scoring at least the end-th best, ties included, then an exact sort.
        cut = -np.partition(-scores, end - 1)[end - 1]
        chosen = np.flatnonzero(scores >= cut)
    else:
        chosen = np.arange(ids.size)
    order = chosen[np.lexsort((ids[chosen], -scores[chosen]))][start:end]
    return [(int(ids[i]), float(scores[i])) for i in order]


# -- ranking ---------------------------------------------------------------------------------


def year_factor_array(reader, field: str = "year") -> np.ndarray:
    """Per document of one segment: the score multiplier that orders ties by year."""
    table, local = Ordinals.segment_values(reader, field)
    by_value = [
        1 + YEAR_STEP * (int(v) - YEAR_BASE) if v.isdigit() and len(v) == 4 else 1.0 for v in table
    ]
    return np.asarray(by_value, dtype=np.float64)[local] if table else EMPTY_FLOAT


def year_factors(reader, field: str = "year") -> list[float]:
    return year_factor_array(reader, field).tolist()


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
