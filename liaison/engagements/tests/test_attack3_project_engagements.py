"""Attack (c): the API's projects name their newest ten engagements; the names, the counts
and the link must agree with the engagement list the link opens, ties on a date included,
on both databases (PostgreSQL unites one pick per project, others prefetch)."""

from __future__ import annotations

import datetime

import pytest

from liaison.engagements.models import Engagement, Project

pytestmark = [pytest.mark.django_db]


def project_with(key: str, dates: list[datetime.date]) -> Project:
    project = Project.objects.create(
        key=key, name=f"Project {key}", funding_instrument="NDICI", start_date=dates[0]
    )
    for number, day in enumerate(dates):
        Engagement.objects.create(
            key=f"{key}-e{number:02d}",
            kind="technical_meeting",
            title=f"Meeting {number} of {key}",
            start_date=day,
            project=project,
        )
    return project


def test_each_project_names_the_first_ten_of_its_own_engagement_list(api_bob):
    day = datetime.date(2024, 5, 1)
    # Ties on one day, in keys that sort otherwise than they were created.
    project_with("zeta", [day] * 12)
    project_with("alpha", [day + datetime.timedelta(days=n % 4) for n in range(13)])
    project_with("small", [day, day])
    rows = {row["key"]: row for row in api_bob.get("/api/projects/").json()["results"]}
    for key, total in (("zeta", 12), ("alpha", 13), ("small", 2)):
        row = rows[key]
        listed = api_bob.get("/api/engagements/", {"project": key, "page_size": 100}).json()[
            "results"
        ]
        assert [e["key"] for e in listed][:10] == row["engagements"]
        assert row["engagements_total"] == total == len(listed)
        assert row["engagements_more"] == max(total - 10, 0)
        assert (row["all_engagements"] is None) == (total <= 10)
        detail = api_bob.get(f"/api/projects/{key}/").json()
        assert detail["engagements"] == row["engagements"]
