from django.contrib import admin

from liaison.journal.models import JournalEntry


@admin.register(JournalEntry)
class JournalEntryAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "content_type", "object_id", "author", "text"]
    list_filter = ["kind", "content_type"]
    search_fields = ["text", "author__username"]
