"""The shared cache behind suggestions and court names: configured by PORTAL_CACHE_URL, and a
cache that fails never fails a page."""

import pytest
from django.core.cache.backends.base import BaseCache

from portal.settings import DATA_DIR, cache_from_url
from reports.search import content_cache
from reports.search.autocomplete import completer
from tests.sample import build_sample, index_sample


@pytest.mark.parametrize(
    "url, backend, location",
    [
        ("", "filebased.FileBasedCache", str(DATA_DIR / "cache")),
        ("redis://cache:6379/0", "redis.RedisCache", "redis://cache:6379/0"),
        ("memcached://cache:11211", "memcached.PyMemcacheCache", "cache:11211"),
        ("db://portal_cache", "db.DatabaseCache", "portal_cache"),
    ],
)
def test_cache_urls(url, backend, location):
    config = cache_from_url(url)
    assert config["BACKEND"] == f"django.core.cache.backends.{backend}"
    assert config["LOCATION"] == location


def test_an_unknown_cache_is_refused_at_start_up():
    with pytest.raises(ValueError, match="PORTAL_CACHE_URL"):
        cache_from_url("mongodb://cache")


class BrokenCache(BaseCache):
    """A cache server that is down."""

    def __init__(self, location, params):
        super().__init__(params)

    def get(self, *args, **kwargs):
        raise ConnectionError("cache down")

    add = set = delete = get


@pytest.mark.django_db(transaction=True)
def test_pages_and_suggestions_work_while_the_cache_is_down(client, settings):
    build_sample()
    index_sample()
    settings.CACHES = {"default": {"BACKEND": "tests.test_content_cache.BrokenCache"}}
    settings.PORTAL_SEARCH_RATE = "100/m"  # not applied without a cache: readers get through
    assert content_cache.content_version().startswith("time-")
    assert "呼和浩特市中级人民法院" in [e.value for e in completer().complete("呼")]
    assert client.get("/search/?q=知识产权").status_code == 200
    assert client.get("/api/suggest?q=呼").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_one_process_sees_its_own_changes_at_once():
    sample = build_sample()
    index_sample()
    assert "包头市中级人民法院" not in [e.value for e in completer().complete("包头")]
    report = sample.baotou.reports.get()
    report.status = "published"
    report.save()  # committed at once (no test transaction here)
    assert "包头市中级人民法院" in [e.value for e in completer().complete("包头")]
