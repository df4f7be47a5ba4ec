"""Uploads parsed outside the web request: one row per file, drained by ``manage.py
ingest_worker``.

A large Word file or PDF can take a minute to read; a web worker that spends it is a worker
readers and other editors lack (gunicorn kills it after 30 s and the editor gets a bare
error). The upload page stages the file, adds a job and shows its progress; the worker parses
it in a child process with a time and memory limit and stores what it found, which the
preview shows and the save writes — the file is not parsed again in a request.
"""

from __future__ import annotations

import pickle

from django.conf import settings
from django.db import models
from django.utils import timezone


class JobStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "解析中"
    DONE = "done", "解析完成"
    FAILED = "failed", "解析失败"


class IngestJobQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=JobStatus.QUEUED).order_by("created_at", "pk")

    def claim_next(self) -> IngestJob | None:
        """The oldest queued job, marked running; None when the queue is empty. Safe with
        several workers: a job is claimed by the one whose conditional update succeeds."""
        for job in self.waiting()[:5]:
            claimed = self.filter(pk=job.pk, status=JobStatus.QUEUED).update(
                status=JobStatus.RUNNING,
                started_at=timezone.now(),
                attempts=models.F("attempts") + 1,
            )
            if claimed:
                job.refresh_from_db()
                return job
        return None

    def stalled(self, older_than):
        """Jobs left running by a worker that died (a restart puts them back in the queue)."""
        return self.filter(status=JobStatus.RUNNING, started_at__lt=older_than)


class IngestJob(models.Model):
    key = models.CharField("暂存文件", max_length=64)  # reports.staging key (SHA-256)
    filename = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")
    court = models.ForeignKey(
        "reports.Court", verbose_name="指定法院", null=True, blank=True, on_delete=models.SET_NULL
    )
    year = models.PositiveSmallIntegerField("指定年度", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    error = models.TextField("错误", blank=True)
    parsed = models.BinaryField("解析结果", null=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("提交时间", default=timezone.now)
    started_at = models.DateTimeField("开始解析", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    objects = IngestJobQuerySet.as_manager()

    class Meta:
        verbose_name = "后台解析任务"
        verbose_name_plural = "后台解析任务"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename}（{self.get_status_display()}）"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    def position(self) -> int:
        """1 for the next job the worker takes."""
        if self.status != JobStatus.QUEUED:
            return 0
        earlier = IngestJob.objects.waiting().filter(created_at__lt=self.created_at)
        return earlier.count() + 1

    def parsed_report(self):
        # Written only by the worker from a file this server staged: trusted data.
        return pickle.loads(self.parsed) if self.parsed else None

    def succeed(self, parsed) -> None:
        self.parsed = pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)
        self._finish(JobStatus.DONE, "")

    def fail(self, message: str) -> None:
        self._finish(JobStatus.FAILED, message)

    def _finish(self, status, error):
        self.status, self.error, self.finished_at = status, error, timezone.now()
        self.save(update_fields=["status", "error", "parsed", "finished_at"])
