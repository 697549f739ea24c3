"""The loader keeps to the lifecycle rules of every other door, and its writes are in
the change history: creations, updates and deletions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.reference.loader import ReferenceDataError, reference_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    target = tmp_path / "reference"
    shutil.copytree(settings.REFERENCE_DATA_DIR, target)
    return target


def edit_instrument(dataset: Path, key: str, change) -> None:
    path = dataset / "instruments.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(next(item for item in content["instruments"] if item["key"] == key))
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_an_impossible_history_is_refused_naming_its_record(dataset):
    edit_instrument(
        dataset,
        "ng-working-arrangement",
        lambda record: record["events"].append(
            {"kind": "mandate", "date": "2024-01-01", "cite": record["events"][0]["cite"]}
        ),
    )
    with pytest.raises(ReferenceDataError) as refused:
        reference_load(directory=dataset)
    assert "instruments.yaml, instrument 'ng-working-arrangement'" in str(refused.value)
    assert "cannot go from “in force” to “negotiating mandate”" in str(refused.value)
    assert not Instrument.objects.exists()


def test_changes_the_loader_makes_are_in_the_history(dataset):
    reference_load(directory=dataset)
    instrument = Instrument.objects.get(key="cl-working-arrangement")
    signed = instrument.events.get(kind="signed")
    edit_instrument(
        dataset, "cl-working-arrangement", lambda record: record.update(title="Renamed")
    )
    edit_instrument(
        dataset, "cl-working-arrangement", lambda record: record["events"].pop()
    )  # the signature
    reference_load(directory=dataset)
    updated = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Instrument),
        object_id=instrument.pk,
        action=1,
    )
    assert updated.changes_dict["title"][1] == "Renamed"
    assert LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(InstrumentEvent),
        object_id=signed.pk,
        action=2,
    ).exists()
