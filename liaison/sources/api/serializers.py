from __future__ import annotations

from rest_framework import serializers

from liaison.core.api.serializers import ModelCleanSerializer
from liaison.sources.models import Citation, Source


class CitationSerializer(serializers.ModelSerializer):
    source = serializers.SlugRelatedField(slug_field="key", queryset=Source.objects.all())
    source_title = serializers.CharField(source="source.title", read_only=True)

    class Meta:
        model = Citation
        fields = ["source", "source_title", "location", "confidence"]


class SourceSerializer(ModelCleanSerializer):
    citation_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Source
        fields = [
            "key",
            "title",
            "issuer",
            "document_type",
            "date",
            "date_precision",
            "url",
            "seed_file",
            "citation_count",
        ]
