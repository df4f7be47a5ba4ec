"""The search page pages by report: a page holds reports, each with its best sections and a
count of all of its matching ones; the API keeps paging by section (its contract)."""

import json
import re

import pytest

from reports.search.page import build_request, search
from tests.factories import CourtFactory, ReportFactory, SectionFactory
from tests.sample import index_sample

pytestmark = pytest.mark.django_db

WORD = "调解"


def corpus(matching: list[int]):
    """One report per entry, each with that many sections about 调解 and one without."""
    reports = []
    for n, count in enumerate(matching):
        court = CourtFactory(name=f"测试{n}县人民法院", slug=f"paging-{n}")
        report = ReportFactory(court=court, year=2010 + n, title=f"测试{n}县人民法院工作报告")
        for order in range(count):
            # More mentions rank higher: report 0's first section is the best of all.
            words = WORD * (len(matching) - n + 3 - order)
            SectionFactory(report=report, order=order + 1, heading=f"第{order + 1}部分", text=words)
        SectionFactory(report=report, order=count + 1, heading="其他", text="队伍建设。")
        reports.append(report)
    index_sample()
    return reports


def report_page(number: int, per_page: int, per_report: int = 3):
    request = build_request(WORD, page=number, per_report=per_report)
    request.per_page = per_page
    return search(request)


def test_a_page_holds_reports_each_with_its_best_sections_and_their_count():
    reports = corpus([5, 1, 2, 4])
    page = report_page(1, per_page=2)
    assert (page.count, page.report_count, page.pages) == (12, 4, 2)
    assert [g.report_id for g in page.groups] == [reports[0].pk, reports[1].pk]
    first = page.groups[0]
    assert [h.heading for h in first.hits] == ["第1部分", "第2部分", "第3部分"]
    assert first.sections == 5
    assert f"report={reports[0].pk}" in first.more_url  # the other two are a click away
    assert page.groups[1].sections == 1 and page.groups[1].more_url == ""


def test_every_report_appears_once_across_the_pages_in_rank_order():
    reports = corpus([2, 3, 1, 2, 1])
    seen = []
    for number in (1, 2, 3):
        seen += [g.report_id for g in report_page(number, per_page=2).groups]
    assert seen == [r.pk for r in reports]
    # The order is that of each report's best section in the plain ranking.
    sections = build_request(WORD)
    sections.per_page = 100
    ranked = [h.report_id for h in search(sections).results]
    assert seen == list(dict.fromkeys(ranked))


def test_sort_by_year_pages_reports_newest_first():
    reports = corpus([1, 2, 1])
    request = build_request(WORD, sort="year", per_report=3)
    assert [g.report_id for g in search(request).groups] == [r.pk for r in reversed(reports)]


def test_inside_one_report_its_sections_are_paged():
    reports = corpus([5, 1])
    request = build_request(WORD, filters=[("report", str(reports[0].pk))], per_report=3)
    request.per_page = 2
    page = search(request)
    assert page.pages == 3 and len(page.results) == 2


def test_search_page_pages_reports_and_the_api_pages_sections(client):
    corpus([2] * 12)
    html = client.get("/search/", {"q": WORD}).content.decode()
    assert len(re.findall(r'<li class="result">', html)) == 10
    assert 'aria-label="第 2 页"' in html
    assert "2 篇报告" not in html and '<strong class="report-count">12</strong> 篇报告中的' in html
    assert "2 个相关段落" in html
    second = client.get("/search/", {"q": WORD, "page": 2}).content.decode()
    assert len(re.findall(r'<li class="result">', second)) == 2
    api = json.loads(client.get("/api/search", {"q": WORD}).content)
    assert (api["count"], api["pages"], len(api["results"])) == (24, 3, 10)
