"""The access log: reads of records marked as personal data are recorded (who, when, what,
which request), shown only to the roles that may see personal data, and listed and
exported for the data protection officer. No register model holds personal data yet, so
these tests mark sources as such: the mechanism is the one later models rely on."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.test import Client
from rest_framework.test import APIClient

from conftest import make_persona
from liaison.core.models import AccessLogEntry
from liaison.instruments.testing.factories import SourceFactory
from liaison.sources.models import Source

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def personal_sources(monkeypatch: Any) -> list[Source]:
    monkeypatch.setattr(Source, "contains_personal_data", True, raising=False)
    return [
        SourceFactory(key="contact-sheet", title='=HYPERLINK("x") contact sheet'),
        SourceFactory(key="participants", title="Participants list"),
    ]


def client_as(django_user_model: Any, name: str) -> Client:
    client = Client()
    client.force_login(make_persona(django_user_model, name))
    return client


def test_a_view_of_a_personal_record_is_logged_with_who_and_which_request(
    personal_sources, django_user_model
):
    carol = client_as(django_user_model, "carol")
    response = carol.get("/sources/contact-sheet/")
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.username, entry.action, entry.object_id) == (
        "carol",
        "view",
        str(personal_sources[0].pk),
    )
    assert entry.request_id == response["X-Request-ID"]
    assert entry.path == "/sources/contact-sheet/"


def test_a_list_page_logs_each_record_it_shows(personal_sources, django_user_model):
    client_as(django_user_model, "alice").get("/sources/")
    assert AccessLogEntry.objects.filter(username="alice").count() == 2


def test_api_reads_are_logged_too(personal_sources, django_user_model):
    api = APIClient()
    api.force_authenticate(make_persona(django_user_model, "carol"))
    api.get("/api/sources/contact-sheet/")
    api.get("/api/sources/")
    assert AccessLogEntry.objects.filter(username="carol").count() == 1 + 2


def test_a_viewer_cannot_see_personal_records_at_all(personal_sources, django_user_model):
    bob = client_as(django_user_model, "bob")
    assert bob.get("/sources/contact-sheet/").status_code == 403
    api = APIClient()
    api.force_authenticate(make_persona(django_user_model, "nora"))
    assert api.get("/api/sources/contact-sheet/").status_code == 403
    assert not AccessLogEntry.objects.exists()


def test_records_without_personal_data_are_not_logged(django_user_model):
    SourceFactory(key="strategy")
    client_as(django_user_model, "carol").get("/sources/strategy/")
    assert not AccessLogEntry.objects.exists()


def test_the_data_protection_officer_lists_and_filters_the_log(personal_sources, django_user_model):
    client_as(django_user_model, "carol").get("/sources/contact-sheet/")
    client_as(django_user_model, "alice").get("/sources/participants/")
    dave = client_as(django_user_model, "dave")
    page = dave.get("/access-log/")
    assert page.status_code == 200
    assert len(page.context["object_list"]) == 2
    only_carol = dave.get("/access-log/", {"username": "carol"})
    assert [entry.username for entry in only_carol.context["object_list"]] == ["carol"]
    none_yet = dave.get("/access-log/", {"since": "2100-12-31"})
    assert "No entry matches these filters" in none_yet.content.decode()


def test_the_export_is_a_csv_of_the_filtered_log_safe_for_spreadsheets(
    personal_sources, django_user_model
):
    client_as(django_user_model, "carol").get("/sources/contact-sheet/")
    client_as(django_user_model, "alice").get("/sources/participants/")
    response = client_as(django_user_model, "dave").get(
        "/access-log/export.csv", {"username": "carol"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["user"] for row in rows] == ["carol"]
    assert rows[0]["record"].startswith("'=HYPERLINK")  # never a live formula


def test_other_roles_cannot_read_the_log(django_user_model):
    for name in ("alice", "bob", "carol"):
        client = client_as(django_user_model, name)
        assert client.get("/access-log/").status_code == 403
        assert client.get("/access-log/export.csv").status_code == 403


def test_an_entry_can_be_neither_changed_nor_deleted(personal_sources, django_user_model):
    client_as(django_user_model, "carol").get("/sources/contact-sheet/")
    entry = AccessLogEntry.objects.get()
    entry.username = "someone else"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    assert AccessLogEntry.objects.get().username == "carol"


def test_the_admin_offers_no_way_to_change_the_log(personal_sources, django_user_model):
    client_as(django_user_model, "carol").get("/sources/contact-sheet/")
    entry = AccessLogEntry.objects.get()
    erin = client_as(django_user_model, "erin")
    assert erin.get("/admin/core/accesslogentry/").status_code == 200
    assert (
        erin.post(f"/admin/core/accesslogentry/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert erin.get("/admin/core/accesslogentry/add/").status_code == 403
    assert AccessLogEntry.objects.count() == 1


def test_the_log_refuses_bulk_changes_and_whoever_read_cannot_be_deleted(
    personal_sources, django_user_model
):
    client_as(django_user_model, "carol").get("/sources/contact-sheet/")
    with pytest.raises(PermissionDenied):
        AccessLogEntry.objects.all().update(username="x")
    with pytest.raises(PermissionDenied):
        AccessLogEntry.objects.all().delete()
    with pytest.raises(ProtectedError):
        django_user_model.objects.get(username="carol").delete()
    assert AccessLogEntry.objects.get().username == "carol"


def test_an_export_with_a_filter_it_does_not_understand_exports_nothing(
    personal_sources, django_user_model
):
    client_as(django_user_model, "carol").get("/sources/contact-sheet/")
    response = client_as(django_user_model, "dave").get(
        "/access-log/export.csv", {"since": "2099-02-30"}
    )
    assert response.status_code == 400
    assert "not understood" in response.content.decode()


def test_every_exported_cell_is_quoted_so_a_separator_cannot_start_a_formula(
    personal_sources, django_user_model
):
    SourceFactory(key="semi", title="ok;=cmd|' /C calc'!A0")
    client_as(django_user_model, "carol").get("/sources/semi/")
    response = client_as(django_user_model, "dave").get("/access-log/export.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "\"ok;=cmd|' /C calc'!A0\"" in text
