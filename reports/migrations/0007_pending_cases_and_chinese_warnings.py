"""Two corrections to what is already stored, as the extractor gives them today.

- Pending cases (未结案件, 12个月以上未结案件) were filed under 审结 (cases_closed), because 未结
  contains 结; rows an editor has not verified lose that indicator.
- Extraction warnings carried an English detail in brackets ("原文没有标题，已自动生成 (title
  generated)"); editors read them in the review queue, so the detail is dropped.
"""

import re

from django.db import migrations

PENDING = re.compile(r"未结|尚未审结|未审结|未执结")
ENGLISH_DETAIL = re.compile(r"\s*\([A-Za-z][A-Za-z ,.'-]*\)$")


def forwards(apps, schema_editor):
    Metric = apps.get_model("reports", "Metric")
    pending = Metric.objects.filter(indicator="cases_closed", verified=False)
    ids = [m.pk for m in pending.only("pk", "label").iterator() if PENDING.search(m.label)]
    Metric.objects.filter(pk__in=ids).update(indicator="")
    Report = apps.get_model("reports", "Report")
    for report in Report.objects.exclude(warnings=[]).only("pk", "warnings").iterator():
        cleaned = [ENGLISH_DETAIL.sub("", w) for w in report.warnings or []]
        if cleaned != report.warnings:
            Report.objects.filter(pk=report.pk).update(warnings=cleaned)


class Migration(migrations.Migration):
    dependencies = [("reports", "0006_ingest_job")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
