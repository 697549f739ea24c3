from __future__ import annotations

from rest_framework import serializers

from liaison.engagements.models import Engagement, Project


class ProjectSerializer(serializers.ModelSerializer[Project]):
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    partners = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

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
        ]


class EngagementSerializer(serializers.ModelSerializer[Engagement]):
    partners = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    co_organisers = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    key_actions = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)
    project = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)

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
