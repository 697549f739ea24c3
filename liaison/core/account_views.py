"""A person's own account: second factor, API tokens, logging out everywhere."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.core.contributions import account_sections
from liaison.core.forms import (
    ApiTokenCreateForm,
    LogOutEverywhereForm,
    OneTimeCodeForm,
    form_add_service_error,
)
from liaison.core.languages import session_language_remember, user_language, user_language_set
from liaison.core.models import ApiToken
from liaison.core.selectors import second_factor_given, second_factor_required
from liaison.core.services import (
    api_token_create,
    api_token_revoke,
    second_factor_confirm,
    second_factor_setup_start,
    user_sessions_end,
)


def _safe_next(request: HttpRequest, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# The authenticator being set up in this session (never offered to another session).
PENDING_DEVICE_SESSION_KEY = "liaison_pending_totp_device"


def _with_next(name: str, target: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': target})}"


class AccountView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, ApiTokenCreateForm())

    def page(
        self,
        request: HttpRequest,
        form: ApiTokenCreateForm,
        new_key: str = "",
        status: int = 200,
        extra: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """The account page; `extra` is added to its context (an app's section may show
        what one of its actions just made, e.g. a new secret address)."""
        now = timezone.now()
        user: Any = request.user
        tokens = [(token, token.state(now)) for token in ApiToken.objects.filter(user=user)]
        sections = [section for section in account_sections() if section.shown_to(user)]
        context: dict[str, Any] = {}
        for section in sections:
            context.update(section.context(request))
        return render(
            request,
            "core/account.html",
            {
                **context,
                "section_templates": [section.template for section in sections],
                "roles": list(request.user.groups.order_by("name").values_list("name", flat=True)),
                "has_device": TOTPDevice.objects.filter(user=request.user, confirmed=True).exists(),
                "second_factor_required": second_factor_required(request.user),
                "verified": second_factor_given(request.user),
                "tokens": tokens,
                "saved_language": user_language(user=user),
                "language_choices": settings.LANGUAGES,
                "form": form,
                "new_key": new_key,
                "logout_form": LogOutEverywhereForm(),
                **(extra or {}),
            },
            status=status,
        )


class ApiTokenCreateView(AccountView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ApiTokenCreateForm(request.POST)
        if not form.is_valid():
            return self.page(request, form, status=400)
        try:
            token, key = api_token_create(
                user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
            )
        except ValidationError as error:
            form_add_service_error(form, error)
            return self.page(request, form, status=400)
        # The key is shown on this answer only; it is never stored or shown again.
        response = self.page(request, ApiTokenCreateForm(), new_key=key)
        response["Cache-Control"] = "no-store"
        return response


class AccountLanguageView(LoginRequiredMixin, View):
    """Save the language a person reads Liaison in ("" follows their browser)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        language = request.POST.get("language", "")
        try:
            user_language_set(user=request.user, language=language)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("account")
        session_language_remember(request=request, language=language)
        with translation.override(language or translation.get_language()):
            messages.success(request, _("Your language is saved."))
        return redirect("account")


class ApiTokenRevokeView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        token = get_object_or_404(ApiToken, pk=pk, user=request.user)
        api_token_revoke(token=token)
        messages.success(
            request,
            _("The token “%(name)s” is revoked: it opens nothing any more.") % {"name": token.name},
        )
        return redirect("account")


class LogOutEverywhereView(LoginRequiredMixin, View):
    """GET asks for confirmation; POST ends every session of the user, this one included."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "core/logout_everywhere.html", {"form": LogOutEverywhereForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = LogOutEverywhereForm(request.POST)
        revoke = form.is_valid() and form.cleaned_data["revoke_tokens"]
        user_sessions_end(user=request.user, revoke_tokens=revoke)
        logout(request)
        return redirect("/login/?logged_out=everywhere")


class SecondFactorVerifyView(LoginRequiredMixin, View):
    """After the password: the one-time code from the person's authenticator."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            self.device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
            if self.device is None:
                return redirect(_with_next("second_factor_setup", _safe_next(request)))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, OneTimeCodeForm())

    def page(self, request: HttpRequest, form: OneTimeCodeForm, status: int = 200) -> HttpResponse:
        return render(
            request,
            "core/second_factor_verify.html",
            {"form": form, "next": _safe_next(request)},
            status=status,
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        form = OneTimeCodeForm(request.POST)
        if form.is_valid():
            allowed, details = self.device.verify_is_allowed()
            if not allowed:
                form.add_error(
                    None,
                    _("Too many wrong codes: wait a little, then try again with a new code."),
                )
                return self.page(request, form, status=429)
            if self.device.verify_token(form.cleaned_data["code"]):
                otp_login(request, self.device)
                return redirect(_safe_next(request))
            form.add_error(
                "code",
                _("That code is not the one your authenticator shows now. Try the next code."),
            )
        return self.page(request, form, status=400)


class SecondFactorSetupView(LoginRequiredMixin, View):
    """Set up (or replace) the authenticator app. Replacing one needs a code from the
    current one first, so that a stolen password cannot swap the second factor."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if (
            request.user.is_authenticated
            and not second_factor_given(request.user)
            and TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
        ):
            messages.info(request, _("Give a code from your current authenticator first."))
            return redirect(_with_next("second_factor_verify", reverse("second_factor_setup")))
        return super().dispatch(request, *args, **kwargs)

    def page(
        self,
        request: HttpRequest,
        form: OneTimeCodeForm,
        device: TOTPDevice,
        status: int = 200,
    ) -> HttpResponse:
        qr_data_uri = segno.make(device.config_url, error="m").svg_data_uri(
            scale=4, border=2, dark="#1d2733"
        )
        secret = base64.b32encode(device.bin_key).decode()
        return render(
            request,
            "core/second_factor_setup.html",
            {
                "form": form,
                "qr_data_uri": qr_data_uri,
                "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
                "next": _safe_next(request),
                "required": second_factor_required(request.user),
            },
            status=status,
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        # Each visit shows a new key, known to this session only.
        device = second_factor_setup_start(user=request.user)
        request.session[PENDING_DEVICE_SESSION_KEY] = device.pk
        return self.page(request, OneTimeCodeForm(), device)

    def post(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        device = TOTPDevice.objects.filter(
            pk=request.session.get(PENDING_DEVICE_SESSION_KEY), user=user, confirmed=False
        ).first()
        if device is None:
            messages.info(request, _("That set-up has expired: scan this new code instead."))
            return redirect(_with_next("second_factor_setup", _safe_next(request)))
        form = OneTimeCodeForm(request.POST)
        if form.is_valid():
            if second_factor_confirm(user=user, device=device, code=form.cleaned_data["code"]):
                request.session.pop(PENDING_DEVICE_SESSION_KEY, None)
                otp_login(request, device)
                messages.success(
                    request, _("Your authenticator is set up: each login will ask for a code.")
                )
                return redirect(_safe_next(request, default=reverse("account")))
            form.add_error(
                "code",
                _(
                    "That code does not match. Check that the app was set up with this page's "
                    "code and that the device's clock is right, then try the next code."
                ),
            )
        return self.page(request, form, device, status=400)
