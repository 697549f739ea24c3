"""A project's page and API answer: funding, period, regions, partners, the engagements it
supported (newest first) and its sources, in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.engagements.models import Engagement, Project
from liaison.instruments.testing.factories import SourceFactory, cite
from liaison.partners.models import Partner, Region

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def project(chile: Partner) -> Project:
    project = Project.objects.create(
        key="el-paccto-2",
        name="EL PAcCTO 2.0",
        funding_instrument="NDICI",
        start_date=datetime.date(2023, 1, 1),
    )
    region = Region.objects.create(code="latin-america", name="Latin America")
    project.regions.add(region)
    project.partners.add(chile)
    cite(project, SourceFactory(title="Demo strategy text"))
    return project


def supported(project: Project, count: int) -> None:
    first = project.engagements.count()
    for number in range(first, first + count):
        engagement = Engagement.objects.create(
            key=f"workshop-{number}",
            kind="technical_meeting",
            title=f"Workshop {number}",
            start_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=30 * number),
            project=project,
        )
        engagement.partners.add(*Partner.objects.all())


def test_it_shows_funding_period_regions_partners_and_sources(bob_client, project):
    html = bob_client.get(project.get_absolute_url()).content.decode()
    assert "NDICI" in html
    assert "2023-01-01 – open" in html
    assert 'href="/strategy/regions/latin-america/"' in html
    assert "Chile" in html
    assert "Demo strategy text" in html


def test_it_lists_the_engagements_it_supported_newest_first(bob_client, project):
    supported(project, 3)
    Engagement.objects.create(
        key="other", kind="conference", title="Not this project", start_date=datetime.date.today()
    )
    html = bob_client.get(project.get_absolute_url()).content.decode()
    assert html.index("Workshop 2") < html.index("Workshop 1") < html.index("Workshop 0")
    assert "Not this project" not in html


def test_without_engagements_it_says_how_to_link_one(bob_client, project):
    html = bob_client.get(project.get_absolute_url()).content.decode()
    assert "No engagement names this project yet" in html


def test_an_unknown_project_is_a_404(bob_client, db):
    assert (
        bob_client.get(reverse("engagements:project_detail", args=["atlantis"])).status_code == 404
    )


def test_engagements_and_the_list_link_to_the_project(bob_client, project):
    supported(project, 1)
    engagement = project.engagements.get()
    for page in (engagement.get_absolute_url(), reverse("engagements:engagement_list")):
        assert f'href="{project.get_absolute_url()}"' in bob_client.get(page).content.decode()


def test_the_api_names_the_engagements_it_supported(api_bob, project):
    supported(project, 2)
    answer = api_bob.get(f"/api/projects/{project.key}/").json()
    assert answer["engagements"] == ["workshop-1", "workshop-0"]
    assert answer["regions"] == ["latin-america"]


def test_the_page_makes_the_same_number_of_queries_for_2_and_30_engagements(bob_client, project):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert bob_client.get(project.get_absolute_url()).status_code == 200
        return len(captured)

    supported(project, 2)
    few = count()
    supported(project, 28)
    assert count() == few


def test_a_project_with_many_engagements_shows_the_latest_ten_and_links_to_all(bob_client, project):
    supported(project, 13)
    response = bob_client.get(f"/engagements/projects/{project.key}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('<tr class="engagement">') == 10
    assert "workshop-12" in page and "workshop-2" not in page.replace("workshop-12", "")
    assert "The latest 10 of 13 engagements." in page
    assert f'href="/engagements/?project={project.key}"' in page


def test_the_api_names_the_newest_ten_engagements_and_links_to_all(api_bob, project):
    supported(project, 12)
    answer = api_bob.get(f"/api/projects/{project.key}/").json()
    assert answer["engagements"] == [f"workshop-{n}" for n in range(11, 1, -1)]
    assert answer["engagements_total"] == 12
    assert answer["engagements_more"] == 2
    assert answer["all_engagements"] == f"http://testserver/api/engagements/?project={project.key}"
    listed = api_bob.get(answer["all_engagements"]).json()
    assert listed["count"] == 12
    assert {row["project"] for row in listed["results"]} == {project.key}
    assert api_bob.get("/api/projects/").json()["results"][0]["engagements_more"] == 2


def test_the_api_names_all_engagements_of_a_small_project_and_no_link(api_bob, project):
    supported(project, 3)
    answer = api_bob.get("/api/projects/").json()["results"][0]
    assert answer["engagements"] == ["workshop-2", "workshop-1", "workshop-0"]
    assert (answer["engagements_total"], answer["engagements_more"]) == (3, 0)
    assert answer["all_engagements"] is None


def test_the_api_project_list_makes_the_same_number_of_queries_for_2_and_30_engagements(
    api_bob, project
):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api_bob.get("/api/projects/").status_code == 200
        return len(captured)

    supported(project, 2)
    count()  # the first request also reads what later ones find cached
    few = count()
    supported(project, 28)
    assert count() == few
