"""On PostgreSQL the heavy casework reads use the exchanges' indexes, with realistic table
statistics (a few thousand rows, ANALYZE; the planner is not forced). Skipped on SQLite."""

from __future__ import annotations

import datetime
import random

import pytest
from django.db import connection

from liaison.cases.models import Exchange
from liaison.cases.selectors import overdue_exchanges
from liaison.cases.tests.conftest import make_case
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]

ROWS = 6000
PARTNERS = 60


@pytest.fixture
def exchanges(db):
    if connection.vendor != "postgresql":
        pytest.skip("EXPLAIN plans are checked on PostgreSQL")
    case = make_case()
    partners = [
        Partner.objects.create(code=f"Q{n:02d}", kind="country", name=f"Country {n}")
        for n in range(PARTNERS)
    ]
    rng = random.Random(14)  # noqa: S311 (test data, reproducible on purpose)
    rows = []
    for n in range(ROWS):
        sent = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(3650))
        answered = n % 50 != 0  # most exchanges are answered in the end
        rows.append(
            Exchange(
                case=case,
                partner=partners[n % PARTNERS],
                kind="request_for_information",
                direction="outgoing" if n % 2 else "incoming",
                channel="liaison_prosecutor",
                data_category="non_personal",
                sent_on=sent,
                acknowledged_on=sent + datetime.timedelta(days=3) if answered else None,
                answered_on=sent + datetime.timedelta(days=20) if answered else None,
                deadline=sent + datetime.timedelta(days=60),
                outcome="executed" if answered else "pending",
            )
        )
    Exchange.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_exchange")
    return partners


def test_a_partners_exchanges_of_a_year_use_the_partner_and_date_index(exchanges):
    plan = (
        Exchange.objects.filter(
            partner=exchanges[7],
            sent_on__gte=datetime.date(2023, 1, 1),
            sent_on__lte=datetime.date(2023, 12, 31),
        )
        .values("channel")
        .explain()
    )
    assert "cases_exchange_partner_sent" in plan, plan


def test_the_overdue_exchanges_use_the_partial_index_of_unanswered_ones(exchanges):
    plan = overdue_exchanges(on=datetime.date(2026, 1, 1))[:50].explain()
    assert "cases_exchange_overdue" in plan, plan


def test_the_exchanges_sent_in_a_month_use_the_sending_date_index(exchanges):
    plan = (
        Exchange.objects.filter(
            sent_on__gte=datetime.date(2023, 3, 1), sent_on__lte=datetime.date(2023, 3, 31)
        )
        .values("partner_id")
        .explain()
    )
    assert "cases_exchange_sent_on" in plan, plan


def test_whether_demo_cases_exist_is_read_from_the_partial_index(db):
    if connection.vendor != "postgresql":
        pytest.skip("EXPLAIN plans are checked on PostgreSQL")
    from liaison.cases.models import Case

    case = make_case()
    Case.objects.bulk_create(
        [
            Case(
                cms_reference=f"{case.cms_reference}-{n}",
                title=case.title,
                opened_on=case.opened_on,
                crime_areas=case.crime_areas,
                demo=n < 3,
            )
            for n in range(5000)
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_case")
    plan = Case.objects.filter(demo=True).explain()
    assert "cases_case_demo" in plan, plan
    assert Case.objects.filter(demo=True).exists()
