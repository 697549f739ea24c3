from __future__ import annotations

from typing import Any

from auditlog.admin import LogEntryAdmin as AuditlogLogEntryAdmin
from auditlog.filters import ResourceTypeFilter
from auditlog.models import LogEntry
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from liaison.core.admin_mixins import DeletionConflictAdminMixin, ReadOnlyAdminMixin
from liaison.core.history import history_read, history_readable
from liaison.core.models import AccessLogEntry, ApiToken, RolePolicy
from liaison.core.services import api_token_revoke, user_sessions_end
from liaison.core.text import whole_number


class RolePolicyInline(admin.StackedInline):
    model = RolePolicy
    can_delete = False
    extra = 0
    max_num = 1


admin.site.unregister(Group)


# Powers beyond the roles (a superuser, a permission given by hand, a role's permissions)
# are given by a superuser only. An administrator gives roles, whose permissions are
# ROLE_PERMISSIONS (kept by `roles_sync`); otherwise they could open to themselves
# django-q2's schedule page, where a job names any Python function to run.
def _beyond_the_roles(request: HttpRequest, *fields: str) -> list[str]:
    return [] if getattr(request.user, "is_superuser", False) else list(fields)


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    inlines = [RolePolicyInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [
            *super().get_readonly_fields(request, obj),
            *_beyond_the_roles(request, "permissions"),
        ]


admin.site.unregister(User)


@admin.register(User)
class LiaisonUserAdmin(DeletionConflictAdminMixin, UserAdmin):
    actions = ["log_out_everywhere"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [
            *super().get_readonly_fields(request, obj),
            *_beyond_the_roles(request, "is_superuser", "is_staff", "user_permissions"),
        ]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A superuser's account (its password above all) is theirs and other superusers'.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(
        description=_(
            "Log the selected users out everywhere and revoke their tokens and calendar addresses"
        )
    )
    def log_out_everywhere(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        ended = sum(user_sessions_end(user=user, revoke_tokens=True) for user in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d session ended; the tokens and calendar addresses of the selected "
                "users are revoked.",
                "%(count)d sessions ended; the tokens and calendar addresses of the selected "
                "users are revoked.",
                ended,
            )
            % {"count": ended},
            messages.SUCCESS,
        )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "name", "user", "created", "expires", "revoked", "last_used"]
    list_filter = ["revoked", "expires"]
    search_fields = ["prefix", "name", "user__username"]
    readonly_fields = ["prefix", "name", "user", "created", "expires", "revoked", "last_used"]
    fields = ("prefix", "name", "user", "created", "expires", "revoked", "last_used")
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A key is shown once to its owner: tokens are made on the account page or the CLI.
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset.filter(revoked__isnull=True):
            api_token_revoke(token=token)
        self.message_user(request, _("The selected tokens are revoked."), messages.SUCCESS)


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: nobody writes, changes or deletes the access log by hand."""

    list_display = ["at", "username", "action", "content_type", "object_repr", "request_id"]
    list_filter = ["action", "content_type"]
    search_fields = ["username", "object_repr", "request_id"]
    date_hierarchy = "at"


class ResourceTypeNumberFilter(ResourceTypeFilter):
    """auditlog's filter by kind of record, for which a value that is not a kind's number
    (typed in the address) selects nothing instead of failing."""

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if value is None:
            return queryset
        content_type = whole_number(value)
        if content_type is None:
            return queryset.none()
        return queryset.filter(content_type_id=content_type)


admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class ChangeLogEntryAdmin(ReadOnlyAdminMixin, AuditlogLogEntryAdmin):
    """The change history, read only: nobody adds, changes or deletes an entry. Entries of
    personal-data records are read under the same rule as on the change log page: shown only
    to those who may see personal data, and each record shown (a list, a search, an entry)
    is written to the access log."""

    list_filter = [
        ResourceTypeNumberFilter if item is ResourceTypeFilter else item
        for item in AuditlogLogEntryAdmin.list_filter
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return history_readable(super().get_queryset(request), user=request.user)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response: Any = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            history_read(user=request.user, entries=changelist.result_list, request=request)
        return response

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response: Any = super().change_view(request, object_id, form_url, extra_context)
        entry = getattr(response, "context_data", {}).get("original")
        if entry is not None:
            history_read(user=request.user, entries=[entry], request=request)
        return response
