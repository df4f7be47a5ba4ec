"""A new index generation written on several cores: one segment per worker process.

Whoosh's writer is one Python thread, and almost all of a build is in it: analysing each
section (jieba, the CJK grams) and sorting and encoding the postings — about 50 sections/s,
hours for the national index. Documents are independent, so each worker analyses its share
into a segment of its own, and the parent, which holds the index's write lock, commits one
table of contents naming every segment. The search path reads several segments as one
(``whoosh_fast``), so nothing is merged afterwards.

This is what Whoosh 2.7.4's ``MpWriter(multisegment=True)`` does, with its private writer
methods (``_finalize_segment``, ``_commit_toc``; Whoosh is pinned). ``MpWriter`` itself is not
used: it drops a worker's segment without a word when its result comes later than a second
(``resultqueue.get(timeout=1)`` … ``except queue.Empty: pass``), and its ``cancel()`` does not
reach the worker processes, which then wait on their queue for ever. Here a worker that fails
or dies fails the build, and every worker is stopped when the build stops.

Workers are started with ``spawn``, not ``fork``: the web process has threads (the index's
background writer), and a child forked while one of them holds a lock would wait for ever.
The parent reads the database and prepares the documents (a few per cent of the work);
workers never touch the database. Batches go to the workers in turn, so the same database
gives the same segments, in the order of the sections' primary keys within each segment.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from multiprocessing.connection import Connection

# Below this many sections a single writer is faster than starting workers (each loads
# Django and the jieba dictionary: about two seconds).
PARALLEL_FROM = 3000


def worker_count(sections: int, configured: int | None = None) -> int:
    """How many worker processes a build of ``sections`` uses; 1 means no workers at all."""
    if configured is None:
        from django.conf import settings

        configured = settings.PORTAL_INDEX_PROCESSES or os.cpu_count() or 1
    if configured <= 1 or sections < PARALLEL_FROM:
        return 1
    # A worker for every half of PARALLEL_FROM sections, up to the cores configured.
    return min(configured, 8, max(2, 2 * sections // max(PARALLEL_FROM, 1)))


class WorkerFailed(RuntimeError):
    """A worker process raised or died; the build is abandoned."""


# The settings that decide how text is cut into words: a worker cuts as its parent does.
DICTIONARY_SETTINGS = ("PORTAL_COURTS_FILE", "PORTAL_LEGAL_TERMS_FILE")


def _work(directory, limitmb, dictionary, fingerprint, connection: Connection) -> None:
    """A worker's life: batches of documents in, one finished segment (or None) out."""
    try:
        import django
        from django.conf import settings

        django.setup()
        for name, value in dictionary.items():
            setattr(settings, name, value)
        from whoosh.filedb.filestore import FileStorage
        from whoosh.writing import SegmentWriter

        from reports.search.analysis import dictionary_fingerprint

        if dictionary_fingerprint() != fingerprint:
            raise WorkerFailed("an index worker loaded another dictionary than its parent")

        index = FileStorage(directory).open_index()
        writer = SegmentWriter(index, _lk=False, limitmb=limitmb)
        added = 0
        while (documents := connection.recv()) is not None:
            for document in documents:
                writer.add_document(**document)
            added += len(documents)
        if added:
            segment = writer._finalize_segment()
        else:
            writer._close_segment()
            segment = None
        connection.send(("done", segment, added))
    except BaseException:  # noqa: BLE001 - everything goes back to the parent as text
        connection.send(("error", traceback.format_exc(), 0))
    finally:
        connection.close()


class SegmentWorkers:
    """``procs`` worker processes writing segments into the index at ``directory``.

    Use as a context manager: leaving it without ``finish()`` stops every worker."""

    def __init__(self, directory, procs: int, limitmb: int = 256):
        from django.conf import settings

        from reports.search.analysis import dictionary_fingerprint

        dictionary = {
            name: getattr(settings, name) for name in DICTIONARY_SETTINGS if hasattr(settings, name)
        }
        fingerprint = dictionary_fingerprint()
        context = multiprocessing.get_context("spawn")
        self.connections: list[Connection] = []
        self.processes = []
        for _ in range(procs):
            parent_end, child_end = context.Pipe()
            process = context.Process(
                target=_work,
                args=(str(directory), limitmb, dictionary, fingerprint, child_end),
                daemon=True,
            )
            process.start()
            child_end.close()
            self.connections.append(parent_end)
            self.processes.append(process)
        self.sent = 0

    def add(self, documents: list[dict]) -> None:
        """Hand a batch to the next worker in turn (waits while that worker is busy)."""
        if not documents:
            return
        connection = self.connections[self.sent % len(self.connections)]
        self._send(connection, documents)
        self.sent += 1

    def _send(self, connection: Connection, message) -> None:
        try:
            connection.send(message)
        except OSError as error:  # the worker has gone: say why, if it said
            reason = self._last_words(connection) or f"an index worker stopped: {error}"
            raise WorkerFailed(reason) from error

    @staticmethod
    def _last_words(connection: Connection) -> str:
        """The error a worker sent before it went, or ""."""
        try:
            if connection.poll(1):
                state, result, _ = connection.recv()
                if state != "done":
                    return f"an index worker failed:\n{result}"
        except (OSError, EOFError, ValueError):
            pass
        return ""

    def finish(self) -> tuple[list, int]:
        """Every worker's segment, in worker order, and the number of documents they wrote."""
        segments, written = [], 0
        for connection in self.connections:
            self._send(connection, None)
        for connection, process in zip(self.connections, self.processes, strict=True):
            try:
                state, result, added = connection.recv()
            except EOFError as error:
                raise WorkerFailed(
                    f"an index worker died (exit code {process.exitcode})"
                ) from error
            if state != "done":
                raise WorkerFailed(f"an index worker failed:\n{result}")
            if result is not None:
                segments.append(result)
            written += added
        for process in self.processes:
            process.join(timeout=60)
        return segments, written

    def stop(self) -> None:
        for connection in self.connections:
            connection.close()
        for process in self.processes:
            if process.is_alive():
                process.terminate()
            process.join(timeout=10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False


def commit_segments(writer, segments) -> None:
    """Commit ``segments`` (written by workers into ``writer``'s index) as the index's content.

    ``writer`` is the parent's own writer, which holds the lock and added nothing itself."""
    writer._close_segment()
    writer._commit_toc(list(segments))
    writer._finish()
