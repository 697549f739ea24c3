"""Three things were all called "meeting": a gathering of contact points at the agency, an
interaction with a contact point, and an engagement (an event). Each has its own name now,
so a user never sees one label for two of them."""

from __future__ import annotations

import pytest

from liaison.cases.choices import CaseTool
from liaison.contacts.choices import InteractionKind
from liaison.contacts.models import Meeting
from liaison.contacts.tests.conftest import web_client
from liaison.engagements.choices import EngagementKind


def labels(choices) -> set[str]:
    """The labels that speak of a meeting."""
    return {str(label) for label in choices.labels if "meeting" in str(label)}


def test_no_meeting_label_names_two_different_things():
    interaction, engagement, tool = (
        labels(InteractionKind),
        labels(EngagementKind),
        labels(CaseTool),
    )
    gathering = {str(Meeting._meta.verbose_name)}
    assert gathering == {"contact-point meeting"}
    for one, other in [
        (interaction, engagement),
        (interaction, tool),
        (engagement, tool),
        (gathering, interaction | engagement | tool),
    ]:
        assert one.isdisjoint(other), one & other


@pytest.mark.django_db
def test_the_contacts_pages_call_the_gatherings_contact_point_meetings(carol):
    page = web_client(carol).get("/contacts/meetings/").content.decode()
    assert '<a href="/contacts/meetings/">Contact-point meetings</a>' in page
    assert "<h1>Contact-point meetings</h1>" in page
