"""Screenshots of the public pages at desktop and phone widths, for a person to look at.

    .venv/bin/python -m tests.browser.screenshots http://127.0.0.1:8000 var/screenshots

Uses the same Chromium as the browser tests (PORTAL_CHROMIUM). Prints, per page and width,
whether the page scrolls sideways (it never should).
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE

PAGES = {
    "home": "/",
    "search-browse": "/search/",
    "search": "/search/?q=知识产权",
    "search-facet": "/search/?q=法院&year=2023&court=呼和浩特市中级人民法院",
    "search-none": "/search/?q=量子纠缠",
    "search-bad": '/search/?q="知识产权 OR',
    "courts": "/courts/",
    "courts-province": "/courts/?province=内蒙古自治区",
    "courts-filter": "/courts/?q=巴彦",
    "metrics": "/metrics/",
    "metrics-indicator": "/metrics/?indicator=cases_closed",
    "coverage": "/metrics/coverage/",
    "initiatives": "/initiatives/",
    "api": "/api/",
    "report": None,  # filled in from the first result link on the home page
    "not-found": "/reports/999999/",
}


def main(base_url, out_dir):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page = browser.new_page(viewport=viewport, locale="zh-CN")
            page.goto(base_url + "/")
            report = page.locator(".report-item__title").first.get_attribute("href")
            court = page.locator(".home-courts .count-list a").first.get_attribute("href")
            for name, path in {**PAGES, "report": report, "court": court}.items():
                page.goto(base_url + path)
                wide = page.evaluate("document.documentElement.scrollWidth")
                flag = "" if wide <= viewport["width"] else f"  SCROLLS SIDEWAYS ({wide}px)"
                print(f"{size_name:8} {name:16} {path}{flag}")
                page.screenshot(path=out / f"{name}-{size_name}.png", full_page=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2])
