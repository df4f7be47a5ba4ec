"""The measured steps. Django must be set up (``run.py`` does it) before this is imported.

Every step returns plain dicts of numbers (seconds, counts, bytes) for ``report.py``.
"""

from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

from django.core.management import call_command
from django.db.models.signals import post_delete, post_save
from django.test import Client
from haystack.query import SearchQuerySet

from benchmarks.stats import summarize
from benchmarks.stock import ALIAS as STOCK
from reports.forms import SearchForm
from reports.ingest.parse import parse_report
from reports.loading.load import load_report, set_published
from reports.models import Report, Section
from reports.search import signals, storage
from reports.search.indexing import get_backend
from reports.search.labels import FACET_FIELDS
from reports.search.page import search

PER_PAGE = 10


def dir_size(path) -> int:
    path = Path(os.path.realpath(path))
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --- parsing ----------------------------------------------------------------------------


def measure_parse(paths, courts, repeat: int) -> dict:
    """chars/s of ``parse_report`` per real text: the median of ``repeat`` runs after one
    warm-up (the first call loads OpenCC tables and compiles patterns)."""
    per_file = []
    for path in paths:
        data = path.read_bytes()
        chars = len(data.decode("utf-8", errors="replace"))
        parse_report(data, path.name, courts)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            parse_report(data, path.name, courts)
            times.append(time.perf_counter() - started)
        stats = summarize(times)
        per_file.append({"file": path.name, "chars": chars, **stats})
    rates = [f["chars"] / f["median"] for f in per_file]
    total = sum(f["chars"] for f in per_file) / sum(f["median"] for f in per_file)
    return {
        "files": per_file,
        "chars_per_s": summarize(rates)["median"],
        "chars_per_s_overall": total,
    }


# --- loading ----------------------------------------------------------------------------

RECEIVERS = (
    (post_save, Report, signals.report_changed, "search_report_saved"),
    (post_delete, Report, signals.report_changed, "search_report_deleted"),
    (post_save, Section, signals.section_changed, "search_section_saved"),
    (post_delete, Section, signals.section_changed, "search_section_deleted"),
)


@contextmanager
def index_sync_off():
    """``load_report`` without the after-commit index sync; ``build_index`` indexes later."""
    for signal, sender, _, uid in RECEIVERS:
        signal.disconnect(sender=sender, dispatch_uid=uid)
    try:
        yield
    finally:
        for signal, sender, receiver, uid in RECEIVERS:
            signal.connect(receiver, sender=sender, dispatch_uid=uid)


def measure_load(reports, slugs: dict[str, str], batch: bool = False) -> dict:
    """Each ParsedReport through ``load_report(publish=True)`` with its text as the original
    file, as an upload would; per-report seconds. ``batch``: inside ``signals.batched()``, as
    ``manage.py ingest`` loads a folder (the index commits a batch at a time; the last one's
    time is in the total)."""
    began = time.perf_counter()
    with signals.batched() if batch else nullcontext():
        times, sections, chars, ids = _load_each(reports, slugs)
    started = time.perf_counter()
    if not signals.wait_for_index(600):
        raise RuntimeError("index updates still queued after 600 s")
    drained = time.perf_counter() - started
    # Batched, the commits happen between the loads and at the block's end: the whole span.
    total = (time.perf_counter() - began) if batch else sum(times) + drained
    return {
        "reports": len(times),
        "sections": sections,
        "chars": chars,
        "seconds": total,
        "per_report": summarize(times),
        "reports_per_s": len(times) / total if total else 0.0,
        "sections_per_s": sections / total if total else 0.0,
        "chars_per_s": chars / total if total else 0.0,
        "ids": ids,
        "times": times,
    }


def _load_each(reports, slugs) -> tuple[list[float], int, int, list[int]]:
    times, sections, chars, ids = [], 0, 0, []
    for parsed in reports:
        name = f"{slugs.get(parsed.court_name, 'court')}-{parsed.year}.txt"
        original = (parsed.text.encode("utf-8"), name)
        started = time.perf_counter()
        result = load_report(parsed, original=original, publish=True)
        times.append(time.perf_counter() - started)
        if result.status != "created":
            raise RuntimeError(f"{name}: {result.status}, expected created")
        ids.append(result.report.pk)
        sections += len(parsed.sections)
        chars += len(parsed.text)
    return times, sections, chars, ids


# --- indexing ---------------------------------------------------------------------------


def measure_build_index() -> dict:
    from reports.search.indexing import build_index

    started = time.perf_counter()
    processes = build_index().processes  # what `manage.py build_index` runs
    seconds = time.perf_counter() - started
    backend = get_backend()
    documents = storage.read_meta(backend.generation).get("documents", 0)
    return {
        "seconds": seconds,
        "sections": documents,
        "sections_per_s": documents / seconds,
        "processes": processes,
        "bytes": dir_size(backend.path),
    }


def measure_jieba_pass() -> dict:
    """The floor a build is held against: jieba alone over every published section's heading
    and text, on one core, with the project's dictionary (what the index's words come from)."""
    from reports.models import Section
    from reports.search.analysis import get_dictionary

    dictionary = get_dictionary()
    dictionary.cut("预热")  # jieba builds its prefix dictionary on the first cut
    texts = [
        f"{heading}\n{text}"
        for heading, text in Section.objects.published().values_list("heading", "text")
    ]
    started = time.perf_counter()
    for text in texts:
        dictionary.cut(text)
    seconds = time.perf_counter() - started
    chars = sum(map(len, texts))
    return {"seconds": seconds, "chars": chars, "chars_per_s": chars / seconds}


def measure_stock_index(path: str) -> dict:
    started = time.perf_counter()
    call_command("update_index", "--using", STOCK, "--batch-size", "500", verbosity=0)
    seconds = time.perf_counter() - started
    documents = SearchQuerySet(using=STOCK).models(Section).auto_query("法院").count()
    sections = Section.objects.published().count()
    return {
        "seconds": seconds,
        "sections": sections,
        "sections_per_s": sections / seconds,
        "bytes": dir_size(path),
        "documents_matching_法院": documents,
    }


# --- searching --------------------------------------------------------------------------


def search_form(query):
    """The engine layer's page, as the views build it (no HTTP, no template)."""
    return search(SearchForm(dict(query.params)).search_request()).count


def search_old(query):
    """The same page through the search path before the engine layer (``legacy``)."""
    from benchmarks.legacy import LegacyEngine

    return search(SearchForm(dict(query.params)).search_request(), engine=LegacyEngine()).count


def search_icontains(query):
    """No search engine: Django's ``icontains`` over every published section for each word
    (a phrase as written, exclusions excluded, the query's filters as joins), the count and
    the first page. No facets, no ranking: a floor, not an equal."""
    from django.db.models import Q

    request = SearchForm(dict(query.params)).search_request()
    sections = Section.objects.published()
    for clause in request.query.must:
        either = Q()
        for word in clause.words:
            either |= Q(text__icontains=word.text)
        sections = sections.filter(either)
    for word in request.query.must_not:
        sections = sections.exclude(text__icontains=word.text)
    lookups = {"court": "report__court__name", "year": "report__year"}
    for field, values in request.filters.items():
        if field in lookups:
            sections = sections.filter(**{f"{lookups[field]}__in": values})
    count = sections.count()
    start = (query.page - 1) * PER_PAGE
    list(
        sections.order_by("-report__year", "pk").values_list("pk", flat=True)[
            start : start + PER_PAGE
        ]
    )
    return count


def search_page(client: Client, query):
    response = client.get("/search/", query.params)
    if response.status_code != 200:
        raise RuntimeError(f"/search/ {query.params}: HTTP {response.status_code}")
    return None


def search_api(client: Client, query):
    response = client.get("/api/search", query.params)
    if response.status_code != 200:
        raise RuntimeError(f"/api/search {query.params}: HTTP {response.status_code}")
    return response.json()["count"]


def search_stock(query):
    """What the stock build answers: auto_query, facet clicks as narrow(), six facets, the
    page's ten stored results (not ``result.object``: no database reads)."""
    sqs = SearchQuerySet(using=STOCK).models(Section)
    sqs = sqs.all() if query.stock_q is None else sqs.auto_query(query.stock_q)
    for field, value in query.stock_narrow.items():
        sqs = sqs.narrow(f'{field}:"{value}"')
    for field in FACET_FIELDS:
        sqs = sqs.facet(field)
    start = (query.page - 1) * PER_PAGE
    [r.pk for r in sqs[start : start + PER_PAGE]]
    sqs.facet_counts()
    return sqs.count()


def measure_searches(queries, repeat: int, paths=("form", "page", "api", "stock")) -> dict:
    """Median and p90 per query and path. Rounds interleave every query and path, so the
    machine's noise falls on all of them alike; round 0 warms caches and is not counted
    (its first call per path is kept as ``cold``)."""
    client = Client()
    runners = {
        "form": search_form,
        "old": search_old,
        "icontains": search_icontains,
        "page": lambda q: search_page(client, q),
        "api": lambda q: search_api(client, q),
        "stock": search_stock,
    }
    samples = {path: {q.name: [] for q in queries} for path in paths}
    counts = {path: {} for path in paths}
    errors = {path: {} for path in paths}
    cold = {}
    for round_number in range(repeat + 1):
        for query in queries:
            for path in paths:
                started = time.perf_counter()
                try:
                    count = runners[path](query)
                except Exception as exc:  # one broken path must not lose the whole run
                    errors[path][query.name] = f"{type(exc).__name__}: {exc}"[:300]
                    continue
                elapsed = time.perf_counter() - started
                cold.setdefault(path, elapsed)
                if round_number:
                    samples[path][query.name].append(elapsed)
                if count is not None:
                    counts[path][query.name] = count
    return {
        path: {
            "cold": cold.get(path, 0.0),
            "queries": {
                q.name: {
                    **summarize(samples[path][q.name]),
                    "count": counts[path].get(q.name),
                    **({"error": errors[path][q.name]} if q.name in errors[path] else {}),
                }
                for q in queries
            },
        }
        for path in paths
    }


# --- publishing -------------------------------------------------------------------------


def indexed_sections(report_id: int) -> int:
    """Sections of the report in the index itself (the legacy backend search: no mask)."""
    backend = get_backend()
    return backend.search(backend.compile_filter("report_id", [report_id]), end_offset=1)["hits"]


def visible_sections(report_id: int) -> int:
    """Sections of the report that a search counts: what readers see (the engine masks a
    withdrawal out of counts and facets before the index has heard of it)."""
    from reports.search.engine import get_engine
    from reports.search.query import parse_query

    return get_engine().count(parse_query(""), {"report_id": [str(report_id)]})


def wait_until(
    report_id: int, expected: int, timeout: float = 60.0, seen=visible_sections
) -> float:
    """Seconds until ``seen`` counts ``expected`` sections of the report."""
    started = time.perf_counter()
    while seen(report_id) != expected:
        if time.perf_counter() - started > timeout:
            raise RuntimeError(f"report {report_id}: search did not reach {expected} sections")
        time.sleep(0.005)
    return time.perf_counter() - started


def toggle(report_id: int, published: bool) -> tuple[float, float, float]:
    """(seconds the save took, seconds until a search reflects it, seconds until the index
    itself does), each counted from the save."""
    report = Report.objects.get(pk=report_id)
    expected = report.sections.count() if published else 0
    started = time.perf_counter()
    set_published(report, published)
    saved = time.perf_counter() - started
    wait_until(report_id, expected)
    seen = time.perf_counter() - started
    wait_until(report_id, expected, seen=indexed_sections)
    return saved, seen, time.perf_counter() - started


def measure_publish(report_ids, cycles: int, hold: float = 1.0) -> dict:
    """Unpublish → republish latency, free lock; then one unpublish while another writer
    holds the index lock for ``hold`` s (the save hands over to the background writer)."""
    unpublish, publish, saves, unindexed, indexed = [], [], [], [], []
    for report_id in (report_ids * cycles)[:cycles]:
        saved, seen, in_index = toggle(report_id, False)
        unpublish.append(seen)
        unindexed.append(in_index)
        saves.append(saved)
        saved, seen, in_index = toggle(report_id, True)
        publish.append(seen)
        indexed.append(in_index)
        saves.append(saved)
    contended = []
    for report_id in report_ids[: max(1, min(3, cycles))]:
        contended.append(_contended(report_id, hold))
        toggle(report_id, True)
    return {
        "unpublish_visible": summarize(unpublish),
        "publish_visible": summarize(publish),
        "unpublish_indexed": summarize(unindexed),
        "publish_indexed": summarize(indexed),
        "save": summarize(saves),
        "contended_hold_s": hold,
        "contended_save": summarize([c[0] for c in contended]),
        "contended_after_release": summarize([c[1] for c in contended]),
    }


def _contended(report_id: int, hold: float) -> tuple[float, float]:
    path = get_backend().path
    holding, released = threading.Event(), {}

    def hold_lock():
        with storage.write_lock(path):
            holding.set()
            time.sleep(hold)
            released["at"] = time.perf_counter()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    holding.wait()
    report = Report.objects.get(pk=report_id)
    started = time.perf_counter()
    set_published(report, False)
    saved = time.perf_counter() - started
    wait_until(report_id, 0, seen=indexed_sections)
    seen = time.perf_counter()
    holder.join()
    return saved, seen - released["at"]
