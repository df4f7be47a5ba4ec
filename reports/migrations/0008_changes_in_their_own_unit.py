"""A change counted in cases, days or yuan is a change, not a figure.

``同比减少700件`` and ``案件执行平均用时减少38天`` were stored as values (−700 件, −38 天), so a court's
cases received could read −700. Such a row — written right after a change word in its evidence,
its sign the word's — now has no value, no unit and no indicator, and carries the change in its
own unit (yoy_change −700, yoy_unit 件), as the extractor gives it today. Changes in 元 need more
digits than a percentage: yoy_change takes as many as a value.
"""

import re

import reports.models
from django.db import migrations, models


CHANGE_WORD = re.compile(
    r"(?:同比|环比|较上年|比上年|较去年|比去年)?(?P<dir>上升|增长|增加|增多|提高|下降|减少|降低|回落|缩短)了?$"
)
NEGATIVE = {"下降", "减少", "降低", "回落", "缩短"}
RELATIVE = ("%", "个百分点")


def absolute_changes(Metric):
    rows = Metric.objects.filter(value__isnull=False).exclude(unit__in=("", *RELATIVE))
    for row in rows.only("pk", "value", "raw", "evidence").iterator():
        at = row.evidence.find(row.raw) if row.raw else -1
        said = CHANGE_WORD.search(row.evidence[:at]) if at > 0 else None
        if said and (row.value < 0) == (said.group("dir") in NEGATIVE) and row.value != 0:
            yield row.pk


def forwards(apps, schema_editor):
    Metric = apps.get_model("reports", "Metric")
    for pk in list(absolute_changes(Metric)):
        row = Metric.objects.get(pk=pk)
        row.yoy_change, row.yoy_unit = row.value, row.unit
        row.value, row.unit, row.indicator = None, "", ""
        row.save(update_fields=["value", "unit", "indicator", "yoy_change", "yoy_unit"])


def backwards(apps, schema_editor):
    Metric = apps.get_model("reports", "Metric")
    rows = Metric.objects.filter(value__isnull=True, yoy_change__isnull=False)
    for row in rows.exclude(yoy_unit__in=("", *RELATIVE)).iterator():
        row.value, row.unit = row.yoy_change, row.yoy_unit
        row.yoy_change, row.yoy_unit = None, ""
        row.save(update_fields=["value", "unit", "yoy_change", "yoy_unit"])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0007_pending_cases_and_chinese_warnings"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalmetric",
            name="yoy_change",
            field=models.DecimalField(
                blank=True, decimal_places=4, max_digits=24, null=True, verbose_name="同比变化"
            ),
        ),
        migrations.AlterField(
            model_name="historicalmetric",
            name="yoy_unit",
            field=models.CharField(
                blank=True,
                choices=reports.models.yoy_unit_choices,
                default="",
                help_text="%、个百分点，或件、天、元等（增减的绝对数）",
                max_length=20,
                verbose_name="同比单位",
            ),
        ),
        migrations.AlterField(
            model_name="metric",
            name="yoy_change",
            field=models.DecimalField(
                blank=True, decimal_places=4, max_digits=24, null=True, verbose_name="同比变化"
            ),
        ),
        migrations.AlterField(
            model_name="metric",
            name="yoy_unit",
            field=models.CharField(
                blank=True,
                choices=reports.models.yoy_unit_choices,
                default="",
                help_text="%、个百分点，或件、天、元等（增减的绝对数）",
                max_length=20,
                verbose_name="同比单位",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
