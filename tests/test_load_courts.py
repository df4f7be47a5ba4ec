"""python manage.py load_courts: the directory in the Court table, idempotently."""

import json
import time
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from reports.ingest.court import load_directory
from reports.models import Court

pytestmark = pytest.mark.django_db


def load(*args) -> str:
    out = StringIO()
    call_command("load_courts", *args, stdout=out)
    return out.getvalue()


def small_directory(tmp_path, **changes) -> str:
    """Three courts of the real directory, with some fields changed."""
    wanted = ("内蒙古自治区高级人民法院", "呼和浩特市中级人民法院", "呼和浩特市新城区人民法院")
    rows = [
        {**row, **changes.get(row["slug"], {})}
        for row in json.loads(settings.PORTAL_COURTS_FILE.read_text(encoding="utf-8"))
        if row["name"] in wanted
    ]
    for row in rows:
        if row["level"] == "high":
            row["parent"] = ""  # the supreme court is not in this small file
    path = tmp_path / "courts.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_loads_the_whole_directory_quickly_and_twice_changes_nothing():
    started = time.perf_counter()
    first = load()
    seconds = time.perf_counter() - started
    expected = len(load_directory(settings.PORTAL_COURTS_FILE))
    assert Court.objects.count() == expected
    assert f"新增 {expected}" in first
    assert seconds < 10, f"{seconds:.1f} s"

    second = load()
    assert Court.objects.count() == expected
    assert "新增 0，更新 0，设定上级 0" in second
    assert second.count("\n") == 1  # one summary line

    court = Court.objects.select_related("parent__parent__parent").get(slug="huhehaote-xinchengqu")
    assert [court.parent.name, court.parent.parent.name, court.parent.parent.parent.name] == [
        "呼和浩特市中级人民法院",
        "内蒙古自治区高级人民法院",
        "最高人民法院",
    ]
    assert Court.objects.get(name="呼和浩特市中级人民法院").aliases[-1] == "呼市中院"
    assert list(Court.objects.filter(parent__isnull=True).values_list("name", flat=True)) == [
        "最高人民法院"
    ]


def test_changed_rows_are_updated_and_editor_additions_kept(tmp_path):
    path = small_directory(tmp_path)
    load("--file", path)
    hohhot = Court.objects.get(slug="huhehaote-zy")
    hohhot.aliases = [*hohhot.aliases, "首府中院"]  # an editor's alias
    hohhot.short_name = "改错的简称"
    hohhot.save()
    Court.objects.create(name="某某开发区人民法院", level="basic", slug="moumou")

    out = load("--file", path)
    assert "新增 0，更新 1" in out
    hohhot.refresh_from_db()
    assert hohhot.short_name == "呼和浩特中院"
    assert hohhot.aliases[0] == "呼和浩特市中院" and hohhot.aliases[-1] == "首府中院"
    assert Court.objects.filter(name="某某开发区人民法院").exists()
    assert Court.objects.count() == 4


def test_a_slug_taken_by_another_court_does_not_break_the_load(tmp_path):
    Court.objects.create(name="编辑新建的法院", level="basic", slug="huhehaote-zy")
    load("--file", small_directory(tmp_path))
    hohhot = Court.objects.get(name="呼和浩特市中级人民法院")
    assert hohhot.slug.startswith("huhehaote-zy-")
    assert Court.objects.get(name="编辑新建的法院").slug == "huhehaote-zy"
    assert "新增 0，更新 0" in load("--file", small_directory(tmp_path))


def test_parent_changes_in_the_directory_are_applied(tmp_path):
    load("--file", small_directory(tmp_path))
    moved = {"huhehaote-xinchengqu": {"parent": "内蒙古自治区高级人民法院"}}
    out = load("--file", small_directory(tmp_path, **moved))
    assert "设定上级 1" in out
    assert Court.objects.get(slug="huhehaote-xinchengqu").parent.name == "内蒙古自治区高级人民法院"


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="无法读取法院目录"):
        load("--file", str(tmp_path / "missing.json"))
