"""Provenance: the documents facts come from, and citations of them."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core.choices import DatePrecision
from liaison.core.dates import date_within_bounds, partial_date_text
from liaison.core.models import ReferenceRecordModel, TimestampedModel
from liaison.sources.choices import Confidence, DocumentType


class Source(TimestampedModel, ReferenceRecordModel):
    """A document that states facts: a seed file, a legal act, an agreement, a web page."""

    key = models.SlugField(_("key"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    issuer = models.CharField(_("issuer"), max_length=200, blank=True)
    document_type = models.CharField(
        _("document type"), max_length=20, choices=DocumentType.choices
    )
    date = models.DateField(_("date"), null=True, blank=True, validators=[date_within_bounds])
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    url = models.URLField(_("URL"), max_length=500, blank=True)
    seed_file = models.CharField(_("seed file"), max_length=100, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("sources:source_detail", kwargs={"key": self.key})

    @property
    def date_text(self) -> str:
        return partial_date_text(self.date, self.date_precision)


class Citation(TimestampedModel):
    """One fact's pointer to the place in a source that states it."""

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("source")
    )
    location = models.CharField(_("place in the source"), max_length=300, blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.CHECKED
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    cited_object = GenericForeignKey("content_type", "object_id")

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")

    def __str__(self) -> str:
        where = f", {self.location}" if self.location else ""
        return f"{self.source}{where} ({self.get_confidence_display()})"

    @property
    def is_unverified(self) -> bool:
        return self.confidence == Confidence.UNVERIFIED


def citations_relation() -> GenericRelation:
    """The reverse side every cited model declares, so citations can be prefetched."""
    return GenericRelation(
        Citation,
        content_type_field="content_type",
        object_id_field="object_id",
        verbose_name=_("citations"),
    )


def attachment_path(instance: SourceAttachment, filename: str) -> str:
    # A random name on disk: what people called the file is kept in `name`.
    return f"sources/{instance.source_id}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class SourceAttachment(TimestampedModel):
    """A copy of the document a source describes, kept on disk and served only to people
    who may read the source."""

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("source")
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("file name"), max_length=255)
    media_type = models.CharField(_("media type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("sources:source_attachment", kwargs={"key": self.source.key, "pk": self.pk})
