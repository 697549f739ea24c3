"""API tokens: `Authorization: Token <key>`, refused once expired or revoked."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from liaison.core.models import ApiToken, api_token_digest

# How stale `last_used` may get before a request writes it again (one write, not one a request).
LAST_USED_GRANULARITY = datetime.timedelta(minutes=5)


class ApiTokenAuthentication(TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key: str) -> tuple[Any, ApiToken]:
        token = (
            ApiToken.objects.select_related("user").filter(key_digest=api_token_digest(key)).first()
        )
        if token is None:
            raise AuthenticationFailed(_("This token is not known: check it, or create a new one."))
        now = timezone.now()
        if token.revoked is not None:
            raise AuthenticationFailed(
                _("This token was revoked on %(day)s: create a new one on your account page.")
                % {"day": f"{token.revoked:%Y-%m-%d}"}
            )
        if token.expires <= now:
            raise AuthenticationFailed(
                _("This token expired on %(day)s: create a new one on your account page.")
                % {"day": f"{token.expires:%Y-%m-%d}"}
            )
        if not token.user.is_active:
            raise AuthenticationFailed(_("The account this token belongs to is disabled."))
        if token.last_used is None or now - token.last_used > LAST_USED_GRANULARITY:
            # Bookkeeping, not a change anyone made: written past the model's signals.
            ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        return token.user, token
