"""The ingest command's contract (DESIGN.md) on the two seeds and on files that must fail."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from reports.choices import ReportStatus
from reports.models import Court, Initiative, Metric, Report, Section

pytestmark = pytest.mark.django_db

DEMO = Path(settings.BASE_DIR) / "fixtures" / "demo"
HOHHOT_SEED = DEMO / "hohhot_zy_2023_review.txt"
BAYANNUR_SEED = DEMO / "bayannur_zy_2025_review.txt"
KEYS = {
    "path",
    "status",
    "report_id",
    "court",
    "year",
    "title",
    "sections",
    "metrics",
    "initiatives",
    "warnings",
    "error",
}


@pytest.fixture
def courts():
    """The directory in the Court table, as `make run` leaves it (without it, the loader
    creates the courts it needs from the directory)."""
    call_command("load_courts", stdout=StringIO())


def ingest(*args):
    """Run the command; returns (entries, exit code) as a shell would see them."""
    out = StringIO()
    try:
        call_command("ingest", *map(str, args), "--json", stdout=out, stderr=StringIO())
        code = 0
    except CommandError as error:
        code = error.returncode
    return json.loads(out.getvalue()), code


def counts():
    return tuple(m.objects.count() for m in (Report, Section, Metric, Initiative))


def test_seeds_follow_the_json_contract():
    entries, code = ingest(HOHHOT_SEED, BAYANNUR_SEED, "--publish")

    assert code == 0
    assert [set(e) for e in entries] == [KEYS, KEYS]
    hohhot, bayannur = entries
    assert (hohhot["status"], hohhot["court"], hohhot["year"]) == (
        "created",
        "呼和浩特市中级人民法院",
        2023,
    )
    assert (bayannur["status"], bayannur["court"], bayannur["year"]) == (
        "created",
        "巴彦淖尔市中级人民法院",
        2025,
    )
    for entry in entries:
        assert entry["error"] is None
        assert isinstance(entry["warnings"], list)
        assert all(type(entry[k]) is int for k in ("sections", "metrics", "initiatives"))
        assert entry["sections"] >= 4 and entry["metrics"] >= 10 and entry["initiatives"] >= 3
        report = Report.objects.get(pk=entry["report_id"])
        assert report.status == ReportStatus.PUBLISHED
        assert report.metrics.count() == entry["metrics"]
        assert report.original_file.name.endswith(Path(entry["path"]).name)


def test_ingesting_the_same_file_again_is_a_duplicate():
    (first,), _ = ingest(HOHHOT_SEED)
    before = counts()

    (again,), code = ingest(HOHHOT_SEED, "--publish")

    assert code == 0
    assert (again["status"], again["report_id"]) == ("duplicate", first["report_id"])
    assert again["metrics"] == first["metrics"]
    assert counts() == before
    assert Report.objects.get().status == ReportStatus.DRAFT  # a duplicate changes nothing


def test_a_corrected_file_updates_the_report_keeping_verified_rows(tmp_path):
    (first,), _ = ingest(HOHHOT_SEED)
    report = Report.objects.get()
    verified = report.metrics.order_by("start").first()
    verified.label = "编辑更正的指标"
    verified.verified = True
    verified.save()
    corrected = tmp_path / HOHHOT_SEED.name
    corrected.write_text(HOHHOT_SEED.read_text() + "\n全年共审结执行案件1234件。\n")

    (entry,), code = ingest(corrected)

    assert code == 0
    assert (entry["status"], entry["report_id"]) == ("updated", first["report_id"])
    assert Report.objects.count() == 1
    assert Metric.objects.get(pk=verified.pk).label == "编辑更正的指标"
    assert "1234件" in Report.objects.get().text


@pytest.mark.parametrize(
    "name, content",
    [
        ("empty.txt", b""),
        ("binary.txt", bytes(range(256)) * 40),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 200),
    ],
)
def test_bad_files_fail_with_a_chinese_message_and_leave_nothing(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)

    (entry,), code = ingest(path)

    assert code == 1
    assert set(entry) == KEYS
    assert entry["status"] == "error"
    assert entry["report_id"] is None
    assert entry["metrics"] == 0
    assert any("\u4e00" <= ch <= "\u9fff" for ch in entry["error"])
    assert counts() == (0, 0, 0, 0)
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_one_bad_file_does_not_stop_the_others_but_fails_the_run(tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_seed.txt").write_bytes(HOHHOT_SEED.read_bytes())

    entries, code = ingest(tmp_path / "a_empty.txt", tmp_path / "b_seed.txt")

    assert [e["status"] for e in entries] == ["error", "created"]
    assert code == 1


def test_missing_file_is_an_error_entry(tmp_path):
    (entry,), code = ingest(tmp_path / "nope.txt")
    assert (entry["status"], code) == ("error", 1)
    assert "无法读取" in entry["error"]


def test_a_folder_means_every_visible_file_in_it_sorted(tmp_path):
    for path in (BAYANNUR_SEED, HOHHOT_SEED):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "sub").mkdir()

    entries, code = ingest(tmp_path)

    assert code == 0
    assert [Path(e["path"]).name for e in entries] == sorted([BAYANNUR_SEED.name, HOHHOT_SEED.name])
    assert [e["status"] for e in entries] == ["created", "created"]


def test_a_folder_readme_is_not_taken_for_a_report(tmp_path):
    """A folder of reports often carries a README describing them; it names courts and
    would otherwise become a (published) report of one of them. Named explicitly, it is
    ingested like any file."""
    (tmp_path / HOHHOT_SEED.name).write_bytes(HOHHOT_SEED.read_bytes())
    readme = "# 报告说明\n呼和浩特市中级人民法院、最高人民法院的工作报告。\n"
    for name in ("README.md", "readme.txt", "LICENSE"):
        (tmp_path / name).write_text(readme, encoding="utf-8")
    err = StringIO()
    call_command("ingest", str(tmp_path), "--json", "--publish", stdout=StringIO(), stderr=err)
    assert Report.objects.count() == 1
    assert "跳过" in err.getvalue() and "README.md" in err.getvalue()

    (entry,), code = ingest(tmp_path / "README.md")
    assert (entry["status"], code) == ("created", 0)


@pytest.mark.parametrize("name", ["巴彦淖尔市中级人民法院", "巴彦淖尔中院"])
@pytest.mark.parametrize("table", ["empty", "loaded"])
def test_court_and_year_overrides(request, name, table):
    if table == "loaded":
        request.getfixturevalue("courts")
    (entry,), code = ingest(HOHHOT_SEED, "--court", name, "--year", "2022")
    assert code == 0
    assert (entry["court"], entry["year"]) == ("巴彦淖尔市中级人民法院", 2022)
    report = Report.objects.get()
    assert (report.court.name, report.year) == ("巴彦淖尔市中级人民法院", 2022)


def test_unknown_court_override_stops_before_anything_is_written():
    with pytest.raises(CommandError, match="未知法院"):
        call_command("ingest", str(HOHHOT_SEED), "--court", "火星人民法院", stdout=StringIO())
    assert counts() == (0, 0, 0, 0)


def test_without_json_a_progress_bar_and_a_chinese_summary(tmp_path):
    out, err = StringIO(), StringIO()
    call_command("ingest", str(HOHHOT_SEED), str(BAYANNUR_SEED), stdout=out, stderr=err)
    assert "1/2" in err.getvalue() and "2/2" in err.getvalue()
    assert HOHHOT_SEED.name in err.getvalue()
    assert out.getvalue().strip().endswith("新建 2，更新 0，重复 0，失败 0")


def test_load_demo_publishes_both_seeds_and_is_idempotent(courts):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "新建 2" in out.getvalue()
    assert Report.objects.published().count() == 2
    assert set(Report.objects.values_list("year", flat=True)) == {2023, 2025}
    before = counts()

    out = StringIO()
    call_command("load_demo", stdout=out)

    assert "重复 2" in out.getvalue()
    assert counts() == before
    assert Court.objects.filter(reports__isnull=False).distinct().count() == 2


def test_failure_inside_the_load_leaves_nothing(monkeypatch):
    from reports.loading import load

    def explode(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(load, "create_initiatives", explode)

    (entry,), code = ingest(HOHHOT_SEED, "--publish")

    assert (entry["status"], code) == ("error", 1)
    assert "database went away" in entry["error"]
    assert counts() == (0, 0, 0, 0)
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


@pytest.mark.parametrize("publish, found", [(True, True), (False, False)])
def test_ingest_updates_the_search_index(
    client, django_capture_on_commit_callbacks, publish, found
):
    with django_capture_on_commit_callbacks(execute=True):
        ingest(HOHHOT_SEED, *(["--publish"] if publish else []))

    data = client.get("/api/search", {"q": "知识产权"}).json()

    assert (data["count"] > 0) is found
    if found:
        assert data["results"][0]["court"] == "呼和浩特市中级人民法院"


def test_a_file_over_the_size_limit_is_refused(tmp_path, settings):
    settings.PORTAL_MAX_UPLOAD_BYTES = 1000
    path = tmp_path / "big.txt"
    path.write_bytes(HOHHOT_SEED.read_bytes())  # 7.8 kB

    (entry,), code = ingest(path)

    assert (entry["status"], code) == ("error", 1)
    assert entry["error"].startswith("文件过大（7.") and entry["error"].endswith("上限 1000 字节）")
    assert counts() == (0, 0, 0, 0)
