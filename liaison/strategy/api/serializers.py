from __future__ import annotations

from typing import Any

from rest_framework import serializers

from liaison.strategy.models import KeyAction, Priority, ProgressSnapshot, Strategy


class KeyActionSerializer(serializers.ModelSerializer[KeyAction]):
    class Meta:
        model = KeyAction
        fields = [
            "key",
            "number",
            "text",
            "target",
            "narrative_status",
            "narrative",
            "narrative_on",
        ]


class PrioritySerializer(serializers.ModelSerializer[Priority]):
    key_actions = KeyActionSerializer(many=True, read_only=True)

    class Meta:
        model = Priority
        fields = ["number", "title", "summary", "key_actions"]


class StrategySerializer(serializers.ModelSerializer[Strategy]):
    priorities = PrioritySerializer(many=True, read_only=True)

    class Meta:
        model = Strategy
        fields = ["key", "title", "period_start", "period_end", "priorities"]


class PartnerRefSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()


class KeyActionProgressSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    number = serializers.IntegerField()
    text = serializers.CharField()
    target_kind = serializers.CharField()
    measurable = serializers.BooleanField()
    percent = serializers.IntegerField(
        allow_null=True, help_text="Null without a measurable target."
    )
    figure = serializers.CharField()
    done = serializers.ListField(
        child=serializers.CharField(), help_text="Partner codes (or years) done."
    )
    not_done = serializers.ListField(child=serializers.CharField())
    narrative_status = serializers.CharField()
    narrative = serializers.CharField()
    narrative_on = serializers.DateField(allow_null=True)
    error = serializers.CharField(help_text="Why the target cannot be computed; empty if it can.")


class PriorityProgressSerializer(serializers.Serializer[Any]):
    number = serializers.IntegerField()
    title = serializers.CharField()
    percent = serializers.IntegerField(allow_null=True)
    key_actions = KeyActionProgressSerializer(many=True)


class StrategyProgressSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    title = serializers.CharField()
    as_of = serializers.DateField()
    include_demo = serializers.BooleanField(help_text="Whether demo records are counted.")
    demo_records = serializers.IntegerField(
        help_text="Demo records in the register (left out unless include_demo)."
    )
    priorities = PriorityProgressSerializer(many=True)


class ProgressSnapshotSerializer(serializers.ModelSerializer[ProgressSnapshot]):
    key_action = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        model = ProgressSnapshot
        fields = ["key_action", "taken_on", "percent", "figure"]


class RegionAlignmentSerializer(serializers.Serializer[Any]):
    region = serializers.CharField(help_text="The region's code.")
    name = serializers.CharField()
    policy_documents = serializers.ListField(
        child=serializers.CharField(), help_text="References of the EU policy documents."
    )
    partners = serializers.IntegerField()
    partners_in_force = serializers.IntegerField(
        help_text="Partners with an instrument in force on the date."
    )
    engagements = serializers.IntegerField()
    lags = serializers.BooleanField(
        help_text="EU policy prioritises it and no partner there has an instrument in force."
    )
