from django.contrib import admin

from liaison.partners.models import Partner, Region
from liaison.sources.admin import CitationInline


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    inlines = [CitationInline]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "competent_in_criminal_matters"]
    list_filter = ["kind", "regions", "competent_in_criminal_matters"]
    search_fields = ["name", "code", "search_text"]
    filter_horizontal = ["regions", "members"]
    inlines = [CitationInline]
