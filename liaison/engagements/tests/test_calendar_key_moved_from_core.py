"""The calendar-feed key moved from core to the engagements app without losing a key: an
address made before the move still opens the calendar after the migrations have run, and
what roles were allowed on the keys stays attached to them."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from liaison.core.models import api_token_digest
from liaison.engagements.models import CalendarFeedKey, Engagement

BEFORE_THE_MOVE = [
    ("core", "0005_change_history_indexes"),
    ("engagements", "0007_engagement_partner_links_by_partner"),
]


def migrate(targets: list[tuple[str, str]] | None = None) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


@pytest.fixture
def before_the_move(transactional_db):
    migrate(BEFORE_THE_MOVE)
    yield MigrationExecutor(connection).loader.project_state(BEFORE_THE_MOVE).apps
    migrate()  # whatever the test did, leave the database at the latest migrations


@pytest.mark.django_db(transaction=True)
def test_an_address_made_before_the_move_still_opens_the_calendar(bob, before_the_move):
    key = "cal_made-while-core-kept-the-keys"
    old_model = before_the_move.get_model("core", "CalendarFeedKey")
    old_model.objects.create(user_id=bob.pk, prefix=key[:8], key_digest=api_token_digest(key))
    migrate()
    Engagement.objects.create(
        key="soon",
        kind="conference",
        title="Conference soon",
        start_date=timezone.localdate() + datetime.timedelta(days=7),
    )
    feed_key = CalendarFeedKey.objects.get()
    assert feed_key.user == bob and feed_key.prefix == "cal_made"
    url = reverse("engagements:engagement_calendar_feed", kwargs={"key": key})
    assert url == f"/engagements/calendar/{key}.ics"  # the address people subscribed with
    response = Client().get(url)
    assert response.status_code == 200
    assert "SUMMARY:Conference soon" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_roles_keep_their_rights_on_the_keys_across_the_move(before_the_move):
    # Before the move the keys' permissions are core's; the move carries them over as they are.
    old_permission = Permission.objects.get(
        content_type__app_label="core", codename="view_calendarfeedkey"
    )
    group = Group.objects.create(name="Keeps an eye on calendar addresses")
    group.permissions.add(old_permission)
    migrate()
    moved = group.permissions.get(codename="view_calendarfeedkey")
    assert moved.pk == old_permission.pk
    assert moved.content_type.app_label == "engagements"
    assert not Permission.objects.filter(content_type__app_label="core", codename__contains="feed")
