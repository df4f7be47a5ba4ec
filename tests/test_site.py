"""The web's conventions (sitemap, robots.txt, favicon) and the API page, whose OpenAPI
description the real answers of every endpoint are validated against."""

import json
import re

import pytest
from jsonschema import Draft202012Validator

from reports.pages.site import openapi_description
from tests.factories import InitiativeFactory, MetricFactory
from tests.sample import DRAFT_TITLE, DRAFT_WORD, build_sample, index_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample():
    return build_sample()


def test_sitemap_lists_every_published_report_and_no_draft(client, sample):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert f"http://testserver/reports/{sample.report_2023.pk}/" in locations
    assert f"http://testserver/reports/{sample.report_2025.pk}/" in locations
    assert f"http://testserver/reports/{sample.draft.pk}/" not in locations
    assert "http://testserver/courts/hohhot-zy/" in locations
    assert "http://testserver/courts/baotou-zy/" not in locations  # only a draft
    assert "http://testserver/metrics/" in locations


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body and "Disallow: /admin/" in body


def test_favicon_is_linked_and_served(client, sample):
    assert '<link rel="icon" href="/static/img/favicon.svg"' in client.get("/").content.decode()
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.url == "/static/img/favicon.svg"


def test_api_page_documents_every_endpoint_of_the_description(client):
    html = client.get("/api/").content.decode()
    for path in openapi_description()["paths"]:
        assert f"<code>GET {path}</code>" in html
    assert 'href="/api/openapi.json"' in html
    served = json.loads(client.get("/api/openapi.json").content)
    assert served["openapi"].startswith("3.1") and served == openapi_description()


def validate(data, schema_name):
    schema = {
        "$ref": f"#/components/schemas/{schema_name}",
        "components": openapi_description()["components"],
    }
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(data)]
    assert not errors, errors[:5]


def test_the_descriptions_schemas_are_valid_json_schema():
    for schema in openapi_description()["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def answer(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return json.loads(response.content)


def test_real_answers_match_the_openapi_description(client, sample):
    index_sample()
    MetricFactory(report=sample.report_2025, value=None, yoy_change=-8.2, yoy_unit="%")
    validate(answer(client, "/api/search?q=知识产权"), "SearchPage")
    validate(answer(client, "/api/search?q=量子纠缠"), "SearchPage")
    validate(answer(client, f"/api/reports/{sample.report_2023.pk}"), "Report")
    validate(answer(client, f"/api/reports/{sample.draft.pk}", 404), "Error")
    validate(answer(client, "/api/metrics"), "MetricPage")
    validate(answer(client, "/api/metrics?year=x", 400), "Error")
    validate(answer(client, "/api/suggest?q=呼"), "Suggestions")
    rows = answer(client, "/api/courts")
    assert rows
    for row in rows:
        validate(row, "CourtRow")


def test_no_new_page_or_feed_mentions_a_draft(client, sample):
    MetricFactory(report=sample.draft, indicator="cases_closed", evidence=f"{DRAFT_WORD}1件。")
    InitiativeFactory(report=sample.draft, name=f"{DRAFT_WORD}机制", canonical_name=DRAFT_WORD)
    for url in [
        "/metrics/?indicator=cases_closed",
        "/metrics/coverage/",
        "/initiatives/",
        "/courts/hohhot-zy/",
        "/feeds/reports/",
        "/feeds/courts/hohhot-zy/",
        "/feeds/provinces/内蒙古自治区/",
        "/sitemap.xml",
        "/api/metrics",
        "/api/metrics?format=csv",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        body = raw.decode()
        assert DRAFT_TITLE not in body and "包头市中级人民法院草稿" not in body, url
        assert DRAFT_WORD not in body, url
    assert client.get(f"/initiatives/{DRAFT_WORD}/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/metrics/?indicator=x&level=y&year=二〇二三&year_from=-1&court=%00",
        "/metrics/?indicator=cases_closed&court=" + "法" * 60,
        "/metrics/coverage/?province=%00&page=-1",
        "/courts/?q=%00%22%27<script>",
        "/initiatives/?q=%00&page=abc",
        "/initiatives/?page=99999",
        "REPORT?q=%22%22%22 OR -",
        "REPORT?q=" + "啊" * 600,
        "/api/metrics?year_to=abc&page=x",
        "/api/metrics?page=99999",
        "/api/courts?q=%00",
        "/feeds/provinces/%00/",
        "REPORTcompare/999999/",
    ],
)
def test_odd_input_gives_a_page_or_a_clear_refusal_never_a_500(client, sample, url):
    response = client.get(url.replace("REPORT", sample.report_2023.get_absolute_url()))
    assert response.status_code in (200, 400, 404), (url, response.status_code)
