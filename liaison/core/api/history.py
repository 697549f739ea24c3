"""The change history through the API: the site-wide log, and each object's own."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from liaison.core.filtersets import ChangeLogFilterSet
from liaison.core.history import change_rows, history_read, history_readable
from liaison.core.history_views import change_log_list

ACTIONS = {0: "create", 1: "update", 2: "delete", 3: "access"}


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    before = serializers.CharField(allow_blank=True)
    after = serializers.CharField(allow_blank=True)


class LogEntrySerializer(serializers.ModelSerializer):
    """One change: who, when, which request, what record, the fields before and after, and
    the record's data after the change."""

    action = serializers.SerializerMethodField()
    object_type = serializers.SerializerMethodField()
    object_id = serializers.CharField(source="object_pk")
    user: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        source="actor", slug_field="username", read_only=True, allow_null=True
    )
    request_id = serializers.CharField(source="cid", allow_null=True)
    changes = serializers.SerializerMethodField()
    data = serializers.JSONField(source="serialized_data", allow_null=True)  # type: ignore[assignment]

    class Meta:
        model = LogEntry
        fields = [
            "id",
            "timestamp",
            "user",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "request_id",
            "changes",
            "data",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=list(ACTIONS.values())))
    def get_action(self, entry: Any) -> str:
        return ACTIONS.get(entry.action, str(entry.action))

    @extend_schema_field(serializers.CharField())
    def get_object_type(self, entry: Any) -> str:
        return f"{entry.content_type.app_label}.{entry.content_type.model}"

    @extend_schema_field(ChangeSerializer(many=True))
    def get_changes(self, entry: Any) -> list[dict[str, str]]:
        return [
            {"field": row.field, "before": row.before, "after": row.after}
            for row in change_rows(entry)
        ]


class ChangeLogViewSet(viewsets.ReadOnlyModelViewSet):
    """The change log: every create, update and delete, newest first. Read only.

    Filter with `user`, `object_type` (e.g. `instruments.instrument`), `object_id`,
    `action` (0 create, 1 update, 2 delete), `since` and `until` (YYYY-MM-DD)."""

    queryset = change_log_list()
    serializer_class = LogEntrySerializer
    filterset_class = ChangeLogFilterSet

    def get_queryset(self) -> QuerySet[Any]:
        # Entries of personal-data records only for roles that may see personal data.
        return history_readable(super().get_queryset(), user=self.request.user)

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        if page is not None:
            history_read(user=self.request.user, entries=page, request=self.request)
        return page

    def get_object(self) -> Any:
        entry = super().get_object()
        history_read(user=self.request.user, entries=[entry], request=self.request)
        return entry


class LogEntryPageSerializer(serializers.Serializer):
    """A page of an object's history, as the API's lists are paged."""

    count = serializers.IntegerField()
    count_capped = serializers.BooleanField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = LogEntrySerializer(many=True)
