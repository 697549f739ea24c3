"""The transfer-assessment API: the request of domain.md in, the recorded answer out."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from liaison.core.choices import DatePrecision
from liaison.core.dates import date_within_bounds
from liaison.instruments.choices import InstrumentStatus, InstrumentType
from liaison.transfers.choices import (
    DataCategory,
    Decision,
    DerogationGround,
    EudprCondition,
    EudprDerogationGround,
    MemberStateAuthorisation,
    RecipientSector,
    Route,
)


def _invalid_choice(what: str, choices: list[str]) -> dict[str, Any]:
    return {"invalid_choice": f"“{{input}}” is not {what}: use one of {', '.join(choices)}."}


class TransferAssessmentCreateSerializer(serializers.Serializer):
    """The request fields of domain.md; what is left out takes its default."""

    partner = serializers.CharField(max_length=40, help_text="The partner's code, e.g. RS.")
    data_category = serializers.ChoiceField(
        choices=DataCategory.choices,
        error_messages=_invalid_choice("a data category", DataCategory.values),
    )
    as_of = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The date of the transfer (YYYY-MM-DD); default today.",
        validators=[date_within_bounds],
    )
    necessity = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Why the transfer is necessary for one of the agency's tasks.",
    )
    receiving_authority = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=300,
        help_text="The partner's authority that receives the data, e.g. “Public Prosecutor's "
        "Office of Serbia”. Required for operational personal data (Art. 56(1)(b) is answered "
        "for it).",
    )
    receiving_authority_competent = serializers.BooleanField(
        default=False,
        help_text="That authority is competent for law enforcement and criminal matters.",
    )
    originating_member_state = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        default=None,
        help_text="The code of the EU Member State that supplied the data, e.g. SE; null if none.",
    )
    member_state_authorisation = serializers.ChoiceField(
        choices=MemberStateAuthorisation.choices,
        default=MemberStateAuthorisation.NONE,
        error_messages=_invalid_choice("an authorisation", MemberStateAuthorisation.values),
    )
    urgent_threat = serializers.BooleanField(default=False)
    authorisation_not_in_time = serializers.BooleanField(
        default=False,
        help_text="With urgent_threat: the prior authorisation cannot be obtained in good time "
        "(Art. 56(4)).",
    )
    onward_transfer_to = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        default=None,
        help_text="The code of the final recipient the partner would pass the data on to.",
    )
    onward_transfer_authorised = serializers.BooleanField(
        default=False, help_text="The agency authorised the onward transfer."
    )
    onward_origin_authorised = serializers.BooleanField(
        default=False,
        help_text="The originating Member State authorised the onward transfer itself.",
    )
    onward_weighing = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="The agency's weighing: seriousness of the offence, purpose of the original "
        "transfer, level of protection at the final destination.",
    )
    safeguards_self_assessment = serializers.BooleanField(default=False)
    derogation = serializers.ChoiceField(
        choices=DerogationGround.choices,
        required=False,
        allow_null=True,
        allow_blank=True,
        default=None,
        error_messages=_invalid_choice("a derogation ground", DerogationGround.values),
    )
    justification = serializers.CharField(required=False, allow_blank=True, default="")
    rights_balancing = serializers.CharField(required=False, allow_blank=True, default="")
    core_international_crimes_evidence = serializers.BooleanField(default=False)
    provider_approval = serializers.BooleanField(default=False)
    recipient_sector = serializers.ChoiceField(
        choices=RecipientSector.choices,
        required=False,
        allow_null=True,
        allow_blank=True,
        default=None,
        help_text="Administrative personal data: whether the recipient is a public authority "
        "or a private organisation (asked when an adequacy decision covers some sectors only).",
        error_messages=_invalid_choice("a recipient's sector", RecipientSector.values),
    )
    eudpr_derogation = serializers.ChoiceField(
        choices=EudprDerogationGround.choices,
        required=False,
        allow_null=True,
        allow_blank=True,
        default=None,
        help_text="Administrative personal data: a derogation of Art. 50 of Regulation (EU) "
        "2018/1725, with `justification` and its `eudpr_conditions`.",
        error_messages=_invalid_choice(
            "a derogation of Art. 50 EUDPR", EudprDerogationGround.values
        ),
    )
    eudpr_conditions = serializers.ListField(
        child=serializers.ChoiceField(
            choices=EudprCondition.choices,
            error_messages=_invalid_choice(
                "a condition of an Art. 50 EUDPR derogation", EudprCondition.values
            ),
        ),
        required=False,
        default=list,
        help_text="The conditions of the derogation the requester confirms.",
    )


class InstrumentReferenceSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    title = serializers.CharField(allow_null=True)


class LegalBasisSerializer(serializers.Serializer):
    route = serializers.ChoiceField(choices=Route.choices)
    provision = serializers.CharField()
    instrument = InstrumentReferenceSerializer(allow_null=True)
    unverified = serializers.BooleanField(
        help_text="The provision or the instrument's record is not checked against its source."
    )


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()
    provision = serializers.CharField()
    unverified = serializers.BooleanField()


class InstrumentRecordSerializer(serializers.Serializer):
    """An instrument the engine was given, as it stood on the as-of date."""

    id = serializers.IntegerField()
    key = serializers.CharField()
    title = serializers.CharField()
    type = serializers.ChoiceField(choices=InstrumentType.choices)
    status = serializers.ChoiceField(choices=InstrumentStatus.choices)
    status_since = serializers.DateField(allow_null=True)
    status_since_precision = serializers.ChoiceField(choices=DatePrecision.choices, allow_null=True)
    status_date_is_stand_in = serializers.BooleanField(
        default=False,
        help_text="Whether status_since is a stand-in date, not the recorded one.",
    )
    unverified = serializers.BooleanField()
    relied_on = serializers.BooleanField(help_text="Whether it is one of the legal bases.")
    last_updated = serializers.DateTimeField(help_text="When its record was last changed.")
    version = serializers.CharField(help_text="A digest of its record, events and sources.")


class TransferAssessmentSerializer(serializers.Serializer):
    """A recorded assessment: the answer, then the request it answers. (Fields are declared,
    not read from the model: it is the public contract, and cheaper to build per answer.)"""

    id = serializers.IntegerField(read_only=True)
    decision = serializers.ChoiceField(choices=Decision.choices, read_only=True)
    route = serializers.ChoiceField(
        choices=Route.choices,
        allow_null=True,
        read_only=True,
        help_text="The primary legal basis; null unless allowed.",
    )
    legal_bases = LegalBasisSerializer(
        many=True, read_only=True, help_text="Empty unless allowed; the primary basis first."
    )
    reasons = ReasonSerializer(many=True, read_only=True)
    conditions = serializers.ListField(child=serializers.CharField(), read_only=True)
    missing = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="What would make a refused transfer lawful.",
    )
    follow_ups = serializers.ListField(child=serializers.CharField(), read_only=True)
    assessed_at = serializers.DateTimeField(read_only=True)
    as_of = serializers.DateField(
        read_only=True, help_text="The date the transfer was assessed for."
    )
    partner = serializers.CharField(
        source="partner_code", read_only=True, help_text="The partner's code."
    )
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    requested_by = serializers.CharField(
        source="requested_by_username", read_only=True, help_text="The user name of who asked."
    )
    data_category = serializers.ChoiceField(choices=DataCategory.choices, read_only=True)
    necessity = serializers.CharField(read_only=True)
    receiving_authority = serializers.CharField(read_only=True)
    receiving_authority_competent = serializers.BooleanField(read_only=True)
    originating_member_state = serializers.CharField(allow_null=True, read_only=True)
    member_state_authorisation = serializers.ChoiceField(
        choices=MemberStateAuthorisation.choices, read_only=True
    )
    urgent_threat = serializers.BooleanField(read_only=True)
    authorisation_not_in_time = serializers.BooleanField(read_only=True)
    onward_transfer_to = serializers.CharField(allow_null=True, read_only=True)
    onward_transfer_authorised = serializers.BooleanField(read_only=True)
    onward_origin_authorised = serializers.BooleanField(read_only=True)
    onward_weighing = serializers.CharField(read_only=True)
    safeguards_self_assessment = serializers.BooleanField(read_only=True)
    derogation = serializers.ChoiceField(
        choices=DerogationGround.choices, allow_null=True, read_only=True
    )
    justification = serializers.CharField(read_only=True)
    rights_balancing = serializers.CharField(read_only=True)
    core_international_crimes_evidence = serializers.BooleanField(read_only=True)
    provider_approval = serializers.BooleanField(read_only=True)
    recipient_sector = serializers.ChoiceField(
        choices=RecipientSector.choices, allow_null=True, read_only=True
    )
    eudpr_derogation = serializers.ChoiceField(
        choices=EudprDerogationGround.choices, allow_null=True, read_only=True
    )
    eudpr_conditions = serializers.ListField(
        child=serializers.ChoiceField(choices=EudprCondition.choices), read_only=True
    )
    instruments_relied_on = InstrumentRecordSerializer(many=True, read_only=True)


class LegalActSerializer(serializers.Serializer):
    title = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField(help_text="The official text (ELI); empty when none was checked.")


class ProvisionSerializer(serializers.Serializer):
    """A provision the engine cites, with its review state (read only)."""

    key = serializers.CharField(source="provision.key")
    citation = serializers.CharField(source="provision.citation")
    article = serializers.CharField(source="provision.article")
    summary = serializers.CharField(source="provision.summary")
    acts = LegalActSerializer(source="provision.acts", many=True)
    checked = serializers.BooleanField(
        help_text="Checked against the official text; false means the engine cites it as "
        "(unverified)."
    )
    checked_by = serializers.CharField()
    checked_on = serializers.DateField(allow_null=True)
    checked_against = serializers.CharField()
    approved_by = serializers.CharField(
        help_text="Who approved the review in Liaison; empty for a check recorded in "
        "provisions.yaml."
    )
    review = serializers.IntegerField(source="review.pk", allow_null=True, default=None)
    pending_review = serializers.IntegerField(source="pending.pk", allow_null=True, default=None)
