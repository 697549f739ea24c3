"""Forms of the lifecycle pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.choices import DatePrecision
from liaison.core.dates import date_within_bounds
from liaison.core.forms import ModelChoiceField
from liaison.sources.choices import Confidence
from liaison.sources.models import Source

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InstrumentTransitionForm(forms.Form):
    """The next step of an instrument: when, according to which document, and a note."""

    date = forms.DateField(
        label=_("Date"),
        widget=DATE_INPUT,
        input_formats=["%Y-%m-%d"],
        help_text=_("When it happened (or will happen); a past date is fine."),
        validators=[date_within_bounds],
    )
    date_precision = forms.ChoiceField(
        label=_("Date known to the"),
        choices=DatePrecision.choices,
        initial=DatePrecision.DAY,
        help_text=_("For a month or a year, give its first day (e.g. 2024-03-01)."),
    )
    source = ModelChoiceField(
        label=_("Source"),
        queryset=Source.objects.order_by("title"),
        help_text=_("The document that records this step."),
    )
    location = forms.CharField(
        label=_("Place in the source"),
        max_length=300,
        required=False,
        help_text=_("Article, page or section, e.g. Art. 2 or p. 14."),
    )
    confidence = forms.ChoiceField(
        label=_("Checked against the document?"),
        choices=Confidence.choices,
        initial=Confidence.CHECKED,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].label_from_instance = lambda source: (  # type: ignore[attr-defined]
            f"{source.title} ({source.date_text})" if source.date else source.title
        )


class ProposalDecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InstrumentEventChangeForm(forms.Form):
    """A corrected date for a recorded event (and its note)."""

    date = forms.DateField(
        label=_("Date"),
        widget=DATE_INPUT,
        input_formats=["%Y-%m-%d"],
        validators=[date_within_bounds],
    )
    date_precision = forms.ChoiceField(label=_("Date known to the"), choices=DatePrecision.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
