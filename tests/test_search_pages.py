"""The search page and /api/search over a real index of the sample: what readers get back,
and that a draft never leaks through results, facets, snippets or counts."""

import json

import pytest

from tests.sample import DRAFT_TITLE, DRAFT_WORD, build_sample, index_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed():
    sample = build_sample()
    index_sample()
    return sample


def indexed_count(client, q):
    return json.loads(client.get("/api/search", {"q": q}).content)


def test_search_page_finds_sections_grouped_by_report_with_highlights(client, indexed):
    html = client.get("/search/", {"q": "知识产权"}).content.decode()
    assert indexed.report_2023.title in html
    assert "<mark>知识产权</mark>" in html
    # The link carries the searched words, which the report page marks.
    assert (
        f'href="/reports/{indexed.report_2023.pk}/?q=%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83#section-1"'
        in html
    )
    count = indexed_count(client, "知识产权")
    assert f'<strong class="search-count">{count["count"]}</strong> 个段落' in html
    assert f'<strong class="report-count">{count["reports"]}</strong> 篇报告中的' in html
    assert 'aria-labelledby="facet-court"' in html


def test_court_page_search_box_narrows_to_that_court(client, indexed):
    html = client.get("/search/", {"q": "法院", "court": "呼和浩特市中级人民法院"}).content.decode()
    assert indexed.report_2023.title in html
    assert indexed.report_2025.title not in html
    assert "法院：呼和浩特市中级人民法院" in html  # the removable chip


def test_report_page_search_box_searches_inside_that_report(client, indexed):
    report = indexed.report_2025
    html = client.get("/search/", {"q": "工作法", "report": report.pk}).content.decode()
    assert report.title in html and indexed.report_2023.title not in html


@pytest.mark.parametrize("q", ['"知识产权', "status:draft", "*", "~^[a TO b]", "。" * 500, ""])
def test_odd_queries_give_a_page_not_a_server_error(client, indexed, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert DRAFT_TITLE not in response.content.decode()


@pytest.mark.parametrize("q", ["", DRAFT_WORD, "草稿", "2024", "法院"])
def test_drafts_never_leak_into_search(client, indexed, q):
    html = client.get("/search/", {"q": q}).content.decode()
    body = client.get("/api/search", {"q": q}).content.decode()
    for text in (html, body):
        assert DRAFT_TITLE not in text and f"{DRAFT_WORD}章节" not in text
    if body.startswith("{") and "results" in body:
        data = json.loads(body)
        years = {v["value"] for v in data["facets"]["year"]}
        assert "2024" not in years  # only the draft covers 2024


def test_api_search_over_the_index_keeps_the_contract(client, indexed):
    response = client.get("/api/search", {"q": "知识产权"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert {"query", "count", "page", "pages", "results", "facets", "suggestion"} <= set(data)
    assert data["count"] >= 1 and data["results"]
    hit = data["results"][0]
    keys = ("report_id", "section_id", "court", "year", "title", "heading", "topic", "snippet")
    assert set(keys) | {"url"} <= set(hit)
    assert "<mark>" in hit["snippet"]
    assert set(data["facets"]) == {"court", "province", "level", "year", "topic", "kind"}
    courts = {v["value"]: v["count"] for v in data["facets"]["court"]}
    assert courts.get("呼和浩特市中级人民法院", 0) >= 1


def test_api_search_with_nothing_searchable_is_400_never_500(client, indexed):
    response = client.get("/api/search", {"q": "！？。" * 100})
    assert response.status_code == 400
    data = json.loads(response.content)
    assert set(data) == {"error"}
    assert "查询" in data["error"] and "query" in data["error"]  # Chinese and English
    # The same query on the page: a 200 that shows the message.
    html = client.get("/search/", {"q": "！？。" * 100}).content.decode()
    assert "notice--error" in html and "查询中没有可以搜索的字词" in html


def test_year_range_control_keeps_the_query_and_other_filters(client, indexed):
    html = client.get(
        "/search/", {"q": "法院", "court": "呼和浩特市中级人民法院", "year_from": "2020"}
    ).content.decode()
    form = html[html.index('<form class="year-range"') :]
    form = form[: form.index("</form>")]
    assert '<input type="hidden" name="q" value="法院">' in form
    assert 'name="court" value="呼和浩特市中级人民法院"' in form
    assert 'name="year_from"' in form and 'value="2020"' in form and 'name="year_to"' in form
    assert "年份：2020–…年" in html  # the chip of the open range
    data = json.loads(client.get("/api/search", {"q": "法院", "year_to": "2024"}).content)
    assert {r["year"] for r in data["results"]} == {2023}
    assert data["facets"]["year"][0] == {
        "value": "..2024",
        "count": data["count"],
        "label": "…–2024年",
    }
