"""Migration 0004: change-only rows stored the old way (value = change) lose their value."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("reports", "0003_metric_change_only_and_dismissed")]
AFTER = [("reports", "0004_change_only_metrics_have_no_value")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_change_only_rows_become_changes_and_stated_rates_stay():
    apps = migrate(BEFORE)
    Court, Report, Metric = (apps.get_model("reports", n) for n in ("Court", "Report", "Metric"))
    court = Court.objects.create(name="测试市中级人民法院", short_name="测试中院", slug="t")
    report = Report.objects.create(court=court, year=2025, title="t", text="t", content_hash="h")

    def row(label, value, unit, raw, yoy, yoy_unit, evidence, indicator=""):
        return Metric.objects.create(
            report=report,
            label=label,
            value=value,
            unit=unit,
            raw=raw,
            yoy_change=yoy,
            yoy_unit=yoy_unit,
            evidence=evidence,
            indicator=indicator,
        )

    old = row(
        "上诉率",
        Decimal("-17.99"),
        "%",
        "17.99%",
        Decimal("-17.99"),
        "%",
        "上诉率同比下降17.99%。",
        indicator="appeal_rate",
    )
    rate = row("结案率", Decimal("5"), "%", "5%", Decimal("5"), "%", "结案率5%，同比上升5%。")
    cases = row("收案", Decimal("21000"), "件", "2.1万件", Decimal("-6.5"), "%", "收案2.1万件。")

    apps = migrate(AFTER)
    Metric = apps.get_model("reports", "Metric")
    old = Metric.objects.get(pk=old.pk)
    assert (old.value, old.unit, old.indicator, old.yoy_change, old.yoy_unit) == (
        None,
        "",
        "",
        Decimal("-17.99"),
        "%",
    )
    assert Metric.objects.get(pk=rate.pk).value == Decimal("5")  # a rate stated, then a change
    assert Metric.objects.get(pk=cases.pk).value == Decimal("21000")
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())  # back to the latest schema for other tests
