"""`liaison load-reference` never loses what was recorded in the app: events recorded or
approved there stay, a record changed there is reported as a conflict and left as it is,
and a rerun on an unchanged dataset writes nothing at all."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import yaml
from auditlog.models import LogEntry
from django.conf import settings
from django.core.management import call_command
from rest_framework.test import APIClient

from conftest import make_persona, token_key
from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.instruments.testing.factories import SourceFactory
from liaison.partners.models import Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    target = tmp_path / "reference"
    shutil.copytree(settings.REFERENCE_DATA_DIR, target)
    return target


def edit(dataset: Path, name: str, change: Any) -> None:
    path = dataset / f"{name}.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content[name])
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


def load(directory: Path) -> str:
    out = StringIO()
    call_command("load_reference", directory=directory, stdout=out)
    return out.getvalue()


def api_as(django_user_model: Any, name: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_key(make_persona(django_user_model, name))}")
    return api


def writes() -> tuple[int, list[Any]]:
    """How many history entries there are, and every loaded record's last write."""
    stamps = [
        *Partner.objects.order_by("pk").values_list("last_updated", flat=True),
        *Instrument.objects.order_by("pk").values_list("last_updated", flat=True),
        *InstrumentEvent.objects.order_by("pk").values_list("last_updated", flat=True),
    ]
    return LogEntry.objects.count(), stamps


def test_events_recorded_and_approved_in_the_app_survive_two_reloads(dataset, django_user_model):
    load(dataset)
    source = SourceFactory(key="note-verbale-2026", title="Note verbale")
    alice = api_as(django_user_model, "alice")
    erin = api_as(django_user_model, "erin")
    agreement = Instrument.objects.get(key="no-cooperation-agreement")
    proposal = alice.post(
        f"/api/instruments/{agreement.pk}/events/",
        {"kind": "suspended", "date": "2026-03-01", "source": source.key},
        format="json",
    )
    assert proposal.status_code == 202, proposal.content
    approved = erin.post(f"/api/proposals/{proposal.json()['id']}/approve/")
    assert approved.status_code == 200, approved.content
    arrangement = Instrument.objects.filter(
        type="working_arrangement", events__kind="in_force"
    ).first()
    assert arrangement is not None
    recorded = alice.post(
        f"/api/instruments/{arrangement.pk}/events/",
        {"kind": "suspended", "date": "2026-04-01", "source": source.key},
        format="json",
    )
    assert recorded.status_code == 201, recorded.content
    app_events = {(agreement.pk, "suspended"), (arrangement.pk, "suspended")}

    first = load(dataset)
    second = load(dataset)

    kept = set(
        InstrumentEvent.objects.filter(kind="suspended", date__year=2026).values_list(
            "instrument_id", "kind"
        )
    )
    assert kept == app_events
    assert agreement.status_on(None) == "suspended"
    for output in (first, second):
        assert "nothing created or changed" in output


def test_a_record_changed_in_the_app_is_reported_and_kept_and_the_rerun_writes_nothing(
    dataset, django_user_model
):
    load(dataset)
    alice = api_as(django_user_model, "alice")
    changed = alice.patch(
        "/api/partners/NO/", {"description": "Described by an officer."}, format="json"
    )
    assert changed.status_code == 200, changed.content

    first = load(dataset)
    assert Partner.objects.get(code="NO").description == "Described by an officer."
    assert "partners.yaml, partner 'NO'" in first
    assert "description" in first
    before = writes()
    second = load(dataset)
    assert writes() == before
    assert "nothing created or changed" in second
    assert "partners.yaml, partner 'NO'" in second


def test_a_dataset_change_to_a_record_changed_in_the_app_is_not_written(dataset, django_user_model):
    load(dataset)
    partner = Partner.objects.get(code="IS")
    partner.description = "Kept by the app."
    partner.save()
    edit(
        dataset,
        "partners",
        lambda records: next(r for r in records if r["code"] == "IS").update(
            description="From a newer dataset."
        ),
    )
    output = load(dataset)
    assert Partner.objects.get(code="IS").description == "Kept by the app."
    assert "partners.yaml, partner 'IS'" in output


def test_a_dataset_change_to_a_record_nobody_changed_is_written(dataset):
    load(dataset)
    edit(
        dataset,
        "partners",
        lambda records: next(r for r in records if r["code"] == "IS").update(
            description="From a newer dataset."
        ),
    )
    output = load(dataset)
    assert Partner.objects.get(code="IS").description == "From a newer dataset."
    assert "partners: 0 created, 1 updated" in output


def test_a_dataset_change_to_the_events_keeps_the_events_recorded_in_the_app(
    dataset, django_user_model
):
    load(dataset)
    source = SourceFactory(key="note-verbale-2026", title="Note verbale")
    arrangement = Instrument.objects.filter(
        type="working_arrangement", events__kind="in_force"
    ).first()
    assert arrangement is not None
    recorded = api_as(django_user_model, "alice").post(
        f"/api/instruments/{arrangement.pk}/events/",
        {"kind": "suspended", "date": "2026-04-01", "source": source.key},
        format="json",
    )
    assert recorded.status_code == 201, recorded.content

    def add_note(records):
        record = next(r for r in records if r["key"] == arrangement.key)
        record["events"][0]["note"] = "A note from a newer dataset."

    edit(dataset, "instruments", add_note)
    load(dataset)
    events = arrangement.events.order_by("pk")
    assert events.filter(kind="suspended", date__year=2026).count() == 1
    assert events.first().note == "A note from a newer dataset."


def test_records_created_in_the_app_are_never_deleted_or_overwritten(dataset):
    load(dataset)
    Partner.objects.create(code="TV", kind="country", name="Tuvalu (app)")
    edit(
        dataset,
        "partners",
        lambda records: records.append(
            {"code": "TV", "kind": "country", "cite": records[0]["cite"]}
        ),
    )
    output = load(dataset)
    assert Partner.objects.get(code="TV").name == "Tuvalu (app)"
    assert "partners.yaml, partner 'TV'" in output


def test_a_record_the_dataset_dropped_is_kept_and_reported(dataset):
    load(dataset)
    edit(
        dataset,
        "instruments",
        lambda records: records.remove(
            next(r for r in records if r["key"] == "is-cooperation-agreement")
        ),
    )
    output = load(dataset)
    assert Instrument.objects.filter(key="is-cooperation-agreement").exists()
    assert "is-cooperation-agreement" in output


def test_a_loaded_event_corrected_through_an_approved_proposal_keeps_its_correction(
    dataset, django_user_model
):
    load(dataset)
    agreement = Instrument.objects.get(key="no-cooperation-agreement")
    signed = agreement.events.get(kind="signed")
    alice = api_as(django_user_model, "alice")
    erin = api_as(django_user_model, "erin")
    proposal = alice.patch(
        f"/api/instruments/{agreement.pk}/events/{signed.pk}/",
        {"date": "2005-04-27"},
        format="json",
    )
    assert proposal.status_code == 202, proposal.content
    approved = erin.post(f"/api/proposals/{proposal.json()['id']}/approve/")
    assert approved.status_code == 200, approved.content

    first = load(dataset)
    before = writes()
    second = load(dataset)
    assert str(InstrumentEvent.objects.get(pk=signed.pk).date) == "2005-04-27"
    assert "instruments.yaml, instrument 'no-cooperation-agreement'" in first
    assert "events" in first
    assert writes() == before
    assert "nothing created or changed" in second


def test_dataset_events_that_do_not_fit_the_app_s_events_are_reported_not_written(
    dataset, django_user_model
):
    load(dataset)
    source = SourceFactory(key="note-verbale-2026", title="Note verbale")
    arrangement = Instrument.objects.get(key="ng-working-arrangement")
    recorded = api_as(django_user_model, "alice").post(
        f"/api/instruments/{arrangement.pk}/events/",
        {"kind": "suspended", "date": "2026-04-01", "source": source.key},
        format="json",
    )
    assert recorded.status_code == 201, recorded.content

    def end_in_2025(records):
        record = next(r for r in records if r["key"] == "ng-working-arrangement")
        record["events"].append({"kind": "ended", "date": "2025-01-01", "cite": record["cite"]})

    edit(dataset, "instruments", end_in_2025)
    output = load(dataset)
    assert "instruments.yaml, instrument 'ng-working-arrangement'" in output
    assert "do not fit the events recorded in the app" in output
    assert list(arrangement.events.order_by("pk").values_list("kind", flat=True)) == [
        "in_force",
        "suspended",
    ]
