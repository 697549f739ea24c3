"""The ranking gathers its facts with a fixed number of aggregate queries, whatever the
number of exchanges; on PostgreSQL the transfers without a basis are found through the
exchanges' index of assessments, not by reading every exchange (EXPLAIN, realistic table
statistics: a few thousand rows, ANALYZE)."""

from __future__ import annotations

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.cases.models import Exchange
from liaison.cases.tests.conftest import make_case
from liaison.necessity.selectors import NecessityParameters, _exchanges, necessity_ranking
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]

AS_OF = datetime.date(2025, 12, 31)


def _fill(rows: int, partners: int, reference: str = "2023/0412") -> None:
    case = make_case(cms_reference=reference)
    found = [
        Partner.objects.get_or_create(
            code=f"Q{n:02d}", defaults={"kind": "country", "name": f"Q{n}"}
        )[0]
        for n in range(partners)
    ]
    case.partners.add(*found)
    rng = random.Random(15)  # noqa: S311 (test data, reproducible on purpose)
    Exchange.objects.bulk_create(
        Exchange(
            case=case,
            partner=found[n % partners],
            kind="request_for_information",
            direction="incoming",
            channel="contact_point",
            data_category="non_personal",
            sent_on=datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(3650)),
        )
        for n in range(rows)
    )


def _queries() -> int:
    with CaptureQueriesContext(connection) as captured:
        necessity_ranking(params=NecessityParameters(as_of=AS_OF), with_strategy=False)
    return len(captured)


def test_the_ranking_makes_the_same_queries_for_ten_exchanges_as_for_thousands():
    _fill(10, 2)
    few = _queries()
    _fill(3000, 40, reference="2023/0413")
    assert _queries() == few


def test_transfers_without_a_basis_are_found_through_the_assessment_index():
    if connection.vendor != "postgresql":
        pytest.skip("EXPLAIN plans are checked on PostgreSQL")
    _fill(6000, 60)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_exchange")
        cursor.execute("ANALYZE transfers_transferassessment")
    params = NecessityParameters(as_of=AS_OF)
    plan = (
        _exchanges(params).filter(transfer_assessment__isnull=False).values("partner_id").explain()
    )
    assert "transfer_assessment_id" in plan, plan
    assert "Seq Scan on cases_exchange" not in plan, plan
