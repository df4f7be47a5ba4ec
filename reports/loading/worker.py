"""The background parser: drains ``IngestJob`` rows (``manage.py ingest_worker``).

Each file is parsed in a child process with a wall-clock limit and an address-space limit:
a file that slips past the size checks of ``reports.ingest.limits`` and still explodes costs
one child, never the worker or a web server. The child only parses (pure Python, no
database); the worker writes the result.
"""

from __future__ import annotations

import logging
import multiprocessing
import resource
import time
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from reports.ingest.types import IngestError
from reports.jobs import IngestJob, JobStatus
from reports.staging import staged

logger = logging.getLogger(__name__)

TIMED_OUT = "解析超时（超过 {seconds} 秒），文件可能过大或已损坏"
OUT_OF_MEMORY = "解析所需内存超过上限（{megabytes} MB），文件可能过大或已损坏"
EXPIRED = "上传的文件已过期，请重新上传"
CRASHED = "解析进程意外退出，请检查文件后重新上传"


def _parse_child(connection, data, filename, court_name, year, memory_bytes):
    from reports.court_names import court_directory
    from reports.ingest.parse import parse_report

    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        parsed = parse_report(
            data,
            filename,
            court_directory(),
            court_hint=court_name,
            year_hint=year,
            max_bytes=settings.PORTAL_MAX_UPLOAD_BYTES,
        )
        connection.send(("ok", parsed))
    except IngestError as error:
        connection.send(("refused", error.message))
    except MemoryError:
        connection.send(("memory", ""))
    except Exception as error:  # a parser bug: the job fails with a message, the worker lives
        connection.send(("crashed", repr(error)[:500]))
    finally:
        connection.close()


def parse_isolated(data: bytes, filename: str, court_name=None, year=None):
    """``ParsedReport``, or raises ``IngestError`` with the editor's message."""
    seconds = settings.PORTAL_INGEST_TIMEOUT
    megabytes = settings.PORTAL_INGEST_MEMORY_MB
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_parse_child,
        args=(sender, data, filename, court_name, year, megabytes * 1024 * 1024),
        daemon=True,
    )
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise IngestError(TIMED_OUT.format(seconds=seconds), f"parse exceeded {seconds} s")
        try:
            outcome, value = receiver.recv()
        except EOFError:
            raise IngestError(CRASHED, f"child exited with {child.exitcode}") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receiver.close()
    if outcome == "ok":
        return value
    if outcome == "memory":
        raise IngestError(OUT_OF_MEMORY.format(megabytes=megabytes), "MemoryError in the parser")
    if outcome == "crashed":
        logger.error("parser failed on %s: %s", filename, value)
        raise IngestError(CRASHED, value)
    raise IngestError(value)


def run_job(job: IngestJob) -> None:
    original = staged(job.key)
    if original is None:
        job.fail(EXPIRED)
        return
    data, _ = original
    try:
        parsed = parse_isolated(data, job.filename, job.court.name if job.court else None, job.year)
    except IngestError as error:
        job.fail(error.message)
        logger.info("ingest job %s refused: %s", job.pk, error)
        return
    job.succeed(parsed)
    logger.info("ingest job %s parsed: %s sections", job.pk, len(parsed.sections))


def requeue_stalled() -> int:
    """Jobs a killed worker left running go back to the queue (once; then they fail)."""
    cutoff = timezone.now() - timedelta(seconds=2 * settings.PORTAL_INGEST_TIMEOUT + 60)
    stalled = IngestJob.objects.stalled(cutoff)
    failed = stalled.filter(attempts__gte=2).update(status=JobStatus.FAILED, error=CRASHED)
    return failed + stalled.update(status=JobStatus.QUEUED)


def drain(once: bool = False, poll: float = 1.0, stop=lambda: False) -> int:
    """Parse queued jobs until the queue is empty (``once``) or ``stop()``; returns how many."""
    done = 0
    requeue_stalled()
    while not stop():
        if not connection.in_atomic_block:  # (tests run the worker inside a transaction)
            close_old_connections()  # a database restart between two jobs is survived
        job = IngestJob.objects.claim_next()
        if job is None:
            if once:
                break
            time.sleep(poll)
            continue
        try:
            run_job(job)
        except Exception:
            logger.exception("ingest job %s failed", job.pk)
            job.fail(CRASHED)
        done += 1
    return done
