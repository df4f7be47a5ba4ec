"""Suggestions and court offers agree across server processes: a withdrawn report's names
leave /api/suggest, the search box's list and the "只看 某某法院" offer of every worker
within 2 s, and come back when it is published again."""

import time
from urllib.parse import quote

import pytest

from tests.operations.processes import manage
from tests.operations.servers import deployment_env, get, get_json, gunicorn

pytestmark = pytest.mark.slow

HOHHOT_INITIATIVE = "《呼和浩特市毒品案件证据标准》"
BAYANNUR = "巴彦淖尔市中级人民法院"
WITHIN = 2.0


def set_status(env, court, status):
    code = (
        "from reports.models import Report; "
        f"r = Report.objects.get(court__name={court!r}); r.status = {status!r}; r.save()"
    )
    manage("shell", "-c", code, env=env, check=True)


def suggested(base, typed):
    found = get_json(f"{base}/api/suggest?q={quote(typed)}")["suggestions"]
    return [s["value"] for s in found]


def datalist(base):
    status, _, body = get(f"{base}/search/")
    assert status == 200
    return body.decode()


def offers(base):
    found = get_json(f"{base}/api/search?q={quote('巴彦淖尔中院 执行')}")["offers"]
    return [o["label"] for o in found]


def on_every_worker(bases, seen, expected):
    """Seconds until ``seen(base) == expected`` on every server (fails past WITHIN)."""
    started = time.monotonic()
    while True:
        results = [seen(base) for base in bases]
        if all(r == expected for r in results):
            return time.monotonic() - started
        assert time.monotonic() - started < WITHIN, results
        time.sleep(0.1)


def test_withdrawal_and_publication_reach_every_worker(deployment, capsys):
    env = deployment_env(deployment)
    with gunicorn(deployment) as first, gunicorn(deployment) as second:
        bases = [first, second]
        # Both processes have built their suggestions and court names before the change.
        for base in bases:
            assert HOHHOT_INITIATIVE in suggested(base, "呼和浩特市毒品")
            assert HOHHOT_INITIATIVE in datalist(base)
            assert f"只看 {BAYANNUR}" in offers(base)

        set_status(env, "呼和浩特市中级人民法院", "draft")
        set_status(env, BAYANNUR, "draft")
        seconds = [
            on_every_worker(
                bases, lambda b: HOHHOT_INITIATIVE in suggested(b, "呼和浩特市毒品"), False
            ),
            on_every_worker(bases, lambda b: HOHHOT_INITIATIVE in datalist(b), False),
            on_every_worker(bases, lambda b: f"只看 {BAYANNUR}" in offers(b), False),
        ]
        set_status(env, "呼和浩特市中级人民法院", "published")
        set_status(env, BAYANNUR, "published")
        seconds += [
            on_every_worker(
                bases, lambda b: HOHHOT_INITIATIVE in suggested(b, "呼和浩特市毒品"), True
            ),
            on_every_worker(bases, lambda b: f"只看 {BAYANNUR}" in offers(b), True),
        ]
    with capsys.disabled():
        print(f"\nchanges seen by both servers after {max(seconds):.2f} s at most")
