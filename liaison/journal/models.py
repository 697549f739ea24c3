"""The journal: dated, typed notes on a partner or an instrument."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.core.dates import date_within_bounds, today
from liaison.core.models import TimestampedModel


class JournalKind(models.TextChoices):
    INFO = "info", _("information")
    SUCCESS = "success", _("success")
    WARNING = "warning", _("warning")
    DANGER = "danger", _("danger")


class JournalEntry(TimestampedModel):
    """A dated note on a record: what happened, what to watch, what went wrong."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    about = GenericForeignKey("content_type", "object_id")
    date = models.DateField(_("date"), default=today, validators=[date_within_bounds])
    kind = models.CharField(
        _("kind"), max_length=10, choices=JournalKind.choices, default=JournalKind.INFO
    )
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}: {self.text[:60]}"


def journal_relation() -> GenericRelation:
    """The reverse side a model with a journal declares, so entries can be prefetched."""
    return GenericRelation(
        JournalEntry,
        content_type_field="content_type",
        object_id_field="object_id",
        verbose_name=_("journal"),
    )
