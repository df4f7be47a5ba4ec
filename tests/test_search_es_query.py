"""The Elasticsearch compiler of the query tree (the scale-out seam): pure, no server needed.
What it must keep: the rules of the Whoosh path (tests/test_search.py) in Elasticsearch's DSL."""

import json

import pytest

from reports.evaluation.search import load_judgments
from reports.management.commands.evaluate_search import DEFAULT_JUDGMENTS
from reports.search.es_query import INDEX_SETTINGS, compile_filter, compile_query, search_body
from reports.search.query import parse_query

GRAMS_ONLY = {"match_phrase": {"cjk": {"query": "1.39万", "boost": 0.5}}}


def must(q):
    return compile_query(parse_query(q))["bool"]["must"]


def test_words_are_anded_each_as_words_anywhere_or_a_substring():
    first, second = must("知识产权 執行")
    assert first == {
        "bool": {
            "should": [
                {
                    "multi_match": {
                        "query": "知识产权",
                        "type": "cross_fields",
                        "operator": "and",
                        "fields": ["heading^4", "text^2", "context^1"],
                    }
                },
                {"match_phrase": {"cjk": {"query": "知识产权", "boost": 0.5}}},
            ],
            "minimum_should_match": 1,
        }
    }
    # Traditional and full-width forms are folded before they are sent.
    assert second["bool"]["should"][0]["multi_match"]["query"] == "执行"


@pytest.mark.parametrize("typed", ["1.39万", "１.３９万"])
def test_numbers_and_single_characters_match_only_as_written(typed):
    assert must(typed) == [GRAMS_ONLY]
    assert must("院") == [{"match_phrase": {"cjk": {"query": "院", "boost": 0.5}}}]


def test_phrase_must_appear_as_written_and_counts_more_in_the_heading():
    assert must("“司法 保护”") == [
        {
            "bool": {
                "must": [{"match_phrase": {"cjk": {"query": "司法保护", "boost": 0.5}}}],
                "should": [
                    {"match_phrase": {"heading": {"query": "司法保护", "boost": 4.0}}},
                    {"match_phrase": {"text": {"query": "司法保护", "boost": 2.0}}},
                ],
            }
        }
    ]


def test_or_and_court_names_are_alternatives_and_exclusions_must_not():
    query = compile_query(parse_query("扫黑除恶 OR 电信诈骗 -刑事"))["bool"]
    (alternatives,) = query["must"]
    assert alternatives["bool"]["minimum_should_match"] == 1
    assert [w["bool"]["should"][1]["match_phrase"]["cjk"]["query"] for w in alternatives["bool"]["should"]] == [
        "扫黑除恶",
        "电信诈骗",
    ]  # fmt: skip
    assert query["must_not"][0]["bool"]["should"][1]["match_phrase"]["cjk"]["query"] == "刑事"

    def courts(text):
        return [(0, 4, "呼和浩特市中级人民法院", ("呼和浩特市中级人民法院", "呼市中院"))]

    (names,) = compile_query(parse_query("呼市中院", courts=courts))["bool"]["must"]
    assert len(names["bool"]["should"]) == 2  # the typed form and the full name


def test_nothing_required_matches_all_but_exclusions():
    assert compile_query(parse_query("")) == {"bool": {"must": [{"match_all": {}}]}}
    assert "must_not" in compile_query(parse_query("-刑事"))["bool"]


@pytest.mark.parametrize(
    "field, values, expected",
    [
        ("court", ["呼和浩特市中级人民法院"], {"term": {"court": "呼和浩特市中级人民法院"}}),
        ("year", ["2020..2023"], {"range": {"year": {"gte": "2020", "lte": "2023"}}}),
        ("year", ["2020.."], {"range": {"year": {"gte": "2020"}}}),
        ("year", ["..2023"], {"range": {"year": {"lte": "2023"}}}),
        (
            "court",
            ["甲法院", "乙法院"],
            {"bool": {"should": [{"term": {"court": "甲法院"}}, {"term": {"court": "乙法院"}}],
                      "minimum_should_match": 1}},
        ),
    ],
)  # fmt: skip
def test_filters(field, values, expected):
    assert compile_filter(field, values) == expected


def test_search_body_counts_each_facet_under_the_other_filters():
    filters = {"court": ["甲法院", "乙法院"], "year": ["2023"]}
    body = search_body(parse_query("执行"), filters, facets=("court", "year", "topic"), offset=10)
    assert body["from"] == 10 and body["size"] == 10
    assert body["post_filter"] == {
        "bool": {"filter": [compile_filter("court", filters["court"]), {"term": {"year": "2023"}}]}
    }
    aggs = body["aggs"]
    assert aggs["court"]["filter"] == {"bool": {"filter": [{"term": {"year": "2023"}}]}}
    assert aggs["year"]["filter"] == {
        "bool": {"filter": [compile_filter("court", filters["court"])]}
    }
    assert len(aggs["topic"]["filter"]["bool"]["filter"]) == 2
    assert aggs["topic"]["aggs"]["values"]["terms"]["field"] == "topic"
    # Relevance first and ties to the newer year; or the year first.
    assert body["sort"] == ["_score", {"year": {"order": "desc"}}]
    assert search_body(parse_query(""), sort="year")["sort"][0] == {"year": {"order": "desc"}}


def test_every_judged_query_compiles_to_json_with_no_user_syntax():
    for query in load_judgments(DEFAULT_JUDGMENTS)["queries"]:
        body = search_body(parse_query(query["q"]), facets=("court",))
        text = json.dumps(body, ensure_ascii=False)
        assert "query_string" not in text  # user text never becomes query syntax
        assert json.loads(text) == body


def test_index_settings_give_every_searched_field_an_analyzer():
    properties = INDEX_SETTINGS["mappings"]["properties"]
    analyzers = INDEX_SETTINGS["settings"]["analysis"]["analyzer"]
    for field in ("heading", "text", "context", "cjk"):
        assert properties[field]["analyzer"] in analyzers
    assert "cjk_bigram" in analyzers["zh_grams"]["filter"]
    for facet in ("court", "province", "level", "year", "topic", "kind"):
        assert properties[facet] == {"type": "keyword"}


def test_query_reading_and_this_compiler_need_no_whoosh_nor_django():
    import subprocess
    import sys

    code = (
        "import sys; import reports.search.query, reports.search.es_query; "
        "print(sorted(m for m in ('whoosh', 'django', 'haystack', 'jieba') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
