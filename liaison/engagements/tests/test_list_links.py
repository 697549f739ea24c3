"""The engagement list and the project page link each engagement, partner and project to
its page: the addresses are those the records give themselves."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import clear_script_prefix, set_script_prefix

from liaison.engagements.models import Engagement, Project
from liaison.engagements.templatetags.engagement_links import (
    engagement_url,
    kind_label,
    partner_url,
    project_url,
)
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def linked(db):
    project = Project.objects.create(
        key="justice-link", name="Justice link", funding_instrument="X"
    )
    partners = [
        Partner.objects.create(code="RS", kind="country", name="Serbia"),
        Partner.objects.create(code="GENOCIDE-NETWORK", kind="network", name="Genocide Network"),
    ]
    engagement = Engagement.objects.create(
        key="visit_2026-03-02",
        kind="conference",
        title="A visit",
        start_date=datetime.date(2026, 3, 2),
        project=project,
    )
    engagement.partners.set(partners)
    return engagement, project, partners


def links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


def test_the_rows_link_to_the_records_own_addresses(bob_client, linked):
    engagement, project, partners = linked
    expected = {engagement.get_absolute_url(), project.get_absolute_url()}
    expected |= {partner.get_absolute_url() for partner in partners}
    listed = links(bob_client.get("/engagements/").content.decode())
    page = links(bob_client.get(project.get_absolute_url()).content.decode())
    assert expected <= listed
    assert expected - {project.get_absolute_url()} <= page


@pytest.mark.parametrize("prefix", ["/", "/liaison/"])
def test_the_addresses_follow_the_prefix_liaison_is_served_under(linked, prefix):
    engagement, project, partners = linked
    set_script_prefix(prefix)
    try:
        assert engagement_url(engagement) == engagement.get_absolute_url()
        assert project_url(project) == project.get_absolute_url()
        for partner in partners:
            assert partner_url(partner) == partner.get_absolute_url()
            assert partner_url(partner).startswith(prefix)
    finally:
        clear_script_prefix()


def test_each_row_names_its_kind_as_the_engagement_page_does(bob_client, linked):
    engagement, _project, _partners = linked
    listed = bob_client.get("/engagements/").content.decode()
    assert engagement.get_kind_display() == "conference"
    assert f'{engagement.title}</a> <span class="muted">conference' in listed
    assert kind_label(Engagement(kind="not-a-kind")) == "not-a-kind"
