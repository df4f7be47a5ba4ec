"""The JSON API keeps DESIGN.md's contract: every key, its type, published content only."""

import json

import pytest

from tests.sample import DRAFT_TITLE, DRAFT_WORD, build_sample
from tests.test_views import lead_at_the_end

pytestmark = pytest.mark.django_db

SEARCH_KEYS = {"query", "count", "page", "pages", "results", "facets", "suggestion"}
HIT_TYPES = {
    "report_id": int,
    "section_id": int,
    "court": str,
    "year": (int, type(None)),
    "title": str,
    "heading": str,
    "topic": str,
    "snippet": str,
    "url": str,
}
FACETS = {"court", "province", "level", "year", "topic", "kind"}
REPORT_TYPES = {
    "id": int,
    "court": dict,
    "year": int,
    "title": str,
    "kind": str,
    "source": str,
    "published_on": str,
    "url": str,
    "sections": list,
    "metrics": list,
    "initiatives": list,
}
COURT_TYPES = {"name": str, "short_name": str, "level": str, "province": str, "city": str}
SECTION_TYPES = {"id": int, "order": int, "heading": str, "topic": str, "text": str, "url": str}
METRIC_TYPES = {
    "id": int,
    "section_id": (int, type(None)),
    "label": str,
    "indicator": str,
    "value": (int, float, type(None)),  # null for a change-only statement
    "unit": str,
    "approx": str,
    "yoy_change": (int, float, type(None)),
    "yoy_unit": str,
    "scope": str,
    "evidence": str,
    "verified": bool,
}
INITIATIVE_TYPES = {"id": int, "section_id": (int, type(None)), "name": str, "evidence": str}
DIRECTORY_TYPES = {**COURT_TYPES, "reports": int}


@pytest.fixture
def sample():
    return build_sample()


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    # UTF-8 as written, not \\uXXXX escapes.
    assert b"\\u" not in response.content
    return json.loads(response.content.decode("utf-8"))


def assert_types(obj, types, where):
    missing = set(types) - set(obj)
    assert not missing, f"{where}: missing contract keys {missing}"
    for key, expected in types.items():
        assert isinstance(obj[key], expected), f"{where}.{key} = {obj[key]!r}"


def indexed_sections(*texts, year=2023):
    """Published sections of one report, in the index as after a commit."""
    from django.test import TestCase

    from reports.choices import ReportStatus
    from tests.factories import ReportFactory, SectionFactory

    with TestCase.captureOnCommitCallbacks(execute=True):
        report = ReportFactory(status=ReportStatus.PUBLISHED, year=year)
        sections = [SectionFactory(report=report, order=i, text=t) for i, t in enumerate(texts, 1)]
    return report, sections


def test_search_has_every_contract_key(client):
    report, sections = indexed_sections(
        "审结一审知识产权案件325件 <b>", "知识产权司法保护。", "无关的段落。"
    )
    data = get_json(client, "/api/search", q="知识产权")
    assert SEARCH_KEYS <= set(data)
    assert (data["query"], data["count"], data["page"], data["pages"]) == ("知识产权", 2, 1, 1)
    assert data["reports"] == 1  # the two sections are of one report
    assert data["suggestion"] == ""
    assert isinstance(data["took_ms"], float)
    hit = next(h for h in data["results"] if h["section_id"] == sections[0].pk)
    assert_types(hit, HIT_TYPES, "results[0]")
    assert hit["snippet"] == "审结一审<mark>知识产权</mark>案件325件 &lt;b&gt;"
    assert hit["url"] == f"/reports/{report.pk}/#section-1"
    assert (hit["report_id"], hit["year"], hit["court"]) == (report.pk, 2023, report.court.name)
    assert set(data["facets"]) == FACETS  # all six, even when one has no values
    assert data["facets"]["court"] == [
        {"value": report.court.name, "count": 2, "label": report.court.name}
    ]
    assert data["facets"]["year"] == [{"value": "2023", "count": 2, "label": "2023年"}]


def test_search_bad_query_is_400_with_a_bilingual_error(client):
    indexed_sections("知识产权司法保护。")
    data = get_json(client, "/api/search", status=400, q="？！。")
    assert data == {"error": "查询中没有可以搜索的字词 (The query contains no searchable words.)"}


def test_search_with_too_many_values_for_one_filter_is_400(client):
    indexed_sections("知识产权司法保护。")
    data = get_json(
        client, "/api/search", status=400, q="知识产权", report=list(range(900001, 900022))
    )
    assert data["error"].startswith("每个筛选条件最多 20 个值")
    assert "At most 20 values per filter; report has 21." in data["error"]
    assert (
        get_json(client, "/api/search", q="知识产权", report=list(range(900001, 900021)))["count"]
        == 0
    )


def test_report_has_every_contract_key_and_type(client, sample):
    report = sample.report_2023
    data = get_json(client, f"/api/reports/{report.pk}")
    assert_types(data, REPORT_TYPES, "report")
    assert_types(data["court"], COURT_TYPES, "court")
    assert data["court"] == {
        "name": "呼和浩特市中级人民法院",
        "short_name": "呼和浩特中院",
        "level": "intermediate",
        "province": "内蒙古自治区",
        "city": "呼和浩特市",
    }
    assert (data["id"], data["year"], data["kind"]) == (report.pk, 2023, "news_review")
    assert data["published_on"] == "2024-01-26"
    assert data["url"] == f"/reports/{report.pk}/"
    for section in data["sections"]:
        assert_types(section, SECTION_TYPES, "sections[]")
    assert [s["order"] for s in data["sections"]] == [1, 2, 3]
    assert data["sections"][1]["url"] == f"/reports/{report.pk}/#section-2"
    for metric in data["metrics"]:
        assert_types(metric, METRIC_TYPES, "metrics[]")
    for initiative in data["initiatives"]:
        assert_types(initiative, INITIATIVE_TYPES, "initiatives[]")
    assert data["initiatives"][0]["name"] == "“呼包鄂乌”知识产权司法保护协作机制"


def test_report_metrics_are_numbers_in_base_units(client, sample):
    data = get_json(client, f"/api/reports/{sample.report_2023.pk}")
    by_label = {m["label"]: m for m in data["metrics"]}
    amount = by_label["执行到位金额"]
    assert (amount["value"], amount["unit"]) == (24197000000, "元")
    assert (amount["yoy_change"], amount["yoy_unit"]) == (27.74, "%")
    assert (amount["scope"], amount["section_id"]) == ("region", None)
    assert by_label["审结一审刑事案件"]["value"] == 13900
    assert by_label["判处罪犯"]["approx"] == "余"
    assert by_label["审结一审知识产权案件"]["verified"] is True
    assert by_label["审结一审知识产权案件"]["section_id"] == sample.ip_section.pk


@pytest.mark.parametrize("which", ["draft", "unknown", "not-a-number", "too-big"])
def test_draft_or_unknown_report_is_404_json(client, sample, which):
    pk = {"draft": sample.draft.pk, "unknown": 999999, "not-a-number": "abc"}.get(which, 10**30)
    data = get_json(client, f"/api/reports/{pk}", status=404)
    assert set(data) == {"error"} and "未发布" in data["error"] and "not found" in data["error"]
    assert DRAFT_WORD not in json.dumps(data, ensure_ascii=False)


def test_courts_is_the_directory_with_published_report_counts(client, sample):
    data = get_json(client, "/api/courts")
    assert isinstance(data, list) and len(data) == 6
    for court in data:
        assert_types(court, DIRECTORY_TYPES, "courts[]")
    counts = {c["name"]: c["reports"] for c in data}
    # Drafts do not count: 呼和浩特 has a published report and a draft; 包头 only a draft.
    assert counts["呼和浩特市中级人民法院"] == 1
    assert counts["包头市中级人民法院"] == 0
    assert counts["乌海市中级人民法院"] == 0
    assert {c["url"] for c in data if c["name"] == "巴彦淖尔市中级人民法院"} == {
        "/courts/bayannur-zy/"
    }
    # GB/T 2260 order: 内蒙古 (15…) before 上海 (31…).
    assert data[0]["name"] == "内蒙古自治区高级人民法院" and data[-1]["province"] == "上海市"


def test_courts_can_be_narrowed_to_a_province(client, sample):
    data = get_json(client, "/api/courts", province="上海市")
    assert [c["name"] for c in data] == ["上海市高级人民法院"]


def test_courts_is_one_query_whatever_the_directory_size(client, sample, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get("/api/courts")


def test_no_api_response_mentions_a_draft(client, sample):
    bodies = [client.get("/api/courts").content.decode()]
    for report in (sample.report_2023, sample.report_2025, sample.draft):
        bodies.append(client.get(f"/api/reports/{report.pk}").content.decode())
    for body in bodies:
        assert DRAFT_TITLE not in body and DRAFT_WORD not in body


def test_report_lists_metrics_and_initiatives_in_section_order(client):
    report = lead_at_the_end()
    data = get_json(client, f"/api/reports/{report.pk}")
    order = {s["id"]: s["order"] for s in data["sections"]}
    assert [order[m["section_id"]] for m in data["metrics"]] == [1, 2]
    assert [order[i["section_id"]] for i in data["initiatives"]] == [1, 2]
