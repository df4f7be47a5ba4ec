"""The Content-Security-Policy allows no inline script or style, and every page passes it:
Chromium reports no violation on the public pages or the editors' tools."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User

from reports.models import Report
from tests.sample import build_sample, index_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo" / "hohhot_zy_2023_review.txt"
PUBLIC = [
    "/",
    "/search/?q=知识产权",
    "/search/?q=呼和浩特中院+执行&year=2023",
    "/courts/",
    "/courts/?q=巴彦",
    "/metrics/?indicator=cases_closed",
    "/metrics/coverage/",
    "/initiatives/",
    "/api/",
]


@pytest.fixture
def site(live_server):
    sample = build_sample()
    index_sample()
    User.objects.create_superuser("editor", "editor@example.com", "a-long-editor-password")
    return live_server.url, sample


def violations_on(page, url):
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status < 400, url
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    return found


def test_public_pages_pass_the_policy(desktop, site):
    base, sample = site
    report = Report.objects.published().filter(court=sample.hohhot).first()
    court = sample.hohhot
    reading = [report.get_absolute_url(), report.get_absolute_url() + "?q=执行"]
    for path in [*PUBLIC, *reading, court.get_absolute_url()]:
        assert violations_on(desktop, base + path) == [], path


def test_the_suggestions_script_still_runs(desktop, site):
    base, _ = site
    desktop.goto(base + "/")
    with desktop.expect_response(lambda r: "/api/suggest" in r.url) as answer:
        desktop.get_by_label("检索报告全文").press_sequentially("呼市", delay=50)
    assert answer.value.status == 200


def test_editor_tools_pass_the_policy(desktop, site):
    base, sample = site
    desktop.goto(base + "/admin/login/")
    desktop.fill("#id_username", "editor")
    desktop.fill("#id_password", "a-long-editor-password")
    desktop.click("input[type=submit]")
    desktop.wait_for_url(base + "/admin/")
    report = Report.objects.published().filter(court=sample.hohhot).first()
    for path in [
        "/admin/",
        "/admin/reports/report/upload/",
        "/admin/reports/metric/review/",
        f"/admin/reports/report/{report.pk}/change/",
    ]:
        assert violations_on(desktop, base + path) == [], path
    # The preview page, with its scroll-to-source script from a file.
    desktop.goto(base + "/admin/reports/report/upload/")
    desktop.fill("#id_text", DEMO.read_text(encoding="utf-8"))
    desktop.click("input[type=submit]")
    desktop.wait_for_load_state("networkidle")
    assert "核对抽取结果" in desktop.content()
    row = desktop.locator(".extracted tr.jump").first
    row.click()
    desktop.locator(".flash").first.wait_for(timeout=1000)
