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


def test_the_ranking_with_the_strategy_reads_each_table_once(reference_data):
    """The ranking as of the strategy's adoption is gathered in the same queries as the
    current one: the comparison adds no aggregate query over the exchanges or the cases."""
    from io import StringIO

    from django.core.management import call_command

    _fill(10, 2)
    call_command("load_strategy", stdout=StringIO())
    with CaptureQueriesContext(connection) as captured:
        answer = necessity_ranking(params=NecessityParameters(as_of=AS_OF))
    assert answer["strategy"] is not None
    over_exchanges = [q for q in captured if 'FROM "cases_exchange"' in q["sql"]]
    over_cases = [q for q in captured if 'FROM "cases_case_partners"' in q["sql"]]
    assert len(over_exchanges) == 2  # all exchanges per half-window; those with an assessment
    assert len(over_cases) == 1


def test_cases_in_a_crime_priority_are_tested_on_the_json_list_not_its_text(reference_data):
    """~520 ms at 2M exchanges when the list was read as text (LIKE per area): jsonb `?|`."""
    if connection.vendor != "postgresql":
        pytest.skip("EXPLAIN plans are checked on PostgreSQL")
    from pathlib import Path

    from django.conf import settings

    from liaison.necessity.services import crime_priorities_load

    crime_priorities_load(path=Path(settings.REFERENCE_DATA_DIR) / "crime_priorities.yaml")
    _fill(3000, 40)
    with CaptureQueriesContext(connection) as captured:
        necessity_ranking(params=NecessityParameters(as_of=AS_OF), with_strategy=False)
    sql = next(q["sql"] for q in captured if 'FROM "cases_case_partners"' in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_case")
        cursor.execute("ANALYZE cases_case_partners")
        cursor.execute(f"EXPLAIN (VERBOSE) {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "?|" in plan, plan
    assert "~~" not in plan and "crime_areas)::text" not in plan, plan  # no LIKE on the text
