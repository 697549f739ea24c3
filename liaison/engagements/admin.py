from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from liaison.core.admin_mixins import PersonalDataAdminMixin
from liaison.engagements.models import (
    CalendarFeedKey,
    Engagement,
    EngagementParticipant,
    Project,
)
from liaison.engagements.services import calendar_feed_key_revoke


class EngagementParticipantInline(admin.TabularInline):
    model = EngagementParticipant
    extra = 0
    autocomplete_fields = ["partner"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "funding_instrument", "start_date", "end_date"]
    search_fields = ["name", "key"]
    filter_horizontal = ["regions", "partners"]


@admin.register(Engagement)
class EngagementAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "start_date", "project"]
    list_filter = ["kind", "recurs_yearly"]
    search_fields = ["title", "key", "outcomes"]
    filter_horizontal = ["partners", "co_organisers", "key_actions"]
    inlines = [EngagementParticipantInline]


@admin.register(CalendarFeedKey)
class CalendarFeedKeyAdmin(admin.ModelAdmin):
    """Secret calendar addresses: seen and revoked here, made only by their owner."""

    list_display = ["prefix", "user", "created", "revoked"]
    list_filter = ["revoked"]
    search_fields = ["prefix", "user__username"]
    readonly_fields = ["prefix", "user", "created", "revoked"]
    fields = ("prefix", "user", "created", "revoked")
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # The address is shown once to its owner, on the account page.
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Revoke the selected calendar addresses"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[CalendarFeedKey]) -> None:
        for feed_key in queryset.filter(revoked__isnull=True):
            calendar_feed_key_revoke(feed_key=feed_key)
        self.message_user(
            request, _("The selected calendar addresses are revoked."), messages.SUCCESS
        )
