"""The report page as a reader uses it: searched words marked, a citation for the report and
each section, the same court's other years, the original file, Open Graph tags."""

import re
from datetime import date

import pytest
from django.core.files.base import ContentFile

from reports.pages.reading import citation, searched_terms
from tests.factories import ReportFactory, SectionFactory
from tests.sample import build_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample():
    return build_sample()


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_arriving_from_search_marks_the_searched_words_in_the_text(client, sample):
    url = sample.report_2023.get_absolute_url()
    html = page(client, f"{url}?q=知識產權 -刑事")  # traditional form; an exclusion is no mark
    assert "审结一审<mark>知识产权</mark>案件325件" in html
    assert "已在正文中标出检索词" in html and f'href="{url}">取消标记' in html
    assert "<mark>刑事</mark>" not in html
    assert (
        "<mark>" not in page(client, url).split('id="report-body-title"')[1].split("</article>")[0]
    )


def test_a_compound_word_is_marked_by_its_parts_when_not_written_together(sample):
    assert searched_terms("知识产权协作", sample.report_2023.text + "知识产权；协作") == [
        "知识产权",
        "协作",
    ]


def test_a_word_the_report_lacks_is_said_plainly(client, sample):
    html = page(client, f"{sample.report_2023.get_absolute_url()}?q=量子纠缠")
    assert "本报告正文中没有“量子纠缠”" in html


def test_marked_text_stays_escaped(client):
    report = ReportFactory()
    SectionFactory(report=report, order=1, text="<script>知识产权</script>")
    html = page(client, f"{report.get_absolute_url()}?q=知识产权")
    assert "&lt;script&gt;<mark>知识产权</mark>&lt;/script&gt;" in html


def test_citation_is_gbt_7714_for_the_report_and_each_section(client, sample):
    report = sample.report_2023
    url = f"http://testserver{report.get_absolute_url()}"
    today = date.today().isoformat()
    expected = (
        f"呼和浩特市中级人民法院. {report.title}[N/OL]. 内蒙古法制报, 2024-01-26 [{today}]. {url}."
    )
    assert citation(report, url, cited_on=date.today()) == expected
    html = page(client, report.get_absolute_url())
    # Visible without script: the text sits in a <details>.
    assert re.search(
        r'<details class="cite" id="cite-report">\s*<summary>引用本报告</summary>', html
    )
    assert f'<p class="citation">{expected}</p>' in html
    section = (
        f"呼和浩特市中级人民法院. {report.title}: 保障首府安全稳定[N/OL]. 内蒙古法制报, "
        f"2024-01-26 [{today}]. {url}#section-2."
    )
    assert f'<p class="citation">{section}</p>' in html


def test_citation_without_source_or_date_leaves_them_out():
    report = ReportFactory.build(court=None, title="某院工作报告", source="", kind="work_report")
    assert citation(report, "https://x/r/1/", cited_on=date(2026, 1, 2)) == (
        "某院工作报告[R/OL]. [2026-01-02]. https://x/r/1/."
    )


def test_previous_and_next_year_of_the_same_court_published_only(client, sample):
    later = ReportFactory(court=sample.hohhot, year=2025, title="呼和浩特中院2025年工作回眸")
    earlier = ReportFactory(court=sample.hohhot, year=2021, title="呼和浩特中院2021年工作回眸")
    html = page(client, sample.report_2023.get_absolute_url())
    nav = html[html.index('class="year-nav"') :].split("</nav>")[0]
    assert f'href="{earlier.get_absolute_url()}" rel="prev">← 2021 年' in nav
    # 2024 is a draft: the next year is 2025.
    assert f'href="{later.get_absolute_url()}" rel="next">2025 年 →' in nav
    assert 'class="year-nav"' not in page(client, sample.report_2025.get_absolute_url())


def test_original_file_is_public_for_published_reports_only(client, sample):
    report, draft = sample.report_2023, sample.draft
    for item in (report, draft):
        item.original_file.save("report.txt", ContentFile("原文".encode()), save=False)
        item.original_name = "呼和浩特中院2023.txt"
        item.save()
    html = page(client, report.get_absolute_url())
    assert f'href="/reports/{report.pk}/original/" download>呼和浩特中院2023.txt' in html
    response = client.get(f"/reports/{report.pk}/original/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == "原文".encode()
    assert client.get(f"/reports/{draft.pk}/original/").status_code == 404
    assert client.get(f"/reports/{sample.report_2025.pk}/original/").status_code == 404  # none


def test_report_page_has_open_graph_tags_and_a_foldable_figures_table(client, sample):
    report = sample.report_2023
    html = page(client, report.get_absolute_url())
    assert f'<meta property="og:title" content="{report.title}">' in html
    assert f'<meta property="og:url" content="http://testserver/reports/{report.pk}/">' in html
    assert '<meta property="article:published_time" content="2024-01-26">' in html
    assert '<details class="metrics-details" open>' in html


# --- year over year -----------------------------------------------------------------------


def test_two_years_side_by_side_show_sections_initiatives_and_figures(client, sample):
    from decimal import Decimal

    from tests.factories import InitiativeFactory, MetricFactory

    later = ReportFactory(court=sample.hohhot, year=2024, title="呼和浩特中院2024年工作回眸")
    SectionFactory(report=later, order=1, heading="能动司法")
    MetricFactory(
        report=later, label="审结各类案件", indicator="cases_closed", value=Decimal("15290")
    )
    # Totals compare; the sample's 审结一审刑事案件 is one kind of case and stays out.
    MetricFactory(
        report=sample.report_2023, label="审结案件", indicator="cases_closed", value=13900
    )
    InitiativeFactory(report=later, name="“枫桥式”人民法庭", canonical_name="枫桥式人民法庭")
    html = page(client, f"/reports/{later.pk}/compare/{sample.report_2023.pk}/")
    assert "<h1>呼和浩特市中级人民法院：2023 年与 2024 年</h1>" in html
    assert "保障首府安全稳定" in html and "能动司法" in html  # both tables of contents
    row = html[html.index('<th scope="row">审结案件') :].split("</tr>")[0]
    assert ">13,900</a>" in row and ">15,290</a>" in row and "+10.0%" in row
    new = html[html.index('class="yoy-new"') :].split("</ul>")[0]
    dropped = html[html.index('class="yoy-dropped"') :].split("</ul>")[0]
    assert "“枫桥式”人民法庭" in new and "呼包鄂乌" in dropped
    link = f'href="/reports/{later.pk}/compare/{sample.report_2023.pk}/">与 2023 年比较'
    assert link in page(client, later.get_absolute_url())


@pytest.mark.parametrize("which", ["draft", "other_court", "same"])
def test_only_two_published_years_of_one_court_compare(client, sample, which):
    other = {
        "draft": sample.draft,
        "other_court": sample.report_2025,
        "same": sample.report_2023,
    }[which]
    url = f"/reports/{sample.report_2023.pk}/compare/{other.pk}/"
    assert client.get(url).status_code == 404


def test_a_figure_followed_from_its_row_is_marked_in_its_sentence(client, sample):
    metric = sample.report_2023.metrics.get(label="判处罪犯")
    url = sample.report_2023.get_absolute_url()
    html = page(client, url)
    row = html[html.index(f'id="metric-{metric.pk}"') :].split("</tr>")[0]
    assert f'href="?figure={metric.pk}#figure-{metric.pk}"' in row
    html = page(client, f"{url}?figure={metric.pk}")
    assert (
        f'<mark class="figure-sentence" id="figure-{metric.pk}">审结一审刑事案件1.39万件，'
        "判处罪犯3200余人。</mark>"
    ) in html
    assert "已在正文中标出“判处罪犯”的原句" in html
    # Another report's figure, or nonsense, marks nothing.
    other = sample.report_2025.metrics.first()
    for value in (other.pk, "abc"):
        assert "figure-sentence" not in page(client, f"{url}?figure={value}")
