"""Mark the records of an existing register with their origin.

A record whose key is in the reference dataset shipped with this version is marked as
reference data; every other one stays "recorded in the app", which the loader never
touches. Events have no key: an event of a reference instrument is reference data when
the dataset lists an event of the same kind, date and precision for that instrument (each
dataset event matched once, earliest recorded first); any other event, such as one
recorded or approved in the app, stays "app". No digest is written: on the next load a
reference record whose values equal the dataset's is adopted (its digest recorded), and
one that differs is reported as a conflict and kept, since nobody can tell any more who
changed it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import migrations

from liaison.reference.yaml_files import yaml_text_load

REFERENCE = "reference"


def _records(name: str) -> Any:
    path = Path(settings.REFERENCE_DATA_DIR) / f"{name}.yaml"
    try:
        return yaml_text_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def _list(content: Any, name: str) -> list[dict[str, Any]]:
    value = content.get(name) if isinstance(content, dict) else None
    return [item for item in value or [] if isinstance(item, dict)]


def _mark(model: Any, field: str, keys: set[Any]) -> None:
    keys = {key for key in keys if isinstance(key, str) and key}
    # Marking where rows come from changes no fact of the register: nothing for the history.
    model.objects.filter(**{f"{field}__in": keys}).update(origin=REFERENCE)


def mark_reference_records(apps: Any, schema_editor: Any) -> None:
    for name, app, model_name, field in (
        ("sources", "sources", "Source", "key"),
        ("regions", "partners", "Region", "code"),
        ("partners", "partners", "Partner", "code"),
    ):
        content = _records(name)
        _mark(apps.get_model(app, model_name), field, {r.get(field) for r in _list(content, name)})

    instruments = _list(_records("instruments"), "instruments")
    Instrument = apps.get_model("instruments", "Instrument")
    InstrumentEvent = apps.get_model("instruments", "InstrumentEvent")
    _mark(Instrument, "key", {record.get("key") for record in instruments})
    for record in instruments:
        instrument = Instrument.objects.filter(key=record.get("key")).first()
        if instrument is None:
            continue
        wanted = [
            (event.get("kind"), str(event.get("date")), event.get("date_precision", "day"))
            for event in record.get("events") or []
            if isinstance(event, dict)
        ]
        matched = []
        for event in InstrumentEvent.objects.filter(instrument=instrument).order_by("pk"):
            signature = (event.kind, str(event.date), event.date_precision)
            if signature in wanted:
                wanted.remove(signature)
                matched.append(event.pk)
        InstrumentEvent.objects.filter(pk__in=matched).update(origin=REFERENCE)

    strategy = _records("strategy")
    strategy = strategy.get("strategy") if isinstance(strategy, dict) else None
    if isinstance(strategy, dict) and isinstance(strategy.get("key"), str):
        Strategy = apps.get_model("strategy", "Strategy")
        _mark(Strategy, "key", {strategy["key"]})
        priorities = _list(strategy, "priorities")
        apps.get_model("strategy", "Priority").objects.filter(
            strategy__key=strategy["key"],
            number__in=[p.get("number") for p in priorities if isinstance(p.get("number"), int)],
        ).update(origin=REFERENCE)
        _mark(
            apps.get_model("strategy", "KeyAction"),
            "key",
            {action.get("key") for p in priorities for action in _list(p, "key_actions")},
        )
        _mark(
            apps.get_model("strategy", "PolicyDocument"),
            "key",
            {document.get("key") for document in _list(strategy, "policy_documents")},
        )

    engagements = _records("engagements")
    for name, model_name in (("projects", "Project"), ("engagements", "Engagement")):
        _mark(
            apps.get_model("engagements", model_name),
            "key",
            {record.get("key") for record in _list(engagements, name)},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0003_record_origin_and_reference_digest"),
        ("partners", "0002_record_origin_and_reference_digest"),
        ("instruments", "0003_record_origin_and_reference_digest"),
        ("strategy", "0003_record_origin_and_reference_digest"),
        ("engagements", "0004_record_origin_and_reference_digest"),
    ]

    operations = [migrations.RunPython(mark_reference_records, migrations.RunPython.noop)]
