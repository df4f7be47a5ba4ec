"""haystack's Whoosh backend, adapted for Chinese (filled in by the search layer)."""

from haystack.backends.whoosh_backend import WhooshEngine


class ChineseWhooshEngine(WhooshEngine):
    pass
