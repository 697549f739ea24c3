"""A strategy, its priorities and key actions, and dated snapshots of their progress.

A key action's target is data (`target`, a small JSON object whose `kind` is a
TargetKind); its progress is never stored except in snapshots: it is computed from the
register when asked (liaison.strategy.selectors)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core.dates import date_within_bounds
from liaison.core.models import ReferenceRecordModel, TimestampedModel
from liaison.sources.models import citations_relation
from liaison.strategy.choices import NarrativeStatus, TargetKind


class Strategy(TimestampedModel, ReferenceRecordModel):
    key = models.SlugField(_("key"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField(_("period starts"), validators=[date_within_bounds])
    period_end = models.DateField(_("period ends"), validators=[date_within_bounds])
    citations = citations_relation()

    class Meta:
        ordering = ["-period_start", "key"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:dashboard")


class Priority(TimestampedModel, ReferenceRecordModel):
    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="priorities", verbose_name=_("strategy")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    citations = citations_relation()

    class Meta:
        ordering = ["strategy", "number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="priority_number_unique")
        ]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class KeyAction(TimestampedModel, ReferenceRecordModel):
    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="key_actions", verbose_name=_("priority")
    )
    key = models.SlugField(_("key"), max_length=100, unique=True)
    number = models.PositiveSmallIntegerField(_("number within the priority"))
    text = models.TextField(_("text"))
    target = models.JSONField(
        _("target"),
        default=dict,
        help_text=_('What counts as done, e.g. {"kind": "instrument_status", ...}.'),
    )
    narrative_status = models.CharField(
        _("status (no measurable target)"),
        max_length=20,
        choices=NarrativeStatus.choices,
        blank=True,
    )
    narrative = models.TextField(_("narrative"), blank=True)
    narrative_on = models.DateField(
        _("narrative dated"), null=True, blank=True, validators=[date_within_bounds]
    )
    citations = citations_relation()

    class Meta:
        ordering = ["priority__strategy", "priority__number", "number"]
        verbose_name = _("key action")
        verbose_name_plural = _("key actions")

    def __str__(self) -> str:
        return f"{self.priority.number}.{self.number} {self.text[:80]}"

    @property
    def target_kind(self) -> str:
        return str(self.target.get("kind", TargetKind.NARRATIVE))


class ProgressSnapshot(models.Model):
    """A key action's progress as computed on one day; one per key action and day."""

    key_action = models.ForeignKey(
        KeyAction, on_delete=models.CASCADE, related_name="snapshots", verbose_name=_("key action")
    )
    taken_on = models.DateField(_("taken on"), validators=[date_within_bounds])
    percent = models.PositiveSmallIntegerField(_("percent"), null=True, blank=True)
    figure = models.CharField(_("figure"), max_length=60, blank=True)

    class Meta:
        ordering = ["taken_on", "key_action"]
        constraints = [
            models.UniqueConstraint(fields=["key_action", "taken_on"], name="snapshot_one_per_day")
        ]
        verbose_name = _("progress snapshot")
        verbose_name_plural = _("progress snapshots")

    def __str__(self) -> str:
        return f"{self.key_action.key} {self.taken_on.isoformat()}: {self.percent}%"


class PolicyDocument(TimestampedModel, ReferenceRecordModel):
    """An EU policy document the strategy aligns with, and the regions it prioritises."""

    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.CASCADE,
        related_name="policy_documents",
        verbose_name=_("strategy"),
    )
    key = models.SlugField(_("key"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    reference = models.CharField(_("reference"), max_length=100, help_text=_("E.g. COM(2020) 605."))
    regions = models.ManyToManyField(
        "partners.Region", blank=True, related_name="policy_documents", verbose_name=_("regions")
    )
    citations = citations_relation()

    class Meta:
        ordering = ["reference"]
        verbose_name = _("EU policy document")
        verbose_name_plural = _("EU policy documents")

    def __str__(self) -> str:
        return f"{self.title} ({self.reference})"
