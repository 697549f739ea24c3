"""What the scheduled job makes: each kind for the roles that may see it, once per record and
threshold however often it runs; nothing of others' personal data reaches a role that may not
see it; a contact point or an exchange shown or mailed is in the access log."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from django_q.models import Task

from liaison.cases.models import Exchange
from liaison.cases.tests.conftest import make_case
from liaison.contacts.tests.conftest import appoint
from liaison.core.models import AccessLogEntry
from liaison.instruments.testing.factories import InstrumentFactory, add_event
from liaison.notifications.choices import Frequency, NotificationKind
from liaison.notifications.models import Notification
from liaison.notifications.services import (
    notification_preferences_set,
    notifications_generate,
    notifications_mail,
)
from liaison.notifications.tests.conftest import MONDAY_MORNING, text_of
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]

TODAY = datetime.date(2026, 12, 7)


def kinds_of(user: Any) -> set[str]:
    return set(Notification.objects.filter(user=user).values_list("kind", flat=True))


@pytest.fixture
def everything(carol: Any) -> dict[str, Any]:
    """One record of each kind the job looks for, as of MONDAY_MORNING."""
    nigeria = Partner.objects.create(code="NG", kind="country", name="Nigeria")
    ending = InstrumentFactory(partner=nigeria, type="memorandum_of_understanding", title="MoU NG")
    add_event(ending, "signed", date=datetime.date(2020, 5, 1))
    add_event(ending, "expires", date=TODAY + datetime.timedelta(days=100))
    contact = appoint(nigeria, "Adaeze Okafor")
    case = make_case(officer=carol)
    exchange = Exchange.objects.create(
        case=case,
        partner=Partner.objects.get(code="RS"),
        kind="mutual_legal_assistance_request",
        direction="outgoing",
        channel="national_member",
        data_category="non_personal",
        sent_on=datetime.date(2026, 10, 1),
        deadline=datetime.date(2026, 11, 1),
    )
    failure = Task.objects.create(
        id="a" * 32,
        name="exports-expire",
        func="liaison.exports.services.exports_expire",
        started=MONDAY_MORNING - datetime.timedelta(hours=3),
        stopped=MONDAY_MORNING - datetime.timedelta(hours=3),
        success=False,
        result="OSError: disk full",
    )
    return {"instrument": ending, "contact": contact, "exchange": exchange, "failure": failure}


def test_each_role_gets_the_kinds_it_may_see(everything, alice, bob, carol, erin):
    notifications_generate(now=MONDAY_MORNING)
    assert kinds_of(alice) == {"instrument_ending", "contact_due"}
    assert kinds_of(bob) == {"instrument_ending"}  # the viewer: nothing about contact points
    assert kinds_of(carol) == {"instrument_ending", "exchange_overdue"}  # their own case
    assert kinds_of(erin) == {"instrument_ending", "contact_due", "job_failed"}
    job = Notification.objects.get(user=erin, kind="job_failed")
    assert job.url == f"/admin/django_q/failure/{'a' * 32}/change/"
    assert Notification.objects.get(user=carol, kind="exchange_overdue").url == (
        everything["exchange"].get_absolute_url()
    )


def test_runs_again_and_again_make_no_duplicate(everything, alice, bob, carol, erin):
    notifications_generate(now=MONDAY_MORNING)
    first = Notification.objects.count()
    notifications_generate(now=MONDAY_MORNING)
    notifications_generate(now=MONDAY_MORNING + datetime.timedelta(hours=1))
    assert Notification.objects.count() == first


def test_an_instrument_is_told_once_per_threshold(everything, bob):
    notifications_generate(now=MONDAY_MORNING)
    # 100 days ahead: within 6 months, the nearest threshold reached.
    assert list(Notification.objects.filter(user=bob).values_list("threshold", flat=True)) == ["6"]
    notifications_generate(now=MONDAY_MORNING + datetime.timedelta(days=80))
    thresholds = Notification.objects.filter(user=bob).values_list("threshold", flat=True)
    assert sorted(thresholds) == ["1", "6"]
    text = Notification.objects.get(user=bob, threshold="1").text
    assert text == "MoU NG (NG) ends within a month, on 2027-03-17."


def test_a_kind_turned_off_is_not_made(everything, bob):
    notification_preferences_set(
        user=bob, frequencies={NotificationKind.INSTRUMENT_ENDING: Frequency.OFF}
    )
    notifications_generate(now=MONDAY_MORNING)
    assert kinds_of(bob) == set()


def test_no_name_of_a_contact_point_in_a_notification_and_the_mail_is_access_logged(
    smtp_server, everything, alice, client
):
    notification_preferences_set(
        user=alice, frequencies={NotificationKind.CONTACT_DUE: Frequency.DAILY}
    )
    notifications_generate(now=MONDAY_MORNING)
    due = Notification.objects.get(user=alice, kind="contact_due")
    assert "Adaeze" not in due.text and "Nigeria" in due.text
    notifications_mail(now=MONDAY_MORNING)
    [mail] = [m for m in smtp_server.messages if m["To"] == "alice@agency.test"]
    text, html = text_of(mail)
    assert "Adaeze" not in text + html and "example.invalid" not in text + html
    logged = AccessLogEntry.objects.get(user=alice)
    assert logged.object_id == str(everything["contact"].pk)
    # Shown on the notifications page, it is logged again, with the page's address.
    client.force_login(alice)
    assert "Ministry of Justice of Nigeria" in client.get("/notifications/").content.decode()
    assert list(AccessLogEntry.objects.filter(user=alice).values_list("path", flat=True)) == [
        "/notifications/",
        "",
    ]


def test_a_role_taken_away_stops_what_it_no_longer_may_see(smtp_server, everything, carol, client):
    notifications_generate(now=MONDAY_MORNING)
    notification_preferences_set(
        user=carol, frequencies={NotificationKind.EXCHANGE_OVERDUE: Frequency.DAILY}
    )
    carol.groups.clear()
    carol.groups.add(Group.objects.get(name="viewer"))
    carol = type(carol).objects.get(pk=carol.pk)  # permissions read afresh
    notifications_mail(now=MONDAY_MORNING)
    assert not [m for m in smtp_server.messages if "exchange" in m.as_string()]
    client.force_login(carol)
    page = client.get("/notifications/").content.decode()
    assert "2023/0412" not in page
    assert not AccessLogEntry.objects.filter(user=carol).exists()


def test_failed_jobs_older_than_a_week_are_not_dug_up(everything, erin):
    Task.objects.filter(pk="a" * 32).update(stopped=timezone.now() - datetime.timedelta(days=30))
    notifications_generate(now=timezone.now())
    assert "job_failed" not in kinds_of(erin)
