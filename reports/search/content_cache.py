"""Things built from the published content, kept in step across every server process.

The search box's suggestions and the court names queries are read with (the "只看 某某法院"
offers) come from what is published. Each process keeps what it built, tagged with the
*content version*: a token in Django's cache — a backend the server processes share (files
under ``PORTAL_DATA_DIR`` by default, Redis or Memcached by ``PORTAL_CACHE_URL``) — that every
commit changing published content replaces (``content_changed``). A process reads the token
on each use, one cache read, so a withdrawal or a new publication shows on every worker at
its next request, with no time-based expiry to wait out.

What one process builds for a version is also stored in the shared cache under that version,
so the other workers load it instead of querying the database again.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import Generic, TypeVar

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:content-version"
# Data stored under a version is dropped this long after it was written; by then a newer
# version has usually replaced it.
SHARED_SECONDS = 3600
# When the cache cannot be read, what was built is trusted this long (the old behaviour).
FALLBACK_SECONDS = 60

T = TypeVar("T")


def content_version() -> str:
    """The current token; a new one when the cache holds none (first use, cache cleared)."""
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            version = uuid.uuid4().hex
            if not cache.add(VERSION_KEY, version, timeout=None):
                version = cache.get(VERSION_KEY) or version
        return version
    except Exception:
        # A cache server that is down must not turn every page into an error.
        logger.warning("shared cache unreadable; content caches expire by time", exc_info=True)
        return f"time-{int(time.time() // FALLBACK_SECONDS)}"


def content_changed() -> None:
    """Published content changed (and is committed): every process rebuilds on next use."""
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        logger.warning("shared cache unwritable; content caches expire by time", exc_info=True)


def content_changed_on_commit() -> None:
    """``content_changed`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(content_changed)


class PerVersion(Generic[T]):
    """One value per content version: ``load()`` gives the data (shared between processes
    through the cache, so it must pickle), ``make(data)`` the object this process uses."""

    def __init__(self, name: str, load: Callable[[], object], make: Callable[[object], T]):
        self.name = name
        self.load = load
        self.make = make
        self.lock = threading.Lock()
        self.version: str | None = None
        self.value: T | None = None

    def get(self) -> T:
        if transaction.get_connection().in_atomic_block:
            # What an open transaction sees may yet be rolled back: used, never kept.
            return self.make(self.load())
        version = content_version()
        with self.lock:
            if self.value is not None and self.version == version:
                return self.value
        value = self.make(self.shared_data(version))
        with self.lock:
            self.version, self.value = version, value
        return value

    def shared_data(self, version: str):
        key = f"portal:{self.name}:{version}"
        try:
            data = cache.get(key)
        except Exception:
            data = None
        if data is None:
            # The version is read before the database: data newer than its tag is harmless,
            # the next change replaces the tag and it is built again.
            data = self.load()
            try:
                cache.set(key, data, timeout=SHARED_SECONDS)
            except Exception:
                logger.warning("%s not shared through the cache", self.name, exc_info=True)
        return data

    def forget(self) -> None:
        """After a change that sent no signal (a bulk load): a new version for every process."""
        content_changed()
        with self.lock:
            self.value = None
