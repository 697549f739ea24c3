"""Response headers Liaison adds to every answer."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.core.history import history_context
from liaison.core.log_format import current_request_id
from liaison.core.selectors import second_factor_given, second_factor_required

_View = TypeVar("_View", bound=Callable[..., Any])


# An id from the proxy is kept when it is made of these (and fits the 32 characters that
# the access log and the change history keep); a UUID is kept without its dashes.
_WELL_FORMED_ID = re.compile(r"[A-Za-z0-9._-]{8,32}")


def _request_id_from_proxy(request: HttpRequest) -> str | None:
    if not settings.TRUST_X_REQUEST_ID:
        return None
    given = request.headers.get("X-Request-ID", "").strip()
    if _WELL_FORMED_ID.fullmatch(given):
        return given
    try:
        return uuid.UUID(given).hex
    except ValueError:
        return None


class RequestIdMiddleware:
    """Gives every request an id (`request.request_id`), sent back as `X-Request-ID`, so that
    a log line, an access-log entry and a person's report can be matched. Behind a proxy
    that sets X-Request-ID (LIAISON_TRUST_X_REQUEST_ID), a well-formed one is kept, so the
    proxy's log and Liaison's name a request alike."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = _request_id_from_proxy(request) or uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response.headers["X-Request-ID"] = request_id
        return response


class NulInPathMiddleware:
    """An address with a NUL character is not found, before any view looks it up: no record
    has one in its code or key, and PostgreSQL refuses to even compare with it. (Query
    parameters and bodies are checked by the filters, forms and the JSON parser, which
    name the field.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info:
            raise Http404("No address holds a NUL character.")
        return self.get_response(request)


class HistoryMiddleware:
    """Opens the change context of the request: every change it writes to the history names
    the request's user (read when the change is written, so an API token's user too) and
    the request id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with history_context(
            actor=lambda: getattr(request, "user", None),
            correlation_id=getattr(request, "request_id", None),
        ):
            return self.get_response(request)


# What a login still waiting for its second factor may reach (besides the views marked
# with `second_factor_not_required`).
SECOND_FACTOR_OPEN_VIEWS = {
    "second_factor_verify",
    "second_factor_setup",
    "logout",
    "login",
    "accessibility_statement",
    # Someone who cannot read the code page's language must be able to change it.
    "language_switch",
}


def second_factor_not_required(view: _View) -> _View:
    """Mark a view that answers by a key of its own (e.g. a secret calendar address), not
    by the session that may come with the request: a login still waiting for its second
    factor reaches it like anyone else."""
    view.second_factor_not_required = True  # type: ignore[attr-defined]
    return view


class SecondFactorMiddleware:
    """A logged-in person whose role needs a second factor reaches nothing but the code
    page (or the set-up page, if they have no authenticator yet) until they give a code."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or second_factor_given(user):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in SECOND_FACTOR_OPEN_VIEWS:
            return None
        if getattr(view_func, "second_factor_not_required", False):
            return None
        if not second_factor_required(user):
            return None
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {
                    "detail": "Your role needs a second factor: log in on the web page and give "
                    "the one-time code first, or use an API token."
                },
                status=403,
            )
        has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        target = reverse("second_factor_verify" if has_device else "second_factor_setup")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


class QueryCountMiddleware:
    """For `scripts/benchmark` only (LIAISON_BENCHMARK=true): the number of SQL queries a
    request made before its answer was handed over, sent as `X-Query-Count`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.db import connection

        count = 0

        def counter(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response.headers["X-Query-Count"] = str(count)
        return response


class HtmxLoginRedirectMiddleware:
    """A fragment asked by htmx (a partner page's panel) after the session ended: htmx
    would follow the redirect itself and put the login page inside the page that asked.
    It is told instead to load the login page as a whole page (HX-Redirect); requests
    without htmx keep the plain redirect."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.headers.get("HX-Request") != "true" or response.status_code not in (301, 302):
            return response
        location = response.get("Location", "")
        if not location.startswith(reverse("login")):
            return response
        told = HttpResponse(status=204)
        told["HX-Redirect"] = location
        return told


class UserLanguageMiddleware:
    """A logged-in person reads Liaison in the language they saved (kept in their session at
    login and on each change), whatever their browser asks for."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.utils import translation

        from liaison.core.languages import SESSION_LANGUAGE_KEY, language_codes

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = request.session.get(SESSION_LANGUAGE_KEY, "")
            if language in language_codes():
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
