from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import LiaisonModelForm
from liaison.engagements.models import Engagement, EngagementParticipant
from liaison.engagements.services import PARTICIPANT_FIELDS

PARTICIPANTS_PREFIX = "participants"


class EngagementForm(LiaisonModelForm):
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
            # Long lists: show enough rows to scan them.
            "partners": forms.SelectMultiple(attrs={"size": 10}),
            "co_organisers": forms.SelectMultiple(attrs={"size": 6}),
            "key_actions": forms.SelectMultiple(attrs={"size": 8}),
            "outcomes": forms.Textarea(attrs={"rows": 4}),
            "follow_ups": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "partners": _("Hold Ctrl (or Cmd) to choose several."),
            "co_organisers": _("Hold Ctrl (or Cmd) to choose several."),
            "key_actions": _(
                "The strategy's key actions this engagement served (Ctrl or Cmd for several)."
            ),
        }


class ParticipantForm(LiaisonModelForm):
    class Meta:
        model = EngagementParticipant
        fields = list(PARTICIPANT_FIELDS)


class BaseParticipantFormSet(forms.BaseInlineFormSet):  # type: ignore[type-arg]
    def participants(self) -> list[dict[str, Any]]:
        """The participants as the form asks for them, for `engagement_participants_set`:
        rows marked for removal and blank new rows left out."""
        wanted = []
        for form in self.forms:
            if not form.cleaned_data or self._should_delete_form(form):
                continue
            if form.instance.pk is None and not form.has_changed():
                continue
            row = {name: form.cleaned_data.get(name) for name in PARTICIPANT_FIELDS}
            row["id"] = form.instance.pk
            wanted.append(row)
        return wanted


def participant_formset(
    *, engagement: Engagement | None = None, data: Any = None
) -> BaseParticipantFormSet:
    """Participants of one engagement: its own rows, two blank ones to add people, and a
    'remove' box on each."""
    formset_class = forms.inlineformset_factory(
        Engagement,
        EngagementParticipant,
        form=ParticipantForm,
        formset=BaseParticipantFormSet,
        extra=2,
        can_delete=True,
    )
    formset: BaseParticipantFormSet = formset_class(
        data=data, instance=engagement or Engagement(), prefix=PARTICIPANTS_PREFIX
    )
    return formset
