"""Forms of the account pages, and how any form shows a service's refusal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def form_add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each message next to its field where
    the form has that field, the rest (and a plain message) above the form."""
    problems = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    for field, messages in problems.items():
        form.add_error(field if field in form.fields else None, messages)


class OneTimeCodeForm(forms.Form):
    code = forms.CharField(
        label=_("One-time code"),
        max_length=8,
        help_text=_("The 6-digit code your authenticator app shows now."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError(_("Enter the 6 digits your authenticator app shows."))
        return code


def _lifetimes() -> list[tuple[int, str]]:
    choices = {7, 30, 90, 180, 365, settings.API_TOKEN_DEFAULT_DAYS}
    return [
        (days, _("%(days)d days") % {"days": days})
        for days in sorted(choices)
        if days <= settings.API_TOKEN_MAX_DAYS
    ]


class ApiTokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("What is it for?"),
        max_length=100,
        help_text=_("A name that tells you later where this token is used."),
    )
    days = forms.TypedChoiceField(label=_("Valid for"), coerce=int, choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        days: Any = self.fields["days"]
        days.choices = _lifetimes()
        self.fields["days"].initial = settings.API_TOKEN_DEFAULT_DAYS


class LogOutEverywhereForm(forms.Form):
    revoke_tokens = forms.BooleanField(
        label=_("Also revoke all my API tokens and calendar addresses"),
        required=False,
        initial=False,
    )
