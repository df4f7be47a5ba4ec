"""A bounded storm against gunicorn on a loopback port: N editors publishing and withdrawing
their reports in the admin, M readers searching, and a bulk ingest, all at once for a fixed
time. Then: no answer was a 5xx, no editor's last change was lost, and the index equals the
database (``build_index --check``).

    make reliability      # or: pytest tests/reliability -s
    PORTAL_STORM_EDITORS=4 PORTAL_STORM_SEARCHERS=8 PORTAL_STORM_SECONDS=120 make reliability
"""

import http.cookiejar
import json
import os
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from tests.operations.processes import ROOT, manage
from tests.operations.servers import deployment_env, gunicorn

pytestmark = pytest.mark.slow

EDITORS = int(os.environ.get("PORTAL_STORM_EDITORS", "3"))
SEARCHERS = int(os.environ.get("PORTAL_STORM_SEARCHERS", "4"))
SECONDS = float(os.environ.get("PORTAL_STORM_SECONDS", "30"))
BULK_FILES = int(os.environ.get("PORTAL_STORM_FILES", "12"))
PASSWORD = "storm-editor-password-7f"
QUERIES = ["知识产权", "执行", "呼和浩特中院 审结", '"司法保护"', "巴彦淖尔 -执行", "案件 OR 调解"]
DEMO = ROOT / "fixtures" / "demo"


def year_variants(name: str, years, folder: Path) -> list[Path]:
    """The demo report as if written for other years: distinct texts, same shape."""
    text = (DEMO / name).read_text(encoding="utf-8")
    original = re.search(r"_(\d{4})_", name).group(1)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for year in years:
        path = folder / f"{year}_{name}"
        path.write_text(text.replace(original, str(year)), encoding="utf-8")
        paths.append(path)
    return paths


class Session:
    """A browser-like client: cookies, CSRF token, statuses counted."""

    def __init__(self, base, statuses):
        self.base = base
        self.statuses = statuses
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=60) as response:
                status, content = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, content = error.code, error.read()
        self.statuses[status] += 1
        return status, content

    def csrf(self):
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def login(self, username):
        self.request("/admin/login/")
        status, _ = self.request(
            "/admin/login/?next=/admin/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
        )
        assert status == 302, f"{username} could not log in ({status})"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def guarded(target, errors):
    """A client thread whose crash fails the test instead of quietly making the storm smaller."""

    def run(*args):
        try:
            target(*args)
        except BaseException as error:  # noqa: BLE001
            errors.append(f"{target.__name__}: {error!r}")

    return run


def editor(base, username, report_id, stop, statuses, last):
    """Publish and withdraw one report until told to stop; remembers the last change the
    server acknowledged."""
    session = Session(base, statuses)
    session.login(username)
    publish = False
    while not stop.is_set():
        action = "publish" if publish else "unpublish"
        status, _ = session.request(
            "/admin/reports/report/",
            {"action": action, "_selected_action": [report_id], "index": 0,
             "select_across": 0, "csrfmiddlewaretoken": session.csrf()},
        )  # fmt: skip
        if status == 302:
            last[report_id] = "published" if publish else "draft"
        publish = not publish
        time.sleep(random.uniform(0.05, 0.3))


def searcher(base, stop, statuses):
    session = Session(base, statuses)
    while not stop.is_set():
        q = urllib.parse.quote(random.choice(QUERIES))
        path = random.choice(
            [f"/search/?q={q}", f"/api/search?q={q}", f"/api/suggest?q={urllib.parse.quote('呼')}"]
        )
        session.request(path)


def db_statuses(env):
    code = "import json; from reports.models import Report; print(json.dumps(dict(Report.objects.values_list('pk', 'status'))))"
    result = manage("shell", "-c", code, env=env, check=True)
    return {int(k): v for k, v in json.loads(result.stdout.strip().splitlines()[-1]).items()}


def server_errors(log: Path) -> str:
    """The server's log from its first error on: what a failed storm needs to be read."""
    text = log.read_text(encoding="utf-8", errors="replace")
    first = re.search(r"^(Internal Server Error|Traceback|\[ERROR\])", text, re.M)
    return text[first.start() if first else 0 :][:6000]


def test_storm_loses_nothing(deployment, tmp_path, capsys):
    env = deployment_env(deployment, PORTAL_SEARCH_RATE="0")
    owned = year_variants(
        "hohhot_zy_2023_review.txt", range(2001, 2001 + EDITORS), tmp_path / "own"
    )
    result = manage("ingest", *map(str, owned), "--publish", "--json", env=env, check=True)
    report_ids = [entry["report_id"] for entry in json.loads(result.stdout)]
    users = [f"editor{i}" for i in range(EDITORS)]
    for username in users:
        manage(
            "createsuperuser", "--noinput", "--username", username, "--email", f"{username}@example.com",
            env={**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD}, check=True,
        )  # fmt: skip
    bulk = year_variants(
        "bayannur_zy_2025_review.txt", range(1990, 1990 + BULK_FILES), tmp_path / "bulk"
    )

    statuses: Counter = Counter()
    last: dict[int, str] = {}
    stop = threading.Event()
    errors: list[str] = []
    with gunicorn(deployment, workers=2, threads=2, env=env) as base:
        log = sorted(deployment.glob("gunicorn-*.log"))[-1]
        threads = [
            threading.Thread(target=editor, args=(base, u, r, stop, statuses, last))
            for u, r in zip(users, report_ids, strict=True)
        ] + [
            threading.Thread(target=searcher, args=(base, stop, statuses)) for _ in range(SEARCHERS)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        ingest = manage("ingest", *map(str, bulk), "--publish", "--json", env=env, timeout=600)
        time.sleep(max(0.0, SECONDS - (time.monotonic() - started)))
        stop.set()
        for thread in threads:
            thread.join(120)
        duration = time.monotonic() - started
        time.sleep(2)  # index writes handed to a worker's background writer

    served = sum(statuses.values())
    with capsys.disabled():
        print(
            f"\nstorm: {EDITORS} editors, {SEARCHERS} searchers, bulk ingest of {BULK_FILES} "
            f"files, {duration:.0f} s, {served} requests served ({served / duration:.1f}/s), "
            f"statuses {dict(sorted(statuses.items()))}"
        )
    assert errors == []
    assert ingest.returncode == 0, ingest.stderr[-2000:]
    created = json.loads(ingest.stdout)
    assert [e["status"] for e in created] == ["created"] * BULK_FILES
    assert not [s for s in statuses if s >= 500], (statuses, server_errors(log))
    assert statuses[302] >= EDITORS * 3  # every editor got changes through
    now = db_statuses(env)
    assert {pk: now[pk] for pk in last} == last  # no acknowledged change lost
    check = manage("build_index", "--check", env=env)
    assert check.returncode == 0, check.stderr
