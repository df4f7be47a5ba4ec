"""The one path that keeps the search index in step with the database.

Any save or delete of a report or a section schedules that report, once per transaction,
for after the commit (a rolled-back change never reaches the index). The report is then
re-read and its sections replaced in the index in one Whoosh commit: published → its
sections are there, draft or deleted → they are gone.

The write happens at once when the index lock is free (the admin's next page already shows
the change). When another writer holds the lock (a rebuild, another server process), the
report goes to this process's background writer, which waits for the lock and retries with
backoff until the write succeeds: the admin request returns normally and a withdrawal is
never dropped.

Bulk changes that send no signals (``QuerySet.update``) must call ``schedule_reports``; a bulk
ingest indexes its reports a batch to a commit (``batched``).
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
import time
from contextlib import contextmanager

from django.db import close_old_connections, connections, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from reports.models import Court, Report, Section
from reports.search.content_cache import content_changed

logger = logging.getLogger(__name__)

# How long the committing request itself waits for the lock before handing over.
INLINE_LOCK_WAIT = 0.2
# The background writer waits this long per attempt, then logs and tries again.
BACKGROUND_LOCK_WAIT = 30.0
MAX_BACKOFF = 10.0
# Quick writes leave small segments; past this many, the background writer merges them.
MAX_SEGMENTS = 6
MERGE = "merge"
# After this long an update is logged as an error and left to the next build_index.
GIVE_UP_AFTER = 600.0


class BackgroundWriter:
    """One thread per process that applies report syncs the request could not do inline."""

    def __init__(self):
        self.queue: queue.Queue[int | str] = queue.Queue()
        self.pending: set[int | str] = set()
        self.mutex = threading.Lock()
        self.thread: threading.Thread | None = None

    def submit(self, report_id: int | str) -> None:
        with self.mutex:
            if report_id in self.pending:
                return
            self.pending.add(report_id)
            self.queue.put(report_id)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(
                    target=self.run, name="search-index-writer", daemon=True
                )
                self.thread.start()

    def run(self) -> None:
        from reports.search.indexing import merge_segments, sync_report

        while True:
            report_id = self.queue.get()
            # Forget it before syncing: a change committed during the sync queues it again.
            with self.mutex:
                self.pending.discard(report_id)
            delay = 0.1
            give_up = time.monotonic() + GIVE_UP_AFTER
            try:
                while True:
                    try:
                        close_old_connections()
                        if report_id == MERGE:
                            merge_segments(lock_timeout=BACKGROUND_LOCK_WAIT)
                        else:
                            sync_report(report_id, lock_timeout=BACKGROUND_LOCK_WAIT)
                        break
                    except Exception:
                        if time.monotonic() > give_up:
                            logger.error(
                                "search index update for report %s abandoned: run "
                                "manage.py build_index",
                                report_id,
                                exc_info=True,
                            )
                            break
                        logger.warning(
                            "search index update for report %s failed; retrying in %.1f s",
                            report_id,
                            delay,
                            exc_info=True,
                        )
                        time.sleep(delay)
                        delay = min(delay * 2, MAX_BACKOFF)
            finally:
                if self.queue.empty():
                    # Idle until the next lock conflict: hold no database connection meanwhile
                    # (PostgreSQL counts it; a test database could not be dropped).
                    connections.close_all()
                else:
                    close_old_connections()
                self.queue.task_done()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every submitted report is written; False if ``timeout`` ran out."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.queue.unfinished_tasks:
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True


writer = BackgroundWriter()
# A command (ingest, load_demo) must not exit with index updates still queued.
atexit.register(writer.wait, 60)


def wait_for_index(timeout: float | None = 10) -> bool:
    return writer.wait(timeout)


def sync_after_commit(report_id: int) -> None:
    sync_many_after_commit([report_id])


def sync_many_after_commit(report_ids) -> None:
    from reports.search.indexing import get_backend, sync_reports
    from reports.search.storage import LockTimeout

    report_ids = list(report_ids)
    try:
        # Whoosh merges segments on commit now and then (a second or more): not while an
        # editor waits; the background writer merges once enough small segments pile up.
        sync_reports(report_ids, lock_timeout=INLINE_LOCK_WAIT, merge=False)
        if get_backend().segment_count() > MAX_SEGMENTS:
            writer.submit(MERGE)
    except LockTimeout:
        for report_id in report_ids:
            writer.submit(report_id)
    except Exception:
        # Never turn a saved change into an error page: the background writer retries.
        logger.exception("search index update for reports %s deferred", report_ids)
        for report_id in report_ids:
            writer.submit(report_id)


# Reports a bulk ingest indexes together in one commit (``batched``).
BATCH_REPORTS = 50
_batches = threading.local()


class _Batch:
    def __init__(self, size: int):
        self.size = size
        self.ids: dict[int, None] = {}  # insertion-ordered set

    def add(self, report_id: int) -> None:
        self.ids[report_id] = None
        if len(self.ids) >= self.size:
            self.flush()

    def flush(self) -> None:
        ids, self.ids = list(self.ids), {}
        if ids:
            sync_many_after_commit(ids)


@contextmanager
def batched(size: int = BATCH_REPORTS):
    """Inside it, this thread's committed report changes are indexed ``size`` reports to a
    Whoosh commit instead of one commit each (a bulk ingest: its own commit was most of what
    a report's ingest cost). Whatever is pending is written when the block ends, raised or
    not; searches see a report from its batch's commit on."""
    batch, outer = _Batch(size), getattr(_batches, "current", None)
    _batches.current = batch
    try:
        yield batch
    finally:
        _batches.current = outer
        batch.flush()


class _SyncAfterCommit:
    """The after-commit callback; one per report and transaction is enough."""

    def __init__(self, report_id: int):
        self.report_id = report_id
        self.done = False

    def waits_for(self, report_id: int) -> bool:
        return self.report_id == report_id and not self.done

    def __call__(self):
        self.done = True
        # Suggestions and court offers of every server process follow the database at once,
        # whether or not the index write below has to wait for the lock.
        content_changed()
        batch = getattr(_batches, "current", None)
        if batch is not None:
            batch.add(self.report_id)
        else:
            sync_after_commit(self.report_id)


def schedule_report(report_id: int | None) -> None:
    """Sync ``report_id`` after the current transaction commits (at once outside one)."""
    if report_id is None:
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _, callback, _ in connection.run_on_commit:
            if isinstance(callback, _SyncAfterCommit) and callback.waits_for(report_id):
                return
    transaction.on_commit(_SyncAfterCommit(report_id))


def schedule_reports(report_ids) -> None:
    for report_id in report_ids:
        schedule_report(report_id)


@receiver(post_save, sender=Report, dispatch_uid="search_report_saved")
@receiver(post_delete, sender=Report, dispatch_uid="search_report_deleted")
def report_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):  # loaddata: the index is built afterwards
        return
    schedule_report(instance.pk)


@receiver(post_save, sender=Section, dispatch_uid="search_section_saved")
@receiver(post_delete, sender=Section, dispatch_uid="search_section_deleted")
def section_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    schedule_report(instance.report_id)


@receiver(post_save, sender=Court, dispatch_uid="search_court_saved")
def court_changed(sender, instance, **kwargs):
    # Sections carry copies of their court's name, place and level.
    if kwargs.get("raw") or kwargs.get("created"):
        return
    schedule_reports(instance.reports.published().values_list("pk", flat=True))
