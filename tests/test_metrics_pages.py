"""Comparing figures: ``/api/metrics`` (DESIGN.md contract), the explorer ``/metrics/`` and the
disclosure grid. Published, undismissed figures only."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest

from reports.choices import Indicator, MetricScope, YoyUnit
from reports.pages.explorer import scale_for
from reports.pages.indicators import NOTES
from tests.factories import CourtFactory, MetricFactory, ReportFactory
from tests.sample import build_sample

pytestmark = pytest.mark.django_db

CONTRACT_KEYS = {
    "report_id", "court", "year", "indicator", "label", "value", "unit", "approx",
    "yoy_change", "yoy_unit", "scope", "evidence", "verified", "url",
}  # fmt: skip


@pytest.fixture
def sample():
    sample = build_sample()
    # A draft's figure and a dismissed one must never be compared.
    MetricFactory(report=sample.draft, label="审结案件", indicator="cases_closed", value=999)
    MetricFactory(
        report=sample.report_2023,
        label="八项规定",
        indicator="cases_closed",
        value=8,
        dismissed=True,
    )
    # 新收案件同比下降8.2%: a change, no value.
    MetricFactory(
        report=sample.report_2025,
        label="新收案件",
        indicator="cases_received",
        value=None,
        unit="件",
        raw="",
        yoy_change=Decimal("-8.2"),
        yoy_unit=YoyUnit.PERCENT,
        scope=MetricScope.COURT,
        evidence="新收案件同比下降8.2%。",
    )
    return sample


def api(client, **params):
    response = client.get("/api/metrics", params)
    assert response["Content-Type"].startswith("application/json")
    return response.status_code, json.loads(response.content)


def test_rows_have_every_contract_key_and_published_figures_only(client, sample):
    status, data = api(client)
    assert status == 200
    rows = data["results"]
    assert data["count"] == len(rows) == 6  # 4 of 2023, 2 of 2025; no draft, no dismissed
    for row in rows:
        assert CONTRACT_KEYS <= set(row), CONTRACT_KEYS - set(row)
    assert {row["value"] for row in rows} >= {325, 13900, 24197000000}
    assert 999 not in {row["value"] for row in rows} and 8 not in {row["value"] for row in rows}
    assert "草稿" not in json.dumps(data, ensure_ascii=False)


def test_url_opens_the_report_at_the_figures_row_which_quotes_its_sentence(client, sample):
    _, data = api(client, indicator="enforcement_amount")
    (row,) = data["results"]
    assert re.fullmatch(rf"/reports/{sample.report_2023.pk}/#metric-\d+", row["url"])
    anchor = row["url"].split("#")[1]
    html = client.get(row["url"].split("#")[0]).content.decode()
    fragment = html[html.index(f'id="{anchor}"') :][:2000]
    assert "241.97亿元" in fragment and "同比上升27.74%" in fragment


def test_filters_keep_to_what_they_name(client, sample):
    CourtFactory(name="巴彦淖尔市中级人民法院")  # the same court, not a second one
    other = ReportFactory(court=CourtFactory(name="上海市高级人民法院"), year=2025)
    MetricFactory(report=other, indicator="cases_closed", value=1000)
    court = "呼和浩特市中级人民法院"
    _, data = api(client, court=court)
    assert {row["court"] for row in data["results"]} == {court}
    _, data = api(client, court="呼和浩特")  # a full name, not a fragment
    assert data["count"] == 0
    _, data = api(client, year="2025")
    assert {row["year"] for row in data["results"]} == {2025}
    _, data = api(client, province="上海市")
    assert [row["value"] for row in data["results"]] == [1000]
    _, data = api(client, indicator="cases_closed", level="intermediate")
    assert {row["court"] for row in data["results"]} == {court}
    _, data = api(client, court=[court, "上海市高级人民法院"], indicator="cases_closed")
    assert {row["court"] for row in data["results"]} == {court, "上海市高级人民法院"}


def test_change_only_statement_has_no_value_and_says_so(client, sample):
    _, data = api(client, indicator="cases_received")
    (row,) = data["results"]
    assert row["value"] is None and row["yoy_change"] == -8.2 and row["yoy_unit"] == "%"
    assert "change_only" in row["flags"]


@pytest.mark.parametrize(
    "params",
    [{"year": "abc"}, {"indicator": "nope"}, {"level": "x"}, {"format": "xml"}, {"year_from": "1"}],
)
def test_bad_filters_are_a_bilingual_400(client, sample, params):
    status, data = api(client, **params)
    assert status == 400
    assert re.search(r"[\u4e00-\u9fff]", data["error"]) and re.search(r"[a-z]{3}", data["error"])


def test_csv_opens_in_excel_and_reads_back_the_same_rows(client, sample):
    response = client.get("/api/metrics", {"indicator": "cases_closed", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert CONTRACT_KEYS <= set(rows[0])
    _, data = api(client, indicator="cases_closed")
    assert [r["label"] for r in rows] == [r["label"] for r in data["results"]]
    assert rows[0]["url"].startswith("http://testserver/reports/")


def test_every_indicator_has_a_note_and_a_unit():
    assert set(NOTES) == {i.value for i in Indicator}
    for note in NOTES.values():
        assert note.unit and len(note.note) > 10


@pytest.mark.parametrize(
    ("unit", "values", "expected", "first"),
    [
        ("元", [24197000000, 1103000000], "亿元", 241.97),
        ("元", [3500000], "万元", 350.0),
        ("件", [13900, 325], "件", 13900.0),
        ("件", [139000], "万件", 13.9),
        ("%", [99.5], "%", 99.5),
    ],
)
def test_units_read_as_people_read_them(unit, values, expected, first):
    scale = scale_for(unit, values)
    assert scale.unit == expected and scale.apply(values[0]) == first


def test_explorer_shows_a_table_a_chart_and_exports_of_the_same_filters(client, sample):
    html = client.get("/metrics/", {"indicator": "enforcement_amount"}).content.decode()
    assert "执行到位金额" in html and "数值（亿元）" in html
    assert ">241.97</a>" in html  # in 亿元, linked to its sentence
    assert f'href="/reports/{sample.report_2023.pk}/#metric-' in html
    assert "辖区合计" in html  # 全市法院: flagged, not silently compared
    chart = json.loads(re.search(r'id="metrics-chart-data"[^>]*>(.*?)</script>', html).group(1))
    assert chart == {
        "unit": "亿元",
        "years": [2023],
        "series": [{"name": "呼和浩特中院（辖区合计）", "data": [241.97]}],
    }
    assert "/api/metrics?indicator=enforcement_amount&amp;format=csv" in html
    assert "/api/metrics?indicator=enforcement_amount&amp;format=json" in html
    assert 'src="/static/vendor/echarts/echarts.min.js"' in html


def test_explorer_flags_a_change_as_a_change_and_leaves_it_out_of_the_chart(client, sample):
    html = client.get("/metrics/", {"indicator": "cases_received"}).content.decode()
    assert "同比下降8.2%" in html and "仅同比" in html
    assert 'id="metrics-chart-data"' not in html  # nothing to draw: no value


def test_explorer_without_an_indicator_is_the_dictionary(client, sample):
    html = client.get("/metrics/").content.decode()
    assert 'id="indicator-appeal_rate"' in html and "只写同比变化的不是上诉率本身" in html
    assert "<table" not in html


def test_explorer_with_bad_filters_says_so_in_chinese(client, sample):
    response = client.get("/metrics/", {"indicator": "cases_closed", "year": "二〇二三"})
    assert response.status_code == 200
    assert "年份应为四位数字" in response.content.decode()


def test_coverage_grid_counts_each_reports_figures_by_indicator(client, sample):
    html = client.get("/metrics/coverage/").content.decode()
    assert html.count("<tr>") == 3  # head + 2 published reports; no draft
    assert (
        'aria-label="审结案件：1 个数字"' in html
    )  # 2023: 审结一审刑事案件 (dismissed one left out)
    assert "草稿" not in html


def test_explorer_offers_the_provinces_courts_to_pick_several(client, sample):
    html = client.get(
        "/metrics/",
        {
            "indicator": "cases_closed",
            "province": "内蒙古自治区",
            "court": "呼和浩特市中级人民法院",
        },
    ).content.decode()
    assert "<legend>内蒙古自治区有数据的法院（可多选）</legend>" in html
    assert 'value="呼和浩特市中级人民法院" checked>' in html
    assert 'value="巴彦淖尔市中级人民法院">' in html
    assert "包头市" not in html.split("court-choices")[1].split("</fieldset>")[0]  # draft only


def test_coverage_grid_pages_through_reports(client, sample, monkeypatch):
    from reports.pages import metrics_views

    monkeypatch.setattr(metrics_views, "COVERAGE_PER_PAGE", 1)
    html = client.get("/metrics/coverage/").content.decode()
    assert "第 1 / 2 页（共 2 篇报告）" in html and 'rel="next"' in html
    html = client.get("/metrics/coverage/", {"page": "2"}).content.decode()
    assert 'rel="prev"' in html
    assert client.get("/metrics/coverage/", {"page": "abc"}).status_code == 200
