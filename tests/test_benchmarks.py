"""The benchmark harness keeps working: its corpus is sound and a tiny run completes.

The run is a subprocess: the harness sets up Django itself, with its own data directory.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import load_courts, parse_sources, source_paths, substitute, synthesize
from benchmarks.report import NATIONAL, extrapolate

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus():
    courts = load_courts()
    sources = parse_sources(source_paths(), courts)
    return courts, sources, list(synthesize(sources, courts, 24, seed=7))


def test_synthetic_reports_have_the_national_shape(corpus):
    _, sources, reports = corpus
    assert len(sources.paragraphs) > 50  # the real texts, cut into paragraphs
    sections = [len(r.sections) for r in reports]
    chars = [len(r.text) for r in reports]
    assert 10 <= min(sections) and max(sections) <= 18
    assert 7_000 < sum(chars) / len(chars) < 14_000  # 350 M characters / 35,000 reports
    # Each court has consecutive years, the anchor courts come first.
    assert [r.court_name for r in reports[:10]] == ["呼和浩特市中级人民法院"] * 10
    assert [r.year for r in reports[:10]] == list(range(2016, 2026))


def test_metrics_and_initiatives_point_at_their_text(corpus):
    _, _, reports = corpus
    for report in reports:
        for metric in report.metrics:
            assert report.text[metric.start : metric.end] == metric.raw, metric
        for initiative in report.initiatives:
            # Names may have been renamed with the court; the span still holds the text.
            assert initiative.end > initiative.start
            assert report.text[initiative.start : initiative.end].strip()
        section_texts = [s.text for s in report.sections]
        assert all(text in report.text for text in section_texts)


def test_the_same_seed_gives_the_same_corpus(corpus):
    courts, sources, reports = corpus
    again = list(synthesize(sources, courts, 24, seed=7))
    assert [r.content_hash for r in again] == [r.content_hash for r in reports]
    other = list(synthesize(sources, courts, 24, seed=8))
    assert [r.content_hash for r in other] != [r.content_hash for r in reports]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("呼和浩特市中级人民法院2023年审结", "巴彦淖尔市中级人民法院2019年审结"),
        ("呼市中院在呼和浩特召开", "巴彦淖尔中院在巴彦淖尔召开"),
        ("内蒙古自治区法院", "内蒙古自治区法院"),  # same province: unchanged
    ],
)
def test_court_names_and_year_follow_the_synthetic_report(corpus, text, expected):
    courts = {c.name: c for c in corpus[0]}
    hohhot, bayannur = courts["呼和浩特市中级人民法院"], courts["巴彦淖尔市中级人民法院"]
    new, shift = substitute(text, hohhot, bayannur, 2023, 2019)
    assert new == expected
    assert new[shift(len(text) - 2) :] == text[-2:]  # an offset after the names moves along


def fake_result(mid_seconds, full_seconds):
    """A run of 1,000 then 2,000 sections where one query took ``mid``/``full`` seconds."""
    load = {"reports_per_s": 10.0}
    return {
        "corpus": {"reports": 100, "sections": 2000, "chars": 1_400_000},
        "load": {"bulk": load, "with_index_sync": load},
        "build_index": {"sections": 2000, "seconds": 20.0},
        "sizes": {"index_bytes": 2000 * 1000, "database_bytes": 100 * 5000},
        "midpoint": {
            "corpus": {"sections": 1000},
            "build_index": {"sections": 1000, "seconds": 10.0},
            "search": {"form": {"queries": {"q": {"median": mid_seconds}}}},
        },
        "search": {"form": {"queries": {"q": {"median": full_seconds}}}},
    }


@pytest.mark.parametrize(
    "mid, full, national_ms",
    [
        (0.05, 0.10, 0.10 * NATIONAL["sections"] / 2000 * 1000),  # grows with the corpus
        (0.10, 0.10, 100.0),  # constant: a court's ten reports
        (0.12, 0.10, 100.0),  # noise never extrapolates below the measured figure
        (0.02, 0.10, 0.10 * NATIONAL["sections"] / 2000 * 1000),  # nor above proportional
    ],
)
def test_extrapolation_follows_each_query_through_both_sizes(mid, full, national_ms):
    estimate = extrapolate(fake_result(mid, full))
    assert estimate["search_ms"]["q"] == pytest.approx(national_ms)
    assert estimate["build_index_s"] == pytest.approx(20.0 * NATIONAL["sections"] / 2000)
    assert estimate["index_bytes"] == pytest.approx(1000 * NATIONAL["sections"])
    assert estimate["load_hours"] == pytest.approx(NATIONAL["reports"] / 10 / 3600)


@pytest.mark.slow
def test_a_tiny_run_measures_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    data = tmp_path / "data"
    completed = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--reports", "8", "--repeat", "1"]
        + ["--publish-cycles", "1", "--no-midpoint", "--data-dir", str(data), "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "| query | hits |" in completed.stdout
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["corpus"]["reports"] == 8
    assert result["build_index"]["sections"] > 0
    # The sample of 2: one loaded with a commit of its own, one as a folder ingest batches it.
    assert result["load"]["with_index_sync"]["reports"] == 1
    assert result["load"]["batched_index_sync"]["reports"] == 1
    assert result["load"]["batched_index_sync"]["chars_per_s"] > 0
    assert result["publish"]["publish_indexed"]["n"] == 1
    form = result["search"]["form"]["queries"]
    stock = result["search"]["stock"]["queries"]
    # What the portal fixes over the stock build, visible in the result counts.
    assert form["place 呼和浩特"]["count"] > 0
    assert form['phrase "司法 保护"']["count"] > 0
    assert form["browse: match-all + 6 facets"]["count"] == result["corpus"]["sections"]
    assert stock["browse: match-all + 6 facets"]["count"] == 0
    assert result["publish"]["unpublish_visible"]["n"] == 1
    assert result["extrapolation"]["search_ms"]
    assert result["jieba_pass"]["chars"] > 0
    failed = {
        (path, name): found["error"]
        for path, measured in result["search"].items()
        for name, found in measured["queries"].items()
        if "error" in found
    }
    assert not failed  # a path that raises is no figure
    assert not data.exists()  # the data directory is removed after the run
