"""Casework in the API: partners by code, the vocabulary of domain.md; writes go through the
services (and the transfer gate)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from liaison.cases.choices import CaseTool, CrimeArea
from liaison.cases.models import Case, Exchange, JointInvestigationTeam, Operation
from liaison.cases.services import (
    EXCHANGE_FIELDS,
    case_create,
    case_update,
    exchange_create,
    exchange_update,
    jit_create,
    jit_update,
    operation_create,
    operation_update,
)
from liaison.core.api.serializers import ModelCleanSerializer, drf_validation_error
from liaison.core.dates import date_within_bounds
from liaison.core.permissions import VIEW, user_can
from liaison.partners.models import Partner
from liaison.transfers.choices import EU_MEMBER_STATES
from liaison.transfers.models import TransferAssessment


def _codes(choices: Any, **kwargs: Any) -> serializers.ListField:
    return serializers.ListField(child=serializers.ChoiceField(choices=choices), **kwargs)


def _partners(**kwargs: Any) -> serializers.SlugRelatedField:  # type: ignore[type-arg]
    return serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        required=False,
        queryset=Partner.objects.all(),
        error_messages={"does_not_exist": _("No partner has the code “{value}”.")},
        **kwargs,
    )


def _service(call: Any, **kwargs: Any) -> Any:
    try:
        return call(**kwargs)
    except DjangoValidationError as error:
        raise drf_validation_error(error) from error


RESULTS = [
    "arrests",
    "searches",
    "seizures",
    "seizures_description",
    "seizures_value_eur",
    "extraditions",
    "surrenders",
    "convictions",
]


class CaseSerializer(ModelCleanSerializer):
    """A case: a pointer to the CMS, never the identity of a suspect, victim or witness."""

    crime_areas = _codes(CrimeArea.choices, allow_empty=False)
    member_states = _codes(EU_MEMBER_STATES, allow_empty=False)
    requesting_member_state = serializers.ChoiceField(choices=EU_MEMBER_STATES)
    tools = _codes(CaseTool.choices, required=False)
    partners = _partners()
    officer = serializers.SlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.all(),
        required=False,
        allow_null=True,
    )

    class Meta:
        model = Case
        fields = [
            "id",
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
            *RESULTS,
            "illustrative",
            "demo",
        ]
        read_only_fields = ["id", "illustrative", "demo"]

    def create(self, validated_data: dict[str, Any]) -> Case:
        partners = validated_data.pop("partners", [])
        return _service(case_create, data=validated_data, partners=partners)  # type: ignore[no-any-return]

    def update(self, instance: Case, validated_data: dict[str, Any]) -> Case:
        partners = validated_data.pop("partners", None)
        return _service(case_update, case=instance, data=validated_data, partners=partners)  # type: ignore[no-any-return]


class ExchangeSerializer(ModelCleanSerializer):
    """An exchange within a case. Operational personal data is recorded as sent only with a
    `transfer_assessment` (its id) for that partner that allowed it, made on or before
    `sent_on`; otherwise 400, saying what is missing or would make it lawful."""

    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.all())
    partner = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Partner.objects.all(),
        error_messages={"does_not_exist": _("No partner has the code “{value}”.")},
    )
    transfer_assessment = serializers.PrimaryKeyRelatedField(
        queryset=TransferAssessment.objects.all(), required=False, allow_null=True
    )
    transfer_assessment_decision = serializers.CharField(
        source="transfer_assessment.decision", read_only=True, allow_null=True, default=None
    )
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Exchange
        fields = [
            "id",
            "case",
            *EXCHANGE_FIELDS,
            "transfer_assessment_decision",
            "overdue",
        ]
        read_only_fields = ["id"]

    def get_overdue(self, obj: Exchange) -> bool:
        return obj.is_overdue()

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["case"].read_only = True  # an exchange stays in its case
        if self.context.get("case") is not None:
            fields["case"].read_only = True
        return fields

    def _user(self) -> Any:
        request = self.context.get("request")
        return request.user if request is not None else None

    def create(self, validated_data: dict[str, Any]) -> Exchange:
        case = self.context.get("case") or validated_data.pop("case")
        validated_data.pop("case", None)
        return _service(exchange_create, user=self._user(), case=case, data=validated_data)  # type: ignore[no-any-return]

    def update(self, instance: Exchange, validated_data: dict[str, Any]) -> Exchange:
        validated_data.pop("case", None)
        return _service(  # type: ignore[no-any-return]
            exchange_update, user=self._user(), exchange=instance, data=validated_data
        )


class OperationSerializer(ModelCleanSerializer):
    """A coordinated action day in a case: who took part and its counted results."""

    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.all())
    member_states = _codes(EU_MEMBER_STATES, required=False)
    partners = _partners()
    liaison_prosecutors_of = _partners(
        help_text="Codes of the partners whose liaison prosecutors at the agency took part."
    )

    class Meta:
        model = Operation
        fields = [
            "id",
            "key",
            "case",
            "title",
            "date",
            "member_states",
            "partners",
            "liaison_prosecutors_of",
            *RESULTS,
            "notes",
        ]
        read_only_fields = ["id"]

    def create(self, validated_data: dict[str, Any]) -> Operation:
        case = validated_data.pop("case")
        partners = validated_data.pop("partners", [])
        prosecutors = validated_data.pop("liaison_prosecutors_of", [])
        return _service(  # type: ignore[no-any-return]
            operation_create,
            case=case,
            data=validated_data,
            partners=partners,
            liaison_prosecutors_of=prosecutors,
        )

    def update(self, instance: Operation, validated_data: dict[str, Any]) -> Operation:
        validated_data.pop("case", None)
        return _service(  # type: ignore[no-any-return]
            operation_update,
            operation=instance,
            data=validated_data,
            partners=validated_data.pop("partners", None),
            liaison_prosecutors_of=validated_data.pop("liaison_prosecutors_of", None),
        )


class JointInvestigationTeamSerializer(ModelCleanSerializer):
    """A JIT: Member States and non-EU countries as parties, participating organisations
    (e.g. ICC, UNITAD), signature, extensions and end. Its case only for those who read cases."""

    member_states = _codes(EU_MEMBER_STATES, required=False)
    crime_areas = _codes(CrimeArea.choices, required=False)
    partners = _partners()
    participants = _partners()
    extended_until = serializers.ListField(
        child=serializers.DateField(validators=[date_within_bounds]), required=False
    )
    case = serializers.PrimaryKeyRelatedField(
        queryset=Case.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = JointInvestigationTeam
        fields = [
            "key",
            "name",
            "crime_areas",
            "member_states",
            "partners",
            "participants",
            "signed_on",
            "signed_precision",
            "extended_until",
            "ends_on",
            "case",
            "notes",
            "illustrative",
        ]
        read_only_fields = ["illustrative"]

    def to_representation(self, instance: JointInvestigationTeam) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not user_can(request.user, VIEW, Case):
            data["case"] = None
        return data

    def validate_extended_until(self, value: list[Any]) -> list[str]:
        return [day.isoformat() for day in value]

    def create(self, validated_data: dict[str, Any]) -> JointInvestigationTeam:
        return _service(  # type: ignore[no-any-return]
            jit_create,
            partners=validated_data.pop("partners", []),
            participants=validated_data.pop("participants", []),
            data=validated_data,
        )

    def update(
        self, instance: JointInvestigationTeam, validated_data: dict[str, Any]
    ) -> JointInvestigationTeam:
        return _service(  # type: ignore[no-any-return]
            jit_update,
            jit=instance,
            partners=validated_data.pop("partners", None),
            participants=validated_data.pop("participants", None),
            data=validated_data,
        )


# --- Figures: counts only, never a case (what the viewer may read).


class CaseworkPartnerFiguresSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    cases = serializers.IntegerField()
    exchanges = serializers.IntegerField()
    jits = serializers.IntegerField()
    action_days = serializers.IntegerField()


class CrimeAreaFiguresSerializer(serializers.Serializer[Any]):
    crime_area = serializers.CharField()
    cases = serializers.IntegerField()


class CaseworkFiguresSerializer(serializers.Serializer[Any]):
    start = serializers.DateField()
    end = serializers.DateField()
    include_demo = serializers.BooleanField()
    demo_present = serializers.BooleanField(
        help_text="Whether demo cases exist (left out unless include_demo)."
    )
    cases = serializers.IntegerField(help_text="Cases active in the period.")
    cases_with_partners = serializers.IntegerField(help_text="Of which involve non-EU partners.")
    exchanges = serializers.IntegerField(help_text="Exchanges sent in the period.")
    jits = serializers.IntegerField()
    action_days = serializers.IntegerField()
    partners = CaseworkPartnerFiguresSerializer(many=True)
    crime_areas = CrimeAreaFiguresSerializer(many=True)
