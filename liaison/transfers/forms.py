"""The "May we send this?" form: the request fields of domain.md, grouped by what they are
about, each group asked only for the data categories it matters to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from liaison.core.dates import date_within_bounds
from liaison.core.filtersets import AS_OF_FIELD
from liaison.core.forms import ModelChoiceField
from liaison.partners.countries import iso_country_name, translated_country_name
from liaison.partners.models import Partner
from liaison.transfers.choices import (
    SUPPLYING_MEMBER_STATES,
    DataCategory,
    DerogationGround,
    EudprCondition,
    EudprDerogationGround,
    MemberStateAuthorisation,
    ProvisionVerdict,
    RecipientSector,
)
from liaison.transfers.models import NOTE_MAX_LENGTH

OPERATIONAL = DataCategory.OPERATIONAL_PERSONAL_DATA
NON_PERSONAL = DataCategory.NON_PERSONAL
ADMINISTRATIVE = DataCategory.ADMINISTRATIVE_PERSONAL_DATA


@dataclass(frozen=True)
class FieldGroup:
    key: str
    legend: Promise
    applies_to: Promise
    fields: tuple[str, ...]
    categories: frozenset[str]


FIELD_GROUPS = (
    FieldGroup(
        "necessity",
        _("Why is it necessary?"),
        _("For operational and administrative personal data"),
        ("necessity",),
        frozenset({OPERATIONAL, ADMINISTRATIVE}),
    ),
    FieldGroup(
        "recipient",
        _("Who receives it?"),
        _("For administrative personal data"),
        ("recipient_sector",),
        frozenset({ADMINISTRATIVE}),
    ),
    FieldGroup(
        "eudpr_derogation",
        _("If no adequacy decision or safeguards cover the recipient"),
        _("For administrative personal data"),
        ("eudpr_derogation", "eudpr_conditions", "eudpr_justification"),
        frozenset({ADMINISTRATIVE}),
    ),
    FieldGroup(
        # Not "recipient" (the sector question of administrative data): each group's name is
        # its element's id, which htmx keeps across swaps (hx-preserve).
        "receiving_authority",
        _("Which authority receives it?"),
        _("For operational personal data"),
        ("receiving_authority", "receiving_authority_competent"),
        frozenset({OPERATIONAL}),
    ),
    FieldGroup(
        "origin",
        _("Where does the data come from?"),
        _("For operational personal data"),
        (
            "originating_member_state",
            "member_state_authorisation",
            "urgent_threat",
            "authorisation_not_in_time",
        ),
        frozenset({OPERATIONAL}),
    ),
    FieldGroup(
        "onward",
        _("Will the recipient pass it on?"),
        _("For operational personal data"),
        (
            "onward_transfer_to",
            "onward_origin_authorised",
            "onward_transfer_authorised",
            "onward_weighing",
        ),
        frozenset({OPERATIONAL}),
    ),
    FieldGroup(
        "route",
        _("If no agreement or decision covers the partner"),
        _("For operational personal data"),
        ("safeguards_self_assessment", "derogation", "justification", "rights_balancing"),
        frozenset({OPERATIONAL}),
    ),
    FieldGroup(
        "core_crimes",
        _("Evidence of core international crimes"),
        _("For non-personal information and operational personal data"),
        ("core_international_crimes_evidence", "provider_approval"),
        frozenset({OPERATIONAL, NON_PERSONAL}),
    ),
)


def _member_state_choices() -> list[tuple[str, Any]]:
    # Not Denmark: legal-basis.md 8.7 (the choices say why no DK).
    language = get_language()
    states = sorted(
        (translated_country_name(iso_country_name(code) or code, language), code)
        for code in SUPPLYING_MEMBER_STATES
    )
    return [("", _("None: the data did not come from a Member State"))] + [
        (code, f"{name} ({code})") for name, code in states
    ]


class PartnerChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


class TransferAssessmentForm(forms.Form):
    partner = PartnerChoiceField(
        label=_("To which partner?"),
        queryset=Partner.objects.order_by("name"),
        to_field_name="code",
        empty_label=_("Choose a partner"),
    )
    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        input_formats=AS_OF_FIELD.input_formats,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The date of the transfer; leave empty for today."),
        validators=[date_within_bounds],
    )
    data_category = forms.ChoiceField(
        label=_("What kind of data?"), choices=DataCategory.choices, widget=forms.RadioSelect
    )
    necessity = forms.CharField(
        label=_("Necessity"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the transfer is necessary for one of the agency's tasks."),
    )
    receiving_authority = forms.CharField(
        label=_("Receiving authority"),
        required=False,
        max_length=300,
        help_text=_(
            "The partner's authority that receives the data, e.g. “Public Prosecutor's Office "
            "of Serbia”: competence is checked for it, not for the partner as a whole."
        ),
    )
    receiving_authority_competent = forms.BooleanField(
        label=_("That authority is competent for law enforcement and criminal matters"),
        required=False,
    )
    originating_member_state = forms.ChoiceField(
        label=_("Member State that supplied the data"),
        required=False,
        choices=(),
        help_text=_(
            "Denmark is not listed: it is not bound by the agency's Regulation, and data it "
            "supplied goes to the data protection officer first."
        ),
    )
    member_state_authorisation = forms.ChoiceField(
        label=_("That State's authorisation"),
        required=False,
        choices=MemberStateAuthorisation.choices,
        initial=MemberStateAuthorisation.NONE,
        widget=forms.RadioSelect,
    )
    urgent_threat = forms.BooleanField(
        label=_(
            "The transfer is essential to prevent an immediate and serious threat to the "
            "public security of a Member State or a third country, or to essential interests "
            "of a Member State"
        ),
        required=False,
    )
    authorisation_not_in_time = forms.BooleanField(
        label=_("That State's prior authorisation cannot be obtained in good time"),
        required=False,
    )
    onward_transfer_to = forms.CharField(
        label=_("Onward to"),
        required=False,
        max_length=40,
        help_text=_("The code of the final recipient (e.g. RS, INTERPOL); empty if none."),
    )
    onward_origin_authorised = forms.BooleanField(
        label=_("The Member State that supplied the data authorised that onward transfer itself"),
        required=False,
    )
    onward_transfer_authorised = forms.BooleanField(
        label=_("The agency has authorised that onward transfer"), required=False
    )
    onward_weighing = forms.CharField(
        label=_("The agency's weighing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The seriousness of the offence, the purpose of the original transfer and the "
            "level of protection at the final destination."
        ),
    )
    safeguards_self_assessment = forms.BooleanField(
        label=_(
            "The agency has assessed all the circumstances and concluded that appropriate "
            "safeguards exist"
        ),
        required=False,
    )
    derogation = forms.ChoiceField(
        label=_("Derogation ground"),
        required=False,
        choices=[("", _("None"))] + DerogationGround.choices,
    )
    justification = forms.CharField(
        label=_("Justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the derogation applies to this specific situation."),
    )
    rights_balancing = forms.CharField(
        label=_("Rights balancing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For ground (d) only: why the data subject's fundamental rights and freedoms "
            "do not override the public interest in the transfer."
        ),
    )
    recipient_sector = forms.ChoiceField(
        label=_("The recipient is"),
        required=False,
        choices=[("", _("Not said"))] + RecipientSector.choices,
        help_text=_(
            "Asked when the partner's adequacy decision covers some sectors only (e.g. "
            "private organisations in Canada, Japan or the United States)."
        ),
    )
    eudpr_derogation = forms.ChoiceField(
        label=_("Derogation (Art. 50 of Regulation (EU) 2018/1725)"),
        required=False,
        choices=[("", _("None"))] + EudprDerogationGround.choices,
    )
    eudpr_conditions = forms.MultipleChoiceField(
        label=_("Conditions of the derogation that are met"),
        required=False,
        choices=EudprCondition.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick each condition of the chosen derogation that is met."),
    )
    eudpr_justification = forms.CharField(
        label=_("Justification of the derogation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why this specific situation calls for the derogation."),
    )
    core_international_crimes_evidence = forms.BooleanField(
        label=_("The data is evidence of genocide, crimes against humanity or war crimes"),
        required=False,
    )
    provider_approval = forms.BooleanField(
        label=_("The State that provided the evidence approved its being shared"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        origin: Any = self.fields["originating_member_state"]
        origin.choices = _member_state_choices()

    def groups(self, category: str | None = None) -> list[tuple[FieldGroup, list[Any]]]:
        """The groups of fields that matter for `category`, with their bound fields; every
        group when no category is given (a page that must work without JavaScript)."""
        return [
            (group, [self[name] for name in group.fields])
            for group in FIELD_GROUPS
            if category is None or category in group.categories
        ]

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned request, as `assessment_create` takes it."""
        data = dict(self.cleaned_data)
        data["partner_code"] = data.pop("partner").code
        names = ("originating_member_state", "onward_transfer_to", "derogation")
        for name in (*names, "recipient_sector", "eudpr_derogation"):
            data[name] = data[name] or None
        # One justification is recorded: the one asked for the kind of data chosen.
        eudpr_justification = data.pop("eudpr_justification")
        if data["data_category"] == ADMINISTRATIVE:
            data["justification"] = eudpr_justification
        # Not asked for every category: absent means not authorised.
        data["member_state_authorisation"] = (
            data["member_state_authorisation"] or MemberStateAuthorisation.NONE
        )
        return data


class ProvisionReviewForm(forms.Form):
    """A proposed review of one provision: checked (against which text, on which day) or
    unverified (and why). The service decides what is required."""

    verdict = forms.ChoiceField(
        label=_("Review"), choices=ProvisionVerdict.choices, widget=forms.RadioSelect
    )
    checked_against = forms.CharField(
        label=_("Official text checked against"),
        required=False,
        max_length=300,
        help_text=_(
            "Act, language and version, e.g. “Regulation (EU) 2018/1727, English, "
            "consolidated version of 31 October 2023”. Needed for “checked”."
        ),
    )
    checked_on = forms.DateField(
        label=_("Checked on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        help_text=_("The day you read the official text. Needed for “checked”."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you found; needed for “unverified” (why)."),
    )
