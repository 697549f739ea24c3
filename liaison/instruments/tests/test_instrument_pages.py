from __future__ import annotations

import pytest
from django.urls import reverse

from liaison.instruments.models import Instrument

pytestmark = [pytest.mark.django_db]

LIST = reverse("instruments:instrument_list")


def keys(response) -> set[str]:
    return {instrument.key for instrument in response.context["object_list"]}


def test_it_filters_instruments_by_status_type_and_partner(bob_client, reference_data):
    negotiating = bob_client.get(LIST, {"status": "negotiating", "type": "international_agreement"})
    partners = {i.partner.code for i in negotiating.context["object_list"]}
    assert {"DZ", "INTERPOL", "TR"} <= partners
    assert "GB" not in partners
    serbia = keys(bob_client.get(LIST, {"partner": "RS"}))
    assert serbia == set(
        Instrument.objects.filter(partner__code="RS").values_list("key", flat=True)
    )


def test_search_finds_instruments_by_the_partners_alias(bob_client, reference_data):
    found = bob_client.get(LIST, {"search": "Turkey"}).context["object_list"]
    assert found and {i.partner.code for i in found} == {"TR"}


def test_the_instrument_page_shows_its_history_and_sources(bob_client, reference_data):
    instrument = Instrument.objects.get(partner__code="INTERPOL", type="international_agreement")
    html = bob_client.get(
        reverse("instruments:instrument_detail", kwargs={"pk": instrument.pk})
    ).content.decode()
    assert "2021-07-19" in html
    assert "2021/1312" in html
