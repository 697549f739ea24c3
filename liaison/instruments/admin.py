from django.contrib import admin

from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.sources.admin import CitationInline


class InstrumentEventInline(admin.TabularInline):
    model = InstrumentEvent
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["title", "partner", "type", "strategic", "key"]
    list_filter = ["type", "strategic", "partner__kind"]
    search_fields = ["title", "key", "partner__name", "partner__code"]
    autocomplete_fields = ["partner", "eu_party"]
    inlines = [InstrumentEventInline, CitationInline]


@admin.register(InstrumentEvent)
class InstrumentEventAdmin(admin.ModelAdmin):
    list_display = ["instrument", "kind", "date", "date_precision"]
    list_filter = ["kind"]
    search_fields = ["instrument__title", "instrument__key"]
    inlines = [CitationInline]
