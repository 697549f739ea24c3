"""The regional networks' member countries are in the reference data, so that a country
with no contact point of its own is reached through its network's."""

from __future__ import annotations

import pytest

from liaison.contacts.selectors import channels_for
from liaison.contacts.tests.conftest import TODAY, appoint
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]


def test_iberred_and_wacap_have_their_member_countries(reference_data):
    iberred = set(Partner.objects.get(code="IBERRED").members.values_list("code", flat=True))
    wacap = set(Partner.objects.get(code="WACAP").members.values_list("code", flat=True))
    assert {"AR", "BR", "MX", "PE", "ES", "PT"} <= iberred and len(iberred) == 22
    assert {"NG", "GH", "SN", "CI"} <= wacap and len(wacap) == 16


def test_ghana_is_reached_through_the_wacap_contact_point(reference_data):
    appoint(Partner.objects.get(code="WACAP"), "Demo Contact WACAP", organisation="WACAP")
    channels = channels_for(partner=Partner.objects.get(code="GH"), on=TODAY)
    assert [channel.kind for channel in channels] == ["network_contact_point"]
    assert channels[0].via.code == "WACAP"
