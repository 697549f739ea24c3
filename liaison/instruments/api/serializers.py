from __future__ import annotations

from typing import Any

from rest_framework import serializers

from liaison.core.api.serializers import ModelCleanSerializer
from liaison.core.choices import DatePrecision
from liaison.instruments.choices import InstrumentStatus
from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.instruments.services import EventInput, InstrumentInput, instrument_create
from liaison.partners.choices import PartnerKind
from liaison.partners.models import Partner
from liaison.sources.api.serializers import CitationSerializer
from liaison.sources.services import CitationInput


def _citation_inputs(items: list[dict[str, Any]]) -> list[CitationInput]:
    return [
        CitationInput(
            source=item["source"],
            location=item.get("location", ""),
            confidence=item.get("confidence", "checked"),
        )
        for item in items
    ]


class InstrumentEventSerializer(ModelCleanSerializer):
    status_after = serializers.ChoiceField(choices=InstrumentStatus.choices, read_only=True)
    citations = CitationSerializer(many=True, required=False)

    class Meta:
        model = InstrumentEvent
        fields = ["id", "kind", "date", "date_precision", "status_after", "note", "citations"]
        read_only_fields = ["id"]


class InstrumentSummarySerializer(serializers.ModelSerializer):
    """An instrument as listed under its partner."""

    eu_party = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    status = serializers.ChoiceField(
        choices=InstrumentStatus.choices, read_only=True, allow_null=True
    )
    status_since = serializers.DateField(read_only=True, allow_null=True)
    status_since_precision = serializers.ChoiceField(
        choices=DatePrecision.choices, read_only=True, allow_null=True
    )

    class Meta:
        model = Instrument
        fields = [
            "id",
            "key",
            "title",
            "type",
            "strategic",
            "eu_party",
            "status",
            "status_since",
            "status_since_precision",
        ]


class InstrumentSerializer(ModelCleanSerializer):
    partner = serializers.SlugRelatedField(slug_field="code", queryset=Partner.objects.all())
    eu_party = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Partner.objects.filter(kind=PartnerKind.EU_BODY),
        allow_null=True,
        required=False,
        help_text="Code of the EU body that is party; null when the agency itself is.",
    )
    status = serializers.ChoiceField(
        choices=InstrumentStatus.choices,
        read_only=True,
        allow_null=True,
        help_text="Status on the as_of date (default today), computed from the events.",
    )
    status_since = serializers.DateField(read_only=True, allow_null=True)
    status_since_precision = serializers.ChoiceField(
        choices=DatePrecision.choices, read_only=True, allow_null=True
    )
    citations = CitationSerializer(many=True, required=False)
    events = InstrumentEventSerializer(many=True, required=False)

    class Meta:
        model = Instrument
        fields = [
            "id",
            "key",
            "partner",
            "type",
            "strategic",
            "eu_party",
            "title",
            "notes",
            "status",
            "status_since",
            "status_since_precision",
            "citations",
            "events",
        ]
        read_only_fields = ["id"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        if self.instance is not None:
            changed = sorted(name for name in ("citations", "events") if name in attrs)
            if changed:
                raise serializers.ValidationError(
                    {
                        name: ["Cannot be changed on an existing instrument here."]
                        for name in changed
                    }
                )
        return attrs

    def create(self, validated_data: dict[str, Any]) -> Instrument:
        events = [
            EventInput(
                kind=event["kind"],
                date=event.get("date"),
                date_precision=event.get("date_precision", "day"),
                note=event.get("note", ""),
                citations=_citation_inputs(event["citations"]),
            )
            for event in validated_data.pop("events", [])
        ]
        citations = _citation_inputs(validated_data.pop("citations", []))
        return instrument_create(
            data=InstrumentInput(citations=citations, events=events, **validated_data)
        )
