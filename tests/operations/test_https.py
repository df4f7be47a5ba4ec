"""PORTAL_HTTPS=1: HSTS, secure cookies, HTTP redirected to HTTPS; every answer carries the
Content-Security-Policy. Settings are read at start-up, so each case is a fresh process."""

import json

import pytest

from tests.operations.processes import manage, portal_env

KEY = "https-tests-only-" + "h" * 40
PROBE = """
import json
from django.conf import settings
from django.test import Client
client = Client()
plain = client.get("/static/css/portal.css")
secure = client.get("/static/css/portal.css", secure=True)
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location", ""),
    "hsts": secure.headers.get("Strict-Transport-Security", ""),
    "csp": secure.headers.get("Content-Security-Policy", ""),
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
}))
"""
HTTPS_WARNINGS = ["security.W004", "security.W008", "security.W012", "security.W016"]


def probe(tmp_path, **env):
    result = manage("shell", "-c", PROBE, env=portal_env(tmp_path, PORTAL_SECRET_KEY=KEY, **env))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_https_turns_on_hsts_secure_cookies_and_the_redirect(tmp_path):
    seen = probe(tmp_path, PORTAL_HTTPS="1", PORTAL_HSTS_SECONDS="600")
    assert seen["plain_status"] == 301
    assert seen["plain_location"].startswith("https://")
    assert seen["hsts"] == "max-age=600"
    assert seen["session_secure"] and seen["csrf_secure"]
    assert "script-src 'self'" in seen["csp"]


def test_plain_http_sends_no_hsts(tmp_path):
    seen = probe(tmp_path)
    assert seen["plain_status"] == 200 and seen["hsts"] == ""
    assert not seen["session_secure"]
    assert "default-src 'self'" in seen["csp"]


@pytest.mark.parametrize("https, expected", [("1", []), ("", HTTPS_WARNINGS)])
def test_check_deploy_sees_the_https_settings(tmp_path, https, expected):
    env = portal_env(tmp_path, PORTAL_SECRET_KEY=KEY, PORTAL_HTTPS=https)
    output = manage("check", "--deploy", env=env).stderr
    assert [w for w in HTTPS_WARNINGS if w in output] == expected
