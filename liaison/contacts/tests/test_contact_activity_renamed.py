"""The contact-point activity level was called "engagement", the word the engagements app uses
for its events. It is "contact activity" now; what clients and bookmarks relied on keeps
working: the old address redirects, the old settings still apply (with a warning) and the
API's old field stays as a documented, deprecated alias."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from liaison.contacts.services import interaction_create
from liaison.contacts.tests.conftest import appoint, web_client
from liaison.contacts.views import today

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_the_page_is_contact_activity_and_the_old_address_redirects_keeping_the_query(carol):
    client = web_client(carol)
    page = client.get("/contacts/activity/")
    assert page.status_code == 200
    assert "<title>Contact activity" in page.content.decode()
    moved = client.get("/contacts/engagement/", {"page": "2", "include_demo": "1"})
    assert moved.status_code == 301
    assert moved["Location"] == "/contacts/activity/?page=2&include_demo=1"


def settings_read(**env: str) -> subprocess.CompletedProcess[str]:
    """The two settings as a fresh start reads them with `env`, warnings shown."""
    clean = {k: v for k, v in os.environ.items() if "ACTIVITY" not in k and "ENGAGEMENT" not in k}
    return subprocess.run(
        [
            sys.executable,
            "-W",
            "always::DeprecationWarning",
            "-c",
            "from django.conf import settings; "
            "print(settings.CONTACT_ACTIVITY_REGULAR_MIN, settings.CONTACT_ACTIVITY_WINDOW_MONTHS)",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )


def test_the_old_setting_names_still_apply_with_a_warning_naming_the_new_ones():
    old = settings_read(LIAISON_ENGAGEMENT_REGULAR_MIN="7", LIAISON_ENGAGEMENT_WINDOW_MONTHS="6")
    assert old.stdout.split() == ["7", "6"]
    assert "LIAISON_ENGAGEMENT_REGULAR_MIN is deprecated" in old.stderr
    assert "set LIAISON_CONTACT_ACTIVITY_REGULAR_MIN instead" in old.stderr
    assert "set LIAISON_CONTACT_ACTIVITY_WINDOW_MONTHS instead" in old.stderr
    new = settings_read(
        LIAISON_CONTACT_ACTIVITY_REGULAR_MIN="3", LIAISON_ENGAGEMENT_REGULAR_MIN="9"
    )
    assert new.stdout.split() == ["3", "12"]  # the new name wins; the default otherwise
    assert "DeprecationWarning" not in new.stderr


@pytest.mark.django_db
def test_the_api_gives_activity_and_keeps_engagement_as_a_deprecated_alias(world, carol):
    contact = appoint(world["nigeria"])
    interaction_create(kind="call", date=today(), summary="Demo call", contact_points=[contact])
    api = APIClient()
    api.force_authenticate(carol)
    channels = api.get("/api/partners/NG/channels/").json()["channels"]
    shown = channels[0]["contacts"][0]
    assert shown["activity"] == "sporadic"
    assert shown["engagement"] == shown["activity"]
    schema = api.get("/api/schema/", {"format": "json"}).json()
    fields = schema["components"]["schemas"]["ChannelContact"]["properties"]
    assert "deprecated" not in fields["activity"]
    assert fields["engagement"]["deprecated"] is True
    assert "activity" in fields["engagement"]["description"]
