"""The form a cooperation officer records an interaction with."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.contacts.choices import InteractionKind
from liaison.contacts.models import ContactPoint
from liaison.core.dates import date_within_bounds
from liaison.core.forms import ModelMultipleChoiceField
from liaison.partners.models import Partner


class ContactPointChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.partner.name}: {obj.name}"


class InteractionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=InteractionKind.choices)
    date = forms.DateField(
        label=_("Date"),
        help_text=_("YYYY-MM-DD"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[date_within_bounds],
    )
    contact_points = ContactPointChoiceField(
        label=_("Contact points"),
        queryset=ContactPoint.objects.active().select_related("partner"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    partners = forms.CharField(
        label=_("Other partners concerned"),
        required=False,
        max_length=500,
        help_text=_("Codes separated by commas or spaces, e.g. NG, WACAP."),
    )
    summary = forms.CharField(label=_("Summary"), max_length=5000, widget=forms.Textarea)
    follow_ups = forms.CharField(
        label=_("Follow-ups"), required=False, max_length=5000, widget=forms.Textarea
    )

    def clean_partners(self) -> list[Partner]:
        codes = [code.upper() for code in self.cleaned_data["partners"].replace(",", " ").split()]
        found = {partner.code: partner for partner in Partner.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise forms.ValidationError(
                _("No partner has the code %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return list(found.values())
