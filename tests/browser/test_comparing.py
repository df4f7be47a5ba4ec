"""An analyst's and a reader's paths in a real browser: compare figures in the explorer and
export them, read a court's trends, follow a figure and an initiative to their sentences,
cite a section. Screenshots go to test-results/ (git-ignored) for a person to look at."""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

from reports.choices import CourtLevel, MetricScope
from tests.factories import CourtFactory, MetricFactory, ReportFactory, SectionFactory
from tests.sample import build_sample, index_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "browser"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


@pytest.fixture
def site(live_server):
    sample = build_sample()
    # A second year for 呼和浩特中院 and a court of another province, so that there is
    # something to compare.
    report_2024 = ReportFactory(court=sample.hohhot, year=2024, title="呼和浩特中院2024年工作回眸")
    section = SectionFactory(
        report=report_2024, order=1, heading="审判执行", text="全年审结各类案件1.5万件。"
    )
    MetricFactory(
        report=report_2024,
        section=section,
        label="审结各类案件",
        indicator="cases_closed",
        value=Decimal("15000"),
        raw="1.5万件",
        scope=MetricScope.COURT,
        evidence="全年审结各类案件1.5万件。",
    )
    # 2023's total (the sample's 审结一审刑事案件 is one kind of case, never charted as it).
    MetricFactory(
        report=sample.report_2023,
        label="审结案件",
        indicator="cases_closed",
        value=Decimal("13900"),
        raw="1.39万件",
        scope=MetricScope.COURT,
        evidence="审结案件1.39万件。",
    )
    shanghai = CourtFactory(
        name="上海市第一中级人民法院",
        short_name="上海一中院",
        level=CourtLevel.INTERMEDIATE,
        province="上海市",
        city="上海市",
        slug="shanghai-1-zy",
    )
    report_sh = ReportFactory(court=shanghai, year=2024, title="上海一中院2024年工作报告")
    MetricFactory(
        report=report_sh,
        label="审结案件",
        indicator="cases_closed",
        value=Decimal("42000"),
        raw="4.2万件",
        scope=MetricScope.COURT,
        evidence="审结案件4.2万件。",
    )
    index_sample()
    sample.url = live_server.url
    sample.report_2024 = report_2024
    return sample


def test_explorer_switch_indicator_and_province_then_export_csv(desktop, site):
    page = desktop
    # Charts and their tooltips must not need inline script or style (the site's CSP).
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site.url + "/metrics/")
    page.get_by_label("指标", exact=True).select_option("enforcement_amount")
    page.get_by_role("button", name="比较").click()
    page.wait_for_url(re.compile(r"indicator=enforcement_amount"))
    assert "数值（亿元）" in page.locator(".explorer-table thead").inner_text()
    page.wait_for_selector("#metrics-chart[data-chart-ready] canvas")

    page.get_by_label("指标", exact=True).select_option("cases_closed")
    page.get_by_label("省份", exact=True).select_option("上海市")
    page.get_by_role("button", name="比较").click()
    page.wait_for_url(re.compile(r"province="))
    courts = page.locator(".explorer-table tbody th").all_inner_texts()
    assert courts == ["上海一中院"]
    page.wait_for_selector("#metrics-chart[data-chart-ready] canvas")
    page.locator("#metrics-chart").hover()  # the tooltip
    shot(page, "explorer-shanghai")
    assert not [e for e in errors if "favicon" not in e], errors

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("CSV")).click()
    body = Path(download.value.path()).read_bytes()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert [(r["court"], r["value"], r["indicator"]) for r in rows] == [
        ("上海市第一中级人民法院", "42000", "cases_closed")
    ]


def test_court_page_shows_its_chart_and_table(desktop, site):
    page = desktop
    page.goto(site.url + site.hohhot.get_absolute_url())
    chart = page.locator("#court-chart")
    page.wait_for_selector("#court-chart[data-chart-ready] canvas")
    assert chart.bounding_box()["height"] > 200
    # The chart draws the table's figures: its lines are the table's rows.
    drawn = chart.evaluate(
        "el => echarts.getInstanceByDom(el).getOption().series.map(s => [s.name, s.data])"
    )
    assert ["审结案件", [13900, 15000]] in drawn
    rows = page.locator(".trend-table tbody th a").all_inner_texts()
    assert {name for name, _ in drawn} <= set(rows)
    header = page.locator(".trend-table thead").inner_text()
    assert "2023" in header and "2024" in header
    shot(page, "court-trends")


def test_follow_a_figure_to_its_sentence(desktop, site):
    page = desktop
    page.goto(site.url + "/metrics/?indicator=cases_closed&court=呼和浩特市中级人民法院")
    link = page.locator(".explorer-table a.figure-link", has_text="15,000")
    link.click()
    page.wait_for_url(re.compile(r"#metric-\d+$"))
    row = page.locator(":target")
    assert "全年审结各类案件1.5万件" in row.inner_text()
    box = row.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]
    # From the row to the sentence in the report's text, marked.
    row.get_by_text("在正文中查看").click()
    page.wait_for_url(re.compile(r"\?figure=\d+#figure-\d+$"))
    sentence = page.locator("mark.figure-sentence")
    assert sentence.inner_text() == "全年审结各类案件1.5万件。"
    assert sentence.evaluate("el => el.matches(':target')")
    assert 0 <= sentence.bounding_box()["y"] < page.viewport_size["height"]
    shot(page, "figure-sentence")


def test_open_an_initiative_and_follow_a_mention(desktop, site):
    page = desktop
    page.goto(site.url + "/initiatives/")
    page.get_by_role("link", name="“六个一”特色工作法").click()
    page.wait_for_url(re.compile(r"/initiatives/.+/$"))
    assert page.locator("h1").inner_text() == "“六个一”特色工作法"
    page.locator(".mention__link").first.click()
    page.wait_for_url(re.compile(r"#initiative-\d+$"))
    target = page.locator(":target")
    assert "“六个一”特色工作法" in target.inner_text()
    assert 0 <= target.bounding_box()["y"] < page.viewport_size["height"]


def test_cite_a_section_and_open_the_citations_address(desktop, site):
    page = desktop
    page.goto(site.url + site.report_2023.get_absolute_url())
    section = page.locator("#section-2")
    section.get_by_text("引用本节").click()
    citation = section.locator(".citation")
    assert citation.is_visible()
    text = citation.inner_text()
    assert text.startswith("呼和浩特市中级人民法院. ") and ": 保障首府安全稳定[N/OL]" in text
    url = re.search(r"(http\S+#section-2)\.$", text).group(1)
    page.goto(url)
    assert page.locator(":target").get_attribute("id") == "section-2"
    assert "保障首府安全稳定" in page.locator(":target h3").inner_text()


def test_on_a_phone_the_figures_table_starts_folded_but_opens_for_a_figure(phone, site):
    page = phone
    page.goto(site.url + site.report_2023.get_absolute_url())
    assert page.locator("details.metrics-details").get_attribute("open") is None
    metric = site.report_2023.metrics.get(label="判处罪犯")
    page.goto(site.url + site.report_2023.get_absolute_url() + f"#metric-{metric.pk}")
    page.wait_for_function("document.querySelector('details.metrics-details').open")
    assert page.locator(f"#metric-{metric.pk}").is_visible()
    shot(page, "report-phone-figure")


def test_directory_filter_lists_matches_as_the_reader_types(desktop, site):
    page = desktop
    page.goto(site.url + "/courts/")
    page.get_by_role("searchbox", name="查找法院").press_sequentially("巴彦", delay=50)
    matches = page.locator("#court-matches")
    matches.get_by_role("link", name="巴彦淖尔市中级人民法院").wait_for()
    assert "呼和浩特" not in matches.inner_text()


def test_search_click_a_facet_open_a_result_and_see_the_searched_words(desktop, site):
    page = desktop
    page.goto(site.url + "/search/?q=知识产权")
    page.locator("#facets .facet").first.locator("a").first.click()
    page.wait_for_load_state()
    assert "知识产权" in page.locator(".search-summary").inner_text()
    first = page.locator(".result-list .hit__heading").first
    href = first.get_attribute("href")
    assert "?q=" in href and "#section-" in href
    first.click()
    page.wait_for_load_state()
    marked = page.locator(".report-body mark, article mark, section mark")
    assert marked.count() > 0
    texts = marked.all_inner_texts()
    assert "知识产权" in texts, texts  # the searched word itself is marked in the text
    shot(page, "search-result-marked")
