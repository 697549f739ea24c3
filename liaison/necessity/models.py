"""The EU's crime priorities (reference data: a new cycle is data, not code) and saved
analyses of operational necessity (immutable once saved)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.cases.choices import CrimeArea
from liaison.core.dates import date_within_bounds
from liaison.core.models import ReferenceRecordModel, TimestampedModel
from liaison.sources.models import citations_relation


class CrimePriorityCycle(TimestampedModel, ReferenceRecordModel):
    """A cycle of the EU's crime priorities (EMPACT), set by the Council for some years."""

    key = models.SlugField(_("key"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    starts_on = models.DateField(_("starts on"), validators=[date_within_bounds])
    ends_on = models.DateField(_("ends on"), validators=[date_within_bounds])
    basis = models.TextField(_("basis"), blank=True, help_text=_("The act that set it."))
    citations = citations_relation()

    class Meta:
        ordering = ["-starts_on", "key"]
        verbose_name = _("crime priority cycle")
        verbose_name_plural = _("crime priority cycles")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A cycle cannot end before it starts.")})


class CrimePriority(TimestampedModel, ReferenceRecordModel):
    """One priority of a cycle, with the casework crime areas it covers."""

    cycle = models.ForeignKey(
        CrimePriorityCycle,
        on_delete=models.CASCADE,
        related_name="priorities",
        verbose_name=_("cycle"),
    )
    key = models.SlugField(_("key"), max_length=100, unique=True)
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    crime_areas = models.JSONField(
        _("crime areas"),
        default=list,
        blank=True,
        help_text=_("The casework crime areas it covers; none when no crime area records it."),
    )
    citations = citations_relation()

    class Meta:
        ordering = ["cycle", "number"]
        verbose_name = _("crime priority")
        verbose_name_plural = _("crime priorities")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        areas = self.crime_areas
        if not isinstance(areas, list) or any(a not in CrimeArea.values for a in areas):
            raise ValidationError(
                {
                    "crime_areas": _("Give a list of crime areas: %(allowed)s.")
                    % {"allowed": ", ".join(CrimeArea.values)}
                }
            )


class SavedAnalysisQuerySet(models.QuerySet["SavedAnalysis"]):
    """Bulk changes are refused too: a saved analysis never changes."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionDenied("A saved analysis cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionDenied("A saved analysis cannot be deleted.")

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("update_conflicts") or kwargs.get("ignore_conflicts"):
            raise PermissionDenied("A saved analysis cannot be changed.")
        return super().bulk_create(objs, *args, **kwargs)


class SavedAnalysis(models.Model):
    """A ranking as it stood when saved: who, when, with which parameters, and the whole
    result, so that a proposal can cite the exact figures it rests on."""

    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    author_username = models.CharField(_("author (user name)"), max_length=150)
    title = models.CharField(_("title"), max_length=200, blank=True)
    as_of = models.DateField(_("as of"), validators=[date_within_bounds])
    parameters = models.JSONField(_("parameters"), default=dict)
    result = models.JSONField(_("result"), default=dict)

    objects = SavedAnalysisQuerySet.as_manager()

    class Meta:
        ordering = ["-saved_at", "-pk"]
        verbose_name = _("saved analysis")
        verbose_name_plural = _("saved analyses")
        default_permissions = ("add", "view")
        # Django's own updates and deletes go through the base manager: refuse them there too.
        base_manager_name = "objects"

    def __str__(self) -> str:
        return self.title or f"{_('Necessity analysis')} {self.as_of.isoformat()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionDenied("A saved analysis cannot be changed.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("necessity:analysis_detail", kwargs={"pk": self.pk})

    def save_base(self, *args: Any, **kwargs: Any) -> None:
        """Every save is an INSERT (also a fixture's, which skips save()): a new instance
        given the id of a saved analysis fails instead of overwriting it."""
        if kwargs.get("force_update") or kwargs.get("update_fields"):
            raise PermissionDenied("A saved analysis cannot be changed.")
        if self.pk is not None and type(self).objects.filter(pk=self.pk).exists():
            raise PermissionDenied("A saved analysis cannot be changed.")
        kwargs["force_insert"] = True
        super().save_base(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionDenied("A saved analysis cannot be deleted.")


@receiver(pre_save, sender=SavedAnalysis)
def saved_analysis_never_overwritten(
    sender: type[SavedAnalysis], instance: SavedAnalysis, raw: bool, **kwargs: Any
) -> None:
    """A fixture (`loaddata`) saves through Model.save_base, past the model's own guard: a
    fixture naming the id of a saved analysis is refused here instead of overwriting it."""
    if raw and instance.pk is not None and sender.objects.filter(pk=instance.pk).exists():
        raise PermissionDenied("A saved analysis cannot be changed.")
