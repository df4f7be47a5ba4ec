"""Migration 0008: changes counted in cases, days or yuan leave the values they never were."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.loading.test_change_only_migration import migrate

BEFORE = [("reports", "0007_pending_cases_and_chinese_warnings")]
AFTER = [("reports", "0008_changes_in_their_own_unit")]


@pytest.mark.django_db(transaction=True)
def test_absolute_changes_become_changes_and_stated_figures_stay():
    apps = migrate(BEFORE)
    Court, Report, Metric = (apps.get_model("reports", n) for n in ("Court", "Report", "Metric"))
    court = Court.objects.create(name="测试市中级人民法院", short_name="测试中院", slug="t")
    report = Report.objects.create(court=court, year=2025, title="t", text="t", content_hash="h")

    def row(label, value, unit, raw, evidence, indicator=""):
        return Metric.objects.create(
            report=report, label=label, value=Decimal(value), unit=unit, raw=raw,
            evidence=evidence, indicator=indicator,
        )  # fmt: skip

    sentence = "受理案件1.2万件，同比减少700件。"
    received = row("受理案件", "12000", "件", "1.2万件", sentence, "cases_received")
    fewer = row("受理案件", "-700", "件", "700件", sentence, "cases_received")
    days = row("平均用时", "-38", "天", "38天", "案件执行平均用时缩短38天。")
    more = row("审结案件", "312", "件", "312件", "审结8000件，比上年增加312件。", "cases_closed")
    # The sign disagrees with the word: not what the old extractor wrote, left to editors.
    odd = row("收案", "50", "件", "50件", "收案减少50件。")
    until = row("平均用时", "3", "个工作日", "3个工作日", "平均用时缩短至3个工作日。")

    apps = migrate(AFTER)
    Metric = apps.get_model("reports", "Metric")
    rows = {
        m.pk: (m.value, m.unit, m.indicator, m.yoy_change, m.yoy_unit) for m in Metric.objects.all()
    }
    assert rows[received.pk] == (Decimal("12000"), "件", "cases_received", None, "")
    assert rows[fewer.pk] == (None, "", "", Decimal("-700"), "件")
    assert rows[days.pk] == (None, "", "", Decimal("-38"), "天")
    assert rows[more.pk] == (None, "", "", Decimal("312"), "件")
    assert rows[odd.pk][:2] == (Decimal("50"), "件")
    assert rows[until.pk][:2] == (Decimal("3"), "个工作日")
    # A change in 元 needs a value's digits.
    big = Metric.objects.get(pk=fewer.pk)
    big.yoy_change, big.yoy_unit = Decimal("-320000000"), "元"
    big.save()
    assert Metric.objects.get(pk=fewer.pk).yoy_change == Decimal("-320000000")

    apps = migrate(BEFORE)  # and back
    Metric = apps.get_model("reports", "Metric")
    back = Metric.objects.get(pk=days.pk)
    assert (back.value, back.unit, back.yoy_change) == (Decimal("-38"), "天", None)
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())
