from __future__ import annotations

from typing import Any

from rest_framework import serializers

from liaison.core.api.serializers import ModelCleanSerializer, PlainReadSerializerMixin
from liaison.instruments.api.serializers import (
    InstrumentEventSerializer,
    InstrumentSummarySerializer,
)
from liaison.partners.models import Partner, Region, network_member_problems
from liaison.sources.api.serializers import CitationSerializer


class RegionSerializer(PlainReadSerializerMixin, ModelCleanSerializer):
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Region
        fields = ["code", "name", "description", "citations"]


class PartnerSerializer(PlainReadSerializerMixin, ModelCleanSerializer):
    name = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Required except for ISO countries, whose name comes from ISO 3166.",
    )
    display_name = serializers.CharField(read_only=True)
    regions = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), many=True, required=False
    )
    instruments = InstrumentSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Partner
        fields = [
            "code",
            "kind",
            "name",
            "display_name",
            "aliases",
            "regions",
            "competent_in_criminal_matters",
            "name_takes_article",
            "designation_note",
            "instruments",
        ]


class PartnerInstrumentSerializer(InstrumentSummarySerializer):
    events = InstrumentEventSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta(InstrumentSummarySerializer.Meta):
        fields = [*InstrumentSummarySerializer.Meta.fields, "notes", "events", "citations"]


class PartnerDetailSerializer(PartnerSerializer):
    members = serializers.SlugRelatedField(
        slug_field="code", queryset=Partner.objects.all(), many=True, required=False
    )
    networks = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    instruments = PartnerInstrumentSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta(PartnerSerializer.Meta):
        fields = [
            *PartnerSerializer.Meta.fields,
            "description",
            "members",
            "networks",
            "citations",
        ]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        if "members" in attrs:
            problems = network_member_problems(
                kind=attrs.get("kind", getattr(self.instance, "kind", "")),
                code=attrs.get("code", getattr(self.instance, "code", "")),
                members=[(member.code, member.kind) for member in attrs["members"]],
            )
            if problems:
                raise serializers.ValidationError({"members": problems})
        return attrs
