from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from liaison.instruments.models import ChangeProposal, Instrument, InstrumentEvent
from liaison.sources.admin import CitationInline


class ReadOnlyLifecycle:
    """Events are recorded through the lifecycle (instrument page, API, loader), which
    checks the transitions and the four eyes; here they are only shown."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class InstrumentEventInline(ReadOnlyLifecycle, admin.TabularInline):
    model = InstrumentEvent
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["title", "partner", "type", "adequacy_act", "strategic", "key"]
    list_filter = ["type", "adequacy_act", "strategic", "partner__kind"]
    search_fields = ["title", "key", "partner__name", "partner__code"]
    autocomplete_fields = ["partner", "eu_party"]
    inlines = [InstrumentEventInline, CitationInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A legal basis with a history ends through the lifecycle, with four eyes.
        if obj is not None and obj.is_recorded_legal_basis():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # deletes without asking each instrument
        return actions


@admin.register(InstrumentEvent)
class InstrumentEventAdmin(ReadOnlyLifecycle, admin.ModelAdmin):
    list_display = ["instrument", "kind", "date", "date_precision"]
    list_filter = ["kind"]
    search_fields = ["instrument__title", "instrument__key"]
    inlines = [CitationInline]


@admin.register(ChangeProposal)
class ChangeProposalAdmin(ReadOnlyLifecycle, admin.ModelAdmin):
    list_display = ["instrument", "kind", "date", "status", "proposed_by", "decided_by"]
    list_filter = ["status", "kind"]
