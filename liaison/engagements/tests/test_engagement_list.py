"""The engagement list: filters, pages, htmx results, an empty state that says what to do,
and as many queries for many engagements as for a few."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.engagements.models import Engagement, Project
from liaison.partners.models import Partner
from liaison.strategy.models import KeyAction, Priority, Strategy

pytestmark = [pytest.mark.django_db]

LIST = reverse("engagements:engagement_list")


def engagement(key: str, start: datetime.date, **fields) -> Engagement:
    many = {name: fields.pop(name, []) for name in ("partners", "co_organisers", "key_actions")}
    created = Engagement.objects.create(
        key=key,
        kind=fields.pop("kind", "conference"),
        title=fields.pop("title", key),
        start_date=start,
        **fields,
    )
    for name, values in many.items():
        getattr(created, name).set(values)
    return created


@pytest.fixture
def register(db):
    chile = Partner.objects.create(code="CL", kind="country", name="Chile")
    wacap = Partner.objects.create(code="WACAP", kind="judicial_network", name="WACAP")
    strategy = Strategy.objects.create(
        key="s",
        title="Strategy",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2027, 12, 31),
    )
    priority = Priority.objects.create(strategy=strategy, number=1, title="Latin America")
    action = KeyAction.objects.create(priority=priority, key="ka-1-1", number=1, text="Reach out")
    project = Project.objects.create(
        key="el-paccto", name="EL PAcCTO 2.0", funding_instrument="NDICI"
    )
    engagement(
        "santiago",
        datetime.date(2025, 5, 6),
        title="Technical meeting in Santiago",
        kind="technical_meeting",
        place="Santiago",
        partners=[chile],
        project=project,
        key_actions=[action],
    )
    engagement(
        "dakar",
        datetime.date(2024, 11, 2),
        end_date=datetime.date(2024, 11, 4),
        title="WACAP plenary",
        kind="network_meeting",
        co_organisers=[wacap],
        outcomes="Agreed a contact-point guide",
    )
    engagement("online", datetime.date(2023, 3, 1), title="Online seminar", online=True)
    return {"chile": chile, "project": project, "action": action}


def shown(client, **query) -> list[str]:
    response = client.get(LIST, query)
    assert response.status_code == 200
    return [e.key for e in response.context["object_list"]]


def test_it_lists_newest_first(bob_client, register):
    assert shown(bob_client) == ["santiago", "dakar", "online"]


def test_it_filters_by_kind(bob_client, register):
    assert shown(bob_client, kind=["network_meeting", "conference"]) == ["dakar", "online"]


def test_it_filters_by_partner_involved_or_co_organising(bob_client, register):
    assert shown(bob_client, partner="cl") == ["santiago"]
    assert shown(bob_client, partner="WACAP") == ["dakar"]


def test_it_filters_by_project_and_key_action(bob_client, register):
    assert shown(bob_client, project="el-paccto") == ["santiago"]
    assert shown(bob_client, key_action="ka-1-1") == ["santiago"]


def test_it_filters_by_dates_counting_the_last_day(bob_client, register):
    assert shown(bob_client, date_from="2024-11-04") == ["santiago", "dakar"]
    assert shown(bob_client, date_from="2024-11-05") == ["santiago"]
    assert shown(bob_client, date_to="2024-11-02") == ["dakar", "online"]


def test_a_yearly_engagement_matches_the_ranges_it_recurs_in(bob_client, db):
    engagement("day-of-justice", datetime.date(2024, 10, 25), recurs_yearly=True)
    engagement("new-year-forum", datetime.date(2023, 1, 5), recurs_yearly=True)
    october = {"date_from": "2026-10-01", "date_to": "2026-10-31"}
    assert shown(bob_client, **october) == ["day-of-justice"]
    assert shown(bob_client, date_from="2026-03-01", date_to="2026-03-31") == []
    across_new_year = {"date_from": "2026-12-20", "date_to": "2027-01-10"}
    assert shown(bob_client, **across_new_year) == ["new-year-forum"]
    # Not before it began, and every year once a range spans one.
    assert shown(bob_client, date_from="2022-10-01", date_to="2022-10-31") == []
    assert shown(bob_client, date_from="2025-01-01", date_to="2025-12-31") == [
        "day-of-justice",
        "new-year-forum",
    ]
    assert shown(bob_client, date_from="2030-06-01") == ["day-of-justice", "new-year-forum"]


def test_it_searches_title_place_and_outcomes(bob_client, register):
    assert shown(bob_client, search="santiago") == ["santiago"]
    assert shown(bob_client, search="guide") == ["dakar"]
    assert shown(bob_client, search="online seminar") == ["online"]


def test_it_sets_aside_a_filter_it_does_not_understand(bob_client, register):
    response = bob_client.get(LIST, {"date_from": "yesterday", "partner": "CL"})
    assert [e.key for e in response.context["object_list"]] == ["santiago"]
    assert response.context["ignored_filters"]


def test_it_answers_htmx_with_the_results_only(bob_client, register):
    response = bob_client.get(LIST, {"search": "WACAP"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "WACAP plenary" in page and "<html" not in page
    assert "HX-Request" in response["Vary"]


def test_it_pages_long_lists(bob_client, register):
    for number in range(60):
        engagement(f"demo-{number:02d}", datetime.date(2020, 1, 1))
    first = bob_client.get(LIST)
    assert len(first.context["object_list"]) == 50
    assert len(bob_client.get(LIST, {"page": 2}).context["object_list"]) == 13


def test_it_says_what_to_do_when_nothing_is_recorded(alice_client):
    page = alice_client.get(LIST).content.decode()
    assert "No engagement is recorded yet" in page
    assert reverse("engagements:engagement_create") in page


def test_it_says_the_filters_match_nothing(bob_client, register):
    page = bob_client.get(LIST, {"search": "nowhere"}).content.decode()
    assert "No engagement matches these filters" in page


def test_it_keeps_the_projects_below(bob_client, register):
    assert "EL PAcCTO 2.0" in bob_client.get(LIST).content.decode()


def queries(request: Callable[[], object]) -> int:
    request()
    with CaptureQueriesContext(connection) as captured:
        response = request()
    assert response.status_code == 200  # type: ignore[attr-defined]
    return len(captured)


def test_it_costs_the_same_queries_for_3_and_40_engagements(bob_client, register):
    few = queries(lambda: bob_client.get(LIST))
    for number in range(37):
        engagement(
            f"more-{number:02d}",
            datetime.date(2022, 1, 1),
            partners=[register["chile"]],
            project=register["project"],
            key_actions=[register["action"]],
        )
    assert queries(lambda: bob_client.get(LIST)) == few
    filtered = queries(lambda: bob_client.get(LIST, {"partner": "CL", "kind": "conference"}))
    assert filtered <= few + 1
