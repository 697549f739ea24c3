"""A cooperation officer is mailed, through a real SMTP server, the proposal that waits for
their approval: in a daily digest, once a period, in plain text and HTML, linking to the page
that decides it. A mail that cannot be sent is kept, shown and tried again; its notifications
stay."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from liaison.instruments.services import instrument_transition
from liaison.notifications.choices import Frequency, MailStatus, NotificationKind
from liaison.notifications.models import MailDelivery, Notification
from liaison.notifications.services import (
    MailsFailed,
    notification_preferences_set,
    notifications_mail,
    notifications_run,
)
from liaison.notifications.tests.conftest import MONDAY_MORNING, free_port, text_of
from liaison.transfers.services import provision_review_propose

pytestmark = [pytest.mark.django_db]


def propose_signature(agreement: Any, source: Any, user: Any) -> Any:
    return instrument_transition(
        instrument=agreement,
        event_kind="signed",
        date=datetime.date(2024, 10, 28),
        source=source,
        user=user,
    )


def test_it_mails_a_cooperation_officer_the_proposal_waiting_for_them(
    smtp_server, agreement, source, alice, erin
):
    proposal = propose_signature(agreement, source, erin)
    assert notifications_mail(now=MONDAY_MORNING) == {"sent": 1, "failed": 0}
    [mail] = smtp_server.messages
    assert mail["To"] == "alice@agency.test" and mail["From"] == "liaison@agency.test"
    assert "daily summary" in mail["Subject"]
    text, html = text_of(mail)
    link = f"https://liaison.agency.test/instruments/proposals/{proposal.pk}/"
    for body in (text, html):
        assert "erin proposed a change to EU agreement with Bosnia and Herzegovina" in body
        assert link in body
    assert Notification.objects.get(user=alice).mailed_at is not None


def test_the_proposer_is_never_mailed_their_own_as_waiting(
    smtp_server, agreement, source, alice, erin
):
    propose_signature(agreement, source, alice)
    assert not Notification.objects.filter(user=alice).exists()
    notifications_mail(now=MONDAY_MORNING)
    assert [mail["To"] for mail in smtp_server.messages] == ["erin@agency.test"]


def test_a_digest_goes_out_once_a_period(smtp_server, agreement, source, alice, erin):
    propose_signature(agreement, source, erin)
    notifications_mail(now=MONDAY_MORNING)
    notifications_mail(now=MONDAY_MORNING + datetime.timedelta(hours=1))
    assert len(smtp_server.messages) == 1
    # Something new the same day waits for the next day's digest.
    provision_review_propose(
        provision="art_58_1_b", verdict="unverified", note="Reads otherwise.", user=erin
    )
    notifications_mail(now=MONDAY_MORNING + datetime.timedelta(hours=2))
    assert len(smtp_server.messages) == 1
    notifications_mail(now=MONDAY_MORNING + datetime.timedelta(days=1))
    assert len(smtp_server.messages) == 2
    text, _html = text_of(smtp_server.messages[1])
    assert "a review of" in text and "EU agreement" not in text
    periods = MailDelivery.objects.filter(user=alice).values_list("period", flat=True)
    assert sorted(periods) == ["2026-12-07", "2026-12-08"]


def test_before_the_hour_no_digest_is_sent(smtp_server, agreement, source, alice, erin):
    propose_signature(agreement, source, erin)
    assert notifications_mail(now=MONDAY_MORNING - datetime.timedelta(hours=2))["sent"] == 0
    assert smtp_server.messages == []


def test_a_weekly_reader_gets_it_in_that_week_s_digest_only(
    smtp_server, agreement, source, alice, erin
):
    notification_preferences_set(
        user=alice, frequencies={NotificationKind.APPROVAL_WAITING: Frequency.WEEKLY}
    )
    propose_signature(agreement, source, erin)
    notifications_mail(now=MONDAY_MORNING)
    notifications_mail(now=MONDAY_MORNING + datetime.timedelta(days=2))
    alice_mails = [mail for mail in smtp_server.messages if mail["To"] == "alice@agency.test"]
    assert len(alice_mails) == 1 and "weekly summary" in alice_mails[0]["Subject"]
    assert MailDelivery.objects.get(user=alice).period == "2026-W50"


def test_at_once_sends_a_mail_when_the_proposal_is_made(
    smtp_server, agreement, source, alice, erin, django_capture_on_commit_callbacks
):
    notification_preferences_set(
        user=alice, frequencies={NotificationKind.APPROVAL_WAITING: Frequency.IMMEDIATELY}
    )
    with django_capture_on_commit_callbacks(execute=True):
        propose_signature(agreement, source, erin)
    [mail] = smtp_server.messages
    assert mail["To"] == "alice@agency.test"
    assert "erin proposed a change" in mail["Subject"]


def test_a_failed_mail_is_kept_visible_and_tried_again(
    smtp_server, settings, agreement, source, alice, erin, client
):
    propose_signature(agreement, source, erin)
    working_port, settings.EMAIL_PORT = settings.EMAIL_PORT, free_port()  # nobody listens there
    assert notifications_mail(now=MONDAY_MORNING) == {"sent": 0, "failed": 1}
    delivery = MailDelivery.objects.get(user=alice)
    assert (delivery.status, delivery.attempts) == (MailStatus.FAILED, 1)
    assert "ConnectionRefusedError" in delivery.last_error
    notification = Notification.objects.get(user=alice)
    assert notification.mailed_at is None and notification.read_at is None
    client.force_login(alice)
    page = client.get("/notifications/preferences/").content.decode()
    assert "could not be sent" in page
    # The scheduled job fails, so administrators see it among the failed jobs.
    with pytest.raises(MailsFailed):
        notifications_run()
    settings.EMAIL_PORT = working_port
    assert notifications_mail(now=MONDAY_MORNING + datetime.timedelta(hours=1))["sent"] == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_error) == (MailStatus.SENT, "")
    assert delivery.attempts >= 2
    assert [mail["To"] for mail in smtp_server.messages] == ["alice@agency.test"]
