"""Where the Whoosh index lives on disk, and the one lock every index writer takes.

The configured ``PATH`` is a symbolic link to a *generation* directory beside it
(``whoosh_index`` → ``whoosh_index.20260101T120000-1234``). A rebuild writes a new generation
and swaps the link with one ``rename``, so searches never see a half-built or empty index.

Whoosh allows one writer per directory and, when another process holds it, ``remove()`` fails
and haystack only logs it: an unpublished report could stay searchable. Every write here goes
through ``write_lock``, an ``fcntl.flock`` on ``<PATH>.lock`` (in ``PORTAL_DATA_DIR`` by
default), which also spans the swap from one generation to the next.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

META_FILE = "portal-index.json"


class LockTimeout(Exception):
    """The index write lock could not be had in time (another writer holds it)."""


_held = threading.local()


@contextmanager
def write_lock(path: str, timeout: float | None = None, poll: float = 0.02):
    """Hold the process-wide index write lock for ``path`` (re-entrant within one thread).

    ``timeout=None`` waits as long as it takes; otherwise ``LockTimeout`` after ``timeout``
    seconds, polling with a growing delay."""
    lock_path = f"{os.path.abspath(path)}.lock"
    depth = getattr(_held, lock_path, 0)
    if depth:
        setattr(_held, lock_path, depth + 1)
        try:
            yield
        finally:
            setattr(_held, lock_path, depth)
        return
    os.makedirs(os.path.dirname(lock_path), exist_ok=True)
    handle = open(lock_path, "a+")  # noqa: SIM115 (held across the yield)
    try:
        deadline = None if timeout is None else time.monotonic() + timeout
        delay = poll
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if deadline is not None and time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"search index is locked by another writer: {lock_path}"
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
        setattr(_held, lock_path, 1)
        try:
            yield
        finally:
            setattr(_held, lock_path, 0)
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()


def new_generation(path: str) -> str:
    """Create an empty generation directory beside ``path`` and return it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = f"{os.path.abspath(path)}.{stamp}-{os.getpid()}"
    os.makedirs(target)
    return target


def point_to(path: str, generation: str) -> None:
    """Make ``path`` a link to ``generation`` in one atomic step.

    An older index that is a plain directory (made before generations) is moved aside first;
    that is the only moment the path is missing."""
    path = os.path.abspath(path)
    staging = f"{path}.link-{os.getpid()}-{threading.get_ident()}"
    if os.path.lexists(staging):
        os.unlink(staging)
    os.symlink(os.path.basename(generation), staging)
    if os.path.isdir(path) and not os.path.islink(path):
        os.rename(path, f"{path}.old-{os.getpid()}")
    os.replace(staging, path)


def current_generation(path: str) -> str:
    return os.path.realpath(path)


def generations(path: str) -> list[str]:
    """Generation directories of ``path``, oldest first (the names sort by time)."""
    path = Path(os.path.abspath(path))
    found = [
        str(p)
        for p in path.parent.glob(f"{path.name}.*")
        if p.is_dir() and not p.is_symlink() and not p.name.endswith(".lock")
    ]
    return sorted(found)


def remove_old_generations(path: str, keep: int = 1) -> list[str]:
    """Delete generations other than the current one and the ``keep`` newest before it (a
    searcher opened just before a swap may still be reading the previous one)."""
    current = current_generation(path)
    older = [g for g in generations(path) if g != current and g < current]
    newer_orphans = [g for g in generations(path) if g != current and g > current]
    doomed = older[: max(len(older) - keep, 0)] + newer_orphans
    for generation in doomed:
        shutil.rmtree(generation, ignore_errors=True)
    return doomed


def write_meta(directory: str, **facts) -> None:
    meta = {"written": datetime.now(UTC).isoformat(timespec="seconds"), **facts}
    tmp = os.path.join(directory, f"{META_FILE}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(meta, handle, ensure_ascii=False, indent=1)
    os.replace(tmp, os.path.join(directory, META_FILE))


def read_meta(directory: str) -> dict:
    try:
        with open(os.path.join(directory, META_FILE), encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return {}
