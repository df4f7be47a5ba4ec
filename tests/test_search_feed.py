"""A saved search as a feed, and result links that carry the searched words to the report."""

import pytest

from reports.templatetags.search_links import in_chinese, with_terms
from tests.sample import DRAFT_TITLE, DRAFT_WORD, build_sample, index_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample():
    built = build_sample()
    index_sample()
    return built


def test_the_search_page_links_its_own_feed_and_the_feed_lists_matching_reports(client, sample):
    page = client.get("/search/", {"q": "知识产权"})
    html = page.content.decode()
    assert 'type="application/atom+xml"' in html
    assert "/feeds/search/?q=" in html

    feed = client.get("/feeds/search/", {"q": "知识产权"})
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    matching = {g.report_id for g in page.context["page"].groups}
    assert matching
    assert body.count("<entry>") == len(matching)


def test_a_feed_of_a_search_that_finds_nothing_has_no_entries(client, sample):
    feed = client.get("/feeds/search/", {"q": "离婚冷静期不存在的词"})
    assert feed.status_code == 200
    assert "<entry>" not in feed.content.decode()


def test_a_feed_never_lists_a_draft(client, sample):
    assert DRAFT_TITLE not in client.get("/feeds/search/", {"q": DRAFT_WORD}).content.decode()
    withdrawn = sample.report_2023
    assert withdrawn.title in client.get("/feeds/search/", {"q": "法院"}).content.decode()
    withdrawn.status = "draft"
    withdrawn.save()
    assert withdrawn.title not in client.get("/feeds/search/", {"q": "法院"}).content.decode()


def test_result_links_carry_the_query_to_the_report_page(client, sample):
    html = client.get("/search/", {"q": "知识产权"}).content.decode()
    assert "?q=%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83#section-" in html


def test_with_terms_keeps_the_fragment_and_other_parameters():
    assert with_terms("/reports/3/#section-2", "执行 兑现") == (
        "/reports/3/?q=%E6%89%A7%E8%A1%8C+%E5%85%91%E7%8E%B0#section-2"
    )
    assert with_terms("/reports/3/?a=1", "x") == "/reports/3/?a=1&q=x"
    assert with_terms("/reports/3/", "") == "/reports/3/"


def test_pages_show_the_chinese_of_a_bilingual_message(client, sample):
    assert in_chinese("查询中没有可以搜索的字词 (The query contains no searchable words.)") == (
        "查询中没有可以搜索的字词"
    )
    assert in_chinese("未找到法院“某某”，已忽略该条件") == "未找到法院“某某”，已忽略该条件"
    html = client.get("/search/", {"q": "!!!"}).content.decode()
    assert "查询中没有可以搜索的字词" in html  # the refusal is shown …
    assert "searchable words" not in html  # … in Chinese only
