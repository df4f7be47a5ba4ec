"""Backup and restore: dump the database and the uploaded files, restore into an empty data
directory, rebuild the index — and the portal serves the same reports, corrections and
history."""

import json

import pytest

from tests.operations.processes import manage
from tests.operations.servers import deployment_env

pytestmark = pytest.mark.slow

CORRECT = """
from reports.models import Metric, Initiative
metric = Metric.objects.filter(report__court__name="呼和浩特市中级人民法院").order_by("pk").first()
metric.value = 331
metric.verified = True
metric._change_reason = "审核队列：更正"
metric.save()
initiative = Initiative.objects.order_by("pk").first()
initiative.name = initiative.canonical_name = "更正后的举措名称"
initiative.save()
"""

SNAPSHOT = """
import hashlib, json
from django.test import Client
from reports.models import Metric, Report
client = Client()
reports = {}
for report in Report.objects.order_by("pk"):
    page = client.get(f"/api/reports/{report.pk}")
    original = report.original_file.read() if report.original_file else b""
    reports[report.pk] = {
        "api": json.loads(page.content),
        "page": client.get(report.get_absolute_url()).status_code,
        "original": hashlib.sha256(original).hexdigest(),
        "history": [(h.history_type, h.title, h.status) for h in report.history.order_by("history_id")],
    }
search = json.loads(client.get("/api/search", {"q": "知识产权"}).content)
print(json.dumps({
    "reports": reports,
    "search": [(r["section_id"], r["snippet"]) for r in search["results"]],
    "count": search["count"],
    "metric_history": [
        (h.id, h.value and str(h.value), h.verified, h.history_change_reason)
        for h in Metric.history.order_by("history_id")
    ],
    "suggest": json.loads(client.get("/api/suggest", {"q": "更正后"}).content)["suggestions"],
}, ensure_ascii=False, default=str))
"""


def snapshot(env):
    result = manage("shell", "-c", SNAPSHOT, env=env, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_restored_data_directory_serves_the_same_portal(deployment, tmp_path):
    env = deployment_env(deployment)
    manage("shell", "-c", CORRECT, env=env, check=True)
    before = snapshot(env)
    assert before["count"] > 0 and before["suggest"]
    assert any(h[3] == "审核队列：更正" for h in before["metric_history"])
    assert all(r["original"] != "e3b0c442" + "" for r in before["reports"].values())

    backup = tmp_path / "portal.tar.gz"
    result = manage("backup", str(backup), env=env, check=True)
    assert "2 reports" in result.stdout

    empty = tmp_path / "restored"
    restored_env = deployment_env(empty)
    result = manage("restore", str(backup), env=restored_env, check=True)
    assert "已恢复" in result.stdout
    assert snapshot(restored_env) == before

    # Restoring over a portal that has reports is refused, and changes nothing.
    again = manage("restore", str(backup), env=restored_env)
    assert again.returncode != 0 and "空的数据目录" in again.stderr
    check = manage("build_index", "--check", "--settle", "0", env=restored_env)
    assert check.returncode == 0, check.stderr
