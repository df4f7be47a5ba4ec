"""axe-core on the public pages, at desktop and phone widths: no serious or critical
violations (WCAG 2.x A/AA rules and axe's best practices).

axe-core is vendored under tests/browser/vendor/axe-core/ (see its README) and injected into
each page, so the check runs without any network.
"""

from pathlib import Path

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import ReportFactory
from tests.sample import build_sample, index_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
PAGES = {
    "home": "/",
    "search": "/search/?q=知识产权",
    "search-filtered": "/search/?q=法院&year=2023&court=呼和浩特市中级人民法院",
    "browse": "/search/",
    "no-hits": "/search/?q=量子纠缠",
    "bad-query": '/search/?q="知识产权 OR',
    "courts": "/courts/",
    "province": "/courts/?province=内蒙古自治区",
    "court": "/courts/hohhot-zy/",
    "report": "report",
    "report-marked": "report?q=知识产权",
    "not-found": "/reports/999999/",
    "courts-filter": "/courts/?q=巴彦",
    "metrics": "/metrics/",
    "metrics-indicator": "/metrics/?indicator=enforcement_amount",
    "metrics-bad": "/metrics/?indicator=cases_closed&year=abc",
    "coverage": "/metrics/coverage/",
    "initiatives": "/initiatives/",
    "initiative": "/initiatives/六个一”特色工作法/",
    "api": "/api/",
    "compare": "compare",
}


@pytest.fixture(scope="module")
def axe_source():
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def site(live_server):
    sample = build_sample()
    # An earlier year of the same court, to compare with.
    sample.report_2022 = ReportFactory(court=sample.hohhot, year=2022, title="呼和浩特中院2022年")
    index_sample()
    sample.url = live_server.url
    return sample


def run_axe(page, source):
    page.add_script_tag(content=source)
    return page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ["violations"]});
            return {
                passes: r.passes.length,
                violations: r.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5),
                })),
            };
        }"""
    )


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_no_serious_axe_violations(chromium, site, axe_source, width):
    """Every page at one width in one test: the sample is built once (it takes seconds)."""
    viewport = DESKTOP if width == "desktop" else PHONE
    # axe is injected as an inline script, which the site's Content-Security-Policy refuses.
    context = chromium.new_context(viewport=viewport, locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    problems = []
    try:
        for name, path in PAGES.items():
            if path == "compare":
                path = f"/reports/{site.report_2023.pk}/compare/{site.report_2022.pk}/"
            if path.startswith("report"):
                path = site.report_2023.get_absolute_url() + path.removeprefix("report")
            page.goto(site.url + path)
            page.wait_for_load_state("load")
            result = run_axe(page, axe_source)
            assert result["passes"] > 10, f"axe did not run its rules on {name}"
            problems += [
                f"{name} {path}: {v['impact']} {v['id']}: {v['help']} at {', '.join(v['nodes'])}"
                for v in result["violations"]
                if v["impact"] in BLOCKING
            ]
            # Nothing wider than the screen (a phone is 375 px).
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"{name} {path}: {overflow} px of horizontal scroll")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
