"""The Elasticsearch side of the engine layer (the scale-out seam), without a cluster.

The compiled requests are checked for what they mean, not how they are spelled: a small
interpreter below evaluates the query DSL the compiler uses (bool, match_all, term, range,
match_phrase, multi_match cross_fields) over in-memory sections — a phrase as a substring of
the folded field, a cross_fields match as every word of the query in some listed field — and
the tests ask which sections a request finds, which fields it weighs most, and what each facet
counts under. ``ElasticsearchEngine`` is checked against a recorded answer."""

import json

import pytest

from reports.evaluation.search import load_judgments
from reports.management.commands.evaluate_search import DEFAULT_JUDGMENTS
from reports.search.es_engine import ElasticsearchEngine
from reports.search.es_query import INDEX_SETTINGS, compile_filter, compile_query, search_body
from reports.search.normalize import fold
from reports.search.query import parse_query

SECTIONS = {
    1: {"heading": "知识产权审判", "text": "审结知识产权案件，强化执行。", "court": "甲地"},
    2: {"heading": "", "text": "知识产权司法保护。", "court": "乙地"},
    3: {"heading": "", "text": "执行工作。司法的保护。刑事审判。", "court": "甲地"},
    4: {"heading": "", "text": "审结一审案件1.39万件，法院院长。", "court": "丙地"},
    5: {"heading": "", "text": "扫黑除恶专项斗争。", "court": "乙地"},
    6: {"heading": "", "text": "电信诈骗犯罪。刑事。", "court": "甲地"},
}
for number, section in SECTIONS.items():
    section.setdefault("context", section["court"])
    section["cjk"] = "\n".join((section["heading"], section["text"], section["context"]))
    section["year"] = str(2018 + number)
    section["report_id"] = str(number % 3)


def words(text):
    """What a word analyzer would make of a query: the CJK runs cut in two-character words."""
    folded = fold(text)
    return [folded[i : i + 2] for i in range(0, len(folded), 2)] or [folded]


def matches(query, doc) -> bool:
    ((kind, body),) = query.items()
    if kind == "match_all":
        return True
    if kind == "bool":
        must = all(matches(q, doc) for q in body.get("must", []) + body.get("filter", []))
        excluded = any(matches(q, doc) for q in body.get("must_not", []))
        should = body.get("should", [])
        needed = body.get("minimum_should_match", 0 if "must" in body else 1)
        enough = sum(matches(q, doc) for q in should) >= needed if should else True
        return must and enough and not excluded
    ((field, value),) = body.items() if kind != "multi_match" else [(None, body)]
    if kind == "term":
        return doc.get(field) == value
    if kind == "terms":
        return doc.get(field) in value
    if kind == "range":
        return all(
            (op == "gte" and doc[field] >= v) or (op == "lte" and doc[field] <= v)
            for op, v in value.items()
        )
    if kind == "match_phrase":
        return fold(value["query"]) in fold(doc.get(field, ""))
    if kind == "multi_match":
        fields = [f.split("^")[0] for f in value["fields"]]
        return all(any(w in fold(doc.get(f, "")) for f in fields) for w in words(value["query"]))
    raise AssertionError(f"unexpected clause {kind}")


def found(q, filters=None, docs=SECTIONS, **rules):
    body = search_body(parse_query(q), filters, **rules)
    keep = [n for n, d in docs.items() if matches(body["query"], d)]
    if "post_filter" in body:
        keep = [n for n in keep if matches(body["post_filter"], docs[n])]
    return set(keep)


def boosts(query, acc=None):
    """(field, boost) of every field clause of a query."""
    acc = [] if acc is None else acc
    if isinstance(query, dict):
        for kind, body in query.items():
            if kind == "match_phrase":
                ((field, spec),) = body.items()
                acc.append((field, spec.get("boost", 1.0)))
            elif kind == "multi_match":
                acc += [(f.split("^")[0], float(f.split("^")[1])) for f in body["fields"]]
            else:
                boosts(body, acc)
    elif isinstance(query, list):
        for item in query:
            boosts(item, acc)
    return acc


def test_words_are_anded_and_traditional_forms_are_folded():
    assert found("知识产权 執行") == {1}
    assert found("知识产权") == {1, 2}
    assert found("執行") == {1, 3}


def test_heading_weighs_more_than_body_and_body_more_than_grams():
    weights = dict(boosts(compile_query(parse_query("知识产权"))))
    assert weights["heading"] > weights["text"] > weights["context"] > weights["cjk"]


@pytest.mark.parametrize("typed", ["1.39万", "１.３９万", "院"])
def test_numbers_and_single_characters_match_only_as_written(typed):
    assert found(typed) == {4}
    assert {f for f, _ in boosts(compile_query(parse_query(typed)))} == {"cjk"}


def test_phrase_must_appear_as_written_and_counts_more_in_the_heading():
    assert found("“司法 保护”") == {2}  # 司法的保护 (section 3) is not the phrase
    weights = dict(boosts(compile_query(parse_query('"司法保护"'))))
    assert weights["heading"] > weights["text"]


def test_or_exclusion_and_court_names():
    assert found("扫黑除恶 OR 电信诈骗") == {5, 6}
    assert found("扫黑除恶 OR 电信诈骗 -刑事") == {5}

    def courts(text):
        return [(0, 2, "甲地", ("甲地", "甲处"))] if text == "甲处" else []

    body = compile_query(parse_query("甲处", courts=courts))
    docs = {n: d for n, d in SECTIONS.items()}
    assert {n for n, d in docs.items() if matches(body, d)} == {1, 3, 6}


def test_nothing_required_matches_all_but_exclusions():
    assert found("") == set(SECTIONS)
    assert found("-刑事") == {1, 2, 4, 5}


@pytest.mark.parametrize(
    "field, values, expected",
    [
        ("court", ["甲地"], {1, 3, 6}),
        ("court", ["甲地", "乙地"], {1, 2, 3, 5, 6}),
        ("year", ["2020..2022"], {2, 3, 4}),
        ("year", ["2022.."], {4, 5, 6}),
        ("year", ["..2020"], {1, 2}),
    ],
)
def test_filters_keep_what_they_name(field, values, expected):
    assert {n for n, d in SECTIONS.items() if matches(compile_filter(field, values), d)} == expected
    assert found("", {field: values}) == expected


def test_each_facet_counts_under_every_filter_but_its_own():
    filters = {"court": ["甲地"], "year": ["2019..2021"]}
    body = search_body(parse_query(""), filters, facets=("court", "year", "topic"))
    assert found("", filters) == {1, 3}

    def counted(name):
        spec = body["aggs"][name]
        assert spec["aggs"]["values"]["terms"]["field"] == name
        return {n for n, d in SECTIONS.items() if matches(spec["filter"], d)}

    assert counted("court") == {1, 2, 3}  # the year filter only: other courts still count
    assert counted("year") == {1, 3, 6}  # the court filter only
    assert counted("topic") == {1, 3}  # both


def test_sorts_order_by_relevance_then_newest_by_year_or_by_court():
    def sort(name):
        return search_body(parse_query("执行"), sort=name)["sort"]

    assert sort("relevance") == ["_score", {"year": {"order": "desc"}}]
    assert sort("year")[0] == {"year": {"order": "desc"}}
    assert sort("court")[:2] == [{"court": {"order": "asc"}}, {"year": {"order": "desc"}}]
    assert search_body(parse_query("执行"), offset=20, size=10)["from"] == 20


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


ANSWER = {
    "hits": {
        "total": {"value": 7, "relation": "eq"},
        "hits": [
            {
                "_id": "reports.section.12",
                "_score": 3.5,
                "_source": {"django_id": "12", "report_id": "4", "heading": "执行", "year": "2023"},
            }
        ],
    },
    "aggregations": {
        "reports": {"doc_count": 7, "distinct": {"value": 2}},
        "court": {"values": {"buckets": [{"key": "甲地", "doc_count": 5}, {"key": "", "doc_count": 2}]}},
        "year": {"values": {"buckets": [{"key": "2023", "doc_count": 7}]}},
    },
}  # fmt: skip


def test_engine_sends_the_compiled_request_and_reads_the_answer(db):
    sent = []

    def transport(path, body):
        sent.append((path, body))
        return ANSWER

    engine = ElasticsearchEngine("http://search.example:9200/", transport=transport)
    parsed = parse_query("执行")
    result = engine.execute(
        parsed, {"court": ["甲地"]}, sort="year", offset=10, limit=10, facets=("court", "year")
    )
    path, body = sent[0]
    assert (
        path == "_search" and body["from"] == 10 and body["sort"][0] == {"year": {"order": "desc"}}
    )
    assert body["query"] == compile_query(parsed)
    # The distinct-report count is taken under the filters.
    assert body["aggs"]["reports"]["filter"] == body["post_filter"]
    assert (result.count, result.reports) == (7, 2)
    assert [(h.section_id, h.report_id, h.score) for h in result.hits] == [(12, 4, 3.5)]
    assert result.hits[0].fields["heading"] == "执行"
    assert result.facets == {"court": [("甲地", 5)], "year": [("2023", 7)]}
    assert engine.count(parsed) == 7 and sent[-1][1]["size"] == 0


def test_search_url_setting_chooses_the_engine(settings):
    from reports.search.engine import get_engine

    settings.PORTAL_SEARCH_URL = "http://search.example:9200"
    assert isinstance(get_engine(), ElasticsearchEngine)


def test_query_reading_and_this_compiler_need_no_whoosh_nor_django():
    import subprocess
    import sys

    code = (
        "import sys; import reports.search.query, reports.search.es_query; "
        "print(sorted(m for m in ('whoosh', 'django', 'haystack', 'jieba') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


COLLAPSED = {
    "hits": {
        "total": {"value": 5, "relation": "eq"},
        "hits": [
            {
                "_id": "reports.section.12",
                "_score": 3.5,
                "_source": {"django_id": "12", "report_id": "4"},
                "inner_hits": {
                    "sections": {
                        "hits": {
                            "total": {"value": 4},
                            "hits": [
                                {"_id": "reports.section.12", "_score": 3.5,
                                 "_source": {"django_id": "12", "report_id": "4"}},
                                {"_id": "reports.section.13", "_score": 2.0,
                                 "_source": {"django_id": "13", "report_id": "4"}},
                            ],
                        }
                    }
                },
            },
            {
                "_id": "reports.section.30",
                "_score": 1.0,
                "_source": {"django_id": "30", "report_id": "9"},
                "inner_hits": {"sections": {"hits": {"total": {"value": 1}, "hits": [
                    {"_id": "reports.section.30", "_score": 1.0,
                     "_source": {"django_id": "30", "report_id": "9"}}]}}},
            },
        ],
    },
    "aggregations": {"reports": {"doc_count": 5, "distinct": {"value": 2}}},
}  # fmt: skip


def test_paging_by_report_collapses_on_the_report_and_reads_its_inner_hits(db):
    sent = []

    def transport(path, body):
        sent.append(body)
        return COLLAPSED

    engine = ElasticsearchEngine("http://search.example:9200", transport=transport)
    result = engine.execute(
        parse_query("执行"), {}, sort="relevance", offset=0, limit=10, facets=(), per_report=2
    )
    collapse = sent[0]["collapse"]
    assert collapse["field"] == "report_id"
    assert collapse["inner_hits"]["size"] == 2
    assert collapse["inner_hits"]["sort"] == sent[0]["sort"]
    assert [(h.section_id, h.report_id) for h in result.hits] == [(12, 4), (13, 4), (30, 9)]
    assert result.sections == {4: 4, 9: 1}
    assert (result.count, result.reports) == (5, 2)
    assert "collapse" not in search_body(parse_query("执行"))


def test_a_name_typed_loosely_is_found_where_its_words_stand_apart():
    docs = {1: {"heading": "", "text": "推行“六个一”特色工作法。", "context": ""}}
    docs[1]["cjk"] = docs[1]["text"]
    cut = {"六个一工作法": ["六个", "一", "工作", "法"]}.get
    assert found("六个一工作法", docs=docs) == set()
    assert found("六个一工作法", docs=docs, split=cut) == {1}
    # Its parts are all required: a text with only some of them is not found.
    docs[2] = {"heading": "", "text": "六个方面的工作。", "context": "", "cjk": "六个方面的工作。"}
    assert found("六个一工作法", docs=docs, split=cut) == {1}


def test_withdrawn_reports_are_kept_out_of_hits_counts_and_facets():
    assert found("执行") == {1, 3}
    assert found("执行", exclude_reports={"1"}) == {3}  # section 1 is report 1's
    body = search_body(parse_query("执行"), facets=("court",), exclude_reports={"1"})
    assert "post_filter" not in body  # in the query itself, which the aggregations count


def test_engine_excludes_the_reports_withdrawn_since_the_index_last_heard(db):
    from reports.choices import ReportStatus
    from tests.factories import ReportFactory

    withdrawn = ReportFactory(status=ReportStatus.DRAFT)
    sent = []
    engine = ElasticsearchEngine(
        "http://search.example:9200", transport=lambda p, b: sent.append(b) or ANSWER
    )
    engine.execute(parse_query("执行"), {}, sort="relevance", offset=0, limit=10, facets=())
    engine.count(parse_query("执行"))
    for body in sent:
        assert {"terms": {"report_id": [str(withdrawn.pk)]}} in body["query"]["bool"]["must_not"]
