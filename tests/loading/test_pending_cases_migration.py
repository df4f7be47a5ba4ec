"""Migration 0007: stored pending-case rows leave 审结, stored warnings lose their English."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.loading.test_change_only_migration import migrate

BEFORE = [("reports", "0006_ingest_job")]
AFTER = [("reports", "0007_pending_cases_and_chinese_warnings")]


@pytest.mark.django_db(transaction=True)
def test_pending_cases_leave_closed_cases_and_warnings_become_chinese():
    apps = migrate(BEFORE)
    Court, Report, Metric = (apps.get_model("reports", n) for n in ("Court", "Report", "Metric"))
    court = Court.objects.create(name="测试市中级人民法院", short_name="测试中院", slug="t")
    report = Report.objects.create(
        court=court,
        year=2025,
        title="t",
        text="t",
        content_hash="h",
        warnings=["原文没有标题，已自动生成 (title generated)", "报告只覆盖部分年份：1至7月"],
    )

    def row(label, verified=False):
        return Metric.objects.create(
            report=report, label=label, value=Decimal("5"), unit="件", raw="5件",
            evidence=f"{label}5件。", indicator="cases_closed", verified=verified,
        )  # fmt: skip

    pending, checked, closed = row("未结案件"), row("12个月以上未结案件", True), row("审结案件")
    apps = migrate(AFTER)
    Metric, Report = (apps.get_model("reports", n) for n in ("Metric", "Report"))
    indicators = dict(Metric.objects.values_list("pk", "indicator"))
    # An editor's verified row is the editor's call and stays.
    assert [indicators[m.pk] for m in (pending, checked, closed)] == [
        "",
        "cases_closed",
        "cases_closed",
    ]
    assert Report.objects.get(pk=report.pk).warnings == [
        "原文没有标题，已自动生成",
        "报告只覆盖部分年份：1至7月",
    ]
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())  # back to the latest schema for other tests
