"""Casework in the admin: every record shown is in the access log, and exchanges are saved
through the same service (and gate) as on the web and in the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from liaison.cases.models import Case, Exchange, JointInvestigationTeam, Operation
from liaison.cases.services import EXCHANGE_FIELDS, exchange_check, exchange_create, exchange_update
from liaison.core.admin_mixins import PersonalDataAdminMixin


class ExchangeAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    """Shows the gate's refusal on the form, before anything is saved."""

    request_user: Any = None

    class Meta:
        model = Exchange
        fields = ["case", *EXCHANGE_FIELDS]

    def _post_clean(self) -> None:
        super()._post_clean()
        if self.errors or getattr(self.instance, "case_id", None) is None:
            return
        try:
            exchange_check(user=self.request_user, exchange=self.instance)
        except ValidationError as error:
            self._update_errors(error)


@admin.register(Case)
class CaseAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["cms_reference", "title", "requesting_member_state", "status", "opened_on"]
    list_filter = ["status", "demo", "illustrative"]
    search_fields = ["cms_reference", "title"]
    filter_horizontal = ["partners"]
    raw_id_fields = ["officer"]


@admin.register(Exchange)
class ExchangeAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    form = ExchangeAdminForm
    list_display = ["case", "partner", "kind", "direction", "sent_on", "deadline", "outcome"]
    list_filter = ["kind", "direction", "outcome", "data_category"]
    search_fields = ["case__cms_reference", "partner__code", "subject"]
    raw_id_fields = ["case", "transfer_assessment"]
    list_select_related = ["case", "partner"]

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, **kwargs)
        form.request_user = request.user
        return form

    def save_model(self, request: HttpRequest, obj: Exchange, form: Any, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in EXCHANGE_FIELDS}
        if change:
            exchange_update(user=request.user, exchange=obj, data=data)
        else:
            saved = exchange_create(user=request.user, case=form.cleaned_data["case"], data=data)
            obj.pk = saved.pk


@admin.register(Operation)
class OperationAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["title", "date", "case"]
    search_fields = ["title", "key", "case__cms_reference"]
    filter_horizontal = ["partners", "liaison_prosecutors_of"]
    raw_id_fields = ["case"]


@admin.register(JointInvestigationTeam)
class JointInvestigationTeamAdmin(admin.ModelAdmin):
    list_display = ["name", "signed_on", "ends_on"]
    search_fields = ["name", "key"]
    filter_horizontal = ["partners", "participants"]
    raw_id_fields = ["case"]
