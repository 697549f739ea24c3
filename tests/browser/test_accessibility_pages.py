"""Every main page meets WCAG 2.1 AA as far as a machine can tell: no axe-core violation
(wcag2a, wcag2aa, wcag21a, wcag21aa), text fields whose borders stand out 3:1 from the page,
ARIA references to ids that exist, at desktop width and at 320 px (400% zoom), where the
page must not scroll sideways. One logged-in administrator visits them all."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings

from conftest import make_persona
from liaison.contacts.services import interaction_create, meeting_create
from liaison.contacts.tests.conftest import appoint
from liaison.engagements.models import Engagement, Project
from liaison.engagements.services import engagements_load
from liaison.instruments.services import instrument_transition
from liaison.instruments.testing.factories import InstrumentFactory, SourceFactory, add_event, cite
from liaison.journal.services import journal_entry_create
from liaison.partners.models import Partner
from liaison.strategy.models import Strategy
from liaison.strategy.services import snapshot_take, strategy_load
from liaison.transfers.testing import assessment_record
from tests.browser.accessibility import PHONE, check_page, log_in, new_context, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_EMAIL = (
    "international.judicial.cooperation.unit.of.the.prosecutor.general"
    "@public-prosecution-service.example.invalid"
)


@pytest.fixture
def register(reference_data_committed, django_user_model):
    """The reference data, the strategy and engagements, and one of every kind of record
    a page shows: a contact point with a long e-mail address, an interaction, a meeting, an
    assessment, a pending proposal, a journal note, a strategy snapshot."""
    strategy_load(path=settings.REFERENCE_DATA_DIR / "strategy.yaml")
    engagements_load(path=settings.REFERENCE_DATA_DIR / "engagements.yaml")
    snapshot_take(strategy=Strategy.objects.get(), on=datetime.date(2025, 1, 1))
    erin = make_persona(django_user_model, "erin")
    nigeria = Partner.objects.get(code="NG")
    contact = appoint(nigeria, "Demo Contact Nigeria", email=LONG_EMAIL, is_mailbox=True)
    interaction_create(
        kind="letter",
        date=datetime.date(2025, 3, 1),
        summary="[DEMO] Asked who is competent for a request.",
        contact_points=[contact],
        user=erin,
    )
    meeting = meeting_create(
        title="Contact-point meeting 2026", date=datetime.date(2026, 6, 1), invitees=[contact]
    )
    assessment = assessment_record(
        user=erin,
        partner_code="NG",
        data_category="operational_personal_data",
        necessity="To identify the accomplices of a suspect.",
        receiving_authority="the public prosecution service",
        receiving_authority_competent=True,
    )
    journal_entry_create(
        about=nigeria, kind="info", date=datetime.date(2025, 1, 2), text="[DEMO] Note.", author=erin
    )
    bosnia = Partner.objects.get(code="BA")
    agreement = InstrumentFactory(partner=bosnia, type="international_agreement")
    cite(agreement)
    add_event(agreement, "mandate", date=datetime.date(2021, 3, 1))
    proposal = instrument_transition(
        instrument=agreement,
        event_kind="signed",
        date=datetime.date(2024, 10, 28),
        source=SourceFactory(),
        user=erin,
    )
    instrument = nigeria.instruments.first()
    return {
        "contact": contact.pk,
        "meeting": meeting.pk,
        "assessment": assessment.pk,
        "proposal": proposal.pk,
        "instrument": instrument.pk,
        "source": instrument.citations.first().source.key,
        "engagement": Engagement.objects.first().key,
        "project": Project.objects.first().key,
        "region": nigeria.regions.first().code,
    }


def main_pages(ids: dict) -> list[str]:
    return [
        "/",
        "/partners/",
        "/partners/?search=no+such+partner",
        "/partners/?instrument_status=nonsense",
        "/partners/NG/",
        "/partners/NG/channels/",
        "/partners/NG/casework/",
        "/partners/NG/?as_of=not-a-date",
        "/partners/TR/",
        "/instruments/",
        f"/instruments/{ids['instrument']}/",
        "/instruments/proposals/?status=pending",
        f"/instruments/proposals/{ids['proposal']}/",
        "/sources/",
        f"/sources/{ids['source']}/",
        "/sources/facts/without-source/",
        "/sources/facts/unverified/",
        "/transfer-assessments/",
        f"/transfer-assessments/{ids['assessment']}/",
        "/transfer-assessments/self-assessed/",
        "/transfer-assessments/self-assessed/?assessed_after=nonsense",
        "/channels/",
        "/channels/?q=ni",
        "/channels/NG/",
        "/contacts/",
        f"/contacts/{ids['contact']}/",
        "/contacts/activity/",
        "/contacts/activity/partners/?sort=name",
        "/contacts/coverage/",
        "/contacts/meetings/",
        f"/contacts/meetings/{ids['meeting']}/",
        "/contacts/guide/en/",
        "/strategy/",
        "/strategy/history/",
        "/strategy/regions/",
        f"/strategy/regions/{ids['region']}/",
        "/strategy/report/",
        "/engagements/",
        f"/engagements/{ids['engagement']}/",
        f"/engagements/projects/{ids['project']}/",
        "/changes/",
        "/access-log/",
        "/account/",
        "/notifications/",
        "/notifications/preferences/",
        "/accessibility/",
        "/no-such-page/",
    ]


def test_every_main_page_passes_at_desktop_width_and_at_320_px(browser, live_server, register):
    context = new_context(browser)
    page = context.new_page()
    problems: dict[str, list[str]] = {}
    try:
        log_in(page, live_server, "erin")
        for path in main_pages(register):
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(f"{live_server.url}{path}")
            problems[f"{path} at 1280 px"] = check_page(page)
            page.set_viewport_size(PHONE)
            problems[f"{path} at 320 px"] = check_page(page, reflow=True)
    finally:
        context.close()
    assert not any(problems.values()), report(problems)
