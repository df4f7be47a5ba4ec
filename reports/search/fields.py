"""haystack field types the Chinese backend maps onto untokenised Whoosh fields."""

from haystack import indexes


class KeywordField(indexes.CharField):
    """A whole value as one term: filters and facets on court, province, year …

    haystack's ``faceted=True`` would add a ``*_exact`` field analysed with StemmingAnalyzer,
    which splits "呼和浩特市中级人民法院 (2023)" into stemmed words; this field keeps the value
    as written, spaces and punctuation included."""

    field_type = "keyword"
