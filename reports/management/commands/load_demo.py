"""python manage.py load_demo — the two seed reports of fixtures/demo/, published."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports.loading.files import STATUS_LABELS, ingest_file, summary

DEMO_DIR = settings.BASE_DIR / "fixtures" / "demo"


class Command(BaseCommand):
    help = "载入演示数据（fixtures/demo/*.txt，直接发布）；可重复运行，已载入的报告不变。"

    def handle(self, *args, **options):
        paths = sorted(DEMO_DIR.glob("*.txt"))
        if not paths:
            raise CommandError(f"没有演示文件：{DEMO_DIR}/*.txt")
        results = [ingest_file(path, publish=True) for path in paths]
        for entry in results:
            label = STATUS_LABELS[entry["status"]]
            detail = entry["error"] or (
                f"#{entry['report_id']} {entry['court'] or '（未识别法院）'} {entry['year']} "
                f"《{entry['title']}》 数据 {entry['metrics']}，举措 {entry['initiatives']}"
            )
            self.stdout.write(f"{label} {entry['path']}：{detail}")
            for warning in entry["warnings"]:
                self.stdout.write(f"    提示：{warning}")
        self.stdout.write(summary(results))
        if any(entry["status"] == "error" for entry in results):
            raise CommandError("演示数据未能全部载入")
