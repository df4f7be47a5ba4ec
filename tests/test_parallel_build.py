"""Contract — scale: ``build_index`` on several worker processes indexes exactly what one
writer does, and a worker that fails fails the build without touching the live index."""

import multiprocessing

import pytest
from whoosh.index import open_dir

from reports.search import indexing, parallel_build, storage
from reports.search.indexing import build_index, get_backend
from reports.search.signals import wait_for_index
from tests.search_data import all_hits, make_seed_reports, search

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _writer_drained():
    yield
    assert wait_for_index(30), "the background index writer did not finish"


QUERIES = ("执行", "呼和浩特", "巴彦淖尔中院", '"司法 保护"', "知識產權", "破产 OR 金融", "")


def answers():
    """Every query's count, facets and hits (as a set: equal scores may tie in any order)."""
    found = {}
    for q in QUERIES:
        page = search(q=q)
        facets = {
            name: [(f.label, f.count) for f in values] for name, values in page.facets.items()
        }
        hits = {(hit.section_id, round(hit.score, 6)) for hit in all_hits(q=q)}
        found[q] = (page.count, page.report_count, facets, hits)
    return found


@pytest.fixture
def many_workers(monkeypatch):
    """Workers from the first section on, and a handover of two documents, so that a small
    corpus spreads over every worker."""
    monkeypatch.setattr(parallel_build, "PARALLEL_FROM", 1)
    monkeypatch.setattr(indexing, "WORKER_BATCH", 2)


def test_two_workers_index_what_one_writer_does(many_workers):
    make_seed_reports()
    one = build_index(processes=1)
    expected = answers()
    assert expected["执行"][0] > 0

    two = build_index(processes=2)
    assert two.documents == one.documents
    assert len(open_dir(two.generation).reader().leaf_readers()) == 2  # a segment per worker
    assert answers() == expected


def test_a_failing_worker_fails_the_build_and_leaves_the_live_index(many_workers, monkeypatch):
    make_seed_reports()
    build_index(processes=1)
    live = storage.current_generation(get_backend().path)
    before_generations = storage.generations(get_backend().path)
    before = search(q="执行").count
    document = get_backend().document

    def broken(index, section):
        doc = document(index, section)
        doc["no_such_field"] = "x"  # Whoosh raises in the worker: the field is not in the schema
        return doc

    monkeypatch.setattr(get_backend(), "document", broken)
    with pytest.raises(parallel_build.WorkerFailed, match="no_such_field"):
        build_index(processes=2)
    generations = storage.generations(get_backend().path)  # the half-built one is gone
    assert storage.current_generation(get_backend().path) == live
    assert live in generations and not set(generations) - set(before_generations)
    assert search(q="执行").count == before


@pytest.mark.parametrize(
    ("sections", "configured", "workers"),
    [
        (10, 8, 1),
        (parallel_build.PARALLEL_FROM, 1, 1),
        (parallel_build.PARALLEL_FROM, 2, 2),
        (parallel_build.PARALLEL_FROM, 16, 2),
        (500_000, 16, 8),
        (500_000, 4, 4),
    ],
)
def test_how_many_workers_a_build_uses(sections, configured, workers):
    assert parallel_build.worker_count(sections, configured) == workers


def test_a_worker_gone_before_the_next_handover_is_reported_in_its_own_words():
    workers = parallel_build.SegmentWorkers.__new__(parallel_build.SegmentWorkers)
    parent_end, worker_end = multiprocessing.Pipe()
    worker_end.send(("error", "UnknownFieldError: no_such_field", 0))
    worker_end.close()  # the worker said why, and went
    workers.connections, workers.processes, workers.sent = [parent_end], [], 0
    with pytest.raises(parallel_build.WorkerFailed, match="no_such_field"):
        workers.add([{"id": "1"}])
