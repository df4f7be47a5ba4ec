"""Synonyms editors keep in ``fixtures/search_synonyms.txt``: one group a line.

A query word of a group also matches the group's other words (ranked below direct matches:
they only add alternatives to the word's clause). Read once a minute, so an edit needs no
rebuild: synonyms act on the query, not on the index.

    >>> Synonyms(["多元解纷 多元化纠纷解决"]).lookup("多元解纷")
    ('多元化纠纷解决',)
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from reports.search.normalize import fold

logger = logging.getLogger(__name__)

CACHE_SECONDS = 60


class Synonyms:
    def __init__(self, lines):
        self.groups: dict[str, tuple[str, ...]] = {}
        for line in lines:
            words = [w for w in line.split("#", 1)[0].split() if w]
            for word in words:
                others = tuple(w for w in words if w != word)
                self.groups[fold(word)] = tuple(
                    dict.fromkeys(self.groups.get(fold(word), ()) + others)
                )

    def lookup(self, word: str) -> tuple[str, ...]:
        return self.groups.get(fold(word), ())


_cache: tuple[float, Synonyms] | None = None
_lock = threading.Lock()


def synonyms() -> Synonyms:
    global _cache
    with _lock:
        if _cache is None or time.monotonic() - _cache[0] > CACHE_SECONDS:
            from django.conf import settings

            default = Path(settings.BASE_DIR) / "fixtures" / "search_synonyms.txt"
            path = Path(getattr(settings, "PORTAL_SYNONYMS_FILE", default))
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                logger.warning("search synonyms %s not read: %s", path, exc)
                lines = []
            _cache = (time.monotonic(), Synonyms(lines))
        return _cache[1]
