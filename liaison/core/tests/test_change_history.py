"""Every create, update and delete is in the history, through the UI, the API and the
loader: who, when, which request, before and after. Nobody can change or delete it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import make_persona, token_key
from liaison.core.redaction import history_redact
from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.instruments.testing.factories import InstrumentFactory, SourceFactory, add_event, cite
from liaison.partners.models import Partner, Region
from liaison.reference.loader import reference_load
from liaison.sources.models import Citation, Source

pytestmark = [pytest.mark.django_db]

CREATE, UPDATE, DELETE = 0, 1, 2


def entries_for(obj: Any) -> Any:
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).order_by("pk")


def api_as(django_user_model: Any, name: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_key(make_persona(django_user_model, name))}")
    return api


def test_the_loader_writes_a_creation_for_every_record_and_nothing_when_run_again():
    start = LogEntry.objects.order_by("pk").values_list("pk", flat=True).last() or 0
    call_command("load_reference", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for model in (Source, Region, Partner, Instrument, InstrumentEvent, Citation):
        created = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), action=CREATE
        )
        assert created.count() == model.objects.count() > 0, model
    load_ids = set(LogEntry.objects.filter(pk__gt=start).values_list("cid", flat=True))
    assert len(load_ids) == 1 and load_ids.pop().startswith("load-reference-")
    before = LogEntry.objects.count()
    reference_load(directory=settings.REFERENCE_DATA_DIR)
    assert LogEntry.objects.count() == before


def test_an_api_update_names_the_token_user_the_request_and_before_and_after(
    django_user_model,
):
    partner = Partner.objects.create(code="RS", kind="country", name="Serbia")
    api = api_as(django_user_model, "alice")
    response = api.patch("/api/partners/RS/", {"description": "Candidate country"}, format="json")
    assert response.status_code == 200
    entry = entries_for(partner).last()
    assert entry.action == UPDATE
    assert entry.actor.username == "alice"
    assert entry.cid == response["X-Request-ID"]
    assert entry.changes_dict["description"] == ["", "Candidate country"]
    assert entry.serialized_data["fields"]["description"] == "Candidate country"


def test_an_api_create_and_delete_are_both_recorded(django_user_model):
    api = api_as(django_user_model, "erin")
    assert (
        api.post("/api/regions/", {"code": "sahel", "name": "Sahel"}, format="json").status_code
        == 201
    )
    region = Region.objects.get(code="sahel")
    region_pk = region.pk
    assert api.delete("/api/regions/sahel/").status_code == 204
    kinds = list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Region), object_id=region_pk
        )
        .order_by("pk")
        .values_list("action", "actor__username")
    )
    assert kinds == [(CREATE, "erin"), (DELETE, "erin")]


def test_a_change_through_the_admin_pages_is_recorded_with_its_request(django_user_model):
    region = Region.objects.create(code="sahel", name="Sahel")
    client = Client()
    client.force_login(make_persona(django_user_model, "erin"))
    response = client.post(
        reverse("admin:partners_region_change", args=[region.pk]),
        {
            "code": "sahel",
            "name": "Sahel region",
            "description": "",
            "sources-citation-content_type-object_id-TOTAL_FORMS": "0",
            "sources-citation-content_type-object_id-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = entries_for(region).last()
    assert (entry.action, entry.actor.username) == (UPDATE, "erin")
    assert entry.cid == response["X-Request-ID"]
    assert entry.changes_dict["name"] == ["Sahel", "Sahel region"]


def test_a_partner_s_regions_are_part_of_its_history(django_user_model):
    partner = Partner.objects.create(code="RS", kind="country", name="Serbia")
    partner.regions.add(Region.objects.create(code="balkans", name="Western Balkans"))
    change = entries_for(partner).last().changes_dict["regions"]
    assert change["operation"] == "add" and change["objects"] == ["Western Balkans"]


def test_history_cannot_be_changed_or_deleted():
    entry = entries_for(Region.objects.create(code="sahel", name="Sahel")).get()
    entry.object_repr = "forged"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied), transaction.atomic():
        entry.delete()
    with pytest.raises(PermissionDenied), transaction.atomic():
        LogEntry.objects.all().delete()
    assert LogEntry.objects.get(pk=entry.pk).object_repr == "Sahel"


def test_it_redacts_only_through_history_redact_and_only_the_data_columns():
    region = Region.objects.create(code="sahel", name="Secret Sahel")
    region.name = "Sahel"
    region.save()
    created, renamed = entries_for(region)
    total = LogEntry.objects.count()
    kept = [(e.pk, e.action, e.timestamp, e.actor_id, e.cid) for e in (created, renamed)]

    assert history_redact(obj=region, fields=["name"]) == 2
    created, renamed = entries_for(region)
    assert created.changes_dict["name"] == ["None", "[removed]"]
    assert renamed.changes_dict["name"] == ["[removed]", "Sahel"]
    assert created.serialized_data["fields"]["name"] == "[removed]"
    assert {created.object_repr, renamed.object_repr} == {"Sahel"}
    assert [(e.pk, e.action, e.timestamp, e.actor_id, e.cid) for e in (created, renamed)] == kept
    assert LogEntry.objects.count() == total  # the redaction adds no entry
    assert history_redact(obj=region, fields=["name"]) == 0  # nothing left to remove

    # Outside it, the guard stands: no change, no deletion.
    created.object_repr = "forged"
    with pytest.raises(PermissionDenied):
        created.save()
    with pytest.raises(PermissionDenied):
        created.save(update_fields=["object_repr"])
    with pytest.raises(PermissionDenied), transaction.atomic():
        created.delete()
    assert LogEntry.objects.get(pk=created.pk).object_repr == "Sahel"


def test_it_refuses_to_redact_what_is_not_a_field_of_the_record():
    region = Region.objects.create(code="sahel", name="Sahel")
    with pytest.raises(FieldDoesNotExist):
        history_redact(obj=region, fields=["nickname"])
    with pytest.raises(ValueError):
        history_redact(obj=region, fields=[])


def test_the_admin_shows_history_read_only(django_user_model):
    entry = entries_for(Region.objects.create(code="sahel", name="Sahel")).get()
    client = Client()
    client.force_login(make_persona(django_user_model, "erin"))
    assert client.get(reverse("admin:auditlog_logentry_changelist")).status_code == 200
    assert client.get(reverse("admin:auditlog_logentry_delete", args=[entry.pk])).status_code == 403


@pytest.mark.parametrize("name", ["partner", "instrument", "source"])
def test_every_object_page_has_a_history_section(bob_client, name):
    source = SourceFactory(title="Council Decision")
    instrument = InstrumentFactory(title="Agreement with Ruritania")
    cite(instrument, source)
    add_event(instrument, "signed", source=source)
    instrument.title = "Agreement with the Republic of Ruritania"
    instrument.save()
    url = {
        "partner": reverse("partners:partner_detail", kwargs={"code": instrument.partner.code}),
        "instrument": reverse("instruments:instrument_detail", kwargs={"pk": instrument.pk}),
        "source": reverse("sources:source_detail", kwargs={"key": source.key}),
    }[name]
    page = bob_client.get(url).content.decode()
    assert "History of changes" in page
    assert "created" in page
    if name != "source":
        assert "Agreement with the Republic of Ruritania" in page
        assert "Agreement with Ruritania" in page  # the title before the change


def test_the_change_log_filters_by_user_record_type_and_dates(django_user_model):
    alice = make_persona(django_user_model, "alice")
    dave = make_persona(django_user_model, "dave")
    api = APIClient()
    api.force_authenticate(alice)
    api.post("/api/regions/", {"code": "sahel", "name": "Sahel"}, format="json")
    SourceFactory(title="Unattributed document")
    client = Client()
    client.force_login(dave)
    url = reverse("change_log_list")
    by_alice = client.get(url, {"user": "alice"}).content.decode()
    assert "Sahel" in by_alice and "Unattributed document" not in by_alice
    regions = client.get(url, {"object_type": "partners.region"}).content.decode()
    assert "Sahel" in regions and "Unattributed document" not in regions
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    assert "No change matches" in client.get(url, {"since": tomorrow}).content.decode()
    bad = client.get(url, {"since": "yesterday"})
    assert bad.status_code == 200 and "Sahel" in bad.content.decode()


def test_the_change_log_is_paginated(django_user_model):
    for number in range(60):
        Region.objects.create(code=f"region-{number}", name=f"Region {number}")
    client = Client()
    client.force_login(make_persona(django_user_model, "erin"))
    page = client.get(reverse("change_log_list")).content.decode()
    assert "Page 1 of 2" in page


def test_the_api_gives_the_change_log_and_each_object_s_history(django_user_model):
    instrument = InstrumentFactory()
    add_event(instrument, "signed")
    api = api_as(django_user_model, "dave")
    listed = api.get("/api/changes/", {"object_type": "instruments.instrument"}).json()
    assert [row["object_repr"] for row in listed["results"]] == [instrument.title]
    assert listed["results"][0]["action"] == "create"
    history = api_as(django_user_model, "bob").get(f"/api/instruments/{instrument.pk}/history/")
    types = [row["object_type"] for row in history.json()["results"]]
    assert "instruments.instrument" in types and "instruments.instrumentevent" in types
    bad = api.get("/api/changes/", {"object_type": "nothing.here"})
    assert bad.status_code == 400


def test_the_change_log_api_is_read_only(django_user_model):
    entry = entries_for(Region.objects.create(code="sahel", name="Sahel")).get()
    api = api_as(django_user_model, "erin")
    # Refused by the permission check, before the method is even looked at.
    assert api.delete(f"/api/changes/{entry.pk}/").status_code == 403
    assert api.patch(f"/api/changes/{entry.pk}/", {}, format="json").status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()
