from django.contrib import admin

from liaison.strategy.models import KeyAction, PolicyDocument, Priority, ProgressSnapshot, Strategy


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0
    fields = ["number", "title"]


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["title", "key", "period_start", "period_end"]
    inlines = [PriorityInline]


@admin.register(KeyAction)
class KeyActionAdmin(admin.ModelAdmin):
    """Where the narrative status of a key action without a measurable target is kept."""

    list_display = ["key", "priority", "number", "narrative_status", "narrative_on"]
    list_filter = ["priority__strategy", "priority", "narrative_status"]
    search_fields = ["key", "text", "narrative"]


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "strategy"]
    filter_horizontal = ["regions"]


@admin.register(ProgressSnapshot)
class ProgressSnapshotAdmin(admin.ModelAdmin):
    list_display = ["taken_on", "key_action", "percent", "figure"]
    list_filter = ["taken_on"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # taken by the command; never edited by hand
