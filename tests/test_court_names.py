"""The one court resolver (reports.court_names), its name table (CourtName) and the places
that use it: loading, the ingest command, re-extraction, search and the admin."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from reports.court_names import court_candidates, resolve_court
from reports.loading.load import load_report, parse_upload, reextract_report
from reports.models import Court, CourtName
from reports.search.courts import court_names, forget_court_names
from tests.factories import CourtFactory, ReportFactory
from tests.parsed_reports import parsed_report

pytestmark = pytest.mark.django_db

JINAN = "济南市中级人民法院"
KUCHE = "库车市人民法院"
WANTED = (
    "最高人民法院",
    "山东省高级人民法院",
    JINAN,
    "济南市莱芜区人民法院",
    "新疆维吾尔自治区高级人民法院",
    "阿克苏地区中级人民法院",
    KUCHE,
    "内蒙古自治区高级人民法院",
    "呼和浩特市中级人民法院",
    "呼和浩特市新城区人民法院",
    "陕西省高级人民法院",
    "西安市中级人民法院",
    "西安市新城区人民法院",
)


@pytest.fixture
def directory(tmp_path, settings):
    """Some courts of the real directory, as the site's directory and in the table."""
    rows = json.loads(settings.PORTAL_COURTS_FILE.read_text(encoding="utf-8"))
    path = tmp_path / "courts.json"
    path.write_text(
        json.dumps([r for r in rows if r["name"] in WANTED], ensure_ascii=False), "utf-8"
    )
    settings.PORTAL_COURTS_FILE = path
    return path


def load_courts(path) -> str:
    out = StringIO()
    call_command("load_courts", "--file", str(path), stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(directory):
    load_courts(directory)
    return directory


# --- the resolver --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (JINAN, JINAN),
        ("济南中院", JINAN),  # short name
        ("济南市中院", JINAN),  # alias
        ("莱芜市中级人民法院", JINAN),  # former name: 莱芜 became part of 济南 in 2019
        ("莱芜中院", JINAN),
        ("莱蕪市 中級人民法院", JINAN),  # traditional characters and a stray space
        ("库车县人民法院", KUCHE),  # 库车县 became a city in 2019
        ("库车法院", KUCHE),
        ("莱芜市莱城区人民法院", "济南市莱芜区人民法院"),
    ],
)
def test_every_name_of_a_court_resolves_to_it(loaded, name, expected):
    assert resolve_court(name).name == expected


def test_a_lookup_is_one_indexed_query(loaded, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert resolve_court("莱芜中院").name == JINAN


def test_the_former_name_is_recorded_as_such(loaded):
    row = CourtName.objects.get(name="莱芜市中级人民法院")
    assert (row.court.name, row.kind) == (JINAN, "former")
    assert "莱芜市中级人民法院" in Court.objects.get(name=JINAN).former_names


def test_an_ambiguous_name_resolves_to_nothing_and_lists_its_courts(loaded):
    assert resolve_court("新城区法院") is None
    assert court_candidates("新城区法院") == ["呼和浩特市新城区人民法院", "西安市新城区人民法院"]
    assert resolve_court("不存在的法院") is None and court_candidates("不存在的法院") == []


def test_a_full_name_wins_over_another_courts_alias(loaded):
    CourtFactory(name="某某法院", short_name="", aliases=[JINAN], slug="moumou")
    assert resolve_court(JINAN).name == JINAN
    assert resolve_court("某某法院").name == "某某法院"


def test_an_editors_alias_is_found_after_saving(loaded):
    court = Court.objects.get(name=JINAN)
    court.aliases = [*court.aliases, "泉城中院"]
    court.save()
    assert resolve_court("泉城中院") == court
    court.aliases = court.aliases[:-1]
    court.save()
    assert resolve_court("泉城中院") is None


def test_a_directory_court_missing_from_the_table_is_created_only_when_asked(directory):
    assert resolve_court("库车县法院") is None
    assert not Court.objects.exists()
    court = resolve_court("库车县法院", create=True)
    assert court.name == KUCHE
    assert [court.parent.name, court.parent.parent.name] == [
        "阿克苏地区中级人民法院",
        "新疆维吾尔自治区高级人民法院",
    ]
    assert resolve_court("库车县人民法院") == court  # its names are in the table now


# --- ingestion and re-extraction -----------------------------------------------------------

OLD_REPORT = (
    "莱芜市中级人民法院工作报告\n——2017年1月12日在莱芜市第十七届人民代表大会第一次会议上\n"
    "2016年，市中院共受理各类案件1.2万件，审结1.1万件。莱芜市中级人民法院坚持司法为民。"
)


def test_an_old_report_of_the_laiwu_court_loads_as_the_jinan_court(loaded):
    parsed = parse_upload(OLD_REPORT.encode(), "莱芜中院2016.txt")
    report = load_report(parsed).report
    assert report.court.name == JINAN
    assert any("莱芜市中级人民法院" in w and JINAN in w for w in report.warnings)


def test_ingest_court_option_takes_a_former_name_and_refuses_an_ambiguous_one(loaded, tmp_path):
    path = tmp_path / "报告.txt"
    path.write_text(OLD_REPORT, encoding="utf-8")
    out = StringIO()
    call_command("ingest", str(path), "--court", "莱芜中院", "--json", stdout=out)
    assert json.loads(out.getvalue())[0]["court"] == JINAN
    with pytest.raises(CommandError, match="法院名称不唯一.*呼和浩特市新城区人民法院"):
        call_command("ingest", str(path), "--court", "新城区法院", stdout=StringIO())


def test_reextraction_preview_creates_no_court(directory):
    report = ReportFactory(court=None, title="某院工作报告", text="正文", content_hash="x" * 64)
    parsed = parsed_report(court_name=KUCHE)
    before = Court.objects.count()

    diff = reextract_report(report, parsed)

    assert Court.objects.count() == before
    assert diff.values.get("court") is None
    reextract_report(report, parsed, apply=True)
    report.refresh_from_db()
    assert report.court.name == KUCHE  # applying may create it from the directory


# --- load_courts: renamed and merged courts ------------------------------------------------


def test_load_courts_renames_a_former_court_in_place_and_merges_one_whose_successor_exists(
    directory,
):
    kuche_old = CourtFactory(
        name="库车县人民法院",
        short_name="库车县法院",
        aliases=["库车法院", "龟兹法院"],
        slug="akesu-kuchexian",
    )
    laiwu = CourtFactory(name="莱芜市中级人民法院", slug="laiwu-zy")
    jinan = CourtFactory(name=JINAN, slug="jinan-zy")
    kuche_report = ReportFactory(court=kuche_old)
    laiwu_report = ReportFactory(court=laiwu)

    out = load_courts(directory)

    assert "改名 1，并入 1" in out
    kuche = Court.objects.get(name=KUCHE)
    assert (kuche.pk, kuche.slug) == (kuche_old.pk, "akesu-kucheshi")
    assert kuche.parent.name == "阿克苏地区中级人民法院"
    # Its old names are former names now; an alias only an editor gave it is kept.
    assert kuche.aliases == ["库车法院", "龟兹法院"]
    assert CourtName.objects.get(name="库车县法院").kind == "former"
    assert list(kuche.reports.all()) == [kuche_report]
    assert not Court.objects.filter(name="莱芜市中级人民法院").exists()
    assert list(jinan.reports.all()) == [laiwu_report]
    assert resolve_court("莱芜市中级人民法院") == jinan
    assert Court.objects.count() == len(WANTED)

    again = load_courts(directory)
    assert "新增 0，更新 0，设定上级 0，目录共" in again
    assert CourtName.objects.filter(court=kuche).count() == len(kuche.name_forms())


# --- search and the admin ------------------------------------------------------------------


def test_search_recognises_former_names_in_a_query(loaded):
    forget_court_names()
    found = court_names().find("莱芜中院 执行")
    assert [(start, end, name) for start, end, name, _ in found] == [(0, 4, JINAN)]
    assert court_names().resolve("莱芜市中级人民法院") == JINAN
    assert court_names().resolve("库车市") == KUCHE  # a unique part of a full name


def test_admin_court_search_finds_former_names(admin_client, loaded):
    page = admin_client.get(reverse("admin:reports_court_changelist"), {"q": "莱芜中院"})
    assert JINAN in page.content.decode()
    assert page.context["cl"].result_count == 1  # one court, not one row per matching name
