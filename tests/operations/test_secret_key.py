"""Contract — operations: with PORTAL_DEBUG off and no PORTAL_SECRET_KEY the portal refuses
to serve, and ``check --deploy`` fails naming the variable."""

import subprocess
import sys

from tests.operations.processes import ROOT, manage, portal_env


def test_check_deploy_fails_naming_the_variable_without_a_key(tmp_path):
    result = manage("check", "--deploy", env=portal_env(tmp_path, PORTAL_SECRET_KEY=None))
    assert result.returncode != 0
    assert "portal.E001" in result.stderr
    assert "PORTAL_SECRET_KEY" in result.stderr


def test_check_deploy_passes_the_key_check_with_a_key(tmp_path):
    env = portal_env(tmp_path, PORTAL_SECRET_KEY="k" * 20 + "-a-long-random-production-key-9f3")
    result = manage("check", "--deploy", env=env)
    assert "portal.E001" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stderr


def test_debug_mode_may_use_the_development_key(tmp_path):
    env = portal_env(tmp_path, PORTAL_SECRET_KEY=None, PORTAL_DEBUG="1")
    result = manage("check", "--deploy", env=env)
    assert "portal.E001" not in result.stdout + result.stderr


def wsgi_start(env):
    return subprocess.run(
        [sys.executable, "-c", "import portal.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_server_refuses_to_start_on_the_development_key(tmp_path):
    result = wsgi_start(portal_env(tmp_path, PORTAL_SECRET_KEY=None))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "PORTAL_SECRET_KEY" in result.stderr


def test_the_server_starts_with_a_key(tmp_path):
    result = wsgi_start(portal_env(tmp_path, PORTAL_SECRET_KEY="a-real-key-" + "x" * 40))
    assert result.returncode == 0, result.stderr
