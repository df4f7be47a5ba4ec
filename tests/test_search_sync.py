"""The index follows the database: after commit, through one locked writer, never losing a
withdrawal, and rebuilt without a moment of empty search. These tests commit for real
(``transaction=True``) so the after-commit path and the background writer run as in
production."""

import os
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from reports.choices import ReportStatus
from reports.search import storage
from reports.search.indexing import build_index, get_backend
from reports.search.signals import wait_for_index
from tests.factories import ReportFactory, SectionFactory
from tests.search_data import make_seed_reports, search

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _writer_drained():
    yield
    assert wait_for_index(30), "the background index writer did not finish"


def index_hits(q):
    """What the index itself holds (pages also check the database, see test_search)."""
    backend = get_backend()
    from reports.search.query import parse_query

    return backend.search(backend.compile_query(parse_query(q)))["hits"]


class HeldLock:
    """Another writer holding the index lock until ``release()``."""

    def __init__(self, path):
        self.held, self.released = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self.hold, args=(path,))

    def hold(self, path):
        with storage.write_lock(path):
            self.held.set()
            self.released.wait(20)

    def __enter__(self):
        self.thread.start()
        assert self.held.wait(5)
        return self

    def release(self):
        self.released.set()
        self.thread.join(5)

    def __exit__(self, *exc):
        self.release()


def test_unpublish_while_another_writer_holds_the_lock_is_applied_later(admin_client):
    # One word (Whoosh's own top k ranks it), the withdrawn report's section ranked first.
    kept = SectionFactory(text="另一份报告也提到撤回测试词语与知识产权。" + "其他内容。" * 30)
    report = ReportFactory()
    SectionFactory(report=report, text="独一无二的撤回测试词语：知识产权，知识产权。")
    assert index_hits("撤回测试词语") == 2
    with HeldLock(get_backend().path) as other_writer:
        started = time.monotonic()
        response = admin_client.post(
            reverse("admin:reports_report_changelist"),
            {"action": "unpublish", "_selected_action": [report.pk]},
        )
        assert response.status_code == 302  # the editor gets a page, not a 500
        assert time.monotonic() - started < 2
        assert index_hits("撤回测试词语") == 2  # the index waits for the lock …
        page = search(q="撤回测试词语")
        # … but pages never show it, nor count it
        assert [h.section_id for h in page.results] == [kept.pk]
        assert (page.count, page.report_count) == (1, 1)
        assert [f.value for f in page.facets["court"]] == [kept.report.court.name]
        assert search(q="", court=report.court.name).count == 0
        # The page ranks only what it counts: no page reaches past the match set (a 500 under
        # load when the ranking still held the withdrawn sections).
        page = admin_client.get(reverse("reports:search"), {"q": "知识产权"})
        assert page.status_code == 200
        assert [g.report_id for g in page.context["page"].groups] == [kept.report_id]
        other_writer.release()
        assert wait_for_index(10)
    assert index_hits("撤回测试词语") == 1


def test_publish_is_searchable_when_the_save_returns():
    """The index is written before the save returns (how long that takes is measured by
    benchmarks/run.py, "publish / unpublish": not a wall-clock assertion here)."""
    report = ReportFactory(status=ReportStatus.DRAFT)
    for order in range(1, 6):
        SectionFactory(report=report, order=order, text=f"第{order}部分：执行到位金额。" * 40)
    SectionFactory(report=report, order=9, text="发布后即可检索的词语")
    assert index_hits("即可检索") == 0
    report.status = ReportStatus.PUBLISHED
    report.save()
    assert search(q="即可检索").count == 1
    assert search(q="执行到位金额", report=str(report.pk)).count == 5
    report.status = ReportStatus.DRAFT
    report.save()
    assert search(q="即可检索").count == 0 and index_hits("即可检索") == 0


def test_rolled_back_change_never_reaches_the_index():
    with pytest.raises(RuntimeError), transaction.atomic():
        SectionFactory(text="回滚的事务中的词语")
        raise RuntimeError
    assert index_hits("回滚的事务") == 0


def test_rebuild_keeps_search_working_and_applies_changes_made_meanwhile():
    seeds = make_seed_reports()
    # A save whose inline write missed the lock (a merge, under load) lands a moment later.
    assert wait_for_index(10)
    before = index_hits("巴彦淖尔")
    assert before
    seen_during_build = []
    withdrawn = threading.Thread(target=unpublish, args=(seeds.r2025.pk,))

    def progress(done):
        seen_during_build.append(index_hits("呼和浩特") > 0 and index_hits("巴彦淖尔"))
        if not withdrawn.is_alive() and len(seen_during_build) == 1:
            withdrawn.start()  # an editor withdraws a report in the middle of the rebuild
            time.sleep(0.3)

    old = storage.current_generation(get_backend().path)
    build_index(batch_size=3, progress=progress)
    withdrawn.join(5)
    # The old index answered throughout; the withdrawal waited for the lock.
    assert len(seen_during_build) > 2 and set(seen_during_build) == {before}
    assert storage.current_generation(get_backend().path) != old
    assert wait_for_index(10)
    assert index_hits("彦淖") == 0  # the withdrawal waited for the lock, then reached the new index
    assert index_hits("呼和浩特") > 0


def unpublish(report_id):
    from reports.models import Report

    report = Report.objects.get(pk=report_id)
    report.status = ReportStatus.DRAFT
    report.save()


def test_build_index_command_swaps_atomically_and_keeps_one_old_generation():
    SectionFactory(text="重建索引的词语")
    path = get_backend().path
    for _ in range(3):
        call_command("build_index", verbosity=0)
    assert os.path.islink(path)
    assert len(storage.generations(path)) == 2  # the current one and the one before
    assert index_hits("重建索引") == 1
    call_command("build_index", "--check", verbosity=0)


def test_an_index_built_with_another_dictionary_is_reported(caplog):
    backend = get_backend()
    storage.write_meta(backend.generation, dictionary="0000000000000000")
    assert not backend.check_fingerprint()
    assert "build_index" in caplog.text
    with pytest.raises(CommandError):
        call_command("build_index", "--check", verbosity=0)
    call_command("build_index", verbosity=0)
    assert get_backend().check_fingerprint()


def test_a_writer_holding_whooshs_own_lock_delays_but_never_drops_a_removal():
    section = SectionFactory(text="外部写入者持有锁时的删除")
    backend = get_backend()
    outside = backend.index.writer()  # e.g. haystack's update_index in another process
    timer = threading.Timer(0.5, outside.cancel)
    timer.start()
    started = time.monotonic()
    backend.remove(f"reports.section.{section.pk}")
    assert time.monotonic() - started >= 0.4
    assert index_hits("外部写入者") == 0


def test_quick_writes_leave_merging_to_the_background_writer():
    from reports.search.signals import MAX_SEGMENTS

    for number in range(MAX_SEGMENTS + 4):
        SectionFactory(text=f"第{number}次快速写入")
    assert wait_for_index(10)
    assert get_backend().segment_count() <= MAX_SEGMENTS
    assert index_hits("快速写入") == MAX_SEGMENTS + 4


def test_a_segment_merged_away_while_the_searcher_refreshes_costs_no_error(monkeypatch):
    """Another process merges and deletes segments between Whoosh reading the table of
    contents and opening a segment: Whoosh retries with readers it has already closed
    (ReaderClosed, a 500 on the search page under load). The searcher reopens instead."""
    from whoosh import reading

    for number in range(3):
        SectionFactory(text=f"第{number}次分段写入")  # quick writes: a segment each
    assert wait_for_index(10)
    backend = get_backend()
    backend.searcher()  # this thread now reads the small segments
    assert backend.segment_count() >= 2
    with storage.write_lock(backend.path):
        backend.index.optimize()  # one segment; the small ones are deleted
    opened, failed = reading.SegmentReader.__init__, []

    def deleted_once(self, *args, **kwargs):
        if not failed:
            failed.append(True)
            raise FileNotFoundError("segment deleted by a merge in another process")
        opened(self, *args, **kwargs)

    monkeypatch.setattr(reading.SegmentReader, "__init__", deleted_once)
    searcher = backend.searcher()
    assert failed  # the refresh met the deleted segment
    assert searcher.up_to_date()
    assert index_hits("分段写入") == 3


def count_commits(monkeypatch):
    backend = get_backend()
    commits = []
    real = backend.write

    def write(*args, **kwargs):
        commits.append(kwargs.get("documents", args[1] if len(args) > 1 else ()))
        return real(*args, **kwargs)

    monkeypatch.setattr(backend, "write", write)
    return commits


def test_a_batch_indexes_its_reports_in_one_commit_when_it_ends(monkeypatch):
    from reports.search.signals import batched

    commits = count_commits(monkeypatch)
    with batched():
        for word in ("甲批词语", "乙批词语", "丙批词语"):
            with transaction.atomic():  # a report and its sections, as load_report saves them
                SectionFactory(text=f"{word}出现在这里。")
        assert index_hits("批词语") == 0 and commits == []  # committed, not yet indexed
    assert index_hits("批词语") == 3 and len(commits) == 1


def test_a_batch_writes_every_size_reports_and_what_is_left_even_after_an_error(monkeypatch):
    from reports.search.signals import batched

    commits = count_commits(monkeypatch)
    with pytest.raises(RuntimeError), batched(size=2):
        for word in ("一号词语", "二号词语", "三号词语"):
            with transaction.atomic():
                SectionFactory(text=f"{word}。")
        assert len(commits) == 1 and index_hits("号词语") == 2
        raise RuntimeError
    assert len(commits) == 2 and index_hits("号词语") == 3


def test_ingesting_a_folder_indexes_it_a_batch_to_a_commit(monkeypatch, tmp_path):
    from django.conf import settings

    from reports.models import Section

    call_command("load_courts", verbosity=0)
    corpus = settings.BASE_DIR / "tests" / "data" / "corpus"
    folder = tmp_path / "texts"  # (tmp_path holds the test index too)
    folder.mkdir()
    for name in sorted(p.name for p in corpus.glob("*.txt"))[:3]:
        (folder / name).write_bytes((corpus / name).read_bytes())
    commits = count_commits(monkeypatch)
    with open(os.devnull, "w") as quiet:
        call_command("ingest", str(folder), "--publish", stdout=quiet)
    assert len(commits) == 1
    assert len(commits[0]) == Section.objects.filter(report__status="published").count() > 0


def test_a_stale_entry_a_search_meets_is_repaired():
    section = SectionFactory(text="绕过信号的撤回。")
    # A change that bypassed the signals (QuerySet.update): the index still holds it.
    type(section.report).objects.filter(pk=section.report_id).update(status=ReportStatus.DRAFT)
    assert index_hits("绕过信号") == 1
    assert search(q="绕过信号").count == 0  # hidden at once
    assert wait_for_index(30)
    assert index_hits("绕过信号") == 0


def test_searching_after_a_withdrawal_writes_nothing_to_the_index():
    section = SectionFactory(text="已撤回报告的段落。")
    SectionFactory(text="仍然发布的报告的段落。")
    build_index()  # both reports in one segment: the withdrawn one's documents stay, deleted
    section.report.status = ReportStatus.DRAFT
    section.report.save()  # the index follows at once: its documents are marked deleted
    assert index_hits("已撤回报告") == 0
    # Deleted documents keep their report id in the value tables; a search must not take
    # them for a stale entry and rewrite the report (once per search, for 15 minutes).
    index = get_backend().index
    before = index.latest_generation()
    assert search(q="已撤回报告").count == 0 and search(q="段落").count == 1
    assert wait_for_index(30) and index.latest_generation() == before  # no commit, any thread
