"""What admin pages share: read only (ReadOnlyAdminMixin), deletions refused by kind and
count (DeletionConflictAdminMixin), and for personal data each record shown in the access
log (PersonalDataAdminMixin)."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.http import HttpRequest, HttpResponse

from liaison.core.conflicts import deletion_blockers
from liaison.core.permissions import holds_personal_data
from liaison.core.services import access_record


class ReadOnlyAdminMixin:
    """Records that are only shown in /admin/: nobody adds, changes or deletes them there,
    superusers included, and no bulk action is offered. For a model admin or an inline."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}


class DeletionConflictAdminMixin:
    """A deletion refused because other records refer to the object says what blocks it by
    kind and count ("3 transfer assessments"), as the API does, instead of listing the
    records (liaison.core.conflicts)."""

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(  # type: ignore[misc]
            objs, request
        )
        if protected:
            collector = NestedObjects(using=router.db_for_write(self.model))  # type: ignore[attr-defined]
            collector.collect(objs)
            protected = deletion_blockers(collector.protected)
        return deleted, model_count, perms_needed, protected


class PersonalDataAdminMixin(DeletionConflictAdminMixin):
    """Writes to the access log the personal-data records an admin page shows: the list, a
    record's page with its inlines (an engagement's participants, a meeting's invitations)
    and a record's admin history."""

    def _personal(self) -> bool:
        return holds_personal_data(self.model)  # type: ignore[attr-defined]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response: Any = super().changelist_view(request, extra_context)  # type: ignore[misc]
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None and self._personal():
            access_record(user=request.user, objects=changelist.result_list, request=request)
        return response

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response: Any = super().change_view(  # type: ignore[misc]
            request, object_id, form_url, extra_context
        )
        context = getattr(response, "context_data", {})
        shown = []
        original = context.get("original")
        if original is not None and self._personal():
            shown.append(original)
        for inline in context.get("inline_admin_formsets", []):
            formset = inline.formset
            if holds_personal_data(formset.model):
                shown.extend(form.instance for form in formset.initial_forms)
        if shown:
            access_record(user=request.user, objects=shown, request=request)
        return response

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response: Any = super().history_view(  # type: ignore[misc]
            request, object_id, extra_context
        )
        obj = getattr(response, "context_data", {}).get("object")
        if obj is not None and self._personal():
            access_record(user=request.user, objects=[obj], request=request)
        return response
