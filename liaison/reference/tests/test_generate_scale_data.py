"""`liaison generate-scale-data`: synthetic, marked, repeatable records at a chosen size."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.db import transaction

from liaison.contacts.models import ContactPoint, Interaction
from liaison.core.models import AccessLogEntry
from liaison.engagements.models import Engagement, EngagementParticipant
from liaison.partners.models import Partner
from liaison.reference.scale import SIZES, ScaleDataError, scale_data_generate
from liaison.transfers.models import TransferAssessment

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 30)


class _Rollback(Exception):
    pass


def _fingerprint() -> tuple[Any, ...]:
    return (
        list(Partner.objects.filter(code__startswith="SYN-").values_list("code", flat=True)),
        list(
            ContactPoint.objects.order_by("pk").values_list("partner_id", "status", "appointed_on")
        ),
        list(Interaction.objects.order_by("pk").values_list("date", "kind")[:500]),
        list(TransferAssessment.objects.order_by("pk").values_list("partner_id", "decision")),
    )


def test_it_fills_the_register_at_the_small_size(reference_data: None) -> None:
    call_command("generate_scale_data", "--size", "small", "--seed", "5")
    size = SIZES["small"]
    assert Partner.objects.count() == size.partners
    assert ContactPoint.objects.count() == size.contact_points
    assert Interaction.objects.count() == size.interactions
    assert TransferAssessment.objects.count() == size.assessments
    assert EngagementParticipant.objects.count() == size.participants
    assert AccessLogEntry.objects.count() == size.access_log_entries
    assert LogEntry.objects.filter(cid__startswith="synthetic-").count() == size.history_entries
    # Clearly marked as fictitious.
    assert not ContactPoint.objects.exclude(email__endswith="@example.invalid").exists()
    assert not Interaction.objects.exclude(summary__startswith="[SYNTHETIC]").exists()
    # New records get fresh ids after it (the sequences follow the rows written).
    partner = Partner.objects.create(kind="country", code="ZZ", name="After")
    assert partner.pk > Partner.objects.exclude(pk=partner.pk).order_by("-pk").first().pk


def test_a_few_partners_have_most_of_the_activity(reference_data: None) -> None:
    scale_data_generate(size="small", seed=5, today=TODAY)
    per_partner = sorted(
        (p.transfer_assessments.count() for p in Partner.objects.all()), reverse=True
    )
    top_five = sum(per_partner[:5])
    assert top_five > 0.3 * sum(per_partner)
    serbia = Partner.objects.get(code="RS")
    assert serbia.transfer_assessments.count() == per_partner[0]


def test_history_entries_name_their_parent_records(reference_data: None) -> None:
    scale_data_generate(size="small", seed=5, today=TODAY)
    entries = LogEntry.objects.filter(
        content_type__model="engagementparticipant", action=LogEntry.Action.CREATE
    )
    assert entries.exists()
    for entry in entries[:50]:
        participant = EngagementParticipant.objects.get(pk=entry.object_id)
        assert entry.serialized_data["fields"]["engagement"] == participant.engagement_id
    event_entries = LogEntry.objects.filter(
        content_type__model="instrumentevent", cid__startswith="synthetic-"
    )
    assert event_entries.exists()
    for entry in event_entries[:50]:
        assert entry.serialized_data["fields"]["instrument"] is not None
    assert Engagement.objects.filter(key__startswith="syn-").exists()


def test_the_same_seed_gives_the_same_data(reference_data: None) -> None:
    with pytest.raises(_Rollback), transaction.atomic():
        scale_data_generate(size="small", seed=7, today=TODAY)
        first = _fingerprint()
        raise _Rollback
    scale_data_generate(size="small", seed=7, today=TODAY)
    assert _fingerprint() == first


def test_it_refuses_a_register_with_real_records_unless_forced(reference_data: None) -> None:
    ContactPoint.objects.create(
        partner=Partner.objects.get(code="RS"),
        name="A real person",
        organisation="Ministry",
        appointing_body_kind="competent_authority",
        appointing_body="Ministry",
        appointed_on=TODAY,
    )
    with pytest.raises(CommandError, match="not synthetic"):
        call_command("generate_scale_data", "--size", "small")
    assert not Interaction.objects.exists()
    call_command("generate_scale_data", "--size", "small", "--force")
    assert Interaction.objects.count() == SIZES["small"].interactions


def test_it_refuses_to_generate_twice(reference_data: None) -> None:
    scale_data_generate(size="small", seed=5, today=TODAY)
    with pytest.raises(ScaleDataError, match="already there"):
        scale_data_generate(size="small", seed=5, today=TODAY)
