"""Court pages (headline figures over the years, initiatives, reports), the directory's
filter box, and the Atom feeds of new reports. Drafts never show."""

import json
import re
from decimal import Decimal

import pytest

from reports.choices import MetricScope
from tests.factories import CourtFactory, InitiativeFactory, MetricFactory, ReportFactory
from tests.sample import DRAFT_TITLE, build_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample():
    sample = build_sample()
    # A second year for 呼和浩特中院, and a draft figure that must not show.
    report_2024 = ReportFactory(court=sample.hohhot, year=2024, title="呼和浩特中院2024年工作回眸")
    MetricFactory(
        report=report_2024,
        label="审结案件",
        indicator="cases_closed",
        value=Decimal("15000"),
        raw="1.5万件",
    )
    # 2023's total; the sample's 审结一审刑事案件 (1.39万件) is one kind of case, never the total.
    MetricFactory(
        report=sample.report_2023,
        label="审结各类案件",
        indicator="cases_closed",
        value=Decimal("20000"),
        raw="2万件",
    )
    MetricFactory(report=sample.draft, label="审结案件", indicator="cases_closed", value=77777)
    InitiativeFactory(report=sample.draft, name="秘密草稿机制", canonical_name="秘密草稿机制")
    sample.report_2024 = report_2024
    return sample


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_court_page_has_headline_figures_by_year_as_a_table_and_a_chart(client, sample):
    html = html_of(client, "/courts/hohhot-zy/")
    table = html[html.index('class="data-table trend-table"') :]
    table = table[: table.index("</table>")]
    assert re.findall(r'<th scope="col" class="num">(\d{4})</th>', table) == ["2023", "2024"]
    # 审结案件 of 2023 (2万件) and 2024 (1.5万件), each linked to its sentence; the larger
    # 审结一审刑事案件 of 2023 is no total and stays out.
    assert f'href="/reports/{sample.report_2023.pk}/#metric-' in table
    assert f'href="/reports/{sample.report_2024.pk}/#metric-' in table
    assert ">20,000</a>" in table and ">15,000</a>" in table
    assert "13,900" not in table
    # The region's 执行到位金额 is its own row, in 亿元.
    assert "执行到位金额（辖区合计）" in table and ">241.97</a>" in table
    chart = json.loads(re.search(r'id="court-chart-data"[^>]*>(.*?)</script>', html).group(1))
    assert chart["years"] == [2023, 2024]
    assert {"name": "审结案件", "data": [20000.0, 15000.0]} in chart["series"]
    assert "77777" not in html and "77,777" not in html


def test_court_page_lists_its_initiatives_linked_to_their_pages(client, sample):
    html = html_of(client, "/courts/hohhot-zy/")
    assert 'href="/initiatives/%E5%91%BC%E5%8C%85%E9%84%82%E4%B9%8C' in html  # 呼包鄂乌…
    assert "秘密草稿机制" not in html


def test_court_without_figures_has_no_chart(client, sample):
    html = html_of(client, "/courts/wuhai-zy/")
    assert "trend-table" not in html and "echarts" not in html


def test_directory_filter_box_finds_a_court_by_part_of_its_name_without_script(client, sample):
    html = html_of(client, "/courts/?q=巴彦")
    assert '<form class="inline-form court-filter" method="get"' in html
    matches = html[html.index('id="court-matches"') : html.index("</section>")]
    assert '巴彦淖尔市中级人民法院</a> <span class="count">1 篇</span>' in matches
    assert "呼和浩特" not in matches
    assert "没有名称含“火星”的法院" in html_of(client, "/courts/?q=火星")


def test_courts_api_filters_as_the_box_types(client, sample):
    rows = json.loads(client.get("/api/courts", {"q": "巴彦"}).content)
    assert [row["name"] for row in rows] == ["巴彦淖尔市中级人民法院"]
    assert rows[0]["reports"] == 1


def test_atom_feeds_per_court_and_per_province_list_published_reports_only(client, sample):
    CourtFactory(name="上海市第一中级人民法院", province="上海市", slug="sh-1-zy")
    court = client.get("/feeds/courts/hohhot-zy/")
    assert court["Content-Type"].startswith("application/atom+xml")
    xml = court.content.decode()
    assert sample.report_2023.title in xml and sample.report_2024.title in xml
    assert sample.report_2025.title not in xml and DRAFT_TITLE not in xml
    xml = client.get("/feeds/provinces/内蒙古自治区/").content.decode()
    assert sample.report_2025.title in xml and DRAFT_TITLE not in xml
    assert "包头市中级人民法院草稿" not in xml
    assert sample.report_2023.title not in client.get("/feeds/provinces/上海市/").content.decode()
    assert client.get("/feeds/provinces/火星/").status_code == 404
    assert client.get("/feeds/courts/no-such-court/").status_code == 404


def test_home_and_court_pages_link_their_atom_feeds(client, sample):
    assert '<link rel="alternate" type="application/atom+xml"' in html_of(client, "/")
    html = html_of(client, "/courts/hohhot-zy/")
    assert (
        'type="application/atom+xml" title="呼和浩特市中级人民法院的新报告" href="/feeds/courts/hohhot-zy/"'
        in html
    )


def test_region_figures_are_never_merged_with_the_courts_own(client, sample):
    MetricFactory(
        report=sample.report_2024,
        label="执行到位金额",
        indicator="enforcement_amount",
        value=Decimal("500000000"),
        unit="元",
        scope=MetricScope.COURT,
    )
    html = html_of(client, "/courts/hohhot-zy/")
    own = html[html.index(">执行到位金额</a>") :].split("</tr>")[0]
    region = html[html.index(">执行到位金额（辖区合计）</a>") :].split("</tr>")[0]
    assert ">5</a>" in own and "241.97" not in own
    assert ">241.97</a>" in region
