"""Attack: who is due for contact is ordered by the kept `last_interaction_on`, while the
page's figures leave demo interactions out and count only up to today; the administration
is one more door that writes interactions; the CLI and the API with bad or odd input."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import management
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from conftest import make_persona
from liaison.contacts.models import DEMO_SUMMARY, ContactPoint, Interaction, PartnerInteractionDay
from liaison.contacts.selectors import due_for_contact
from liaison.contacts.services import interaction_create
from liaison.contacts.tests.conftest import TODAY, appoint

pytestmark = [pytest.mark.django_db]


def test_a_demo_interaction_does_not_take_a_contact_point_out_of_the_silent_ones(world):
    """Demo interactions do not count: a real contact point whose only interaction in the
    window is a demo one is as silent as one never contacted (longest appointed first), and
    comes before one really contacted. It is now put among the contacted ones, after a
    contact point the page itself shows as contacted, while its own figures say dormant."""
    norway = world["norway"]
    demo_only = appoint(norway, "Reached In A Demo", appointed_on=datetime.date(2015, 1, 1))
    appoint(norway, "Never Reached", appointed_on=datetime.date(2018, 1, 1))
    reached = appoint(norway, "Really Reached", appointed_on=datetime.date(2010, 1, 1))
    interaction_create(
        kind="call",
        date=TODAY - datetime.timedelta(days=100),
        summary="A real call",
        contact_points=[reached],
    )
    interaction_create(
        kind="call",
        date=TODAY - datetime.timedelta(days=3),
        summary=f"{DEMO_SUMMARY}A call shown in a demonstration",
        contact_points=[demo_only],
    )
    page = due_for_contact(on=TODAY, include_demo=False)
    assert [(c.name, c.activity) for c in page] == [
        ("Reached In A Demo", "dormant"),
        ("Never Reached", "dormant"),
        ("Really Reached", "sporadic"),
    ]


def test_the_administration_refuses_an_interaction_dated_in_the_future(
    world, client, django_user_model
):
    """The service refuses an interaction that has not taken place yet (the web form and the
    API go through it); the administration saves it, and the contact point's kept last
    interaction then lies in the future."""
    contact = appoint(world["nigeria"])
    client.force_login(make_persona(django_user_model, "erin"))
    in_two_days = datetime.date.today() + datetime.timedelta(days=2)
    response = client.post(
        "/admin/contacts/interaction/add/",
        {
            "kind": "call",
            "date": in_two_days.isoformat(),
            "summary": "A call planned in two days",
            "follow_ups": "",
            "contact_points": [contact.pk],
            "partners": [world["nigeria"].pk],
            "recorded_by": "",
        },
    )
    assert response.status_code == 200, "saved without a word"
    assert "An interaction is recorded once it has taken place." in response.content.decode()
    assert not Interaction.objects.exists()
    assert ContactPoint.objects.get(pk=contact.pk).last_interaction_on is None


def test_the_administrations_delete_selected_recounts(world, client, django_user_model):
    nigeria = world["nigeria"]
    contact = appoint(nigeria)
    day = datetime.date(2026, 3, 2)
    kept_one = interaction_create(kind="call", date=day, summary="Kept", contact_points=[contact])
    gone = [
        interaction_create(kind="call", date=day, summary="Gone", contact_points=[contact]),
        interaction_create(
            kind="call", date=day + datetime.timedelta(days=5), summary="Gone", partners=[nigeria]
        ),
    ]
    client.force_login(make_persona(django_user_model, "erin"))
    response = client.post(
        "/admin/contacts/interaction/",
        {"action": "delete_selected", "_selected_action": [i.pk for i in gone], "post": "yes"},
    )
    assert response.status_code == 302
    assert list(Interaction.objects.all()) == [kept_one]
    rows = {
        (row.date, row.demo): row.interactions
        for row in PartnerInteractionDay.objects.filter(partner=nigeria)
        if row.interactions
    }
    assert rows == {(day, False): 1}
    assert ContactPoint.objects.get(pk=contact.pk).last_interaction_on == day


def test_the_cli_says_so_for_a_code_that_does_not_exist(world):
    with pytest.raises(CommandError, match="No partner has the code or name 'ZZ'"):
        management.call_command("channels", "ZZ", stdout=io.StringIO())
    with pytest.raises(CommandError, match="No partner"):
        management.call_command("channels", "ZZ", "--all", "--json", stdout=io.StringIO())


def test_the_cli_takes_a_lower_case_code(world):
    out = io.StringIO()
    management.call_command("channels", "ng", stdout=out)
    assert "How to reach Nigeria (NG)" in out.getvalue()


def test_the_channels_api_answers_404_for_a_code_that_does_not_exist(world, django_user_model):
    api = APIClient()
    api.force_authenticate(make_persona(django_user_model, "carol"))
    assert api.get("/api/partners/ZZ/channels/").status_code == 404
    assert api.get("/api/partners/ng/channels/?all=1").status_code == 200


@pytest.mark.parametrize("given", ["rs", "RS", " rs ", "Rs"])
def test_the_partner_filter_takes_the_code_in_any_case(world, django_user_model, given):
    """`?partner=` used to match the code ignoring case; the exact match must still take
    `rs` (it is upper-cased first), in the web list and in the API."""
    from liaison.contacts.tests.conftest import country, web_client

    serbia = country("RS", "Serbia")
    appoint(serbia, "Demo Serbian Contact")
    appoint(world["nigeria"], "Demo Nigerian Contact")
    carol = make_persona(django_user_model, "carol")
    page = web_client(carol).get("/contacts/", {"partner": given}).content.decode()
    assert "Demo Serbian Contact" in page
    assert "Demo Nigerian Contact" not in page
    api = APIClient()
    api.force_authenticate(carol)
    answer = api.get("/api/contact-points/", {"partner": given})
    assert answer.status_code == 200
    names = [row["name"] for row in answer.json()["results"]]
    assert names == ["Demo Serbian Contact"]
