"""The index's searched fields and the ranking weights, for every engine (Whoosh syntax in
``whoosh_syntax``, Elasticsearch's DSL in ``es_query``). Pure Python: no Whoosh, no Django.

Ranking, in one place (each rule has its test in tests/test_search.py, "ranking"):

1. Heading above body: a word in the heading weighs twice the body.
2. Whole word above substring: the ``cjk`` field matches wherever the word is a substring,
   so a section where jieba found the word scores both fields, a straddling one only grams.
3. All words above some: each query word is a clause whose scores add up, so with ``OR`` (or
   the any-word fallback) a section matching more words collects more; BM25 saturates
   repetitions of one word well before that.
4. Ties by recency: equal scores go to the newer report (Whoosh: ``whoosh_fast``'s year
   factor inside the score; Elasticsearch: the year as second sort key). The court/title
   context only nudges.
"""

CONTENT = "text"  # the section body (the haystack document field)
HEADING = "heading"
CONTEXT = "context"  # court names, place, report title, "2023年": not stored
GRAMS = "cjk"  # CJK bigrams + unigrams of heading, body and context

WEIGHTS = {HEADING: 4.0, CONTENT: 2.0, CONTEXT: 1.0, GRAMS: 0.5}
