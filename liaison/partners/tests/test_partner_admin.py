"""The administration pages apply the same partner rules as the API."""

from __future__ import annotations

import pytest

from liaison.partners.admin import PartnerAdminForm
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]


def form_for(partner: Partner, **changes) -> PartnerAdminForm:
    data = {
        "kind": partner.kind,
        "code": partner.code,
        "name": partner.name,
        "aliases": "[]",
        "designation_note": "",
        "description": "",
        "regions": [],
        "members": [],
        **changes,
    }
    return PartnerAdminForm(data=data, instance=partner)


def test_the_admin_refuses_members_that_are_not_countries(reference_data):
    wacap = Partner.objects.get(code="WACAP")
    form = form_for(wacap, members=[Partner.objects.get(code="UNODC").pk])
    assert not form.is_valid()
    assert "UNODC is not a country" in str(form.errors["members"])


def test_the_admin_accepts_countries_as_members(reference_data):
    wacap = Partner.objects.get(code="WACAP")
    form = form_for(wacap, members=[Partner.objects.get(code="NG").pk])
    assert form.is_valid(), form.errors
    form.save()
    assert list(wacap.members.values_list("code", flat=True)) == ["NG"]


def test_the_admin_refuses_a_kind_change_under_instruments(reference_data):
    serbia = Partner.objects.get(code="RS")
    form = form_for(serbia, kind="member_state")
    assert not form.is_valid()
    assert "cannot change" in str(form.errors["kind"])
