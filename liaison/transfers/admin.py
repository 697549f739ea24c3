from __future__ import annotations

from django.contrib import admin

from liaison.core.admin_mixins import PersonalDataAdminMixin, ReadOnlyAdminMixin
from liaison.transfers.models import ProvisionReview, TransferAssessment


@admin.register(TransferAssessment)
class TransferAssessmentAdmin(ReadOnlyAdminMixin, PersonalDataAdminMixin, admin.ModelAdmin):
    """Read only: an assessment is recorded by the engine and never changed or deleted.
    Every assessment the admin shows is in the access log, as on the other pages."""

    list_display = [
        "assessed_at",
        "requested_by_username",
        "partner_code",
        "data_category",
        "decision",
        "route",
        "as_of",
    ]
    list_filter = ["decision", "route", "data_category"]
    search_fields = ["partner_code", "partner__name", "requested_by_username"]
    date_hierarchy = "assessed_at"


@admin.register(ProvisionReview)
class ProvisionReviewAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: a review is proposed, approved or rejected on the provisions page, where
    the service keeps the four eyes; here it is only shown."""

    list_display = ["provision", "verdict", "status", "proposed_by", "decided_by", "decided_at"]
    list_filter = ["status", "verdict"]
    search_fields = ["provision", "citation"]
