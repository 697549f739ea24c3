"""Writes of the core: API tokens, sessions, the second factor and the access log."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.core.contributions import key_revokers
from liaison.core.models import (
    AccessAction,
    AccessLogEntry,
    ApiToken,
    api_token_digest,
)

TOKEN_KEY_PREFIX = "lia_"  # noqa: S105 (a marker, not a secret)


def api_token_create(*, user: Any, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token for `user`, valid `days` days; returns it with its key (shown only once)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Say what the token is for, e.g. “case tracker sync”.")})
    longest = settings.API_TOKEN_MAX_DAYS
    if not 1 <= days <= longest:
        raise ValidationError(
            {"days": _("A token lasts from 1 to %(days)s days.") % {"days": longest}}
        )
    key = TOKEN_KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=key[len(TOKEN_KEY_PREFIX) : len(TOKEN_KEY_PREFIX) + ApiToken.PREFIX_LENGTH],
        key_digest=api_token_digest(key),
        expires=timezone.now() + datetime.timedelta(days=days),
    )
    return token, key


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke the token now; revoking it again changes nothing."""
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
    return token


@transaction.atomic
def user_sessions_end(*, user: Any, revoke_tokens: bool = False) -> int:
    """Log `user` out everywhere: end every session of theirs (and, if asked, revoke their
    API tokens and every key the apps keep for them, e.g. calendar addresses). Returns how
    many sessions were ended."""
    ended = 0
    user_id = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == user_id:
            session.delete()
            ended += 1
    if revoke_tokens:
        # One by one, not with update(): each revocation goes into the change history.
        for token in ApiToken.objects.filter(user=user, revoked__isnull=True):
            api_token_revoke(token=token)
        for revoke in key_revokers():
            revoke(user)
    return ended


@transaction.atomic
def second_factor_setup_start(*, user: Any) -> TOTPDevice:
    """A new authenticator key for `user` to scan, replacing any earlier unconfirmed one, so
    that a key shown to one session (perhaps not the owner's) is never offered again."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)


@transaction.atomic
def second_factor_confirm(*, user: Any, device: TOTPDevice, code: str) -> bool:
    """Confirm the device being set up with a code from it; it then replaces any earlier one."""
    if device.user_id != user.pk or device.confirmed:
        return False
    if not device.verify_token(code.strip()):
        return False
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def _request_facts(request: Any) -> dict[str, str]:
    if request is None:
        return {"path": "", "request_id": ""}
    return {
        "path": request.get_full_path()[:500],
        "request_id": getattr(request, "request_id", "")[:32],
    }


@dataclass(frozen=True)
class AccessedRecord:
    """A record read, named without loading it: its type, id and how it is named."""

    content_type: ContentType
    object_id: str
    object_repr: str


def access_record(
    *,
    user: Any,
    objects: Iterable[Model],
    request: Any = None,
    action: str = AccessAction.VIEW,
) -> int:
    """Record that `user` read (or exported) these personal-data records. Returns the count."""
    return access_record_references(
        user=user,
        records=(
            AccessedRecord(ContentType.objects.get_for_model(obj), str(obj.pk), str(obj))
            for obj in objects
        ),
        request=request,
        action=action,
    )


def access_record_references(
    *,
    user: Any,
    records: Iterable[AccessedRecord],
    request: Any = None,
    action: str = AccessAction.VIEW,
) -> int:
    """Record that `user` read these records, named by reference (a record since deleted, whose
    history was read, has no object any more). One row per record and action per request,
    however many times the request shows it. Returns the number of rows written."""
    facts = _request_facts(request)
    # A DRF request wraps Django's: remember what was logged on the one both see.
    holder = getattr(request, "_request", request)
    already: set[tuple[str, int, str]] = (
        getattr(holder, "_liaison_accessed", set()) if holder is not None else set()
    )
    now = timezone.now()
    entries = []
    for record in records:
        key = (str(action), record.content_type.pk, record.object_id)
        if key in already:
            continue
        already.add(key)
        entries.append(
            AccessLogEntry(
                at=now,
                user=user if user is not None and user.is_authenticated else None,
                username=user.get_username() if user is not None else "",
                action=action,
                content_type=record.content_type,
                object_id=record.object_id[:64],
                object_repr=record.object_repr[:200],
                **facts,
            )
        )
    if holder is not None:
        holder._liaison_accessed = already
    # The log itself is append-only: a bulk insert writes rows and changes none.
    AccessLogEntry.objects.bulk_create(entries)
    return len(entries)


def access_record_rows(
    *,
    user: Any,
    model: type[Model],
    rows: Iterable[tuple[Any, str]],
    action: str = AccessAction.EXPORT,
    path: str = "",
    request_id: str = "",
    batch_size: int = 2000,
) -> int:
    """Like `access_record`, for records known only by (primary key, name): a background
    export logs the rows it wrote without holding them. Returns the count."""
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    total = 0
    batch: list[AccessLogEntry] = []
    for pk, name in rows:
        batch.append(
            AccessLogEntry(
                at=now,
                user=user,
                username=user.get_username(),
                action=action,
                content_type=content_type,
                object_id=str(pk),
                object_repr=name[:200],
                path=path[:500],
                request_id=request_id[:32],
            )
        )
        if len(batch) >= batch_size:
            AccessLogEntry.objects.bulk_create(batch)
            total += len(batch)
            batch = []
    AccessLogEntry.objects.bulk_create(batch)
    return total + len(batch)
