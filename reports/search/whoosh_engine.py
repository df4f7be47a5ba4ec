"""The Whoosh implementation of the engine layer (``engine.Engine``), without a per-hit walk.

- The match set of the query and every match's score are read from the posting lists into
  numpy arrays (``whoosh_fast.scored_matches``: BM25F exactly as Whoosh's matchers compute
  it, year tie-break included); filters are masks over it from the per-document ordinal
  arrays, so the exact count, the number of reports, the six facets (each under every filter
  but its own) and the ranked page are numpy operations whatever the number of hits.
- A query with a part the numpy scorer does not know (a match-all, a sloppy phrase) falls
  back to the match set alone (``whoosh_fast.match_ids``) and Whoosh's own top k with the
  year folded into the score (``whoosh_fast.RecencyWeighting``, ``whoosh_fast.top_docs``).
- Phrase positions are decoded only for candidates that hold the phrase's rarest word, in
  the posting blocks where they are (``whoosh_fast.phrase_matches``).
- A year or court sort orders the match set by its ordinals, then by score inside a group.
- Nothing filters on ``django_ct``: the index holds sections only.
"""

from __future__ import annotations

import threading

import numpy as np
from whoosh import query as wq

from reports.search import whoosh_fast as fast
from reports.search import whoosh_syntax as syntax
from reports.search.engine import FACET_FIELDS, HIT_FIELDS, Found, Matches, recently_withdrawn

ORDINAL_FIELDS = (*FACET_FIELDS, "report_id")
_ordinals: dict[tuple, fast.Ordinals] = {}
_ordinals_lock = threading.Lock()


def ordinals(searcher) -> fast.Ordinals:
    """The ordinal arrays of the searcher's segments (one object per set of segments)."""
    key = tuple(fast.segment_id(leaf.reader()) for leaf, _ in fast.leaves(searcher))
    key += tuple(leaf.reader().doc_count_all() for leaf, _ in fast.leaves(searcher))
    with _ordinals_lock:
        found = _ordinals.get(key)
    if found is None:
        found = fast.Ordinals(searcher, ORDINAL_FIELDS)
        with _ordinals_lock:
            if len(_ordinals) >= 4:
                _ordinals.clear()
            _ordinals[key] = found
    return found


WITHDRAWN = "withdrawn"  # the name of its mask beside the filters' (never a facet field)

# Score matches in numpy (``whoosh_fast.scored_matches``); switched off only to measure the
# matcher path it replaces (benchmarks/engine_timing.py).
NUMPY_SCORES = True


def expand(values_table: list[str], values) -> list[str]:
    """Filter values as index values: a year range ``a..b`` becomes the years present."""
    expanded = []
    for value in values:
        low, dots, high = str(value).partition("..")
        if dots:
            expanded += [v for v in values_table if v and low <= v and (not high or v <= high)]
        else:
            expanded.append(str(value))
    return list(dict.fromkeys(expanded))


class WhooshEngine:
    def __init__(self, backend=None):
        if backend is None:
            from reports.search.indexing import get_backend

            backend = get_backend()
        self.backend = backend

    def query(self, parsed) -> wq.Query:
        return self.backend.parse(syntax.compile_query(parsed))

    def _matches(self, parsed, filters):
        """(searcher, ordinals, query, match set without filters, its scores or None,
        {field: mask}, values)."""
        searcher = self.backend.searcher()
        ords = ordinals(searcher)
        query = self.query(parsed)
        scored = None
        if NUMPY_SCORES and not parsed.browse:
            scored = fast.scored_matches(searcher, query)
        if scored is None:
            base, scores = fast.match_ids(searcher, query), None
        else:
            base, scores = scored
        wanted = {f: expand(ords.values[f], v) for f, v in (filters or {}).items() if v}
        masks = {f: ords.mask(f, base, values) for f, values in wanted.items()}
        withdrawn = self._withdrawn_mask(ords, base)
        if withdrawn is not None:
            # Like a filter every facet and the ranking respect (the ranked page must not
            # reach past the match set the counts were made from).
            masks[WITHDRAWN] = withdrawn
        return searcher, ords, query, base, scores, masks, wanted

    @staticmethod
    def _kept(base, masks, without=None) -> np.ndarray:
        keep = np.ones(base.size, dtype=bool)
        for field, mask in masks.items():
            if field != without:
                keep &= mask
        return keep

    @classmethod
    def _keep(cls, base, masks, without=None) -> np.ndarray:
        return base[cls._kept(base, masks, without)]

    @staticmethod
    def _withdrawn_mask(ords, base: np.ndarray) -> np.ndarray | None:
        """Over the match set, False for sections of reports withdrawn since the index last
        heard (None when there are none): a withdrawal leaves counts and facets at once, even
        while a merge or a rebuild holds the index lock (the index itself follows when the
        background writer gets it)."""
        withdrawn = recently_withdrawn()
        if not withdrawn or not base.size:
            return None
        values = ords.values["report_id"]
        gone = [i for i, v in enumerate(values) if v in withdrawn]
        if not gone:
            return None
        # The value table also holds deleted documents' values: only live matches count.
        owners = ords.ords["report_id"][base]
        hit = np.isin(owners, gone)
        if not hit.any():
            return None
        # Still in the index: the background writer removes them (once each while pending;
        # also what repairs a change that bypassed the signals, QuerySet.update). Never in
        # this request: a search must not wait for an index write.
        from reports.search.signals import writer

        for ordinal in np.unique(owners[hit]).tolist():
            report_id = int(values[ordinal])
            if report_id not in writer.pending:
                writer.submit(report_id)
        return ~hit

    def count(self, parsed, filters=None) -> int:
        _, _, _, base, _, masks, _ = self._matches(parsed, filters)
        return int(self._keep(base, masks).size)

    def execute(
        self, parsed, filters, *, sort, offset, limit, facets=FACET_FIELDS, per_report=0
    ) -> Matches:
        searcher, ords, query, base, base_scores, masks, wanted = self._matches(parsed, filters)
        kept = self._kept(base, masks)
        ids = base[kept]
        scores = None if base_scores is None else base_scores[kept]
        facet_counts = {f: ords.counts(f, self._keep(base, masks, without=f)) for f in facets}
        per = np.bincount(ords.ords["report_id"][ids], minlength=len(ords.values["report_id"]))
        reports = int(np.count_nonzero(per))

        def ranked(start, size):
            if sort == "relevance" and not parsed.browse:
                if scores is not None:
                    return fast.best(ids, scores, start, size)
                # The match set is at hand: a query scored document by document reuses it.
                allowed = ids if masks or fast.needs_full_walk(query) else None
                return fast.top_docs(searcher, query, start + size, allowed)[start:]
            return self._grouped(
                searcher, ords, query, ids, scores, sort, start, size, parsed.browse
            )

        sections = {}
        if per_report > 0:
            top, page_reports = self._by_report(ords, ids, ranked, offset, limit, per_report)
            values = ords.values["report_id"]
            sections = {int(values[r]): int(per[r]) for r in page_reports if values[r]}
        else:
            top = ranked(offset, limit)
        hits = []
        for docnum, score in top:
            stored = searcher.stored_fields(docnum)
            hits.append(
                Found(
                    section_id=int(stored.get("django_id") or 0),
                    report_id=int(stored.get("report_id") or 0),
                    score=float(score),
                    fields={k: stored.get(k) for k in HIT_FIELDS},
                )
            )
        return Matches(
            count=int(ids.size), reports=reports, hits=hits, facets=facet_counts, sections=sections
        )

    @staticmethod
    def _by_report(ords, ids, ranked, offset, limit, per_report):
        """(hits, report ordinals) of the reports [offset, offset + limit) in rank order.

        A report ranks where its best section does, so the ranked sections are read until
        enough distinct reports have appeared: the first round asks for a few sections a
        report, each further round for four times as many, up to the whole match set."""
        wanted = offset + limit
        size = min(int(ids.size), max(wanted * 3, 30))
        while True:
            top = ranked(0, size)
            owners = ords.ords["report_id"][np.asarray([d for d, _ in top], dtype=np.int64)]
            order = list(dict.fromkeys(owners.tolist()))
            if len(order) >= wanted or size >= ids.size:
                break
            size = min(int(ids.size), size * 4)
        page_reports = order[offset:wanted]
        chosen = {r: 0 for r in page_reports}
        hits = []
        for (docnum, score), owner in zip(top, owners.tolist(), strict=True):
            if owner in chosen and chosen[owner] < per_report:
                chosen[owner] += 1
                hits.append((docnum, score))
        return hits, page_reports

    def _grouped(self, searcher, ords, query, ids, scores, sort, offset, limit, browse):
        """The slice of ``ids`` ordered by year (newest first) or court then year, each group
        ranked by relevance — by ``scores`` where the query has them, else by Whoosh for the
        groups the slice reaches only."""
        years = ords.ords["year"][ids]
        # Values are sorted, so a larger ordinal is a later year; no year sorts last.
        key = (len(ords.values["year"]) - years).astype(np.int64)
        if sort == "court":
            key += ords.ords["court"][ids].astype(np.int64) * (len(ords.values["year"]) + 1)
        if scores is not None and not browse:
            window = np.lexsort((ids, -scores, key))[offset : offset + limit]
            return [(int(ids[i]), float(scores[i])) for i in window]
        order = np.lexsort((ids, key))
        window = order[offset : offset + limit]
        if browse:  # every score is equal: the order is the page
            return [(int(ids[i]), 1.0) for i in window]
        sorted_keys = key[order]
        top = []
        for group in dict.fromkeys(key[window].tolist()):
            first = int(np.searchsorted(sorted_keys, group, side="left"))
            last = int(np.searchsorted(sorted_keys, group, side="right"))
            low, high = max(offset, first) - first, min(offset + limit, last) - first
            members = np.sort(ids[order[first:last]])
            top += fast.top_docs(searcher, query, high, members)[low:high]
        return top

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        return self.backend.suggest(word, limit)
