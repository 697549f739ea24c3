"""The language switcher on every page (a plain form: it works without JavaScript)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from liaison.core.languages import language_codes, session_language_remember, user_language_set


@method_decorator(login_not_required, name="dispatch")
class LanguageSwitchView(View):
    """Switch this browser to a language; a logged-in person's choice is also saved as their
    preference, so it follows them to other browsers at their next login."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        target = request.POST.get("next") or request.headers.get("referer") or "/"
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = "/"
        language = request.POST.get("language", "")
        response = HttpResponseRedirect(target)
        if language not in language_codes():
            # Nothing to switch to: back to the page, unchanged (a crafted form, not a person).
            return response
        if request.user.is_authenticated:
            user_language_set(user=request.user, language=language)
            session_language_remember(request=request, language=language)
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response
