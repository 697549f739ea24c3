"""On PostgreSQL, the engagement lists, the project page, the calendar and the strategy's
latest engagements read a page's worth of rows through an index, whatever the number of
engagements: checked with EXPLAIN on the queries the pages and the API build, after
writing some thousands of synthetic engagements (one partner in about a third of them, as
at a large agency) and ANALYZE, so that the planner chooses as it would at scale."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from typing import Any

import pytest
from auditlog.context import disable_auditlog
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import QuerySet
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from liaison.engagements.filtersets import BUSY_PARTNER, EngagementFilterSet
from liaison.engagements.models import Engagement, Project
from liaison.engagements.selectors import (
    engagement_list,
    engagements_upcoming,
    latest_engagements_by_priority,
    name_newest_engagements,
    project_engagements,
    project_summaries,
)
from liaison.partners.models import Partner
from liaison.reference.loader import reference_load
from liaison.reference.scale import ScaleSize, scale_data_generate
from liaison.strategy.models import Priority

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="query plans are checked on PostgreSQL"
    ),
]

TODAY = datetime.date(2026, 6, 30)
SIZE = ScaleSize(
    partners=130,
    contact_points=300,
    interactions=1_000,
    assessments=100,
    engagements=8_000,
    participants=500,
    history_entries=500,
    access_log_entries=500,
    users=5,
)


@pytest.fixture(scope="module")
def register_module(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The reference data, the strategy and synthetic engagements, written once for the
    module and rolled back after it (the tests only read)."""
    if connection.vendor != "postgresql":
        yield
        return
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with disable_auditlog():
                reference_load(directory=settings.REFERENCE_DATA_DIR)
                call_command("load_strategy", stdout=io.StringIO())
                call_command("load_engagements", stdout=io.StringIO())
            scale_data_generate(size=SIZE, seed=5, today=TODAY)  # ends with ANALYZE
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def register(register_module: None, db: None) -> None:
    """The module's register, read inside each test's own transaction."""


def plan_of(query: QuerySet[Any]) -> str:
    return query.explain()


def plan_of_sql(sql: str, params: Any = ()) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def assert_index_served(plan: str, table: str, *, conditions: tuple[str, ...] = ()) -> None:
    """No full read of `table`; an index used, with each of `conditions` (column names)
    in an index condition, not in a filter applied after reading."""
    assert f"Seq Scan on {table} " not in plan, plan
    assert "Index" in plan, plan
    served = " ".join(line for line in plan.splitlines() if "Index Cond" in line).lower()
    for column in conditions:
        assert column in served, f"{column} is not in an index condition:\n{plan}"


def filtered(query: str) -> tuple[QuerySet[Engagement], Any]:
    request = RequestFactory().get(f"/?{query}")
    request.user = AnonymousUser()
    filterset = EngagementFilterSet(data=request.GET, queryset=engagement_list(), request=request)
    assert filterset.is_valid(), filterset.errors
    return filterset.qs, request


def links_of(code: str) -> int:
    return Engagement.objects.filter(partners__code=code).distinct().count()


def test_a_busy_partners_page_walks_the_engagements_newest_first(register):
    assert links_of("RS") >= BUSY_PARTNER
    page, _request = filtered("partner=RS")
    plan = plan_of(page[:50])
    # The newest-first index, each engagement checked by a probe of the link index: no
    # sort of all of the partner's engagements, no hash of all of its links.
    assert "engagement_newest_first" in plan, plan
    assert "Sort" not in plan.split("SubPlan")[0], plan
    assert "hashed SubPlan" not in plan, plan
    assert_index_served(plan, "engagements_engagement_partners", conditions=("partner_id",))


def test_a_busy_partners_count_is_read_from_its_links(register):
    expected = Engagement.objects.filter(partners__code="RS").distinct().count()
    with CaptureQueriesContext(connection) as captured:
        _page, request = filtered("partner=RS")
    assert request.engagement_count_known == expected
    counting = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counting) == 2
    for sql in counting:
        plan = plan_of_sql(sql)
        assert "Seq Scan on engagements_engagement " not in plan, plan
        assert "partner_id" in " ".join(
            line for line in plan.splitlines() if "Index Cond" in line or "Filter" in line
        ), plan


def test_a_quiet_partner_and_a_busy_one_with_other_filters_read_links_by_partner(register):
    quiet = (
        Partner.objects.filter(engagements__isnull=False)
        .exclude(code="RS")
        .order_by("code")
        .values_list("code", flat=True)
        .first()
    )
    assert quiet is not None
    for query in (f"partner={quiet}", "partner=RS&kind=conference"):
        page, request = filtered(query)
        assert not hasattr(request, "engagement_count_known")
        plan = plan_of(page[:50]) + "\n" + plan_of(page.order_by()[:10_001])
        assert_index_served(plan, "engagements_engagement_partners", conditions=("partner_id",))


def test_the_api_and_the_list_count_a_busy_partners_engagements_exactly(register, api_alice):
    expected = Engagement.objects.filter(partners__code="RS").distinct().count()
    answer = api_alice.get("/api/engagements/?partner=RS&page_size=5").json()
    assert answer["count"] == expected
    assert answer["count_capped"] is False
    newest = list(
        Engagement.objects.filter(partners__code="RS")
        .distinct()
        .order_by("-start_date", "key")
        .values_list("key", flat=True)[:5]
    )
    assert [row["key"] for row in answer["results"]] == newest


def test_a_project_page_reads_its_newest_engagements_and_counts_them_by_index(register):
    project = Project.objects.filter(engagements__isnull=False).first()
    assert project is not None
    with CaptureQueriesContext(connection) as captured:
        shown, count = project_engagements(project=project, limit=100)
    assert count == Engagement.objects.filter(project=project).count() > len(shown) == 100
    main = [q["sql"] for q in captured.captured_queries if '"engagements_engagement"' in q["sql"]]
    for sql in main[:2]:
        plan = plan_of_sql(sql.replace("%", "%%"))
        assert_index_served(plan, "engagements_engagement", conditions=("project_id",))
    summaries = plan_of(project_summaries())
    assert_index_served(summaries, "engagements_engagement", conditions=("project_id",))


def test_the_calendar_reads_upcoming_and_yearly_engagements_by_index(register):
    plan = plan_of(engagements_upcoming(on=TODAY))
    assert_index_served(plan, "engagements_engagement", conditions=("start_date",))
    assert "engagement_yearly" in plan, plan


def test_the_latest_engagements_per_priority_read_only_their_links(register):
    ids = list(Priority.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as captured:
        latest = latest_engagements_by_priority(priority_ids=ids, on=TODAY)
    assert all(len(shown) == 3 for shown in latest.values())
    assert len(captured) == 1
    plan = plan_of_sql(captured.captured_queries[0]["sql"].replace("%", "%%"))
    # Each priority's picks are read by an index, never by reading every engagement. (At
    # this test's size the planner may read the few thousand links whole to join them; at
    # an agency's size it reads only the picked engagements' links, by their index.)
    assert_index_served(plan, "engagements_engagement")


def test_beyond_the_lists_cap_a_busy_partners_count_says_so(register, api_alice, monkeypatch):
    from liaison.core.views import CappedCountPaginator

    monkeypatch.setattr(CappedCountPaginator, "cap", 100)
    answer = api_alice.get("/api/engagements/?partner=RS&page_size=50").json()
    assert answer["count"] == 100
    assert answer["count_capped"] is True
    assert answer["next"] is not None
    third = api_alice.get("/api/engagements/?partner=RS&page_size=50&page=3").json()
    assert len(third["results"]) == 50


def test_a_deep_page_of_a_busy_partner_hashes_its_links_once(register):
    page, request = filtered("partner=RS&page=12")
    assert request.engagement_count_known >= BUSY_PARTNER
    plan = plan_of(page[550:600])
    assert "engagement_newest_first" in plan, plan
    assert "hashed SubPlan" in plan, plan
    assert "Sort" not in plan.split("SubPlan")[0], plan


def test_the_api_names_each_projects_newest_engagements_from_its_index(register):
    projects = list(Project.objects.filter(engagements__isnull=False).distinct())
    assert len(projects) > 1
    with CaptureQueriesContext(connection) as captured:
        name_newest_engagements(projects, named=10)
    assert len(captured) == 1
    for project in projects:
        expected = Engagement.objects.filter(project=project).order_by("-start_date", "key")
        assert project.newest_engagements == list(expected.values_list("key", flat=True)[:10])
    plan = plan_of_sql(captured.captured_queries[0]["sql"].replace("%", "%%"))
    # Each project's picks stop after ten rows of its index: no window ranking them all.
    assert_index_served(plan, "engagements_engagement", conditions=("project_id",))
    assert "WindowAgg" not in plan and "Sort" not in plan.split("->")[0], plan
