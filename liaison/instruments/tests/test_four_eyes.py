"""Four eyes on legal bases: a step in the life of an instrument that can carry personal
data is a proposal until a second person approves it; the proposer cannot approve their
own; approval applies it and names both people; rejection leaves everything as it was."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_persona
from liaison.instruments.models import ChangeProposal, InstrumentEvent
from liaison.instruments.selectors import proposal_effects
from liaison.instruments.services import (
    change_proposal_approve,
    change_proposal_reject,
    instrument_event_change,
    instrument_transition,
)
from liaison.instruments.testing.factories import InstrumentFactory

pytestmark = [pytest.mark.django_db]

MANDATE = datetime.date(2021, 3, 1)
SIGNED = datetime.date(2024, 10, 28)


@pytest.fixture
def erin(django_user_model: Any) -> Any:
    return make_persona(django_user_model, "erin")


def propose_signature(instrument: Any, source: Any, user: Any) -> ChangeProposal:
    proposal = instrument_transition(
        instrument=instrument,
        event_kind="signed",
        date=SIGNED,
        source=source,
        location="Art. 1",
        note="Signed in Brussels.",
        user=user,
    )
    assert isinstance(proposal, ChangeProposal)
    return proposal


def test_a_step_of_an_agreement_is_only_proposed(bosnia_agreement, council_decision, alice):
    proposal = propose_signature(bosnia_agreement, council_decision, alice)
    assert proposal.status == "pending"
    assert bosnia_agreement.events.count() == 1
    assert bosnia_agreement.status_on(SIGNED) == "negotiating"
    assert proposal.before["status_on_date"] == "negotiating"
    assert proposal.after["status_on_date"] == "signed"


def test_the_proposer_cannot_approve_their_own(bosnia_agreement, council_decision, alice):
    proposal = propose_signature(bosnia_agreement, council_decision, alice)
    with pytest.raises(ValidationError) as refused:
        change_proposal_approve(proposal=proposal, user=alice)
    assert "second person" in str(refused.value)
    proposal.refresh_from_db()
    assert proposal.status == "pending" and bosnia_agreement.events.count() == 1


def test_approval_applies_the_change_and_logs_both_people(
    bosnia_agreement, council_decision, alice, erin
):
    proposal = propose_signature(bosnia_agreement, council_decision, alice)
    change_proposal_approve(proposal=proposal, user=erin)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.proposed_by, proposal.decided_by) == ("approved", alice, erin)
    event = bosnia_agreement.events.get(kind="signed")
    assert proposal.event == event
    assert (event.date, event.note) == (SIGNED, "Signed in Brussels.")
    assert event.citations.get().source == council_decision
    assert bosnia_agreement.status_on(SIGNED) == "signed"
    assert bosnia_agreement.status_on(SIGNED - datetime.timedelta(days=1)) == "negotiating"
    proposal_type = ContentType.objects.get_for_model(ChangeProposal)
    event_type = ContentType.objects.get_for_model(InstrumentEvent)
    actors = {
        (entry.content_type_id, entry.action, entry.actor.username)
        for entry in LogEntry.objects.filter(
            content_type__in=[proposal_type, event_type], actor__isnull=False
        )
    }
    assert (proposal_type.pk, 0, "alice") in actors  # proposed
    assert (proposal_type.pk, 1, "erin") in actors  # approved
    assert (event_type.pk, 0, "erin") in actors  # the event the approval wrote


def test_rejection_leaves_everything_as_it_was(bosnia_agreement, council_decision, alice, erin):
    before = list(bosnia_agreement.events.values_list("kind", "date"))
    proposal = propose_signature(bosnia_agreement, council_decision, alice)
    change_proposal_reject(proposal=proposal, user=erin, reason="Date not confirmed.")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by, proposal.decision_note) == (
        "rejected",
        erin,
        "Date not confirmed.",
    )
    assert list(bosnia_agreement.events.values_list("kind", "date")) == before
    with pytest.raises(ValidationError):
        change_proposal_approve(proposal=proposal, user=erin)
    assert list(bosnia_agreement.events.values_list("kind", "date")) == before


def test_roles_without_approval_cannot_approve(
    bosnia_agreement, council_decision, alice, django_user_model
):
    proposal = propose_signature(bosnia_agreement, council_decision, alice)
    dave = make_persona(django_user_model, "dave")
    with pytest.raises(PermissionDenied):
        change_proposal_approve(proposal=proposal, user=dave)


def test_a_proposal_is_checked_again_when_approved(
    bosnia_agreement, council_decision, alice, erin, django_user_model
):
    first = propose_signature(bosnia_agreement, council_decision, alice)
    second = instrument_transition(
        instrument=bosnia_agreement,
        event_kind="suspended",
        date=SIGNED,
        source=council_decision,
        user=alice,
    )
    change_proposal_approve(proposal=second, user=erin)
    with pytest.raises(ValidationError) as refused:
        change_proposal_approve(proposal=first, user=erin)
    assert "history changed since" in str(refused.value)


def test_other_instruments_change_at_once(council_decision, alice):
    arrangement = InstrumentFactory(type="working_arrangement")
    result = instrument_transition(
        instrument=arrangement,
        event_kind="signed",
        date=SIGNED,
        source=council_decision,
        user=alice,
    )
    assert isinstance(result, InstrumentEvent)
    assert not ChangeProposal.objects.exists()


def test_changing_the_date_of_an_agreement_event_is_a_proposal(bosnia_agreement, alice, erin):
    event = bosnia_agreement.events.get()
    proposal = instrument_event_change(event=event, date=datetime.date(2021, 3, 2), user=alice)
    assert isinstance(proposal, ChangeProposal)
    event.refresh_from_db()
    assert event.date == MANDATE
    change_proposal_approve(proposal=proposal, user=erin)
    event.refresh_from_db()
    assert event.date == datetime.date(2021, 3, 2)


def test_the_effects_name_the_status_and_transfer_answers_that_would_change(
    bosnia_agreement, council_decision, alice
):
    signed = instrument_transition(
        instrument=bosnia_agreement,
        event_kind="signed",
        date=SIGNED,
        source=council_decision,
        user=alice,
    )
    change_proposal_approve(proposal=signed, user=_erin(alice))
    in_force = instrument_transition(
        instrument=bosnia_agreement,
        event_kind="in_force",
        date=datetime.date(2025, 6, 1),
        source=council_decision,
        user=alice,
    )
    effects = {effect.day: effect for effect in proposal_effects(in_force)}
    on_the_day = effects[datetime.date(2025, 6, 1)]
    assert (on_the_day.status_before, on_the_day.status_after) == ("signed", "in_force")
    assert on_the_day.transfer_before == "refused"
    assert on_the_day.transfer_after == "allowed"


def _erin(alice: Any) -> Any:
    user = type(alice).objects.create_user("erin2")
    user.groups.add(Group.objects.get(name="administrator"))
    return user


def test_a_legal_basis_with_a_history_cannot_be_deleted_or_retyped(
    bosnia_agreement, django_user_model
):
    from rest_framework.test import APIClient

    from conftest import token_key

    api = APIClient()
    api.credentials(
        HTTP_AUTHORIZATION=f"Token {token_key(make_persona(django_user_model, 'alice'))}"
    )
    deleted = api.delete(f"/api/instruments/{bosnia_agreement.pk}/")
    assert deleted.status_code == 409 and "Record its end" in deleted.json()["detail"]
    retyped = api.patch(
        f"/api/instruments/{bosnia_agreement.pk}/", {"type": "working_arrangement"}, format="json"
    )
    assert retyped.status_code == 400 and "cannot change" in str(retyped.json())
    assert bosnia_agreement.events.count() == 1
