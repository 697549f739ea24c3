from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from liaison.core.api.serializers import ModelCleanSerializer, drf_validation_error
from liaison.engagements.models import Engagement, EngagementParticipant, Project
from liaison.engagements.services import engagement_create, engagement_update
from liaison.partners.models import Partner
from liaison.strategy.models import KeyAction


class ProjectSerializer(serializers.ModelSerializer[Project]):
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    partners = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    engagements = serializers.SlugRelatedField(
        slug_field="key",
        many=True,
        read_only=True,
        help_text="Keys of the engagements the project supported, newest first.",
    )

    class Meta:
        model = Project
        fields = [
            "key",
            "name",
            "funding_instrument",
            "description",
            "regions",
            "partners",
            "start_date",
            "end_date",
            "engagements",
        ]


class _KeyField(serializers.SlugRelatedField):  # type: ignore[type-arg]
    """A related record named by its code or key, with a refusal that says which."""

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        kwargs.setdefault(
            "error_messages",
            {
                "does_not_exist": f"No {what} has the {kwargs['slug_field']} “{{value}}”.",
                "invalid": f"Name the {what} by its {kwargs['slug_field']} (a string).",
            },
        )
        super().__init__(**kwargs)


class EngagementSerializer(ModelCleanSerializer):
    """An engagement; partners and co-organisers by code, key actions and project by key.
    Its key is made from the title and date when it is recorded, and never changes."""

    partners = _KeyField(
        what="partner", slug_field="code", many=True, required=False, queryset=Partner.objects
    )
    co_organisers = _KeyField(
        what="partner", slug_field="code", many=True, required=False, queryset=Partner.objects
    )
    key_actions = _KeyField(
        what="key action", slug_field="key", many=True, required=False, queryset=KeyAction.objects
    )
    project = _KeyField(
        what="project",
        slug_field="key",
        required=False,
        allow_null=True,
        queryset=Project.objects,
    )

    class Meta:
        model = Engagement
        fields = [
            "key",
            "kind",
            "title",
            "start_date",
            "end_date",
            "date_precision",
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
        read_only_fields = ["key"]

    def create(self, validated_data: dict[str, Any]) -> Engagement:
        try:
            return engagement_create(data=validated_data)
        except DjangoValidationError as error:
            raise drf_validation_error(error) from error

    def update(self, instance: Engagement, validated_data: dict[str, Any]) -> Engagement:
        try:
            return engagement_update(engagement=instance, data=validated_data)
        except DjangoValidationError as error:
            raise drf_validation_error(error) from error


class EngagementParticipantSerializer(serializers.ModelSerializer[EngagementParticipant]):
    partner = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = EngagementParticipant
        fields = ["id", "name", "organisation", "role", "partner", "anonymised_on"]
