from __future__ import annotations

import datetime
from typing import Any

import pytest

from liaison.engagements.models import Engagement, EngagementParticipant
from liaison.partners.models import Partner


@pytest.fixture
def chile(db: Any) -> Partner:
    return Partner.objects.create(code="CL", kind="country", name="Chile")


@pytest.fixture
def study_visit(db: Any, chile: Partner) -> Engagement:
    """A study visit with one fictitious participant."""
    engagement = Engagement.objects.create(
        key="study-visit",
        kind="study_visit",
        title="Study visit from Chile",
        start_date=datetime.date(2026, 3, 2),
        place="The Hague",
    )
    engagement.partners.add(chile)
    EngagementParticipant.objects.create(
        engagement=engagement,
        name="Demo Participant (fictitious)",
        organisation="Prosecutor's office",
        role="Prosecutor",
        partner=chile,
    )
    return engagement


def form_data(engagement: Engagement | None = None, **fields: Any) -> dict[str, Any]:
    """What the engagement form posts: the engagement's fields, then its participant rows
    (existing ones first, as the formset numbers them), plus `fields`."""
    data: dict[str, Any] = {
        "kind": "study_visit",
        "title": "Study visit from Chile",
        "start_date": "2026-03-02",
        "place": "The Hague",
    }
    participants = list(engagement.participants.order_by("name", "pk")) if engagement else []
    data["participants-TOTAL_FORMS"] = str(len(participants) + 2)
    data["participants-INITIAL_FORMS"] = str(len(participants))
    for number, participant in enumerate(participants):
        data[f"participants-{number}-id"] = str(participant.pk)
        data[f"participants-{number}-name"] = participant.name
        data[f"participants-{number}-organisation"] = participant.organisation
        data[f"participants-{number}-role"] = participant.role
        data[f"participants-{number}-partner"] = participant.partner_id or ""
    data.update(fields)
    return data
