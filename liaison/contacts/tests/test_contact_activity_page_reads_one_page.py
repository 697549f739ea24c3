"""The contact activity page shows the contact points due for contact a page at a time: only
those shown are read, so only they are written to the access log."""

from __future__ import annotations

import datetime

import pytest

from liaison.contacts.models import ContactPoint
from liaison.contacts.services import interaction_create
from liaison.contacts.tests.conftest import TODAY, appoint, web_client
from liaison.core.models import AccessLogEntry

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def sixty(world):
    contacts = [appoint(world["nigeria"], f"Demo Contact {n:02d}") for n in range(60)]
    interaction_create(
        kind="call",
        date=TODAY - datetime.timedelta(days=3),
        summary="Demo call",
        contact_points=contacts[:5],
    )
    return contacts


def logged_contact_points() -> set[int]:
    return {
        int(pk)
        for pk in AccessLogEntry.objects.filter(content_type__model="contactpoint").values_list(
            "object_id", flat=True
        )
    }


def test_it_logs_only_the_contact_points_on_the_page(sixty, carol, monkeypatch):
    monkeypatch.setattr("liaison.contacts.views.today", lambda: TODAY)
    client = web_client(carol)
    first = client.get("/contacts/activity/")
    assert first.status_code == 200
    shown = [cp.pk for cp in first.context["due"].object_list]
    assert len(shown) == 50
    assert logged_contact_points() == set(shown)
    # Those contacted in the window come last: on the second page.
    second = client.get("/contacts/activity/?page=2")
    rest = [cp.pk for cp in second.context["due"].object_list]
    assert len(rest) == 10
    assert {cp.pk for cp in sixty[:5]} <= set(rest)
    assert logged_contact_points() == {cp.pk for cp in ContactPoint.objects.all()}
