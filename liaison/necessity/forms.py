"""The parameters of a necessity ranking, read the same way by the page, the files and the
API: a bad value is an error naming its field (a form error, a 400), never a server error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.dates import date_within_bounds, today
from liaison.necessity import engine
from liaison.necessity.selectors import DEFAULT_WINDOW_YEARS, MAX_WINDOW_YEARS, NecessityParameters

DEFAULTS = engine.Weights()
TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def _weight(label: Any, default: float, help_text: Any) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        required=False,
        min_value=0,
        max_value=1000,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "any", "placeholder": str(default)}),
    )


class NecessityParametersForm(forms.Form):
    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        validators=[date_within_bounds],
        help_text=_("The last day of the window (YYYY-MM-DD); today when empty."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    window = forms.IntegerField(
        label=_("Window (years)"),
        required=False,
        min_value=1,
        max_value=MAX_WINDOW_YEARS,
        help_text=_("How many years up to that day are counted; 3 when empty."),
    )
    volume = _weight(_("Weight of volume"), DEFAULTS.volume, _("Exchanges, both directions."))
    seriousness = _weight(
        _("Weight of seriousness"), DEFAULTS.seriousness, _("Cases, by EU crime priority.")
    )
    operations = _weight(
        _("Weight of operations"), DEFAULTS.operations, _("JITs and coordinated action days.")
    )
    structural = _weight(
        _("Weight of transfers without a basis"),
        DEFAULTS.structural,
        _("Art. 59 derogations, Art. 58(1)(b) self-assessments, refusals."),
    )
    other_crime = _weight(
        _("Weight of a case outside the crime priorities"),
        DEFAULTS.other_crime,
        _("Against 1 for a case in a priority."),
    )
    min_exchanges = forms.IntegerField(
        label=_("Fewest exchanges for a ranking"),
        required=False,
        min_value=1,
        max_value=1_000_000,
        help_text=_("Below this, not enough evidence; 10 when empty."),
    )
    structural_min = forms.IntegerField(
        label=_("Transfers without a basis that call for an agreement"),
        required=False,
        min_value=1,
        max_value=1_000_000,
        help_text=_("5 when empty."),
    )
    agreement_score = _weight(
        _("Score that calls for an agreement"),
        DEFAULTS.agreement_score,
        _("Even without such transfers; 12 when empty."),
    )
    include_demo = forms.BooleanField(label=_("Include demo records"), required=False)
    compare_on = forms.DateField(
        label=_("Compare with the strategy on"),
        required=False,
        validators=[date_within_bounds],
        help_text=_(
            "The earlier day the ranking is computed as of, to show how each partner moved "
            "since (YYYY-MM-DD, not after the last day of the window); the strategy's "
            "adoption when empty."
        ),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        self.demo_not_understood = ""
        if data is not None:
            # Query strings say include_demo=1 (or demo=1, as casework's report does), and
            # include_demo=0 means no (a checkbox alone would read any text as yes).
            data = data.copy()
            include = False
            for name in ("include_demo", "demo"):
                if name not in data:
                    continue
                value = str(data.get(name, "")).strip().lower()
                if value in TRUE_VALUES:
                    include = True
                elif value not in FALSE_VALUES:
                    self.demo_not_understood = name
            data.pop("include_demo", None)
            if include:
                data["include_demo"] = "on"
        super().__init__(data, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.demo_not_understood:
            self.add_error(
                "include_demo", _("Say 1 or 0 (yes or no) to include the demo records or not.")
            )
        compare_on, as_of = cleaned.get("compare_on"), cleaned.get("as_of") or today()
        if compare_on and compare_on > as_of:
            self.add_error(
                "compare_on",
                _("Give a day on or before the last day of the window (%(as_of)s).")
                % {"as_of": as_of.isoformat()},
            )
        return cleaned

    def parameters(self) -> NecessityParameters:
        """The parameters, defaults filled in (call after is_valid())."""
        data = self.cleaned_data
        weights = {
            name: data[name]
            for name in engine.Weights.names()
            if name in data and data[name] is not None
        }
        return NecessityParameters(
            as_of=data.get("as_of") or today(),
            window_years=data.get("window") or DEFAULT_WINDOW_YEARS,
            weights=engine.Weights(**{**DEFAULTS.to_dict(), **weights}),
            include_demo=bool(data.get("include_demo")),
            compare_on=data.get("compare_on"),
        )
