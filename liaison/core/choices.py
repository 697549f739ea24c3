"""Choices used by more than one app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    """How much of a stored date is known: a month or year date is stored as its first day."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class Origin(models.TextChoices):
    """Where a record comes from: the reference dataset (the loader keeps it up to date
    while nobody changes it in the app) or the app (the loader never touches it)."""

    REFERENCE = "reference", _("reference dataset")
    APP = "app", _("recorded in the app")
