from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from liaison.core.admin_mixins import DeletionConflictAdminMixin
from liaison.partners.models import Partner, Region, network_member_problems
from liaison.sources.admin import CitationInline


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    inlines = [CitationInline]


class PartnerAdminForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = [
            "kind",
            "code",
            "name",
            "aliases",
            "regions",
            "members",
            "competent_in_criminal_matters",
            "name_takes_article",
            "designation_note",
            "description",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        members = cleaned.get("members")
        if members is not None:
            for problem in network_member_problems(
                kind=cleaned.get("kind", ""),
                code=cleaned.get("code", ""),
                members=[(member.code, member.kind) for member in members],
            ):
                self.add_error("members", problem)
        return cleaned


@admin.register(Partner)
class PartnerAdmin(DeletionConflictAdminMixin, admin.ModelAdmin):
    form = PartnerAdminForm
    list_display = ["name", "code", "kind", "competent_in_criminal_matters"]
    list_filter = ["kind", "regions", "competent_in_criminal_matters"]
    search_fields = ["name", "code", "search_text"]
    filter_horizontal = ["regions", "members"]
    inlines = [CitationInline]
