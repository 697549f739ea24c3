"""The badge in the menu, the notifications page (newest first, paged, mark read, an empty
state that says what will come), following a notification, the preferences page; and the
doors of proposals (web form, web approval, API) that make them."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import token_key
from liaison.notifications.models import Notification, NotificationPreference
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]


def notify(user: Any, count: int = 1) -> list[Notification]:
    """`count` notifications of an instrument ending, oldest first."""
    partner = Partner.objects.create(code="XK", kind="country", name="Kosovo")
    content_type = ContentType.objects.get_for_model(Partner)
    base = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)
    return [
        Notification.objects.create(
            user=user,
            kind="instrument_ending",
            content_type=content_type,
            object_id=str(partner.pk),
            threshold=str(number),
            facts={"instrument": f"Arrangement {number:02d}", "partner": "XK", "date": "2027"},
            url=f"/partners/XK/?n={number}",
            created_at=base + datetime.timedelta(minutes=number),
        )
        for number in range(count)
    ]


def test_the_menu_shows_the_unread_count(client, bob):
    client.force_login(bob)
    assert "count-badge" not in client.get("/").content.decode()
    notify(bob, 3)
    page = client.get("/").content.decode()
    assert '<span class="count-badge">3<span class="visually-hidden"> unread' in page


def test_the_page_lists_newest_first_and_pages(client, bob):
    notify(bob, 30)
    client.force_login(bob)
    first = client.get("/notifications/").content.decode()
    assert first.index("Arrangement 29") < first.index("Arrangement 28")
    assert "Arrangement 04" not in first and "Page 1 of 2" in first
    assert "Arrangement 04" in client.get("/notifications/?page=2").content.decode()


def test_the_empty_page_says_what_will_appear(client, bob):
    client.force_login(bob)
    page = client.get("/notifications/").content.decode()
    assert "You have no notifications." in page
    assert "proposals waiting for your approval" in page


def test_following_one_marks_it_read_and_opens_its_page(client, bob):
    [notification] = notify(bob)
    client.force_login(bob)
    response = client.get(reverse("notifications:notification_open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/partners/XK/?n=0"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_one_and_all_read(client, bob):
    first, second, third = notify(bob, 3)
    client.force_login(bob)
    client.post(reverse("notifications:notification_read", args=[first.pk]))
    assert Notification.objects.filter(read_at__isnull=True).count() == 2
    client.post(reverse("notifications:notification_read_all"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_another_person_s_notification_is_not_found(client, alice, bob):
    [notification] = notify(alice)
    client.force_login(bob)
    response = client.get(reverse("notifications:notification_open", args=[notification.pk]))
    assert response.status_code == 404
    client.post(reverse("notifications:notification_read", args=[notification.pk]))
    notification.refresh_from_db()
    assert notification.read_at is None


def test_preferences_offer_only_the_kinds_of_the_role_and_save(client, bob):
    client.force_login(bob)
    page = client.get("/notifications/preferences/").content.decode()
    assert "Instruments ending" in page and "Contact points due" not in page
    response = client.post(
        "/notifications/preferences/", {"instrument_ending": "weekly", "contact_due": "daily"}
    )
    assert response.status_code == 302
    assert dict(NotificationPreference.objects.values_list("kind", "frequency")) == {
        "instrument_ending": "weekly"
    }
    bad = client.post("/notifications/preferences/", {"instrument_ending": "hourly"})
    assert bad.status_code == 400 and "Select a valid choice" in bad.content.decode()


def test_the_web_form_and_the_api_decision_tell_the_right_people(
    client, agreement, source, alice, erin
):
    client.force_login(alice)
    client.post(
        reverse("instruments:instrument_transition", kwargs={"pk": agreement.pk}),
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
    waiting = Notification.objects.get(kind="approval_waiting")
    assert waiting.user == erin
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_key(erin)}")
    assert api.post(f"/api/proposals/{waiting.object_id}/approve/").status_code == 200
    decided = Notification.objects.get(kind="proposal_decided")
    assert decided.user == alice and decided.text.startswith("erin approved your proposal")
    waiting.refresh_from_db()
    assert waiting.read_at is not None  # nothing waits any more


def test_the_account_page_leads_to_the_preferences(client, bob):
    client.force_login(bob)
    page = client.get("/account/").content.decode()
    assert 'href="/notifications/preferences/"' in page and "Mails go to bob@agency.test" in page
