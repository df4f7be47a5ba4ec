"""Change-only statements stored before the contract said so lose the value they never had.

The old extractor stored ``上诉率同比下降17.99%`` as value −17.99 % with the same −17.99 % as its
change; such a row (value equal to its change, in the change's own unit, written right after a
change word in its evidence) now has no value, no unit and no indicator, as the extractor gives
it today. A stated rate with an equal change (结案率5%，同比上升5个百分点) differs in unit or in
the words before it and is left alone.
"""

import re

from django.db import migrations
from django.db.models import F

CHANGE_WORD = re.compile(r"(?:上升|增长|增加|提高|下降|减少|降低|多出)了?$")


def change_only_rows(Metric):
    rows = Metric.objects.filter(
        value__isnull=False,
        yoy_change=F("value"),
        unit=F("yoy_unit"),
        unit__in=("%", "个百分点"),
    )
    for row in rows.iterator():
        at = row.evidence.find(row.raw) if row.raw else -1
        if at > 0 and CHANGE_WORD.search(row.evidence[:at]):
            yield row


def forwards(apps, schema_editor):
    Metric = apps.get_model("reports", "Metric")
    for row in list(change_only_rows(Metric)):
        row.value, row.unit, row.indicator = None, "", ""
        row.save(update_fields=["value", "unit", "indicator"])


def backwards(apps, schema_editor):
    Metric = apps.get_model("reports", "Metric")
    Metric.objects.filter(value__isnull=True, yoy_change__isnull=False).update(
        value=F("yoy_change"), unit=F("yoy_unit")
    )


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_metric_change_only_and_dismissed")]

    operations = [migrations.RunPython(forwards, backwards)]
