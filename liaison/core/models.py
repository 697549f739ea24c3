"""Base models shared by every Liaison app."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import F
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core.choices import Origin
from liaison.core.permissions import VIEW_PERSONAL_DATA, codename


class TimestampedModel(models.Model):
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_updated = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        abstract = True


class OriginModel(models.Model):
    """A record the reference loader may have written: it says so, and only then may the
    loader change it (see liaison/core/reference_records.py)."""

    origin = models.CharField(
        _("origin"),
        max_length=10,
        choices=Origin.choices,
        default=Origin.APP,
        editable=False,
    )

    class Meta:
        abstract = True


class ReferenceRecordModel(OriginModel):
    """A keyed record of the reference dataset, with the digest of the values the loader
    last wrote: the loader updates it only while its values still match that digest."""

    reference_digest = models.CharField(
        _("digest of the values last loaded"), max_length=64, blank=True, editable=False
    )

    class Meta:
        abstract = True


class RolePolicy(models.Model):
    """What a role demands of the people who hold it, set by an administrator."""

    role = models.OneToOneField(
        "auth.Group",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="policy",
        verbose_name=_("role"),
    )
    second_factor_required = models.BooleanField(
        _("second factor required"),
        default=False,
        help_text=_(
            "People with this role must confirm each login with a one-time code from an "
            "authenticator app."
        ),
    )

    class Meta:
        verbose_name = _("role policy")
        verbose_name_plural = _("role policies")

    def __str__(self) -> str:
        return str(self.role)


def api_token_digest(key: str) -> str:
    """Tokens are kept as digests: a stolen database does not open the API."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self, now: datetime.datetime) -> ApiTokenQuerySet:
        return self.filter(revoked__isnull=True, expires__gt=now)


class ApiToken(models.Model):
    """A key that opens the REST API (never the web pages) for one user until it expires
    or is revoked. Only a digest of the key is stored; the key is shown once."""

    PREFIX_LENGTH = 8

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for."))
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, editable=False)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"))
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    def state(self, now: datetime.datetime) -> str:
        if self.revoked is not None:
            return "revoked"
        if self.expires <= now:
            return "expired"
        return "active"


class AccessAction(models.TextChoices):
    VIEW = "view", _("viewed")
    EXPORT = "export", _("exported")


class AccessLogEntryQuerySet(models.QuerySet["AccessLogEntry"]):
    """Entries are added, never changed or deleted, one by one or in bulk."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionDenied("Access log entries cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionDenied("Access log entries cannot be deleted.")


class AccessLogEntry(models.Model):
    """One read of a record that holds personal data: who, when, what, through which request.

    Entries are written by `access_record` and never changed or deleted."""

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    # Whoever read personal data cannot be deleted (deactivate the account instead).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("user name"), max_length=150)
    action = models.CharField(_("action"), max_length=10, choices=AccessAction.choices)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, verbose_name=_("record type")
    )
    object_id = models.CharField(_("record id"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=200)
    path = models.CharField(_("address"), max_length=500, blank=True)
    request_id = models.CharField(_("request id"), max_length=32, blank=True)

    objects = AccessLogEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]
        indexes = [
            # The log newest first, whole or by record type or by person (the filter on the
            # user name ignores case, as UPPER() in this index does).
            models.Index(F("at").desc(), F("id").desc(), name="access_log_latest_first"),
            models.Index("content_type", F("at").desc(), name="access_log_type_latest_first"),
            models.Index(Upper("username"), F("at").desc(), name="access_log_user_latest_first"),
        ]
        permissions = [
            ("export_accesslogentry", _("Can export the access log")),
            # Kept here, with the log of such reads: see liaison.core.permissions.
            (
                codename(VIEW_PERSONAL_DATA),
                _("Can see personal data (contact details, participants)"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.username} {self.action} {self.object_repr} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionDenied("An access log entry cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionDenied("An access log entry cannot be deleted.")


class UserPreference(models.Model):
    """What one person chose for themselves: the language Liaison speaks to them in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="preference",
        verbose_name=_("user"),
    )
    # Empty: follow the browser (or the switcher, for this browser only).
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("The language of the pages, e-mails and reports Liaison makes for you."),
    )

    class Meta:
        verbose_name = _("user preference")
        verbose_name_plural = _("user preferences")

    def __str__(self) -> str:
        return f"{self.user} ({self.language or '-'})"
