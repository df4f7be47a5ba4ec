"""Public pages: what a reader sees, and that drafts never show."""

import re
from dataclasses import replace

import pytest
from django.template.loader import render_to_string

from reports.pages import views
from reports.search.results import ActiveFilter, FacetValue, Hit, ReportGroup, SearchPage
from reports.templatetags.search_links import with_terms
from tests.factories import InitiativeFactory, MetricFactory, ReportFactory, SectionFactory
from tests.sample import DRAFT_TITLE, DRAFT_WORD, build_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample():
    return build_sample()


def page_text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- home -------------------------------------------------------------------------------


def test_home_shows_search_box_coverage_and_latest_reports(client, sample):
    html = page_text(client.get("/"))
    assert 'role="search"' in html and 'name="q"' in html
    assert '<label for="q"' in html
    # 2 covered courts, 2 published reports, years 2023 and 2025 with their counts.
    assert (
        '已收录 <strong>2</strong> 家法院的 <strong>2</strong> 篇报告，覆盖 <span class="nowrap">2023—2025 年'
        in html
    )
    assert "?year=2025" in html and "?year=2023" in html
    assert "?year=2024" not in html  # only the draft covers 2024
    assert sample.report_2025.title in html and sample.report_2023.title in html
    # Newest year first.
    assert html.index(sample.report_2025.title) < html.index(sample.report_2023.title)
    assert DRAFT_TITLE not in html
    assert "包头市中级人民法院" not in html  # its only report is a draft


def test_home_without_reports_says_so(client):
    html = page_text(client.get("/"))
    assert "还没有发布的报告" in html


def test_every_page_has_skip_link_landmarks_and_language(client, sample):
    for url in ["/", "/courts/", "/courts/hohhot-zy/", f"/reports/{sample.report_2023.pk}/"]:
        html = page_text(client.get(url))
        assert '<html lang="zh-Hans">' in html, url
        assert '<a class="skip-link" href="#main">跳到正文</a>' in html, url
        assert '<main id="main"' in html and "<header" in html and "<footer" in html, url
        assert '<nav class="site-nav" aria-label="主导航">' in html, url


# --- courts -----------------------------------------------------------------------------


def test_court_list_groups_covered_courts_by_province(client, sample):
    html = page_text(client.get("/courts/"))
    assert '<h2 id="province-1">内蒙古自治区</h2>' in html
    assert '呼和浩特市中级人民法院</a> <span class="count">1 篇</span>' in html
    assert "巴彦淖尔市中级人民法院" in html
    # Courts with only a draft, or nothing, are in the directory, not in the covered list.
    covered = html.split('id="directory-title"')[0]
    assert "包头市中级人民法院" not in covered and "乌海市中级人民法院" not in covered
    # The directory lists provinces in GB/T 2260 order with their totals.
    assert html.index(">内蒙古自治区</a>") < html.index(">上海市</a>")  # 15… before 31…
    assert (
        '5 家</span> <span class="badge"' in html and ">2 家有报告</span>" in html
    )  # 内蒙古: 5 courts, 2 with published reports


def test_court_directory_for_one_province_lists_every_court_by_city(client, sample):
    html = page_text(client.get("/courts/", {"province": "内蒙古自治区"}))
    for name in ["内蒙古自治区高级人民法院", "包头市中级人民法院", "乌海市中级人民法院"]:
        assert name in html
    assert "上海市高级人民法院" not in html
    assert '<h2 id="city-2">呼和浩特市 <span class="count">1 家</span></h2>' in html
    assert '<span aria-current="page">内蒙古自治区</span>' in html


def test_unknown_province_is_404_in_chinese(client, sample):
    response = client.get("/courts/", {"province": "火星"})
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_court_page_lists_published_reports_newest_first_with_scoped_search(client, sample):
    sample.report_2025.court = sample.hohhot
    sample.report_2025.save()
    html = page_text(client.get("/courts/hohhot-zy/"))
    assert "<h1>呼和浩特市中级人民法院</h1>" in html
    assert html.index(sample.report_2025.title) < html.index(sample.report_2023.title)
    assert DRAFT_TITLE not in html
    assert '<span class="count">2 篇</span>' in html
    assert '<input type="hidden" name="court" value="呼和浩特市中级人民法院">' in html
    assert "在本院报告中检索" in html
    assert "内蒙古自治区高级人民法院" in html  # parent court link


@pytest.mark.parametrize("slug", ["baotou-zy", "wuhai-zy"])
def test_court_without_published_reports_says_so(client, sample, slug):
    html = page_text(client.get(f"/courts/{slug}/"))
    assert "本院还没有已发布的报告" in html
    assert "草稿" not in html


def test_unknown_court_is_404(client, sample):
    assert client.get("/courts/no-such-court/").status_code == 404


# --- report -----------------------------------------------------------------------------


def test_report_page_has_facts_toc_and_section_anchors(client, sample):
    report = sample.report_2023
    html = page_text(client.get(f"/reports/{report.pk}/"))
    assert f"<h1>{report.title}</h1>" in html
    assert '<a href="/courts/hohhot-zy/">呼和浩特市中级人民法院</a>' in html
    for fact in ["2023 年", "新闻综述", "内蒙古法制报", "2024年1月26日", "本报记者 赵芳"]:
        assert fact in html
    toc = html.split('<nav class="toc"')[1].split("</nav>")[0]
    assert re.findall(r'href="#(section-\d)"', toc) == ["section-1", "section-2", "section-3"]
    assert 'href="#metrics"' in toc and 'href="#initiatives"' in toc
    for order in (1, 2, 3):
        assert f'id="section-{order}"' in html
        assert f'<a class="permalink" href="#section-{order}"' in html
    # Paragraphs keep the source's line breaks.
    assert "<p>作为创新发展的重要支柱，知识产权是经济提质增效的源泉。</p>" in html


def test_report_page_formats_metrics_like_the_report_does(client, sample):
    html = page_text(client.get(f"/reports/{sample.report_2023.pk}/"))
    table = html.split('<table class="metrics-table">')[1].split("</table>")[0]
    expected = [
        '<span class="metric-value">1.39万件</span><span class="metric-full">13,900 件</span>',
        '<span class="metric-value">241.97亿元</span>'
        '<span class="metric-full">24,197,000,000 元</span>',
        '<span class="metric-value">3200余人</span>',
        '<span class="metric-value">325件</span>',
        '<span aria-hidden="true">+27.74%</span><span class="visually-hidden">同比上升27.74%</span>',
        "全市法院执行到位金额<mark>241.97亿元</mark>，同比上升27.74%。",
        "审结一审刑事案件<mark>1.39万件</mark>，判处罪犯3200余人。",
        '<td data-label="范围">辖区法院</td>',
        '<span class="verified-mark" title="已核对">✓',
        "审结案件",  # the canonical indicator under the label
    ]
    for fragment in expected:
        assert fragment in table, fragment
    # Metrics grouped under their section, linking back to it.
    assert '<a href="#section-2">保障首府安全稳定</a>' in table


def test_report_page_shows_points_change_and_initiatives(client, sample):
    html = page_text(client.get(f"/reports/{sample.report_2025.pk}/"))
    assert '<span aria-hidden="true">+9 个百分点</span>' in html
    initiatives = html.split('id="initiatives"')[1]
    assert "“六个一”特色工作法</a>" in initiatives
    assert "创新推出<mark>“六个一”特色工作法</mark>。" in initiatives
    assert 'href="#section-1">见“实质化解行政争议 助推法治政府建设”</a>' in initiatives


def test_report_page_search_box_searches_inside_the_report(client, sample):
    report = sample.report_2023
    html = page_text(client.get(f"/reports/{report.pk}/"))
    form = html.split('<form class="search-box"')[1].split("</form>")[0]
    assert 'action="/search/"' in form
    assert f'<input type="hidden" name="report" value="{report.pk}">' in form
    assert "在本报告中检索" in form


def test_report_text_is_escaped(client, sample):
    section = sample.ip_section
    section.text = "<script>alert(1)</script>"
    section.save()
    html = page_text(client.get(f"/reports/{sample.report_2023.pk}/"))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("which", ["draft", "unknown"])
def test_draft_and_unknown_reports_are_404_in_chinese(client, sample, which):
    pk = sample.draft.pk if which == "draft" else 999999
    response = client.get(f"/reports/{pk}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and "尚未发布" in html
    assert DRAFT_TITLE not in html and DRAFT_WORD not in html


def test_server_error_page_is_chinese_and_standalone():
    html = render_to_string("500.html")
    assert "服务器出错了" in html and 'lang="zh-Hans"' in html


# --- feed -------------------------------------------------------------------------------


def test_feed_lists_published_reports_only(client, sample):
    response = client.get("/feeds/reports/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert 'xmlns="http://www.w3.org/2005/Atom"' in xml and "<entry>" in xml
    assert sample.report_2023.title in xml and sample.report_2025.title in xml
    assert DRAFT_TITLE not in xml and "包头市中级人民法院草稿" not in xml


# --- search (rendering a SearchPage built by hand) --------------------------------------


def make_page(**overrides):
    hit = Hit(
        report_id=7,
        section_id=70,
        court="呼和浩特市中级人民法院",
        court_slug="hohhot-zy",
        year=2023,
        title="呼和浩特市中级人民法院2023年工作回眸",
        heading="服务高质量发展大局",
        topic="development",
        topic_label="服务大局",
        kind="news_review",
        snippet="审结一审<mark>知识产权</mark>案件325件 &lt;b&gt;",
        url="/reports/7/#section-1",
    )
    values = dict(
        query="知识产权",
        count=23,
        page=2,
        pages=3,
        results=[hit],
        groups=[
            ReportGroup(
                report_id=7,
                title=hit.title,
                court=hit.court,
                court_slug="hohhot-zy",
                year=2023,
                url="/reports/7/",
                hits=[hit],
            )
        ],
        facets={
            "court": [
                FacetValue(
                    "呼和浩特市中级人民法院", "呼和浩特市中级人民法院", 20, True, "q=知识产权"
                ),
                FacetValue(
                    "巴彦淖尔市中级人民法院",
                    "巴彦淖尔市中级人民法院",
                    3,
                    False,
                    "q=知识产权&court=呼和浩特市中级人民法院&court=巴彦淖尔市中级人民法院",
                ),
            ],
            "year": [FacetValue("2023", "2023 年", 20, False, "?q=知识产权&year=2023")],
            "level": [],
        },
        filters=[ActiveFilter("court", "法院：呼和浩特市中级人民法院", "q=知识产权")],
        took_ms=12.4,
    )
    values.update(overrides)
    return SearchPage(**values)


@pytest.fixture
def search_returns(monkeypatch):
    """Make the search page render a given SearchPage, recording the requests it made."""
    calls = []

    def install(page):
        def fake_search(request):
            calls.append(request)
            return page

        monkeypatch.setattr(views, "search", fake_search)
        return calls

    return install


def test_search_page_groups_hits_by_report_with_highlighted_snippets(client, search_returns):
    search_returns(make_page(report_count=2))
    html = page_text(client.get("/search/", {"q": "知识产权", "court": "呼和浩特市中级人民法院"}))
    # Reports and sections counted apart: 23 sections of 2 reports are not "23 results".
    assert (
        '找到 <strong class="report-count">2</strong> 篇报告中的 '
        '<strong class="search-count">23</strong> 个段落，用时 12 毫秒'
    ) in html
    result = html.split('<ol class="result-list">')[1].split("</ol>")[0]
    terms = "?q=%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83"  # the searched words, for the report to mark
    assert f'<a href="/reports/7/{terms}">呼和浩特市中级人民法院2023年工作回眸</a>' in result
    assert (
        f'<a class="hit__heading" href="/reports/7/{terms}#section-1">服务高质量发展大局</a>'
        in result
    )
    assert '<span class="tag">服务大局</span>' in result
    # The snippet's own <mark> renders as markup; its escaped text stays escaped.
    assert "审结一审<mark>知识产权</mark>案件325件 &lt;b&gt;" in result
    # The search box keeps the query and carries the active filter along.
    assert 'value="知识产权"' in html
    assert '<input type="hidden" name="court" value="呼和浩特市中级人民法院">' in html


def test_search_page_facets_are_navigation_with_counts(client, search_returns):
    search_returns(make_page())
    html = page_text(client.get("/search/", {"q": "知识产权"}))
    facets = html.split('<aside class="facets"')[1].split("</aside>")[0]
    assert '<nav class="facet" aria-labelledby="facet-court">' in facets
    assert '<h3 id="facet-court" class="facet__title">法院</h3>' in facets
    assert 'aria-labelledby="facet-level"' not in facets  # empty facets are not shown
    selected, other = re.findall(r'<a class="facet__link[^>]*>', facets)[:2]
    assert 'aria-current="true"' in selected and 'href="?q=知识产权"' in selected
    assert (
        'href="?q=知识产权&amp;court=呼和浩特市中级人民法院&amp;court=巴彦淖尔市中级人民法院"'
        in other
    )
    assert (
        '<span class="facet__count">3<span class="visually-hidden"> 个结果</span></span>' in facets
    )
    assert 'href="?q=知识产权&amp;year=2023"' in facets  # "?…" from the search layer kept as is


def test_search_page_active_filters_are_removable_chips(client, search_returns):
    search_returns(make_page())
    html = page_text(client.get("/search/", {"q": "知识产权"}))
    chips = html.split('<ul class="chips">')[1].split("</ul>")[0]
    assert 'href="?q=知识产权"' in chips
    assert 'aria-label="移除条件：法院：呼和浩特市中级人民法院"' in chips


def test_search_page_pagination_marks_the_current_page(client, search_returns):
    search_returns(make_page())
    html = page_text(client.get("/search/", {"q": "知识产权", "page": "2"}))
    nav = html.split('<nav class="pagination" aria-label="分页">')[1].split("</nav>")[0]
    assert re.search(r'<a href="\?q=[^"]*page=2" aria-current="page"[^>]*>2</a>', nav)
    assert 'rel="prev"' in nav and 'rel="next"' in nav
    assert nav.count("aria-current") == 1


def test_search_page_without_hits_says_so_and_suggests(client, search_returns):
    page = make_page(
        query="知识产杈",
        count=0,
        page=1,
        pages=0,
        results=[],
        groups=[],
        facets={},
        filters=[],
        suggestion="知识产权",
        suggestion_url="q=知识产权",
    )
    search_returns(page)
    html = page_text(client.get("/search/", {"q": "知识产杈"}))
    assert "没有找到与“知识产杈”相关的结果" in html
    assert '您是不是要找：<a href="?q=知识产权">知识产权</a>' in html
    assert 'class="pagination"' not in html


def test_search_page_with_a_bad_query_shows_the_error_not_a_500(client, search_returns):
    page = make_page(query='"知识', count=0, pages=0, results=[], groups=[], facets={}, filters=[])
    page.error = "查询语句有误：引号不成对 / Unbalanced quotes"
    search_returns(page)
    html = page_text(client.get("/search/", {"q": '"知识'}))
    assert (
        '<p class="notice notice--error">查询语句有误：引号不成对 / Unbalanced quotes</p>' in html
    )
    assert "没有找到" not in html


def test_empty_query_is_labelled_as_browsing(client, search_returns):
    search_returns(make_page(query="", filters=[]))
    html = page_text(client.get("/search/"))
    assert "浏览全部已发布报告：找到" in html
    assert "<title>浏览全部报告" in html


def test_search_page_passes_the_query_string_to_the_form(client, search_returns):
    calls = search_returns(make_page())
    client.get("/search/", {"q": "执行", "year": "2023", "report": "7"})
    assert calls[0].text == "执行" and calls[0].filters == {"year": ["2023"], "report_id": ["7"]}


def lead_at_the_end():
    """A report whose 导语 (section 1) is a sidebar printed after the body, as in the 2023
    Hohhot review: its figures and initiatives come last in the text."""
    report = ReportFactory()
    lead = SectionFactory(report=report, order=1, heading="", topic="overview", start=900)
    body = SectionFactory(report=report, order=2, heading="服务高质量发展大局", start=0)
    MetricFactory(report=report, section=body, label="审结一审知识产权案件", start=100, end=104)
    MetricFactory(report=report, section=lead, label="受理各类案件", start=950, end=954)
    InitiativeFactory(report=report, section=body, name="“呼包鄂乌”协作机制", start=120)
    InitiativeFactory(report=report, section=lead, name="《毒品案件证据标准》", start=960)
    return report


def test_report_page_lists_metrics_and_initiatives_in_section_order(client):
    html = page_text(client.get(lead_at_the_end().get_absolute_url()))
    table = html.split('<table class="metrics-table">')[1]
    assert table.index("受理各类案件") < table.index("审结一审知识产权案件")
    assert table.index(">导语</a>") < table.index(">服务高质量发展大局</a>")
    initiatives = html.split('id="initiatives"')[1]
    assert initiatives.index("毒品案件证据标准") < initiatives.index("协作机制")


@pytest.mark.parametrize(
    "anchor, expected", [("section-1", "导语"), ("section-4", "第4部分"), ("", "正文")]
)
def test_untitled_hit_is_named_as_on_the_report_page(client, search_returns, anchor, expected):
    """An untitled section reads 导语 (or 第N部分) in the results, as in the report's contents."""
    url = f"/reports/7/#{anchor}" if anchor else "/reports/7/"
    hit = replace(make_page().results[0], heading="", url=url)
    group = replace(make_page().groups[0], hits=[hit])
    search_returns(make_page(results=[hit], groups=[group]))
    html = page_text(client.get("/search/", {"q": "知识产权"}))
    linked = with_terms(url, "知识产权")
    assert f'<a class="hit__heading" href="{linked}">{expected}</a>' in html
