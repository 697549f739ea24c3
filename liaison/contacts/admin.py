from django.contrib import admin

from liaison.contacts.models import (
    ContactPoint,
    Interaction,
    LiaisonOfficer,
    Meeting,
    MeetingInvitation,
)
from liaison.core.admin_mixins import PersonalDataAdminMixin


@admin.register(ContactPoint)
class ContactPointAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["name", "partner", "organisation", "status", "appointed_on", "ended_on"]
    list_filter = ["status", "appointing_body_kind", "partner__kind"]
    search_fields = ["name", "organisation", "partner__name", "partner__code"]
    autocomplete_fields = ["partner"]
    raw_id_fields = ["predecessor"]


@admin.register(LiaisonOfficer)
class LiaisonOfficerAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "partner", "started_on", "ended_on"]
    list_filter = ["kind"]
    search_fields = ["name", "partner__name", "partner__code"]
    autocomplete_fields = ["partner"]


@admin.register(Interaction)
class InteractionAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["date", "kind", "summary"]
    list_filter = ["kind"]
    search_fields = ["summary"]
    filter_horizontal = ["contact_points", "partners"]


class MeetingInvitationInline(admin.TabularInline):
    model = MeetingInvitation
    extra = 0
    raw_id_fields = ["contact_point"]


@admin.register(Meeting)
class MeetingAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["title", "date"]
    inlines = [MeetingInvitationInline]
