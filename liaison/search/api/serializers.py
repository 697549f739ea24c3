from __future__ import annotations

from rest_framework import serializers


class SearchHitSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField(help_text="The record's page in the web UI.")
    reason = serializers.CharField(help_text='Why it matched: "alias", "similar spelling"...')
    matched = serializers.CharField(help_text="The name that matched, when not the title.")
    detail = serializers.CharField()


class SearchGroupSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="partners, instruments, sources, engagements, ...")
    label = serializers.CharField()
    personal_data = serializers.BooleanField()
    more_url = serializers.CharField(help_text="The full list filtered by the text, if more.")
    results = SearchHitSerializer(many=True, source="hits")


class SearchAnswerSerializer(serializers.Serializer):
    q = serializers.CharField(source="text")
    count = serializers.IntegerField()
    groups = SearchGroupSerializer(many=True)
