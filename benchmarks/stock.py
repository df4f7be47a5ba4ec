"""The baseline: haystack's stock Whoosh backend as the common recipe adapts it to Chinese.

The recipe copies ``haystack/backends/whoosh_backend.py`` and puts jieba's
``jieba.analyse.ChineseAnalyzer`` where haystack puts ``StemmingAnalyzer`` (every text
field). This subclass does exactly that and nothing else: the schema, indexing, querying
(``SearchQuerySet.auto_query``), facets, match-all and slicing are haystack's own. jieba's
global dictionary is used as shipped (the portal's analysis has its own ``jieba.Tokenizer``,
so it does not leak in here).

It indexes the same ``SectionIndex`` (the project's index class) into its own directory,
through the connection ``stock`` that ``run.py`` adds to ``HAYSTACK_CONNECTIONS``.
"""

from __future__ import annotations

import threading

from haystack.backends import BaseEngine, whoosh_backend
from haystack.backends.whoosh_backend import WhooshSearchBackend, WhooshSearchQuery
from jieba.analyse import ChineseAnalyzer

ALIAS = "stock"
_swap = threading.Lock()


class StockChineseWhooshBackend(WhooshSearchBackend):
    def build_schema(self, fields):
        # haystack reads the module-level name at call time: swap it for the call only.
        with _swap:
            stemming = whoosh_backend.StemmingAnalyzer
            whoosh_backend.StemmingAnalyzer = ChineseAnalyzer
            try:
                return super().build_schema(fields)
            finally:
                whoosh_backend.StemmingAnalyzer = stemming


class StockChineseWhooshEngine(BaseEngine):
    backend = StockChineseWhooshBackend
    query = WhooshSearchQuery


def connection(path: str) -> dict:
    return {
        "ENGINE": "benchmarks.stock.StockChineseWhooshEngine",
        "PATH": path,
        "STORAGE": "file",
        "BATCH_SIZE": 500,
    }
