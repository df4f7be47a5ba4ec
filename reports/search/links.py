"""Query strings of a results page: each facet value, chosen filter and offer links to the
same search with one thing added or removed, keeping everything else the reader chose.

``Links`` works on the request's parameters as they were typed (a court may be chosen as
呼市中院 and must be removed as typed), never on a form or the engine.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from reports.search.labels import FILTER_FIELDS, YEAR_RANGE_KEYS
from reports.search.query import FIELD_ALIASES

# Every parameter that narrows a search; a results page's links carry them along.
LINK_KEYS = (*FILTER_FIELDS, *YEAR_RANGE_KEYS)
CARRIED_KEYS = (*LINK_KEYS, "sort")


class Links:
    def __init__(self, params=()):
        """``params``: (key, value) pairs of the request, in order."""
        self.params = [(k, v) for k, v in params if v]

    def values(self, key: str) -> list[str]:
        return [v for k, v in self.params if k == key]

    def value(self, key: str) -> str:
        values = self.values(key)
        return values[0] if values else ""

    def typed_range(self) -> str:
        """``year_from``/``year_to`` as one year filter value: 2020..2023, 2020.., ..2023."""
        low, high = (self.value(k) for k in YEAR_RANGE_KEYS)
        return f"{low}..{high}" if low or high else ""

    def carried(self) -> list[tuple[str, str]]:
        """What the search box on a results page keeps (filters and the sort)."""
        return [(k, v) for k in CARRIED_KEYS for v in self.values(k)]

    def removal(self, field: str, typed: str) -> list[tuple[str, str]]:
        """The parameters to drop to remove one chosen value."""
        if field == "year" and typed and typed == self.typed_range():
            return [(k, self.value(k)) for k in YEAR_RANGE_KEYS]
        return [(field, typed)]

    def link(self, q: str, remove=(), add=()) -> str:
        params = [("q", q)] if q else []
        for field in LINK_KEYS:
            for value in self.values(field):
                if (field, value) not in remove:
                    params.append((field, value))
        params += [p for p in add if p not in params]
        if self.value("sort") in ("year", "court"):
            params.append(("sort", self.value("sort")))
        return "?" + urlencode(params)

    def toggle(self, q: str, field: str, value: str, chosen) -> str:
        """The link that adds ``value`` of ``field``, or removes it when chosen.

        ``chosen``: (canonical value, as typed, typed inside the query text) of the field."""
        for canonical, typed, in_query in chosen:
            if canonical == value:
                if in_query:
                    return self.link(without_filter_in_query(q, field, typed))
                return self.link(q, remove=self.removal(field, typed))
        return self.link(q, add=[(field, value)])


def without_filter_in_query(q: str, field: str, typed: str) -> str:
    """The query text without ``field:typed`` (in any of the field's names)."""
    names = [field] + [k for k, v in FIELD_ALIASES.items() if v == field]
    pattern = "|".join(re.escape(n) for n in names)
    token = re.compile(rf'(?<!\S)[-+]?(?:{pattern})[:：](?:"([^"]*)"|“([^”]*)”|(\S+))', re.I)

    def drop(match):
        value = next(g for g in match.groups() if g is not None)
        return "" if value.strip() == typed else match.group(0)

    return " ".join(token.sub(drop, q).split())
