"""No single person creates a legal basis: an instrument of a type that can carry personal
data, created with dated events by any door, holds them as proposals for a second person;
and every creation's whole history is checked against the lifecycle table."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from conftest import make_persona, token_key
from liaison.instruments.models import ChangeProposal, Instrument, InstrumentEvent
from liaison.instruments.testing.factories import InstrumentFactory, PartnerFactory, SourceFactory

pytestmark = [pytest.mark.django_db]

URL = "/api/instruments/"
OPERATIONAL = {
    "data_category": "operational_personal_data",
    "necessity": "Identify the suspects of a trafficking ring.",
    "receiving_authority": "the public prosecution service",
    "receiving_authority_competent": True,
    "originating_member_state": "NL",
    "member_state_authorisation": "prior",
    "as_of": "2024-06-01",
}


@pytest.fixture
def bolivia() -> Any:
    return PartnerFactory(
        code="BO", kind="country", name="Bolivia", competent_in_criminal_matters=True
    )


@pytest.fixture
def source() -> Any:
    return SourceFactory(key="bo-agreement-text")


@pytest.fixture
def olga(django_user_model: Any) -> Any:
    """A second cooperation officer: the other pair of eyes."""
    user = django_user_model.objects.create_user("olga")
    user.groups.add(Group.objects.get(name="cooperation_officer"))
    return user


def api_for(user: Any) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_key(user)}")
    return api


def agreement(source: Any, *events: tuple[str, str], **changes: Any) -> dict[str, Any]:
    citation = {"source": source.key, "location": "Art. 1"}
    return {
        "key": "bo-cooperation-agreement",
        "partner": "BO",
        "type": "cooperation_agreement",
        "title": "Agreement on cooperation between the agency and Bolivia",
        "citations": [citation],
        "events": [{"kind": kind, "date": date, "citations": [citation]} for kind, date in events],
        **changes,
    }


def decision(api: APIClient) -> str:
    response = api.post(
        "/api/transfer-assessments/", {"partner": "BO", **OPERATIONAL}, format="json"
    )
    assert response.status_code == 201, response.content
    return str(response.json()["decision"])


def test_one_officer_cannot_create_an_agreement_in_force(api_alice, bolivia, source):
    assert decision(api_alice) == "refused"
    response = api_alice.post(URL, agreement(source, ("in_force", "2019-12-01")), format="json")
    # A cooperation agreement's life does not begin with its entry into force.
    assert response.status_code == 400, response.content
    assert "events" in response.json()
    assert not Instrument.objects.exists()
    assert decision(api_alice) == "refused"


def test_events_given_at_creation_wait_for_a_second_person(api_alice, alice, olga, bolivia, source):
    payload = agreement(source, ("signed", "2019-11-04"), ("in_force", "2019-12-01"))
    response = api_alice.post(URL, payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["events"] == []
    assert body["status"] is None
    assert [(p["kind"], p["status"]) for p in body["proposals"]] == [
        ("signed", "pending"),
        ("in_force", "pending"),
    ]
    instrument = Instrument.objects.get(key="bo-cooperation-agreement")
    assert not instrument.events.exists()
    assert decision(api_alice) == "refused"

    # The proposer cannot approve; a second officer can, and only then is it a legal basis.
    signed, in_force = ChangeProposal.objects.filter(instrument=instrument).order_by("pk")
    refused = api_alice.post(f"/api/proposals/{signed.pk}/approve/")
    assert refused.status_code == 400
    assert decision(api_alice) == "refused"
    second = api_for(olga)
    for proposal in (signed, in_force):
        approved = second.post(f"/api/proposals/{proposal.pk}/approve/")
        assert approved.status_code == 200, approved.content
    assert sorted(instrument.events.values_list("kind", flat=True)) == ["in_force", "signed"]
    assert all(event.citations.exists() for event in instrument.events.all())
    assert decision(api_alice) == "allowed"


def test_a_later_step_approved_first_is_refused_with_the_way_to_do_it(
    api_alice, olga, bolivia, source
):
    payload = agreement(source, ("signed", "2019-11-04"), ("in_force", "2019-12-01"))
    assert api_alice.post(URL, payload, format="json").status_code == 201
    signed, in_force = ChangeProposal.objects.order_by("pk")
    response = api_for(olga).post(f"/api/proposals/{in_force.pk}/approve/")
    assert response.status_code == 400
    assert f"#{signed.pk}" in str(response.json())
    assert not InstrumentEvent.objects.exists()


@pytest.mark.parametrize(
    ("instrument_type", "ended", "in_force"),
    [
        ("cooperation_agreement", "2019-01-01", "2018-01-01"),  # in force without signature
        ("working_arrangement", "2018-01-01", "2019-01-01"),  # nothing follows its end
    ],
)
def test_a_backwards_history_is_refused_at_creation(
    api_alice, bolivia, source, instrument_type, ended, in_force
):
    payload = agreement(source, ("ended", ended), ("in_force", in_force), type=instrument_type)
    response = api_alice.post(URL, payload, format="json")
    assert response.status_code == 400, response.content
    assert "events" in response.json()
    assert not Instrument.objects.exists()
    assert not ChangeProposal.objects.exists()


def test_hundreds_of_identified_in_a_row_are_refused(api_alice, bolivia, source):
    events = [("identified", f"20{year:02d}-01-01") for year in range(0, 99)] * 3
    response = api_alice.post(URL, agreement(source, *events, type="dialogue"), format="json")
    assert response.status_code == 400, response.content
    assert "to “identified as a target”" in str(response.json()["events"])
    assert not Instrument.objects.exists()


def test_an_instrument_without_personal_data_is_recorded_at_once(api_alice, bolivia, source):
    payload = agreement(
        source, ("signed", "2024-07-10"), ("in_force", "2024-08-01"), type="working_arrangement"
    )
    response = api_alice.post(URL, payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "in_force"
    assert response.json()["proposals"] == []
    assert not ChangeProposal.objects.exists()


# --- Changing an instrument: what makes it count is fixed once it has a history ----------


@pytest.fixture
def frontex_agreement(bolivia: Any, source: Any) -> Instrument:
    """Frontex's agreement with Bolivia, in force: it binds Frontex, not the agency."""
    frontex = PartnerFactory(code="FRONTEX", kind="eu_body", name="Frontex")
    PartnerFactory(code="EU", kind="eu_body", name="European Union")
    instrument = InstrumentFactory(
        partner=bolivia, eu_party=frontex, type="cooperation_agreement", key="bo-frontex"
    )
    InstrumentEvent.objects.create(
        instrument=instrument, kind="signed", date=datetime.date(2015, 1, 1)
    )
    InstrumentEvent.objects.create(
        instrument=instrument, kind="in_force", date=datetime.date(2016, 1, 1)
    )
    return instrument


@pytest.mark.parametrize("eu_party", [None, "EU"])
def test_an_update_cannot_turn_another_bodys_agreement_into_the_agencys(
    api_alice, frontex_agreement, eu_party
):
    assert decision(api_alice) == "refused"
    response = api_alice.patch(
        f"{URL}{frontex_agreement.pk}/", {"eu_party": eu_party}, format="json"
    )
    assert response.status_code == 400, response.content
    assert "eu_party" in response.json()
    assert decision(api_alice) == "refused"


def test_partner_and_type_are_fixed_while_a_proposal_waits(api_alice, alice, bolivia, source):
    other = PartnerFactory(code="PE", kind="country", name="Peru")
    payload = agreement(source, ("signed", "2019-11-04"), ("in_force", "2019-12-01"))
    payload["partner"] = "PE"
    assert api_alice.post(URL, payload, format="json").status_code == 201
    instrument = Instrument.objects.get(partner=other)
    for change in ({"partner": "BO"}, {"type": "international_agreement"}):
        response = api_alice.patch(f"{URL}{instrument.pk}/", change, format="json")
        assert response.status_code == 400, (change, response.content)


# --- The other doors: the admin and the command line --------------------------------------


@pytest.fixture
def erin_client(client: Any, django_user_model: Any) -> Any:
    client.force_login(make_persona(django_user_model, "erin"))
    return client


def test_the_admin_cannot_change_who_is_party_to_a_legal_basis(erin_client, frontex_agreement):
    url = f"/admin/instruments/instrument/{frontex_agreement.pk}/change/"
    form = {
        "key": frontex_agreement.key,
        "partner": frontex_agreement.partner_id,
        "type": frontex_agreement.type,
        "eu_party": "",
        "title": frontex_agreement.title,
        "notes": "",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "sources-citation-content_type-object_id-TOTAL_FORMS": "0",
        "sources-citation-content_type-object_id-INITIAL_FORMS": "0",
    }
    response = erin_client.post(url, form)
    frontex_agreement.refresh_from_db()
    assert frontex_agreement.eu_party is not None, response.status_code
    assert response.status_code == 200  # the form again, with the error


def test_the_admin_cannot_add_events_or_proposals(erin_client, frontex_agreement):
    for model in ("instrumentevent", "changeproposal"):
        assert erin_client.get(f"/admin/instruments/{model}/add/").status_code == 403


def test_the_command_line_records_a_step_as_a_proposal(alice, bolivia, source):
    instrument = InstrumentFactory(partner=bolivia, type="cooperation_agreement", key="bo-ca")
    InstrumentEvent.objects.create(
        instrument=instrument, kind="signed", date=datetime.date(2019, 11, 4)
    )
    out = io.StringIO()
    call_command(
        "record_event",
        "bo-ca",
        "in_force",
        "2019-12-01",
        "--source",
        source.key,
        "--user",
        "alice",
        stdout=out,
    )
    assert "Proposed" in out.getvalue()
    assert instrument.status_on(datetime.date(2024, 1, 1)) == "signed"
    with pytest.raises(CommandError, match="cannot go from"):
        call_command(
            "record_event",
            "bo-ca",
            "mandate",
            "2019-12-01",
            "--source",
            source.key,
            "--user",
            "alice",
        )


def test_an_approved_step_keeps_its_source_marked_unverified(api_alice, olga, bolivia, source):
    instrument = InstrumentFactory(partner=bolivia, type="cooperation_agreement", key="bo-ca")
    InstrumentEvent.objects.create(
        instrument=instrument, kind="signed", date=datetime.date(2019, 11, 4)
    )
    step = {"kind": "in_force", "date": "2019-12-01", "source": source.key}
    response = api_alice.post(
        f"{URL}{instrument.pk}/events/", {**step, "confidence": "unverified"}, format="json"
    )
    assert response.status_code == 202, response.content
    approved = api_for(olga).post(f"/api/proposals/{response.json()['id']}/approve/")
    assert approved.status_code == 200, approved.content
    event = instrument.events.get(kind="in_force")
    assert [c.confidence for c in event.citations.all()] == ["unverified"]
