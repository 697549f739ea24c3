"""A date that is no day of the calendar, or a number out of range, in any file the three
loaders read is refused like every other bad value: file, record and field named, nothing
loaded, no traceback."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from liaison.engagements.models import Engagement
from liaison.instruments.models import Instrument
from liaison.strategy.models import Strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    target = tmp_path / "reference"
    shutil.copytree(settings.REFERENCE_DATA_DIR, target)
    return target


def refusal(command: str, **options: object) -> str:
    with pytest.raises(CommandError) as error:
        call_command(command, stdout=StringIO(), **options)
    return str(error.value)


def test_an_impossible_event_date_names_file_record_and_field(dataset):
    path = dataset / "instruments.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("date: 2005-04-28", "date: 2005-02-30", 1), encoding="utf-8")
    message = refusal("load_reference", directory=dataset)
    assert "instruments.yaml, instrument 'no-cooperation-agreement'" in message
    assert "event 1" in message and "'date'" in message and "2005-02-30" in message
    assert not Instrument.objects.exists()


@pytest.mark.parametrize(
    "old, new",
    [
        ("date: 2005-04-28", "date: 2005-04-28 25:00:00"),
        ("date: 2005-04-28", "date: 0000-01-01"),
    ],
)
def test_other_impossible_timestamps_are_named_too(dataset, old, new):
    path = dataset / "instruments.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    message = refusal("load_reference", directory=dataset)
    assert "instrument 'no-cooperation-agreement'" in message and "'date'" in message


def test_an_impossible_source_date_is_named(dataset):
    path = dataset / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    first_date = next(line for line in text.splitlines() if line.strip().startswith("date: 2"))
    path.write_text(text.replace(first_date, "    date: 2023-13-01", 1), encoding="utf-8")
    message = refusal("load_reference", directory=dataset)
    assert "sources.yaml, source '" in message and "'date'" in message


def test_an_impossible_strategy_date_is_named(tmp_path, reference_data):
    path = tmp_path / "strategy.yaml"
    text = (settings.REFERENCE_DATA_DIR / "strategy.yaml").read_text(encoding="utf-8")
    assert "period_end: 2027-12-31" in text
    path.write_text(text.replace("period_end: 2027-12-31", "period_end: 2027-02-30"), "utf-8")
    message = refusal("load_strategy", file=path)
    assert "strategy.yaml" in message and "period_end" in message and "2027-02-30" in message
    assert not Strategy.objects.exists()


def test_a_huge_strategy_number_is_named(tmp_path, reference_data):
    path = tmp_path / "strategy.yaml"
    text = (settings.REFERENCE_DATA_DIR / "strategy.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("number: 1\n", "number: 99999999999999999999\n", 1), "utf-8")
    message = refusal("load_strategy", file=path)
    assert "strategy.yaml" in message and "'number'" in message
    assert not Strategy.objects.exists()


ENGAGEMENT = (
    "projects: []\nengagements:\n  - key: x\n    kind: conference\n    title: X\n"
    "    start_date: 2024-01-01\n{extra}    cite: [{{source: seed-002-strategy}}]\n"
)


@pytest.mark.parametrize(
    "extra, field",
    [
        ("    end_date: 2024-02-30\n", "end_date"),
        ("    end_date: soon\n", "end_date"),
        ("    date_precision: fortnight\n", "date_precision"),
        ("    online: maybe\n", "online"),
    ],
)
def test_a_bad_engagement_value_is_named(tmp_path, reference_data, extra, field):
    path = tmp_path / "engagements.yaml"
    path.write_text(ENGAGEMENT.format(extra=extra), encoding="utf-8")
    message = refusal("load_engagements", file=path)
    assert "engagements.yaml, engagement 'x'" in message and field in message
    assert not Engagement.objects.exists()


def test_an_impossible_engagement_start_date_is_named(tmp_path, reference_data):
    path = tmp_path / "engagements.yaml"
    path.write_text(
        ENGAGEMENT.format(extra="").replace("2024-01-01", "2024-02-30"), encoding="utf-8"
    )
    message = refusal("load_engagements", file=path)
    assert "engagement 'x'" in message and "start_date" in message


def test_a_bad_project_date_is_named(tmp_path, reference_data):
    path = tmp_path / "engagements.yaml"
    path.write_text(
        "projects:\n  - key: p\n    name: P\n    funding_instrument: F\n"
        "    start_date: 2024-02-30\n    cite: [{source: seed-002-strategy}]\nengagements: []\n",
        encoding="utf-8",
    )
    message = refusal("load_engagements", file=path)
    assert "project 'p'" in message and "start_date" in message


@pytest.mark.parametrize(
    "extra, field",
    [
        ("    partners: [{code: NO}]\n", "partners"),
        ("    project: [a, b]\n", "project"),
    ],
)
def test_a_mapping_where_a_code_belongs_is_named(tmp_path, reference_data, extra, field):
    path = tmp_path / "engagements.yaml"
    path.write_text(ENGAGEMENT.format(extra=extra), encoding="utf-8")
    message = refusal("load_engagements", file=path)
    assert "engagement 'x'" in message and field in message


def test_a_mapping_where_a_strategy_key_belongs_is_named(tmp_path, reference_data):
    path = tmp_path / "strategy.yaml"
    text = (settings.REFERENCE_DATA_DIR / "strategy.yaml").read_text(encoding="utf-8")
    broken = text.replace("- key: p1-support-commission-negotiations", "- key: {a: 1}", 1).replace(
        "[{source: seed-002-strategy, at: 'Priority 1, key actions'}]", "[{source: [x]}]", 1
    )
    path.write_text(broken, encoding="utf-8")
    message = refusal("load_strategy", file=path)
    assert "key action" in message and "'key'" in message
    assert not Strategy.objects.exists()


def test_a_nul_character_in_a_reference_text_is_named(dataset):
    path = dataset / "instruments.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "title: Cooperation agreement between Eurojust and Norway", 'title: "No\\0rway"', 1
        ),
        encoding="utf-8",
    )
    message = refusal("load_reference", directory=dataset)
    assert "instrument 'no-cooperation-agreement'" in message and "'title'" in message


def test_a_nul_character_in_an_engagement_text_is_named(tmp_path, reference_data):
    path = tmp_path / "engagements.yaml"
    path.write_text(ENGAGEMENT.format(extra='    outcomes: "a\\0b"\n'), encoding="utf-8")
    message = refusal("load_engagements", file=path)
    assert "engagement 'x'" in message and "outcomes" in message
