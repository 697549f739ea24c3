"""Several job workers run the notifications job at the same moment: no notification is made
twice and a digest is mailed once. Real threads, each with its own database connection;
SQLite serialises writes, so this runs on PostgreSQL."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from django.db import connection

from liaison.instruments.services import instrument_transition
from liaison.notifications.models import MailDelivery, Notification
from liaison.notifications.services import notifications_generate, notifications_mail
from liaison.notifications.tests import conftest as notification_fixtures
from liaison.notifications.tests.conftest import MONDAY_MORNING

# The mail tests' fixtures: a real SMTP server, the personas with addresses, an agreement.
smtp_server = notification_fixtures.smtp_server
agreement = notification_fixtures.agreement
source = notification_fixtures.source
alice = notification_fixtures.alice
erin = notification_fixtures.erin

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writes, so workers never race; the test runs on PostgreSQL",
    ),
]

WORKERS = 4


def test_workers_at_once_make_each_notification_once_and_mail_the_digest_once(
    smtp_server,
    agreement,
    source,
    alice,
    erin,
) -> None:
    instrument_transition(
        instrument=agreement,
        event_kind="signed",
        date=datetime.date(2024, 10, 28),
        source=source,
        user=erin,
    )
    barrier = threading.Barrier(WORKERS)
    errors: list[Any] = []

    def work() -> None:
        try:
            barrier.wait(timeout=30)
            notifications_generate(now=MONDAY_MORNING)
            notifications_mail(now=MONDAY_MORNING)
        except Exception as error:  # noqa: BLE001 (shown by the assertion below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Notification.objects.filter(user=alice, kind="approval_waiting").count() == 1
    assert [mail["To"] for mail in smtp_server.messages] == ["alice@agency.test"]
    assert MailDelivery.objects.get(user=alice).attempts == 1
