"""The kinds of notification, how often a person wants each, and the state of a mail."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    APPROVAL_WAITING = "approval_waiting", _("Proposals waiting for my approval")
    PROPOSAL_DECIDED = "proposal_decided", _("My proposals decided")
    INSTRUMENT_ENDING = "instrument_ending", _("Instruments ending within 12, 6 or 1 months")
    CONTACT_DUE = "contact_due", _("Contact points due for contact")
    EXCHANGE_OVERDUE = "exchange_overdue", _("Overdue exchanges in my cases")
    JOB_FAILED = "job_failed", _("Failed background jobs")


class Frequency(models.TextChoices):
    OFF = "off", _("Off")
    IN_APP = "in_app", _("In Liaison only")
    IMMEDIATELY = "immediately", _("In Liaison and by mail at once")
    DAILY = "daily", _("In Liaison and in a daily mail")
    WEEKLY = "weekly", _("In Liaison and in a weekly mail")


# Frequencies that send mail, and those that gather notifications into one digest.
MAILED = (Frequency.IMMEDIATELY, Frequency.DAILY, Frequency.WEEKLY)
DIGESTS = (Frequency.DAILY, Frequency.WEEKLY)

# Without a preference of their own: what waits for a person's decision comes in a daily
# mail, the rest in Liaison only.
DEFAULT_FREQUENCY = {
    NotificationKind.APPROVAL_WAITING: Frequency.DAILY,
    NotificationKind.PROPOSAL_DECIDED: Frequency.DAILY,
    NotificationKind.INSTRUMENT_ENDING: Frequency.IN_APP,
    NotificationKind.CONTACT_DUE: Frequency.IN_APP,
    NotificationKind.EXCHANGE_OVERDUE: Frequency.IN_APP,
    NotificationKind.JOB_FAILED: Frequency.IN_APP,
}


class MailStatus(models.TextChoices):
    PENDING = "pending", _("not sent yet")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed, tried again at the next run")
