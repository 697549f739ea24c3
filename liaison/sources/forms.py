"""The form a cooperation officer records a source with (the API takes the same fields)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import LiaisonModelForm
from liaison.sources.models import Source
from liaison.sources.services import SOURCE_FIELDS


class SourceForm(LiaisonModelForm):
    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Where the document can be read, if it is public."),
    )

    class Meta:
        model = Source
        fields = list(SOURCE_FIELDS)
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}
        help_texts = {
            "key": _(
                "A short name for addresses and citations: lower-case letters, digits and "
                "hyphens, e.g. eu-serbia-agreement-2019."
            ),
            "date": _("The document's date, if it has one (YYYY-MM-DD)."),
        }
