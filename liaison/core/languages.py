"""The language Liaison speaks to each person: saved per user, kept in their session.

Order of precedence on a request: a logged-in person's saved language (copied into the
session at login and whenever they change it, so no query is spent on it per page), then
the switcher's cookie, then the browser's Accept-Language (LocaleMiddleware)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from liaison.core.models import UserPreference

# The session key that holds the logged-in person's saved language.
SESSION_LANGUAGE_KEY = "liaison_language"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def user_language(*, user: Any) -> str:
    """The language `user` saved, or "" (follow the browser)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    preference = UserPreference.objects.filter(user=user).only("language").first()
    return preference.language if preference is not None else ""


@transaction.atomic
def user_language_set(*, user: Any, language: str) -> UserPreference:
    """Save `language` ("" to follow the browser) as the language `user` reads Liaison in."""
    if language and language not in language_codes():
        raise ValidationError(
            {"language": _("Liaison is not available in “%(language)s”.") % {"language": language}}
        )
    preference, _created = UserPreference.objects.select_for_update().get_or_create(user=user)
    if preference.language != language:
        preference.language = language
        preference.full_clean()
        preference.save()
    return preference


def session_language_remember(*, request: HttpRequest, language: str) -> None:
    """Make `language` the one of this session's pages from the next request on."""
    if not hasattr(request, "session"):
        return
    if language:
        request.session[SESSION_LANGUAGE_KEY] = language
    else:
        request.session.pop(SESSION_LANGUAGE_KEY, None)


def on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """At login the saved language takes over from the browser's."""
    if request is None:
        return
    language = user_language(user=user)
    session_language_remember(request=request, language=language)
    if language:
        translation.activate(language)
        request.LANGUAGE_CODE = language
