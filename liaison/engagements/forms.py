from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.engagements.models import Engagement


class EngagementForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Engagement
        fields = [
            "kind",
            "title",
            "start_date",
            "end_date",
            "recurs_yearly",
            "place",
            "online",
            "partners",
            "co_organisers",
            "project",
            "key_actions",
            "outcomes",
            "follow_ups",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {"partners": _("Hold Ctrl (or Cmd) to choose several.")}
