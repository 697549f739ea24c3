from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from liaison.necessity.models import CrimePriority, CrimePriorityCycle, SavedAnalysis


@admin.register(CrimePriorityCycle)
class CrimePriorityCycleAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_on", "ends_on"]


@admin.register(CrimePriority)
class CrimePriorityAdmin(admin.ModelAdmin):
    list_display = ["title", "cycle", "number", "crime_areas"]
    list_filter = ["cycle"]


@admin.register(SavedAnalysis)
class SavedAnalysisAdmin(admin.ModelAdmin):
    """Read only: a saved analysis never changes, in /admin/ as anywhere."""

    list_display = ["__str__", "saved_at", "author_username", "as_of"]
    readonly_fields = [
        "saved_at",
        "author",
        "author_username",
        "title",
        "as_of",
        "parameters",
        "result",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
