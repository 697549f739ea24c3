"""The world map: partners coloured by one question on a chosen date, as a map and a table."""

from __future__ import annotations

import datetime
import html
import re
from typing import Any

import pytest
from django.urls import reverse

from conftest import make_persona
from liaison.instruments.choices import EventKind
from liaison.instruments.models import Instrument
from liaison.instruments.testing.factories import add_event
from liaison.partners.models import Partner
from liaison.partners.world_map import world_map, world_shapes
from liaison.transfers.selectors import transfer_outlook

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
BEFORE = datetime.date(2019, 1, 1)


def categories(mode: str, on: datetime.date) -> dict[str, str]:
    found = world_map(mode=mode, on=on)
    return {entry.partner.code: entry.category for entry in found.countries + found.others}


def map_classes(content: bytes) -> dict[str, str]:
    """Partner code -> the colour class its outline is drawn with."""
    text = content.decode()
    return dict(
        (code, category)
        for category, code in re.findall(
            r'<path class="map-k-([a-z]+)" data-code="([A-Z0-9-]+)"', text
        )
    )


def test_it_answers_as_the_may_we_send_page_does_for_every_partner(reference_data: None) -> None:
    found = categories("transfer", TODAY)
    for partner in Partner.objects.filter(code__in=["RS", "GE", "NG", "US", "UA"]):
        assert found[partner.code] == transfer_outlook(partner=partner, on=TODAY).decision


def test_it_replays_serbia_and_georgia_before_their_agreements(reference_data: None) -> None:
    today, then = categories("transfer", TODAY), categories("transfer", BEFORE)
    assert today["RS"] == today["GE"] == "allowed"
    assert then["RS"] != "allowed" and then["GE"] != "allowed"
    assert categories("instrument", TODAY)["RS"] == "cooperation"
    assert categories("instrument", BEFORE)["RS"] == "none"


def test_it_reads_the_register_in_a_few_queries(reference_data: None) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        world_map(mode="transfer", on=TODAY)
    # The shared cache may itself be a table of the database (no Redis configured): its
    # reads and writes (and the savepoints around them) are not the register's.
    register = [
        q
        for q in captured.captured_queries
        if settings.CACHE_TABLE not in q["sql"] and "SAVEPOINT" not in q["sql"]
    ]
    assert len(register) <= 6, [q["sql"][:120] for q in register]


def test_every_country_partner_is_drawn(reference_data: None) -> None:
    drawn = {shape.code for shape in world_shapes().shapes}
    countries = set(Partner.objects.filter(kind="country").values_list("code", flat=True))
    assert countries <= drawn


def test_the_home_page_shows_the_map_with_links_legend_and_table(
    reference_data: None, bob_client: Any
) -> None:
    response = bob_client.get(reverse("home"))
    text = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert map_classes(response.content)["RS"] == "allowed"
    assert (
        f'<a href="{reverse("partners:partner_detail", args=["RS"])}" aria-label="Serbia:' in text
    )
    assert "Legend" in text and "The map as a table" in text
    assert "Organisations and networks" in text


def test_the_date_goes_back_without_script(reference_data: None, bob_client: Any) -> None:
    response = bob_client.get(reverse("home"), {"colour": "transfer", "on": "2019-01-01"})
    assert map_classes(response.content)["RS"] != "allowed"
    assert map_classes(response.content)["GE"] != "allowed"


def test_the_year_slider_moved_without_script_wins_over_the_date_shown(
    reference_data: None, bob_client: Any
) -> None:
    shown = TODAY.isoformat()
    response = bob_client.get(
        reverse("home"), {"colour": "transfer", "on": shown, "shown": shown, "year": "2019"}
    )
    assert 'value="2019-01-01"' in response.content.decode()
    assert map_classes(response.content)["RS"] != "allowed"


def test_a_changed_date_field_wins_over_the_slider(reference_data: None, bob_client: Any) -> None:
    response = bob_client.get(
        reverse("home"),
        {"on": "2019-12-31", "shown": TODAY.isoformat(), "year": str(TODAY.year)},
    )
    assert 'value="2019-12-31"' in response.content.decode()
    assert map_classes(response.content)["RS"] == "allowed"


def test_a_bad_date_or_colouring_is_told_not_a_500(reference_data: None, bob_client: Any) -> None:
    response = bob_client.get(reverse("home"), {"on": "2019-13-45", "colour": "nonsense"})
    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="map-on-error"' in text and 'id="map-colour-error"' in text


def test_htmx_gets_the_map_alone(reference_data: None, bob_client: Any) -> None:
    response = bob_client.get(
        reverse("partners:world_map"), {"colour": "instrument"}, HTTP_HX_REQUEST="true"
    )
    text = response.content.decode()
    assert text.lstrip().startswith('<section class="world-map')
    assert map_classes(response.content)["RS"] == "cooperation"


def test_a_region_page_colours_only_its_countries(reference_data: None, bob_client: Any) -> None:
    region = Partner.objects.get(code="RS").regions.first()
    response = bob_client.get(reverse("strategy:region_detail", args=[region.code]))
    drawn = map_classes(response.content)
    assert "RS" in drawn
    assert "NG" not in drawn


def test_casework_and_contacts_colourings_are_for_roles_that_see_them(
    reference_data: None, bob_client: Any
) -> None:
    text = bob_client.get(reverse("home")).content.decode()
    assert 'value="exchanges"' not in text
    response = bob_client.get(reverse("home"), {"colour": "exchanges"})
    assert 'id="map-colour-error"' in response.content.decode()


def test_a_change_to_the_register_shows_at_once(reference_data: None) -> None:
    assert categories("instrument", TODAY)["RS"] == "cooperation"  # now kept for reuse
    agreement = Instrument.objects.get(partner__code="RS", type="cooperation_agreement")
    add_event(agreement, EventKind.SUSPENDED, TODAY)
    assert categories("instrument", TODAY)["RS"] == "none"


def test_the_region_list_shows_the_map_once(reference_data: None, bob_client: Any) -> None:
    page = bob_client.get(reverse("strategy:region_list")).content.decode()
    assert page.count('id="world-map"') == 1
    title = page[page.index("<title>") : page.index("</title>")]
    assert "world-map" not in title


def test_the_map_is_for_signed_in_readers_of_the_register(
    reference_data: None, client: Any, django_user_model: Any
) -> None:
    response = client.get(reverse("partners:world_map"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(make_persona(django_user_model, "nora"))  # no role
    assert client.get(reverse("partners:world_map")).status_code == 403


def test_a_partner_without_an_outline_is_listed_under_the_map(
    reference_data: None, bob_client: Any
) -> None:
    Partner.objects.create(code="SYN-A", kind="country", name="Atlantis")
    page = bob_client.get(reverse("partners:world_map")).content.decode()
    listed = page[page.index('class="map-undrawn"') :]
    assert "Atlantis" in listed[: listed.index("</details>")]


def test_htmx_puts_the_choice_in_the_pages_address(reference_data: None, bob_client: Any) -> None:
    response = bob_client.get(
        reverse("partners:world_map"),
        {"colour": "mandate", "on": "2019-01-01"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/strategy/regions/?x=1",
    )
    assert response["HX-Push-Url"] == "/strategy/regions/?colour=mandate&on=2019-01-01"
