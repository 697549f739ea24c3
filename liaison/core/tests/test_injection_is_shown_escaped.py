"""Text typed into any free-text field is shown back as text, never run as markup."""

from __future__ import annotations

import pytest
from django.urls import reverse

from liaison.instruments.testing.factories import InstrumentFactory, SourceFactory, add_event, cite
from liaison.partners.models import Partner, Region

pytestmark = [pytest.mark.django_db]

PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture
def hostile_register(db):
    """Every free-text field of the register holds the payload."""
    source = SourceFactory(title=f"T{PAYLOAD}", issuer=f"I{PAYLOAD}", seed_file=f"S{PAYLOAD}")
    region = Region.objects.create(code="r", name=f"R{PAYLOAD}", description=f"D{PAYLOAD}")
    partner = Partner.objects.create(
        code="ORGX",
        kind="judicial_network",
        name=f"N{PAYLOAD}",
        aliases=[f"A{PAYLOAD}"],
        designation_note=f"F{PAYLOAD}",
        description=f"D{PAYLOAD}",
    )
    partner.regions.add(region)
    cite(partner, source, location=f"L{PAYLOAD}")
    instrument = InstrumentFactory(partner=partner, title=f"T{PAYLOAD}", notes=f"O{PAYLOAD}")
    cite(instrument, source, location=f"L{PAYLOAD}")
    add_event(instrument, note=f"E{PAYLOAD}", source=source)
    return {"partner": partner, "instrument": instrument, "source": source}


def pages(register):
    return [
        reverse("home"),
        reverse("partners:partner_list"),
        reverse("partners:partner_list") + "?search=" + "x",
        reverse("partners:partner_detail", kwargs={"code": register["partner"].code}),
        reverse("instruments:instrument_list"),
        reverse("instruments:instrument_detail", kwargs={"pk": register["instrument"].pk}),
        reverse("sources:source_list"),
        reverse("sources:source_detail", kwargs={"key": register["source"].key}),
    ]


def test_no_page_shows_the_payload_as_markup(bob_client, hostile_register):
    shown_somewhere = False
    for url in pages(hostile_register):
        html = bob_client.get(url).content.decode()
        assert PAYLOAD not in html, url
        assert "<img src=x" not in html, url
        shown_somewhere = shown_somewhere or ESCAPED in html
    assert shown_somewhere


def test_an_unknown_search_or_filter_value_is_shown_escaped(bob_client, hostile_register):
    html = bob_client.get(
        reverse("partners:partner_list"), {"search": PAYLOAD, "kind": PAYLOAD}
    ).content.decode()
    assert PAYLOAD not in html
    assert "<img src=x" not in html


def test_the_api_returns_the_text_as_data(api_bob, hostile_register):
    body = api_bob.get(f"/api/partners/{hostile_register['partner'].code}/").json()
    assert body["name"] == f"N{PAYLOAD}"
