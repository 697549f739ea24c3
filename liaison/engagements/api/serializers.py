from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from liaison.core.api.serializers import ModelCleanSerializer, drf_validation_error
from liaison.engagements.models import Engagement, EngagementParticipant, Project
from liaison.engagements.services import engagement_create, engagement_update
from liaison.partners.models import Partner
from liaison.strategy.models import KeyAction


class ProjectSerializer(serializers.ModelSerializer[Project]):
    """A project with the keys of the newest engagements it supported (at most ten), how
    many it supported in all, and where the paginated list of all of them is."""

    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    partners = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    engagements = serializers.SerializerMethodField(
        help_text="Keys of the newest engagements the project supported, newest first: at "
        "most ten. `engagements_total` says how many it supported, `all_engagements` where "
        "they all are."
    )
    engagements_total = serializers.SerializerMethodField(
        help_text="How many engagements the project supported, named or not."
    )
    engagements_more = serializers.SerializerMethodField(
        help_text="How many of them `engagements` does not name (0 when it names them all)."
    )
    all_engagements = serializers.SerializerMethodField(
        help_text="When `engagements_more` is above 0: the paginated list of all the "
        "project's engagements (`/api/engagements/?project=KEY`); otherwise null."
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
            "engagements_total",
            "engagements_more",
            "all_engagements",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_engagements(self, project: Project) -> list[str]:
        return list(project.newest_engagements)  # type: ignore[attr-defined]

    def get_engagements_total(self, project: Project) -> int:
        return int(project.engagement_count)  # type: ignore[attr-defined]

    def get_engagements_more(self, project: Project) -> int:
        return self.get_engagements_total(project) - len(self.get_engagements(project))

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_all_engagements(self, project: Project) -> str | None:
        if not self.get_engagements_more(project):
            return None
        query = urlencode({"project": project.key})
        url = f"{reverse('engagement-list')}?{query}"
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


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
