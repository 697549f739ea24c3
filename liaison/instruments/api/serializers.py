from __future__ import annotations

from typing import Any

from rest_framework import serializers

from liaison.core.api.serializers import ModelCleanSerializer, PlainReadSerializerMixin
from liaison.core.choices import DatePrecision
from liaison.core.dates import date_within_bounds
from liaison.instruments.choices import EventKind, InstrumentStatus
from liaison.instruments.models import ChangeProposal, Instrument, InstrumentEvent
from liaison.instruments.services import EventInput, InstrumentInput, instrument_create
from liaison.partners.choices import PartnerKind
from liaison.partners.models import Partner
from liaison.sources.api.serializers import CitationSerializer
from liaison.sources.choices import Confidence
from liaison.sources.models import Source
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


def STAND_IN_FIELD() -> serializers.BooleanField:  # noqa: N802 (a field factory)
    return serializers.BooleanField(
        source="status_since_stand_in",
        read_only=True,
        allow_null=True,
        help_text="Whether status_since is a stand-in date (e.g. the signature date for an "
        "unknown entry into force), not the recorded date of the status; null where the "
        "instrument has no status on the date asked.",
    )


class InstrumentEventSerializer(PlainReadSerializerMixin, ModelCleanSerializer):
    status_after = serializers.ChoiceField(choices=InstrumentStatus.choices, read_only=True)
    citations = CitationSerializer(many=True, required=False)

    class Meta:
        model = InstrumentEvent
        fields = [
            "id",
            "kind",
            "date",
            "date_precision",
            "date_is_stand_in",
            "status_after",
            "note",
            "citations",
        ]
        read_only_fields = ["id"]


class InstrumentSummarySerializer(PlainReadSerializerMixin, serializers.ModelSerializer):
    """An instrument as listed under its partner."""

    eu_party = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    status = serializers.ChoiceField(
        choices=InstrumentStatus.choices, read_only=True, allow_null=True
    )
    status_since = serializers.DateField(read_only=True, allow_null=True)
    status_since_precision = serializers.ChoiceField(
        choices=DatePrecision.choices, read_only=True, allow_null=True
    )
    status_date_is_stand_in = STAND_IN_FIELD()

    class Meta:
        model = Instrument
        fields = [
            "id",
            "key",
            "title",
            "type",
            "strategic",
            "adequacy_act",
            "eu_party",
            "status",
            "status_since",
            "status_since_precision",
            "status_date_is_stand_in",
        ]


class InstrumentSerializer(PlainReadSerializerMixin, ModelCleanSerializer):
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
    status_date_is_stand_in = STAND_IN_FIELD()
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
            "adequacy_act",
            "adequacy_scope",
            "edps_authorisation_reference",
            "edps_authorised_on",
            "status",
            "status_since",
            "status_since_precision",
            "status_date_is_stand_in",
            "citations",
            "events",
        ]
        # An EDPS authorisation makes an arrangement a legal basis for administrative data:
        # it is recorded through the reference dataset, reviewed as a file, not by one person.
        read_only_fields = ["id", "edps_authorisation_reference", "edps_authorised_on"]

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
            data=InstrumentInput(citations=citations, events=events, **validated_data),
            user=self.context["request"].user,
        )


class InstrumentTransitionSerializer(serializers.Serializer):
    """The next step of an instrument's life: kind, date, the source that records it."""

    kind = serializers.ChoiceField(choices=EventKind.choices)
    date = serializers.DateField(allow_null=True, validators=[date_within_bounds])
    date_precision = serializers.ChoiceField(
        choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    source = serializers.SlugRelatedField(
        slug_field="key", queryset=Source.objects.all(), help_text="The source's key."
    )
    location = serializers.CharField(
        max_length=300, allow_blank=True, default="", help_text="Place in the source."
    )
    confidence = serializers.ChoiceField(choices=Confidence.choices, default=Confidence.CHECKED)
    note = serializers.CharField(allow_blank=True, default="")


class InstrumentEventChangeSerializer(serializers.Serializer):
    """A corrected date (and precision) or note of a recorded event."""

    date = serializers.DateField(allow_null=True, validators=[date_within_bounds])
    date_precision = serializers.ChoiceField(
        choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    note = serializers.CharField(allow_blank=True, required=False)


class ChangeProposalSerializer(serializers.ModelSerializer):
    instrument = serializers.PrimaryKeyRelatedField(read_only=True)
    instrument_title = serializers.CharField(source="instrument.title", read_only=True)
    partner = serializers.CharField(source="instrument.partner.code", read_only=True)
    source = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)
    event = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    proposed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    decided_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    before = serializers.JSONField(read_only=True)
    after = serializers.JSONField(read_only=True)

    class Meta:
        model = ChangeProposal
        fields = [
            "id",
            "instrument",
            "instrument_title",
            "partner",
            "action",
            "event",
            "kind",
            "date",
            "date_precision",
            "note",
            "source",
            "location",
            "status",
            "proposed_by",
            "created",
            "decided_by",
            "decided_at",
            "decision_note",
            "before",
            "after",
        ]
        read_only_fields = fields


class ProposalDecisionSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, default="", required=False)


class InstrumentCreatedSerializer(InstrumentSerializer):
    """A new instrument, with the proposals its events became (four eyes)."""

    proposals = ChangeProposalSerializer(
        many=True,
        read_only=True,
        help_text=(
            "For a type that can carry personal data: one pending proposal per event given, "
            "in lifecycle order; the events apply once a second person approves them."
        ),
    )

    class Meta(InstrumentSerializer.Meta):
        fields = [*InstrumentSerializer.Meta.fields, "proposals"]
