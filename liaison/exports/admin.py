"""Exports in /admin/: who asked for what and how it went, read only (the files are for
their owner alone). The job queue's own pages (failed, successful, scheduled and queued
jobs) are django-q2's, on the same site."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django_q.admin import ScheduleAdmin
from django_q.models import Schedule

from liaison.core.admin_mixins import ReadOnlyAdminMixin
from liaison.exports.models import Export


@admin.register(Export)
class ExportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "status", "rows_written", "rows_expected"]
    list_filter = ["status", "kind"]
    search_fields = ["user__username", "request_id"]
    readonly_fields = [field.name for field in Export._meta.fields]


admin.site.unregister(Schedule)


@admin.register(Schedule)
class ScheduleReadOnlyAdmin(ScheduleAdmin):
    """The schedules are those of the code (liaison.exports.jobs.SCHEDULES), read only for
    everyone, superusers included: a schedule names any Python function and its arguments,
    which a worker runs."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
