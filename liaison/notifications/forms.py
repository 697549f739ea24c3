from __future__ import annotations

from typing import Any

from django import forms

from liaison.notifications.choices import Frequency, NotificationKind


class NotificationPreferencesForm(forms.Form):
    """One choice per kind the person's role may receive."""

    def __init__(
        self, *args: Any, kinds: list[str], initial_frequencies: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind] = forms.ChoiceField(
                label=NotificationKind(kind).label,
                choices=Frequency.choices,
                initial=initial_frequencies[kind],
            )
