"""A long list (the change log, the access log, the assessment register) counts its rows
only up to a cap: beyond it, it says "more than" that, and its pages still work."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from conftest import make_persona
from liaison.core.models import AccessLogEntry
from liaison.core.views import CappedCountPaginator

pytestmark = pytest.mark.django_db


def log(entries: int) -> None:
    content_type = ContentType.objects.get_for_model(AccessLogEntry)
    for number in range(entries):
        AccessLogEntry.objects.create(
            username="carol",
            action="view",
            content_type=content_type,
            object_id=str(number),
            object_repr=f"record {number}",
        )


@pytest.fixture
def dave(django_user_model: Any) -> Client:
    client = Client()
    client.force_login(make_persona(django_user_model, "dave"))
    return client


def test_below_the_cap_the_count_is_exact(dave, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "cap", 5)
    log(4)
    page = dave.get("/access-log/")
    assert "4 entries" in page.content.decode()


def test_beyond_the_cap_it_says_more_than_the_cap(dave, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "cap", 5)
    log(12)
    page = dave.get("/access-log/")
    assert page.status_code == 200
    assert "More than 5 entries" in page.content.decode()
    assert len(page.context["object_list"]) == 12
    assert page.context["paginator"].count == 6  # counted no further than needed


def test_the_change_log_counts_the_same_way(dave, monkeypatch, django_user_model):
    monkeypatch.setattr(CappedCountPaginator, "cap", 2)
    for name in ("erin", "carol", "nora"):
        make_persona(django_user_model, name)
    page = dave.get("/changes/")
    assert page.status_code == 200
    assert "More than 2 changes" in page.content.decode()


@pytest.mark.parametrize("page", ["99999999999999999999", "-3"])
def test_beyond_the_cap_a_page_number_it_cannot_reach_shows_the_first_page(dave, monkeypatch, page):
    monkeypatch.setattr(CappedCountPaginator, "cap", 5)
    log(8)
    response = dave.get("/access-log/", {"page": page})
    assert response.status_code == 200
    assert "record 7" in response.content.decode()
