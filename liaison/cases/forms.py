"""Forms of casework: a case, an exchange (with the transfer question asked in place), an
operation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from liaison.cases.choices import CaseTool, CrimeArea
from liaison.cases.models import Case, Exchange, Operation
from liaison.cases.services import EXCHANGE_FIELDS
from liaison.core.forms import LiaisonModelForm, ModelMultipleChoiceField
from liaison.partners.choices import PartnerKind
from liaison.partners.countries import iso_country_name, translated_country_name
from liaison.partners.models import Partner
from liaison.transfers.choices import EU_MEMBER_STATES, DataCategory
from liaison.transfers.forms import TransferAssessmentForm
from liaison.transfers.models import TransferAssessment

PERSONS_STAY_IN_THE_CMS = _(
    "Identities of suspects, victims and witnesses stay in the case management system: do "
    "not write a person's name, date of birth or any detail that identifies someone here."
)


def member_state_choices() -> list[tuple[str, str]]:
    language = get_language()
    return sorted(
        (
            (code, f"{translated_country_name(iso_country_name(code) or code, language)} ({code})")
            for code in EU_MEMBER_STATES
        ),
        key=lambda choice: choice[1],
    )


class PartnerMultipleChoiceField(ModelMultipleChoiceField):
    """Partners chosen by code (as in the API and the query string)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("to_field_name", "code")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


def non_eu_partners() -> Any:
    return Partner.objects.exclude(
        kind__in=[PartnerKind.MEMBER_STATE, PartnerKind.EU_BODY]
    ).order_by("name")


class CaseForm(LiaisonModelForm):
    crime_areas = forms.MultipleChoiceField(
        label=_("Crime areas"), choices=CrimeArea.choices, widget=forms.CheckboxSelectMultiple
    )
    member_states = forms.MultipleChoiceField(
        label=_("Member States involved"),
        choices=member_state_choices,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    requesting_member_state = forms.ChoiceField(
        label=_("Requesting Member State"), choices=member_state_choices
    )
    tools = forms.MultipleChoiceField(
        label=_("Tools used"),
        choices=CaseTool.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    partners = PartnerMultipleChoiceField(
        label=_("Non-EU partners and organisations involved"),
        queryset=non_eu_partners(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )

    class Meta:
        model = Case
        fields = [
            "cms_reference",
            "title",
            "crime_areas",
            "member_states",
            "requesting_member_state",
            "partners",
            "opened_on",
            "closed_on",
            "status",
            "tools",
            "agency_role",
            "officer",
            "arrests",
            "searches",
            "seizures",
            "seizures_description",
            "seizures_value_eur",
            "extraditions",
            "surrenders",
            "convictions",
        ]
        widgets = {
            "opened_on": forms.DateInput(attrs={"type": "date"}),
            "closed_on": forms.DateInput(attrs={"type": "date"}),
            "agency_role": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].help_text = (
            str(self.fields["title"].help_text) + " " + str(PERSONS_STAY_IN_THE_CMS)
        )
        if self.instance.pk:
            self.fields["partners"].initial = list(self.instance.partners.all())

    def _post_clean(self) -> None:
        # The service validates and saves (with the partners); nothing is saved here.
        pass


class ExchangeForm(LiaisonModelForm):
    """An exchange of one case: its partner among the case's, and the assessment among the
    person's own and those asked for this case."""

    class Meta:
        model = Exchange
        fields = list(EXCHANGE_FIELDS)
        widgets = {
            name: forms.DateInput(attrs={"type": "date"})
            for name in ("sent_on", "acknowledged_on", "answered_on", "deadline")
        }

    def __init__(self, *args: Any, case: Case, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        partner: Any = self.fields["partner"]
        partner.queryset = case.partners.order_by("name")
        partner.to_field_name = "code"
        partner.label_from_instance = lambda obj: f"{obj.name} ({obj.code})"
        # The person's own assessments and those asked for this case: a short list (each
        # option shown is written to the access log by the view).
        assessments = TransferAssessment.objects.select_related("partner").filter(
            Q(requested_by=user) | Q(case=case), partner__in=case.partners.all()
        )
        assessment: Any = self.fields["transfer_assessment"]
        assessment.queryset = assessments.order_by("-assessed_at")
        assessment.label_from_instance = lambda obj: (
            f"#{obj.pk} {obj.partner_code}, {obj.get_data_category_display()}, "
            f"{obj.assessed_at.date().isoformat()}: {obj.get_decision_display()}"
        )
        assessment.help_text = _(
            "Required to record operational personal data as sent: an assessment for this "
            "partner that allowed it, made on or before the sending date. None yet? Ask the "
            "question below."
        )

    def _post_clean(self) -> None:
        # The service checks the rules (and the gate) and saves.
        pass


class ExchangeAssessmentForm(TransferAssessmentForm):
    """“May we send this?” asked from the exchange form: partner and data category are the
    exchange's own, the rest is asked here."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["partner"]
        del self.fields["data_category"]

    def service_arguments_for(self, *, partner: Partner, data_category: str) -> dict[str, Any]:
        self.cleaned_data["partner"] = partner
        self.cleaned_data["data_category"] = data_category
        return self.service_arguments()


class OperationForm(LiaisonModelForm):
    member_states = forms.MultipleChoiceField(
        label=_("Member States taking part"),
        choices=member_state_choices,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        required=False,
    )
    partners = PartnerMultipleChoiceField(
        label=_("Countries and organisations taking part"),
        queryset=non_eu_partners(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    liaison_prosecutors_of = PartnerMultipleChoiceField(
        label=_("Liaison prosecutors involved (of which partners)"),
        queryset=Partner.objects.filter(kind=PartnerKind.COUNTRY).order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Operation
        fields = [
            "key",
            "title",
            "date",
            "member_states",
            "partners",
            "liaison_prosecutors_of",
            "arrests",
            "searches",
            "seizures",
            "seizures_description",
            "seizures_value_eur",
            "extraditions",
            "surrenders",
            "convictions",
            "notes",
        ]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def _post_clean(self) -> None:
        pass


OPERATIONAL = DataCategory.OPERATIONAL_PERSONAL_DATA
