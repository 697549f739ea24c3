from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from liaison.core.admin_mixins import ReadOnlyAdminMixin
from liaison.instruments.models import ChangeProposal, Instrument, InstrumentEvent
from liaison.sources.admin import CitationInline

# Events and proposals are recorded and decided through the lifecycle (instrument page, API,
# loader), which checks the transitions and the four eyes (who may approve a proposal:
# liaison.instruments.permissions); here they are only shown.


class InstrumentEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = InstrumentEvent
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["title", "partner", "type", "adequacy_act", "strategic", "key"]
    list_filter = ["type", "adequacy_act", "strategic", "partner__kind"]
    search_fields = ["title", "key", "partner__name", "partner__code"]
    autocomplete_fields = ["partner", "eu_party"]
    inlines = [InstrumentEventInline, CitationInline]
    # A legal basis for administrative data: recorded through the reviewed reference dataset.
    readonly_fields = ["edps_authorisation_reference", "edps_authorised_on"]

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
class InstrumentEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["instrument", "kind", "date", "date_precision"]
    list_filter = ["kind"]
    search_fields = ["instrument__title", "instrument__key"]
    inlines = [CitationInline]


@admin.register(ChangeProposal)
class ChangeProposalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["instrument", "kind", "date", "status", "proposed_by", "decided_by"]
    list_filter = ["status", "kind"]
