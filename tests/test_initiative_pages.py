"""``/initiatives/``: every named initiative of published reports, grouped by its canonical
name across reports, and one initiative's page with its mentions."""

from urllib.parse import quote

import pytest

from tests.factories import CourtFactory, InitiativeFactory, ReportFactory, SectionFactory
from tests.sample import build_sample

pytestmark = pytest.mark.django_db

CANONICAL = "“六个一”特色工作法"


@pytest.fixture
def sample():
    sample = build_sample()
    for initiative in sample.report_2025.initiatives.all():
        initiative.canonical_name = CANONICAL
        initiative.save()
    # The same method in another court's report, worded differently.
    other = ReportFactory(court=CourtFactory(name="乌兰察布市中级人民法院"), year=2026)
    section = SectionFactory(report=other, order=1, heading="行政审判")
    InitiativeFactory(
        report=other,
        section=section,
        name="六个一工作法",
        canonical_name=CANONICAL,
        evidence="推广六个一工作法，行政争议实质化解率提升。",
    )
    InitiativeFactory(report=sample.draft, name="秘密草稿机制", canonical_name=CANONICAL)
    sample.other = other
    return sample


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_list_groups_names_by_canonical_name_with_courts_years_and_aliases(client, sample):
    html = page(client, "/initiatives/")
    row = html[html.index(f'/initiatives/{quote(CANONICAL)}/"') :].split("</tr>")[0]
    assert ">“六个一”特色工作法</a>" in row
    assert "2 家" in row and "2 次" in row  # the draft's mention is not counted
    assert "2025—2026" in row
    assert "六个一工作法" in row  # the other wording, as an alias
    assert "秘密草稿机制" not in html
    # Mentioned by more courts first.
    assert html.index(quote(CANONICAL)) < html.index(quote("呼包鄂乌"))


def test_list_filters_by_name(client, sample):
    html = page(client, "/initiatives/?q=呼包鄂乌")
    assert quote("呼包鄂乌") in html and quote(CANONICAL) not in html
    assert "没有名称包含“火星”的举措" in page(client, "/initiatives/?q=火星")


def test_initiative_page_lists_mentions_oldest_first_linked_to_their_sentences(client, sample):
    html = page(client, f"/initiatives/{quote(CANONICAL)}/")
    assert "<h1>“六个一”特色工作法</h1>" in html
    first = sample.report_2025.initiatives.get()
    assert f'href="/reports/{sample.report_2025.pk}/#initiative-{first.pk}"' in html
    assert html.index(f"/reports/{sample.report_2025.pk}/#initiative-") < html.index(
        f"/reports/{sample.other.pk}/#initiative-"
    )
    assert "写作“六个一工作法”" in html
    assert "<mark>六个一工作法</mark>" in html
    assert "秘密草稿机制" not in html and "草稿" not in html


def test_the_link_on_a_mention_lands_on_the_initiative_in_its_report(client, sample):
    first = sample.report_2025.initiatives.get()
    html = page(client, sample.report_2025.get_absolute_url())
    item = html[html.index(f'id="initiative-{first.pk}"') :].split("</li>")[0]
    assert f'href="/initiatives/{quote(CANONICAL)}/"' in item


@pytest.mark.parametrize("name", ["秘密草稿机制", "不存在的机制", "a/b"])
def test_an_initiative_only_in_drafts_or_unknown_is_404(client, sample, name):
    InitiativeFactory(report=sample.draft, name=name, canonical_name=name)
    assert client.get(f"/initiatives/{quote(name)}/").status_code == 404
