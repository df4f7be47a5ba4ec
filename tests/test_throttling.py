"""PORTAL_SEARCH_RATE: each client's requests to /search/ and /api/ are counted in the shared
cache; past the rate the answer is HTTP 429 with Retry-After, in Chinese and English."""

import json
import time

import pytest
from django_ratelimit import core as ratelimit_core

pytestmark = pytest.mark.django_db


@pytest.fixture
def rate(settings, monkeypatch):
    settings.PORTAL_SEARCH_RATE = "5/m"
    # django-ratelimit's windows are fixed (epoch-aligned, with a per-client jitter): a burst that
    # crosses a window's end starts a new count, which a slow first search can make happen. The
    # window is held still for the burst.
    start = int(time.time())
    monkeypatch.setattr(ratelimit_core, "_get_window", lambda value, period: start + period)
    return settings


def burst(client, path, n, **extra):
    return [client.get(path, **extra) for _ in range(n)]


def test_the_api_answers_429_in_json_past_the_rate(client, rate):
    answers = burst(client, "/api/search?q=法院", 6)
    assert [a.status_code for a in answers] == [200] * 5 + [429]
    refused = answers[-1]
    assert refused["Content-Type"].startswith("application/json")
    error = json.loads(refused.content)["error"]
    assert "请求过于频繁" in error and "too many requests" in error
    assert 1 <= int(refused["Retry-After"]) <= 60


def test_the_search_page_answers_429_with_a_page(client, rate):
    answers = burst(client, "/search/?q=法院", 6)
    assert [a.status_code for a in answers] == [200] * 5 + [429]
    page = answers[-1].content.decode()
    assert "请求过于频繁" in page and "too many requests" in page
    assert answers[-1].has_header("Retry-After")


def test_search_and_api_share_one_allowance_per_client(client, rate):
    burst(client, "/search/?q=法院", 3)
    burst(client, "/api/suggest?q=呼", 2)
    assert client.get("/api/courts").status_code == 429
    # Another client is not held back, nor are the other pages.
    assert client.get("/api/courts", REMOTE_ADDR="10.0.0.9").status_code == 200
    assert client.get("/courts/").status_code == 200


def test_a_per_second_rate(client, settings):
    settings.PORTAL_SEARCH_RATE = "2/s"
    for _ in range(50):  # a loaded machine may spread the first few over two seconds
        answer = client.get("/api/suggest?q=呼")
        if answer.status_code == 429:
            break
    assert answer.status_code == 429
    assert answer["Retry-After"] == "1"


def test_no_rate_no_limit(client, settings):
    settings.PORTAL_SEARCH_RATE = None
    assert {a.status_code for a in burst(client, "/api/suggest?q=呼", 40)} == {200}


def test_behind_a_proxy_clients_are_told_apart_by_x_forwarded_for(client, rate):
    rate.PORTAL_PROXY_COUNT = 1
    first = burst(client, "/api/suggest", 6, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert first[-1].status_code == 429
    # Same proxy address, another client; a forged leading entry changes nothing.
    other = client.get("/api/suggest", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.8")
    assert other.status_code == 200
    forged = client.get("/api/suggest", HTTP_X_FORWARDED_FOR="198.51.100.2, 203.0.113.7")
    assert forged.status_code == 429
