"""Contract — operations: ``build_index --check`` compares the index with the database and
says what differs (exit 1); ``--repair`` brings the index back in line without a rebuild.

The test transaction never commits, so saves here do not reach the index by themselves: the
index and the database can be made to disagree on purpose."""

import pytest
from django.core.management import CommandError, call_command

from reports.choices import ReportStatus
from reports.models import Report
from reports.search import storage
from reports.search.indexing import get_backend, section_index
from tests.sample import build_sample, index_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample():
    sample = build_sample()
    index_sample()
    return sample


def run(*args):
    try:
        call_command("build_index", *args, "--settle", "0", verbosity=0)
    except CommandError as error:
        return False, str(error)
    return True, ""


def test_a_fresh_index_matches(sample, capsys):
    assert run("--check") == (True, "")
    assert "索引与数据库一致" in capsys.readouterr().out


def test_every_kind_of_difference_is_named_then_repaired(sample, capsys):
    generation = storage.current_generation(get_backend().path)
    withdrawn = sample.report_2025
    withdrawn.status = ReportStatus.DRAFT
    withdrawn.save()
    edited = sample.ip_section
    edited.text = "这一段改写过，索引里还是旧的文字：执行联动新机制。"
    edited.save()
    newly = Report.objects.create(
        court=sample.baotou, year=2022, title="包头新发布", status=ReportStatus.PUBLISHED
    )
    newly.sections.create(order=1, heading="新章节", text="包头中院新发布的章节。")
    gone = sample.report_2023.sections.exclude(pk=edited.pk).first()
    gone_pk = gone.pk
    gone.delete()
    # A document written twice (what an unlocked writer can leave behind).
    backend = get_backend()
    backend.write(documents=[backend.document(section_index(), edited)], upsert=False)

    ok, error = run("--check")
    assert not ok and "build_index --repair" in error
    said = capsys.readouterr().err
    assert "已发布但未索引 1 个章节" in said and str(newly.sections.get().pk) in said
    assert "索引内容已过期" in said and str(edited.pk) in said
    assert "草稿报告的章节仍在索引中" in said
    assert f"已删除的章节仍在索引中 1 个章节 (deleted, indexed): {gone_pk}" in said
    assert "重复索引" in said

    assert run("--repair") == (True, "")
    assert "已修复" in capsys.readouterr().out
    assert run("--check") == (True, "")
    # No rebuild: the same generation, now holding exactly the published sections.
    assert storage.current_generation(get_backend().path) == generation
    published = section_index().index_queryset().count()
    assert get_backend().doc_count() == published


def test_repair_rebuilds_an_index_cut_with_another_dictionary(sample):
    backend = get_backend()
    storage.write_meta(backend.generation, dictionary="0000000000000000")
    ok, error = run("--check")
    assert not ok and "重建" in error
    assert run("--repair") == (True, "")
    assert get_backend().check_fingerprint()
    assert run("--check") == (True, "")
