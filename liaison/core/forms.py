"""Forms of the account pages, and how any form shows a service's refusal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.forms.models import ModelFormMetaclass
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from liaison.core.text import whole_number


def form_add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each message next to its field where
    the form has that field, the rest (and a plain message) above the form."""
    problems = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    for field, messages in problems.items():
        form.add_error(field if field in form.fields else None, messages)


def _usable_key(field: models.Field[Any, Any], value: Any) -> bool:
    """Whether `value` can even be looked up in `field`: a word where a number is expected,
    a number beyond the column's range or a NUL character would make the database fail
    rather than find nothing."""
    try:
        python_value = field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return False
    if isinstance(python_value, str):
        return "\x00" not in python_value
    if isinstance(field, models.IntegerField) and isinstance(python_value, int):
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        return (low is None or python_value >= low) and (high is None or python_value <= high)
    return True


class _KeyCheck:
    queryset: Any
    to_field_name: str | None
    empty_values: Any

    def _key_field(self) -> models.Field[Any, Any]:
        meta = self.queryset.model._meta
        field: models.Field[Any, Any] = (
            meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        )
        return field

    def _usable(self, value: Any) -> bool:
        if value in self.empty_values or isinstance(value, models.Model):
            return True
        return _usable_key(self._key_field(), value)


# Lists too long to scroll (hundreds of partners, sources, contact points): their selects
# become searchable pickers in the browser (static/liaison/js/pickers.js), plain without it.
PICKER_MODELS = frozenset(
    {"partners.partner", "sources.source", "strategy.keyaction", "contacts.contactpoint"}
)


def picker_mark(field: forms.ModelChoiceField) -> None:
    """Mark the field's select as a searchable picker when it chooses among a long list."""
    queryset = getattr(field, "queryset", None)
    if queryset is not None and queryset.model._meta.label_lower in PICKER_MODELS:
        field.widget.attrs.setdefault("data-picker", "")


class ModelChoiceField(_KeyCheck, forms.ModelChoiceField):
    """A choice of one record that answers a malformed value with its form error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        picker_mark(self)

    def to_python(self, value: Any) -> Any:
        if not self._usable(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        # Shown again with its error: a malformed value selects nothing (a widget that
        # looks the value up, like the admin's autocomplete, would fail on it).
        return super().prepare_value(value if self._usable(value) else None)


class ModelMultipleChoiceField(_KeyCheck, forms.ModelMultipleChoiceField):
    """A choice of several records that answers a malformed value with its form error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        picker_mark(self)

    def clean(self, value: Any) -> Any:
        # Before Django's clean, whose first step (prepare_value) would drop them silently.
        for key in value if isinstance(value, list | tuple) else []:
            if not self._usable(key):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(key).replace("\x00", "")},
                )
        return super().clean(value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            value = [item for item in value if self._usable(item)]
        return super().prepare_value(value)


def liaison_formfield(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """The form field of a model field, with the choice fields above for relations: every
    model form and admin page uses it."""
    if isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", ModelChoiceField)
    elif isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    formfield: forms.Field | None = db_field.formfield(**kwargs)
    return formfield


class _LiaisonModelFormMetaclass(ModelFormMetaclass):
    def __new__(mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any]) -> Any:
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(liaison_formfield)
        return super().__new__(mcs, name, bases, attrs)


class LiaisonModelForm(forms.ModelForm, metaclass=_LiaisonModelFormMetaclass):
    """The base of Liaison's model forms: relations use the choice fields above."""


RELATION_FORM_FIELDS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.ForeignKey: {"form_class": ModelChoiceField},
    models.OneToOneField: {"form_class": ModelChoiceField},
    models.ManyToManyField: {"form_class": ModelMultipleChoiceField},
}


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
        if whole_number(code, digits=6) is None or len(code) != 6:
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


def _attrs_html(attrs: dict[str, Any]) -> str:
    # As django/forms/widgets/attrs.html writes them: True alone, False left out.
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    )


class _QuickOptionsMixin:
    """Writes a select and its options in Python, as Django's templates would, instead of
    rendering one template per option: a filter offering every partner (several hundred
    options) took half of the CPU of an assessment list page."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        if widget.get("template_name") not in _DJANGO_SELECT_TEMPLATES:
            return super().render(name, value, attrs, renderer)  # type: ignore[misc]
        parts = [
            format_html('<select name="{}"', widget["name"]),
            _attrs_html(widget["attrs"]),
            ">",
        ]
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in group_choices:
                parts.append(
                    format_html('\n  <option value="{}"', str(option["value"]))
                    + _attrs_html(option["attrs"])
                    + format_html(">{}</option>\n", option["label"])
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every part is escaped above)


_DJANGO_SELECT_TEMPLATES = {"django/forms/widgets/select.html"}


class QuickSelect(_QuickOptionsMixin, forms.Select):
    pass


class QuickSelectMultiple(_QuickOptionsMixin, forms.SelectMultiple):
    pass


def form_quick_selects(form: forms.BaseForm) -> None:
    """Gives the form's plain selects the quick rendering (same HTML)."""
    for field in form.fields.values():
        widget = field.widget
        if type(widget) is forms.Select:
            widget.__class__ = QuickSelect
        elif type(widget) is forms.SelectMultiple:
            widget.__class__ = QuickSelectMultiple
