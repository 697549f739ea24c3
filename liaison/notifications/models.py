"""Notifications: what Liaison tells a person without being asked, in the app and by mail.

A notification is about one record (a proposal, an instrument, a contact point, an
exchange, a failed job) and, where an event repeats, a threshold (6 months before an
instrument ends, the deadline of an exchange...). One row per (person, kind, record,
threshold): a unique constraint, so re-runs and several workers never make two."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.notifications.choices import Frequency, MailStatus, NotificationKind


class Notification(models.Model):
    """One thing one person should know, with the page that acts on it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("for"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("record type")
    )
    object_id = models.CharField(_("record id"), max_length=64)
    # What makes this one distinct from an earlier one about the same record ("12", "6", "1"
    # months before an end; a deadline; the last interaction); empty when it happens once.
    threshold = models.CharField(_("threshold"), max_length=32, blank=True, default="")
    # The facts the text is made of, rendered in the reader's language when shown or mailed.
    # Never a person's name: only what every role offered this kind may see.
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    url = models.CharField(_("address"), max_length=500)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "content_type", "object_id", "threshold"],
                name="notifications_one_per_event",
            )
        ]
        indexes = [
            # A person's page, newest first.
            models.Index("user", models.F("created_at").desc(), name="notifications_user_latest"),
            # The badge: a person's unread ones.
            models.Index(
                fields=["user"],
                name="notifications_user_unread",
                condition=models.Q(read_at__isnull=True),
            ),
            # The mailer: unread ones not mailed yet.
            models.Index(
                fields=["user", "kind"],
                name="notifications_user_unmailed",
                condition=models.Q(mailed_at__isnull=True, read_at__isnull=True),
            ),
            # Resolving the notifications of one record (a proposal decided).
            models.Index(fields=["content_type", "object_id"], name="notifications_record"),
        ]

    def __str__(self) -> str:
        return str(self.text)

    def get_absolute_url(self) -> str:
        return self.url

    @property
    def text(self) -> str:
        from liaison.notifications.texts import notification_text

        return notification_text(self)


class NotificationPreference(models.Model):
    """How one person wants one kind: not at all, in Liaison only, or also by mail (at once,
    in a daily or in a weekly digest). Without a row, the kind's default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    frequency = models.CharField(_("how often"), max_length=12, choices=Frequency.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notifications_one_preference")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {self.frequency}"


class MailDelivery(models.Model):
    """One mail to one person for one period (a day, an ISO week) or one notification sent at
    once: recorded before it is sent, so a period's digest goes out once, and a failure is
    kept with its error and tried again by the next run."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("to"),
    )
    frequency = models.CharField(_("how often"), max_length=12, choices=Frequency.choices)
    # "2026-12-07" for a daily digest, "2026-W50" for a weekly one, "n<id>" for one
    # notification mailed at once.
    period = models.CharField(_("period"), max_length=20)
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    attempted_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    notifications = models.ManyToManyField(
        Notification, blank=True, related_name="deliveries", verbose_name=_("notifications")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification mail")
        verbose_name_plural = _("notification mails")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "frequency", "period"], name="notifications_one_mail_per_period"
            )
        ]
        indexes = [
            # Administrators' list of mails that failed.
            models.Index(
                fields=["attempted_at"],
                name="notifications_mail_failed",
                condition=models.Q(status="failed"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.frequency} {self.period} ({self.status})"
