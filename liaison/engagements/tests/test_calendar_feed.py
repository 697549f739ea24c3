"""The secret calendar address: made and revoked on /account/, fetched without logging in,
404 for any key that does not (or no longer) open it."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import make_persona
from liaison.core.models import api_token_digest
from liaison.engagements.models import CalendarFeedKey, Engagement, EngagementParticipant
from liaison.engagements.services import calendar_feed_key_create

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def upcoming(db):
    engagement = Engagement.objects.create(
        key="soon",
        kind="conference",
        title="Conference soon",
        start_date=timezone.localdate() + datetime.timedelta(days=7),
    )
    EngagementParticipant.objects.create(engagement=engagement, name="Demo Secret Participant")
    return engagement


def feed_url(key: str) -> str:
    return reverse("engagements:engagement_calendar_feed", kwargs={"key": key})


def test_it_makes_an_address_and_shows_it_once(bob_client, bob):
    response = bob_client.post(reverse("calendar_feed_key_create"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    url = response.context["new_feed_url"]
    assert url.startswith("http://testserver/engagements/calendar/cal_") and url.endswith(".ics")
    key = url.rsplit("/", 1)[1].removesuffix(".ics")
    stored = CalendarFeedKey.objects.get(user=bob)
    assert stored.key_digest == api_token_digest(key) and key not in stored.prefix + "…x"
    assert key not in bob_client.get(reverse("account")).content.decode()


def test_a_calendar_app_fetches_it_without_logging_in(bob, upcoming):
    _feed_key, key = calendar_feed_key_create(user=bob)
    response = Client().get(feed_url(key))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert "SUMMARY:Conference soon" in body
    assert "Demo Secret Participant" not in body  # no personal data


def test_a_revoked_address_answers_404(bob_client, bob, upcoming):
    feed_key, key = calendar_feed_key_create(user=bob)
    response = bob_client.post(reverse("calendar_feed_key_revoke", kwargs={"pk": feed_key.pk}))
    assert response.status_code == 302
    feed_key.refresh_from_db()
    assert feed_key.revoked is not None
    assert Client().get(feed_url(key)).status_code == 404


def test_an_unknown_key_and_a_lapsed_owner_get_the_same_404(bob, upcoming):
    _feed_key, key = calendar_feed_key_create(user=bob)
    unknown = Client().get(feed_url("cal_no-such-key"))
    bob.is_active = False
    bob.save()
    lapsed = Client().get(feed_url(key))
    assert unknown.status_code == lapsed.status_code == 404
    assert unknown.content == lapsed.content
    assert b"Conference" not in lapsed.content


def test_an_owner_who_loses_the_role_loses_the_calendar(bob, upcoming):
    _feed_key, key = calendar_feed_key_create(user=bob)
    assert Client().get(feed_url(key)).status_code == 200
    bob.groups.remove(Group.objects.get(name="viewer"))
    assert Client().get(feed_url(key)).status_code == 404


def test_someone_without_a_role_may_not_make_one(client, django_user_model):
    from conftest import make_persona

    client.force_login(make_persona(django_user_model, "nora"))
    assert client.post(reverse("calendar_feed_key_create")).status_code == 403
    assert "calendar-feeds" not in client.get(reverse("account")).content.decode()
    assert not CalendarFeedKey.objects.exists()


def test_nobody_revokes_someone_elses_address(alice_client, bob):
    feed_key, _key = calendar_feed_key_create(user=bob)
    response = alice_client.post(reverse("calendar_feed_key_revoke", kwargs={"pk": feed_key.pk}))
    assert response.status_code == 404
    feed_key.refresh_from_db()
    assert feed_key.revoked is None


def test_the_history_keeps_no_digest(bob):
    from auditlog.models import LogEntry

    feed_key, _key = calendar_feed_key_create(user=bob)
    entry = LogEntry.objects.get_for_object(feed_key).get()
    assert "key_digest" not in entry.changes_dict
    assert feed_key.key_digest not in str(entry.changes) + str(entry.serialized_data)


def test_logging_out_everywhere_with_revocation_closes_the_address_too(bob, upcoming):
    _feed_key, key = calendar_feed_key_create(user=bob)
    laptop = Client()
    laptop.force_login(bob)
    laptop.post(reverse("logout_everywhere"), {"revoke_tokens": "on"})
    assert Client().get(feed_url(key)).status_code == 404


def test_an_administrator_revokes_an_address_in_the_admin(client, django_user_model, bob, upcoming):
    feed_key, key = calendar_feed_key_create(user=bob)
    client.force_login(make_persona(django_user_model, "erin"))
    response = client.post(
        reverse("admin:engagements_calendarfeedkey_changelist"),
        {"action": "revoke", "_selected_action": [feed_key.pk]},
    )
    assert response.status_code == 302
    assert Client().get(feed_url(key)).status_code == 404
