"""A reader's path through the portal in a real browser: search, narrow, read, on a phone too."""

import re

import pytest

from tests.browser.conftest import PHONE
from tests.sample import DRAFT_TITLE, build_sample, index_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    sample = build_sample()
    index_sample()
    sample.url = live_server.url
    return sample


def test_search_narrow_by_facet_remove_filter_and_land_on_the_section(desktop, site):
    page = desktop
    page.goto(site.url + "/")
    page.get_by_label("检索报告全文").fill("知识产权")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert "找到" in page.locator(".search-summary").inner_text()
    assert page.locator(".hit__snippet mark").count() >= 1
    assert DRAFT_TITLE not in page.content()

    # Narrow to one year with a facet: the chip appears, the results follow.
    page.locator('.facet[aria-labelledby="facet-year"] a', has_text="2023").first.click()
    page.wait_for_url(re.compile(r"year=2023"))
    chip = page.locator(".chips .chip").first
    assert "2023" in chip.inner_text()
    assert page.locator(".result__title").count() >= 1
    assert "2025" not in " ".join(page.locator(".result__meta").all_inner_texts())

    # Remove it again.
    chip.click()
    page.wait_for_load_state()
    assert "year=2023" not in page.url
    assert page.locator(".chips").count() == 0

    # Open a section and land on its anchor, scrolled into view.
    hit = page.locator(".hit__heading").first
    href = hit.get_attribute("href")
    assert re.search(r"/reports/\d+/\?q=[^#]+#section-\d+$", href)
    hit.click()
    page.wait_for_url(re.compile(r"#section-\d+$"))
    anchor = href.split("#")[1]
    target = page.locator(f"#{anchor}")
    assert target.evaluate("el => el.matches(':target')")
    box = target.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"] / 2


def test_keyboard_skip_link_then_search_box(desktop, site):
    page = desktop
    page.goto(site.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "跳到正文"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0  # visible once focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    assert page.evaluate("document.activeElement.name") == "q"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search/?q=知识产权",
        "/search/",
        "/courts/",
        "/courts/?province=内蒙古自治区",
        "/courts/hohhot-zy/",
        "report",
        "/reports/999999/",
    ],
)
def test_phone_width_never_scrolls_sideways(phone, site, path):
    if path == "report":
        path = site.report_2023.get_absolute_url()
    phone.goto(site.url + path)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width}px wide on a 375px phone"
