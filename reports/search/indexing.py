"""Writing the index from the database: reports (``sync_report``, ``sync_reports``) or everything
(``build_index``). Both hold ``storage.write_lock``, so they never interleave, and both read
the database *while* holding it: whichever writer goes last wrote the latest committed state.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass

from django.conf import settings
from haystack import connections
from whoosh.filedb.filestore import FileStorage

from reports.choices import ReportStatus
from reports.models import Section
from reports.search import parallel_build, storage

logger = logging.getLogger(__name__)

ALIAS = "default"

# Documents handed to an index worker at a time (``build_index`` on several cores).
WORKER_BATCH = 100


def get_backend():
    """This thread's backend, reloaded if the settings changed under it (tests swap PATH)."""
    engine = connections[ALIAS]
    if engine.options != settings.HAYSTACK_CONNECTIONS.get(ALIAS, {}):
        engine = connections.reload(ALIAS)
    backend = engine.get_backend()
    if not backend.setup_complete:
        backend.setup()
    return backend


def section_index():
    return connections[ALIAS].get_unified_index().get_index(Section)


def sync_report(report_id: int, lock_timeout: float | None = None, merge: bool = True) -> int:
    """Make the index hold exactly the published sections of one report; returns how many.

    Raises ``storage.LockTimeout`` when another writer keeps the lock past ``lock_timeout``.
    ``merge=False`` leaves merging segments to ``merge_segments``."""
    return sync_reports([report_id], lock_timeout=lock_timeout, merge=merge)


def sync_reports(report_ids, lock_timeout: float | None = None, merge: bool = True) -> int:
    """``sync_report`` for several reports in one commit (a bulk ingest: a commit is most of
    what indexing one report costs); returns the sections written."""
    ids = sorted({int(i) for i in report_ids})
    backend = get_backend()
    with storage.write_lock(backend.path, timeout=lock_timeout):
        sections = list(
            Section.objects.filter(report_id__in=ids, report__status=ReportStatus.PUBLISHED)
            .select_related("report__court")
            .order_by("report_id", "order")
        )
        backend.replace_many("report_id", ids, section_index(), sections, merge=merge)
    return len(sections)


def merge_segments(lock_timeout: float | None = None) -> None:
    backend = get_backend()
    with storage.write_lock(backend.path, timeout=lock_timeout):
        backend.merge_segments()


def _document_batches(backend, index, queryset, pks, batch_size, progress):
    """The index documents of ``pks``' sections, a list per batch, in primary-key order."""
    done = 0
    for first in range(0, len(pks), batch_size):
        documents = []
        for section in queryset.filter(pk__in=pks[first : first + batch_size]):
            if doc := backend.document(index, section):
                documents.append(doc)
        yield documents
        done += len(documents)
        if progress:
            progress(done)


def _build_in_workers(writer, generation, procs, batches) -> int:
    """Hand the batches to ``procs`` workers, then commit their segments; documents written."""
    sent = 0
    with parallel_build.SegmentWorkers(generation, procs) as workers:
        for documents in batches:
            # Small handovers keep every worker busy while the parent reads the next batch.
            for first in range(0, len(documents), WORKER_BATCH):
                workers.add(documents[first : first + WORKER_BATCH])
            sent += len(documents)
        segments, written = workers.finish()
    if written != sent:
        raise parallel_build.WorkerFailed(f"index workers wrote {written} of {sent} documents")
    parallel_build.commit_segments(writer, segments)
    return written


@dataclass
class BuildResult:
    documents: int
    generation: str
    processes: int = 1  # worker processes that wrote it (1: the single writer)


def build_index(batch_size: int = 500, progress=None, processes: int | None = None) -> BuildResult:
    """Index every published section into a new generation, then swap it in.

    Searches go on against the current generation until the swap; changes saved meanwhile
    wait for the lock and are applied to the new one. ``progress(done)`` is called after
    each batch. A large build is written by ``processes`` worker processes (default
    ``PORTAL_INDEX_PROCESSES``, else one per core; ``parallel_build``)."""
    backend = get_backend()
    index = section_index()
    with storage.write_lock(backend.path):
        generation = storage.new_generation(backend.path)
        try:
            whoosh_index = FileStorage(generation).create_index(backend.schema)
            writer = whoosh_index.writer(limitmb=256)
            try:
                queryset = index.index_queryset().order_by("pk")
                # Batches by primary key, no cursor held open: editors keep saving meanwhile
                # (SQLite would otherwise lock the tables for the whole build).
                pks = list(queryset.values_list("pk", flat=True))
                batches = _document_batches(backend, index, queryset, pks, batch_size, progress)
                procs = parallel_build.worker_count(len(pks), processes)
                if procs == 1:
                    done = 0
                    for documents in batches:
                        for doc in documents:
                            writer.add_document(**doc)
                        done += len(documents)
                    writer.commit(optimize=True)
                else:
                    done = _build_in_workers(writer, generation, procs, batches)
            except BaseException:
                if not writer.is_closed:
                    writer.cancel()
                raise
            backend.write_meta(generation, documents=done)
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
        storage.point_to(backend.path, generation)
        removed = storage.remove_old_generations(backend.path)
    if removed:
        logger.info("removed old index generations: %s", ", ".join(removed))
    backend.setup()
    return BuildResult(documents=done, generation=generation, processes=procs)
