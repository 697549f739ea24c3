"""On PostgreSQL, the filters and lists on the largest tables (change history, access log,
transfer assessments, interactions) are served by an index, never by reading the whole
table. Checked with EXPLAIN on the queries the pages and the API build, after writing
some thousands of synthetic rows (skewed as a real register is) and ANALYZE, so that
the planner chooses as it would on a large register."""

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
from django.utils import timezone

from liaison.contacts.models import ContactPoint
from liaison.contacts.selectors import due_for_contact, partner_activity
from liaison.core.access_log_views import access_log_list
from liaison.core.filtersets import AccessLogFilterSet, ChangeLogFilterSet
from liaison.core.history import history_of
from liaison.core.history_views import change_log_list
from liaison.engagements.selectors import latest_engagements_by_priority
from liaison.partners.models import Partner
from liaison.reference.loader import reference_load
from liaison.reference.scale import ScaleSize, scale_data_generate
from liaison.strategy.models import Priority
from liaison.transfers.filtersets import TransferAssessmentFilterSet
from liaison.transfers.models import TransferAssessment

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="query plans are checked on PostgreSQL"
    ),
]

TODAY = datetime.date(2026, 6, 30)
PLAN_SIZE = ScaleSize(
    partners=130,
    contact_points=3_000,
    interactions=30_000,
    assessments=20_000,
    engagements=8_000,
    participants=4_000,
    history_entries=40_000,
    access_log_entries=40_000,
    users=20,
)


@pytest.fixture(scope="module")
def register_module(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The reference data, the strategy and synthetic records, written once for the module
    and rolled back after it (the tests only read)."""
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
            scale_data_generate(size=PLAN_SIZE, seed=3, today=TODAY)  # ends with ANALYZE
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def register(register_module: None, db: None) -> None:
    """The module's register, read inside each test's own transaction."""


def plans(queries: list[QuerySet[Any]]) -> str:
    return "\n".join(query.explain() for query in queries)


def assert_index_served(plan: str, table: str, *, conditions: tuple[str, ...] = ()) -> None:
    """No full read of `table`; an index used, with each of `conditions` (column names)
    in an index condition (the index narrows the rows), not in a filter applied after."""
    assert f"Seq Scan on {table} " not in plan, plan
    assert "Index" in plan, plan
    served = " ".join(line for line in plan.splitlines() if "Index Cond" in line).lower()
    for column in conditions:
        assert column in served, f"{column} is not in an index condition:\n{plan}"


def _filtered(filterset_class: Any, queryset: QuerySet[Any], **data: str) -> QuerySet[Any]:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    filterset = filterset_class(data=data, queryset=queryset, request=request)
    assert filterset.is_valid(), filterset.errors
    return filterset.qs


def test_the_change_log_between_two_days_reads_only_those_days(register):
    page = _filtered(ChangeLogFilterSet, change_log_list(), since="2026-05-01", until="2026-05-31")
    assert_index_served(plans([page[:50]]), "auditlog_logentry", conditions=("timestamp",))


def test_the_change_log_of_one_person_follows_their_entries(register):
    page = _filtered(
        ChangeLogFilterSet, change_log_list(), user="SYNTHETIC-OFFICER-003", since="2025-01-01"
    )
    assert page.exists()
    assert_index_served(plans([page[:50]]), "auditlog_logentry", conditions=("actor_id",))


def test_a_partner_page_history_reads_each_branch_by_an_index(register):
    serbia = Partner.objects.get(code="RS")
    history = history_of(serbia, children={"instruments.instrument": "partner"}, limit=50)
    assert len(history) == 50
    plan = plans([history])
    assert_index_served(plan, "auditlog_logentry", conditions=("object_id", "serialized_data"))
    assert "logentry_partner_child_latest_first" in plan, plan


def test_the_access_log_between_two_days_and_of_one_person(register):
    dated = _filtered(AccessLogFilterSet, access_log_list(), since="2026-06-01", until="2026-06-10")
    person = _filtered(
        AccessLogFilterSet,
        access_log_list(),
        username="Synthetic-Officer-007",
        since="2024-01-01",
        until="2026-06-30",
    )
    assert person.exists()
    assert_index_served(plans([dated[:50]]), "core_accesslogentry", conditions=("at",))
    assert_index_served(plans([person[:50]]), "core_accesslogentry", conditions=("upper",))


def test_the_record_types_offered_by_the_access_log_filter(register):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    filterset = AccessLogFilterSet(data={}, queryset=access_log_list(), request=request)
    choices = filterset.filters["content_type"].queryset
    assert choices.count() == 4
    assert_index_served(plans([choices]), "core_accesslogentry", conditions=("content_type_id",))


def test_the_assessment_register_by_partner_by_person_and_by_dates(register):
    everyone = TransferAssessment.objects.order_by("-assessed_at", "-pk")
    by_partner = _filtered(TransferAssessmentFilterSet, everyone, partner="RS")
    by_person = _filtered(
        TransferAssessmentFilterSet, everyone, requested_by="synthetic-OFFICER-002"
    )
    by_dates = _filtered(
        TransferAssessmentFilterSet,
        everyone,
        assessed_after="2026-06-01",
        assessed_before="2026-06-15",
    )
    assert by_person.exists()
    table = "transfers_transferassessment"
    partner_page = plans([by_partner[:50]])
    assert_index_served(partner_page, table, conditions=("partner_id",))
    # One partner's page is read in the index's order: no sort of its tens of thousands.
    assert "assessment_partner_newest" in partner_page and "Sort" not in partner_page, partner_page
    # Its capped count is narrowed by an index too (index-only once the table is vacuumed,
    # which cannot be done inside this test's transaction).
    count = by_partner.order_by().values("pk")[:10_001]
    assert_index_served(plans([count]), table, conditions=("partner_id",))
    assert_index_served(plans([by_person[:50]]), table, conditions=("upper",))
    assert_index_served(plans([by_dates[:50]]), table, conditions=("assessed_at",))
    assert_index_served(plans([everyone[:50]]), table)


def test_contact_activity_counts_only_the_window(register, django_assert_max_num_queries):
    from liaison.contacts.selectors import _window_counts

    through = ContactPoint.interactions.through
    counts = _window_counts(through, "contactpoint_id", TODAY)
    assert counts
    start = TODAY - datetime.timedelta(days=365)
    window = through.objects.filter(interaction__date__gt=start, interaction__date__lte=TODAY)
    assert_index_served(
        plans([window.values("contactpoint_id")]), "contacts_interaction", conditions=("date",)
    )
    page = due_for_contact(on=TODAY, page=1)
    assert len(page.object_list) == 50
    assert partner_activity(on=TODAY)


def test_the_latest_engagements_per_priority_walk_the_newest_first(register):
    ids = list(Priority.objects.values_list("pk", flat=True))
    latest = latest_engagements_by_priority(priority_ids=ids, on=TODAY)
    assert all(len(shown) == 3 for shown in latest.values())
    from liaison.engagements.models import Engagement

    through = Engagement.key_actions.through
    newest = Engagement.objects.filter(start_date__lte=TODAY).order_by("-start_date", "key")
    plan = plans([newest.values("pk")[:3]])
    assert_index_served(plan, "engagements_engagement")
    assert "engagement_newest_first" in plan, plan
    assert through.objects.count() > 1000
    assert timezone.now()


def test_engagements_of_a_partner_read_its_links_by_the_partner_index(register):
    from django.db.models import Count

    from liaison.engagements.filtersets import EngagementFilterSet
    from liaison.engagements.models import Engagement
    from liaison.engagements.selectors import engagement_list

    # The busiest partner and one of the least busy: the plan must hold for both.
    quiet = (
        Engagement.partners.through.objects.values("partner__code")
        .annotate(links=Count("pk"))
        .order_by("links", "partner__code")
        .values_list("partner__code", flat=True)[0]
    )
    for code in ("RS", quiet):
        page = _filtered(EngagementFilterSet, engagement_list(), partner=code)
        assert page.exists(), code
        plan = plans([page[:50], page.order_by()[:10_001]])
        assert_index_served(plan, "engagements_engagement_partners", conditions=("partner_id",))


def test_channel_activity_reads_the_named_contact_points_interactions_by_index(register):
    from django.test.utils import CaptureQueriesContext

    from liaison.contacts.selectors import contacts_activity

    named = list(
        ContactPoint.objects.active().filter(partner__code="RS").order_by("appointed_on", "pk")[:10]
    )
    assert len(named) == 10
    with CaptureQueriesContext(connection) as captured:
        contacts_activity(named, on=TODAY)
    assert 1 <= len(captured) <= 2
    for query in captured.captured_queries:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {query['sql']}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert_index_served(
            plan, "contacts_interaction_contact_points", conditions=("contactpoint_id",)
        )


def test_region_engagement_counts_are_kept_and_recounted_by_the_partner_index(register):
    """The overview reads the kept counts, no link; a writer's recount of a region reads
    the links of that region's partners from the index by partner."""
    from django.test.utils import CaptureQueriesContext

    from liaison.engagements.models import region_engagement_counts_refresh
    from liaison.partners.models import Region
    from liaison.strategy.alignment import regions_alignment

    links = "engagements_engagement_partners"
    with CaptureQueriesContext(connection) as captured:
        regions = regions_alignment(on=TODAY)
    assert any(region.engagements for region in regions)
    assert [query["sql"] for query in captured.captured_queries if links in query["sql"]] == []
    busiest = max(regions, key=lambda region: region.engagements).region
    with CaptureQueriesContext(connection) as captured:
        region_engagement_counts_refresh([busiest.pk])
    assert Region.objects.get(pk=busiest.pk).engagement_count.engagements == max(
        region.engagements for region in regions
    )
    counting = [query["sql"] for query in captured.captured_queries if links in query["sql"]]
    assert len(counting) == 1
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {counting[0]}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # (Read from the index alone once the table is vacuumed, as on a live register; the
    # test's rows are not, so only the index condition is checked here.)
    assert_index_served(plan, links, conditions=("partner_id",))
