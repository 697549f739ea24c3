from django.contrib import admin

from liaison.core.admin_mixins import PersonalDataAdminMixin
from liaison.engagements.models import Engagement, EngagementParticipant, Project


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
