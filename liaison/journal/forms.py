from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.dates import date_within_bounds, today
from liaison.journal.models import JournalKind


class JournalEntryForm(forms.Form):
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        initial=today,
        validators=[date_within_bounds],
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=JournalKind.choices)
    text = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
