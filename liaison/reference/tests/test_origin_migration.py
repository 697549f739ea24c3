"""Upgrading an existing register: the data migration marks what the shipped dataset
holds as reference data and everything else, app-recorded events included, as the app's;
the next load then keeps the app's records and rewrites nothing."""

from __future__ import annotations

import datetime
import importlib
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from liaison.engagements.models import Engagement
from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.instruments.testing.factories import add_event
from liaison.partners.models import Partner
from liaison.reference.loader import reference_load
from liaison.strategy.models import KeyAction
from liaison.strategy.services import strategy_load

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "liaison.reference.migrations.0001_mark_records_loaded_from_the_reference_data"
)


def as_before_the_upgrade() -> None:
    """Every record as a register without origins has it: the default, the app's."""
    for model in (Partner, Instrument, InstrumentEvent, KeyAction, Engagement):
        model.objects.update(
            origin="app", **({} if model is InstrumentEvent else {"reference_digest": ""})
        )


def test_it_marks_the_dataset_s_records_and_keeps_the_app_s(db):
    reference_load(directory=settings.REFERENCE_DATA_DIR)
    strategy_load(path=settings.REFERENCE_DATA_DIR / "strategy.yaml")
    call_command("load_engagements", stdout=StringIO())
    arrangement = Instrument.objects.get(key="no-cooperation-agreement")
    recorded = add_event(arrangement, "suspended", date=datetime.date(2026, 3, 1))
    app_partner = Partner.objects.create(code="TV", kind="country", name="Tuvalu")
    as_before_the_upgrade()

    migration.mark_reference_records(apps, None)

    assert Partner.objects.get(code="NO").origin == "reference"
    assert Partner.objects.get(pk=app_partner.pk).origin == "app"
    assert arrangement.events.get(pk=recorded.pk).origin == "app"
    assert set(arrangement.events.exclude(pk=recorded.pk).values_list("origin", flat=True)) == {
        "reference"
    }
    assert KeyAction.objects.filter(origin="app").count() == 0
    assert Engagement.objects.filter(origin="app").count() == 0

    output = StringIO()
    call_command("load_reference", stdout=output)
    assert "nothing created or changed" in output.getvalue()
    assert arrangement.events.filter(pk=recorded.pk).exists()
    entries = LogEntry.objects.count()
    call_command("load_reference", stdout=StringIO())
    assert LogEntry.objects.count() == entries
