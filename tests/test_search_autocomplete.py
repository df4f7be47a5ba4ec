"""Autocomplete in the search box: courts and initiatives of published reports, offered by a
<datalist> on every search box (no script needed) and refined by /api/suggest."""

import json
import re
from html import unescape

import pytest

from reports.search import autocomplete
from reports.search.autocomplete import Completer, Entry
from tests.factories import InitiativeFactory
from tests.sample import build_sample, index_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample():
    autocomplete.forget()
    sample = build_sample()
    InitiativeFactory(report=sample.draft, name="秘密草稿机制", canonical_name="秘密草稿机制")
    index_sample()
    return sample


def datalist(html, list_id):
    match = re.search(rf'<datalist id="{list_id}">(.*?)</datalist>', html, re.S)
    assert match, f"no datalist {list_id}"
    return [unescape(v) for v in re.findall(r'<option value="([^"]*)"', match.group(1))]


def suggestions(client, q):
    response = client.get("/api/suggest", {"q": q})
    assert response.status_code == 200
    return json.loads(response.content)["suggestions"]


@pytest.mark.parametrize(
    "path, list_id",
    [("/", "q-names"), ("/search/?q=执行", "q-names"), ("/courts/hohhot-zy/", "court-q-names")],
)
def test_every_search_box_offers_court_names_and_initiatives(client, sample, path, list_id):
    html = client.get(path).content.decode()
    assert f'list="{list_id}"' in html and 'data-suggest-url="/api/suggest"' in html
    assert 'autocomplete="off"' not in html  # some browsers then hide the list's suggestions
    offered = datalist(html, list_id)
    # Every name form of the courts with published reports, and their initiatives.
    for name in ("呼和浩特市中级人民法院", "呼和浩特中院", "呼市中院", "巴彦淖尔中院"):
        assert name in offered
    assert any("六个一" in v for v in offered) and any("呼包鄂乌" in v for v in offered)
    # Nothing of a draft: 包头 has only a draft, 乌海 nothing; the draft's initiative.
    assert not {"包头市中级人民法院", "乌海市中级人民法院", "秘密草稿机制"} & set(offered)


def test_report_page_search_box_has_its_own_list(client, sample):
    html = client.get(f"/reports/{sample.report_2025.pk}/").content.decode()
    assert "巴彦淖尔市中级人民法院" in datalist(html, "report-q-names")


@pytest.mark.parametrize(
    "typed, first",
    [
        ("呼市", "呼市中院"),  # an alias
        ("呼和浩特", "呼和浩特中院"),  # a name start: the shorter form first
        ("巴彦", "巴彦淖尔中院"),
        ("巴彥", "巴彦淖尔中院"),  # traditional characters
        ("六个一", "六个一”特色工作法"),  # an initiative, its quotation marks not typed
        ("中级人民法院", "呼和浩特市中级人民法院"),  # inside a name
    ],
)
def test_api_suggests_names_as_they_are_typed(client, sample, typed, first):
    found = suggestions(client, typed)
    assert found and found[0]["value"] == first
    assert {s["kind"] for s in found} <= {"court", "initiative"}


def test_api_suggest_never_offers_unpublished_names(client, sample):
    for typed in ("包头", "乌海", "秘密", "草稿"):
        assert suggestions(client, typed) == []
    court = suggestions(client, "呼市")[0]
    assert court["label"] == "呼和浩特市中级人民法院" and court["url"] == "/courts/hohhot-zy/"


@pytest.mark.parametrize("typed", ["", "   ", "！" * 500, "<script>", "呼" * 100])
def test_api_suggest_answers_any_input(client, sample, typed):
    response = client.get("/api/suggest", {"q": typed})
    assert response.status_code == 200
    assert len(json.loads(response.content)["query"]) <= 50


def test_a_publication_shows_in_the_next_suggestions(
    client, sample, django_capture_on_commit_callbacks
):
    assert suggestions(client, "包头") == []
    report = sample.baotou.reports.get()
    with django_capture_on_commit_callbacks(execute=True):
        report.status = "published"
        report.save()
    assert "包头市中级人民法院" in [s["value"] for s in suggestions(client, "包头")]


def test_choosing_a_suggestion_finds_it(client, sample):
    for typed in ("呼市", "六个一", "呼包鄂乌"):
        value = suggestions(client, typed)[0]["value"]
        data = json.loads(client.get("/api/search", {"q": value}).content)
        assert data["count"] >= 1, value


def test_completer_ranks_starts_before_inside_and_courts_before_initiatives():
    zhengzhou = "郑州市中级人民法院"
    completer = Completer(
        [
            Entry("执行联动机制", "initiative", "工作举措", 5),
            Entry(zhengzhou, "court", "法院", 1, court=zhengzhou),
            Entry("郑州中院", "court", zhengzhou, 1, court=zhengzhou),
            Entry("郑州中院", "court", zhengzhou, 1, court=zhengzhou),  # given twice
            Entry("郑州市中院", "court", zhengzhou, 1, court=zhengzhou, alias=True),
            Entry("郑市中院", "court", zhengzhou, 1, court=zhengzhou, alias=True),
            Entry("法院+N执行联动机制", "initiative", "工作举措", 1),
        ]
    )
    assert [e.value for e in completer.complete("执行")] == ["执行联动机制", "法院+N执行联动机制"]
    # The aliases of a court whose names are offered add nothing.
    assert [e.value for e in completer.complete("郑州")] == ["郑州中院", zhengzhou]
    assert [e.value for e in completer.complete("郑市")] == ["郑市中院"]
    assert [e.value for e in completer.datalist(3)] == ["郑州中院", zhengzhou, "执行联动机制"]
