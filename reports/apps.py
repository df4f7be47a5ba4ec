from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "法院工作报告"

    def ready(self):
        # The one index-sync path: model changes queue index updates after commit.
        from reports import checks  # noqa: F401
        from reports.search import signals  # noqa: F401
