"""An export too large for one request: written to a file by a background job, then
downloaded by the person who asked for it."""

from __future__ import annotations

import uuid
from pathlib import Path

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
    file_format = models.CharField(_("format"), max_length=4, default="csv")
    # The language of the asker's page: the file's headers are written in it.
    language = models.CharField(_("language"), max_length=10, blank=True)
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
        return f"{self.pk}.{self.file_format}"

    @property
    def finished(self) -> bool:
        return self.status in {ExportStatus.READY, ExportStatus.FAILED, ExportStatus.EXPIRED}

    @property
    def percent(self) -> int:
        if not self.rows_expected:
            return 100 if self.status == ExportStatus.READY else 0
        return min(100, self.rows_written * 100 // self.rows_expected)

    def file_name(self) -> str:
        return f"liaison-{self.kind}-{self.created_at:%Y-%m-%d}.{self.file_format}"


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("previewed, not imported")
    IMPORTED = "imported", _("imported")


class Import(models.Model):
    """One bulk import from a spreadsheet: its file (kept by digest from the preview to the
    confirmation), who asked, and what it did. The rows it wrote are in the change history
    under its correlation id."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("imported by"),
    )
    kind = models.CharField(_("kind"), max_length=50)
    file_name = models.CharField(_("file name"), max_length=255)
    digest = models.CharField(_("SHA-256 of the file"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    rows_created = models.PositiveIntegerField(_("rows created"), default=0)
    rows_changed = models.PositiveIntegerField(_("rows changed"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("rows unchanged"), default=0)
    correlation_id = models.CharField(_("change history id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("previewed at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="import_user_created_idx")]

    def __str__(self) -> str:
        return f"{self.kind} import of {self.file_name} ({self.digest[:12]})"

    @property
    def file_key(self) -> str:
        """The previewed file's name in the imports storage (the data directory or a private
        bucket): its digest, so that the same file is kept once."""
        return f"{self.digest}{Path(self.file_name).suffix.lower()}"
