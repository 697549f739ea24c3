"""What every admin page of a personal-data model must do: log each record it shows."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from liaison.core.services import access_record


class PersonalDataAdminMixin:
    """Writes the records an admin list or record page shows to the access log."""

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response: Any = super().changelist_view(request, extra_context)  # type: ignore[misc]
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
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
        original = getattr(response, "context_data", {}).get("original")
        if original is not None:
            access_record(user=request.user, objects=[original], request=request)
        return response
