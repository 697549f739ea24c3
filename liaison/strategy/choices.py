"""Kinds of key-action targets and the status of key actions without a measurable one."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetKind(models.TextChoices):
    INSTRUMENT_STATUS = "instrument_status", _("partners reach an instrument status")
    ACTIVE_CONTACT_POINTS = "active_contact_points", _("countries with an active contact point")
    NETWORK_CONTACT_POINTS = "network_contact_points", _("networks that appointed a contact point")
    MEETINGS_PER_YEAR = "meetings_per_year", _("contact-point meetings held each year")
    NARRATIVE = "narrative", _("no measurable target: status and narrative")


class NarrativeStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    ONGOING = "ongoing", _("ongoing")
    DONE = "done", _("done")
