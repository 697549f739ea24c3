"""Attack: a notification mailed at once has its text as the mail's subject. Texts come
from the register (an instrument's title, a contact point's organisation), which imports
from spreadsheets fill: a cell with a line break brings a carriage return. The mail must
still go out (a subject is one line), not fail at every run with the job."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from liaison.instruments.testing.factories import InstrumentFactory
from liaison.notifications.choices import Frequency, NotificationKind
from liaison.notifications.models import Notification
from liaison.notifications.services import notification_preferences_set, notifications_mail_user
from liaison.notifications.tests.conftest import persona

pytestmark = [pytest.mark.django_db]


@pytest.mark.parametrize("title", ["Agreement\r\nwith Serbia", "Agreement\rwith Serbia"])
def test_a_title_with_a_line_break_is_mailed_at_once(
    django_user_model: Any, settings: Any, title: str
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    alice = persona(django_user_model, "alice")
    notification_preferences_set(
        user=alice, frequencies={NotificationKind.INSTRUMENT_ENDING: Frequency.IMMEDIATELY}
    )
    instrument: Any = InstrumentFactory(title=title)
    Notification.objects.create(
        user=alice,
        kind=NotificationKind.INSTRUMENT_ENDING,
        content_type=ContentType.objects.get_for_model(instrument),
        object_id=str(instrument.pk),
        threshold="1",
        facts={
            "instrument": title,
            "partner": instrument.partner.code,
            "date": datetime.date(2027, 1, 1).isoformat(),
        },
        url=instrument.get_absolute_url(),
    )
    assert notifications_mail_user(alice.pk) == {"sent": 1, "failed": 0}
    [message] = mail.outbox
    assert "\r" not in message.subject and "\n" not in message.subject
