""" "Did you mean": a query that finds nothing offers the known word one edit away, from the
index's vocabulary or the court names, and the lookup stays cheap."""

import time

import pytest

from reports.search import backend as backend_module
from reports.search.indexing import get_backend
from reports.search.spelling import Speller, one_edit_apart
from tests.search_data import make_seed_reports, search

WORDS = [
    ("呼和浩特", 9),
    ("巴彦淖尔", 5),
    ("巴彦淖", 7),
    ("知识产权", 3),
    ("执行", 20),
    ("执法", 2),
]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("呼和浩持", ["呼和浩特"]),  # a homophone for one character
        ("呼和特浩", ["呼和浩特"]),  # two neighbours swapped
        ("知识产", ["知识产权"]),  # a character left out
        ("知识产权权", ["知识产权"]),  # one too many
        ("巴彦淖儿", ["巴彦淖尔", "巴彦淖"]),  # same length first, though 巴彦淖 is used more
        ("执形", ["执行", "执法"]),  # the most used first
        ("呼和浩特", []),  # a known word needs no correction
        ("量子计算", []),  # nothing close
        ("执", []),  # one character is no word
    ],
)
def test_speller_offers_words_one_edit_away(typed, expected):
    assert Speller(WORDS).correct(typed) == expected


@pytest.mark.parametrize(
    "a, b, close",
    [("法院", "法庭", True), ("法院", "院法", True), ("法院", "法", True), ("法院", "庭审", False),
     ("知识产权", "产权知识", False), ("法院", "法院", False)],
)  # fmt: skip
def test_one_edit_apart(a, b, close):
    assert one_edit_apart(a, b) is close
    assert one_edit_apart(b, a) is close


@pytest.fixture
def seeds(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_seed_reports()


@pytest.mark.parametrize(
    "typed, suggestion",
    [
        ("呼和浩持", "呼和浩特"),  # a word of the text
        ("知识产杈", "知识产权"),
        ("巴彦淖儿中院", "巴彦淖尔中院"),  # a court's short name
        ("知识产杈 呼和浩持", "知识产权 呼和浩特"),  # each word corrected
        ("司法保户", "司法保护"),  # a slip in one word of a compound
    ],
)
def test_nothing_found_offers_a_query_that_finds_something(seeds, typed, suggestion):
    page = search(q=typed)
    assert page.count == 0 and page.suggestion == suggestion
    assert search(q=suggestion).count > 0
    assert "q=" in page.suggestion_url


def test_no_suggestion_that_would_find_nothing_either(seeds):
    # Nothing close; a court without reports; a compound never written (not 量刑计算).
    for typed in ("量子计算", "呼伦贝尔中院", "量子计算机"):
        assert search(q=typed).suggestion == ""


def test_the_vocabulary_is_built_once_not_per_query(seeds, monkeypatch):
    """What keeps "did you mean" cheap (its cost is measured by benchmarks/run.py, the
    no-hits query): one vocabulary per index, looked up, never rebuilt per search."""
    from reports.search import backend as backend_module

    search(q="呼和浩持")  # the first lookup builds the vocabulary
    built = []
    original = backend_module.Speller
    monkeypatch.setattr(backend_module, "Speller", lambda words: built.append(1) or original(words))
    typed = ["知识产杈", "巴彦淖儿", "呼和浩持", "执形难", "量子计算", "status", "司法保户"]
    pages = [search(q=q) for q in typed * 2]
    assert built == []
    assert all(p.suggestion_ms > 0 for p in pages if not p.count)
    assert {p.suggestion for p in pages} >= {"呼和浩特", "巴彦淖尔"}


def test_vocabulary_follows_the_index(seeds, django_capture_on_commit_callbacks, monkeypatch):
    backend = get_backend()
    assert "呼和浩特" in backend.speller()
    assert not any(w.isdigit() for w in backend.speller().weight)  # numbers are no words
    from tests.factories import SectionFactory

    with django_capture_on_commit_callbacks(execute=True):
        SectionFactory(text="新设立的涉外商事法庭。")
    monkeypatch.setattr(backend_module, "SPELLER_MAX_AGE", 0)  # the minute has passed
    # The old vocabulary answers while the new one is built in the background.
    deadline = time.monotonic() + 10
    while "涉外" not in backend.speller() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "涉外" in backend.speller()


def test_threads_share_one_vocabulary(seeds):
    from concurrent.futures import ThreadPoolExecutor

    from haystack import connections

    first = get_backend().speller()

    def in_another_thread():
        connections.reload("default")  # each thread has its own backend
        return get_backend().speller()

    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(in_another_thread).result() is first
