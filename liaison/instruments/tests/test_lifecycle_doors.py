"""The lifecycle through the web UI and the API: a button per allowed next step, a form
for date, source and note; POST /api/instruments/{id}/events/; proposals listed with
before and after, approved or rejected. Bad input gets a clear message."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import make_persona, token_key
from liaison.instruments.models import ChangeProposal
from liaison.instruments.testing.factories import InstrumentFactory, SourceFactory, add_event, cite
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def agreement() -> Any:
    partner = Partner.objects.create(code="BA", kind="country", name="Bosnia and Herzegovina")
    instrument = InstrumentFactory(
        partner=partner, type="international_agreement", title="EU-BA agreement"
    )
    cite(instrument)
    add_event(instrument, "mandate", date=datetime.date(2021, 3, 1))
    return instrument


@pytest.fixture
def source() -> Any:
    return SourceFactory(key="council-decision-2024-2704", title="Council Decision (EU) 2024/2704")


def client_as(django_user_model: Any, name: str) -> Client:
    client = Client()
    client.force_login(make_persona(django_user_model, name))
    return client


def api_as(django_user_model: Any, name: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_key(make_persona(django_user_model, name))}")
    return api


def test_the_instrument_page_has_a_button_per_allowed_next_step(alice_client, agreement):
    page = alice_client.get(agreement.get_absolute_url()).content.decode()
    url = reverse("instruments:instrument_transition", kwargs={"pk": agreement.pk})
    for kind in ("negotiation_round", "signed", "suspended", "ended"):
        assert f"{url}?kind={kind}" in page
    assert f"{url}?kind=in_force" not in page
    assert "second person approves" in page


def test_a_viewer_sees_no_lifecycle_buttons(bob_client, agreement):
    page = bob_client.get(agreement.get_absolute_url()).content.decode()
    assert "Record the next step" not in page


def test_the_form_proposes_a_step_that_a_colleague_approves(
    alice_client, agreement, source, django_user_model
):
    url = reverse("instruments:instrument_transition", kwargs={"pk": agreement.pk})
    assert (
        "Council Decision (EU) 2024/2704"
        in alice_client.get(url, {"kind": "signed"}).content.decode()
    )
    response = alice_client.post(
        url,
        {
            "kind": "signed",
            "date": "2024-10-28",
            "date_precision": "day",
            "source": source.pk,
            "location": "Art. 1",
            "confidence": "checked",
            "note": "",
        },
    )
    proposal = ChangeProposal.objects.get()
    assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
    page = alice_client.get(proposal.get_absolute_url()).content.decode()
    assert "would go from “negotiating” to “signed”" in page
    own = alice_client.post(
        reverse("instruments:proposal_approve", kwargs={"pk": proposal.pk}), follow=True
    )
    assert "a second person must approve it" in own.content.decode()
    erin = client_as(django_user_model, "erin")
    approved = erin.post(
        reverse("instruments:proposal_approve", kwargs={"pk": proposal.pk}), follow=True
    )
    assert "Approved" in approved.content.decode()
    assert agreement.status_on(datetime.date(2024, 10, 28)) == "signed"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "in_force", "date": "2024-10-28"}, "the possible moves are"),
        ({"kind": "signed", "date": "28/10/2024"}, "Enter a valid date"),
        ({"kind": "signed", "date": "2024-10-28", "source": ""}, "This field is required"),
        ({"kind": "nonsense", "date": "2024-10-28"}, "is not a step of an instrument"),
        ({"kind": "signed", "date": "2024-10-15", "date_precision": "month"}, "first day"),
    ],
)
def test_bad_input_gets_a_clear_message(alice_client, agreement, source, data, message):
    url = reverse("instruments:instrument_transition", kwargs={"pk": agreement.pk})
    form = {"date_precision": "day", "source": source.pk, "confidence": "checked", **data}
    response = alice_client.post(url, form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ChangeProposal.objects.exists()


def test_the_api_records_or_proposes_and_refuses_with_the_moves_possible(
    agreement, source, django_user_model
):
    api = api_as(django_user_model, "alice")
    url = f"/api/instruments/{agreement.pk}/events/"
    refused = api.post(
        url, {"kind": "in_force", "date": "2024-10-28", "source": source.key}, format="json"
    )
    assert refused.status_code == 400
    assert "possible moves" in str(refused.json())
    proposed = api.post(
        url,
        {"kind": "signed", "date": "2024-10-28", "source": source.key, "location": "Art. 1"},
        format="json",
    )
    assert proposed.status_code == 202
    body = proposed.json()
    assert (body["status"], body["proposed_by"], body["kind"]) == ("pending", "alice", "signed")
    arrangement = InstrumentFactory(type="working_arrangement")
    recorded = api.post(
        f"/api/instruments/{arrangement.pk}/events/",
        {"kind": "signed", "date": "2024-07-10", "source": source.key},
        format="json",
    )
    assert recorded.status_code == 201
    assert recorded.json()["citations"][0]["source"] == source.key


def test_the_api_approves_and_rejects_proposals(agreement, source, django_user_model):
    alice = api_as(django_user_model, "alice")
    erin = api_as(django_user_model, "erin")
    url = f"/api/instruments/{agreement.pk}/events/"
    first = alice.post(
        url, {"kind": "signed", "date": "2024-10-28", "source": source.key}, format="json"
    ).json()
    own = alice.post(f"/api/proposals/{first['id']}/approve/")
    assert own.status_code == 400 and "second person" in str(own.json())
    listed = erin.get("/api/proposals/", {"status": "pending"}).json()
    assert [row["id"] for row in listed["results"]] == [first["id"]]
    approved = erin.post(f"/api/proposals/{first['id']}/approve/")
    assert approved.status_code == 200 and approved.json()["decided_by"] == "erin"
    second = alice.post(
        url, {"kind": "concluded", "date": "2025-04-14", "source": source.key}, format="json"
    ).json()
    rejected = erin.post(
        f"/api/proposals/{second['id']}/reject/", {"reason": "Not yet"}, format="json"
    )
    assert rejected.json()["status"] == "rejected"
    again = erin.post(f"/api/proposals/{second['id']}/approve/")
    assert again.status_code == 400 and "already" in str(again.json())
    bob = api_as(django_user_model, "bob")
    assert bob.post(url, {"kind": "signed"}, format="json").status_code == 403
    assert bob.get("/api/proposals/").status_code == 200


def test_the_partner_page_shows_one_timeline_newest_first_with_sources(bob_client, agreement):
    decision = SourceFactory(title="Council Decision (EU) 2025/866")
    arrangement = InstrumentFactory(partner=agreement.partner, title="Working arrangement with BA")
    add_event(arrangement, "signed", date=datetime.date(2019, 5, 1), source=decision)
    add_event(agreement, "signed", date=datetime.date(2024, 10, 28), source=decision)
    page = bob_client.get(
        reverse("partners:partner_detail", kwargs={"code": "BA"})
    ).content.decode()
    timeline = page[page.index('id="timeline"') :]
    positions = [timeline.index(date) for date in ("2024-10-28", "2021-03-01", "2019-05-01")]
    assert positions == sorted(positions)
    assert "Council Decision (EU) 2025/866" in timeline
    assert "Working arrangement with BA" in timeline


def test_the_api_corrects_an_event_date_through_a_proposal(agreement, django_user_model):
    event = agreement.events.get()
    alice = api_as(django_user_model, "alice")
    url = f"/api/instruments/{agreement.pk}/events/{event.pk}/"
    answer = alice.patch(url, {"date": "2021-03-02"}, format="json")
    assert answer.status_code == 202 and answer.json()["action"] == "change_event"
    event.refresh_from_db()
    assert event.date == datetime.date(2021, 3, 1)
    assert (
        alice.patch(
            f"/api/instruments/{agreement.pk}/events/999999/", {"date": None}, format="json"
        ).status_code
        == 404
    )
    bad = alice.patch(url, {"date": "2021-03-15", "date_precision": "month"}, format="json")
    assert bad.status_code == 400 and "first day" in str(bad.json())


def test_the_command_line_records_through_the_same_rules(agreement, source, alice):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command(
        "record_event", agreement.key, "signed", "2024-10-28",
        source=source.key, user="alice", stdout=out,
    )  # fmt: skip
    assert "Proposed" in out.getvalue()
    assert ChangeProposal.objects.get().proposed_by == alice
    with pytest.raises(CommandError, match="possible moves"):
        call_command(
            "record_event", agreement.key, "in_force", "2024-10-28", source=source.key, user="alice"
        )


def test_a_date_is_corrected_on_the_page_through_a_proposal(alice_client, agreement):
    event = agreement.events.get()
    page = alice_client.get(agreement.get_absolute_url()).content.decode()
    url = reverse(
        "instruments:instrument_event_change", kwargs={"pk": agreement.pk, "event_id": event.pk}
    )
    assert url in page
    bad = alice_client.post(url, {"date": "2021-03-15", "date_precision": "month"})
    assert bad.status_code == 200 and "first day" in bad.content.decode()
    response = alice_client.post(url, {"date": "2021-03-02", "date_precision": "day", "note": ""})
    proposal = ChangeProposal.objects.get()
    assert response["Location"] == proposal.get_absolute_url()
    assert proposal.action == "change_event"
    event.refresh_from_db()
    assert event.date == datetime.date(2021, 3, 1)
