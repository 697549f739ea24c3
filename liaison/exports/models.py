"""An export too large for one request: written to a file by a background job, then
downloaded by the person who asked for it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("waiting for a worker")
    RUNNING = "running", _("being written")
    READY = "ready", _("ready to download")
    FAILED = "failed", _("failed")
    EXPIRED = "expired", _("expired")


class Export(models.Model):
    """One requested export: what (kind and filters), for whom, how far it got, its file."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Whoever asked is the only one who may download the file.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asked by"),
    )
    kind = models.CharField(_("kind"), max_length=50)
    query = models.TextField(_("filters"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    rows_expected = models.PositiveIntegerField(_("rows expected"), default=0)
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    request_id = models.CharField(_("request id"), max_length=32, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="export_user_created_idx")]

    def __str__(self) -> str:
        return f"{self.kind} export {self.created_at:%Y-%m-%d %H:%M} ({self.rows_expected} rows)"

    def get_absolute_url(self) -> str:
        return reverse("exports:export_detail", kwargs={"pk": self.pk})

    @property
    def file_key(self) -> str:
        """The finished file's name in the exports storage (the data directory or a private
        bucket), never served as a public file."""
        return f"{self.pk}.csv"

    @property
    def finished(self) -> bool:
        return self.status in {ExportStatus.READY, ExportStatus.FAILED, ExportStatus.EXPIRED}

    @property
    def percent(self) -> int:
        if not self.rows_expected:
            return 100 if self.status == ExportStatus.READY else 0
        return min(100, self.rows_written * 100 // self.rows_expected)

    def file_name(self) -> str:
        return f"liaison-{self.kind}-{self.created_at:%Y-%m-%d}.csv"
