from __future__ import annotations

from typing import Any

from rest_framework import serializers

from liaison.core.api.serializers import ModelCleanSerializer, PlainReadSerializerMixin
from liaison.sources.models import Citation, Source, SourceAttachment
from liaison.sources.services import source_create


class CitationSerializer(PlainReadSerializerMixin, serializers.ModelSerializer):
    source = serializers.SlugRelatedField(slug_field="key", queryset=Source.objects.all())
    source_title = serializers.CharField(source="source.title", read_only=True)

    class Meta:
        model = Citation
        fields = ["source", "source_title", "location", "confidence"]


class SourceAttachmentSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField(help_text="Where to fetch the file (signed in).")

    class Meta:
        model = SourceAttachment
        fields = ["id", "name", "media_type", "size", "sha256", "created", "download"]
        read_only_fields = fields

    def get_download(self, attachment: SourceAttachment) -> str:
        return attachment.get_absolute_url()


class SourceSerializer(ModelCleanSerializer):
    citation_count = serializers.IntegerField(read_only=True)
    attachments = SourceAttachmentSerializer(many=True, read_only=True)
    url = serializers.URLField(
        max_length=500,
        allow_null=True,
        allow_blank=True,
        required=False,
        help_text="Where the document can be read; null when none is recorded.",
    )

    def validate_url(self, value: str | None) -> str:
        return value or ""

    def create(self, validated_data: dict[str, Any]) -> Source:
        # The same service as the web form: one set of rules for both doors.
        return source_create(data=validated_data)

    def to_representation(self, instance: Source) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        data["url"] = data["url"] or None
        return data

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
            "attachments",
        ]
