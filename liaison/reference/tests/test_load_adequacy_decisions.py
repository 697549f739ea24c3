"""Adequacy decisions are reference data with the act they are made under and the sectors
they cover; an EDPS authorisation is loaded whole. A scope changed in the app is kept."""

from __future__ import annotations

import datetime
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from liaison.instruments.models import Instrument
from liaison.sources.choices import Confidence

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    target = tmp_path / "reference"
    shutil.copytree(settings.REFERENCE_DATA_DIR, target)
    return target


def edit_instrument(dataset: Path, key: str, change: Any) -> None:
    path = dataset / "instruments.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(next(record for record in content["instruments"] if record["key"] == key))
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


def load(directory: Path) -> str:
    out = StringIO()
    call_command("load_reference", directory=directory, stdout=out)
    return out.getvalue()


def test_the_shipped_decisions_carry_act_scope_and_unverified_sources(dataset):
    load(dataset)
    decisions = {
        i.partner.code + ":" + i.adequacy_act: i.adequacy_scope
        for i in Instrument.objects.filter(type="adequacy_decision").select_related("partner")
    }
    assert decisions["GB:led_36"] == "limited"
    assert decisions["GB:gdpr_45"] == "all_sectors"
    assert decisions["CH:gdpr_45"] == "all_sectors"
    assert decisions["CA:gdpr_45"] == "private_sector_only"
    assert decisions["US:gdpr_45"] == "private_sector_only"
    canada = Instrument.objects.get(key="ca-adequacy-decision")
    assert {c.confidence for c in canada.citations.all()} == {Confidence.UNVERIFIED}


def test_an_adequacy_decision_without_act_or_scope_is_refused(dataset):
    edit_instrument(dataset, "ch-adequacy-decision", lambda record: record.pop("adequacy_scope"))
    with pytest.raises(CommandError, match="ch-adequacy-decision.*adequacy_scope"):
        load(dataset)
    assert not Instrument.objects.exists()


def test_an_edps_authorisation_is_loaded_with_its_reference_and_date(dataset):
    edit_instrument(
        dataset,
        "ng-working-arrangement",
        lambda record: record.update(
            edps_authorisation={"reference": "EDPS 2024-0917", "date": "2024-03-04"}
        ),
    )
    load(dataset)
    arrangement = Instrument.objects.get(key="ng-working-arrangement")
    assert arrangement.edps_authorisation_reference == "EDPS 2024-0917"
    assert arrangement.edps_authorised_on == datetime.date(2024, 3, 4)


def test_an_edps_authorisation_without_its_date_is_refused(dataset):
    edit_instrument(
        dataset,
        "ng-working-arrangement",
        lambda record: record.update(edps_authorisation={"reference": "EDPS 2024-0917"}),
    )
    with pytest.raises(CommandError, match="date"):
        load(dataset)


def test_a_scope_changed_in_the_app_is_kept_and_reported(dataset):
    load(dataset)
    decision = Instrument.objects.get(key="il-adequacy-decision")
    decision.adequacy_scope = "all_sectors"
    decision.save()
    edit_instrument(
        dataset,
        "il-adequacy-decision",
        lambda record: record.update(adequacy_scope="private_sector_only"),
    )
    output = load(dataset)
    assert Instrument.objects.get(key="il-adequacy-decision").adequacy_scope == "all_sectors"
    assert "il-adequacy-decision" in output
