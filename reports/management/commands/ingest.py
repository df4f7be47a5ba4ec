"""python manage.py ingest PATH [PATH ...] [--court NAME] [--year N] [--publish] [--json]"""

import json
import logging

from django.core.management.base import BaseCommand, CommandError

from reports.court_names import court_candidates, resolve_court
from reports.loading.files import STATUS_LABELS, expand_paths, ingest_file, summary
from reports.search.signals import batched, wait_for_index

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "导入法院工作报告文件（txt / html / docx / pdf）；文件夹则导入其中每个文件（按名称排序，"
        "跳过隐藏文件和 README、LICENSE 等说明文件，不含子文件夹）。正文与已有报告相同 → duplicate，不作更改；"
        "同一法院、同一年度、同一文件名、同一标题但正文不同（更正后的文件）→ updated：在原报告上重新抽取，"
        "保留编辑已核对的数据和已修改的字段；否则 created。--court 可用全称、简称或别称。"
        " / Ingest report files; a folder means every file in it. Same text as an existing "
        "report: duplicate (nothing written). Same court, year, file name and title with "
        "different text: "
        "updated in place, keeping editors' verified rows. Exits 1 if any file failed; a failed "
        "file leaves nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="文件或文件夹")
        parser.add_argument("--court", help="指定法院（全称、简称或别称），不再自动识别")
        parser.add_argument("--year", type=int, help="指定报告年度")
        parser.add_argument("--publish", action="store_true", help="导入后直接发布")
        parser.add_argument(
            "--json", action="store_true", help="在标准输出打印 JSON 数组，每个文件一项"
        )

    def handle(self, *args, **options):
        court = None
        if options["court"]:
            court = resolve_court(options["court"], create=True)
            if court is None:
                raise CommandError(unknown_court_message(options["court"]))
        files, skipped = expand_paths(options["paths"])
        for path in skipped:
            self.stderr.write(f"跳过 {path}：说明文件，不是报告 (not a report: skipped)")
        as_json = options["json"]
        results = []
        # Many files: their reports reach the index a batch to a commit, not one each.
        with batched():
            for number, path in enumerate(files, 1):
                if not as_json:
                    self.progress(number, len(files), path)
                entry = ingest_file(
                    path, court=court, year=options["year"], publish=options["publish"]
                )
                results.append(entry)
                if not as_json:
                    self.describe(entry)

        # The index follows after each commit; do not exit with updates still queued.
        wait_for_index(timeout=120)
        if as_json:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(summary(results))
        failed = sum(1 for entry in results if entry["status"] == "error")
        if failed:
            raise CommandError(f"{failed} 个文件导入失败 ({failed} file(s) failed)", returncode=1)

    def progress(self, number, total, path):
        width = 24
        done = round(width * number / total)
        bar = "█" * done + "░" * (width - done)
        line = f"[{bar}] {number}/{total} {path.name}"
        if self.stderr.isatty():
            self.stderr.write(f"\r\033[K{line}", ending="")
        else:
            self.stderr.write(line)

    def describe(self, entry):
        if self.stderr.isatty():
            self.stderr.write("\r\033[K", ending="")
        label = STATUS_LABELS[entry["status"]]
        if entry["status"] == "error":
            self.stdout.write(f"{label} {entry['path']}：{entry['error']}")
            return
        self.stdout.write(
            f"{label} #{entry['report_id']} {entry['court'] or '（未识别法院）'} "
            f"{entry['year'] or '—'} 《{entry['title']}》 章节 {entry['sections']}，"
            f"数据 {entry['metrics']}，举措 {entry['initiatives']}"
        )
        for warning in entry["warnings"]:
            self.stdout.write(f"    提示：{warning}")


def unknown_court_message(name: str) -> str:
    candidates = court_candidates(name)
    if len(candidates) > 1:
        listed = "、".join(candidates[:8])
        return f"法院名称不唯一：{name} 可指 {listed}，请用全称 (ambiguous court name)"
    return f"未知法院：{name}，请用全称、简称或别称 (unknown court)"
