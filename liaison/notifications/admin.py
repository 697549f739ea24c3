"""Notification mails in /admin/, read only: administrators see which failed and why."""

from __future__ import annotations

from django.contrib import admin

from liaison.core.admin_mixins import ReadOnlyAdminMixin
from liaison.notifications.models import MailDelivery


@admin.register(MailDelivery)
class MailDeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "created_at",
        "user",
        "frequency",
        "period",
        "status",
        "attempts",
        "attempted_at",
    ]
    list_filter = ["status", "frequency"]
    search_fields = ["user__username", "period"]
    readonly_fields = [
        "user",
        "frequency",
        "period",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "attempted_at",
        "sent_at",
    ]
    exclude = ["notifications"]
