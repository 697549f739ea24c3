"""A cooperation officer records an engagement with a participant, changes it, and deletes
it after the confirmation page, in the browser."""

from __future__ import annotations

import re

import pytest

from conftest import PASSWORD, make_persona
from liaison.engagements.models import Engagement, EngagementParticipant
from liaison.partners.models import Partner
from tests.browser.pickers import choose_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_records_changes_and_deletes_an_engagement(page, live_server, django_user_model):
    make_persona(django_user_model, "alice")
    Partner.objects.create(code="CL", kind="country", name="Chile")
    page.goto(f"{live_server.url}/engagements/new/")
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/engagements/new/$"))

    # Recorded with one participant, in one go.
    page.get_by_label("Kind").select_option("study_visit")
    page.get_by_label("Title").fill("Study visit from Chile")
    page.locator("#id_start_date").fill("2026-03-02")
    page.locator("#id_participants-0-name").fill("Demo Participant (fictitious)")
    page.locator("#id_participants-0-organisation").fill("Prosecutor's office")
    choose_in(page, page.locator("#id_participants-0-partner-ts-control"), "Chil", "Chile")
    page.get_by_role("button", name="Record").click()
    page.wait_for_url(re.compile(r"/engagements/study-visit-from-chile-2026-03-02/$"))
    assert "Demo Participant (fictitious)" in page.locator("li.participant").inner_text()

    # Changed: a new title and a second participant; the history shows it.
    page.get_by_role("link", name="Change", exact=True).click()
    page.wait_for_url(re.compile(r"/edit/$"))
    assert page.locator("#id_participants-0-name").input_value() == (
        "Demo Participant (fictitious)"
    )
    page.get_by_label("Title").fill("Study visit from Chile (Santiago office)")
    page.locator("#id_participants-1-name").fill("Demo Second Participant")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(re.compile(r"/engagements/study-visit-from-chile-2026-03-02/$"))
    page.get_by_role("heading", name="Study visit from Chile (Santiago office)").wait_for()
    assert page.locator("li.participant").count() == 2
    assert "History of changes" in page.content()

    # Deleted, but only after the confirmation page says what goes.
    page.get_by_role("link", name="Delete…").click()
    page.wait_for_url(re.compile(r"/delete/$"))
    assert "2 participants recorded for it" in page.content()
    assert Engagement.objects.exists()
    page.get_by_role("button", name="Delete").click()
    page.wait_for_url(re.compile(r"/engagements/$"))
    page.get_by_text("is deleted").wait_for()
    assert not Engagement.objects.exists() and not EngagementParticipant.objects.exists()
