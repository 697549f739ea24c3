from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline

from liaison.sources.models import Citation, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "issuer", "document_type", "date", "key"]
    list_filter = ["document_type"]
    search_fields = ["title", "issuer", "key"]


class CitationInline(GenericTabularInline):
    model = Citation
    ct_field = "content_type"
    ct_fk_field = "object_id"
    extra = 0
    autocomplete_fields = ["source"]
